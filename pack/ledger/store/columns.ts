import type {Google} from "../../google/http";
import type {CellValue, ValueRange} from "../../google/sheets";
import {a1, batchGetValues} from "../../google/sheets";
import type {TabDef} from "./layout";
import type {HeaderMap, ParsedRow} from "./rows";
import {columnLetter, emptyRecord, mapHeader} from "./rows";
import type {LedgerRef} from "./ref";
import {absentTab} from "./read";

/** Some columns of a tab, rows `first`..`last` (to the end when `last` is omitted). */
export interface ColumnSpec<R> {
  tab: TabDef<R>;
  keys: ReadonlyArray<keyof R & string>;
  first?: number;
  last?: number;
}

export interface ColumnRead<R> {
  header: HeaderMap<R>;
  /**
   * Rows with at least one of the read cells filled. Fields not read hold their empty value, from
   * a shared prototype: read them, but do not spread a record (`{...r.record}`) to write it back.
   */
  rows: Array<ParsedRow<R>>;
  /** How many sheet rows the read covered up to the last filled cell (0 when none). */
  extent: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySpec = ColumnSpec<any>;

const NO_PROBLEMS: readonly string[] = Object.freeze([]);

/** The empty invalid set rows with nothing wrong share: adding to it is a bug, so it refuses. */
class NoneInvalid extends Set<string> {
  override add(): this {
    throw new Error("A row read with readColumns has a shared empty invalid set: copy it before adding.");
  }
}
const NOTHING_INVALID = new NoneInvalid();

const EMPTIES = new WeakMap<object, object>();

/** A tab's empty record with its lists frozen, made once: the prototype of every record readColumns reads. */
function frozenEmpty<R>(tab: TabDef<R>): object {
  let empty = EMPTIES.get(tab);
  if (!empty) {
    const record = emptyRecord(tab) as Record<string, unknown>;
    for (const value of Object.values(record)) {
      if (value && typeof value === "object") {
        Object.freeze(value);
      }
    }
    // Not the record itself: a frozen prototype's fields could not be set on the rows (their own values).
    empty = record;
    EMPTIES.set(tab, empty);
  }
  return empty;
}

/**
 * Reads only the named columns of one or more tabs in one values.batchGet (column-major, so a
 * 100,000-row column is one array), guessing where the columns are from the layout and checking
 * the guess against row 1 in the same request; columns someone moved are read again where the
 * header says they are. Saves reading wide JSON columns (recent requests, pending actions)
 * when a rule needs a few fields.
 */
export async function readColumns<const T extends readonly AnySpec[]>(
  g: Google,
  ref: LedgerRef,
  specs: T,
  what: string,
): Promise<Reads<T>> {
  const guess = specs.map((spec) => spec.keys.map((k) => spec.tab.columns.findIndex((c) => c.key === k)));
  const first = await fetchColumns(g, ref, specs, guess, true, what);
  const headers = specs.map((spec, i) => mapHeader(spec.tab, (first[i]?.header ?? []) as CellValue[]));
  const actual = specs.map((spec, i) => spec.keys.map((k) => headers[i]?.index.get(k) ?? -1));
  const moved = specs.map((_, i) => actual[i]?.some((at, j) => at !== guess[i]?.[j]) ?? false);
  let columns = first.map((f) => f.columns);
  if (moved.some(Boolean)) {
    const again = specs.filter((_, i) => moved[i]);
    const reread = await fetchColumns(
      g,
      ref,
      again,
      actual.filter((_, i) => moved[i]),
      false,
      what,
    );
    let next = 0;
    columns = columns.map((c, i) => (moved[i] ? (reread[next++]?.columns ?? []) : c));
  }
  return specs.map((spec, i) =>
    assemble(spec, headers[i] as HeaderMap<unknown>, columns[i] ?? [], actual[i] ?? []),
  ) as unknown as Reads<T>;
}

/** The reads of a tuple of specs, each typed by its tab. */
export type Reads<T extends readonly AnySpec[]> = {
  -readonly [K in keyof T]: T[K] extends ColumnSpec<infer R> ? ColumnRead<R> : never;
};

/** A typed column spec: `columns(WORKERS, ["workerId", "status"])`. */
export function columns<R>(
  tab: TabDef<R>,
  keys: ReadonlyArray<keyof R & string>,
  first?: number,
  last?: number,
): ColumnSpec<R> {
  return {tab, keys, first, last};
}

interface Fetched {
  header?: CellValue[];
  columns: CellValue[][];
}

async function fetchColumns(
  g: Google,
  ref: LedgerRef,
  specs: readonly AnySpec[],
  at: number[][],
  withHeader: boolean,
  what: string,
): Promise<Fetched[]> {
  const ranges: string[] = [];
  const layout: Array<{header: number; columns: number[]}> = [];
  specs.forEach((spec, i) => {
    const entry = {header: -1, columns: [] as number[]};
    if (withHeader) {
      entry.header = ranges.length;
      ranges.push(a1(spec.tab.name, "1:1"));
    }
    for (const index of at[i] ?? []) {
      if (index < 0) {
        entry.columns.push(-1);
        continue;
      }
      const letter = columnLetter(index);
      entry.columns.push(ranges.length);
      ranges.push(a1(spec.tab.name, `${letter}${spec.first ?? 2}:${letter}${spec.last ?? ""}`));
    }
    layout.push(entry);
  });
  let values: ValueRange[] = [];
  if (ranges.length) {
    try {
      values = await batchGetValues(g, ref.spreadsheetId, ranges, {majorDimension: "COLUMNS", what});
    } catch (err) {
      throw (await absentTab(g, ref, err, [...new Set(specs.map((s) => s.tab.name))])) ?? err;
    }
  }
  return layout.map((entry) => ({
    header: entry.header >= 0 ? (values[entry.header]?.values ?? []).map((column) => column[0] ?? "") : undefined,
    columns: entry.columns.map((r) => (r >= 0 ? (values[r]?.values?.[0] ?? []) : [])),
  }));
}

function assemble<R>(spec: ColumnSpec<R>, header: HeaderMap<R>, columns: CellValue[][], at: number[]): ColumnRead<R> {
  const start = spec.first ?? 2;
  const height = Math.max(0, ...columns.map((c) => c.length));
  const cols = spec.keys.map((key, i) => ({
    key,
    column: spec.tab.columns.find((c) => c.key === key),
    cells: columns[i] ?? [],
    present: (at[i] ?? -1) >= 0,
  }));
  // Fields not read come from one empty record shared by every row (a Workers row has about
  // fifty fields, most reads want eight): a 100,000-row read fits a pack's 128 MB so. Rows with
  // nothing wrong share one empty problem list and one empty invalid set.
  const proto = frozenEmpty(spec.tab);
  const rows: Array<ParsedRow<R>> = [];
  for (let r = 0; r < height; r++) {
    if (cols.every((c) => c.cells[r] === undefined || c.cells[r] === "")) {
      continue;
    }
    const record = Object.create(proto) as Record<string, unknown>;
    let problems: string[] | undefined;
    let invalid: Set<keyof R & string> | undefined;
    for (const c of cols) {
      if (!c.column) {
        continue;
      }
      const cell = c.cells[r];
      if (cell === undefined || cell === "") {
        if (c.column.required) {
          (problems ??= []).push(
            c.present ? `${c.column.header} is empty` : `the ${spec.tab.name} tab has no ${c.column.header} column`,
          );
          (invalid ??= new Set()).add(c.key);
        }
        continue;
      }
      const decoded = (
        c.column.codec as unknown as {decode(v: CellValue): {ok: boolean; value?: unknown; problem?: string}}
      ).decode(cell);
      if (decoded.ok) {
        record[c.key] = decoded.value;
      } else {
        (problems ??= []).push(`${c.column.header}: ${decoded.problem ?? "unreadable"}`);
        (invalid ??= new Set()).add(c.key);
      }
    }
    rows.push({
      row: start + r,
      record: record as R,
      problems: problems ?? (NO_PROBLEMS as string[]),
      invalid: invalid ?? (NOTHING_INVALID as unknown as Set<keyof R & string>),
    });
  }
  return {header, rows, extent: height};
}
