// The lifecycle steps and detail changes of one worker, as the formulas run them: each is one
// decision in the log, with the follow-ups it owes (project access first, then the notice) and,
// for an approved blacklisting, the Blacklist entry it writes.
import type {Google} from "../google/http";
import type {StepInput} from "../core/decisions";
import {planStep} from "../core/decisions";
import type {DetailsInput} from "../core/details";
import {planDetails} from "../core/details";
import {nameKey} from "../core/identity";
import type {LifecycleStep} from "../core/lifecycle";
import {noticeFollowUps} from "../core/notices";
import type {BlacklistRecord, EventRecord, WorkerRecord} from "../core/records";
import {accessFollowUps} from "./access";
import {BLACKLIST} from "./store/layout";
import {newId} from "./store/ids";
import type {WorkerResult} from "./workers";
import {runWorkerAction} from "./workers";

export interface StepSpec {
  action: LifecycleStep;
  ledger: string;
  workerId: string;
  input: StepInput;
  /** The call's parameters after the worker id, for recognising an identical repeat. */
  params: readonly unknown[];
  requestId?: string;
  /** Send the step's notice; undefined means the step's default. */
  notify?: boolean;
}

/** The Blacklist entry an approved blacklisting writes: the worker's identity keys and the decision. */
export function blacklistEntry(event: EventRecord, after: WorkerRecord, proposedBy: string): BlacklistRecord {
  return {
    entryId: newId("B"),
    workerId: after.workerId,
    name: after.name,
    nameKey: nameKey(after.name),
    emailKeys: after.emailKey,
    phones: after.phone,
    bankFingerprints: after.bankFingerprint,
    idFingerprints: after.idFingerprint,
    country: after.country,
    reason: event.reason,
    policyClause: event.policyClause,
    evidence: event.evidence,
    proposedBy,
    approvedBy: event.actor,
    approvedAt: event.time,
    eventId: event.eventId,
  };
}

/** Runs a lifecycle step for one worker. */
export async function runLifecycleStep(g: Google, spec: StepSpec, now: string): Promise<WorkerResult> {
  const {action, input, notify} = spec;
  return runWorkerAction(
    g,
    {
      action,
      ledger: spec.ledger,
      workerId: spec.workerId,
      requestId: spec.requestId,
      params: spec.params,
      tabs: action === "ApproveBlacklist" ? [BLACKLIST] : [],
      plan: (session, worker) => ({
        decision: planStep(action, worker.record, session.actor, input, session.now),
        // Access changes first, so a worker is never told of a decision their access does not yet reflect.
        followUps: [
          ...accessFollowUps(action, session, worker.record),
          ...noticeFollowUps(action, notify, worker.record, input),
        ],
        appends:
          action === "ApproveBlacklist"
            ? (event, after) => [
                {
                  tab: BLACKLIST,
                  record: blacklistEntry(event, after, worker.record.pendingBlacklist?.proposedBy ?? ""),
                },
              ]
            : undefined,
      }),
    },
    now,
  );
}

/** Records a worker's links and notes (UpdateWorkerDetails); the status does not change. */
export async function updateWorkerDetails(
  g: Google,
  spec: {ledger: string; workerId: string; input: DetailsInput; params: readonly unknown[]; requestId?: string},
  now: string,
): Promise<WorkerResult> {
  return runWorkerAction(
    g,
    {
      action: "UpdateWorkerDetails",
      ledger: spec.ledger,
      workerId: spec.workerId,
      requestId: spec.requestId,
      params: spec.params,
      plan: (session, worker) => ({decision: planDetails(worker.record, session.actor, spec.input, session.now)}),
    },
    now,
  );
}
