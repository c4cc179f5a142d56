import {nextNumberedId} from "../core/text";
import {DomainError} from "../core/errors";
import {requireRole} from "../core/lifecycle";
import type {StaffRole} from "../core/lifecycle";
import type {Decision} from "../core/decisions";
import {eventFor, planApplicant} from "../core/decisions";
import type {ApplicantInput} from "../core/decisions";
import {applyEvent, workerPointerName} from "../core/fold";
import type {EventRecord, WorkerRecord} from "../core/records";
import type {Google} from "../google/http";
import type {ValueRange} from "../google/sheets";
import {a1, batchGetValues} from "../google/sheets";
import type {Append, LockedWrite} from "./store/commit";
import {busy, commit, newEvent, requireWorker, retryOnConflict} from "./store/commit";
import {findRepeat, requestKey} from "./store/ids";
import type {FollowUpReport} from "./followups";
import {prepareFollowUps, runPendingFollowUps} from "./followups";
import type {FollowUpRequest} from "./store/followup";
import {pendingFrom} from "./store/followup";
import type {AnyTab} from "./store/layout";
import {EVENTS, WORKERS} from "./store/layout";
import type {ParsedRow} from "./store/rows";
import {columnLetter, lastColumnLetter, matchesLayout} from "./store/rows";
import type {Session} from "./store/session";
import {openSession} from "./store/session";

/** What a worker action produced: the worker after it, and the event it wrote (none on a replay). */
export interface WorkerResult {
  worker: ParsedRow<WorkerRecord>;
  event?: EventRecord;
  /** True when this call repeated an earlier one and wrote no new decision. */
  replayed: boolean;
  session: Session;
  /** Follow-ups run by this call: done, and failed (still pending). */
  followUps?: FollowUpReport;
}

/** What an action decides for the worker it loaded; more rows may be appended in the same commit. */
export interface WorkerPlan {
  decision: Decision;
  /** Side effects owed after the decision is recorded (notices, access removal). */
  followUps?: FollowUpRequest[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  appends?: (event: EventRecord, after: WorkerRecord) => Array<Append<any>>;
  /** Other rows written under their own locks in the same commit (a lifted Blacklist entry). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  writes?: Array<LockedWrite<any>>;
}

export interface WorkerActionSpec {
  action: string;
  ledger: string;
  workerId: string;
  requestId?: string;
  /**
   * The call's other parameters, for recognising an identical repeat. A function when they hold
   * something that must be reduced first (a clear account number becomes its keyed fingerprint).
   */
  params: readonly unknown[] | ((session: Session) => readonly unknown[]);
  /** Tabs the plan appends to besides Workers and Events. */
  tabs?: readonly AnyTab[];
  /** The weakest role that may run the action at all (the plan checks its own rules too). */
  minimumRole?: StaffRole;
  /** More ranges read in the same request as the worker (see Session.extra). */
  extraRanges?: string[];
  /** The plan needs the fingerprint key (read from its own file). */
  needsKey?: boolean;
  plan(session: Session, worker: ParsedRow<WorkerRecord>): WorkerPlan | Promise<WorkerPlan>;
}

/**
 * Runs one decision about one worker: reads, checks, writes one event and the updated row in
 * one atomic commit. A lost race is re-read and decided again on the new state, where it is
 * either applied or refused with the rule it now breaks. A repeated call returns the row as the
 * first call left it and writes nothing.
 */
export async function runWorkerAction(g: Google, spec: WorkerActionSpec, now: string): Promise<WorkerResult> {
  const workerId = normalizeWorkerId(spec.workerId);
  const retry = {pointerName: workerPointerName(workerId), busy: () => busy(workerId)};
  return retryOnConflict(retry, async ({locks}) => {
    const session = await openSession(g, spec.ledger, now, {
      tabs: [WORKERS, EVENTS, ...(spec.tabs ?? [])],
      workerId,
      extraRanges: spec.extraRanges,
      what: `${spec.action} ${workerId}`,
      needsKey: spec.needsKey,
    });
    // Nobody below a specialist learns anything about a worker's row, not even that it is broken.
    requireRole(session.actor, spec.minimumRole ?? "specialist", spec.action);
    const worker = requireWorker(session.worker, workerId);
    const params = typeof spec.params === "function" ? spec.params(session) : spec.params;
    const key = requestKey(spec.action, session.actor.email, spec.requestId, [workerId, ...params]);
    const repeat = findRepeat(worker.record.recent, key, now);
    if (repeat) {
      // The decision is recorded; finish anything it still owes (a repeat resumes, never redoes).
      const followUps = await runPendingFollowUps(session, worker, (p) => p.eventId === repeat.eventId);
      return {worker: followUps.worker, replayed: true, session, followUps};
    }
    const plan = await spec.plan(session, worker);
    const decision = plan.followUps?.length
      ? {
          ...plan.decision,
          changes: {
            ...plan.decision.changes,
            pendingActions: [
              ...(plan.decision.changes.pendingActions ?? worker.record.pendingActions),
              ...pendingFrom(plan.followUps, now),
            ],
          },
        }
      : plan.decision;
    const event = buildEvent(session, workerId, decision, worker.record.version + 1, key);
    const after = applyEvent(worker.record, event);
    // A notice's draft is written now and claimed in this same commit (see ledger/notices.ts).
    const prepared = plan.followUps?.length ? await prepareFollowUps(session, after, event.eventId) : [];
    try {
      await commit(session, {
        writes: [await locks.update(session, WORKERS, worker, after), ...(plan.writes ?? [])],
        appends: [{tab: EVENTS, record: event}, ...(plan.appends?.(event, after) ?? [])],
        what: `record ${spec.action} for ${workerId}`,
        requests: prepared.flatMap((p) => p.requests),
      });
    } catch (err) {
      await Promise.all(prepared.map((p) => p.abandoned()));
      throw err;
    }
    prepared.forEach((p) => p.committed());
    const committed: ParsedRow<WorkerRecord> = {...worker, record: after, problems: [], invalid: new Set()};
    if (!plan.followUps?.length) {
      return {worker: committed, event, replayed: false, session};
    }
    const followUps = await runPendingFollowUps(session, committed, (p) => p.eventId === event.eventId, {
      askForMissingScopes: false,
    });
    return {worker: followUps.worker, event, replayed: false, session, followUps};
  });
}

/** The log row of a decision about a worker, at the worker's next version. */
export function buildEvent(
  session: Session,
  workerId: string,
  decision: Decision,
  seq: number,
  key: string,
): EventRecord {
  return eventFor(decision, newEvent(session, {type: decision.type, details: "", workerId, seq, requestKey: key}));
}

/** "w-123" → "W-000123"; anything else is refused with the expected form. */
export function normalizeWorkerId(input: string): string {
  const text = (input ?? "").trim().toUpperCase();
  const match = /^W-?(\d{1,9})$/.exec(text);
  if (!match?.[1]) {
    throw new DomainError(
      "INPUT_WORKER_ID",
      `"${(input ?? "").slice(0, 40)}" is not a worker id; worker ids look like W-000123.`,
    );
  }
  return `W-${match[1].padStart(6, "0")}`;
}

/** The identity columns AddApplicant reads for every worker: id, email key and recent requests. */
const IDENTITY_KEYS = ["workerId", "emailKey", "recent", "status"] as const;

/** Adds a person as an Applicant, refusing a second worker with the same canonical email. */
export async function addApplicant(
  g: Google,
  spec: {ledger: string; input: ApplicantInput; requestId?: string; params: readonly unknown[]},
  now: string,
): Promise<WorkerResult> {
  const busy = () =>
    new DomainError(
      "BUSY",
      "Several people added workers at the same moment, again and again; nothing was recorded for this request. Try again.",
      "concurrency",
    );
  return retryOnConflict({busy}, async () => {
    const guessed = IDENTITY_KEYS.map((k) => columnRange(WORKERS.columns.findIndex((c) => c.key === k)));
    let session = await openSession(g, spec.ledger, now, {
      tabs: [WORKERS, EVENTS],
      extraRanges: guessed,
      what: "add an applicant",
    });
    const header = session.header(WORKERS);
    let columns = session.extra;
    if (!matchesLayout(header)) {
      // Columns were moved by hand: read them where the header says they are.
      const missing = IDENTITY_KEYS.filter((k) => !header.index.has(k));
      if (missing.length) {
        throw new DomainError(
          "LEDGER_HEADER",
          `The Workers tab has no ${missing.join(", ")} column in row 1. Restore the header, or run RepairLedger.`,
        );
      }
      columns = await batchGetValues(
        g,
        session.ledger.spreadsheetId,
        IDENTITY_KEYS.map((k) => columnRange(header.index.get(k) ?? 0)),
        {
          what: "read the ledger's workers",
        },
      );
    }
    const decision = planApplicant(spec.input, session.actor, now);
    const key = requestKey("AddApplicant", session.actor.email, spec.requestId, spec.params);
    const [ids, emailKeys, recents, statuses] = columns.map(columnOf);
    const existing = (emailKeys ?? []).findIndex((k) => k === decision.changes.emailKey);
    if (existing >= 0) {
      const existingId = ids?.[existing] ?? "";
      const repeat = (recents?.[existing] ?? "").includes(`"${key}"`);
      if (repeat) {
        session = await openSession(g, spec.ledger, now, {
          tabs: [WORKERS, EVENTS],
          workerId: existingId,
          what: "add an applicant",
        });
        const row = requireWorker(session.worker, existingId);
        if (findRepeat(row.record.recent, key, now)) {
          return {worker: row, replayed: true, session};
        }
      }
      throw new DomainError(
        "DUPLICATE_EMAIL",
        `${decision.changes.email} is already in the ledger as ${existingId || `sheet row ${existing + 2}`} (same canonical email ${decision.changes.emailKey}). ${nextFor(existingId, statuses?.[existing] ?? "")}`,
        "duplicate",
      );
    }
    const workerId = nextWorkerId(ids ?? []);
    const lastRow = Math.max(...columns.map((c) => c.values?.length ?? 0)) + 1;
    const event = buildEvent(session, workerId, decision, 1, key);
    const after = applyEvent(undefined, event);
    await commit(session, {
      writes: [
        {
          tab: WORKERS,
          record: after,
          rowHint: lastRow + 1,
          lockFrom: "",
          lockTo: after.lock,
          pointerName: workerPointerName(workerId),
        },
      ],
      appends: [{tab: EVENTS, record: event}],
      what: `add ${workerId}`,
    });
    return {
      worker: {row: lastRow + 1, record: after, problems: [], invalid: new Set()},
      event,
      replayed: false,
      session,
    };
  });
}

/** What to do with a person already in the ledger: a rejected or offboarded one applies again with Reapply. */
function nextFor(workerId: string, status: string): string {
  if (workerId && (status === "Rejected" || status === "Offboarded")) {
    return `That worker is ${status}: to take a new application from them on the same record, use Reapply(ledger, "${workerId}") once Settings ReapplyAfterDays have passed.`;
  }
  if (status === "Blacklisted") {
    return "That worker is Blacklisted and cannot apply again.";
  }
  return "Open that worker instead of adding a second one.";
}

/** The cells of a one-column range read row by row (Sheets leaves blank trailing cells out). */
function columnOf(range: ValueRange): string[] {
  return (range.values ?? []).map((row) => String(row[0] ?? "").trim());
}

/** One column of the Workers tab from row 2 down, by 0-based index. */
export function columnRange(index: number): string {
  const letter = columnLetter(index);
  return a1(WORKERS.name, `${letter}2:${letter}`);
}

/** The next id after the highest W-number in use. */
export function nextWorkerId(ids: readonly string[]): string {
  return nextNumberedId("W", ids);
}

export {lastColumnLetter};
