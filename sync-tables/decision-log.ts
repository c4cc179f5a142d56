import * as coda from "@codahq/packs-sdk";
import {withGoogle} from "../pack/coda/boundary";
import type {EventRecord} from "../pack/core/records";
import type {Google} from "../pack/google/http";
import {EVENTS} from "../pack/ledger/store/layout";
import {gridRowCount, readColumn, readPage, readRows} from "../pack/ledger/store/read";
import type {LedgerRef} from "../pack/ledger/store/ref";
import {parseLedgerRef} from "../pack/ledger/store/ref";
import type {ParsedRow} from "../pack/ledger/store/rows";
import {columnLetter} from "../pack/ledger/store/rows";
import {normalizeWorkerId} from "../pack/ledger/workers";
import {instantParam, LedgerParam, optionalText} from "../pack/coda/params";
import {decisionObject} from "../pack/coda/workers";
import {DecisionSchema} from "../pack/coda/workers";

/** Log rows per page when reading every decision. */
export const LOG_PAGE_ROWS = 2_000;
/** Log rows scanned per request when looking for one worker's decisions (one column only). */
export const LOG_SCAN_ROWS = 50_000;
/** Scans per execution, well inside the time limit. */
const SCANS_PER_PAGE = 4;
// Rows are appended in commit order; allow for clocks a little apart before stopping at `since`.
const SINCE_SLACK_MS = 10 * 60_000;

interface LogContinuation {
  [key: string]: number;
  /** The last (newest) row still to read; pages move towards row 2. */
  end: number;
}

export interface LogPage {
  rows: Array<ParsedRow<EventRecord>>;
  next?: number;
}

/** A page of the log, newest first, ending at row `end`; stops at `since`. */
export async function logPage(g: Google, ref: LedgerRef, end: number, since: string | undefined): Promise<LogPage> {
  const start = Math.max(2, end - LOG_PAGE_ROWS + 1);
  const page = await readPage(g, ref, EVENTS, start, end - start + 1);
  const rows = page.rows.reverse();
  const kept = since ? rows.filter((r) => r.invalid.has("time") || !r.record.time || r.record.time >= since) : rows;
  const reachedSince =
    since && rows.some((r) => r.record.time && Date.parse(r.record.time) < Date.parse(since) - SINCE_SLACK_MS);
  return {rows: kept, next: start > 2 && !reachedSince ? start - 1 : undefined};
}

/** One worker's decisions, newest first: scans only the WorkerId column, then reads the matching rows. */
export async function workerLogPage(
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
  const kept = since ? rows.filter((r) => r.invalid.has("time") || !r.record.time || r.record.time >= since) : rows;
  const reachedSince =
    since && rows.some((r) => r.record.time && Date.parse(r.record.time) < Date.parse(since) - SINCE_SLACK_MS);
  return {rows: kept, next: cursor >= 2 && !reachedSince ? cursor : undefined};
}

export function registerDecisionLogTable(pack: coda.PackDefinitionBuilder): void {
  pack.addSyncTable({
    name: "DecisionLog",
    description:
      "The ledger's append-only decision log, newest first: who decided what about which worker, why, and under which clause.",
    identityName: "Decision",
    schema: DecisionSchema,
    formula: {
      name: "SyncDecisionLog",
      description: "Reads the ledger's Events tab from the newest decision back.",
      parameters: [
        LedgerParam,
        optionalText("workerId", "Only this worker's decisions."),
        coda.makeParameter({
          type: coda.ParameterType.Date,
          name: "since",
          description: "Only decisions recorded on or after this time.",
          optional: true,
        }),
      ],
      execute: async ([ledger, workerId, since], context) =>
        withGoogle(context, async ({g}) => {
          const ref = parseLedgerRef(ledger);
          const sinceIso = instantParam(since, "since");
          const end =
            (context.sync.continuation as LogContinuation | undefined)?.end ?? (await gridRowCount(g, ref, EVENTS));
          const page = workerId
            ? await workerLogPage(g, ref, normalizeWorkerId(workerId), end, sinceIso)
            : await logPage(g, ref, end, sinceIso);
          const continuation: LogContinuation | undefined = page.next ? {end: page.next} : undefined;
          return {result: page.rows.map((r) => decisionObject(r)), continuation};
        }),
    },
  });
}
