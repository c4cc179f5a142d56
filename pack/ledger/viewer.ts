// Who is reading a sync table: their role on the Staff tab decides which steps the rows offer.
import type {StaffRole} from "../core/lifecycle";
import type {Google} from "../google/http";
import {a1, batchGetValues} from "../google/sheets";
import {currentUser} from "../google/userinfo";
import {STAFF} from "./store/layout";
import type {LedgerRef} from "./store/ref";
import {mapHeader, parseRows} from "./store/rows";
import {roleOf} from "./store/session";

/** The signed-in person's role on the ledger's Staff tab; undefined when they are not on it. */
export async function viewerRole(g: Google, ledger: LedgerRef): Promise<StaffRole | undefined> {
  const [user, [staff]] = await Promise.all([
    currentUser(g),
    batchGetValues(g, ledger.spreadsheetId, [a1(STAFF.name, "A1:Z")], {what: "read the Staff tab"}),
  ]);
  const values = staff?.values ?? [];
  return roleOf(parseRows(mapHeader(STAFF, values[0]), values.slice(1), 2), user.email);
}
