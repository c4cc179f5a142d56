import type * as coda from "@codahq/packs-sdk";
import {nextPage, ticketComments, usersById} from "../api/zendesk";
import {zendeskFrom} from "../api/http";
import {recordId} from "../core/rules";
import {boundary} from "../coda/boundary";
import {TicketIdParam} from "../coda/params";
import {CommentSchema, commentRow} from "../coda/schemas";

export function registerCommentsTable(pack: coda.PackDefinitionBuilder): void {
  pack.addSyncTable({
    name: "TicketComments",
    description: "A ticket's public replies and internal notes, oldest first.",
    identityName: "TicketComment",
    schema: CommentSchema,
    formula: {
      name: "SyncTicketComments",
      description: "Reads a ticket's comments 100 per page.",
      parameters: [TicketIdParam],
      execute: async ([id], context) =>
        boundary(async () => {
          const ticketId = recordId(id, "ticket id");
          const z = zendeskFrom(context);
          const page = await ticketComments(z, ticketId, context.sync.continuation?.next as string | undefined);
          const authors = await usersById(
            z,
            page.comments.map((c) => c.author_id),
          );
          const more = nextPage(page);
          return {
            result: page.comments.map((c) => commentRow(ticketId, c, authors.get(c.author_id))),
            continuation: more ? {next: more} : undefined,
          };
        }),
    },
  });
}
