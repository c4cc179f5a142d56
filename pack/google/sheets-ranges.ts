// Sheets API v4: a spreadsheet's named ranges and protections, read fresh (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets#NamedRange, #ProtectedRange).
import * as z from "zod/mini";
import type {Google} from "./http";
import {callGoogle} from "./http";
import {apiUrl, sheetPropertiesSchema} from "./sheets";

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

const protectionsSchema = z.object({
  sheets: z.optional(
    z.array(
      z.object({
        properties: z.optional(sheetPropertiesSchema),
        protectedRanges: z.optional(
          z.array(
            z.object({
              protectedRangeId: z.optional(z.number()),
              range: z.optional(
                z.object({
                  sheetId: z.optional(z.number()),
                  startRowIndex: z.optional(z.number()),
                  endRowIndex: z.optional(z.number()),
                  startColumnIndex: z.optional(z.number()),
                  endColumnIndex: z.optional(z.number()),
                }),
              ),
              description: z.optional(z.string()),
              warningOnly: z.optional(z.boolean()),
              requestingUserCanEdit: z.optional(z.boolean()),
              editors: z.optional(z.object({users: z.optional(z.array(z.string()))})),
            }),
          ),
        ),
      }),
    ),
  ),
});

/** One tab's protected ranges as the caller may see them (editors only for those who can edit the range). */
export interface TabProtections {
  sheetId: number;
  title: string;
  /** The tab's grid: rows and columns (what can be read; see docs/google-behaviour.md, grid limits). */
  rows: number;
  columns: number;
  protections: Array<{
    protectedRangeId: number;
    wholeTab: boolean;
    warningOnly: boolean;
    requestingUserCanEdit: boolean;
    editors?: string[];
    description: string;
  }>;
}

/**
 * Every tab with its protected ranges
 * (https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/sheets#ProtectedRange).
 */
export async function listProtections(g: Google, spreadsheetId: string, what: string): Promise<TabProtections[]> {
  const info = await callGoogle(
    g,
    {
      method: "GET",
      url: apiUrl(spreadsheetId, "", [
        ["fields", "sheets(properties(sheetId,title,gridProperties(rowCount,columnCount)),protectedRanges)"],
      ]),
      cacheTtlSecs: 0,
      what,
      retry: "idempotent",
    },
    protectionsSchema,
  );
  return (info.sheets ?? []).map((s) => ({
    sheetId: s.properties?.sheetId ?? 0,
    title: s.properties?.title ?? "",
    rows: s.properties?.gridProperties?.rowCount ?? 0,
    columns: s.properties?.gridProperties?.columnCount ?? 0,
    protections: (s.protectedRanges ?? []).map((p) => ({
      protectedRangeId: p.protectedRangeId ?? 0,
      wholeTab:
        p.range?.startRowIndex === undefined &&
        p.range?.endRowIndex === undefined &&
        p.range?.startColumnIndex === undefined &&
        p.range?.endColumnIndex === undefined,
      warningOnly: Boolean(p.warningOnly),
      requestingUserCanEdit: Boolean(p.requestingUserCanEdit),
      ...(p.editors ? {editors: (p.editors.users ?? []).map((u) => u.toLowerCase())} : {}),
      description: p.description ?? "",
    })),
  }));
}
