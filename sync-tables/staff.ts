import type * as coda from "@codahq/packs-sdk";
import {withGoogle} from "../pack/coda/boundary";
import type {StaffRecord} from "../pack/core/records";
import {STAFF} from "../pack/ledger/store/layout";
import type {ForwardCursor} from "../pack/ledger/store/read";
import {readForward} from "../pack/ledger/store/read";
import {parseLedgerRef} from "../pack/ledger/store/ref";
import {LedgerParam} from "../pack/coda/params";
import {problemText} from "../pack/coda/objects";
import {staffObject} from "../pack/coda/staff";
import {StaffMemberSchema} from "../pack/coda/staff";

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
        withGoogle(context, async ({g}) => {
          const page = await readForward<StaffRecord>(
            g,
            parseLedgerRef(ledger),
            STAFF,
            context.sync.continuation as ForwardCursor | undefined,
            2_000,
          );
          return {
            result: page.rows.map((r) =>
              staffObject({...r.record, email: r.record.email || `row-${r.row}`}, problemText(r)),
            ),
            continuation: page.next,
          };
        }),
    },
  });
}
