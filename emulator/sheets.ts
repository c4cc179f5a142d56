// The subset of Sheets API v4 the pack uses, with Google's semantics:
// https://developers.google.com/sheets/api/reference/rest
import type {GridRect} from "./a1";
import {colLetters, quoteTitle} from "./a1";
import {ApiError, badRequest, forbidden, insufficientScopes, notFound} from "./errors";
import {applyFields} from "./fields";
import type {Entered, GridRange, RenderOption, Sheet, Spreadsheet, Value} from "./model";
import {
  CELL_LIMIT,
  canEditProtection,
  cellCount,
  checkInGrid,
  checkStartInGrid,
  gridRangeToRect,
  checkProtection,
  clip,
  dataEnd,
  evaluateFormula,
  forkSheet,
  formatRange,
  isEmpty,
  newSheet,
  ownRow,
  parseUserEntered,
  rangeLabel,
  renderCell,
  resolveRange,
  sheetById,
  writeCell,
} from "./model";
import type {EmulatorState, User} from "./state";
import {DRIVE_SCOPE, DRIVE_FILE_SCOPE, SPREADSHEETS_SCOPE} from "./state";

export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  user: User;
}

const SHEETS_SCOPES = [
  SPREADSHEETS_SCOPE,
  DRIVE_SCOPE,
  DRIVE_FILE_SCOPE,
  "https://www.googleapis.com/auth/spreadsheets.readonly",
];

/** Routes /v4/spreadsheets… calls. */
export function handleSheets(state: EmulatorState, call: Call): unknown {
  if (!SHEETS_SCOPES.some((s) => call.user.scopes.has(s))) {
    throw insufficientScopes();
  }
  const path = call.path.replace(/^\/v4\/spreadsheets/, "");
  if (path === "" && call.method === "POST") {
    requireWriteScope(call.user);
    return create(state, call);
  }
  const match = /^\/([^/:]+)(.*)$/.exec(path);
  if (!match) {
    throw notFound();
  }
  const id = decodeURIComponent(match[1] ?? "");
  const rest = match[2] ?? "";
  const book = state.spreadsheets.get(id);
  if (!book) {
    throw notFound();
  }
  const role = book.permissions.get(call.user.email);
  if (!role) {
    throw forbidden();
  }
  // batchGetByDataFilter is a read sent as POST (its filters go in the body).
  const write = call.method !== "GET" && rest !== "/values:batchGetByDataFilter";
  if (write) {
    requireWriteScope(call.user);
    if (role === "reader") {
      throw forbidden();
    }
  }
  if (rest === "" && call.method === "GET") {
    return getSpreadsheet(book, call);
  }
  if (rest === ":batchUpdate" && call.method === "POST") {
    return batchUpdate(state, book, call);
  }
  if (rest === "/values:batchGet" && call.method === "GET") {
    const ranges = call.query.getAll("ranges");
    return {spreadsheetId: book.spreadsheetId, valueRanges: ranges.map((r) => readRange(book, r, call.query))};
  }
  if (rest === "/values:batchGetByDataFilter" && call.method === "POST") {
    // https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets.values/batchGetByDataFilter:
    // each data filter's matches come back as a MatchedValueRange {valueRange, dataFilters}. Only
    // a1Range filters are modelled (the pack sends no others).
    const body = (call.body ?? {}) as {
      dataFilters?: Array<{a1Range?: string}>;
      majorDimension?: string;
      valueRenderOption?: string;
      dateTimeRenderOption?: string;
    };
    const query = new URLSearchParams();
    for (const key of ["majorDimension", "valueRenderOption", "dateTimeRenderOption"] as const) {
      if (body[key]) {
        query.set(key, String(body[key]));
      }
    }
    const filters = body.dataFilters ?? [];
    if (!filters.length || filters.some((f) => typeof f.a1Range !== "string")) {
      throw badRequest("Invalid dataFilters: only a1Range filters are supported by this emulator.");
    }
    return {
      spreadsheetId: book.spreadsheetId,
      valueRanges: filters.map((f) => ({valueRange: readRange(book, f.a1Range ?? "", query), dataFilters: [f]})),
    };
  }
  if (rest === "/values:batchUpdate" && call.method === "POST") {
    return valuesBatchUpdate(state, book, call);
  }
  const values = /^\/values\/([^:]+)(:append|:clear)?$/.exec(rest);
  if (values) {
    const range = decodeURIComponent(values[1] ?? "");
    if (!values[2] && call.method === "GET") {
      return readRange(book, range, call.query);
    }
    if (!values[2] && call.method === "PUT") {
      const body = call.body as {values?: unknown[][]; majorDimension?: string};
      return {
        spreadsheetId: book.spreadsheetId,
        ...transact(state, book, (tx) => writeValues(tx, call.user.email, range, body, inputOption(call.query))),
      };
    }
    if (values[2] === ":append" && call.method === "POST") {
      return transact(state, book, (tx) =>
        append(tx, call.user.email, range, call.body as {values?: unknown[][]}, call.query),
      );
    }
    if (values[2] === ":clear" && call.method === "POST") {
      return transact(state, book, (tx) => clear(tx, call.user.email, range));
    }
  }
  throw notFound(`Method not found.`);
}

function requireWriteScope(user: User): void {
  if (![SPREADSHEETS_SCOPE, DRIVE_SCOPE, DRIVE_FILE_SCOPE].some((s) => user.scopes.has(s))) {
    throw insufficientScopes();
  }
}

function inputOption(query: URLSearchParams): "RAW" | "USER_ENTERED" {
  const option = query.get("valueInputOption");
  if (option !== "RAW" && option !== "USER_ENTERED") {
    throw badRequest("'valueInputOption' is required but not specified");
  }
  return option;
}

// ---------- reading ----------

function readRange(book: Spreadsheet, range: string, query: URLSearchParams) {
  const {sheet, rect} = resolveRange(book, range);
  checkStartInGrid(sheet, rect);
  const render = (query.get("valueRenderOption") ?? "FORMATTED_VALUE") as RenderOption;
  const dateRender = (query.get("dateTimeRenderOption") ?? "SERIAL_NUMBER") as "SERIAL_NUMBER" | "FORMATTED_STRING";
  const major = query.get("majorDimension") ?? "ROWS";
  const c = clip(sheet, rect);
  const endRow = Math.min(c.endRow, sheet.rows.length);
  const rows: Value[][] = [];
  for (let r = c.startRow; r < endRow; r++) {
    const out: Value[] = [];
    const src = sheet.rows[r];
    if (src) {
      const endCol = Math.min(c.endCol, src.length);
      for (let col = c.startCol; col < endCol; col++) {
        const v = renderCell(sheet, r, col, render, dateRender);
        out.push(v === undefined ? "" : v);
      }
    }
    while (out.length && isEmpty(out[out.length - 1])) {
      out.pop();
    }
    rows.push(out);
  }
  while (rows.length && rows[rows.length - 1]?.length === 0) {
    rows.pop();
  }
  let values: Value[][] = rows;
  if (major === "COLUMNS") {
    const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
    values = [];
    for (let col = 0; col < width; col++) {
      const column = rows.map((r) => r[col] ?? "");
      while (column.length && isEmpty(column[column.length - 1])) {
        column.pop();
      }
      values.push(column);
    }
  }
  return {range: rangeLabel(sheet, rect), majorDimension: major, ...(values.length ? {values} : {})};
}

function getSpreadsheet(book: Spreadsheet, call: Call) {
  const full = {
    spreadsheetId: book.spreadsheetId,
    properties: book.properties,
    sheets: book.sheets.map((s) => ({
      properties: s.properties,
      ...(s.protectedRanges.length
        ? {protectedRanges: s.protectedRanges.map((p) => protectedRangeAs(book, p, call.user.email))}
        : {}),
    })),
    namedRanges: [...book.namedRanges.values()],
    spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${book.spreadsheetId}/edit`,
  };
  return applyFields(full, call.query.get("fields") ?? undefined);
}

/**
 * A protected range as `user` sees it: `editors` "is only visible to users with edit access to the
 * protected range and the document", and `requestingUserCanEdit` says whether they have it
 * (https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/sheets#ProtectedRange).
 */
function protectedRangeAs(book: Spreadsheet, p: Sheet["protectedRanges"][number], user: string) {
  const canEdit = canEditProtection(book, p, user) && book.permissions.get(user) !== "reader";
  const {editors, ...rest} = p;
  return {...rest, requestingUserCanEdit: canEdit, ...(canEdit && !p.warningOnly ? {editors} : {})};
}

const PROTECTED_MESSAGE =
  "You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.";

// ---------- transactions ----------

type ForkedSheet = Sheet & {owned: Set<number>};

/** A batch of changes applied to copies, swapped in only if every step succeeds: Sheets' atomicity. */
export class Tx {
  readonly sheets: ForkedSheet[];
  readonly namedRanges: Map<string, typeof this.book.namedRanges extends Map<string, infer N> ? N : never>;
  nextProtectedRangeId: number;
  private readonly forked = new Set<number>();

  constructor(readonly book: Spreadsheet) {
    this.sheets = book.sheets as ForkedSheet[];
    this.namedRanges = new Map(book.namedRanges);
    this.nextProtectedRangeId = book.nextProtectedRangeId;
  }

  /** A sheet this transaction may change. */
  own(sheet: Sheet): ForkedSheet {
    const index = this.sheets.indexOf(sheet as ForkedSheet);
    if (index < 0) {
      return sheet as ForkedSheet;
    }
    if (!this.forked.has(index)) {
      const copy = forkSheet(sheet);
      (this.sheets as Sheet[])[index] = copy;
      this.forked.add(index);
      return copy;
    }
    return this.sheets[index] as ForkedSheet;
  }

  view(): Spreadsheet {
    return {
      ...this.book,
      sheets: this.sheets,
      namedRanges: this.namedRanges,
      nextProtectedRangeId: this.nextProtectedRangeId,
    };
  }
}

export function transact<T>(state: EmulatorState, book: Spreadsheet, body: (tx: Tx) => T): T {
  const tx = new Tx({...book, sheets: book.sheets.slice()});
  const result = body(tx);
  if (state.enforceCellLimit && cellCount(tx.sheets) > CELL_LIMIT) {
    throw badRequest(
      `This action would increase the number of cells in the workbook above the limit of ${CELL_LIMIT} cells.`,
    );
  }
  book.sheets = tx.sheets.map((s) => {
    const {owned: _owned, ...sheet} = s as ForkedSheet;
    return sheet as Sheet;
  });
  book.namedRanges = tx.namedRanges;
  book.nextProtectedRangeId = tx.nextProtectedRangeId;
  return result;
}

// ---------- values writes ----------

function entered(value: unknown, option: "RAW" | "USER_ENTERED"): Entered | null {
  if (value === null) {
    return null; // null leaves the cell as it is
  }
  if (value === undefined) {
    return {value: undefined};
  }
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
    throw badRequest(`Invalid values: ${JSON.stringify(value).slice(0, 100)}`);
  }
  return option === "RAW" ? {value} : parseUserEntered(value);
}

function writeGrid(
  tx: Tx,
  user: string,
  sheet: Sheet,
  start: {row: number; col: number},
  values: unknown[][],
  option: "RAW" | "USER_ENTERED",
  bound?: GridRect,
) {
  const height = values.length;
  const width = Math.max(0, ...values.map((r) => (Array.isArray(r) ? r.length : 0)));
  const rect = {startRow: start.row, endRow: start.row + height, startCol: start.col, endCol: start.col + width};
  if (bound && (rect.endRow > bound.endRow || rect.endCol > bound.endCol)) {
    throw badRequest(
      `Requested writing within range [${rangeLabel(sheet, bound)}], but tried writing to ${rect.endRow > bound.endRow ? `row [${rect.endRow}]` : `column [${rect.endCol}]`}`,
    );
  }
  if (!height || !width) {
    return {rect, cells: 0};
  }
  checkInGrid(sheet, rect);
  checkProtection(tx.view(), sheet, rect, user);
  const own = tx.own(sheet);
  let cells = 0;
  values.forEach((row, i) => {
    if (!Array.isArray(row)) {
      throw badRequest("Invalid values: each row must be a list.");
    }
    ownRow(own, start.row + i);
    row.forEach((v, j) => {
      const e = entered(v, option);
      if (e) {
        writeCell(own, start.row + i, start.col + j, e);
        cells++;
      }
    });
  });
  return {rect, cells};
}

function writeValues(
  tx: Tx,
  user: string,
  range: string,
  body: {values?: unknown[][]; majorDimension?: string},
  option: "RAW" | "USER_ENTERED",
) {
  const {sheet, rect} = resolveRange(tx.view(), range);
  const values = transpose(body.values ?? [], body.majorDimension);
  // A single cell is only an anchor: the data grows from it. A larger range bounds the data.
  const single = rect.endRow - rect.startRow === 1 && rect.endCol - rect.startCol === 1;
  const {rect: written, cells} = writeGrid(
    tx,
    user,
    sheet,
    {row: rect.startRow, col: rect.startCol},
    values,
    option,
    single ? undefined : rect,
  );
  return {
    updatedRange: formatRange(
      sheet.properties.title,
      written.endRow > written.startRow
        ? written
        : {...written, endRow: written.startRow + 1, endCol: written.startCol + 1},
    ),
    updatedRows: values.length,
    updatedColumns: Math.max(0, ...values.map((r) => r.length)),
    updatedCells: cells,
  };
}

function transpose(values: unknown[][], major: string | undefined): unknown[][] {
  if (major !== "COLUMNS") {
    return values;
  }
  const height = Math.max(0, ...values.map((c) => c.length));
  return Array.from({length: height}, (_, r) => values.map((c) => c[r] ?? null));
}

function valuesBatchUpdate(state: EmulatorState, book: Spreadsheet, call: Call) {
  const body = call.body as {
    valueInputOption?: string;
    data?: Array<{range: string; values?: unknown[][]; majorDimension?: string}>;
  };
  if (body.valueInputOption !== "RAW" && body.valueInputOption !== "USER_ENTERED") {
    throw badRequest("'valueInputOption' is required but not specified");
  }
  const option = body.valueInputOption;
  const responses = transact(state, book, (tx) =>
    (body.data ?? []).map((d) => ({
      spreadsheetId: book.spreadsheetId,
      ...writeValues(tx, call.user.email, d.range, d, option),
    })),
  );
  return {
    spreadsheetId: book.spreadsheetId,
    totalUpdatedRows: responses.reduce((n, r) => n + r.updatedRows, 0),
    totalUpdatedCells: responses.reduce((n, r) => n + r.updatedCells, 0),
    responses,
  };
}

/** values.append: finds the table in the range and writes after its last row, growing the grid as needed. */
function append(
  tx: Tx,
  user: string,
  range: string,
  body: {values?: unknown[][]; majorDimension?: string},
  query: URLSearchParams,
) {
  const option = inputOption(query);
  const {sheet, rect} = resolveRange(tx.view(), range);
  const values = transpose(body.values ?? [], body.majorDimension);
  const end = tableEnd(sheet, rect);
  const width = Math.max(0, ...values.map((r) => r.length));
  const own = tx.own(sheet);
  const g = own.properties.gridProperties;
  const needed = end + values.length;
  if (query.get("insertDataOption") === "INSERT_ROWS" || needed > g.rowCount) {
    g.rowCount = Math.max(g.rowCount + (query.get("insertDataOption") === "INSERT_ROWS" ? values.length : 0), needed);
  }
  if (rect.startCol + width > g.columnCount) {
    g.columnCount = rect.startCol + width;
  }
  const tableRange =
    end > rect.startRow
      ? formatRange(sheet.properties.title, {
          startRow: rect.startRow,
          endRow: end,
          startCol: rect.startCol,
          endCol: tableWidthEnd(sheet, rect.startRow, end, rect.startCol),
        })
      : undefined;
  const {rect: written, cells} = writeGrid(tx, user, own, {row: end, col: rect.startCol}, values, option);
  return {
    spreadsheetId: tx.book.spreadsheetId,
    ...(tableRange ? {tableRange} : {}),
    updates: {
      spreadsheetId: tx.book.spreadsheetId,
      updatedRange: formatRange(sheet.properties.title, written),
      updatedRows: values.length,
      updatedColumns: width,
      updatedCells: cells,
    },
  };
}

/** One past the last column holding data in rows start..end, from column `col` on. */
function tableWidthEnd(sheet: Sheet, start: number, end: number, col: number): number {
  let last = col;
  for (let r = start; r < end; r++) {
    const row = sheet.rows[r] ?? [];
    for (let c = row.length - 1; c >= last; c--) {
      if (!isEmpty(row[c])) {
        last = c;
        break;
      }
    }
  }
  return last + 1;
}

/** The row after the last row with data in the range's columns. */
function tableEnd(sheet: Sheet, rect: GridRect): number {
  for (let r = sheet.rows.length - 1; r >= rect.startRow; r--) {
    const row = sheet.rows[r];
    if (!row) {
      continue;
    }
    for (let c = rect.startCol; c < Math.min(row.length, rect.endCol); c++) {
      if (!isEmpty(row[c])) {
        return r + 1;
      }
    }
  }
  return rect.startRow;
}

function clear(tx: Tx, user: string, range: string) {
  const {sheet, rect} = resolveRange(tx.view(), range);
  const c = clip(sheet, rect);
  checkProtection(tx.view(), sheet, c, user);
  const own = tx.own(sheet);
  for (let r = c.startRow; r < Math.min(c.endRow, own.rows.length); r++) {
    if (!own.rows[r]) {
      continue;
    }
    ownRow(own, r);
    for (let col = c.startCol; col < c.endCol && col < (own.rows[r]?.length ?? 0); col++) {
      writeCell(own, r, col, {value: undefined});
    }
  }
  return {spreadsheetId: tx.book.spreadsheetId, clearedRange: rangeLabel(sheet, rect)};
}

// ---------- spreadsheets.create ----------

interface CellData {
  userEnteredValue?: {stringValue?: string; numberValue?: number; boolValue?: boolean; formulaValue?: string};
  userEnteredFormat?: {numberFormat?: {type?: string}};
}

function fromCellData(cell: CellData | undefined): Entered {
  const v = cell?.userEnteredValue;
  const date =
    cell?.userEnteredFormat?.numberFormat?.type === "DATE" ||
    cell?.userEnteredFormat?.numberFormat?.type === "DATE_TIME";
  if (!v) {
    return {value: undefined};
  }
  if (v.formulaValue !== undefined) {
    return {value: evaluateFormula(v.formulaValue), formula: v.formulaValue};
  }
  if (v.stringValue !== undefined) {
    return {value: v.stringValue};
  }
  if (v.numberValue !== undefined) {
    return {value: v.numberValue, date};
  }
  if (v.boolValue !== undefined) {
    return {value: v.boolValue};
  }
  return {value: undefined};
}

function create(state: EmulatorState, call: Call) {
  const body = (call.body ?? {}) as {
    properties?: {title?: string; locale?: string; timeZone?: string};
    sheets?: Array<{
      properties?: Partial<Sheet["properties"]> & {gridProperties?: Partial<Sheet["properties"]["gridProperties"]>};
      data?: Array<{startRow?: number; startColumn?: number; rowData?: Array<{values?: CellData[]}>}>;
    }>;
  };
  const id = state.newId();
  const specs = body.sheets?.length ? body.sheets : [{properties: {title: "Sheet1"}}];
  const usedIds = new Set<number>();
  const sheets = specs.map((spec, index) => {
    const p = spec.properties ?? {};
    const sheetId = p.sheetId ?? (index === 0 ? 0 : Math.floor(Math.random() * 2_000_000_000));
    if (usedIds.has(sheetId)) {
      throw badRequest(`Invalid requests: duplicate sheet id ${sheetId}`);
    }
    usedIds.add(sheetId);
    const sheet = newSheet({
      sheetId,
      title: p.title ?? `Sheet${index + 1}`,
      index,
      gridProperties: {rowCount: 1000, columnCount: 26, ...(p.gridProperties ?? {})},
    });
    for (const data of (
      spec as {data?: Array<{startRow?: number; startColumn?: number; rowData?: Array<{values?: CellData[]}>}>}
    ).data ?? []) {
      (data.rowData ?? []).forEach((row, i) => {
        (row.values ?? []).forEach((cell, j) => {
          const e = fromCellData(cell);
          if (e.value !== undefined) {
            writeCell(sheet, (data.startRow ?? 0) + i, (data.startColumn ?? 0) + j, e);
          }
        });
      });
    }
    return sheet;
  });
  const titles = new Set<string>();
  for (const s of sheets) {
    if (titles.has(s.properties.title.toLowerCase())) {
      throw badRequest(
        `Invalid requests: A sheet with the name "${s.properties.title}" already exists. Please enter another name.`,
      );
    }
    titles.add(s.properties.title.toLowerCase());
  }
  const book: Spreadsheet = {
    spreadsheetId: id,
    properties: {
      title: body.properties?.title ?? "Untitled spreadsheet",
      locale: body.properties?.locale ?? "en_US",
      timeZone: body.properties?.timeZone ?? "America/Los_Angeles",
    },
    sheets,
    namedRanges: new Map(),
    permissions: new Map([[call.user.email, "owner"]]),
    nextProtectedRangeId: 1000,
  };
  if (state.enforceCellLimit && cellCount(sheets) > CELL_LIMIT) {
    throw badRequest(
      `This action would increase the number of cells in the workbook above the limit of ${CELL_LIMIT} cells.`,
    );
  }
  state.spreadsheets.set(id, book);
  return {
    spreadsheetId: id,
    properties: book.properties,
    sheets: sheets.map((s) => ({properties: s.properties})),
    spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${id}/edit`,
  };
}

// ---------- spreadsheets.batchUpdate ----------

type BatchRequest = Record<string, unknown>;

function batchUpdate(state: EmulatorState, book: Spreadsheet, call: Call) {
  const requests = ((call.body ?? {}) as {requests?: BatchRequest[]}).requests ?? [];
  if (!Array.isArray(requests) || requests.length === 0) {
    throw badRequest("Must specify at least one request.");
  }
  const replies = transact(state, book, (tx) =>
    requests.map((request, i) => {
      const kinds = Object.keys(request);
      const kind = kinds[0];
      if (kinds.length !== 1 || !kind) {
        throw badRequest(`Invalid requests[${i}]: exactly one kind of request must be set.`);
      }
      try {
        return applyRequest(tx, call.user.email, kind, request[kind] as Record<string, unknown>);
      } catch (err) {
        if (err instanceof ApiError && err.code === 400 && !err.message.startsWith("Invalid requests")) {
          throw new ApiError(400, `Invalid requests[${i}].${kind}: ${err.message}`, err.status);
        }
        throw err;
      }
    }),
  );
  return {spreadsheetId: book.spreadsheetId, replies};
}

function applyRequest(tx: Tx, user: string, kind: string, r: Record<string, unknown>): unknown {
  const view = tx.view();
  switch (kind) {
    case "addNamedRange": {
      const named = (r.namedRange ?? {}) as {namedRangeId?: string; name?: string; range?: GridRange};
      const id = named.namedRangeId ?? `nr${Math.random().toString(36).slice(2, 12)}`;
      if (tx.namedRanges.has(id)) {
        throw badRequest(`A named range with ID ${id} already exists.`);
      }
      const name = named.name ?? "";
      if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^(true|false)$/i.test(name)) {
        throw badRequest(`Invalid name: ${name}`);
      }
      if ([...tx.namedRanges.values()].some((n) => n.name.toLowerCase() === name.toLowerCase())) {
        throw badRequest(`A named range with the name ${name} already exists.`);
      }
      // A GridRange outside the tab's grid is refused like an A1 range beyond it (see checkStartInGrid);
      // subrequests apply in order, so a row appended earlier in the same batch is inside.
      checkStartInGrid(sheetById(view, named.range?.sheetId), gridRangeToRect(named.range ?? {}));
      const created = {namedRangeId: id, name, range: named.range ?? {}};
      tx.namedRanges.set(id, created);
      return {addNamedRange: {namedRange: created}};
    }
    case "deleteNamedRange": {
      const id = String(r.namedRangeId ?? "");
      if (!tx.namedRanges.delete(id)) {
        throw badRequest(`No named range with id: ${id}`);
      }
      return {};
    }
    case "updateNamedRange": {
      const named = (r.namedRange ?? {}) as {namedRangeId?: string; name?: string; range?: GridRange};
      const existing = tx.namedRanges.get(named.namedRangeId ?? "");
      if (!existing) {
        throw badRequest(`No named range with id: ${named.namedRangeId}`);
      }
      tx.namedRanges.set(existing.namedRangeId, {
        ...existing,
        ...(named.name ? {name: named.name} : {}),
        ...(named.range ? {range: named.range} : {}),
      });
      return {};
    }
    case "addProtectedRange": {
      const p = (r.protectedRange ?? {}) as Partial<{
        range: GridRange;
        description: string;
        warningOnly: boolean;
        editors: {users?: string[]};
      }>;
      const sheet = tx.own(sheetById(view, p.range?.sheetId));
      const id = tx.nextProtectedRangeId++;
      const owner = [...view.permissions].find(([, role]) => role === "owner")?.[0] ?? user;
      const created = {
        protectedRangeId: id,
        range: p.range ?? {sheetId: sheet.properties.sheetId},
        description: p.description,
        warningOnly: Boolean(p.warningOnly),
        // The requesting user and the owner always edit what they protect (requestingUserCanEdit).
        editors: {
          users: p.warningOnly
            ? []
            : [...new Set([...(p.editors?.users ?? []).map((u) => u.toLowerCase()), user, owner])],
        },
      };
      sheet.protectedRanges.push(created);
      return {addProtectedRange: {protectedRange: created}};
    }
    case "updateProtectedRange": {
      // https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/request#UpdateProtectedRangeRequest
      const p = (r.protectedRange ?? {}) as Partial<{
        protectedRangeId: number;
        range: GridRange;
        description: string;
        warningOnly: boolean;
        editors: {users?: string[]};
      }>;
      const fields = String(r.fields ?? "");
      if (!fields) {
        throw badRequest("At least one field must be updated, but 'fields' is empty.");
      }
      const id = Number(p.protectedRangeId);
      const sheet = view.sheets.find((s) => s.protectedRanges.some((x) => x.protectedRangeId === id));
      if (!sheet) {
        throw badRequest(`No protected range with id: ${id}`);
      }
      const existing = sheet.protectedRanges.find((x) => x.protectedRangeId === id);
      if (!existing || !canEditProtection(view, existing, user)) {
        throw badRequest(PROTECTED_MESSAGE);
      }
      const own = tx.own(sheet);
      const owner = [...view.permissions].find(([, role]) => role === "owner")?.[0] ?? user;
      own.protectedRanges = own.protectedRanges.map((x) => {
        if (x.protectedRangeId !== id) {
          return x;
        }
        const next = {...x, editors: {users: [...x.editors.users]}};
        for (const field of fields.split(",").map((f) => f.trim())) {
          if (field === "editors" || field === "editors.users") {
            // The owner can always edit, listed or not; keep them listed as Sheets shows them.
            next.editors = {users: [...new Set([...(p.editors?.users ?? []).map((u) => u.toLowerCase()), owner])]};
          } else if (field === "description") {
            next.description = p.description;
          } else if (field === "warningOnly") {
            next.warningOnly = Boolean(p.warningOnly);
          } else if (field === "range" && p.range) {
            next.range = p.range;
          } else if (field !== "*") {
            throw badRequest(`Invalid field mask: ${field}`);
          }
        }
        return next;
      });
      return {};
    }
    case "deleteProtectedRange": {
      const id = Number(r.protectedRangeId);
      const sheet = view.sheets.find((s) => s.protectedRanges.some((p) => p.protectedRangeId === id));
      if (!sheet) {
        throw badRequest(`No protected range with id: ${id}`);
      }
      const existing = sheet.protectedRanges.find((p) => p.protectedRangeId === id);
      if (!existing || !canEditProtection(view, existing, user)) {
        // Only someone who can edit a protection may remove it (Apps Script: "if (protection.canEdit()) protection.remove()").
        throw badRequest(PROTECTED_MESSAGE);
      }
      const own = tx.own(sheet);
      own.protectedRanges = own.protectedRanges.filter((p) => p.protectedRangeId !== id);
      return {};
    }
    case "addSheet": {
      const p = ((r.properties ?? {}) as Partial<Sheet["properties"]>) ?? {};
      const title = p.title ?? `Sheet${view.sheets.length + 1}`;
      if (view.sheets.some((s) => s.properties.title.toLowerCase() === title.toLowerCase())) {
        throw badRequest(`A sheet with the name "${title}" already exists. Please enter another name.`);
      }
      const sheetId = p.sheetId ?? Math.floor(Math.random() * 2_000_000_000);
      if (view.sheets.some((s) => s.properties.sheetId === sheetId)) {
        throw badRequest(`Sheet with id ${sheetId} already exists.`);
      }
      const sheet = newSheet({
        sheetId,
        title,
        index: view.sheets.length,
        gridProperties: {rowCount: 1000, columnCount: 26, ...(p.gridProperties ?? {})},
      });
      tx.sheets.push(sheet as ReturnType<Tx["own"]>);
      return {addSheet: {properties: sheet.properties}};
    }
    case "deleteSheet": {
      const sheet = sheetById(view, r.sheetId as number);
      // Deleting a tab deletes its cells: refused under a hard protection the caller cannot edit.
      checkProtection(view, sheet, {startRow: 0, endRow: Infinity, startCol: 0, endCol: Infinity}, user);
      tx.sheets.splice(tx.sheets.indexOf(sheet as ReturnType<Tx["own"]>), 1);
      return {};
    }
    case "updateSheetProperties": {
      const p = (r.properties ?? {}) as Partial<Sheet["properties"]>;
      const sheet = tx.own(sheetById(view, p.sheetId));
      const fields = String(r.fields ?? "");
      if (!fields) {
        throw badRequest("At least one field must be updated, but 'fields' is empty.");
      }
      if (p.title !== undefined && fields.includes("title")) {
        // A protected tab cannot be renamed by someone who cannot edit its protection.
        checkProtection(view, sheet, {startRow: 0, endRow: Infinity, startCol: 0, endCol: Infinity}, user);
        if (view.sheets.some((s) => s !== sheet && s.properties.title.toLowerCase() === p.title?.toLowerCase())) {
          throw badRequest(`A sheet with the name "${p.title}" already exists. Please enter another name.`);
        }
        sheet.properties.title = p.title;
      }
      if (p.gridProperties) {
        Object.assign(sheet.properties.gridProperties, p.gridProperties);
      }
      return {};
    }
    case "appendDimension": {
      const sheet = tx.own(sheetById(view, r.sheetId as number));
      const length = Number(r.length ?? 0);
      if (r.dimension === "COLUMNS") {
        sheet.properties.gridProperties.columnCount += length;
      } else {
        sheet.properties.gridProperties.rowCount += length;
      }
      return {};
    }
    case "insertDimension": {
      // https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/request#insertdimensionrequest
      // "Inserts rows or columns in a sheet at a particular index": the cells from the index on move
      // right, and ranges that start there move with them, as in the Sheets UI; a named or protected
      // range that straddles the index grows (UNKNOWN in the reference, docs/google-behaviour.md).
      // Columns only: the pack inserts no rows.
      const range = (r.range ?? {}) as {sheetId?: number; dimension?: string; startIndex?: number; endIndex?: number};
      if (range.dimension !== "COLUMNS") {
        throw badRequest("insertDimension on ROWS is not supported by this emulator.");
      }
      const sheet = tx.own(sheetById(view, range.sheetId));
      const start = range.startIndex ?? 0;
      const length = (range.endIndex ?? start) - start;
      const g = sheet.properties.gridProperties;
      if (length <= 0 || start < 0) {
        throw badRequest("The range must have a positive length.");
      }
      if (start >= g.columnCount) {
        // Inserting past the last column is what appendDimension is for (UNKNOWN whether Google allows start == columnCount).
        throw badRequest(
          `Range (${quoteTitle(sheet.properties.title)}!${colLetters(start)}1) exceeds grid limits. Max rows: ${g.rowCount}, max columns: ${g.columnCount}`,
        );
      }
      if (r.inheritFromBefore === true && start === 0) {
        throw badRequest("inheritFromBefore cannot be true when inserting at index 0.");
      }
      // A non-editor may not widen a hard protection (a whole tab, or one that straddles the index).
      for (const p of sheet.protectedRanges) {
        const pr = gridRangeToRect(p.range);
        if (!canEditProtection(view, p, user) && pr.startCol < start && start < pr.endCol) {
          throw badRequest(PROTECTED_MESSAGE);
        }
      }
      const shift = (at: number) => (at >= start ? at + length : at);
      sheet.rows.forEach((row, i) => {
        if (row && row.length > start) {
          ownRow(sheet, i);
          (sheet.rows[i] as Array<Value | undefined>).splice(start, 0, ...Array<undefined>(length).fill(undefined));
        }
      });
      const move = (key: string) => {
        const [row, col] = key.split(":").map(Number);
        return `${row}:${shift(col ?? 0)}`;
      };
      sheet.formulas = new Map([...sheet.formulas].map(([k, v]) => [move(k), v]));
      sheet.dateCells = new Set([...sheet.dateCells].map(move));
      const moved = (gr: GridRange): GridRange =>
        gr.sheetId !== sheet.properties.sheetId
          ? gr
          : {
              ...gr,
              ...(gr.startColumnIndex !== undefined ? {startColumnIndex: shift(gr.startColumnIndex)} : {}),
              ...(gr.endColumnIndex !== undefined && gr.endColumnIndex > start
                ? {endColumnIndex: gr.endColumnIndex + length}
                : {}),
            };
      sheet.protectedRanges = sheet.protectedRanges.map((p) => ({...p, range: moved(p.range)}));
      for (const [id, named] of tx.namedRanges) {
        tx.namedRanges.set(id, {...named, range: moved(named.range)});
      }
      g.columnCount += length;
      return {};
    }
    case "deleteDimension": {
      const range = (r.range ?? {}) as {sheetId?: number; dimension?: string; startIndex?: number; endIndex?: number};
      const sheet = tx.own(sheetById(view, range.sheetId));
      const start = range.startIndex ?? 0;
      const end = range.endIndex ?? start;
      checkProtection(
        view,
        sheet,
        range.dimension === "COLUMNS"
          ? {startRow: 0, endRow: Infinity, startCol: start, endCol: end}
          : {startRow: start, endRow: end, startCol: 0, endCol: Infinity},
        user,
      );
      if (range.dimension === "ROWS") {
        sheet.rows.splice(start, end - start);
        sheet.formulas = new Map(
          [...sheet.formulas]
            .filter(([k]) => Number(k.split(":")[0]) < start)
            .concat(
              [...sheet.formulas]
                .filter(([k]) => Number(k.split(":")[0]) >= end)
                .map(
                  ([k, v]) => [`${Number(k.split(":")[0]) - (end - start)}:${k.split(":")[1]}`, v] as [string, string],
                ),
            ),
        );
        sheet.owned.clear();
        sheet.properties.gridProperties.rowCount -= end - start;
      } else {
        throw badRequest("deleteDimension on COLUMNS is not supported by this emulator.");
      }
      return {};
    }
    case "appendCells": {
      const sheet = tx.own(sheetById(view, r.sheetId as number));
      const rows = (r.rows ?? []) as Array<{values?: CellData[]}>;
      requireUserEnteredFields(r.fields);
      const start = dataEnd(sheet);
      const width = Math.max(0, ...rows.map((row) => row.values?.length ?? 0));
      const g = sheet.properties.gridProperties;
      g.rowCount = Math.max(g.rowCount, start + rows.length);
      g.columnCount = Math.max(g.columnCount, width);
      checkProtection(
        view,
        sheet,
        {startRow: start, endRow: start + rows.length, startCol: 0, endCol: Math.max(1, width)},
        user,
      );
      rows.forEach((row, i) => {
        ownRow(sheet, start + i);
        (row.values ?? []).forEach((cell, j) => writeCell(sheet, start + i, j, fromCellData(cell)));
      });
      return {};
    }
    case "updateCells": {
      const u = r as {
        start?: {sheetId?: number; rowIndex?: number; columnIndex?: number};
        range?: GridRange;
        rows?: Array<{values?: CellData[]}>;
        fields?: string;
      };
      requireUserEnteredFields(u.fields);
      const sheetId = u.start?.sheetId ?? u.range?.sheetId;
      const sheet = tx.own(sheetById(view, sheetId));
      const row0 = u.start?.rowIndex ?? u.range?.startRowIndex ?? 0;
      const col0 = u.start?.columnIndex ?? u.range?.startColumnIndex ?? 0;
      const rows = u.rows ?? [];
      const width = Math.max(0, ...rows.map((row) => row.values?.length ?? 0));
      const rect = {
        startRow: row0,
        endRow: row0 + Math.max(1, rows.length),
        startCol: col0,
        endCol: col0 + Math.max(1, width),
      };
      checkInGrid(sheet, rect);
      checkProtection(view, sheet, rect, user);
      rows.forEach((row, i) => {
        ownRow(sheet, row0 + i);
        (row.values ?? []).forEach((cell, j) => writeCell(sheet, row0 + i, col0 + j, fromCellData(cell)));
      });
      return {};
    }
    default:
      throw badRequest(`Invalid JSON payload received. Unknown name "${kind}" at 'requests[0]': Cannot find field.`);
  }
}

function requireUserEnteredFields(fields: unknown): void {
  if (typeof fields !== "string" || !fields) {
    throw badRequest("At least one field must be updated, but 'fields' is empty.");
  }
}
