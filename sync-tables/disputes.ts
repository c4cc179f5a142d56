import type * as coda from "@codahq/packs-sdk";
import {withGoogle} from "../pack/coda/boundary";
import type {DisputeRecord} from "../pack/core/records";
import {DISPUTE_STATUSES} from "../pack/core/records";
import {currentUser} from "../pack/google/userinfo";
import {DISPUTES} from "../pack/ledger/store/layout";
import type {ForwardCursor} from "../pack/ledger/store/read";
import {readForward} from "../pack/ledger/store/read";
import {parseLedgerRef} from "../pack/ledger/store/ref";
import type {ParsedRow} from "../pack/ledger/store/rows";
import {markDuplicateIds} from "../pack/ledger/store/rows";
import {LedgerParam, optionalList, optionalText} from "../pack/coda/params";
import {disputeObject} from "../pack/coda/disputes";
import {DisputeSchema} from "../pack/coda/disputes";

export const DISPUTES_PAGE_ROWS = 2_000;

/** Whether a row passes the filters; a row whose status cannot be read is shown with its problem. */
export function disputeMatches(
  row: ParsedRow<DisputeRecord>,
  statuses: ReadonlySet<string>,
  assignee: string,
): boolean {
  const statusOk = !statuses.size || row.invalid.has("status") || statuses.has(row.record.status);
  const assigneeOk = !assignee || row.record.assignee.toLowerCase() === assignee;
  return statusOk && assigneeOk;
}

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
          const statuses = new Set(
            (status ?? []).map(
              (s) => DISPUTE_STATUSES.find((d) => d.toLowerCase() === s.replace(/\s+/g, "").toLowerCase()) ?? s.trim(),
            ),
          );
          const who = (assignee ?? "").trim().toLowerCase();
          const assigneeEmail = who === "me" ? (await currentUser(g)).email : who;
          const page = await readForward(
            g,
            ref,
            DISPUTES,
            context.sync.continuation as ForwardCursor | undefined,
            DISPUTES_PAGE_ROWS,
          );
          const rows = markDuplicateIds(page.rows, "disputeId", "DisputeId").filter((r) =>
            disputeMatches(r, statuses, assigneeEmail),
          );
          return {result: rows.map((r) => disputeObject(r, now, ref.spreadsheetId)), continuation: page.next};
        }),
    },
  });
}
