// The Disputes tab as a store: each action writes one event (with the worker's id, seq 0: disputes
// do not change the worker's version) and the dispute row under its own lock, in one commit.
import {DomainError} from "../../core/errors";
import {longDate} from "../../core/dates";
import {pushRecent, recordLockId} from "../../core/fold";
import type {DisputeRecord, EventRecord, WorkerRecord} from "../../core/records";
import type {Google} from "../../google/http";
import {a1} from "../../google/sheets";
import {newId} from "../store/ids";
import {DISPUTES, EVENTS, WORKERS} from "../store/layout";
import {DISPUTE_STATUSES} from "../../core/records";
import {currentUser} from "../../google/userinfo";
import type {ForwardCursor} from "../store/read";
import {readForward} from "../store/read";
import type {LedgerRef} from "../store/ref";
import type {ParsedRow} from "../store/rows";
import {markDuplicateIds, parseRows} from "../store/rows";
import type {Session} from "../store/session";
import {openSession} from "../store/session";
import type {Attempt, LockTracker} from "../store/commit";
import {busy, commit, newEvent, requireWorker, retryOnConflict} from "../store/commit";

/** Disputes give up sooner than worker actions: a dispute is rarely worked on by two people at once. */
const ATTEMPTS = 4;
/** Dispute rows an action reads (whole rows, wherever columns were moved). */
const DISPUTE_ROWS = "2:20001";

export interface DisputeResult {
  dispute: ParsedRow<DisputeRecord>;
  replayed: boolean;
  /** Why a notice the action owed could not be sent (it stays pending on the row). */
  noticeFailure?: string;
}

export interface Loaded {
  session: Session;
  rows: Array<ParsedRow<DisputeRecord>>;
  /** Sheet row after the last one with data. */
  nextRow: number;
}

export async function load(g: Google, ledger: string, now: string, what: string, workerId?: string): Promise<Loaded> {
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
export async function withWorker(
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
  return {session, worker: requireWorker(session.worker, workerId, "reads")};
}

export function findDispute(
  rows: ReadonlyArray<ParsedRow<DisputeRecord>>,
  disputeId: string,
): ParsedRow<DisputeRecord> {
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

/** Re-reads and decides again after a lost race (see retryOnConflict). */
export function withRetries<T>(what: string, body: (attempt: Attempt) => Promise<T>): Promise<T> {
  return retryOnConflict({attempts: ATTEMPTS, busy: () => busy(what)}, body);
}

export function disputeEvent(
  session: Session,
  d: DisputeRecord,
  type: string,
  key: string,
  text: {reason?: string; details: string; evidence?: string; policyClause?: string},
  eventId = newId("E"),
): EventRecord {
  return newEvent(session, {
    eventId,
    workerId: d.workerId,
    type,
    reason: text.reason ?? "",
    policyClause: text.policyClause ?? "",
    evidence: text.evidence ?? "",
    details: text.details,
    requestKey: key,
  });
}

/** The dispute after an event: changes applied, version, lock and recent requests advanced. */
export function advance(before: DisputeRecord, changes: Partial<DisputeRecord>, event: EventRecord): DisputeRecord {
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

export async function save(
  session: Session,
  before: ParsedRow<DisputeRecord> | undefined,
  after: DisputeRecord,
  event: EventRecord,
  locks: LockTracker,
  nextRow: number,
  releases: string[] = [],
): Promise<ParsedRow<DisputeRecord>> {
  await commit(session, {
    releases,
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
  return {row: before?.row ?? nextRow, record: after, problems: [], invalid: new Set()};
}

export function pendingStatus(kind: string, since: string): string {
  return `${kind} notice pending since ${longDate(since)}: it goes out with CloseDispute or SendNotice.`;
}

/** Disputes rows per page of the Disputes table. */
export const DISPUTES_PAGE_ROWS = 2_000;

/** Whether a row passes the filters; a row whose status cannot be read is shown with its problem. */
export function disputeMatches(
  row: ParsedRow<DisputeRecord>,
  statuses: ReadonlySet<string>,
  assignee: string,
): boolean {
  const statusOk = !statuses.size || row.invalid.has("status") || statuses.has(row.record.status);
  const assigneeOk = !assignee || row.record.assignee.toLowerCase() === assignee;
  return statusOk && assigneeOk;
}

/**
 * One page of the Disputes tab, filtered by status (names read loosely: "in review") and assignee
 * (an email, or "me" for the signed-in person). A copied id is shown as a distinct row, with its problem.
 */
export async function listDisputes(
  g: Google,
  ref: LedgerRef,
  filters: {status?: readonly string[]; assignee?: string},
  cursor: ForwardCursor | undefined,
): Promise<{rows: Array<ParsedRow<DisputeRecord>>; next: ForwardCursor | undefined}> {
  const statuses = new Set(
    (filters.status ?? []).map(
      (s) => DISPUTE_STATUSES.find((d) => d.toLowerCase() === s.replace(/\s+/g, "").toLowerCase()) ?? s.trim(),
    ),
  );
  const who = (filters.assignee ?? "").trim().toLowerCase();
  const assignee = who === "me" ? (await currentUser(g)).email : who;
  const page = await readForward(g, ref, DISPUTES, cursor, DISPUTES_PAGE_ROWS);
  const rows = markDuplicateIds(page.rows, "disputeId", "DisputeId").filter((r) =>
    disputeMatches(r, statuses, assignee),
  );
  return {rows, next: page.next};
}
