import * as coda from "@codahq/packs-sdk";
import type {ZendeskTicket} from "../api/zendesk";
import {addTags, getTicket, updateTicket, usersById} from "../api/zendesk";
import type {Zendesk} from "../api/http";
import {zendeskFrom} from "../api/http";
import {body, recordId, status, tags} from "../core/rules";
import {boundary} from "../coda/boundary";
import {statusParam, TicketIdParam} from "../coda/params";
import {TicketChangeSchema, ticketRow} from "../coda/schemas";
import {EXAMPLE_TICKET} from "./examples";
import {textParam} from "../../shared/coda/params";

async function changed(z: Zendesk, ticket: ZendeskTicket, commentId: number | undefined, done: string) {
  const requester = (await usersById(z, [ticket.requester_id])).get(ticket.requester_id);
  return {
    ...ticketRow(z.base, ticket, requester),
    CommentId: commentId === undefined ? "" : String(commentId),
    Done: done,
  };
}

async function comment(
  context: coda.ExecutionContext,
  id: number | string,
  text: string,
  isPublic: boolean,
  newStatus?: string,
) {
  const ticketId = recordId(id, "ticket id");
  const content = body(text, isPublic ? "reply" : "note");
  const s = newStatus === undefined ? undefined : status(newStatus, true);
  const z = zendeskFrom(context);
  const out = await updateTicket(
    z,
    ticketId,
    {comment: {body: content, public: isPublic}, ...(s ? {status: s} : {})},
    isPublic ? "reply to the ticket" : "add the internal note",
  );
  const commentId = out.audit?.events?.find((e) => e.type === "Comment")?.id;
  const what = isPublic ? "Replied to the requester" : "Added an internal note";
  return changed(z, out.ticket, commentId, `${what} on ticket #${ticketId}${s ? `; status ${s}` : ""}.`);
}

export function registerTickets(pack: coda.PackDefinitionBuilder): void {
  pack.addFormula({
    name: "AddInternalNote",
    description: "Adds an internal note to a ticket: agents see it, the requester does not.",
    isAction: true,
    parameters: [TicketIdParam, textParam("note", "The note's text.")],
    resultType: coda.ValueType.Object,
    schema: TicketChangeSchema,
    examples: [
      {
        params: [EXAMPLE_TICKET, "Dispute D-000001 opened in the ledger from this ticket."],
        result: {TicketId: EXAMPLE_TICKET, Status: "open"},
      },
    ],
    execute: async ([ticketId, note], context) => boundary(() => comment(context, ticketId, note, false)),
  });

  pack.addFormula({
    name: "ReplyToTicket",
    description: "Sends the requester a public reply on the ticket, optionally setting its status (solved, pending…).",
    isAction: true,
    parameters: [TicketIdParam, textParam("text", "The reply the requester reads."), statusParam(true)],
    resultType: coda.ValueType.Object,
    schema: TicketChangeSchema,
    examples: [
      {
        params: [EXAMPLE_TICKET, "We reviewed your appeal and reinstated your account.", "solved"],
        result: {TicketId: EXAMPLE_TICKET, Status: "solved"},
      },
    ],
    execute: async ([ticketId, text, newStatus], context) =>
      boundary(() => comment(context, ticketId, text, true, newStatus)),
  });

  pack.addFormula({
    name: "SetTicketStatus",
    description: "Sets a ticket's status: open, pending, hold or solved.",
    isAction: true,
    parameters: [TicketIdParam, statusParam(false)],
    resultType: coda.ValueType.Object,
    schema: TicketChangeSchema,
    examples: [{params: [EXAMPLE_TICKET, "pending"], result: {TicketId: EXAMPLE_TICKET, Status: "pending"}}],
    execute: async ([id, newStatus], context) =>
      boundary(async () => {
        const ticketId = recordId(id, "ticket id");
        const s = status(newStatus ?? "");
        const z = zendeskFrom(context);
        const out = await updateTicket(z, ticketId, {status: s}, "set the ticket's status");
        return changed(z, out.ticket, undefined, `Set ticket #${ticketId} to ${s}.`);
      }),
  });

  pack.addFormula({
    name: "TagTicket",
    description: "Adds tags to a ticket and keeps the tags it already has.",
    isAction: true,
    parameters: [
      TicketIdParam,
      coda.makeParameter({
        type: coda.ParameterType.StringArray,
        name: "tags",
        description: "The tags to add (lowercase, no spaces).",
      }),
    ],
    resultType: coda.ValueType.Object,
    schema: TicketChangeSchema,
    examples: [
      {params: [EXAMPLE_TICKET, ["ts-dispute"]], result: {TicketId: EXAMPLE_TICKET, Tags: ["appeal", "ts-dispute"]}},
    ],
    execute: async ([id, values], context) =>
      boundary(async () => {
        const ticketId = recordId(id, "ticket id");
        const list = tags(values);
        const z = zendeskFrom(context);
        await addTags(z, ticketId, list);
        const {ticket} = await getTicket(z, ticketId);
        return changed(z, ticket, undefined, `Tagged ticket #${ticketId}: ${list.join(", ")}.`);
      }),
  });
}
