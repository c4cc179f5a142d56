import type * as coda from "@codahq/packs-sdk";
import {withGoogle} from "../pack/coda/boundary";
import {DISPUTE_STATUSES} from "../pack/core/records";
import type {ForwardCursor} from "../pack/ledger/store/read";
import {parseLedgerRef} from "../pack/ledger/store/ref";
import {listDisputes} from "../pack/ledger/disputes";
import {LedgerParam, optionalList, optionalText} from "../pack/coda/params";
import {disputeObject} from "../pack/coda/disputes";
import {DisputeSchema} from "../pack/coda/disputes";

export function registerDisputesTable(pack: coda.PackDefinitionBuilder): void {
  pack.addSyncTable({
    name: "Disputes",
    description:
      "Worker disputes with their category, channel, due date (business days in the worker's time zone), assignee, status, outcome and notice.",
    identityName: "Dispute",
    schema: DisputeSchema,
    formula: {
      name: "SyncDisputes",
      description: "Reads the ledger's Disputes tab, page by page.",
      parameters: [
        LedgerParam,
        optionalList(
          "status",
          "Only disputes in these statuses (Open, InReview, Decided, Closed). Leave empty for all.",
          [...DISPUTE_STATUSES],
        ),
        optionalText("assignee", 'Only disputes assigned to this email, or "me".'),
      ],
      execute: async ([ledger, status, assignee], context) =>
        withGoogle(context, async ({g, now}) => {
          const ref = parseLedgerRef(ledger);
          const page = await listDisputes(
            g,
            ref,
            {status, assignee},
            context.sync.continuation as ForwardCursor | undefined,
          );
          return {result: page.rows.map((r) => disputeObject(r, now, ref.spreadsheetId)), continuation: page.next};
        }),
    },
  });
}
