// What the steps of issue 17 read from the ledger: Settings (strike weights, review and re-apply
// periods), the status a blacklisting ended, and the Blacklist rows an approved lift marks lifted
// in the same commit as the decision.
import type {StepPolicy} from "../core/casework";
import type {Decision} from "../core/decisions";
import type {WorkerStatus} from "../core/lifecycle";
import {recordLockId} from "../core/fold";
import type {BlacklistRecord, EventRecord, WorkerRecord} from "../core/records";
import {screen} from "../core/screening";
import {screenedDecision} from "../core/screening-decisions";
import {BLACKLIST, EVENTS} from "./store/layout";
import type {LockedWrite} from "./store/commit";
import {readPage} from "./store/read";
import type {ParsedRow} from "./store/rows";
import type {Session} from "./store/session";
import {setting, settingFor} from "./store/settings";
import {identityTables, probeOf} from "./screening";
import {buildEvent} from "./workers";

/** What a step reads from the ledger's Settings, and for a lift the status the blacklisting ended. */
export async function stepPolicy(
  session: Session,
  worker: ParsedRow<WorkerRecord>,
  input: {policyClause?: string},
): Promise<StepPolicy> {
  const clause = (input.policyClause ?? "").trim();
  return {
    strikeWeight: clause ? (settingFor(session.settings, "StrikeWeight.", clause) ?? 1) : 1,
    strikeExpiryDays: setting(session.settings, "StrikeExpiryDays"),
    investigationReviewDays: setting(session.settings, "InvestigationReviewDays"),
    reapplyAfterDays: setting(session.settings, "ReapplyAfterDays"),
    statusBeforeBlacklist: await priorStatus(session, worker),
  };
}

/** The worker's Blacklist entries, marked lifted, each written under its own one-time lock. */
export async function liftWrites(session: Session, worker: WorkerRecord): Promise<Array<LockedWrite<BlacklistRecord>>> {
  if (!worker.pendingLift) {
    return [];
  }
  const entries = await blacklistEntriesOf(session, worker);
  // On a Blacklist without LiftedAt the commit is refused (store/commit.ts): the entry would go on matching.
  return entries.map((entry) => ({
    tab: BLACKLIST,
    row: entry.row,
    // One lift per entry: a second lift of the same entry cannot land.
    lockFrom: "",
    lockTo: recordLockId("lift", entry.record.entryId, 1),
    record: {
      ...entry.record,
      liftedAt: session.now,
      liftedBy: session.actor.email,
      liftReason: worker.pendingLift?.reason ?? "",
    },
  }));
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

/**
 * A re-application screened afresh, as AddApplicant screens: the person's recorded keys against
 * every other worker and the Blacklist (lifted entries no longer match). The Reapplied decision
 * carries the new verdict, and the Screened event (sequence 0, like AddApplicant's) records it.
 * Needs the session to have read Blacklist and the identity ranges.
 */
export async function reapplyScreening(
  session: Session,
  worker: WorkerRecord,
  decision: Decision,
): Promise<{decision: Decision; screened: (event: EventRecord) => EventRecord}> {
  const draft: WorkerRecord = {...worker, ...decision.changes};
  const outcome = screen(await identityTables(session), probeOf(draft));
  const screened = screenedDecision(draft, outcome, session.now);
  return {
    decision: {
      ...decision,
      details: `${decision.details} Screened again: ${outcome.verdict}.`,
      changes: {...decision.changes, ...screened.changes},
    },
    screened: (event) => ({...buildEvent(session, event.workerId, screened, 0, ""), changes: {}}),
  };
}
