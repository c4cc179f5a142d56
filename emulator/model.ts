import type {GridRect} from "./a1";
import {colLetters, formatRange, parseCells, quoteTitle, splitSheet} from "./a1";
import {badRequest} from "./errors";

export type Value = string | number | boolean;

export interface GridProperties {
  rowCount: number;
  columnCount: number;
  frozenRowCount?: number;
  frozenColumnCount?: number;
}

export interface SheetProperties {
  sheetId: number;
  title: string;
  index: number;
  gridProperties: GridProperties;
}

export interface GridRange {
  sheetId?: number;
  startRowIndex?: number;
  endRowIndex?: number;
  startColumnIndex?: number;
  endColumnIndex?: number;
}

export interface ProtectedRange {
  protectedRangeId: number;
  range: GridRange;
  description?: string;
  warningOnly: boolean;
  editors: {users: string[]};
}

export interface NamedRange {
  namedRangeId: string;
  name: string;
  range: GridRange;
}

export interface Sheet {
  properties: SheetProperties;
  /** rows[r][c]; missing entries are empty cells. */
  rows: Array<Array<Value | undefined> | undefined>;
  /** Formula text by "r:c" for cells holding a formula (their value is in rows). */
  formulas: Map<string, string>;
  /** "r:c" of cells formatted as dates (their value is a serial number). */
  dateCells: Set<string>;
  protectedRanges: ProtectedRange[];
}

export type Role = "owner" | "writer" | "reader";

export interface Spreadsheet {
  spreadsheetId: string;
  properties: {title: string; locale: string; timeZone: string};
  sheets: Sheet[];
  namedRanges: Map<string, NamedRange>;
  permissions: Map<string, Role>;
  nextProtectedRangeId: number;
}

/** Google Sheets' limit on cells per spreadsheet. */
export const CELL_LIMIT = 10_000_000;

export function cellCount(sheets: readonly Sheet[]): number {
  return sheets.reduce((n, s) => n + s.properties.gridProperties.rowCount * s.properties.gridProperties.columnCount, 0);
}

export function isEmpty(v: Value | undefined): boolean {
  return v === undefined || v === "";
}

/** Index one past the last row holding any value. */
export function dataEnd(sheet: Sheet): number {
  for (let r = sheet.rows.length - 1; r >= 0; r--) {
    const row = sheet.rows[r];
    if (row && row.some((v) => !isEmpty(v))) {
      return r + 1;
    }
  }
  return 0;
}

export function findSheet(book: Spreadsheet, title: string): Sheet | undefined {
  return (
    book.sheets.find((s) => s.properties.title === title) ??
    book.sheets.find((s) => s.properties.title.toLowerCase() === title.toLowerCase())
  );
}

export function sheetById(book: Spreadsheet, sheetId: number | undefined): Sheet {
  const sheet = book.sheets.find((s) => s.properties.sheetId === (sheetId ?? 0));
  if (!sheet) {
    throw badRequest(`No grid with id: ${sheetId ?? 0}`);
  }
  return sheet;
}

export interface ResolvedRange {
  sheet: Sheet;
  rect: GridRect;
}

/** Resolves an A1 range or a named range against a spreadsheet, as values.* do. */
export function resolveRange(book: Spreadsheet, range: string): ResolvedRange {
  const named = [...book.namedRanges.values()].find((n) => n.name === range.trim());
  if (named) {
    const sheet = sheetById(book, named.range.sheetId);
    return {sheet, rect: gridRangeToRect(named.range)};
  }
  const {title, cells} = splitSheet(range);
  const fail = () => badRequest(`Unable to parse range: ${range}`);
  let sheet: Sheet | undefined;
  if (title !== undefined) {
    sheet = findSheet(book, title);
    if (!sheet) {
      throw fail();
    }
  } else {
    sheet = book.sheets[0];
    if (cells && !parseCells(cells)) {
      // A bare word that is not A1 and not a named range (or a sheet title).
      const asTitle = findSheet(book, cells);
      if (asTitle) {
        return {sheet: asTitle, rect: {startRow: 0, endRow: Infinity, startCol: 0, endCol: Infinity}};
      }
      throw fail();
    }
  }
  if (!sheet) {
    throw fail();
  }
  if (!cells) {
    return {sheet, rect: {startRow: 0, endRow: Infinity, startCol: 0, endCol: Infinity}};
  }
  const rect = parseCells(cells);
  if (!rect) {
    throw fail();
  }
  return {sheet, rect};
}

export function gridRangeToRect(range: GridRange): GridRect {
  return {
    startRow: range.startRowIndex ?? 0,
    endRow: range.endRowIndex ?? Infinity,
    startCol: range.startColumnIndex ?? 0,
    endCol: range.endColumnIndex ?? Infinity,
  };
}

/** The range clipped to the grid, as Google reports it back. */
export function clip(sheet: Sheet, rect: GridRect): GridRect {
  const g = sheet.properties.gridProperties;
  return {
    startRow: rect.startRow,
    endRow: Math.min(rect.endRow, g.rowCount),
    startCol: rect.startCol,
    endCol: Math.min(rect.endCol, g.columnCount),
  };
}

export function rangeLabel(sheet: Sheet, rect: GridRect): string {
  const c = clip(sheet, rect);
  if (c.endRow <= c.startRow || c.endCol <= c.startCol) {
    return `${quoteTitle(sheet.properties.title)}!${colLetters(c.startCol)}${c.startRow + 1}`;
  }
  return formatRange(sheet.properties.title, c);
}

/**
 * A read that starts beyond the tab's grid is refused with 400 "exceeds grid limits" (the answer
 * client threads quote for such ranges, e.g. "Range ('Sheet1'!A1001) exceeds grid limits. Max
 * rows: 1000, max columns: 26"; the reference does not state the rule). A read that starts inside
 * and ends beyond is clipped to the grid, as open ranges such as A2:Z are: that partial overlap is
 * UNKNOWN for closed ranges (docs/google-behaviour.md; scripts/live-check.ts grid-overlap).
 */
export function checkStartInGrid(sheet: Sheet, rect: GridRect): void {
  const g = sheet.properties.gridProperties;
  if (rect.startRow >= g.rowCount || rect.startCol >= g.columnCount) {
    throw badRequest(
      `Range (${quoteTitle(sheet.properties.title)}!${colLetters(rect.startCol)}${rect.startRow + 1}) exceeds grid limits. Max rows: ${g.rowCount}, max columns: ${g.columnCount}`,
    );
  }
}

export function checkInGrid(sheet: Sheet, rect: GridRect): void {
  const g = sheet.properties.gridProperties;
  if (
    rect.endRow > g.rowCount ||
    rect.endCol > g.columnCount ||
    rect.startRow >= g.rowCount ||
    rect.startCol >= g.columnCount
  ) {
    throw badRequest(
      `Range (${quoteTitle(sheet.properties.title)}!${colLetters(rect.startCol)}${rect.startRow + 1}) exceeds grid limits. Max rows: ${g.rowCount}, max columns: ${g.columnCount}`,
    );
  }
}

/**
 * Whether `user` may edit cells under a protection and change or delete the protection itself.
 * The spreadsheet's owner always can; otherwise only the protection's editors
 * (https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/sheets#ProtectedRange:
 * "editors: the users and groups with edit access to the protected range"; Apps Script's
 * Protection reference removes "all range protections ... that the user has permission to edit",
 * https://developers.google.com/apps-script/reference/spreadsheet/protection). A warning-only
 * protection blocks no edits, but only its editors' rules apply to changing it: anyone with edit
 * access to the document may change a warning-only one.
 */
export function canEditProtection(book: Spreadsheet, p: ProtectedRange, user: string): boolean {
  return book.permissions.get(user) === "owner" || p.warningOnly || p.editors.users.includes(user);
}

/** Refuses a write by `user` to cells under a hard protection they are not an editor of, as Sheets does. */
export function checkProtection(book: Spreadsheet, sheet: Sheet, rect: GridRect, user: string): void {
  if (book.permissions.get(user) === "owner") {
    return;
  }
  for (const p of sheet.protectedRanges) {
    if (canEditProtection(book, p, user)) {
      continue;
    }
    const r = gridRangeToRect(p.range);
    const overlaps =
      rect.startRow < r.endRow && r.startRow < rect.endRow && rect.startCol < r.endCol && r.startCol < rect.endCol;
    if (overlaps) {
      // Clients report 400, the same status as a lost lock race in a batchUpdate, for a write into a
      // hard-protected range (issue 16; e.g. "googleapi: Error 400: You are trying to edit a protected
      // cell or object"): the pack must tell them apart by the failing subrequest, not the status.
      throw badRequest(
        "You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.",
      );
    }
  }
}

const SHEETS_EPOCH = Date.UTC(1899, 11, 30);

/** A date typed into Sheets (USER_ENTERED) becomes a serial number formatted as a date. */
export function dateToSerial(year: number, month: number, day: number): number {
  return (Date.UTC(year, month - 1, day) - SHEETS_EPOCH) / 86_400_000;
}

export function serialToDisplay(serial: number): string {
  const d = new Date(SHEETS_EPOCH + Math.round(serial * 86_400_000));
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
}

export interface Entered {
  value: Value | undefined;
  formula?: string;
  date?: boolean;
}

/** What Sheets stores for text typed by a person (USER_ENTERED), for the en_US locale. */
export function parseUserEntered(input: Value | null | undefined): Entered {
  if (input === null || input === undefined) {
    return {value: undefined};
  }
  if (typeof input !== "string") {
    return {value: input};
  }
  if (input.startsWith("=")) {
    return {value: evaluateFormula(input), formula: input};
  }
  if (input.startsWith("'")) {
    return {value: input.slice(1)};
  }
  const t = input.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) {
    return {value: Number(t)};
  }
  if (/^(true|false)$/i.test(t)) {
    return {value: t.toLowerCase() === "true"};
  }
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) {
    return {value: dateToSerial(Number(m[1]), Number(m[2]), Number(m[3])), date: true};
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m && Number(m[1]) <= 12 && Number(m[2]) <= 31) {
    return {value: dateToSerial(Number(m[3]), Number(m[1]), Number(m[2])), date: true};
  }
  return {value: input};
}

/** The emulator does not compute formulas; it knows constants and reports the rest as Sheets would an unknown name. */
export function evaluateFormula(formula: string): Value {
  const body = formula.slice(1).trim();
  const text = /^"([^"]*)"$/.exec(body);
  if (text) {
    return text[1] ?? "";
  }
  if (/^[+-]?\d+(\.\d+)?$/.test(body)) {
    return Number(body);
  }
  return "#NAME?";
}

export type RenderOption = "FORMATTED_VALUE" | "UNFORMATTED_VALUE" | "FORMULA";

export function renderCell(
  sheet: Sheet,
  r: number,
  c: number,
  render: RenderOption,
  dateRender: "SERIAL_NUMBER" | "FORMATTED_STRING",
): Value | undefined {
  const value = sheet.rows[r]?.[c];
  if (value === undefined) {
    return undefined;
  }
  const key = `${r}:${c}`;
  if (render === "FORMULA" && sheet.formulas.has(key)) {
    return sheet.formulas.get(key);
  }
  const isDate = typeof value === "number" && sheet.dateCells.has(key);
  if (render === "FORMATTED_VALUE") {
    if (typeof value === "boolean") {
      return value ? "TRUE" : "FALSE";
    }
    if (typeof value === "number") {
      return isDate ? serialToDisplay(value) : String(value);
    }
    return value;
  }
  if (isDate && dateRender === "FORMATTED_STRING") {
    return serialToDisplay(value);
  }
  return value;
}

/** Writes one cell (copy-on-write safe: callers hand in rows they own). */
export function writeCell(sheet: Sheet, r: number, c: number, entered: Entered): void {
  const row = (sheet.rows[r] ??= []);
  row[c] = entered.value === "" ? undefined : entered.value;
  const key = `${r}:${c}`;
  if (entered.formula) {
    sheet.formulas.set(key, entered.formula);
  } else {
    sheet.formulas.delete(key);
  }
  if (entered.date) {
    sheet.dateCells.add(key);
  } else {
    sheet.dateCells.delete(key);
  }
}

/** A copy of a sheet that can be changed without touching the original until it is swapped in. */
export function forkSheet(sheet: Sheet): Sheet & {owned: Set<number>} {
  return {
    properties: {...sheet.properties, gridProperties: {...sheet.properties.gridProperties}},
    rows: sheet.rows.slice(),
    formulas: new Map(sheet.formulas),
    dateCells: new Set(sheet.dateCells),
    protectedRanges: sheet.protectedRanges.map((p) => ({...p, editors: {users: [...p.editors.users]}})),
    owned: new Set(),
  };
}

/** The row at `r` of a forked sheet, copied the first time it is written in this fork. */
export function ownRow(sheet: Sheet & {owned: Set<number>}, r: number): void {
  if (!sheet.owned.has(r)) {
    sheet.rows[r] = (sheet.rows[r] ?? []).slice();
    sheet.owned.add(r);
  }
}

export function newSheet(properties: SheetProperties): Sheet {
  return {properties, rows: [], formulas: new Map(), dateCells: new Set(), protectedRanges: []};
}

export {formatRange, colLetters};
