// What a follow-up is: the contract between the decisions that owe one and the handlers that run
// it (pack/ledger/followups.ts maps each kind to its handler).
import type {PendingAction, WorkerChanges, WorkerRecord} from "../../core/records";
import type {Session} from "./session";

/**
 * A side effect a decision owes after it is recorded: a notice to send, access to remove. The
 * decision's event lists it in the worker's PendingActions; when it has been done, a second
 * event records exactly what was done and clears it. If it fails, the decision stands and the
 * pending action stays visible until it is run again.
 */
export interface FollowUpHandler {
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

/** The pending actions a decision adds, to be filled with the decision's event id. */
export function pendingFrom(requests: readonly FollowUpRequest[], now: string): PendingAction[] {
  return requests.map((r) => ({kind: r.kind, eventId: "", since: now, detail: r.detail}));
}
