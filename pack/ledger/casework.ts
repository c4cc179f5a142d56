// Runs a lifecycle step on one worker with what it reads from Settings (strike weights, review
// and re-apply periods), the follow-ups it owes, and the Blacklist rows it writes: an approved
// blacklisting appends its entry; an approved lift marks the worker's entries lifted, in the same
// commit as the decision.
import type {StepInput} from "../core/decisions";
import {planStep} from "../core/decisions";
import type {StepPolicy} from "../core/casework";
import {nameKey} from "../core/identity";
import type {LifecycleStep, WorkerStatus} from "../core/lifecycle";
import {recordLockId} from "../core/fold";
import type {BlacklistRecord, WorkerRecord} from "../core/records";
import type {Google} from "../google/http";
import {accessFollowUps} from "./access";
import {noticeFollowUps} from "./notices";
import {newId} from "./store/ids";
import {BLACKLIST, EVENTS} from "./store/layout";
import type {LockedWrite} from "./store/commit";
import {readPage} from "./store/read";
import type {ParsedRow} from "./store/rows";
import type {Session} from "./store/session";
import {setting, settingFor} from "./store/settings";
import type {WorkerResult} from "./workers";
import {runWorkerAction} from "./workers";

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

/** What a step reads from the ledger's Settings. */
export function stepPolicy(session: Session, input: StepInput): StepPolicy {
  const clause = (input.policyClause ?? "").trim();
  return {
    strikeWeight: clause ? (settingFor(session.settings, "StrikeWeight.", clause) ?? 1) : 1,
    strikeExpiryDays: setting(session.settings, "StrikeExpiryDays"),
    investigationReviewDays: setting(session.settings, "InvestigationReviewDays"),
    reapplyAfterDays: setting(session.settings, "ReapplyAfterDays"),
  };
}

/** Runs a lifecycle step for one worker; a repeat of the same call writes nothing. */
export async function runStep(g: Google, spec: StepSpec, now: string): Promise<WorkerResult> {
  const {action} = spec;
  const blacklistTab = action === "ApproveBlacklist" || action === "ApproveLiftBlacklist";
  return runWorkerAction(
    g,
    {
      action,
      ledger: spec.ledger,
      workerId: spec.workerId,
      requestId: spec.requestId,
      params: spec.params,
      tabs: blacklistTab ? [BLACKLIST] : [],
      plan: async (session, worker) => {
        const entries = action === "ApproveLiftBlacklist" ? await blacklistEntriesOf(session, worker.record) : [];
        const input: StepInput = {
          ...spec.input,
          policy: {...stepPolicy(session, spec.input), statusBeforeBlacklist: await priorStatus(session, worker)},
        };
        const decision = planStep(action, worker.record, session.actor, input, session.now);
        return {
          decision,
          // Access changes first, so a worker is never told of a decision their access does not yet reflect.
          followUps: [
            ...accessFollowUps(action, session, worker.record),
            ...noticeFollowUps(action, spec.notify, worker.record, input, decision.changes, session.now),
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
          writes: entries.map((entry): LockedWrite<BlacklistRecord> => ({
            tab: BLACKLIST,
            row: entry.row,
            // One lift per entry: a second lift of the same entry cannot land.
            lockFrom: "",
            lockTo: recordLockId("lift", entry.record.entryId, 1),
            record: {
              ...entry.record,
              liftedAt: session.now,
              liftedBy: session.actor.email,
              liftReason: worker.record.pendingLift?.reason ?? "",
            },
          })),
        };
      },
    },
    now,
  );
}

/** The Blacklist row an approved blacklisting writes: the worker's identity keys and the decision. */
export function blacklistEntry(
  event: {reason: string; policyClause: string; evidence: string; actor: string; time: string; eventId: string},
  after: WorkerRecord,
  proposedBy: string,
): BlacklistRecord {
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

/** The worker's Blacklist entries not yet lifted. */
async function blacklistEntriesOf(session: Session, worker: WorkerRecord): Promise<Array<ParsedRow<BlacklistRecord>>> {
  const page = await readPage(session.g, session.ledger, BLACKLIST, 2, 100_000);
  return page.rows.filter((r) => r.record.workerId === worker.workerId && !r.record.liftedAt && r.record.entryId);
}

/**
 * The status the blacklisting ended, for a worker blacklisted before the Workers row kept it:
 * the FromStatus of the worker's latest Blacklisted event. Read only when it is needed.
 */
async function priorStatus(session: Session, worker: ParsedRow<WorkerRecord>): Promise<WorkerStatus | ""> {
  if (worker.record.status !== "Blacklisted" || worker.record.statusBeforeBlacklist || !worker.record.pendingLift) {
    return "";
  }
  const page = await readPage(session.g, session.ledger, EVENTS, 2, 400_000);
  const last = page.rows
    .filter((r) => r.record.workerId === worker.record.workerId && r.record.type === "Blacklisted")
    .pop();
  return (last?.record.fromStatus as WorkerStatus | undefined) ?? "";
}
