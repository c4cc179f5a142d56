// Opening a dispute and the steps on it: assign, decide, close. A notice a dispute owes is kept on
// the dispute row until it is sent; sending it is recorded by a NoticeSent event, as for workers.
import {DomainError, refuse} from "../../core/errors";
import type {DisputeOutcome, DisputeSource, DisputeStep} from "../../core/disputes";
import {
  checkAssignee,
  gmailThreadUrl,
  nextDisputeId,
  normalizeDisputeId,
  parseCategory,
  parseOutcome,
  readSource,
  requireDisputeRole,
  requireDisputeStep,
  reversalFor,
  reversalOutstanding,
} from "../../core/disputes";
import {longDate} from "../../core/dates";
import type {DisputeRecord, PendingNotice, WorkerRecord} from "../../core/records";
import {dueAfterBusinessDays} from "../../core/sla";
import {slaPolicy} from "./sla";
import {cleanText} from "../../core/text";
import {maskNumbers} from "../../core/mask";
import {checkIndependence} from "../independence";
import type {Google} from "../../google/http";
import type {LockTracker} from "../store/commit";
import {findRepeat, newId, requestKey} from "../store/ids";
import {DISPUTES} from "../store/layout";
import type {ParsedRow} from "../store/rows";
import type {Session} from "../store/session";
import {normalizeWorkerId} from "../workers";
import type {DisputeResult} from "./store";
import {load, withWorker, findDispute, withRetries, disputeEvent, advance, save, pendingStatus} from "./store";
import {sendDisputeNotice} from "./notices";
import {requireWorker} from "../store/commit";
import {emptyRecord} from "../store/rows";

/** The facts FlagDispute takes from a Gmail thread. */
export interface ThreadFacts {
  threadId: string;
  messageId: string;
  subject: string;
  /** When the worker's first message arrived: the response clock starts then. */
  receivedAt: string;
  fromEmail: string;
}

export interface OpenSpec {
  ledger: string;
  workerId: string;
  category: string;
  summary: string;
  source?: string;
  notify?: boolean;
  requestId?: string;
  workerFacts?: string;
  params: readonly unknown[];
  thread?: ThreadFacts;
  action?: string;
}

/** Opens a dispute for a worker; its due date counts business days in the worker's time zone. */
export async function openDispute(g: Google, spec: OpenSpec, now: string): Promise<DisputeResult> {
  const action = spec.action ?? "OpenDispute";
  const workerId = normalizeWorkerId(spec.workerId);
  const category = parseCategory(spec.category);
  // What a worker wrote may hold their bank, ID or phone numbers: only masked forms are stored.
  const summary = maskNumbers(cleanText(spec.summary, "summary", {required: true, max: 2_000}));
  const source: DisputeSource = spec.thread
    ? {
        channel: "Email",
        source: gmailThreadUrl(spec.thread.threadId),
        threadId: spec.thread.threadId,
        zendeskTicketUrl: "",
        discordUserId: "",
      }
    : readSource(spec.source);
  return withRetries(`The Disputes tab`, async ({locks}) => {
    const loaded = await load(g, spec.ledger, now, `open a dispute for ${workerId}`, workerId);
    const {session, rows} = loaded;
    requireDisputeRole(session.actor, action);
    const worker = requireWorker(session.worker, workerId, "reads").record;
    const key = requestKey(action, session.actor.email, spec.requestId, spec.params);
    const repeat = rows.find((r) => findRepeat(r.record.recent, key, now));
    if (repeat) {
      return resume(session, repeat, worker, key);
    }
    const threadId = source.threadId;
    const existing = threadId
      ? rows.find((r) => r.record.threadId === threadId && r.record.status !== "Closed")
      : undefined;
    if (existing) {
      throw refuse(
        "DISPUTE_EXISTS",
        "one-dispute-per-thread",
        `Thread ${threadId} already has dispute ${existing.record.disputeId} (${existing.record.status}); work on that one instead of opening a second.`,
      );
    }
    const disputeId = nextDisputeId(rows.map((r) => r.record.disputeId));
    const policy = slaPolicy(session.settings, category, worker.country);
    const clockStart = spec.thread?.receivedAt && spec.thread.receivedAt < now ? spec.thread.receivedAt : now;
    const dueAt = dueAfterBusinessDays(clockStart, policy.days, worker.timezone, policy.calendar);
    const eventId = newId("E");
    const facts = cleanText(spec.workerFacts, "workerFacts", {max: 5_000});
    const pending: PendingNotice | null = spec.notify
      ? {kind: "DisputeReceived", eventId, since: now, ...(facts ? {facts} : {})}
      : null;
    const blank: DisputeRecord = {
      ...emptyRecord(DISPUTES),
      disputeId,
      workerId,
      category,
      channel: source.channel,
      source: source.source,
      threadId,
      messageId: spec.thread?.messageId ?? "",
      subject: maskNumbers(spec.thread?.subject ?? ""),
      summary,
      openedAt: now,
      openedBy: session.actor.email,
      dueAt,
      status: "Open",
      noticeStatus: pending ? pendingStatus("DisputeReceived", now) : "",
      pendingNotice: pending,
      zendeskTicketUrl: source.zendeskTicketUrl,
      discordUserId: source.discordUserId || worker.discordUserId,
      recent: [],
    };
    const event = disputeEvent(
      session,
      blank,
      "DisputeOpened",
      key,
      {
        reason: summary,
        details: `${disputeId} (${category}) opened from ${source.channel}; first response due by ${longDate(dueAt, worker.timezone)} (${policy.days} business days).`,
        evidence: source.source || source.zendeskTicketUrl,
      },
      eventId,
    );
    const saved = await save(session, undefined, advance(blank, {}, event), event, locks, loaded.nextRow);
    return pending ? sendDisputeNotice(session, saved, worker, false) : {dispute: saved, replayed: false};
  });
}

/** A repeated call: the row as the first call left it, with any notice it still owes sent now. */
async function resume(
  session: Session,
  row: ParsedRow<DisputeRecord>,
  worker: WorkerRecord | undefined,
  key: string,
): Promise<DisputeResult> {
  const first = row.record.recent.find((r) => r.key === key);
  if (worker && row.record.pendingNotice && first && row.record.pendingNotice.eventId === first.eventId) {
    return sendDisputeNotice(session, row, worker, true);
  }
  return {dispute: row, replayed: true};
}

interface StepContext {
  session: Session;
  row: ParsedRow<DisputeRecord>;
  worker: WorkerRecord;
  key: string;
  locks: LockTracker;
  nextRow: number;
}

/**
 * Runs one step on an existing dispute: reads it (and its worker), checks the role, replays a
 * repeated request, checks the step may follow the status, then lets `decide` write it.
 */
async function runStep(
  g: Google,
  spec: {ledger: string; disputeId: string; requestId?: string},
  now: string,
  action: DisputeStep,
  params: readonly unknown[],
  decide: (c: StepContext) => Promise<DisputeResult>,
): Promise<DisputeResult> {
  const id = normalizeDisputeId(spec.disputeId);
  return withRetries(id, async ({locks}) => {
    const loaded = await load(g, spec.ledger, now, `${action} ${id}`);
    requireDisputeRole(loaded.session.actor, action);
    const row = findDispute(loaded.rows, id);
    const {session, worker} = await withWorker(g, loaded, row.record.workerId, `${action} ${id}`);
    const key = requestKey(action, session.actor.email, spec.requestId, [id, ...params]);
    if (findRepeat(row.record.recent, key, now)) {
      return resume(session, row, worker.record, key);
    }
    requireDisputeStep(action, row.record);
    return decide({session, row, worker: worker.record, key, locks, nextRow: loaded.nextRow});
  });
}

export async function assignDispute(
  g: Google,
  spec: {ledger: string; disputeId: string; assignee: string; requestId?: string},
  now: string,
): Promise<DisputeResult> {
  return runStep(g, spec, now, "AssignDispute", [spec.assignee], async ({session, row, key, locks, nextRow}) => {
    const wanted = /^me$/i.test((spec.assignee ?? "").trim()) ? session.actor.email : spec.assignee;
    const assignee = checkAssignee(
      wanted,
      session.staff.filter((s) => !s.invalid.has("role")).map((s) => s.record),
    );
    const d = row.record;
    if (d.assignee === assignee && d.status === "InReview") {
      return {dispute: row, replayed: true};
    }
    const event = disputeEvent(session, d, "DisputeAssigned", key, {
      details: `${d.disputeId} assigned to ${assignee}${d.assignee ? ` (was ${d.assignee})` : ""}.`,
    });
    return {
      dispute: await save(session, row, advance(d, {assignee, status: "InReview"}, event), event, locks, nextRow),
      replayed: false,
    };
  });
}

export interface ResolveSpec {
  ledger: string;
  disputeId: string;
  outcome: string;
  rationale: string;
  notify?: boolean;
  policyClause?: string;
  requestId?: string;
  workerFacts?: string;
}

/**
 * Decides a dispute. An upheld appeal against a suspension or blacklist names the reversal the
 * specialist must take; nothing is reversed here. With `notify` (the default) the worker gets the
 * outcome, as a reply in their Gmail thread when the dispute came from one.
 */
export async function resolveDispute(g: Google, spec: ResolveSpec, now: string): Promise<DisputeResult> {
  const outcome: DisputeOutcome = parseOutcome(spec.outcome);
  const rationale = cleanText(spec.rationale, "rationale", {required: true, max: 5_000});
  const clause = cleanText(spec.policyClause, "policy clause", {max: 200});
  const notify = spec.notify ?? true;
  return runStep(
    g,
    spec,
    now,
    "ResolveDispute",
    [outcome, rationale, notify, clause],
    async ({session, row, worker, key, locks, nextRow}) => {
      const d = row.record;
      await checkIndependence(session, d);
      const reversal = reversalFor(d.category, outcome, worker);
      const eventId = newId("E");
      const facts = cleanText(spec.workerFacts, "workerFacts", {max: 5_000});
      const pending: PendingNotice | null = notify
        ? {kind: "DisputeOutcome", eventId, since: now, ...(facts ? {facts} : {})}
        : null;
      const details = `${d.disputeId} (${d.category}): ${outcome}.${reversal.step ? ` Reversal to take: ${reversal.step}.` : ""}`;
      const event = disputeEvent(
        session,
        d,
        "DisputeDecided",
        key,
        {reason: rationale, policyClause: clause, details},
        eventId,
      );
      const after = advance(
        d,
        {
          status: "Decided",
          outcome,
          rationale,
          policyClause: clause,
          decidedAt: now,
          decidedBy: session.actor.email,
          reversalNeeded: reversal.step,
          pendingNotice: pending ?? d.pendingNotice,
          noticeStatus: pending ? pendingStatus("DisputeOutcome", now) : "No outcome notice: notify was off.",
        },
        event,
      );
      const saved = await save(session, row, after, event, locks, nextRow);
      return pending ? sendDisputeNotice(session, saved, worker, false) : {dispute: saved, replayed: false};
    },
  );
}

/**
 * Closes a decided dispute: after the worker was told (a pending outcome notice is sent first) and
 * after the reversal it named was taken. Refuses, naming what is missing, otherwise.
 */
export async function closeDispute(
  g: Google,
  spec: {ledger: string; disputeId: string; note?: string; requestId?: string},
  now: string,
): Promise<DisputeResult> {
  const note = cleanText(spec.note, "note", {max: 2_000});
  return runStep(g, spec, now, "CloseDispute", [note], async ({session, row, worker, key, locks, nextRow}) => {
    const d = row.record;
    if (reversalOutstanding(d.reversalNeeded, worker)) {
      throw refuse(
        "REVERSAL_OUTSTANDING",
        "reversal-first",
        `${d.disputeId} was upheld and its reversal has not been taken yet: ${d.reversalNeeded}. Take it, then close the dispute.`,
      );
    }
    let current = row;
    if (d.pendingNotice) {
      const sent = await sendDisputeNotice(session, row, worker, false);
      if (sent.noticeFailure) {
        throw new DomainError(
          "NOTICE_FAILED",
          `${d.disputeId} was not closed: its ${d.pendingNotice.kind} notice could not be sent (${sent.noticeFailure.replace(/\.$/, "")}). It is still pending; try again.`,
        );
      }
      current = sent.dispute;
    }
    const event = disputeEvent(session, current.record, "DisputeClosed", key, {
      details: `${d.disputeId} closed (${d.outcome}).${note ? ` ${note}` : ""}`,
    });
    const after = advance(current.record, {status: "Closed", closedAt: now, closedBy: session.actor.email}, event);
    return {dispute: await save(session, current, after, event, locks, nextRow), replayed: false};
  });
}
