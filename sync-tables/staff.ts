import type * as coda from "@codahq/packs-sdk";
import {boundary} from "../pack/boundary";
import type {StaffRecord} from "../pack/core/records";
import {googleFrom} from "../pack/google/http";
import {STAFF} from "../pack/ledger/layout";
import type {ForwardCursor} from "../pack/ledger/read";
import {readForward} from "../pack/ledger/read";
import {parseLedgerRef} from "../pack/ledger/ref";
import {LedgerParam} from "../pack/params";
import {problemText, staffObject} from "../pack/present";
import {StaffMemberSchema} from "../pack/schemas";

export function registerStaffTable(pack: coda.PackDefinitionBuilder): void {
  pack.addSyncTable({
    name: "Staff",
    description: "The people allowed to act on the ledger and their roles: viewer, specialist or lead.",
    identityName: "StaffMember",
    schema: StaffMemberSchema,
    formula: {
      name: "SyncStaff",
      description: "Reads the ledger's Staff tab.",
      parameters: [LedgerParam],
      execute: async ([ledger], context) =>
        boundary(async () => {
          const page = await readForward<StaffRecord>(googleFrom(context), parseLedgerRef(ledger), STAFF, context.sync.continuation as ForwardCursor | undefined, 2_000);
          return {
            result: page.rows.map((r) => staffObject({...r.record, email: r.record.email || `row-${r.row}`}, problemText(r))),
            continuation: page.next,
          };
        }),
    },
  });
}
