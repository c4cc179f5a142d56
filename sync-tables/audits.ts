import type * as coda from "@codahq/packs-sdk";
import {withGoogle} from "../pack/coda/boundary";
import {oneOfEach} from "../pack/core/text";
import {AUDIT_STATUSES} from "../pack/core/records";
import {AUDITS} from "../pack/ledger/store/layout";
import type {ForwardCursor} from "../pack/ledger/store/read";
import {readForward} from "../pack/ledger/store/read";
import {parseLedgerRef} from "../pack/ledger/store/ref";
import {auditObject} from "../pack/coda/audits";
import {AuditSchema} from "../pack/coda/audits";
import {LedgerParam, optionalList} from "../pack/coda/params";

export const AUDITS_PAGE_ROWS = 2_000;

/** The status filter as typed; "Overdue" means Scheduled past the due date. */
export function auditStatuses(status: readonly string[] | undefined): Set<string> {
  return new Set(oneOfEach(status, [...AUDIT_STATUSES, "Overdue"], "an audit status", "INPUT_STATUS"));
}

export function registerAuditsTable(pack: coda.PackDefinitionBuilder): void {
  pack.addSyncTable({
    name: "Audits",
    description:
      "Every conduct and documentation audit: when it is due, who recorded it, what it found and the step a failure suggests. Filter by status.",
    identityName: "Audit",
    schema: AuditSchema,
    formula: {
      name: "SyncAudits",
      description: "Reads the ledger's Audits tab, page by page.",
      parameters: [
        LedgerParam,
        optionalList(
          "status",
          "Only audits in these statuses (Scheduled, Passed, Concerns, Failed, Cancelled, or Overdue). Leave empty for all.",
          [...AUDIT_STATUSES, "Overdue"],
        ),
      ],
      execute: async ([ledger, status], context) =>
        withGoogle(context, async ({g, now}) => {
          const statuses = auditStatuses(status);
          const today = now.slice(0, 10);
          const ref = parseLedgerRef(ledger);
          const page = await readForward(
            g,
            ref,
            AUDITS,
            context.sync.continuation as ForwardCursor | undefined,
            AUDITS_PAGE_ROWS,
          );
          const rows = page.rows
            .map((r) => auditObject(r, today, ref.spreadsheetId))
            .filter(
              (a) =>
                !statuses.size ||
                statuses.has(String(a.Status ?? "")) ||
                (statuses.has("Overdue") && a.Overdue === true) ||
                !a.Status,
            );
          return {result: rows, continuation: page.next};
        }),
    },
  });
}
