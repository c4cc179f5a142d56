import * as coda from "@codahq/packs-sdk";
import type {PendingAction, WorkerRecord} from "../core/records";
import {applyEvent, workerPointerName} from "../core/fold";
import {isGoogleApiError, isMissingScopesError} from "../google/errors";
import {DomainError} from "../core/errors";
import {commit, newEvent, retryOnConflict} from "./store/commit";
import {EVENTS, WORKERS} from "./store/layout";
import type {ParsedRow} from "./store/rows";
import type {Session} from "./store/session";
import {openSession} from "./store/session";
import {REMOVE_ACCESS, RESTORE_ACCESS} from "../core/access";
import type {NoticeKind} from "../core/notices";
import {NOTICE} from "../core/notices";
import {refuse} from "../core/errors";
import {removeAccess, restoreAccess} from "./access";
import {GMAIL_ACCESS_MISSING, readNoticeDetail, sendNoticeFollowUp} from "./notices";
import type {FollowUpHandler, FollowUpOutcome, Prepared} from "./store/followup";

/** Every follow-up kind and what runs it. */
const HANDLERS: ReadonlyMap<string, FollowUpHandler> = new Map([
  [NOTICE, sendNoticeFollowUp],
  [REMOVE_ACCESS, removeAccess],
  [RESTORE_ACCESS, restoreAccess],
]);

/** Prepares the follow-ups a decision's event `eventId` adds to `after`, for that decision's own commit. */
export async function prepareFollowUps(session: Session, after: WorkerRecord, eventId: string): Promise<Prepared[]> {
  const out: Prepared[] = [];
  for (const pending of after.pendingActions.filter((p) => p.eventId === eventId)) {
    const prepared = await HANDLERS.get(pending.kind)?.prepare?.({session, worker: after, pending});
    if (prepared) {
      out.push(prepared);
    }
  }
  return out;
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
    const handler = HANDLERS.get(pending.kind);
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
  const retry = {
    pointerName: workerPointerName(start.record.workerId),
    busy: () =>
      new DomainError(
        "FOLLOW_UP_UNRECORDED",
        `${start.record.workerId}: ${outcome.type} was done but could not be recorded; it stays pending.`,
      ),
  };
  return retryOnConflict(retry, async ({number, locks}) => {
    if (number > 1) {
      const fresh = await openSession(session.g, session.ledger.spreadsheetId, session.now, {
        tabs: [WORKERS, EVENTS],
        workerId: worker.record.workerId,
        what: "record a follow-up",
      });
      worker = fresh.worker ?? worker;
    }
    if (!worker.record.pendingActions.some(same)) {
      return worker;
    }
    const event = newEvent(session, {
      workerId: worker.record.workerId,
      type: outcome.type,
      fromStatus: worker.record.status,
      toStatus: worker.record.status,
      evidence: outcome.evidence ?? "",
      details: outcome.details,
      changes: {...outcome.changes, pendingActions: worker.record.pendingActions.filter((p) => !same(p))},
      seq: worker.record.version + 1,
      requestKey: `f:${pending.eventId}:${pending.kind}`,
    });
    const after = applyEvent(worker.record, event);
    await commit(session, {
      writes: [await locks.update(session, WORKERS, worker, after)],
      appends: [{tab: EVENTS, record: event}],
      what: `record ${outcome.type} for ${after.workerId}`,
      releases: outcome.releases,
    });
    return {...worker, record: after};
  });
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

/**
 * Sends a worker's pending notices of one kind now. Refuses when none is pending; fails, leaving
 * it pending, when it cannot be sent.
 */
export async function sendPendingNotice(
  session: Session,
  worker: ParsedRow<WorkerRecord>,
  kind: NoticeKind,
): Promise<ParsedRow<WorkerRecord>> {
  const select = (p: PendingAction) => readNoticeDetail(p)?.notice === kind;
  if (!worker.record.pendingActions.some(select)) {
    throw refuse(
      "NOTHING_PENDING",
      "pending-notice",
      `${worker.record.workerId} has no ${kind} notice waiting to be sent, so nothing was sent. PendingActions shows what is owed; notices already sent are in the decision log as NoticeSent.`,
    );
  }
  const report = await runPendingFollowUps(session, worker, select);
  const failure = report.failed[0];
  if (failure) {
    if (failure.reason.includes(GMAIL_ACCESS_MISSING)) {
      throw new coda.MissingScopesError(failure.reason);
    }
    throw new DomainError(
      "NOTICE_FAILED",
      `The ${kind} notice to ${worker.record.email || worker.record.workerId} was not sent: ${failure.reason.replace(/\.$/, "")}. It is still pending.`,
    );
  }
  return report.worker;
}
