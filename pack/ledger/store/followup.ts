// What a follow-up is: the contract between the decisions that owe one and the handlers that run
// it (pack/ledger/followups.ts maps each kind to its handler).
import type {PendingAction, WorkerChanges, WorkerRecord} from "../../core/records";
import type {Request} from "../../google/sheets";
import type {Session} from "./session";

/**
 * A side effect a decision owes after it is recorded: a notice to send, access to remove. The
 * decision's event lists it in the worker's PendingActions; when it has been done, a second
 * event records exactly what was done and clears it. If it fails, the decision stands and the
 * pending action stays visible until it is run again.
 */
export interface FollowUpHandler {
  run(context: FollowUpContext): Promise<FollowUpOutcome>;
  /**
   * Work done before the decision is committed whose record rides in the decision's own commit
   * (a notice's draft and its claim), so the follow-up needs fewer requests afterwards.
   */
  prepare?(context: FollowUpContext): Promise<Prepared | undefined>;
}

/** What a follow-up prepared: requests for the decision's commit, and what to do once it lands or not. */
export interface Prepared {
  requests: Request[];
  /** The commit landed: the follow-up may use what was prepared. */
  committed(): void;
  /** The commit did not land: undo what was prepared (best effort). */
  abandoned(): Promise<void>;
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
  /** Named ranges the recording commit deletes if they still exist (a notice's claim). */
  releases?: string[];
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
