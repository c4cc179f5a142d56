// Disputes on the ledger: each action writes one event (with the worker's id, seq 0: disputes
// do not change the worker's version) and the dispute row under its own lock, in one commit.
// A notice a dispute owes is kept on the dispute row until it is sent; sending it is recorded by
// a NoticeSent event, as for workers.
import {DomainError, refuse} from "../core/errors";
import type {DisputeCategory, DisputeOutcome, DisputeSource, DisputeStep} from "../core/disputes";
import {
  checkAssignee,
  gmailThreadUrl,
  GMAIL_THREAD_ID,
  nextDisputeId,
  normalizeDisputeId,
  parseCategory,
  parseOutcome,
  readSource,
  requireDisputeRole,
  requireDisputeStep,
  reversalFor,
  reversalOutstanding,
} from "../core/disputes";
import {longDate} from "../core/dates";
import {pushRecent, recordLockId} from "../core/fold";
import {emailKey} from "../core/identity";
import {messageIds, parseAddress, unescapeHtml} from "../core/mime/codecs";
import type {NoticeKind} from "../core/notices";
import {composeNotice} from "../core/notices";
import type {DisputeRecord, EventRecord, PendingNotice, WorkerRecord} from "../core/records";
import {dueAfterBusinessDays} from "../core/sla";
import {slaPolicy} from "./disputes/sla";
import {cleanText} from "../core/text";
import type {Google} from "../google/http";
import {findByMessageId, getThread, headerOf} from "../google/gmail";
import type {MessageMeta} from "../google/gmail";
import {a1, batchGetValues} from "../google/sheets";
import {commit, CommitConflict, LockMissing, LockTracker} from "./store/commit";
import {findRepeat, newId, requestKey} from "./store/ids";
import {DISPUTES, EVENTS, WORKERS} from "./store/layout";
import type {LedgerRef} from "./store/ref";
import {parseLedgerRef} from "./store/ref";
import type {ParsedRow} from "./store/rows";
import {columnLetter, emptyRecord, mapHeader, parseRows} from "./store/rows";
import type {Session} from "./store/session";
import {openSession} from "./store/session";
import type {ReplyTo} from "./notices";
import {deliverNotice, deliveryDetails, noticeMessageId, noticeSettings} from "./notices";
import {afterConflict, normalizeWorkerId} from "./workers";

const ATTEMPTS = 4;
/** Dispute rows an action reads (whole rows, wherever columns were moved). */
const DISPUTE_ROWS = "2:20001";

export interface DisputeResult {
  dispute: ParsedRow<DisputeRecord>;
  replayed: boolean;
  /** Why a notice the action owed could not be sent (it stays pending on the row). */
  noticeFailure?: string;
}

interface Loaded {
  session: Session;
  rows: Array<ParsedRow<DisputeRecord>>;
  /** Sheet row after the last one with data. */
  nextRow: number;
}

async function load(g: Google, ledger: string, now: string, what: string, workerId?: string): Promise<Loaded> {
  const session = await openSession(g, ledger, now, {
    tabs: [DISPUTES, EVENTS, WORKERS],
    workerId,
    extraRanges: [a1(DISPUTES.name, DISPUTE_ROWS)],
    what,
  });
  const values = session.extra[0]?.values ?? [];
  return {session, rows: parseRows(session.header(DISPUTES), values, 2), nextRow: values.length + 2};
}

/** The session again, with the worker's row (read through its pointer). */
async function withWorker(
  g: Google,
  loaded: Loaded,
  workerId: string,
  what: string,
): Promise<{session: Session; worker: ParsedRow<WorkerRecord>}> {
  const session = await openSession(g, loaded.session.ledger.spreadsheetId, loaded.session.now, {
    tabs: [DISPUTES, EVENTS, WORKERS],
    workerId,
    what,
  });
  return {session, worker: usableWorker(session.worker, workerId)};
}

function usableWorker(worker: ParsedRow<WorkerRecord> | undefined, workerId: string): ParsedRow<WorkerRecord> {
  if (!worker) {
    throw new DomainError("WORKER_NOT_FOUND", `There is no worker ${workerId} in this ledger.`);
  }
  if (worker.invalid.has("status") || worker.invalid.has("workerId")) {
    throw new DomainError(
      "ROW_PROBLEM",
      `Sheet row ${worker.row} of the Workers tab (${workerId}) cannot be trusted: ${worker.problems.join("; ")}. Fix the row by hand, then try again.`,
    );
  }
  return worker;
}

function findDispute(rows: ReadonlyArray<ParsedRow<DisputeRecord>>, disputeId: string): ParsedRow<DisputeRecord> {
  const matches = rows.filter((r) => r.record.disputeId === disputeId);
  if (!matches.length) {
    throw new DomainError(
      "DISPUTE_NOT_FOUND",
      `There is no dispute ${disputeId} in this ledger. Check the id (it looks like D-000012).`,
    );
  }
  if (matches.length > 1) {
    throw new DomainError(
      "DISPUTE_DUPLICATE",
      `Dispute ${disputeId} is on sheet rows ${matches.map((m) => m.row).join(" and ")} of the Disputes tab; remove or renumber the copy by hand.`,
    );
  }
  const row = matches[0] as ParsedRow<DisputeRecord>;
  const broken = (["disputeId", "status", "version", "lock", "recent", "pendingNotice"] as const).filter((k) =>
    row.invalid.has(k),
  );
  if (broken.length) {
    throw new DomainError(
      "ROW_PROBLEM",
      `Sheet row ${row.row} of the Disputes tab (${disputeId}) cannot be trusted: ${row.problems.join("; ")}. Fix the row by hand, then try again.`,
    );
  }
  return row;
}

/**
 * Re-reads and decides again after a lost race. The lock tracker tells a race (the dispute moved
 * on) from a lock deleted by hand (same version: written without deleting it).
 */
async function withRetries<T>(what: string, body: (locks: LockTracker) => Promise<T>): Promise<T> {
  const locks = new LockTracker(undefined);
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      return await body(locks);
    } catch (err) {
      if (!(err instanceof CommitConflict || err instanceof LockMissing)) {
        throw err;
      }
      if (attempt === ATTEMPTS) {
        throw new DomainError(
          "BUSY",
          `${what} was changed by someone else at the same moment, several times in a row. Nothing was recorded for this request; resync and try again.`,
          "concurrency",
        );
      }
      afterConflict(attempt);
    }
  }
  throw new Error("unreachable");
}

function disputeEvent(
  session: Session,
  d: DisputeRecord,
  type: string,
  key: string,
  text: {reason?: string; details: string; evidence?: string; policyClause?: string},
  eventId = newId("E"),
): EventRecord {
  return {
    eventId,
    time: session.now,
    actor: session.actor.email,
    workerId: d.workerId,
    type,
    fromStatus: "",
    toStatus: "",
    reason: text.reason ?? "",
    policyClause: text.policyClause ?? "",
    evidence: text.evidence ?? "",
    details: text.details,
    changes: {},
    seq: 0,
    requestKey: key,
  };
}

/** The dispute after an event: changes applied, version, lock and recent requests advanced. */
function advance(before: DisputeRecord, changes: Partial<DisputeRecord>, event: EventRecord): DisputeRecord {
  const version = before.version + 1;
  return {
    ...before,
    ...changes,
    version,
    updatedAt: event.time,
    updatedBy: event.actor,
    lastEventId: event.eventId,
    lock: recordLockId("d", before.disputeId, version),
    recent: pushRecent(before.recent, {key: event.requestKey, at: event.time, eventId: event.eventId}),
  };
}

async function save(
  session: Session,
  before: ParsedRow<DisputeRecord> | undefined,
  after: DisputeRecord,
  event: EventRecord,
  locks: LockTracker,
  nextRow: number,
): Promise<ParsedRow<DisputeRecord>> {
  try {
    await commit(session, {
      writes: [
        {
          tab: DISPUTES,
          record: after,
          row: before?.row,
          rowHint: before ? undefined : nextRow,
          lockFrom: before ? await locks.lockFrom(session, before.record.version, before.record.lock) : "",
          lockTo: after.lock,
        },
      ],
      appends: [{tab: EVENTS, record: event}],
      what: `record ${event.type} for ${after.disputeId}`,
    });
  } catch (err) {
    if (err instanceof LockMissing && before) {
      locks.missing(before.record.version);
    }
    throw err;
  }
  return {row: before?.row ?? nextRow, record: after, problems: [], invalid: new Set()};
}

function pendingStatus(kind: string, since: string): string {
  return `${kind} notice pending since ${longDate(since)}: it goes out with CloseDispute or SendNotice.`;
}

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
  params: readonly unknown[];
  thread?: ThreadFacts;
  action?: string;
}

/** Opens a dispute for a worker; its due date counts business days in the worker's time zone. */
export async function openDispute(g: Google, spec: OpenSpec, now: string): Promise<DisputeResult> {
  const action = spec.action ?? "OpenDispute";
  const workerId = normalizeWorkerId(spec.workerId);
  const category = parseCategory(spec.category);
  const summary = cleanText(spec.summary, "summary", {required: true, max: 2_000});
  const source: DisputeSource = spec.thread
    ? {
        channel: "Email",
        source: gmailThreadUrl(spec.thread.threadId),
        threadId: spec.thread.threadId,
        zendeskTicketUrl: "",
        discordUserId: "",
      }
    : readSource(spec.source);
  return withRetries(`The Disputes tab`, async () => {
    const loaded = await load(g, spec.ledger, now, `open a dispute for ${workerId}`, workerId);
    const {session, rows} = loaded;
    requireDisputeRole(session.actor, action);
    const worker = usableWorker(session.worker, workerId).record;
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
    const pending: PendingNotice | null = spec.notify ? {kind: "DisputeReceived", eventId, since: now} : null;
    const blank: DisputeRecord = {
      ...emptyRecord(DISPUTES),
      disputeId,
      workerId,
      category,
      channel: source.channel,
      source: source.source,
      threadId,
      messageId: spec.thread?.messageId ?? "",
      subject: spec.thread?.subject ?? "",
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
    const saved = await save(
      session,
      undefined,
      advance(blank, {}, event),
      event,
      new LockTracker(undefined),
      loaded.nextRow,
    );
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
  return withRetries(id, async (locks) => {
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
      const reversal = reversalFor(d.category, outcome, worker);
      const eventId = newId("E");
      const pending: PendingNotice | null = notify ? {kind: "DisputeOutcome", eventId, since: now} : null;
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
  let attempt = 0;
  const recorded = await withRetries(d.disputeId, async (locks) => {
    let current = row;
    if (attempt++ > 0) {
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

// ---------------------------------------------------------------------------------------------
// Gmail threads

/** Worker ids and names by canonical email key, read from three columns of the Workers tab. */
export async function workerDirectory(
  g: Google,
  ref: LedgerRef,
): Promise<Map<string, {workerId: string; name: string}>> {
  const [head] = await batchGetValues(g, ref.spreadsheetId, [a1(WORKERS.name, "1:1")], {what: "read the Workers tab"});
  const header = mapHeader(WORKERS, head?.values?.[0]);
  const keys = ["workerId", "name", "emailKey"] as const;
  const missing = keys.filter((k) => !header.index.has(k));
  if (missing.length) {
    throw new DomainError(
      "LEDGER_HEADER",
      `The Workers tab has no ${missing.join(", ")} column in row 1. Restore the header, or run RepairLedger.`,
    );
  }
  const ranges = keys.map((k) => {
    const letter = columnLetter(header.index.get(k) ?? 0);
    return a1(WORKERS.name, `${letter}2:${letter}`);
  });
  const columns = await batchGetValues(g, ref.spreadsheetId, ranges, {
    majorDimension: "COLUMNS",
    what: "read the Workers tab",
  });
  const [ids, names, emailKeys] = columns.map((c) => (c.values?.[0] ?? []).map((v) => String(v).trim()));
  const directory = new Map<string, {workerId: string; name: string}>();
  (emailKeys ?? []).forEach((key, i) => {
    const workerId = ids?.[i] ?? "";
    if (key && workerId && !directory.has(key)) {
      directory.set(key, {workerId, name: names?.[i] ?? ""});
    }
  });
  return directory;
}

/** A Gmail thread read for disputes: who wrote, about what, when. */
export interface ThreadSummary {
  threadId: string;
  subject: string;
  sender: string;
  senderEmail: string;
  snippet: string;
  receivedAt: string;
  lastMessageAt: string;
  messages: number;
  /** The Message-ID of the sender's latest message. */
  messageId: string;
}

function instant(message: MessageMeta | undefined): string {
  const ms = Number(message?.internalDate ?? "");
  return Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : "";
}

/** Reads the facts of a thread; the "sender" is the first person in it who is not `me`. */
export function summarizeThread(
  thread: {id: string; snippet?: string; messages?: MessageMeta[]},
  me: string,
): ThreadSummary {
  const messages = thread.messages ?? [];
  const fromOthers = messages.filter((m) => parseAddress(headerOf(m, "From")).email.toLowerCase() !== me.toLowerCase());
  const first = fromOthers[0] ?? messages[0];
  const latest = fromOthers[fromOthers.length - 1] ?? messages[messages.length - 1];
  const from = parseAddress(headerOf(first, "From"));
  return {
    threadId: thread.id,
    subject: headerOf(messages[0], "Subject"),
    sender: from.name || from.email,
    senderEmail: from.email,
    snippet: unescapeHtml(thread.snippet ?? messages[messages.length - 1]?.snippet ?? ""),
    receivedAt: instant(first),
    lastMessageAt: instant(messages[messages.length - 1]),
    messages: messages.length,
    messageId: headerOf(latest, "Message-ID"),
  };
}

/** Opens a dispute from a Gmail thread of the signed-in mailbox, for the worker whose email wrote it. */
export async function flagDispute(
  g: Google,
  spec: {
    ledger: string;
    threadId: string;
    category: string;
    summary?: string;
    notify?: boolean;
    requestId?: string;
    me: string;
  },
  now: string,
): Promise<DisputeResult> {
  const text = cleanText(spec.threadId, "thread id", {required: true, max: 200});
  const threadId = (/([0-9a-f]{10,24})$/i.exec(text)?.[1] ?? "").toLowerCase();
  if (!GMAIL_THREAD_ID.test(threadId)) {
    throw new DomainError(
      "INPUT_THREAD",
      `"${text.slice(0, 60)}" is not a Gmail thread id (the ThreadId column of the DisputeEmails table).`,
    );
  }
  const category: DisputeCategory = parseCategory(spec.category);
  // Roles first, so a viewer hears about their role rather than about their mailbox.
  requireDisputeRole((await openSession(g, spec.ledger, now, {tabs: [], what: "flag a dispute"})).actor, "FlagDispute");
  const thread = await getThread(g, threadId, "read the email thread");
  if (!thread) {
    throw new DomainError(
      "THREAD_NOT_FOUND",
      `There is no thread ${threadId} in your Gmail. Resync DisputeEmails and use a thread from your own mailbox.`,
    );
  }
  const facts = summarizeThread(thread, spec.me);
  const directory = await workerDirectory(g, parseLedgerRef(spec.ledger));
  const match = directory.get(emailKey(facts.senderEmail));
  if (!match) {
    throw new DomainError(
      "SENDER_UNKNOWN",
      `${facts.senderEmail || "The sender"} is not the email of any worker in this ledger (compared by canonical email). Open the dispute with OpenDispute and the worker's id instead.`,
    );
  }
  const summary = spec.summary?.trim() || `${facts.subject || "(no subject)"}: ${facts.snippet}`.slice(0, 500);
  return openDispute(
    g,
    {
      ledger: spec.ledger,
      workerId: match.workerId,
      category,
      summary,
      notify: spec.notify,
      requestId: spec.requestId,
      params: [threadId, category],
      thread: {
        threadId,
        messageId: facts.messageId,
        subject: facts.subject,
        receivedAt: facts.receivedAt,
        fromEmail: facts.senderEmail,
      },
      action: "FlagDispute",
    },
    now,
  );
}
