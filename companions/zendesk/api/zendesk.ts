// The Zendesk Support API endpoints the companion uses, one function each.
// https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/,
// .../ticketing/business-rules/views/#list-tickets-from-a-view, .../ticketing/ticket-management/search/#export-search-results,
// .../ticketing/tickets/ticket_comments/, .../ticketing/users/users/, .../ticketing/ticket-management/tags/
import type {Zendesk} from "./http";
import {callZendesk} from "./http";

export interface ZendeskTicket {
  id: number;
  subject: string | null;
  description?: string;
  status: string;
  priority: string | null;
  requester_id: number;
  tags: string[];
  created_at: string;
  updated_at: string;
}
export interface ZendeskUser {
  id: number;
  name: string;
  email: string | null;
  role: string;
  suspended: boolean;
  notes: string | null;
  created_at: string;
}
export interface ZendeskComment {
  id: number;
  author_id: number;
  body: string;
  public: boolean;
  created_at: string;
}
/** Cursor pagination: https://developer.zendesk.com/api-reference/introduction/pagination/ */
export interface CursorPage {
  meta?: {has_more?: boolean; after_cursor?: string | null};
  links?: {next?: string | null};
}

/** Cursor pages of 100, the most most endpoints give. */
export const PAGE_SIZE = 100;
const page = `page[size]=${PAGE_SIZE}`;

/** The next page's URL when Zendesk says there is more. */
export function nextPage(p: CursorPage): string | undefined {
  return p.meta?.has_more && p.links?.next ? p.links.next : undefined;
}

export const me = (z: Zendesk) =>
  callZendesk<{user: ZendeskUser}>(z, {method: "GET", path: "/api/v2/users/me", what: "read the signed-in agent"});

export const listTickets = (z: Zendesk, next?: string) =>
  callZendesk<CursorPage & {tickets: ZendeskTicket[]}>(z, {
    method: "GET",
    path: next ?? `/api/v2/tickets?${page}`,
    what: "list tickets",
  });

export const viewTickets = (z: Zendesk, viewId: number, next?: string) =>
  callZendesk<CursorPage & {tickets: ZendeskTicket[]}>(z, {
    method: "GET",
    path: next ?? `/api/v2/views/${viewId}/tickets?${page}`,
    what: "list the view's tickets",
  });

/** Export Search Results: cursor-paginated search, which needs filter[type]. */
export const ticketsTagged = (z: Zendesk, tag: string, next?: string) =>
  callZendesk<CursorPage & {results: ZendeskTicket[]}>(z, {
    method: "GET",
    path: next ?? `/api/v2/search/export?query=${encodeURIComponent(`tags:${tag}`)}&filter[type]=ticket&${page}`,
    what: "search tickets by tag",
  });

export const getTicket = (z: Zendesk, id: number) =>
  callZendesk<{ticket: ZendeskTicket}>(z, {method: "GET", path: `/api/v2/tickets/${id}`, what: "read the ticket"});

export const ticketComments = (z: Zendesk, id: number, next?: string) =>
  callZendesk<CursorPage & {comments: ZendeskComment[]}>(z, {
    method: "GET",
    path: next ?? `/api/v2/tickets/${id}/comments?${page}`,
    what: "list the ticket's comments",
  });

/** Show Many Users: up to 100 ids. */
export const usersById = async (z: Zendesk, ids: readonly number[]): Promise<Map<number, ZendeskUser>> => {
  const unique = [...new Set(ids)].filter((id) => id > 0);
  const found = new Map<number, ZendeskUser>();
  for (let i = 0; i < unique.length; i += 100) {
    const {users} = await callZendesk<{users: ZendeskUser[]}>(z, {
      method: "GET",
      path: `/api/v2/users/show_many?ids=${unique.slice(i, i + 100).join(",")}`,
      what: "read the requesters",
    });
    users.forEach((u) => found.set(u.id, u));
  }
  return found;
};

export const listUsers = (z: Zendesk, next?: string) =>
  callZendesk<CursorPage & {users: ZendeskUser[]}>(z, {
    method: "GET",
    path: next ?? `/api/v2/users?${page}`,
    what: "list users",
  });

/** Search Users: offset pages (next_page), 100 per page. */
export const searchUsers = (z: Zendesk, query: string, next?: string) =>
  callZendesk<{users: ZendeskUser[]; next_page: string | null}>(z, {
    method: "GET",
    path: next ?? `/api/v2/users/search?query=${encodeURIComponent(query)}&per_page=${PAGE_SIZE}`,
    what: "search users",
  });

export const getUser = (z: Zendesk, id: number) =>
  callZendesk<{user: ZendeskUser}>(z, {method: "GET", path: `/api/v2/users/${id}`, what: "read the user"});

export const updateTicket = (
  z: Zendesk,
  id: number,
  ticket: {comment?: {body: string; public: boolean}; status?: string},
  what: string,
) =>
  callZendesk<{ticket: ZendeskTicket; audit?: {events?: Array<{id: number; type: string}>}}>(z, {
    method: "PUT",
    path: `/api/v2/tickets/${id}`,
    body: {ticket},
    what,
  });

/** Add Tags (PUT): adds to the ticket's tags and keeps the others (POST would replace them). */
export const addTags = (z: Zendesk, id: number, tags: string[]) =>
  callZendesk<{tags: string[]}>(z, {
    method: "PUT",
    path: `/api/v2/tickets/${id}/tags`,
    body: {tags},
    what: "tag the ticket",
  });

export const updateUser = (z: Zendesk, id: number, user: {suspended: boolean; notes: string}, what: string) =>
  callZendesk<{user: ZendeskUser}>(z, {method: "PUT", path: `/api/v2/users/${id}`, body: {user}, what});
