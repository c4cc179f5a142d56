// The notices a dispute owes: sent in the worker's email thread when there is one, then recorded.
import {DomainError, refuse} from "../../core/errors";
import {reversalFor} from "../../core/disputes";
import {longDate} from "../../core/dates";
import {isMsgId, msgIdList} from "../../core/address";
import {maskNumbers} from "../../core/mask";
import {forWorker} from "../../core/worker-facts";
import type {NoticeKind} from "../../core/notices";
import {composeNotice} from "../../core/notices";
import type {DisputeRecord, WorkerRecord} from "../../core/records";
import type {Google} from "../../google/http";
import {findByMessageId, getThread, headerOf, rawHeaderOf} from "../../google/gmail";
import type {ParsedRow} from "../store/rows";
import type {Session} from "../store/session";
import type {ReplyTo} from "../notices";
import {noticeSettings} from "../notices";
import {deliverNotice, deliveryDetails, noticeMessageId} from "../notices";
import type {DisputeResult} from "./store";
import {load, findDispute, withRetries, disputeEvent, advance, save} from "./store";

/** "Re: subject", unless it already starts so. */
export function replySubject(subject: string): string {
  const s = subject.trim();
  return /^re:/i.test(s) ? s : `Re: ${s}`;
}

/**
 * How to reply in the worker's thread from the signed-in mailbox: the thread there (found by id,
 * or by the worker's Message-ID when the dispute was flagged from another mailbox), its last
 * message for In-Reply-To, and the References chain. Without the thread, the headers alone
 * still thread the reply in the worker's mail client.
 */
export async function replyContext(g: Google, d: DisputeRecord): Promise<ReplyTo | undefined> {
  // A Message-ID cell edited by hand into anything but one msg-id is not used (it would reach a header).
  const messageId = isMsgId(d.messageId) ? d.messageId : "";
  if (!d.threadId && !messageId) {
    return undefined;
  }
  const what = `find the email thread of ${d.disputeId}`;
  const holds = (t: Awaited<ReturnType<typeof getThread>>) =>
    !messageId || Boolean(t?.messages?.some((m) => rawHeaderOf(m, "Message-ID") === messageId));
  let thread = d.threadId ? await getThread(g, d.threadId, what) : undefined;
  if (thread && !holds(thread)) {
    thread = undefined;
  }
  if (!thread && messageId) {
    const found = await findByMessageId(g, messageId, what);
    thread = found?.threadId ? await getThread(g, found.threadId, what) : undefined;
  }
  const messages = thread?.messages ?? [];
  const last = messages[messages.length - 1];
  if (thread && last) {
    const lastId = rawHeaderOf(last, "Message-ID");
    const chain = msgIdList(rawHeaderOf(last, "References"));
    const references = [
      ...(chain.length ? chain : msgIdList(rawHeaderOf(last, "In-Reply-To"))),
      ...(isMsgId(lastId) ? [lastId] : []),
    ];
    return {
      threadId: thread.id,
      inReplyTo: isMsgId(lastId) ? lastId : undefined,
      references: [...new Set(references)],
      subject: replySubject(maskNumbers(headerOf(messages[0], "Subject")) || d.subject),
    };
  }
  return messageId
    ? {inReplyTo: messageId, references: [messageId], subject: replySubject(maskNumbers(d.subject))}
    : undefined;
}

/**
 * Sends the notice a dispute owes and records it (NoticeSent, seq 0). A failure leaves it
 * pending and is reported, never thrown: the decision already stands.
 */
export async function sendDisputeNotice(
  session: Session,
  row: ParsedRow<DisputeRecord>,
  worker: WorkerRecord,
  replayed: boolean,
): Promise<DisputeResult> {
  const pending = row.record.pendingNotice;
  if (!pending) {
    return {dispute: row, replayed};
  }
  const d = row.record;
  const kind = pending.kind as NoticeKind;
  const messageId = noticeMessageId(pending.eventId, kind);
  let details: string;
  let releases: string[] = [];
  try {
    const reversal = d.outcome ? reversalFor(d.category, d.outcome, worker) : {step: "", forWorker: ""};
    const notice = composeNotice({
      ...noticeSettings(session.settings),
      kind,
      workerName: worker.name,
      workerId: worker.workerId,
      timezone: worker.timezone,
      decidedAt: kind === "DisputeOutcome" ? d.decidedAt || pending.since : pending.since,
      disputeId: d.disputeId,
      category: d.category,
      openedAt: d.openedAt,
      dueAt: d.dueAt,
      outcome: d.outcome,
      // Only what the worker is meant to hear: the facts given for them, else the decision's reasons.
      reason: forWorker(pending.facts || (kind === "DisputeOutcome" ? d.rationale : ""), worker.workerId, worker.email),
      policyClause: d.policyClause,
      reversal: reversal.forWorker,
      automated: d.category === "QualityRating" ? "automated quality scoring produced the rating you disputed" : "",
    });
    const reply = await replyContext(session.g, d);
    const delivery = await deliverNotice(session, {
      to: {name: worker.name, email: worker.email},
      notice,
      messageId,
      reply,
      stillPending: async () => {
        const fresh = await load(
          session.g,
          session.ledger.spreadsheetId,
          session.now,
          `check the notice of ${d.disputeId}`,
        );
        return findDispute(fresh.rows, d.disputeId).record.pendingNotice?.eventId === pending.eventId;
      },
    });
    details = `${d.disputeId}: ${deliveryDetails(kind, worker.email, delivery)}`;
    releases = delivery.release;
  } catch (err) {
    if (err && typeof err === "object" && (err as {statusCode?: number}).statusCode === 401) {
      throw err;
    }
    // The notice stays pending; the dispute as returned says why, in words (a Settings value refused, Gmail's answer).
    const failure = err instanceof Error ? err.message : String(err);
    const said = `${row.record.noticeStatus} Not sent: ${failure}`.trim();
    return {dispute: {...row, record: {...row.record, noticeStatus: said}}, replayed, noticeFailure: failure};
  }
  const key = `f:${pending.eventId}:${kind}`;
  const recorded = await withRetries(d.disputeId, async ({number, locks}) => {
    let current = row;
    if (number > 1) {
      const fresh = await load(
        session.g,
        session.ledger.spreadsheetId,
        session.now,
        `record the notice of ${d.disputeId}`,
      );
      current = findDispute(fresh.rows, d.disputeId);
    }
    if (current.record.pendingNotice?.eventId !== pending.eventId) {
      return current;
    }
    const event = disputeEvent(session, current.record, "NoticeSent", key, {details});
    const after = advance(
      current.record,
      {
        pendingNotice: null,
        noticeStatus: `${kind} notice sent ${longDate(session.now)}.`,
        respondedAt: current.record.respondedAt || session.now,
      },
      event,
    );
    return save(session, current, after, event, locks, 0, releases);
  });
  return {dispute: recorded, replayed};
}

/** For SendNotice: sends a worker's pending dispute notices of one kind; refuses when there are none. */
export async function sendDisputeNoticesFor(
  g: Google,
  ledger: string,
  worker: ParsedRow<WorkerRecord>,
  kind: NoticeKind,
  now: string,
): Promise<DisputeResult[]> {
  const loaded = await load(g, ledger, now, `send ${worker.record.workerId}'s ${kind} notice`);
  const owing = loaded.rows.filter(
    (r) => r.record.workerId === worker.record.workerId && r.record.pendingNotice?.kind === kind,
  );
  if (!owing.length) {
    throw refuse(
      "NOTHING_PENDING",
      "pending-notice",
      `${worker.record.workerId} has no dispute with a ${kind} notice waiting to be sent, so nothing was sent. The Disputes table's NoticeStatus shows each dispute's notice.`,
    );
  }
  const results: DisputeResult[] = [];
  for (const row of owing) {
    const result = await sendDisputeNotice(loaded.session, row, worker.record, false);
    if (result.noticeFailure) {
      throw new DomainError(
        "NOTICE_FAILED",
        `The ${kind} notice of ${row.record.disputeId} was not sent: ${result.noticeFailure.replace(/\.$/, "")}. It is still pending.`,
      );
    }
    results.push(result);
  }
  return results;
}
