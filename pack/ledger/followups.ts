import * as coda from "@codahq/packs-sdk";
import type {PendingAction, WorkerChanges, WorkerRecord, EventRecord} from "../core/records";
import {applyEvent, workerPointerName} from "../core/fold";
import {isGoogleApiError, isMissingScopesError} from "../google/errors";
import {commit, CommitConflict, LockMissing, LockTracker} from "./store/commit";
import {newId} from "./store/ids";
import {EVENTS, WORKERS} from "./store/layout";
import type {ParsedRow} from "./store/rows";
import type {Session} from "./store/session";
import {openSession} from "./store/session";

/**
 * A side effect a decision owes after it is recorded: a notice to send, access to remove. The
 * decision's event lists it in the worker's PendingActions; when it has been done, a second
 * event records exactly what was done and clears it. If it fails, the decision stands and the
 * pending action stays visible until it is run again.
 */
export interface FollowUpHandler {
  /** The pending action kind it handles, e.g. "Notice" or "RemoveAccess". */
  kind: string;
  run(context: FollowUpContext): Promise<FollowUpOutcome>;
}

export interface FollowUpContext {
  session: Session;
  worker: WorkerRecord;
  pending: PendingAction;
}

/** What was done, as the follow-up event records it. */
export interface FollowUpOutcome {
  type: string;
  details: string;
  evidence?: string;
  changes?: WorkerChanges;
}

/** A follow-up a plan asks for; `detail` must hold all the handler needs to run it later. */
export interface FollowUpRequest {
  kind: string;
  detail: string;
}

const handlers = new Map<string, FollowUpHandler>();

/** Makes a follow-up kind runnable. Called once per kind at module load by the module that owns it. */
export function defineFollowUp(handler: FollowUpHandler): void {
  handlers.set(handler.kind, handler);
}

export function followUpHandler(kind: string): FollowUpHandler | undefined {
  return handlers.get(kind);
}

/** The pending actions a decision adds, to be filled with the decision's event id. */
export function pendingFrom(requests: readonly FollowUpRequest[], now: string): PendingAction[] {
  return requests.map((r) => ({kind: r.kind, eventId: "", since: now, detail: r.detail}));
}

export interface FollowUpReport {
  worker: ParsedRow<WorkerRecord>;
  done: string[];
  failed: Array<{kind: string; reason: string}>;
}

/**
 * Runs a worker's pending actions that `select` picks, each followed by an event that records
 * it. A lost race re-reads the worker and skips what someone else already finished.
 */
export async function runPendingFollowUps(
  session: Session,
  start: ParsedRow<WorkerRecord>,
  select: (p: PendingAction) => boolean,
  options: {askForMissingScopes: boolean} = {askForMissingScopes: true},
): Promise<FollowUpReport> {
  let worker = start;
  const done: string[] = [];
  const failed: Array<{kind: string; reason: string}> = [];
  const todo = worker.record.pendingActions.filter(select);
  for (const pending of todo) {
    const handler = handlers.get(pending.kind);
    if (!handler) {
      failed.push({kind: pending.kind, reason: `no handler for ${pending.kind}`});
      continue;
    }
    const same = (p: PendingAction) =>
      p.kind === pending.kind && p.eventId === pending.eventId && p.detail === pending.detail;
    if (!worker.record.pendingActions.some(same)) {
      continue;
    }
    let outcome: FollowUpOutcome;
    try {
      outcome = await handler.run({session, worker: worker.record, pending});
    } catch (err) {
      // An expired token always goes to Coda. A missing scope goes to Coda (which then asks the user
      // to allow it) only when someone is resuming the follow-up; right after a decision it stays
      // pending, so the decision's own result comes back.
      if (isExpiredToken(err) || (isMissingScopes(err) && options.askForMissingScopes)) {
        throw err;
      }
      failed.push({kind: pending.kind, reason: reasonOf(err)});
      continue;
    }
    worker = await recordOutcome(session, worker, pending, same, outcome);
    done.push(pending.kind);
  }
  return {worker, done, failed};
}

async function recordOutcome(
  session: Session,
  start: ParsedRow<WorkerRecord>,
  pending: PendingAction,
  same: (p: PendingAction) => boolean,
  outcome: FollowUpOutcome,
): Promise<ParsedRow<WorkerRecord>> {
  let worker = start;
  const locks = new LockTracker(workerPointerName(start.record.workerId));
  for (let attempt = 1; attempt <= 8; attempt++) {
    if (!worker.record.pendingActions.some(same)) {
      return worker;
    }
    const event: EventRecord = {
      eventId: newId("E"),
      time: session.now,
      actor: session.actor.email,
      workerId: worker.record.workerId,
      type: outcome.type,
      fromStatus: worker.record.status,
      toStatus: worker.record.status,
      reason: "",
      policyClause: "",
      evidence: outcome.evidence ?? "",
      details: outcome.details,
      changes: {...outcome.changes, pendingActions: worker.record.pendingActions.filter((p) => !same(p))},
      seq: worker.record.version + 1,
      requestKey: `f:${pending.eventId}:${pending.kind}`,
    };
    const after = applyEvent(worker.record, event);
    try {
      await commit(session, {
        writes: [await locks.update(session, WORKERS, worker, after)],
        appends: [{tab: EVENTS, record: event}],
        what: `record ${outcome.type} for ${after.workerId}`,
      });
      return {...worker, record: after};
    } catch (err) {
      const race =
        err instanceof CommitConflict || (err instanceof LockMissing && !locks.missing(worker.record.version));
      if (!race && !(err instanceof LockMissing)) {
        throw err;
      }
      const fresh = await openSession(session.g, session.ledger.spreadsheetId, session.now, {
        tabs: [WORKERS, EVENTS],
        workerId: worker.record.workerId,
        what: "record a follow-up",
      });
      worker = fresh.worker ?? worker;
    }
  }
  throw new Error(`${start.record.workerId}: ${outcome.type} was done but could not be recorded; it stays pending.`);
}

function isMissingScopes(err: unknown): boolean {
  return isMissingScopesError(err);
}

function isExpiredToken(err: unknown): boolean {
  return Boolean(
    err && typeof err === "object" && coda.StatusCodeError.isStatusCodeError(err) && err.statusCode === 401,
  );
}

function reasonOf(err: unknown): string {
  if (isGoogleApiError(err)) {
    return `${err.status} ${err.googleMessage}`.trim();
  }
  return err instanceof Error ? err.message : String(err);
}
