import type {Google} from "../../google/http";
import {a1, batchGetValues, getSpreadsheet} from "../../google/sheets";
import {DomainError} from "../../core/errors";
import {isGoogleApiError} from "../../google/errors";
import type {AnyTab, TabDef} from "./layout";
import type {HeaderMap, ParsedRow} from "./rows";
import {mapHeader, parseRows} from "./rows";
import type {LedgerRef} from "./ref";

export interface Page<R> {
  header: HeaderMap<R>;
  rows: Array<ParsedRow<R>>;
  /** True when the tab has no rows after this page. */
  done: boolean;
}

/**
 * Reads rows `first`..`first + size - 1` of a tab and its header, in one request. Whole-row
 * ranges ("5:2004") read every column wherever it was moved to.
 */
export async function readPage<R>(
  g: Google,
  ledger: LedgerRef,
  tab: TabDef<R>,
  first: number,
  size: number,
): Promise<Page<R>> {
  const [head, body] = await batchGetValues(
    g,
    ledger.spreadsheetId,
    [a1(tab.name, "1:1"), a1(tab.name, `${first}:${first + size - 1}`)],
    {
      what: `read the ${tab.name} tab`,
    },
  ).catch(async (err: unknown) => {
    throw (await absentTab(g, ledger, err, [tab.name])) ?? err;
  });
  const header = mapHeader(tab, head?.values?.[0]);
  const values = body?.values ?? [];
  return {header, rows: parseRows(header, values, first), done: values.length < size};
}

/** Where a forward sync stands: the next row, the grid's last row, and how many rows to read next. */
export interface ForwardCursor {
  [key: string]: number;
  row: number;
  last: number;
  size: number;
}

/** Blank stretches are crossed with growing reads, up to this many rows at once. */
export const MAX_PROBE_ROWS = 20_000;

/**
 * One page of a tab read top to bottom. The first page learns the grid size, so a long stretch
 * of blank rows never ends a sync early: rows after it are still read (blank stretches are
 * crossed with growing reads).
 */
export async function readForward<R>(
  g: Google,
  ledger: LedgerRef,
  tab: TabDef<R>,
  cursor: ForwardCursor | undefined,
  pageRows: number,
): Promise<{rows: Array<ParsedRow<R>>; next?: ForwardCursor}> {
  const at = cursor ?? {row: 2, last: await gridRowCount(g, ledger, tab), size: pageRows};
  const size = Math.max(1, Math.min(at.size, at.last - at.row + 1));
  const page = await readPage(g, ledger, tab, at.row, size);
  const following = at.row + size;
  const next =
    following > at.last
      ? undefined
      : {row: following, last: at.last, size: page.rows.length ? pageRows : Math.min(MAX_PROBE_ROWS, size * 4)};
  return {rows: page.rows, next};
}

/** Reads explicit rows (1-based, any order) of a tab with its header, in one request. */
export async function readRows<R>(
  g: Google,
  ledger: LedgerRef,
  tab: TabDef<R>,
  rows: readonly number[],
): Promise<Page<R>> {
  const ranges = [a1(tab.name, "1:1"), ...rows.map((r) => a1(tab.name, `${r}:${r}`))];
  const [head, ...bodies] = await batchGetValues(g, ledger.spreadsheetId, ranges, {
    what: `read the ${tab.name} tab`,
  }).catch(async (err: unknown) => {
    throw (await absentTab(g, ledger, err, [tab.name])) ?? err;
  });
  const header = mapHeader(tab, head?.values?.[0]);
  const parsed = bodies.flatMap((b, i) => parseRows(header, b.values ?? [], rows[i] ?? 0));
  return {header, rows: parsed, done: true};
}

/** The number of rows the tab's grid has: every data row is at or above it. */
export async function gridRowCount(g: Google, ledger: LedgerRef, tab: AnyTab): Promise<number> {
  const info = await getSpreadsheet(
    g,
    ledger.spreadsheetId,
    "sheets.properties(title,gridProperties.rowCount)",
    `size the ${tab.name} tab`,
  );
  const sheet = (info.sheets ?? []).find((s) => s.properties?.title === tab.name);
  if (!sheet) {
    throw missingTabError(tab);
  }
  return sheet.properties?.gridProperties?.rowCount ?? 1000;
}

/** One column of a tab (0-based index) for rows `first`..`last`, as text. */
export async function readColumn(
  g: Google,
  ledger: LedgerRef,
  tab: AnyTab,
  letter: string,
  first: number,
  last: number,
): Promise<string[]> {
  const [column] = await batchGetValues(g, ledger.spreadsheetId, [a1(tab.name, `${letter}${first}:${letter}${last}`)], {
    majorDimension: "COLUMNS",
    what: `read the ${tab.name} tab`,
  });
  return (column?.values?.[0] ?? []).map((v) => String(v).trim());
}

/**
 * After a read refused with 400: the first of `tabs` the ledger no longer has, as the error to show.
 * Google answers 400 INVALID_ARGUMENT for a range naming a missing tab as for any range it cannot
 * read, and documents no reason code or wording for it (values.batchGet reference; the message is
 * not part of the API), so the tab list is read (spreadsheets.get, titles only) rather than the
 * message. Undefined when every tab is there (the 400 was about something else) or the list
 * cannot be read: the caller then throws Google's own error.
 */
export async function absentTab(
  g: Google,
  ledger: LedgerRef,
  err: unknown,
  tabs: readonly string[],
): Promise<DomainError | undefined> {
  if (!isGoogleApiError(err) || err.status !== 400 || !tabs.length) {
    return undefined;
  }
  let titles: Set<string>;
  try {
    const info = await getSpreadsheet(g, ledger.spreadsheetId, "sheets.properties.title", "check the ledger's tabs");
    titles = new Set((info.sheets ?? []).map((s) => s.properties?.title ?? ""));
  } catch {
    return undefined;
  }
  const gone = tabs.find((name) => !titles.has(name));
  return gone === undefined ? undefined : missingTabError({name: gone});
}

/** The tab a range this pack built names ("'Workers'!A2:B" or "Workers!A2:B"), or undefined. */
export function tabOfRange(range: string): string | undefined {
  const quoted = /^'((?:[^']|'')+)'!/.exec(range);
  if (quoted?.[1]) {
    return quoted[1].replace(/''/g, "'");
  }
  return /^([^!']+)!/.exec(range)?.[1];
}

export function missingTabError(tab: Pick<AnyTab, "name">): DomainError {
  return new DomainError(
    "LEDGER_TAB_MISSING",
    `The ledger has no "${tab.name}" tab (it may have been renamed or deleted). Restore the tab's name, or run RepairLedger to recreate it.`,
  );
}
