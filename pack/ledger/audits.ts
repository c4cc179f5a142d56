// Audits on the ledger: scheduling a reproducible sample, recording outcomes, documentation audits.
// Each audit row is a versioned record under its own lock; each write also appends one event per
// audit (sequence 0: an audit never changes the worker).
import type {Google} from "../google/http";
import type {AuditRecord, EventRecord, WorkerRecord} from "../core/records";
import {DomainError, badInput, refuse} from "../core/errors";
import {requireRole} from "../core/lifecycle";
import {recordLockId} from "../core/fold";
import type {AuditOutcome, Draw} from "../core/audits";
import {checkAuditResult, checkScheduleInput, drawSample, dueDate, eligibleForAudit, requireScheduled, stratumOf, suggestStep} from "../core/audits";
import {assessDocuments, driveFolderId, KIND_LABELS, requiredKinds} from "../core/documents";
import type {DocumentAssessment} from "../core/documents";
import {longDate} from "../core/dates";
import {getFile, listChildren} from "../google/drive";
import {a1} from "../google/sheets";
import {commit, CommitConflict, LockMissing} from "./commit";
import type {LockedWrite} from "./commit";
import {columns, readColumns} from "./columns";
import {findRepeat, newId, requestKey} from "./ids";
import {AUDITS, EVENTS, WORKERS} from "./layout";
import {DEFAULT_AUDIT_DUE_DAYS, DEFAULT_AUDIT_INTERVAL_DAYS, MONITORING_SETTINGS, settingDays} from "./monitoring";
import {readRows} from "./read";
import {parseLedgerRef} from "./ref";
import type {ParsedRow} from "./rows";
import {parseRow} from "./rows";
import type {Session} from "./session";
import {openSession} from "./session";
import {normalizeWorkerId} from "./workers";

const ATTEMPTS = 4;

/** The lock of an Audits row at a version. */
export function auditLockId(auditId: string, version: number): string {
  return recordLockId("a", auditId, version);
}

/** "a-7k3m…" → "A-7K3M…"; anything else is refused with the expected form. */
export function normalizeAuditId(input: string): string {
  const text = (input ?? "").trim().toUpperCase();
  if (!/^A-[0-9A-Z]{6,20}$/.test(text)) {
    throw new DomainError("INPUT_AUDIT_ID", `"${(input ?? "").slice(0, 40)}" is not an audit id; audit ids look like A-7K3M9QX2A4 (the AuditId column of the Audits table).`);
  }
  return text;
}

function auditEvent(session: Session, audit: AuditRecord, worker: Pick<WorkerRecord, "status"> | undefined, type: string, parts: {reason?: string; details: string; evidence?: string}, key: string): EventRecord {
  return {
    eventId: newId("E"),
    time: session.now,
    actor: session.actor.email,
    workerId: audit.workerId,
    type,
    fromStatus: worker?.status ?? "",
    toStatus: worker?.status ?? "",
    reason: parts.reason ?? "",
    policyClause: "",
    evidence: parts.evidence ?? "",
    details: parts.details,
    changes: {},
    seq: 0,
    requestKey: key,
  };
}

function newAuditWrite(audit: AuditRecord, row: number): LockedWrite<AuditRecord> {
  return {tab: AUDITS, record: audit, rowHint: row, lockFrom: "", lockTo: audit.lock};
}

/** Audit rows this request already wrote: a repeat returns them instead of writing again. */
function repeats(rows: ReadonlyArray<ParsedRow<AuditRecord>>, key: string, now: string): Array<ParsedRow<AuditRecord>> {
  return rows.filter((r) => r.record.requestKey === key && findRepeat([{key, at: r.record.updatedAt || r.record.scheduledAt, eventId: ""}], key, now));
}

// ---------- ScheduleAudits ----------

export interface ScheduleResult {
  audits: AuditRecord[];
  draw: Draw;
  eligible: number;
  minDays: number;
  dueDate: string;
  replayed: boolean;
}

/**
 * Draws a stratified random sample of Active workers due for a conduct audit and creates one
 * Scheduled audit per worker, with the seed on every row and event so the draw can be repeated
 * with drawSample(eligible, size, seed).
 */
export async function scheduleAudits(
  g: Google,
  spec: {ledger: string; sampleSize: unknown; minDaysSinceLast?: unknown; requestId?: string; seed: string},
  now: string,
): Promise<ScheduleResult> {
  const {size, minDays: asked} = checkScheduleInput(spec.sampleSize, spec.minDaysSinceLast);
  const session = await openSession(g, spec.ledger, now, {tabs: [AUDITS, EVENTS], what: "schedule audits"});
  requireRole(session.actor, "specialist", "ScheduleAudits");
  const minDays = asked ?? settingDays(session.settings, MONITORING_SETTINGS.auditIntervalDays, DEFAULT_AUDIT_INTERVAL_DAYS);
  const due = dueDate(now, settingDays(session.settings, MONITORING_SETTINGS.auditDueDays, DEFAULT_AUDIT_DUE_DAYS));
  const key = requestKey("ScheduleAudits", session.actor.email, spec.requestId, [size, asked ?? null]);
  const [workers, audits] = await readColumns(
    g,
    session.ledger,
    [columns(WORKERS, ["workerId", "status", "country", "projects"]), columns(AUDITS, ["auditId", "workerId", "kind", "status", "scheduledAt", "completedAt", "requestKey", "updatedAt"])],
    "read the workers and audits",
  );
  const earlier = repeats(audits.rows, key, now);
  if (earlier.length) {
    const full = await readRows(g, session.ledger, AUDITS, earlier.map((r) => r.row));
    const records = full.rows.map((r) => r.record);
    const seed = records[0]?.sampleSeed ?? "";
    return {audits: records, draw: {seed, picked: [], strata: []}, eligible: 0, minDays, dueDate: records[0]?.dueDate ?? due, replayed: true};
  }
  const usable = workers.rows.filter((w) => !w.invalid.has("status"));
  const eligible = eligibleForAudit(
    usable.map((w) => w.record),
    audits.rows.map((a) => a.record),
    minDays,
    now,
  );
  if (!eligible.length) {
    const active = usable.filter((w) => w.record.status === "Active").length;
    throw refuse(
      "NONE_ELIGIBLE",
      "audit-interval",
      active
        ? `No Active worker is due for an audit: all ${active} were audited in the last ${minDays} days or have one scheduled. Nothing was scheduled.`
        : "The ledger has no Active workers to audit. Nothing was scheduled.",
    );
  }
  const draw = drawSample(eligible, size, spec.seed);
  const byStratum = new Map(draw.strata.map((s) => [s.stratum, s]));
  const records: AuditRecord[] = draw.picked.map((c) => {
    const auditId = newId("A");
    return {
      auditId,
      workerId: c.workerId,
      kind: "Conduct",
      status: "Scheduled",
      scheduledAt: now,
      dueDate: due,
      sampleSeed: spec.seed,
      stratum: stratumOf(c),
      auditor: "",
      completedAt: "",
      findings: "",
      evidence: "",
      suggestedStep: "",
      missing: "",
      documentsExpireOn: "",
      requestKey: key,
      version: 1,
      updatedAt: now,
      updatedBy: session.actor.email,
      lock: auditLockId(auditId, 1),
    };
  });
  const sampleText = `a stratified sample of ${draw.picked.length} from ${eligible.length} eligible Active workers (not audited in ${minDays} days), seed ${spec.seed}`;
  const events = records.map((audit) => {
    const s = byStratum.get(audit.stratum);
    return auditEvent(
      session,
      audit,
      {status: "Active"},
      "AuditScheduled",
      {details: `Audit ${audit.auditId} (conduct) scheduled, due ${longDate(`${due}T00:00:00Z`)}: ${audit.workerId} was drawn from stratum ${audit.stratum} (${s?.drawn ?? 1} of ${s?.eligible ?? 1}) in ${sampleText}.`},
      key,
    );
  });
  const lastRow = 1 + audits.extent;
  await commit(session, {
    writes: records.map((audit, i) => newAuditWrite(audit, lastRow + 1 + i)),
    appends: events.map((record) => ({tab: EVENTS, record})),
    what: `schedule ${records.length} audit${records.length === 1 ? "" : "s"}`,
  });
  return {audits: records, draw, eligible: eligible.length, minDays, dueDate: due, replayed: false};
}

// ---------- RecordAudit ----------

export interface AuditResult {
  audit: ParsedRow<AuditRecord>;
  event?: EventRecord;
  replayed: boolean;
}

interface LoadedAudit {
  session: Session;
  audit: ParsedRow<AuditRecord>;
  others: Array<ParsedRow<AuditRecord>>;
}

/** Finds an audit by id, then opens a session with its worker and reads its row in the same request. */
async function loadAudit(g: Google, ledger: string, auditId: string, now: string, what: string): Promise<LoadedAudit> {
  const ref = parseLedgerRef(ledger);
  const [index] = await readColumns(g, ref, [columns(AUDITS, ["auditId", "workerId", "kind", "status", "completedAt"])], `find audit ${auditId}`);
  const hit = index.rows.find((r) => r.record.auditId.toUpperCase() === auditId);
  if (!hit) {
    throw new DomainError("AUDIT_NOT_FOUND", `There is no audit ${auditId} in this ledger. Check the id in the Audits table.`);
  }
  const workerId = hit.record.workerId;
  const session = await openSession(g, ledger, now, {
    tabs: [AUDITS, EVENTS, WORKERS],
    workerId: workerId || undefined,
    extraRanges: [a1(AUDITS.name, `${hit.row}:${hit.row}`)],
    what,
  });
  const audit = parseRow(session.header(AUDITS), session.extra[0]?.values?.[0] ?? [], hit.row);
  if (audit.record.auditId.toUpperCase() !== auditId) {
    throw new DomainError("BUSY", `The Audits tab changed while reading audit ${auditId}; try again.`, "concurrency");
  }
  const broken = (["status", "version", "workerId"] as const).filter((f) => audit.invalid.has(f));
  if (broken.length || audit.invalid.has("lock")) {
    throw new DomainError("ROW_PROBLEM", `Sheet row ${audit.row} of the Audits tab (${auditId}) cannot be trusted: ${audit.problems.join("; ")}. Fix the row by hand, then try again.`);
  }
  const others = index.rows.filter((r) => r.row !== hit.row && r.record.workerId === workerId);
  return {session, audit, others};
}

/**
 * Records the outcome of a scheduled audit. A failure suggests the next lifecycle step (suspend,
 * or propose blacklisting after earlier failures) but never takes it: a person decides.
 */
export async function recordAudit(
  g: Google,
  spec: {ledger: string; auditId: string; outcome: unknown; findings: unknown; evidence?: unknown; requestId?: string},
  now: string,
): Promise<AuditResult> {
  const auditId = normalizeAuditId(spec.auditId);
  const result = checkAuditResult({outcome: spec.outcome, findings: spec.findings, evidence: spec.evidence});
  let lockLost = false;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const {session, audit, others} = await loadAudit(g, spec.ledger, auditId, now, `record audit ${auditId}`);
    requireRole(session.actor, "specialist", "RecordAudit");
    const key = requestKey("RecordAudit", session.actor.email, spec.requestId, [auditId, result.outcome, result.findings, result.evidence]);
    if (audit.record.requestKey === key && repeats([audit], key, now).length) {
      return {audit, replayed: true};
    }
    requireScheduled(audit.record);
    const worker = session.worker?.record;
    const priorFailures = others.filter((o) => o.record.status === "Failed").length;
    const suggestion = suggestStep(result.outcome as AuditOutcome, worker && !session.worker?.invalid.has("status") ? worker.status : "", priorFailures);
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
      lock: auditLockId(auditId, version),
    };
    const event = auditEvent(
      session,
      next,
      worker,
      "AuditRecorded",
      {
        reason: result.findings,
        evidence: result.evidence,
        details: `${next.kind || "Conduct"} audit ${auditId} recorded as ${result.outcome}.${suggestion.step ? ` Suggested next step: ${suggestion.step} (${suggestion.why}); nothing was done to the worker, a person decides.` : suggestion.why ? ` No lifecycle step is suggested: ${suggestion.why}.` : ""}`,
      },
      key,
    );
    try {
      await commit(session, {
        writes: [{tab: AUDITS, record: next, row: audit.row, lockFrom: lockLost ? "" : audit.record.lock, lockTo: next.lock}],
        appends: [{tab: EVENTS, record: event}],
        what: `record audit ${auditId}`,
      });
      return {audit: {...audit, record: next, problems: [], invalid: new Set()}, event, replayed: false};
    } catch (err) {
      if (err instanceof LockMissing && !lockLost) {
        lockLost = true;
        continue;
      }
      if (!(err instanceof CommitConflict) || attempt === ATTEMPTS) {
        throw busy(err, auditId);
      }
    }
  }
  throw new Error("unreachable");
}

function busy(err: unknown, auditId: string): unknown {
  if (err instanceof CommitConflict || err instanceof LockMissing) {
    return new DomainError("BUSY", `Audit ${auditId} was changed by someone else at the same moment; nothing was recorded. Resync and try again.`, "concurrency");
  }
  return err;
}

// ---------- AuditDocuments ----------

/**
 * Lists the worker's document folder in Drive, judges every document and records a completed
 * documentation audit (Passed, Concerns or Failed) with what is missing and the earliest expiry.
 */
export async function auditDocuments(g: Google, spec: {ledger: string; workerId: string; requestId?: string}, now: string): Promise<AuditResult & {assessment?: DocumentAssessment}> {
  const workerId = normalizeWorkerId(spec.workerId);
  const session = await openSession(g, spec.ledger, now, {tabs: [AUDITS, EVENTS], workerId, what: `audit ${workerId}'s documents`});
  requireRole(session.actor, "specialist", "AuditDocuments");
  const worker = session.worker;
  if (!worker) {
    throw new DomainError("WORKER_NOT_FOUND", `There is no worker ${workerId} in this ledger.`);
  }
  const key = requestKey("AuditDocuments", session.actor.email, spec.requestId, [workerId]);
  const [audits] = await readColumns(g, session.ledger, [columns(AUDITS, ["auditId", "requestKey", "updatedAt", "scheduledAt"])], "read the audits");
  const earlier = repeats(audits.rows, key, now);
  if (earlier.length) {
    const full = await readRows(g, session.ledger, AUDITS, [earlier[0]?.row ?? 2]);
    const row = full.rows[0];
    if (row) {
      return {audit: row, replayed: true};
    }
  }
  const required = requiredKinds(session.settings.get(MONITORING_SETTINGS.requiredDocuments));
  const staleDays = settingDays(session.settings, MONITORING_SETTINGS.documentStaleDays, 365);
  const folderText = worker.record.documentFolder;
  const folder = driveFolderId(folderText);
  if (folderText && !folder) {
    throw badInput("DOCUMENT_FOLDER", `${workerId}'s DocumentFolder "${folderText.slice(0, 80)}" is not a Google Drive folder link or id. Correct it on the worker, then audit again.`);
  }
  if (folder) {
    // Drive lists a folder the caller cannot open as empty: look it up first so that reads as an error, not as "everything missing".
    await getFile(g, folder, `open ${workerId}'s document folder`);
  }
  const files = folder ? await listChildren(g, [folder], `list ${workerId}'s document folder`) : [];
  const assessment = assessDocuments(
    files.map((f) => ({...f, name: f.name ?? f.id})),
    {now, required, staleDays},
  );
  const auditId = newId("A");
  const audit: AuditRecord = {
    auditId,
    workerId,
    kind: "Documentation",
    status: assessment.outcome,
    scheduledAt: now,
    dueDate: now.slice(0, 10),
    sampleSeed: "",
    stratum: "",
    auditor: session.actor.email,
    completedAt: now,
    findings: folder ? assessment.summary : `No document folder is recorded for ${workerId}. ${assessment.summary}`,
    evidence: folder ? `https://drive.google.com/drive/folders/${folder}` : "",
    suggestedStep: "",
    missing: assessment.missing.map((k) => KIND_LABELS[k]).join("; "),
    documentsExpireOn: assessment.expiresOn,
    requestKey: key,
    version: 1,
    updatedAt: now,
    updatedBy: session.actor.email,
    lock: auditLockId(auditId, 1),
  };
  const event = auditEvent(
    session,
    audit,
    worker.record,
    "DocumentationAudited",
    {
      reason: audit.missing ? `Missing: ${audit.missing}` : "",
      evidence: audit.evidence,
      details: `Documentation audit ${auditId}: ${assessment.outcome}. ${audit.findings}`.slice(0, 5_000),
    },
    key,
  );
  await commit(session, {writes: [newAuditWrite(audit, 2 + audits.extent)], appends: [{tab: EVENTS, record: event}], what: `record ${workerId}'s documentation audit`});
  return {audit: {row: 2 + audits.extent, record: audit, problems: [], invalid: new Set()}, event, replayed: false, assessment};
}
