// A lifecycle step on one worker (vet, approve, suspend, blacklist, ...): the decision, the
// follow-ups it owes, and for an approved blacklisting the Blacklist entry, in one commit.
import type {StepInput} from "../core/decisions";
import {planStep} from "../core/decisions";
import type {DetailsInput} from "../core/details";
import {planDetails} from "../core/details";
import {nameKey} from "../core/identity";
import type {LifecycleStep} from "../core/lifecycle";
import type {BlacklistRecord, EventRecord, WorkerRecord} from "../core/records";
import type {Google} from "../google/http";
import {accessFollowUps} from "./access";
import {noticeFollowUps} from "../core/notices";
import {newId} from "./store/ids";
import {BLACKLIST, EVENTS} from "./store/layout";
import type {WorkerResult} from "./workers";
import {runWorkerAction} from "./workers";
import {liftWrites, reapplyScreening, stepPolicy} from "./casework";
import {identityRanges} from "./screening";

export interface StepSpec {
  action: LifecycleStep;
  ledger: string;
  workerId: string;
  input: StepInput;
  /** The call's parameters, for recognising an identical repeat. */
  params: readonly unknown[];
  requestId?: string;
  notify?: boolean;
}

/**
 * Runs a lifecycle step for one worker with what it reads from Settings (strike weights, review
 * and re-apply periods); a repeat of the same call writes nothing. An approved lift marks the
 * worker's Blacklist entries lifted in the same commit (see pack/ledger/casework.ts).
 */
export async function runLifecycleStep(g: Google, spec: StepSpec, now: string): Promise<WorkerResult> {
  const {action} = spec;
  const reapply = action === "Reapply";
  return runWorkerAction(
    g,
    {
      action,
      ledger: spec.ledger,
      workerId: spec.workerId,
      requestId: spec.requestId,
      params: spec.params,
      tabs: action === "ApproveBlacklist" || action === "ApproveLiftBlacklist" || reapply ? [BLACKLIST] : [],
      // Reapply screens the person again as AddApplicant does: the identity columns come with the worker.
      extraRanges: reapply ? identityRanges() : undefined,
      plan: async (session, worker) => {
        const input: StepInput = {...spec.input, policy: await stepPolicy(session, worker, spec.input)};
        const planned = planStep(action, worker.record, session.actor, input, session.now);
        const rescreen = reapply ? await reapplyScreening(session, worker.record, planned) : undefined;
        const decision = rescreen?.decision ?? planned;
        return {
          decision,
          // Access changes first, so a worker is never told of a decision their access does not yet reflect.
          followUps: [
            ...accessFollowUps(action, session, worker.record),
            ...noticeFollowUps(action, spec.notify, worker.record, input, decision.changes, session.now),
          ],
          writes: action === "ApproveLiftBlacklist" ? await liftWrites(session, worker.record) : undefined,
          appends: rescreen
            ? (event) => [{tab: EVENTS, record: rescreen.screened(event)}]
            : action === "ApproveBlacklist"
              ? (event, after) => [
                  {
                    tab: BLACKLIST,
                    record: blacklistEntry(event, after, worker.record.pendingBlacklist?.proposedBy ?? ""),
                  },
                ]
              : undefined,
        };
      },
    },
    now,
  );
}

/** The Blacklist row an approved blacklisting writes: the worker's identity keys and the decision. */
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
    liftedAt: "",
    liftedBy: "",
    liftReason: "",
  };
}

/** Records a worker's other details (folder, projects, Discord, Zendesk, risk notes). */
export async function updateWorkerDetails(
  g: Google,
  spec: {ledger: string; workerId: string; input: DetailsInput; requestId?: string},
  now: string,
): Promise<WorkerResult> {
  const {input} = spec;
  return runWorkerAction(
    g,
    {
      action: "UpdateWorkerDetails",
      ledger: spec.ledger,
      workerId: spec.workerId,
      requestId: spec.requestId,
      params: [
        input.documentFolder,
        input.projects,
        input.discordUserId,
        input.zendeskUserId,
        input.zendeskTicketUrl,
        input.riskNotes,
      ],
      plan: (session, worker) => ({decision: planDetails(worker.record, session.actor, input, session.now)}),
    },
    now,
  );
}
