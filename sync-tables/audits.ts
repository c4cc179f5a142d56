import type * as coda from "@codahq/packs-sdk";
import {withGoogle} from "../pack/coda/boundary";
import {AUDIT_FILTERS, auditsPage} from "../pack/ledger/audits";
import type {ForwardCursor} from "../pack/ledger/store/read";
import {parseLedgerRef} from "../pack/ledger/store/ref";
import {auditObject} from "../pack/coda/audits";
import {AuditSchema} from "../pack/coda/audits";
import {LedgerParam, optionalList} from "../pack/coda/params";

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
          [...AUDIT_FILTERS],
        ),
      ],
      execute: async ([ledger, status], context) =>
        withGoogle(context, async ({g, now}) => {
          const cursor = context.sync.continuation as ForwardCursor | undefined;
          const page = await auditsPage(g, ledger, status, cursor, now);
          const spreadsheetId = parseLedgerRef(ledger).spreadsheetId;
          return {
            result: page.rows.map((r) => auditObject(r, now.slice(0, 10), spreadsheetId)),
            continuation: page.next,
          };
        }),
    },
  });
}
