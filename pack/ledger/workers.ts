import {nextNumberedId} from "../core/text";
import {DomainError} from "../core/errors";
import {requireRole, STAFF_ROLES, WORKER_STATUSES} from "../core/lifecycle";
import type {StaffRole} from "../core/lifecycle";
import {countryCode} from "../core/countries";
import type {Decision} from "../core/decisions";
import {eventFor} from "../core/decisions";
import {applyEvent, workerPointerName} from "../core/fold";
import type {EventRecord, WorkerRecord} from "../core/records";
import type {Google} from "../google/http";
import type {Append, LockedWrite} from "./store/commit";
import {busy, commit, newEvent, requireWorker, retryOnConflict} from "./store/commit";
import {findRepeat, requestKey} from "./store/ids";
import type {FollowUpReport} from "./followups";
import {prepareFollowUps, runPendingFollowUps} from "./followups";
import type {FollowUpRequest} from "./store/followup";
import {pendingFrom} from "./store/followup";
import type {AnyTab} from "./store/layout";
import {EVENTS, WORKERS} from "./store/layout";
import type {ForwardCursor} from "./store/read";
import {readForward} from "./store/read";
import {parseLedgerRef} from "./store/ref";
import type {ParsedRow} from "./store/rows";
import {lastColumnLetter, markDuplicateIds} from "./store/rows";
import type {Session} from "./store/session";
import {openSession} from "./store/session";
import {externalConfig} from "./store/settings";
import {stepsOwed, withOwed} from "../core/external";
import {viewerRole} from "./viewer";

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
  /** Leave the plan's follow-ups pending for a person to run later (SendNotice): none is prepared or run now. */
  deferFollowUps?: boolean;
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
    if (repeat && spec.deferFollowUps) {
      return {worker, replayed: true, session};
    }
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
    const event = buildEvent(
      session,
      workerId,
      owingSteps(session, worker.record, decision, now),
      worker.record.version + 1,
      key,
    );
    const after = applyEvent(worker.record, event);
    // A notice's draft is written now and claimed in this same commit (see ledger/notices.ts).
    const prepared =
      plan.followUps?.length && !spec.deferFollowUps ? await prepareFollowUps(session, after, event.eventId) : [];
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
    if (!plan.followUps?.length || spec.deferFollowUps) {
      return {worker: committed, event, replayed: false, session};
    }
    const followUps = await runPendingFollowUps(session, committed, (p) => p.eventId === event.eventId, {
      askForMissingScopes: false,
    });
    return {worker: followUps.worker, event, replayed: false, session, followUps};
  });
}

/** The decision with the steps it owes the team's other tools (Settings Discord.On…, Zendesk.On…) added. */
function owingSteps(session: Session, worker: WorkerRecord, decision: Decision, now: string): Decision {
  const steps = stepsOwed(decision.type, externalConfig(session.settings), {...worker, ...decision.changes});
  if (!steps.length) {
    return decision;
  }
  const owed = withOwed(decision.changes.externalStepsOwed ?? worker.externalStepsOwed, steps, decision.type, now);
  return {...decision, changes: {...decision.changes, externalStepsOwed: owed}};
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

/** The next id after the highest W-number in use. */
export function nextWorkerId(ids: readonly string[]): string {
  return nextNumberedId("W", ids);
}

export {lastColumnLetter};

/** Rows per Workers sync page: 10,000 rows (Coda's limit) in five requests. */
const WORKERS_PAGE_ROWS = 2_000;

/** Where the Workers sync goes on, with the syncing person's role read on the first page (-1: not on Staff). */
export type WorkersCursor = ForwardCursor & {role: number};

/**
 * A page of the Workers tab for the sync, filtered by status and country as typed (names or codes, any case),
 * duplicate ids marked, with the syncing person's role (their NextSteps follow it).
 */
export async function workersPage(
  g: Google,
  ledger: string,
  filter: {status?: readonly string[]; country?: readonly string[]},
  cursor: WorkersCursor | undefined,
): Promise<{rows: Array<ParsedRow<WorkerRecord>>; role: StaffRole | undefined; next?: WorkersCursor}> {
  const ref = parseLedgerRef(ledger);
  const statuses = new Set(
    (filter.status ?? []).map(
      (s) => WORKER_STATUSES.find((w) => w.toLowerCase() === s.trim().toLowerCase()) ?? s.trim(),
    ),
  );
  const countries = new Set((filter.country ?? []).map((c) => countryCode(c) ?? c.trim().toUpperCase()));
  const roleIndex = cursor ? cursor.role : STAFF_ROLES.indexOf((await viewerRole(g, ref)) ?? ("" as never));
  const page = await readForward(g, ref, WORKERS, cursor, WORKERS_PAGE_ROWS);
  const rows = markDuplicateIds(page.rows, "workerId", "WorkerId").filter((r) => workerMatches(r, statuses, countries));
  return {rows, role: STAFF_ROLES[roleIndex], next: page.next ? {...page.next, role: roleIndex} : undefined};
}

/**
 * Whether a row passes the status and country filters. A row whose status or country cannot be
 * read always passes: it is shown with its problem rather than hidden.
 */
function workerMatches(
  row: ParsedRow<WorkerRecord>,
  statuses: ReadonlySet<string>,
  countries: ReadonlySet<string>,
): boolean {
  const statusOk = !statuses.size || row.invalid.has("status") || statuses.has(row.record.status);
  const countryOk = !countries.size || row.invalid.has("country") || countries.has(row.record.country.toUpperCase());
  return statusOk && countryOk;
}
