// Sheets API v4 wrappers: https://developers.google.com/sheets/api/reference/rest
import type {sheets_v4} from "@googleapis/sheets";
import * as z from "zod/mini";
import type {Google, QueryParams, RetryPolicy} from "./http";
import {callGoogle, withQuery} from "./http";
import {GoogleApiError} from "./errors";

export type Request = sheets_v4.Schema$Request;
export type CellData = sheets_v4.Schema$CellData;
export type RowData = sheets_v4.Schema$RowData;
export type GridRange = sheets_v4.Schema$GridRange;
export type SpreadsheetBody = sheets_v4.Schema$Spreadsheet;

/** What a cell holds when read with UNFORMATTED_VALUE: text, a number (dates are serial numbers) or a boolean. */
export type CellValue = string | number | boolean;

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
}

/**
 * values.batchGet, unformatted, dates as serial numbers, never cached: ranges come back in the
 * order asked, each with its resolved A1 range (named ranges resolve to their cells).
 */
export async function batchGetValues(
  g: Google,
  spreadsheetId: string,
  ranges: string[],
  options: ReadOptions,
): Promise<ValueRange[]> {
  const query: Array<[string, string]> = ranges.map((r) => ["ranges", r]);
  query.push(["valueRenderOption", "UNFORMATTED_VALUE"], ["dateTimeRenderOption", "SERIAL_NUMBER"]);
  if (options.majorDimension) {
    query.push(["majorDimension", options.majorDimension]);
  }
  const body = await callGoogle(
    g,
    {
      method: "GET",
      url: apiUrl(spreadsheetId, "/values:batchGet", query),
      cacheTtlSecs: 0,
      what: options.what,
      retry: "idempotent",
    },
    z.object({valueRanges: z.optional(z.array(valueRangeSchema))}),
  );
  return body.valueRanges ?? [];
}

const spreadsheetSchema = z.object({
  spreadsheetId: z.optional(z.string()),
  spreadsheetUrl: z.optional(z.string()),
  properties: z.optional(z.object({title: z.optional(z.string())})),
  sheets: z.optional(
    z.array(
      z.object({
        properties: z.optional(
          z.object({
            sheetId: z.optional(z.number()),
            title: z.optional(z.string()),
            gridProperties: z.optional(
              z.object({rowCount: z.optional(z.number()), columnCount: z.optional(z.number())}),
            ),
          }),
        ),
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

/** A text cell written as text whatever it starts with. */
export function textCell(value: string): CellData {
  return value === "" ? {} : {userEnteredValue: {stringValue: value}};
}

export function numberCell(value: number): CellData {
  return {userEnteredValue: {numberValue: value}};
}

const namedRangesSchema = z.object({
  namedRanges: z.optional(z.array(z.object({namedRangeId: z.optional(z.string()), name: z.optional(z.string())}))),
});

/** The spreadsheet's named ranges (ids and names only), never cached. */
export async function listNamedRanges(
  g: Google,
  spreadsheetId: string,
  what: string,
): Promise<Array<{namedRangeId?: string; name?: string}>> {
  const body = await callGoogle(
    g,
    {
      method: "GET",
      url: apiUrl(spreadsheetId, "", [["fields", "namedRanges(namedRangeId,name)"]]),
      cacheTtlSecs: 0,
      what,
      retry: "idempotent",
    },
    namedRangesSchema,
  );
  return body.namedRanges ?? [];
}
