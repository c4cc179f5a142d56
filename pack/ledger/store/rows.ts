import type {CellData, CellValue} from "../../google/sheets";
import type {SheetRow} from "../../core/records";
import type {Column, TabDef} from "./layout";

/** Where each of a tab's columns sits in the sheet, found by header name. */
export interface HeaderMap<R> {
  tab: TabDef<R>;
  /** 0-based column index per field. */
  index: ReadonlyMap<keyof R & string, number>;
  /** Layout columns whose header is not in row 1. */
  missing: ReadonlyArray<Column<R>>;
  /** Number of header cells in row 1. */
  width: number;
}

function normalizeHeader(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Finds each column by its header (or an alias), ignoring case, spaces and punctuation. */
export function mapHeader<R>(tab: TabDef<R>, headerRow: readonly CellValue[] | undefined): HeaderMap<R> {
  const positions = new Map<string, number>();
  (headerRow ?? []).forEach((cell, i) => {
    const key = normalizeHeader(String(cell));
    if (key && !positions.has(key)) {
      positions.set(key, i);
    }
  });
  const index = new Map<keyof R & string, number>();
  const missing: Array<Column<R>> = [];
  for (const column of tab.columns) {
    const at = [column.header, ...column.aliases]
      .map((h) => positions.get(normalizeHeader(h)))
      .find((i) => i !== undefined);
    if (at === undefined) {
      missing.push(column);
    } else {
      index.set(column.key, at);
    }
  }
  return {tab, index, missing, width: headerRow?.length ?? 0};
}

/** The header map a freshly created tab has: every column where CreateLedger put it. */
export function layoutHeader<R>(tab: TabDef<R>): HeaderMap<R> {
  return mapHeader(
    tab,
    tab.columns.map((c) => c.header),
  );
}

/** Whether the sheet's columns sit exactly where the layout puts them (so column letters can be guessed). */
export function matchesLayout<R>(map: HeaderMap<R>): boolean {
  return map.missing.length === 0 && map.tab.columns.every((c, i) => map.index.get(c.key) === i);
}

/** One sheet row read into a record, with everything wrong with it in words (none left out). */
export type ParsedRow<R> = Required<SheetRow<R>>;

/** A record with every field empty. */
export function emptyRecord<R>(tab: TabDef<R>): R {
  return Object.fromEntries(
    tab.columns.map((c) => [c.key, structuredCloneSafe((c.codec as {empty: unknown}).empty)]),
  ) as R;
}

function structuredCloneSafe(value: unknown): unknown {
  return Array.isArray(value) ? [] : value;
}

/** True when every cell is empty: such rows are gaps, not records. */
export function isBlankRow(cells: readonly CellValue[] | undefined): boolean {
  return !cells || cells.every((c) => c === "" || c === null || c === undefined);
}

/**
 * Reads one row. Never throws: a cell that cannot be read keeps the field empty and adds a
 * problem that names the column, so the row is still shown and the problem can be fixed.
 */
export function parseRow<R>(map: HeaderMap<R>, cells: readonly CellValue[], row: number): ParsedRow<R> {
  const record = emptyRecord(map.tab) as Record<string, unknown>;
  const problems: string[] = [];
  const invalid = new Set<keyof R & string>();
  for (const column of map.tab.columns) {
    const at = map.index.get(column.key);
    if (at === undefined) {
      if (column.required) {
        problems.push(`the ${map.tab.name} tab has no ${column.header} column`);
        invalid.add(column.key);
      }
      continue;
    }
    const cell = cells[at];
    if (cell === undefined || cell === "") {
      if (column.required) {
        problems.push(`${column.header} is empty`);
        invalid.add(column.key);
      }
      continue;
    }
    const decoded = (
      column.codec as unknown as {decode(c: CellValue): {ok: boolean; value?: unknown; problem?: string}}
    ).decode(cell);
    if (decoded.ok) {
      record[column.key] = decoded.value;
    } else {
      problems.push(`${column.header}: ${decoded.problem ?? "unreadable"}`);
      invalid.add(column.key);
    }
  }
  return {row, record: record as R, problems, invalid};
}

/** Parses consecutive rows starting at sheet row `firstRow`, skipping blank ones. */
export function parseRows<R>(
  map: HeaderMap<R>,
  rows: ReadonlyArray<readonly CellValue[]>,
  firstRow: number,
): Array<ParsedRow<R>> {
  const out: Array<ParsedRow<R>> = [];
  rows.forEach((cells, i) => {
    if (!isBlankRow(cells)) {
      out.push(parseRow(map, cells, firstRow + i));
    }
  });
  return out;
}

function encode<R>(column: Column<R>, record: R): CellData {
  return (column.codec as unknown as {encode(v: unknown): CellData}).encode(record[column.key]);
}

/**
 * The layout columns the sheet's row 1 lacks that `record` holds a value for: writing the record
 * would drop those values (a ledger of an earlier layout, or a header cell deleted by hand).
 */
export function unplacedColumns<R>(map: HeaderMap<R>, record: R): Array<Column<R>> {
  return map.missing.filter((column) => {
    const codec = column.codec as unknown as {empty: unknown; encode(v: unknown): CellData};
    return JSON.stringify(encode(column, record)) !== JSON.stringify(codec.encode(codec.empty));
  });
}

/** A full row for appending: layout columns where the header puts them, other cells left blank. */
export function rowForAppend<R>(map: HeaderMap<R>, record: R): CellData[] {
  const width = Math.max(map.width, ...[...map.index.values()].map((i) => i + 1));
  const cells: CellData[] = Array.from({length: width}, () => ({}));
  for (const column of map.tab.columns) {
    const at = map.index.get(column.key);
    if (at !== undefined) {
      cells[at] = encode(column, record);
    }
  }
  return cells;
}

/**
 * The cells to write to update a row, as runs of adjacent columns, so columns someone added
 * by hand between ours are left as they are.
 */
export function runsForUpdate<R>(map: HeaderMap<R>, record: R): Array<{column: number; cells: CellData[]}> {
  const placed = map.tab.columns
    .map((column) => ({at: map.index.get(column.key), column}))
    .filter((p): p is {at: number; column: Column<R>} => p.at !== undefined)
    .sort((x, y) => x.at - y.at);
  const runs: Array<{column: number; cells: CellData[]}> = [];
  for (const {at, column} of placed) {
    const last = runs[runs.length - 1];
    if (last && last.column + last.cells.length === at) {
      last.cells.push(encode(column, record));
    } else {
      runs.push({column: at, cells: [encode(column, record)]});
    }
  }
  return runs;
}

/** Column letters for a 0-based index: 0 → A, 27 → AB. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** The last column letter a tab uses, for ranges like A2:AH. */
export function lastColumnLetter<R>(map: HeaderMap<R>): string {
  return columnLetter(Math.max(map.width, map.tab.columns.length, ...[...map.index.values()].map((i) => i + 1)) - 1);
}

/**
 * Gives a row whose id repeats an earlier row's a distinct id (`W-000001@row17`) and says so, so
 * neither copy disappears behind the other in a synced table. `label` names the column in the message.
 */
export function markDuplicateIds<R>(
  rows: Array<ParsedRow<R>>,
  idField: keyof R & string,
  label: string,
): Array<ParsedRow<R>> {
  const seen = new Map<string, number>();
  return rows.map((row) => {
    const id = String(row.record[idField] ?? "");
    const first = id ? seen.get(id) : undefined;
    if (id && first === undefined) {
      seen.set(id, row.row);
      return row;
    }
    if (first === undefined) {
      return row;
    }
    return {
      ...row,
      record: {...row.record, [idField]: `${id}@row${row.row}`},
      problems: [...row.problems, `${label} ${id} is also on sheet row ${first}; remove or renumber the copy`],
    };
  });
}
