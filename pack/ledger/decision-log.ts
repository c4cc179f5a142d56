// The DecisionLog sync: the Events tab read newest first, a page per execution, all of it or one worker's.
import type {Google} from "../google/http";
import type {EventRecord} from "../core/records";
import {EVENTS} from "./store/layout";
import {gridRowCount, readColumn, readPage, readRows} from "./store/read";
import type {LedgerRef} from "./store/ref";
import {parseLedgerRef} from "./store/ref";
import type {ParsedRow} from "./store/rows";
import {columnLetter} from "./store/rows";
import {normalizeWorkerId} from "./workers";

/** Log rows per page when reading every decision. */
const LOG_PAGE_ROWS = 2_000;
/** Log rows scanned per request when looking for one worker's decisions (one column only). */
const LOG_SCAN_ROWS = 50_000;
/** Scans per execution, well inside the time limit. */
const SCANS_PER_PAGE = 4;
// Rows are appended in commit order; allow for clocks a little apart before stopping at `since`.
const SINCE_SLACK_MS = 10 * 60_000;

export interface LogPage {
  rows: Array<ParsedRow<EventRecord>>;
  /** The last (newest) row still to read: the next page ends there; undefined when the log is read. */
  next?: number;
}

export interface LogQuery {
  /** Only this worker's decisions. */
  workerId?: string;
  /** Only decisions recorded at or after this instant (ISO). */
  since?: string;
  /** Where the previous page stopped; undefined for the first page. */
  end?: number;
}

/** A page of the decision log, newest first. */
export async function decisionLogPage(g: Google, ledger: string, query: LogQuery): Promise<LogPage> {
  const ref = parseLedgerRef(ledger);
  const end = query.end ?? (await gridRowCount(g, ref, EVENTS));
  return query.workerId
    ? workerLogPage(g, ref, normalizeWorkerId(query.workerId), end, query.since)
    : logPage(g, ref, end, query.since);
}

/** A page of the log, newest first, ending at row `end`; stops at `since`. */
async function logPage(g: Google, ref: LedgerRef, end: number, since: string | undefined): Promise<LogPage> {
  const start = Math.max(2, end - LOG_PAGE_ROWS + 1);
  const page = await readPage(g, ref, EVENTS, start, end - start + 1);
  return sincePage(page.rows.reverse(), since, start > 2 ? start - 1 : undefined);
}

/** One worker's decisions, newest first: scans only the WorkerId column, then reads the matching rows. */
async function workerLogPage(
  g: Google,
  ref: LedgerRef,
  workerId: string,
  end: number,
  since: string | undefined,
): Promise<LogPage> {
  const head = await readPage(g, ref, EVENTS, 1, 1);
  const letter = columnLetter(head.header.index.get("workerId") ?? 3);
  const matches: number[] = [];
  let cursor = end;
  for (let scan = 0; scan < SCANS_PER_PAGE && cursor >= 2; scan++) {
    const start = Math.max(2, cursor - LOG_SCAN_ROWS + 1);
    const ids = await readColumn(g, ref, EVENTS, letter, start, cursor);
    for (let i = ids.length - 1; i >= 0; i--) {
      if (ids[i] === workerId) {
        matches.push(start + i);
      }
    }
    cursor = start - 1;
    if (matches.length >= 500) {
      break;
    }
  }
  const rows = matches.length ? (await readRows(g, ref, EVENTS, matches)).rows : [];
  return sincePage(rows, since, cursor >= 2 ? cursor : undefined);
}

/**
 * Rows newest first, without those before `since` (a row whose time is unreadable is kept, so a broken row shows);
 * the log is read once a row is older than `since` by more than the clocks' slack.
 */
function sincePage(rows: Array<ParsedRow<EventRecord>>, since: string | undefined, next: number | undefined): LogPage {
  if (!since) {
    return {rows, next};
  }
  const kept = rows.filter((r) => r.invalid.has("time") || !r.record.time || r.record.time >= since);
  const reachedSince = rows.some(
    (r) => r.record.time && Date.parse(r.record.time) < Date.parse(since) - SINCE_SLACK_MS,
  );
  return {rows: kept, next: reachedSince ? undefined : next};
}
