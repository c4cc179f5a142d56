// Sheets API v4 wrappers: https://developers.google.com/sheets/api/reference/rest
import type {sheets_v4} from "@googleapis/sheets";
import * as z from "zod/mini";
import type {Google, QueryParams, RetryPolicy} from "./http";
import {callGoogle, withQuery} from "./http";
import {GoogleApiError, isResponseTooLarge} from "./errors";
import type {CellValue, Grids, PartReader} from "./sheets-parts";
import {eachPart, Knowledge, readRefused} from "./sheets-parts";
import {columnIndex, shapeOf, spanOf} from "./sheets-a1";

export type {CellValue} from "./sheets-parts";

export type Request = sheets_v4.Schema$Request;
export type CellData = sheets_v4.Schema$CellData;
export type RowData = sheets_v4.Schema$RowData;
export type GridRange = sheets_v4.Schema$GridRange;
export type SpreadsheetBody = sheets_v4.Schema$Spreadsheet;

const API = "https://sheets.googleapis.com/v4/spreadsheets";

/** Builds every Sheets URL: `apiUrl("abc", "/values:batchGet", [["ranges", "A1"]])`. Ranges are escaped here. */
export function apiUrl(spreadsheetId: string, path = "", query: QueryParams = []): string {
  return withQuery(spreadsheetId ? `${API}/${encodeURIComponent(spreadsheetId)}${path}` : `${API}${path}`, query);
}

/** A1 range for a tab, with the tab name quoted: `a1("My tab", "A2:C")` → "'My tab'!A2:C". */
export function a1(tab: string, cells?: string): string {
  const quoted = `'${tab.replace(/'/g, "''")}'`;
  return cells ? `${quoted}!${cells}` : quoted;
}

const cellValue = z.union([z.string(), z.number(), z.boolean()]);

const valueRangeSchema = z.object({
  range: z.string(),
  majorDimension: z.optional(z.string()),
  values: z.optional(z.array(z.array(cellValue))),
});
export type ValueRange = z.infer<typeof valueRangeSchema>;

export interface ReadOptions {
  /** ROWS (default) or COLUMNS. */
  majorDimension?: "ROWS" | "COLUMNS";
  what: string;
  /**
   * The answer may pass Coda's response cap (a whole tab that grows with the ledger): the grids are
   * read first and the ranges in planned parts (readRefused), so no whole answer is built by Google and
   * refused by Coda. Costs one small request (the grids) when the answer turns out small.
   */
  large?: boolean;
}

/** Above this, a read goes by POST (values.batchGetByDataFilter): well under the 8 KB URLs Google's front ends take. */
export const MAX_GET_URL = 2_000;

const valueRangesSchema = z.object({valueRanges: z.optional(z.array(valueRangeSchema))});
const matchedSchema = z.object({
  valueRanges: z.optional(z.array(z.object({valueRange: z.optional(valueRangeSchema)}))),
});

/**
 * values.batchGet, unformatted, dates as serial numbers, never cached: ranges come back in the
 * order asked, each with its resolved A1 range (named ranges resolve to their cells). Many
 * ranges go by POST as values.batchGetByDataFilter with one A1 filter each, so no URL grows long
 * (https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets.values/batchGetByDataFilter).
 * A range that starts beyond its tab's grid is refused by Google with 400 (docs/google-behaviour.md):
 * then the grid is looked up once, such ranges read as empty, and the rest is read again. An answer
 * Coda refuses for its size is read again in parts (readRefused, pack/google/sheets-parts.ts).
 */
export async function batchGetValues(
  g: Google,
  spreadsheetId: string,
  ranges: string[],
  options: ReadOptions,
): Promise<ValueRange[]> {
  const reader = partReader(g, spreadsheetId, options);
  try {
    return await (options.large ? readRefused(ranges, reader) : readValues(g, spreadsheetId, ranges, options));
  } catch (err) {
    if (isResponseTooLarge(err) && !options.large) {
      // Coda refused Google's answer for its size: read the same cells in smaller parts.
      return readRefused(ranges, reader, err as GoogleApiError);
    }
    if (!(err instanceof GoogleApiError) || err.status !== 400) {
      throw err;
    }
    const grids = await gridSizes(g, spreadsheetId, options.what);
    const clipped = ranges.map((r) => withinGrid(r, grids));
    if (clipped.every((c, i) => c === ranges[i])) {
      throw err; // Nothing was beyond a grid: the 400 is about something else (a missing tab).
    }
    const inside = clipped.filter((c): c is string => c !== undefined);
    const read = inside.length ? await readValues(g, spreadsheetId, inside, options) : [];
    let next = 0;
    return clipped.map((c, i) =>
      c === undefined ? {range: ranges[i] ?? "", values: []} : (read[next++] ?? {range: c}),
    );
  }
}

function partReader(g: Google, spreadsheetId: string, options: ReadOptions, grids?: Grids): PartReader {
  return {
    read: (asked: string[]) => readValues(g, spreadsheetId, asked, options),
    grids: grids ? async () => grids : () => gridSizes(g, spreadsheetId, options.what),
    columns: options.majorDimension === "COLUMNS",
    what: options.what,
  };
}

/**
 * Reads `range` (e.g. `'Events'!2:375000`) in row parts planned as a `large` read is, handing each
 * part's values to `take` with its offset in rows from the range's first row, and keeping none: how a
 * tab larger than a pack's memory is gone through (VerifyLedger). `grids`, when the caller has them,
 * saves looking them up.
 */
export async function readEachPart(
  g: Google,
  spreadsheetId: string,
  range: string,
  options: ReadOptions,
  take: (values: CellValue[][], offset: number) => void,
  grids?: Grids,
): Promise<void> {
  const read = await eachPart(range, new Knowledge(partReader(g, spreadsheetId, options, grids)), undefined, take);
  if (!read) {
    take((await batchGetValues(g, spreadsheetId, [range], options))[0]?.values ?? [], 0);
  }
}

/**
 * An A1 range split into two row halves within its tab's grid (a bare tab name is the whole tab),
 * with its row span and a maker of the same columns over other rows; undefined when it cannot be split.
 */
export function splitRows(
  range: string,
  grids: Grids,
):
  | {
      first: string;
      second: string;
      firstRows: number;
      span: {start: number; end: number; cells: (from: number, to: number) => string};
    }
  | undefined {
  const s = shapeOf(range);
  const span = s && grids.has(s.tab) ? spanOf(s, grids) : undefined;
  if (!s || !span || span.end <= span.start) {
    return undefined;
  }
  const {start, end} = span;
  const mid = Math.floor((start + end) / 2);
  const cells = (from: number, to: number) => `${s.quoted}!${s.c1}${from}:${s.c2}${to}`;
  return {first: cells(start, mid), second: cells(mid + 1, end), firstRows: mid - start + 1, span: {start, end, cells}};
}

async function readValues(g: Google, spreadsheetId: string, ranges: string[], options: ReadOptions) {
  const render: Array<[string, string]> = [
    ["valueRenderOption", "UNFORMATTED_VALUE"],
    ["dateTimeRenderOption", "SERIAL_NUMBER"],
    ...(options.majorDimension ? [["majorDimension", options.majorDimension] as [string, string]] : []),
  ];
  const url = apiUrl(spreadsheetId, "/values:batchGet", [
    ...ranges.map((r): [string, string] => ["ranges", r]),
    ...render,
  ]);
  if (url.length <= MAX_GET_URL) {
    const body = await callGoogle(
      g,
      {method: "GET", url, cacheTtlSecs: 0, what: options.what, retry: "idempotent"},
      valueRangesSchema,
    );
    return body.valueRanges ?? [];
  }
  const body = await callGoogle(
    g,
    {
      method: "POST",
      url: apiUrl(spreadsheetId, "/values:batchGetByDataFilter"),
      body: {dataFilters: ranges.map((a1Range) => ({a1Range})), ...Object.fromEntries(render)},
      what: options.what,
      retry: "idempotent",
    },
    matchedSchema,
  );
  return (body.valueRanges ?? []).map((m, i) => m.valueRange ?? {range: ranges[i] ?? ""});
}

/** Each tab's grid, by title. */
async function gridSizes(
  g: Google,
  spreadsheetId: string,
  what: string,
): Promise<Map<string, {rows: number; columns: number}>> {
  const info = await getSpreadsheet(
    g,
    spreadsheetId,
    "sheets.properties(title,gridProperties(rowCount,columnCount))",
    what,
  );
  const grids = new Map<string, {rows: number; columns: number}>();
  for (const sheet of info.sheets ?? []) {
    const p = sheet.properties;
    if (p?.title !== undefined) {
      grids.set(p.title, {rows: p.gridProperties?.rowCount ?? 0, columns: p.gridProperties?.columnCount ?? 0});
    }
  }
  return grids;
}

/**
 * An A1 range as it may be read: unchanged when it starts inside its tab's grid (or cannot be
 * parsed, e.g. a named range), undefined when it starts beyond it (nothing there to read).
 */
export function withinGrid(
  range: string,
  grids: ReadonlyMap<string, {rows: number; columns: number}>,
): string | undefined {
  const match = /^'((?:[^']|'')+)'!([A-Z]*)(\d*)(?::([A-Z]*)(\d*))?$/i.exec(range);
  if (!match) {
    return range;
  }
  const grid = grids.get((match[1] ?? "").replace(/''/g, "'"));
  if (!grid) {
    return range;
  }
  const startCol = match[2] ? columnIndex(match[2]) : 0;
  const startRow = match[3] ? Number(match[3]) - 1 : 0;
  return startCol >= grid.columns || startRow >= grid.rows ? undefined : range;
}

/** A tab's properties as the pack asks for them: id, title and grid size. */
export const sheetPropertiesSchema = z.object({
  sheetId: z.optional(z.number()),
  title: z.optional(z.string()),
  gridProperties: z.optional(z.object({rowCount: z.optional(z.number()), columnCount: z.optional(z.number())})),
});

const spreadsheetSchema = z.object({
  spreadsheetId: z.optional(z.string()),
  spreadsheetUrl: z.optional(z.string()),
  properties: z.optional(z.object({title: z.optional(z.string())})),
  sheets: z.optional(
    z.array(
      z.object({
        properties: z.optional(sheetPropertiesSchema),
      }),
    ),
  ),
});
export type SpreadsheetInfo = z.infer<typeof spreadsheetSchema>;

/** spreadsheets.create. Creating twice makes two files, so it is retried only on 429. */
export async function createSpreadsheet(
  g: Google,
  body: SpreadsheetBody,
  what: string,
): Promise<SpreadsheetInfo & {spreadsheetId: string}> {
  const created = await callGoogle(g, {method: "POST", url: apiUrl(""), body, what, retry: "once"}, spreadsheetSchema);
  if (!created.spreadsheetId) {
    throw new GoogleApiError(200, "the new spreadsheet has no id", "UNEXPECTED_RESPONSE", what);
  }
  return {...created, spreadsheetId: created.spreadsheetId};
}

/** spreadsheets.get limited to `fields` (never grid data). */
export async function getSpreadsheet(
  g: Google,
  spreadsheetId: string,
  fields: string,
  what: string,
): Promise<SpreadsheetInfo> {
  return callGoogle(
    g,
    {method: "GET", url: apiUrl(spreadsheetId, "", [["fields", fields]]), cacheTtlSecs: 0, what, retry: "idempotent"},
    spreadsheetSchema,
  );
}

/**
 * spreadsheets.batchUpdate: applied atomically, all requests or none
 * (https://developers.google.com/sheets/api/guides/batchupdate).
 */
export async function batchUpdate(
  g: Google,
  spreadsheetId: string,
  requests: Request[],
  what: string,
  retry: RetryPolicy = "idempotent",
) {
  return callGoogle(g, {method: "POST", url: apiUrl(spreadsheetId, ":batchUpdate"), body: {requests}, what, retry});
}

/** values.batchUpdate with RAW input: every range written as typed, atomically. */
export async function batchUpdateValues(
  g: Google,
  spreadsheetId: string,
  data: Array<{range: string; values: CellValue[][]}>,
  what: string,
) {
  return callGoogle(g, {
    method: "POST",
    url: apiUrl(spreadsheetId, "/values:batchUpdate"),
    body: {valueInputOption: "RAW", data: data.map((d) => ({...d, majorDimension: "ROWS"}))},
    what,
    retry: "idempotent",
  });
}

/** A text cell written as text whatever it starts with. */
export function textCell(value: string): CellData {
  return value === "" ? {} : {userEnteredValue: {stringValue: value}};
}

export function numberCell(value: number): CellData {
  return {userEnteredValue: {numberValue: value}};
}
