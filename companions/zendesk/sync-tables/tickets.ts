import * as coda from "@codahq/packs-sdk";
import type {CursorPage, ZendeskTicket} from "../api/zendesk";
import {listTickets, nextPage, ticketsTagged, usersById, viewTickets} from "../api/zendesk";
import {zendeskFrom} from "../api/http";
import {recordId, tags} from "../core/rules";
import {boundary} from "../coda/boundary";
import {TicketSchema, ticketRow} from "../coda/schemas";

export function registerTicketsTable(pack: coda.PackDefinitionBuilder): void {
  pack.addSyncTable({
    name: "Tickets",
    description: "Tickets with the requester's email and the agent link: a view's, a tag's, or all.",
    identityName: "Ticket",
    schema: TicketSchema,
    formula: {
      name: "SyncTickets",
      description: "Reads tickets 100 per page (cursor pagination).",
      parameters: [
        coda.makeParameter({
          type: coda.ParameterType.Number,
          name: "view",
          description: "A view's id: only its tickets.",
          optional: true,
        }),
        coda.makeParameter({
          type: coda.ParameterType.String,
          name: "tag",
          description: "Only tickets with this tag.",
          optional: true,
        }),
      ],
      execute: async ([view, tag], context) =>
        boundary(async () => {
          const viewId = view === undefined ? undefined : recordId(view, "view id");
          const onlyTag = tag ? tags([tag])[0] : undefined;
          const z = zendeskFrom(context);
          const next = context.sync.continuation?.next as string | undefined;
          let page: CursorPage;
          let tickets: ZendeskTicket[];
          if (viewId !== undefined) {
            const p = await viewTickets(z, viewId, next);
            page = p;
            tickets = onlyTag ? p.tickets.filter((t) => t.tags.includes(onlyTag)) : p.tickets;
          } else if (onlyTag) {
            const p = await ticketsTagged(z, onlyTag, next);
            page = p;
            tickets = p.results;
          } else {
            const p = await listTickets(z, next);
            page = p;
            tickets = p.tickets;
          }
          const requesters = await usersById(
            z,
            tickets.map((t) => t.requester_id),
          );
          const more = nextPage(page);
          return {
            result: tickets.map((t) => ticketRow(z.base, t, requesters.get(t.requester_id))),
            continuation: more ? {next: more} : undefined,
          };
        }),
    },
  });
}
