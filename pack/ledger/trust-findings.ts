import type {Google} from "../google/http";
import {listPermissions} from "../google/drive";
import type {Finding} from "../core/rules";
import {logIntegrityFindings, staffIntegrityFindings} from "../core/trust-rules";
import type {LedgerRef} from "./store/ref";
import {verifyLedger} from "./verify";

/**
 * The findings of log-integrity and staff-integrity: VerifyLedger's problems, and the team as
 * Google shares the ledger against the Staff tab and its events. Sharing is read from Drive when
 * the connection allows it (an editor of the ledger with drive.file); otherwise that one check is skipped.
 */
export async function trustFindings(g: Google, ref: LedgerRef, now: string): Promise<Finding[]> {
  const check = await verifyLedger(g, ref);
  let editors: string[] | undefined;
  try {
    editors = (await listPermissions(g, ref.spreadsheetId, "read who can edit the ledger"))
      .filter((p) => p.type === "user" && (p.role === "writer" || p.role === "owner" || p.role === "organizer"))
      .map((p) => (p.emailAddress ?? "").toLowerCase())
      .filter(Boolean);
  } catch {
    editors = undefined;
  }
  const findings = [
    ...logIntegrityFindings(check.problems, now),
    ...staffIntegrityFindings({
      now,
      staff: check.staff.map((s) => ({row: s.row, record: s.record})),
      roles: check.roles,
      editors,
      signals: check.signals,
    }),
  ];
  return findings;
}
