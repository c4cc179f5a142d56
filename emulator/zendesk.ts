// The subset of the Zendesk Support API (v2) the Zendesk companion uses, per account subdomain
// (<subdomain>.zendesk.com), with Zendesk's documented answers. Sources:
// - Tickets, Ticket Comments, Tags, Users, Views, Search (export):
//   https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/ (Update Ticket: comment, status;
//   "closed" tickets cannot be updated), .../tickets/ticket_comments/, .../ticket-management/tags/ (PUT adds,
//   POST replaces), .../users/users/ (Show Many Users, Update User: suspended, notes; Search Users),
//   .../business-rules/views/#list-tickets-from-a-view, .../ticket-management/search/#export-search-results
//   (cursor pagination; filter[type] required)
// - Pagination: https://developer.zendesk.com/api-reference/introduction/pagination/ (page[size] at most 100;
//   meta.has_more, meta.after_cursor, links.next)
// - Errors: https://developer.zendesk.com/api-reference/introduction/requests/ ({"error", "description",
//   "details"}; 401 "Couldn't authenticate you"; 404 RecordNotFound; 422 RecordInvalid)
// - Rate limits: https://developer.zendesk.com/api-reference/introduction/rate-limits/ (429 with Retry-After,
//   X-Rate-Limit and X-Rate-Limit-Remaining; Update Ticket: 30 updates per ticket per user in 10 minutes)
import type {EmulatorState} from "./state";
import type {ForeignHandler, ForeignResponse} from "./server";

export interface ZUser {
  id: number;
  name: string;
  email: string | null;
  role: "end-user" | "agent" | "admin";
  suspended: boolean;
  notes: string | null;
  created_at: string;
}
export interface ZTicket {
  id: number;
  subject: string | null;
  description: string;
  status: "new" | "open" | "pending" | "hold" | "solved" | "closed";
  priority: string | null;
  requester_id: number;
  tags: string[];
  created_at: string;
  updated_at: string;
}
export interface ZComment {
  id: number;
  author_id: number;
  body: string;
  public: boolean;
  created_at: string;
}
export interface ZAccount {
  subdomain: string;
  /** OAuth access tokens -> the agent they act as. */
  tokens: Map<string, number>;
  users: Map<number, ZUser>;
  tickets: Map<number, ZTicket>;
  comments: Map<number, ZComment[]>;
  /** Views by id: the tickets whose tags include `tag` (enough for the companion's tests). */
  views: Map<number, {id: number; title: string; tag: string}>;
  nextId: number;
  /** Account-wide requests per minute (the plan's limit). */
  perMinute: number;
  window: {start: number; count: number};
  /** The next N requests answer 429 with this Retry-After (seconds). */
  throttleNext: number;
  throttleRetryAfter: number;
  /** Update Ticket's own limit: timestamps of updates per ticket and agent. */
  ticketUpdates: Map<string, number[]>;
  requests: Array<{method: string; path: string; status: number; body?: unknown}>;
}

export function zendeskAccounts(state: EmulatorState): Map<string, ZAccount> {
  let accounts = state.extensions.get("zendesk") as Map<string, ZAccount> | undefined;
  if (!accounts) {
    accounts = new Map();
    state.extensions.set("zendesk", accounts);
  }
  return accounts;
}

export function addZendeskAccount(state: EmulatorState, subdomain: string): ZAccount {
  const account: ZAccount = {
    subdomain,
    tokens: new Map(),
    users: new Map(),
    tickets: new Map(),
    comments: new Map(),
    views: new Map(),
    nextId: 1000,
    perMinute: 700,
    window: {start: 0, count: 0},
    throttleNext: 0,
    throttleRetryAfter: 1,
    ticketUpdates: new Map(),
    requests: [],
  };
  zendeskAccounts(state).set(subdomain, account);
  return account;
}

export function addZendeskUser(account: ZAccount, user: Partial<ZUser> & {id: number; name: string}): ZUser {
  const record: ZUser = {
    email: null,
    role: "end-user",
    suspended: false,
    notes: null,
    created_at: "2026-01-02T09:00:00Z",
    ...user,
  };
  account.users.set(record.id, record);
  return record;
}

export function addTicket(
  account: ZAccount,
  ticket: Partial<ZTicket> & {id: number; requester_id: number; subject: string},
  firstComment?: string,
): ZTicket {
  const at = ticket.created_at ?? "2026-02-10T08:00:00Z";
  const record: ZTicket = {
    description: firstComment ?? ticket.subject,
    status: "open",
    priority: null,
    tags: [],
    created_at: at,
    updated_at: at,
    ...ticket,
  };
  account.tickets.set(record.id, record);
  account.comments.set(record.id, [
    {id: account.nextId++, author_id: record.requester_id, body: record.description, public: true, created_at: at},
  ]);
  return record;
}

class ZError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(String(status));
  }
}
const notFound = () => new ZError(404, {error: "RecordNotFound", description: "Not found"});
const invalid = (field: string, description: string) =>
  new ZError(422, {
    error: "RecordInvalid",
    description: "Record validation errors",
    details: {[field]: [{description}]},
  });

const base = (a: ZAccount) => `https://${a.subdomain}.zendesk.com`;

/** Cursor pagination over records in id order; cursors are opaque (base64 of the last id). */
function cursorPage<T extends {id: number}>(
  a: ZAccount,
  path: string,
  query: URLSearchParams,
  items: T[],
): {page: T[]; meta: unknown; links: unknown} {
  const size = Number(query.get("page[size]") ?? 100);
  if (!Number.isInteger(size) || size < 1 || size > 100) {
    throw new ZError(400, {error: "InvalidPaginationParameter", description: "page[size] must be between 1 and 100"});
  }
  const after = query.get("page[after]");
  const afterId = after ? Number(Buffer.from(after, "base64").toString("utf8")) : 0;
  const sorted = [...items].sort((x, y) => x.id - y.id).filter((x) => x.id > afterId);
  const page = sorted.slice(0, size);
  const hasMore = sorted.length > size;
  const last = page[page.length - 1];
  const cursor = last ? Buffer.from(String(last.id)).toString("base64") : null;
  const next = new URLSearchParams(query);
  next.set("page[after]", cursor ?? "");
  return {
    page,
    meta: {has_more: hasMore, after_cursor: cursor, before_cursor: null},
    links: {next: hasMore ? `${base(a)}${path}?${next.toString()}` : null, prev: null},
  };
}

export const handleZendesk: ForeignHandler = (state, call) => {
  const subdomain = call.host.split(".")[0] ?? "";
  const a = zendeskAccounts(state).get(subdomain);
  if (!a) {
    // An unknown subdomain answers an HTML page, not the API.
    return {status: 404, body: "<html><body>Oops! This help center no longer exists.</body></html>"};
  }
  const path = call.path.replace(/\.json$/, "");
  const record = (r: ForeignResponse): ForeignResponse => {
    a.requests.push({
      method: call.method,
      path,
      status: r.status,
      ...(call.body === undefined ? {} : {body: call.body}),
    });
    return r;
  };
  const token = /^Bearer (.+)$/.exec(String(call.headers.authorization ?? ""))?.[1];
  const agentId = token ? a.tokens.get(token) : undefined;
  const agent = agentId === undefined ? undefined : a.users.get(agentId);
  if (!agent) {
    return record({status: 401, body: {error: "Couldn't authenticate you"}});
  }
  const now = Date.now();
  if (now - a.window.start >= 60_000) {
    a.window = {start: now, count: 0};
  }
  const tooMany = (seconds: number, text: string) =>
    record({
      status: 429,
      body: text,
      headers: {"Retry-After": String(seconds), "X-Rate-Limit": String(a.perMinute), "X-Rate-Limit-Remaining": "0"},
    });
  if (a.throttleNext > 0) {
    a.throttleNext--;
    return tooMany(a.throttleRetryAfter, "Number of allowed API requests per minute exceeded");
  }
  if (a.window.count >= a.perMinute) {
    return tooMany(
      Math.ceil((a.window.start + 60_000 - now) / 1000),
      "Number of allowed API requests per minute exceeded",
    );
  }
  a.window.count++;
  const headers = {"X-Rate-Limit": String(a.perMinute), "X-Rate-Limit-Remaining": String(a.perMinute - a.window.count)};
  try {
    const body = serve(a, agent, call.method, path, call.query, call.body, now);
    return record({status: 200, body, headers});
  } catch (err) {
    if (err instanceof ZError) {
      return record({status: err.status, body: err.body, headers: {...headers, ...err.headers}});
    }
    throw err;
  }
};

function ticketOf(a: ZAccount, id: string): ZTicket {
  const t = a.tickets.get(Number(id));
  if (!t) {
    throw notFound();
  }
  return t;
}

function userOf(a: ZAccount, id: string): ZUser {
  const u = a.users.get(Number(id));
  if (!u) {
    throw notFound();
  }
  return u;
}

function serve(
  a: ZAccount,
  agent: ZUser,
  method: string,
  path: string,
  query: URLSearchParams,
  body: unknown,
  now: number,
): unknown {
  const at = new Date(now).toISOString().replace(/\.\d{3}Z$/, "Z");
  let m: RegExpExecArray | null;
  if (method === "GET" && path === "/api/v2/users/me") {
    return {user: agent};
  }
  if (method === "GET" && path === "/api/v2/tickets") {
    const p = cursorPage(a, path, query, [...a.tickets.values()]);
    return {tickets: p.page, meta: p.meta, links: p.links};
  }
  if (method === "GET" && (m = /^\/api\/v2\/views\/(\d+)\/tickets$/.exec(path))) {
    const view = a.views.get(Number(m[1]));
    if (!view) {
      throw notFound();
    }
    const p = cursorPage(
      a,
      path,
      query,
      [...a.tickets.values()].filter((t) => t.tags.includes(view.tag)),
    );
    return {tickets: p.page, meta: p.meta, links: p.links};
  }
  if (method === "GET" && path === "/api/v2/search/export") {
    if (query.get("filter[type]") !== "ticket") {
      throw new ZError(400, {error: "InvalidSearchExportParameters", description: "filter[type] is required"});
    }
    const tag = /tags:"?([^"\s]+)"?/.exec(query.get("query") ?? "")?.[1];
    const p = cursorPage(
      a,
      path,
      query,
      [...a.tickets.values()].filter((t) => !tag || t.tags.includes(tag)),
    );
    return {results: p.page.map((t) => ({...t, result_type: "ticket"})), meta: p.meta, links: p.links};
  }
  if (method === "GET" && (m = /^\/api\/v2\/tickets\/(\d+)$/.exec(path))) {
    return {ticket: ticketOf(a, m[1] ?? "")};
  }
  if (method === "GET" && (m = /^\/api\/v2\/tickets\/(\d+)\/comments$/.exec(path))) {
    ticketOf(a, m[1] ?? "");
    const p = cursorPage(a, path, query, a.comments.get(Number(m[1])) ?? []);
    return {comments: p.page, meta: p.meta, links: p.links};
  }
  if (method === "GET" && path === "/api/v2/users/show_many") {
    const ids = (query.get("ids") ?? "").split(",").filter(Boolean).map(Number);
    if (ids.length > 100) {
      throw new ZError(400, {error: "InvalidParameter", description: "ids: at most 100"});
    }
    return {users: ids.map((id) => a.users.get(id)).filter(Boolean)};
  }
  if (method === "GET" && path === "/api/v2/users") {
    const p = cursorPage(a, path, query, [...a.users.values()]);
    return {users: p.page, meta: p.meta, links: p.links};
  }
  if (method === "GET" && path === "/api/v2/users/search") {
    // Offset pagination: page and per_page (at most 100), next_page as a full URL.
    const q = (query.get("query") ?? "").toLowerCase();
    const perPage = Math.min(100, Number(query.get("per_page") ?? 100));
    const pageNo = Number(query.get("page") ?? 1);
    const found = [...a.users.values()]
      .filter((u) => {
        const role = /^role:(\S+)$/.exec(q)?.[1];
        return role ? u.role === role : u.name.toLowerCase().includes(q) || (u.email ?? "").toLowerCase() === q;
      })
      .sort((x, y) => x.id - y.id);
    const slice = found.slice((pageNo - 1) * perPage, pageNo * perPage);
    const next = new URLSearchParams(query);
    next.set("page", String(pageNo + 1));
    return {
      users: slice,
      next_page: found.length > pageNo * perPage ? `${base(a)}${path}?${next.toString()}` : null,
      previous_page: null,
      count: found.length,
    };
  }
  if (method === "GET" && (m = /^\/api\/v2\/users\/(\d+)$/.exec(path))) {
    return {user: userOf(a, m[1] ?? "")};
  }
  if (method === "PUT" && (m = /^\/api\/v2\/tickets\/(\d+)$/.exec(path))) {
    const ticket = ticketOf(a, m[1] ?? "");
    const update = (body as {ticket?: {comment?: {body?: string; public?: boolean}; status?: string}} | undefined)
      ?.ticket;
    if (!update) {
      throw new ZError(400, {error: "InvalidEndpoint", description: "ticket is required"});
    }
    const key = `${ticket.id}:${agent.id}`;
    const recent = (a.ticketUpdates.get(key) ?? []).filter((t) => now - t < 600_000);
    if (recent.length >= 30) {
      throw new ZError(429, "Rate limit for ticket updates exceeded, please wait before updating this ticket again", {
        "Retry-After": String(Math.ceil((recent[0]! + 600_000 - now) / 1000)),
      });
    }
    if (ticket.status === "closed") {
      throw invalid("status", "Status: closed prevents ticket update");
    }
    if (update.status !== undefined && !["open", "pending", "hold", "solved"].includes(update.status)) {
      throw invalid("status", `Status: ${update.status} is not valid`);
    }
    if (update.comment && !String(update.comment.body ?? "").trim()) {
      throw invalid("comment", "Comment: body cannot be blank");
    }
    recent.push(now);
    a.ticketUpdates.set(key, recent);
    const events: Array<{id: number; type: string}> = [];
    if (update.comment) {
      const comment = {
        id: a.nextId++,
        author_id: agent.id,
        body: String(update.comment.body),
        public: update.comment.public !== false,
        created_at: at,
      };
      a.comments.get(ticket.id)?.push(comment);
      events.push({id: comment.id, type: "Comment"});
    }
    if (update.status) {
      ticket.status = update.status as ZTicket["status"];
      events.push({id: a.nextId++, type: "Change"});
    }
    ticket.updated_at = at;
    return {ticket, audit: {id: a.nextId++, ticket_id: ticket.id, author_id: agent.id, events}};
  }
  if (method === "PUT" && (m = /^\/api\/v2\/tickets\/(\d+)\/tags$/.exec(path))) {
    const ticket = ticketOf(a, m[1] ?? "");
    const tags = (body as {tags?: unknown} | undefined)?.tags;
    if (!Array.isArray(tags)) {
      throw new ZError(400, {error: "InvalidValue", description: "tags must be an array"});
    }
    ticket.tags = [...new Set([...ticket.tags, ...tags.map((t) => String(t).toLowerCase())])];
    ticket.updated_at = at;
    return {tags: ticket.tags};
  }
  if (method === "PUT" && (m = /^\/api\/v2\/users\/(\d+)$/.exec(path))) {
    const user = userOf(a, m[1] ?? "");
    const update = (body as {user?: {suspended?: boolean; notes?: string}} | undefined)?.user ?? {};
    if (agent.role !== "admin" && update.suspended !== undefined && user.role !== "end-user") {
      throw new ZError(403, {
        error: "Forbidden",
        description:
          "You do not have access to this page. Please contact the account owner of this help desk for further help.",
      });
    }
    if (update.suspended !== undefined) {
      user.suspended = update.suspended;
    }
    if (update.notes !== undefined) {
      user.notes = update.notes;
    }
    return {user};
  }
  throw new ZError(404, {error: "InvalidEndpoint", description: "Not found"});
}
