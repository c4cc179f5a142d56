// The trust rules of Findings: log-integrity (everything VerifyLedger reports) and
// staff-integrity (who can edit the ledger, the Staff tab against its events, second accounts).
import type {Finding, Severity} from "./rules";
import {findingId} from "./rules";
import type {StaffRole} from "./lifecycle";
import type {StaffRecord} from "./records";
import type {LedgerProblem, StaffSignal} from "./verify";
import {isActiveStaff} from "./staff";

/** At most this many log-integrity findings are listed one by one; the rest are counted in one more. */
export const MAX_LOG_FINDINGS = 200;

const LOG_ADVICE =
  "Do not act on the rows named until a lead has looked at them: compare with the actor's receipts and the Google Sheets version history, then correct the record with a new decision (never by editing the log).";

/** One Critical finding per VerifyLedger problem, with its sheet row. */
export function logIntegrityFindings(problems: readonly LedgerProblem[], now: string): Finding[] {
  const out = problems.slice(0, MAX_LOG_FINDINGS).map((p): Finding => ({
    id: findingId("log-integrity", [p.rule, p.eventId || `row${p.row}`]),
    rule: "log-integrity",
    severity: "Critical",
    title: `${p.rule}: Events row ${p.row}${p.workerId ? ` (${p.workerId})` : ""}`,
    workers: p.workerId ? [{workerId: p.workerId, name: p.workerId}] : [],
    firstSeen: now,
    explanation: p.explanation,
    evidence: [p.eventId ? `Events row ${p.row}: ${p.eventId}` : `row ${p.row}`],
    advice: LOG_ADVICE,
  }));
  if (problems.length > MAX_LOG_FINDINGS) {
    out.push({
      id: findingId("log-integrity", ["more"]),
      rule: "log-integrity",
      severity: "Critical",
      title: `${problems.length - MAX_LOG_FINDINGS} more log problems`,
      workers: [],
      firstSeen: now,
      explanation: `VerifyLedger found ${problems.length} problems; the first ${MAX_LOG_FINDINGS} are listed. Run VerifyLedger for all of them.`,
      evidence: [`Events rows ${problems[MAX_LOG_FINDINGS]?.row ?? ""}…`],
      advice: LOG_ADVICE,
    });
  }
  return out;
}

/** How many approvals a second-account finding spells out; VerifyLedger's Warnings list every one. */
export const LISTED = 10;

export interface StaffIntegrityInput {
  now: string;
  /** Staff rows with their sheet rows. */
  staff: ReadonlyArray<{row: number; record: StaffRecord}>;
  /** The team the staff events describe. */
  roles: ReadonlyMap<string, StaffRole>;
  /** Who can edit the ledger in Google (writers and the owner); undefined when it could not be read. */
  editors?: readonly string[];
  signals: readonly StaffSignal[];
}

/** Findings of staff-integrity: sharing beyond the team, a Staff tab that disagrees with its log, second accounts. */
export function staffIntegrityFindings(input: StaffIntegrityInput): Finding[] {
  const out: Finding[] = [];
  const make = (
    keys: string[],
    severity: Severity,
    title: string,
    explanation: string,
    evidence: string[],
    advice: string,
  ) =>
    out.push({
      id: findingId("staff-integrity", keys),
      rule: "staff-integrity",
      severity,
      title,
      workers: [],
      firstSeen: input.now,
      explanation,
      evidence,
      advice,
    });
  const active = input.staff.filter((s) => isActiveStaff(s.record));
  for (const email of input.editors ?? []) {
    const row = active.find((s) => s.record.email.toLowerCase() === email);
    if (!row || row.record.role === "viewer") {
      make(
        ["editor", email],
        "Critical",
        `${email} can edit the ledger but is not a specialist or lead`,
        `Google Drive lets ${email} edit the ledger, but the Staff tab ${row ? `makes them a viewer (row ${row.row})` : "does not name them"}: they can write the decision log by hand.`,
        ["Drive sharing of the ledger", ...(row ? [`Staff row ${row.row}`] : [])],
        "Remove their access in Google Drive (Share), or add them with AddStaff so the sharing follows their role.",
      );
    }
  }
  for (const s of input.staff) {
    const email = s.record.email.toLowerCase();
    const logged = input.roles.get(email);
    const shown = isActiveStaff(s.record) ? s.record.role : undefined;
    if (logged !== shown) {
      make(
        ["row", email],
        "Critical",
        `Staff row ${s.row} (${email}) differs from the staff events`,
        `The Staff tab says ${email} is ${shown ?? "removed"}, but the decision log's staff events make them ${logged ?? "nobody on the team"}: the row was changed outside the pack.`,
        [`Staff row ${s.row}`],
        "A lead sets the role again with AddStaff or RemoveStaff, which records it; check the sheet's version history for who changed the row.",
      );
    }
  }
  for (const [email, role] of input.roles) {
    if (!input.staff.some((s) => s.record.email.toLowerCase() === email)) {
      make(
        ["missing", email],
        "Warning",
        `${email} (${role}) is missing from the Staff tab`,
        `The staff events make ${email} a ${role}, but no Staff row names them: the row was deleted outside the pack.`,
        ["Staff tab"],
        "A lead adds them again with AddStaff, or removes them with RemoveStaff.",
      );
    }
  }
  const pairs = new Map<string, StaffSignal[]>();
  for (const signal of input.signals) {
    const key =
      signal.kind === "second-account"
        ? `${signal.kind}:${signal.event.actor.toLowerCase()}`
        : `${signal.kind}:${signal.row}`;
    pairs.set(key, [...(pairs.get(key) ?? []), signal]);
  }
  for (const [key, signals] of pairs) {
    const first = signals[0] as StaffSignal;
    if (first.kind === "second-account") {
      // One line per approval up to LISTED; the rest counted, so the finding stays small on a large log.
      const listed = signals.slice(0, LISTED);
      const more = signals.length - listed.length;
      make(
        [key],
        "Warning",
        `Approvals by a lead whom the proposer made lead (${first.event.actor})`,
        [
          ...listed.map((s) => s.explanation),
          ...(more
            ? [`And ${more} more approvals of the same kind, the last at Events row ${signals.at(-1)?.row}.`]
            : []),
        ].join(" "),
        [
          ...listed.map((s) => `Events row ${s.row}: ${s.event.eventId}`),
          ...(more ? [`${more} more: VerifyLedger's Warnings list each`] : []),
        ],
        "Confirm that these two accounts are two different people; if not, remove the second account and have another lead review the blacklistings.",
      );
    } else {
      make(
        [key],
        "Review",
        `A lead role granted with no second lead (Events row ${first.row})`,
        first.explanation,
        [`Events row ${first.row}: ${first.event.eventId}`],
        "Normal when a ledger gets its second lead; otherwise confirm with the new lead who they are.",
      );
    }
  }
  return out;
}
