import type * as z from "zod/mini";
import type {CellData, CellValue} from "../../google/sheets";
import {numberCell, textCell} from "../../google/sheets";
import {parseDateTime} from "../../core/dates";

export type Decoded<T> = {ok: true; value: T} | {ok: false; problem: string};

/** How one ledger column is read from and written to a cell. */
export interface Codec<T> {
  /** The value of an empty cell. */
  empty: T;
  decode(cell: CellValue): Decoded<T>;
  encode(value: T): CellData;
}

// Sheets shows these when a formula typed into a cell fails.
const FORMULA_ERRORS = /^#(REF!|N\/A|VALUE!|NAME\?|DIV\/0!|ERROR!|NULL!|NUM!|SPILL!|CALC!)$/;

function asText(cell: CellValue): Decoded<string> {
  if (typeof cell === "string") {
    if (FORMULA_ERRORS.test(cell.trim())) {
      return {ok: false, problem: `the cell shows the formula error ${cell.trim()}`};
    }
    return {ok: true, value: cell.trim()};
  }
  if (typeof cell === "boolean") {
    return {ok: true, value: cell ? "TRUE" : "FALSE"};
  }
  return {ok: true, value: String(cell)};
}

export const text: Codec<string> = {
  empty: "",
  decode: asText,
  encode: (value) => textCell(value),
};

export const int: Codec<number> = {
  empty: 0,
  decode(cell) {
    const n =
      typeof cell === "number" ? cell : typeof cell === "string" && /^\s*-?\d+\s*$/.test(cell) ? Number(cell) : NaN;
    return Number.isInteger(n) ? {ok: true, value: n} : {ok: false, problem: `"${String(cell)}" is not a whole number`};
  },
  encode: (value) => numberCell(value),
};

/** An instant stored as UTC ISO text; hand-typed dates and serial numbers are read too. */
export const dateTime: Codec<string> = {
  empty: "",
  decode(cell) {
    if (typeof cell === "boolean") {
      return {ok: false, problem: `${String(cell)} is not a date`};
    }
    if (cell === "") {
      return {ok: true, value: ""};
    }
    const parsed = parseDateTime(cell);
    return parsed.ok ? {ok: true, value: parsed.iso} : {ok: false, problem: parsed.problem.replace(/\.$/, "")};
  },
  encode: (value) => textCell(value),
};

/** A calendar date stored as YYYY-MM-DD text. */
export const date: Codec<string> = {
  empty: "",
  decode(cell) {
    const parsed = dateTime.decode(cell);
    return parsed.ok ? {ok: true, value: parsed.value.slice(0, 10)} : parsed;
  },
  encode: (value) => textCell(value),
};

/** One of a fixed set of words, matched without regard to case or surrounding spaces. */
export function oneOf<T extends string>(values: readonly T[]): Codec<T | ""> {
  const byLower = new Map(values.map((v) => [v.toLowerCase(), v]));
  return {
    empty: "",
    decode(cell) {
      const t = asText(cell);
      if (!t.ok || t.value === "") {
        return t.ok ? {ok: true, value: ""} : t;
      }
      const match = byLower.get(t.value.toLowerCase());
      return match ? {ok: true, value: match} : {ok: false, problem: `"${t.value}" is not one of ${values.join(", ")}`};
    },
    encode: (value) => textCell(value),
  };
}

/** A JSON value validated by a schema; an empty cell is `empty`. */
export function json<T>(schema: z.ZodMiniType<T>, empty: T): Codec<T> {
  return {
    empty,
    decode(cell) {
      const t = asText(cell);
      if (!t.ok) {
        return t;
      }
      if (t.value === "") {
        return {ok: true, value: empty};
      }
      let raw: unknown;
      try {
        raw = JSON.parse(t.value);
      } catch {
        return {ok: false, problem: "the cell is not valid JSON"};
      }
      const parsed = schema.safeParse(raw);
      return parsed.success
        ? {ok: true, value: parsed.data}
        : {ok: false, problem: "the cell's JSON does not have the expected shape"};
    },
    encode: (value) =>
      textCell(
        value === empty || value === null || (Array.isArray(value) && value.length === 0) ? "" : JSON.stringify(value),
      ),
  };
}
