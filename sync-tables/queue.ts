import type * as coda from "@codahq/packs-sdk";
import {withGoogle} from "../pack/coda/boundary";
import {queueAssignee, queuePage} from "../pack/ledger/queue";
import type {QueueCursor} from "../pack/ledger/queue";
import {parseLedgerRef} from "../pack/ledger/store/ref";
import {WorkItemSchema, workItemObject} from "../pack/coda/queue";
import {LedgerParam, optionalText} from "../pack/coda/params";

// A mapped type (Pick), so it meets Coda's Continuation index signature with `trust` optional.
type QueueContinuation = Pick<QueueCursor, keyof QueueCursor> & {assignee: string};

export function registerQueueTable(pack: coda.PackDefinitionBuilder): void {
  pack.addSyncTable({
    name: "Queue",
    description:
      "Everything waiting for someone, Critical findings first: open findings, open disputes and scheduled audits with due dates, blacklist, lift and lead proposals waiting for a second lead, screenings that are stale or need a lead to clear, notices and steps still pending.",
    identityName: "WorkItem",
    schema: WorkItemSchema,
    formula: {
      name: "SyncQueue",
      description: "Lists the open work in the ledger, one part per execution.",
      parameters: [
        LedgerParam,
        optionalText(
          "assignee",
          'Only the work assigned to this email ("me" for yourself). Leave empty for everything.',
          {
            suggestedValue: "me",
          },
        ),
      ],
      execute: async ([ledger, assignee], context) =>
        withGoogle(context, async ({g, now}) => {
          const cursor = context.sync.continuation as QueueContinuation | undefined;
          const who = cursor ? cursor.assignee : await queueAssignee(g, assignee);
          const page = await queuePage(g, parseLedgerRef(ledger), cursor, who, now);
          const continuation: QueueContinuation | undefined = page.next ? {...page.next, assignee: who} : undefined;
          return {result: page.items.map(workItemObject), continuation};
        }),
    },
  });
}
