// What Coda shows: each schema beside the presenter that fills it from Zendesk's objects.
import * as coda from "@codahq/packs-sdk";
import type {ZendeskComment, ZendeskTicket, ZendeskUser} from "../api/zendesk";

import {changeSchema, count, dateTime, flag, key, link, list, mail, numberKey, text} from "../../shared/coda/schema";

const ticketProperties = {
  TicketId: numberKey("The ticket's number."),
  Subject: text("The ticket's subject."),
  Status: text("new, open, pending, hold, solved or closed."),
  Priority: text("low, normal, high or urgent; empty when not set."),
  RequesterId: text("The requester's Zendesk user id."),
  RequesterName: text("The requester's name."),
  RequesterEmail: mail("The requester's email: match it to the ledger's worker."),
  Tags: list("The ticket's tags."),
  AgentUrl: link("The ticket in the agent interface; OpenDispute takes it as its source."),
  CreatedAt: dateTime("When the ticket was created."),
  UpdatedAt: dateTime("When the ticket last changed."),
};

export const TicketSchema = coda.makeObjectSchema({
  description: "A Zendesk ticket.",
  properties: ticketProperties,
  displayProperty: "Subject",
  idProperty: "TicketId",
  featuredProperties: ["Status", "RequesterEmail", "Tags", "AgentUrl"],
  identity: {name: "Ticket"},
});

/** What the ticket actions return: the refreshed Tickets row and what was done. */
export const TicketChangeSchema = changeSchema(
  {properties: ticketProperties, idProperty: "TicketId", identity: "Ticket"},
  "A ticket after a change, with what the action did.",
  {CommentId: text("The comment or note this action added, when it added one.")},
  ["Status", "Tags", "CommentId"],
);

export const CommentSchema = coda.makeObjectSchema({
  description: "A comment on a ticket: public replies and internal notes.",
  properties: {
    CommentId: key("The comment's id."),
    TicketId: count("The ticket's number."),
    AuthorId: text("The author's Zendesk user id."),
    AuthorName: text("The author's name."),
    AuthorEmail: mail("The author's email."),
    Public: flag("True for a reply the requester sees; false for an internal note."),
    Body: text("The comment's text."),
    CreatedAt: dateTime("When the comment was made."),
  },
  displayProperty: "Body",
  idProperty: "CommentId",
  featuredProperties: ["AuthorName", "Public", "CreatedAt"],
  identity: {name: "TicketComment"},
});

const userProperties = {
  UserId: key("The user's Zendesk id (kept as text, as the ledger's Zendesk id column)."),
  Name: text("The user's name."),
  Email: mail("The user's primary email."),
  Role: text("end-user, agent or admin."),
  Suspended: flag("True when the user is suspended: they cannot sign in or submit requests."),
  Notes: text("The notes on the user's profile (suspension reasons are appended here)."),
  AgentUrl: link("The user's profile in the agent interface."),
  CreatedAt: dateTime("When the user was created."),
};

export const UserSchema = coda.makeObjectSchema({
  description: "A Zendesk user.",
  properties: userProperties,
  displayProperty: "Name",
  idProperty: "UserId",
  featuredProperties: ["Email", "Role", "Suspended"],
  identity: {name: "User"},
});

export const UserChangeSchema = changeSchema(
  {properties: userProperties, idProperty: "UserId", identity: "User"},
  "A user after a suspension change.",
  {Reason: text("The reason recorded in the user's notes.")},
  ["Suspended", "Reason"],
);

export function ticketRow(base: string, t: ZendeskTicket, requester: ZendeskUser | undefined) {
  return {
    TicketId: t.id,
    Subject: t.subject ?? "",
    Status: t.status,
    Priority: t.priority ?? "",
    RequesterId: String(t.requester_id),
    RequesterName: requester?.name ?? "",
    RequesterEmail: requester?.email ?? "",
    Tags: [...t.tags],
    AgentUrl: `${base}/agent/tickets/${t.id}`,
    CreatedAt: t.created_at,
    UpdatedAt: t.updated_at,
  };
}

export function commentRow(ticketId: number, c: ZendeskComment, author: ZendeskUser | undefined) {
  return {
    CommentId: String(c.id),
    TicketId: ticketId,
    AuthorId: String(c.author_id),
    AuthorName: author?.name ?? "",
    AuthorEmail: author?.email ?? "",
    Public: c.public,
    Body: c.body,
    CreatedAt: c.created_at,
  };
}

export function userRow(base: string, u: ZendeskUser) {
  return {
    UserId: String(u.id),
    Name: u.name,
    Email: u.email ?? "",
    Role: u.role,
    Suspended: u.suspended,
    Notes: u.notes ?? "",
    AgentUrl: `${base}/agent/users/${u.id}`,
    CreatedAt: u.created_at,
  };
}
