// Audits on the ledger. Each audit row is a versioned record under its own lock
// (recordLockId("a", auditId, version)); each write also appends one event per audit with
// sequence 0, since an audit never changes the worker.
import type {Google} from "../google/http";
import type {AuditRecord, EventRecord, WorkerRecord} from "../core/records";
import {DomainError, badInput, refuse} from "../core/errors";
import {requireRole} from "../core/lifecycle";
import {recordLockId} from "../core/fold";
import type {Draw} from "../core/audits";
import {
  checkAuditResult,
  checkScheduleInput,
  drawSample,
  dueDate,
  eligibleForAudit,
  isAuditOverdue,
  requireScheduled,
  stratumOf,
  suggestStep,
} from "../core/audits";
import {longDate} from "../core/dates";
import {AUDIT_STATUSES} from "../core/records";
import {oneOfEach} from "../core/text";
import {a1} from "../google/sheets";
import {commit, newEvent, retryOnConflict} from "./store/commit";
import {columns, readColumns} from "./store/columns";
import {findRepeat, newId, requestKey} from "./store/ids";
import {AUDITS, EVENTS, WORKERS} from "./store/layout";
import {setting} from "./store/settings";
import type {ForwardCursor} from "./store/read";
import {readForward, readRows} from "./store/read";
import {parseLedgerRef} from "./store/ref";
import type {ParsedRow} from "./store/rows";
import {emptyRecord, parseRow} from "./store/rows";
import type {Session} from "./store/session";
import {openSession} from "./store/session";

export type AuditRow = ParsedRow<AuditRecord>;

/** "a-7k3m…" → "A-7K3M…"; anything else is refused with the expected form. */
export function normalizeAuditId(input: string): string {
  const text = (input ?? "").trim().toUpperCase();
  if (!/^A-[0-9A-Z]{6,20}$/.test(text)) {
    throw badInput(
      "INPUT_AUDIT_ID",
      `"${(input ?? "").slice(0, 40)}" is not an audit id; they look like A-7K3M9QX2A4 (AuditId in the Audits table).`,
    );
  }
  return text;
}

/** A new audit at version 1, written by the session's actor now. */
export function newAudit(
  session: Session,
  fields: Partial<AuditRecord> & Pick<AuditRecord, "workerId" | "kind" | "status" | "requestKey">,
): AuditRecord {
  const auditId = newId("A");
  return {
    ...emptyRecord(AUDITS),
    scheduledAt: session.now,
    ...fields,
    auditId,
    version: 1,
    updatedAt: session.now,
    updatedBy: session.actor.email,
    lock: recordLockId("a", auditId, 1),
  };
}

export function auditEvent(
  session: Session,
  audit: AuditRecord,
  status: string,
  type: string,
  details: string,
  key: string,
  reason = "",
  evidence = "",
): EventRecord {
  return newEvent(session, {
    workerId: audit.workerId,
    type,
    fromStatus: status,
    toStatus: status,
    reason,
    evidence,
    details,
    requestKey: key,
    // Each audit's events chain on the audit (several audits of one worker may be written at once).
    subject: audit.auditId,
  });
}

/** Writes new audit rows after row `last` and their events in one atomic commit. */
export async function appendAudits(
  session: Session,
  audits: AuditRecord[],
  events: EventRecord[],
  last: number,
): Promise<void> {
  // New audits take new locks, so a lost race is not expected; if one happens, nothing was written.
  const busy = () =>
    new DomainError(
      "BUSY",
      "The Audits tab was changed by someone else at the same moment; nothing was recorded. Try again.",
      "concurrency",
    );
  await retryOnConflict({busy, attempts: 1}, async () =>
    commit(session, {
      writes: audits.map((record, i) => ({
        tab: AUDITS,
        record,
        rowHint: last + 1 + i,
        lockFrom: "",
        lockTo: record.lock,
      })),
      appends: events.map((record) => ({tab: EVENTS, record})),
      what: `record ${audits.length} audit${audits.length === 1 ? "" : "s"}`,
    }),
  );
}

/** The rows an earlier identical request wrote: a repeat returns them and writes nothing. */
export async function repeated(
  g: Google,
  session: Session,
  rows: readonly AuditRow[],
  key: string,
): Promise<AuditRow[]> {
  const hits = rows.filter(
    (r) => r.record.requestKey === key && findRepeat([{key, at: r.record.updatedAt, eventId: ""}], key, session.now),
  );
  return hits.length
    ? (
        await readRows(
          g,
          session.ledger,
          AUDITS,
          hits.map((r) => r.row),
        )
      ).rows
    : [];
}

export interface ScheduleResult {
  audits: AuditRecord[];
  draw: Draw;
  eligible: number;
  dueDate: string;
  replayed: boolean;
}

/**
 * Draws a stratified random sample of Active workers due for a conduct audit and schedules one
 * audit each, with the seed on every row and event: drawSample over the same eligible workers
 * with that seed gives the same draw.
 */
export async function scheduleAudits(
  g: Google,
  spec: {ledger: string; sampleSize: unknown; minDaysSinceLast?: unknown; requestId?: string; seed: string},
  now: string,
): Promise<ScheduleResult> {
  const {size, minDays: asked} = checkScheduleInput(spec.sampleSize, spec.minDaysSinceLast);
  const session = await openSession(g, spec.ledger, now, {tabs: [AUDITS, EVENTS], what: "schedule audits"});
  requireRole(session.actor, "specialist", "ScheduleAudits");
  const minDays = asked ?? setting(session.settings, "AuditIntervalDays");
  const due = dueDate(now, setting(session.settings, "AuditDueDays"));
  const key = requestKey("ScheduleAudits", session.actor.email, spec.requestId, [size, asked ?? null]);
  const [workers, audits] = await readColumns(
    g,
    session.ledger,
    [
      columns(WORKERS, ["workerId", "status", "country", "projects"]),
      columns(AUDITS, ["workerId", "kind", "status", "scheduledAt", "completedAt", "requestKey", "updatedAt"]),
    ],
    "read the workers and audits",
  );
  const earlier = await repeated(g, session, audits.rows, key);
  if (earlier.length) {
    const records = earlier.map((r) => r.record);
    return {
      audits: records,
      draw: {seed: records[0]?.sampleSeed ?? "", picked: [], strata: []},
      eligible: 0,
      dueDate: records[0]?.dueDate ?? due,
      replayed: true,
    };
  }
  const usable = workers.rows.filter((w) => !w.invalid.has("status")).map((w) => w.record);
  const eligible = eligibleForAudit(
    usable,
    audits.rows.map((a) => a.record),
    minDays,
    now,
  );
  if (!eligible.length) {
    throw refuse(
      "NONE_ELIGIBLE",
      "audit-interval",
      `No Active worker is due for an audit (none, or all audited in the last ${minDays} days or already scheduled). Nothing was scheduled.`,
    );
  }
  const draw = drawSample(eligible, size, spec.seed);
  const records = draw.picked.map((c) =>
    newAudit(session, {
      workerId: c.workerId,
      kind: "Conduct",
      status: "Scheduled",
      dueDate: due,
      sampleSeed: spec.seed,
      stratum: stratumOf(c),
      requestKey: key,
    }),
  );
  const events = records.map((a) => {
    const s = draw.strata.find((x) => x.stratum === a.stratum);
    return auditEvent(
      session,
      a,
      "Active",
      "AuditScheduled",
      `Conduct audit ${a.auditId} scheduled, due ${longDate(`${due}T00:00:00Z`)}: drawn from ${a.stratum} (${s?.drawn} of ${s?.eligible}) in a stratified sample of ${records.length} of ${eligible.length} Active workers not audited in ${minDays} days; seed ${spec.seed}.`,
      key,
    );
  });
  await appendAudits(session, records, events, 1 + audits.extent);
  return {audits: records, draw, eligible: eligible.length, dueDate: due, replayed: false};
}

/**
 * Records a scheduled audit's outcome. A failure suggests the next lifecycle step (suspend, or
 * propose blacklisting after earlier failures) but never takes it: a person decides.
 */
export async function recordAudit(
  g: Google,
  spec: {ledger: string; auditId: string; outcome: unknown; findings: unknown; evidence?: unknown; requestId?: string},
  now: string,
): Promise<AuditRow> {
  const auditId = normalizeAuditId(spec.auditId);
  const result = checkAuditResult(spec);
  const busy = () =>
    new DomainError(
      "BUSY",
      `Audit ${auditId} was changed by someone else at the same moment; nothing was recorded. Try again.`,
      "concurrency",
    );
  return retryOnConflict({busy, attempts: 4}, async ({locks}) => {
    // Find the audit's row, then read who acts, its worker and the row itself in one request.
    const [index] = await readColumns(
      g,
      parseLedgerRef(spec.ledger),
      [columns(AUDITS, ["auditId", "workerId", "status"])],
      `find audit ${auditId}`,
    );
    const hit = index.rows.find((r) => r.record.auditId.toUpperCase() === auditId);
    if (!hit) {
      throw new DomainError(
        "AUDIT_NOT_FOUND",
        `There is no audit ${auditId} in this ledger. Check the id in the Audits table.`,
      );
    }
    const session = await openSession(g, spec.ledger, now, {
      tabs: [AUDITS, EVENTS, WORKERS],
      workerId: hit.record.workerId || undefined,
      extraRanges: [a1(AUDITS.name, `${hit.row}:${hit.row}`)],
      what: `record audit ${auditId}`,
    });
    const audit = parseRow(session.header(AUDITS), session.extra[0]?.values?.[0] ?? [], hit.row);
    if (
      audit.problems.length &&
      ["status", "version", "workerId", "lock"].some((f) => audit.invalid.has(f as keyof AuditRecord))
    ) {
      throw new DomainError(
        "ROW_PROBLEM",
        `Audits row ${audit.row} (${auditId}) cannot be trusted: ${audit.problems.join("; ")}. Fix it by hand, then try again.`,
      );
    }
    requireRole(session.actor, "specialist", "RecordAudit");
    const key = requestKey("RecordAudit", session.actor.email, spec.requestId, [
      auditId,
      result.outcome,
      result.findings,
      result.evidence,
    ]);
    if (audit.record.requestKey === key && findRepeat([{key, at: audit.record.updatedAt, eventId: ""}], key, now)) {
      return audit;
    }
    requireScheduled(audit.record);
    const status: WorkerRecord["status"] | "" =
      session.worker && !session.worker.invalid.has("status") ? session.worker.record.status : "";
    const failures = index.rows.filter(
      (r) => r.row !== hit.row && r.record.workerId === hit.record.workerId && r.record.status === "Failed",
    ).length;
    const suggestion = suggestStep(result.outcome, status, failures);
    const version = audit.record.version + 1;
    const next: AuditRecord = {
      ...audit.record,
      status: result.outcome,
      auditor: session.actor.email,
      completedAt: now,
      findings: result.findings,
      evidence: result.evidence,
      suggestedStep: suggestion.step,
      requestKey: key,
      version,
      updatedAt: now,
      updatedBy: session.actor.email,
      lock: recordLockId("a", auditId, version),
    };
    const said = suggestion.step
      ? ` Suggested next step: ${suggestion.step} (${suggestion.why}); nothing was done to the worker.`
      : suggestion.why
        ? ` No step suggested: ${suggestion.why}.`
        : "";
    const event = auditEvent(
      session,
      next,
      status,
      "AuditRecorded",
      `${next.kind} audit ${auditId} recorded as ${result.outcome}.${said}`,
      key,
      result.findings,
      result.evidence,
    );
    await commit(session, {
      writes: [await locks.update(session, AUDITS, audit, next)],
      appends: [{tab: EVENTS, record: event}],
      what: `record audit ${auditId}`,
    });
    return {...audit, record: next, problems: [], invalid: new Set()};
  });
}

/** Rows per Audits sync page. */
const AUDITS_PAGE_ROWS = 2_000;
/** What the Audits sync filters by: the statuses, and Overdue (Scheduled past the due date). */
export const AUDIT_FILTERS = [...AUDIT_STATUSES, "Overdue"] as const;

/**
 * A page of the Audits tab for the sync, only the audits in the statuses asked for (all when none is);
 * a row whose status is empty or cannot be read is always shown, with its problem.
 */
export async function auditsPage(
  g: Google,
  ledger: string,
  status: readonly string[] | undefined,
  cursor: ForwardCursor | undefined,
  now: string,
): Promise<{rows: AuditRow[]; next?: ForwardCursor}> {
  const statuses = new Set<string>(oneOfEach(status, AUDIT_FILTERS, "an audit status", "INPUT_STATUS"));
  const today = now.slice(0, 10);
  const page = await readForward(g, parseLedgerRef(ledger), AUDITS, cursor, AUDITS_PAGE_ROWS);
  const rows = page.rows.filter(
    ({record: a}) =>
      !statuses.size || !a.status || statuses.has(a.status) || (statuses.has("Overdue") && isAuditOverdue(a, today)),
  );
  return {rows, next: page.next};
}
