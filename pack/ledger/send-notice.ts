// SendNotice: a worker's pending notice of a kind sent now (after sending failed), or the feedback of their latest
// recorded audit; never a notice twice, and nothing when nothing is pending.
import type {Google} from "../google/http";
import {badInput} from "../core/errors";
import {requireRole} from "../core/lifecycle";
import {parseNoticeKind} from "../core/notices";
import type {WorkerRecord} from "../core/records";
import {sendAuditFeedback} from "./audit-feedback";
import {sendDisputeNoticesFor} from "./disputes";
import type {FollowUpReport} from "./followups";
import {sendPendingNotice} from "./followups";
import {readNoticeDetail} from "./notices";
import {EVENTS, WORKERS} from "./store/layout";
import type {ParsedRow} from "./store/rows";
import type {Session} from "./store/session";
import {openSession} from "./store/session";
import {normalizeWorkerId} from "./workers";

export interface SendNoticeInput {
  ledger: string;
  workerId: string;
  /** A notice kind as typed (Suspension, AuditFeedback, DisputeOutcome, ...). */
  kind: string;
  requestId?: string;
}

/**
 * Sends the worker's pending notice of `kind` from the signed-in person's Gmail. A repeat finds nothing pending and
 * records nothing; AuditFeedback with nothing pending sends the feedback of the worker's latest recorded audit, at
 * most once per audit. Returns the worker as it is after the send.
 */
export async function sendNotice(
  g: Google,
  input: SendNoticeInput,
  now: string,
): Promise<{worker: ParsedRow<WorkerRecord>; session: Session; followUps?: FollowUpReport}> {
  const id = normalizeWorkerId(input.workerId);
  const kind = parseNoticeKind(input.kind);
  const session = await openSession(g, input.ledger, now, {
    tabs: [WORKERS, EVENTS],
    workerId: id,
    what: `send ${id}'s ${kind} notice`,
  });
  requireRole(session.actor, "specialist", "SendNotice");
  const worker = session.worker;
  if (!worker) {
    throw badInput("WORKER_NOT_FOUND", `There is no worker ${id} in this ledger.`);
  }
  if (kind === "DisputeReceived" || kind === "DisputeOutcome") {
    await sendDisputeNoticesFor(g, input.ledger, worker, kind, now);
    return {worker, session};
  }
  const pendingFeedback = worker.record.pendingActions.some((p) => readNoticeDetail(p)?.notice === "AuditFeedback");
  if (kind === "AuditFeedback" && !pendingFeedback) {
    const result = await sendAuditFeedback(g, {ledger: input.ledger, workerId: id, requestId: input.requestId}, now);
    const failure = result.followUps?.failed[0];
    if (failure) {
      throw badInput(
        "NOTICE_FAILED",
        `The AuditFeedback notice to ${worker.record.email || id} was not sent: ${failure.reason.replace(/\.$/, "")}. It is still pending.`,
      );
    }
    return result;
  }
  return {worker: await sendPendingNotice(session, worker, kind), session};
}
