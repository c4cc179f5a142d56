// The notices a dispute owes: sent in the worker's email thread when there is one, then recorded.
import {DomainError, refuse} from "../../core/errors";
import {reversalFor} from "../../core/disputes";
import {longDate} from "../../core/dates";
import {messageIds} from "../../core/mime/codecs";
import type {NoticeKind} from "../../core/notices";
import {composeNotice} from "../../core/notices";
import type {DisputeRecord, WorkerRecord} from "../../core/records";
import type {Google} from "../../google/http";
import {findByMessageId, getThread, headerOf} from "../../google/gmail";
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
  if (!d.threadId && !d.messageId) {
    return undefined;
  }
  const what = `find the email thread of ${d.disputeId}`;
  const holds = (t: Awaited<ReturnType<typeof getThread>>) =>
    !d.messageId || Boolean(t?.messages?.some((m) => headerOf(m, "Message-ID") === d.messageId));
  let thread = d.threadId ? await getThread(g, d.threadId, what) : undefined;
  if (thread && !holds(thread)) {
    thread = undefined;
  }
  if (!thread && d.messageId) {
    const found = await findByMessageId(g, d.messageId, what);
    thread = found?.threadId ? await getThread(g, found.threadId, what) : undefined;
  }
  const messages = thread?.messages ?? [];
  const last = messages[messages.length - 1];
  if (thread && last) {
    const lastId = headerOf(last, "Message-ID");
    const chain = messageIds(headerOf(last, "References"));
    const references = [
      ...(chain.length ? chain : messageIds(headerOf(last, "In-Reply-To"))),
      ...(lastId ? [lastId] : []),
    ];
    return {
      threadId: thread.id,
      inReplyTo: lastId,
      references: [...new Set(references)],
      subject: replySubject(headerOf(messages[0], "Subject") || d.subject),
    };
  }
  return d.messageId
    ? {inReplyTo: d.messageId, references: [d.messageId], subject: replySubject(d.subject)}
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
      summary: d.summary,
      openedAt: d.openedAt,
      dueAt: d.dueAt,
      outcome: d.outcome,
      reason: d.rationale,
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
    });
    details = `${d.disputeId}: ${deliveryDetails(kind, worker.email, delivery, messageId)}`;
  } catch (err) {
    if (err && typeof err === "object" && (err as {statusCode?: number}).statusCode === 401) {
      throw err;
    }
    return {dispute: row, replayed, noticeFailure: err instanceof Error ? err.message : String(err)};
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
    return save(session, current, after, event, locks, 0);
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
