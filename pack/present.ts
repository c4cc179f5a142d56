// Turns ledger records into the objects Coda shows. Empty values are left out, so Coda shows blanks.
import {allowedSteps, TRANSITIONS, WORKER_STATUSES} from "./core/lifecycle";
import type {WorkerStatus} from "./core/lifecycle";
import type {BlacklistRecord, EventRecord, StaffRecord, WorkerRecord} from "./core/records";
import {longDate} from "./core/dates";
import type {ParsedRow} from "./ledger/rows";

/** An object as Coda receives it for a schema. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Plain = Record<string, any>;

function compact(object: Plain): Plain {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== "" && v !== undefined && v !== null));
}

/** "Sheet row 57: Status: "Actve" is not one of …" or "". */
export function problemText(row: {row: number; problems: readonly string[]}): string {
  return row.problems.length ? `Sheet row ${row.row}: ${row.problems.join("; ")}.` : "";
}

/** The Worker object for a Workers row. Fields that could not be read are left blank. */
export function workerObject(row: ParsedRow<WorkerRecord>): Plain & {WorkerId: string; Name: string} {
  const w = row.record;
  const ok = (key: keyof WorkerRecord & string) => !row.invalid.has(key);
  const status = ok("status") && WORKER_STATUSES.includes(w.status) ? w.status : "";
  return compact({
    WorkerId: w.workerId || `row-${row.row}`,
    Name: w.name || (w.workerId ? w.workerId : `Sheet row ${row.row}`),
    Status: status,
    StatusSince: w.statusSince,
    SuspendedUntil: w.suspendedUntil,
    Email: w.email,
    Phone: w.phone,
    Country: w.country,
    Timezone: w.timezone,
    Projects: w.projects ? w.projects.split(/\s*[,;]\s*/).filter(Boolean) : undefined,
    Source: w.source,
    BankAccount: w.bankMasked,
    BankScheme: w.bankScheme,
    BankCountry: w.bankCountry,
    BankVerification: w.bankVerification,
    ScreeningVerdict: w.screeningVerdict,
    ScreenedAt: w.screenedAt,
    DocumentFolder: w.documentFolder,
    DiscordUserId: w.discordUserId,
    ZendeskUserId: w.zendeskUserId,
    ZendeskTicketUrl: w.zendeskTicketUrl,
    RiskNotes: w.riskNotes,
    PendingBlacklist: w.pendingBlacklist
      ? `Proposed by ${w.pendingBlacklist.proposedBy} on ${longDate(w.pendingBlacklist.proposedAt)}: ${w.pendingBlacklist.reason} (${w.pendingBlacklist.policyClause})`
      : "",
    PendingActions: w.pendingActions.map((p) => `${p.kind} since ${longDate(p.since)}${p.detail ? `: ${detailText(p.detail)}` : ""}`).join("\n"),
    NextSteps: status ? nextSteps(status as WorkerStatus, Boolean(w.pendingBlacklist)) : [],
    LastActivity: w.lastActivityAt,
    Version: ok("version") ? w.version : undefined,
    UpdatedAt: w.updatedAt,
    UpdatedBy: w.updatedBy,
    LastEventId: w.lastEventId,
    Problems: problemText(row),
  }) as Plain & {WorkerId: string; Name: string};
}

/** A follow-up's detail for people: its `summary` when the detail is JSON that has one. */
export function detailText(detail: string): string {
  if (detail.startsWith("{")) {
    try {
      const summary = (JSON.parse(detail) as {summary?: unknown}).summary;
      if (typeof summary === "string" && summary) {
        return summary;
      }
    } catch {
      // Not JSON after all: shown as it is.
    }
  }
  return detail;
}

function nextSteps(status: WorkerStatus, pendingProposal: boolean): string[] {
  return allowedSteps(status, "lead").filter((step) => {
    if (step === "ApproveBlacklist" || step === "DeclineBlacklist") {
      return pendingProposal;
    }
    if (step === "ProposeBlacklist") {
      return !pendingProposal;
    }
    return TRANSITIONS[step].from.includes(status);
  });
}

/** A reference to a worker, for rows of other tables. */
export function workerRef(workerId: string, name?: string): Plain | undefined {
  return workerId ? {WorkerId: workerId, Name: name || workerId} : undefined;
}

/** The Decision object for an Events row. */
export function decisionObject(row: ParsedRow<EventRecord>, names?: ReadonlyMap<string, string>): Plain {
  const e = row.record;
  return compact({
    EventId: e.eventId || `row-${row.row}`,
    Summary: decisionSummary(e),
    Time: e.time,
    Actor: e.actor,
    Worker: workerRef(e.workerId, names?.get(e.workerId)),
    WorkerId: e.workerId,
    Type: e.type,
    FromStatus: e.fromStatus,
    ToStatus: e.toStatus,
    Reason: e.reason,
    PolicyClause: e.policyClause,
    Evidence: e.evidence,
    Details: e.details,
    Seq: e.seq || undefined,
    SheetRow: row.row,
    Problems: problemText(row),
  });
}

/** "W-000123 Suspended: repeated plagiarism (CoC 4.2)". */
export function decisionSummary(e: EventRecord): string {
  const who = e.workerId ? `${e.workerId} ` : "";
  const why = e.reason ? `: ${e.reason}${e.policyClause ? ` (${e.policyClause})` : ""}` : e.details ? `: ${e.details}` : "";
  return `${who}${e.type || "Unknown event"}${why}`.slice(0, 300);
}

/** The BlacklistEntry object for a Blacklist row. */
export function blacklistObject(row: ParsedRow<BlacklistRecord>): Plain {
  const b = row.record;
  const count = (list: string) => list.split(/\s+/).filter(Boolean).length;
  const banks = count(b.bankFingerprints);
  const ids = count(b.idFingerprints);
  return compact({
    EntryId: b.entryId || `row-${row.row}`,
    Name: b.name || b.workerId || `Sheet row ${row.row}`,
    Worker: workerRef(b.workerId, b.name),
    WorkerId: b.workerId,
    Country: b.country,
    Reason: b.reason,
    PolicyClause: b.policyClause,
    Evidence: b.evidence,
    EmailKeys: b.emailKeys,
    Phones: b.phones,
    Identifiers: `${banks} bank fingerprint${banks === 1 ? "" : "s"}, ${ids} ID fingerprint${ids === 1 ? "" : "s"}`,
    ProposedBy: b.proposedBy,
    ApprovedBy: b.approvedBy,
    ApprovedAt: b.approvedAt,
    Problems: problemText(row),
  });
}

export function staffObject(s: StaffRecord, problems = ""): Plain & {Email: string} {
  return compact({Email: s.email, Role: s.role, AddedBy: s.addedBy, AddedAt: s.addedAt, UpdatedAt: s.updatedAt, UpdatedBy: s.updatedBy, Problems: problems}) as Plain & {Email: string};
}
