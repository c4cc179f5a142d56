import {badInput} from "./errors";
import {calendarDate, isZone, longDateText, parseIso, wallTime} from "./zoned";

export {isZone};

/** A time zone as typed: trimmed, undefined when empty, refused when it is not an IANA zone name. */
export function zoneParam(text: string | undefined): string | undefined {
  const zone = (text ?? "").trim();
  if (zone && !isZone(zone)) {
    throw badInput("INPUT_TIMEZONE", `"${zone}" is not a time zone: use a name such as America/Mexico_City.`);
  }
  return zone || undefined;
}

/** Days between the Sheets epoch (1899-12-30) and the Unix epoch. */
const SHEETS_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

export type DateParse = {ok: true; iso: string} | {ok: false; problem: string};

/** A Sheets serial date-time (days since 1899-12-30, read as UTC) as an ISO instant. */
export function serialToIso(serial: number): string {
  return new Date(SHEETS_EPOCH_MS + Math.round(serial * DAY_MS)).toISOString();
}

const MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec";
const NAMED = `(${MONTHS}|january|february|march|april|june|july|august|september|october|november|december)`;
const DATE_TIME = String.raw`^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})`;

/**
 * The unambiguous forms people type, read as luxon's `fromFormat(text, format, {locale: "en"})`
 * read them (English month names in any case, exactly one space where the format has one), each
 * with the match groups of its year, month and day (then hour, minute, second).
 */
const UNAMBIGUOUS_FORMATS: ReadonlyArray<readonly [RegExp, number, number, number]> = [
  [new RegExp(`${DATE_TIME}(?::(\\d{2}))?$`), 1, 2, 3], // yyyy-MM-dd HH:mm:ss, yyyy-MM-dd HH:mm
  [/^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, 1, 2, 3], // yyyy/MM/dd, yyyy/M/d
  [new RegExp(`^(\\d{1,2}) ${NAMED} (\\d{4})$`, "i"), 3, 2, 1], // d MMM yyyy, d MMMM yyyy
  [new RegExp(`^${NAMED} (\\d{1,2}), (\\d{4})$`, "i"), 3, 1, 2], // MMM d, yyyy, MMMM d, yyyy
  [new RegExp(`^(${MONTHS}) (\\d{1,2}) (\\d{4})$`, "i"), 3, 1, 2], // MMM d yyyy
  [/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, 3, 2, 1], // d.M.yyyy, dd.MM.yyyy
];

/** The instant of the first unambiguous form `text` is in, or NaN. */
function fromFormats(text: string): number {
  for (const [pattern, y, m, d] of UNAMBIGUOUS_FORMATS) {
    const match = pattern.exec(text);
    if (match) {
      const n = (i: number) => Number(match[i] ?? 0);
      const month = match[m] ?? "";
      return wallTime(
        n(y),
        /\d/.test(month) ? Number(month) : MONTHS.indexOf(month.slice(0, 3).toLowerCase()) / 4 + 1,
        n(d),
        n(4),
        n(5),
        n(6),
      );
    }
  }
  return NaN;
}

/**
 * Reads a date or date-time typed by a person or written by the pack, as a UTC ISO instant.
 * Accepts ISO 8601, Sheets serial numbers and common unambiguous formats; "03/04/2026" is
 * refused as ambiguous (3 April or March 4) rather than guessed.
 * `parseDateTime("2026-01-05")` → {ok: true, iso: "2026-01-05T00:00:00.000Z"}.
 */
export function parseDateTime(value: string | number): DateParse {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 1 || value > 2_958_465) {
      return {ok: false, problem: `${value} is not a date.`};
    }
    return {ok: true, iso: serialToIso(value)};
  }
  const text = value.trim();
  if (!text) {
    return {ok: false, problem: "The date is empty."};
  }
  // Fast path for the form the pack writes ("2026-01-05T10:00:00.000Z"): same result, a fraction of the cost.
  const ms = text.length === 24 && text[23] === "Z" ? Date.parse(text) : NaN;
  if (Number.isFinite(ms) && new Date(ms).toISOString() === text) {
    return {ok: true, iso: text};
  }
  const read = Number.isNaN(parseIso(text)) ? fromFormats(text) : parseIso(text);
  if (!Number.isNaN(read)) {
    return {ok: true, iso: new Date(read).toISOString()};
  }
  const slashed = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(text);
  if (slashed) {
    const a = Number(slashed[1]);
    const b = Number(slashed[2]);
    const year = Number(slashed[3]);
    if (a > 12 && b <= 12) {
      return fromParts(year, b, a, text);
    }
    if (b > 12 && a <= 12) {
      return fromParts(year, a, b, text);
    }
    return {ok: false, problem: `"${text}" is ambiguous (day/month or month/day); write it as YYYY-MM-DD.`};
  }
  return {ok: false, problem: `"${text}" is not a date the ledger can read; write it as YYYY-MM-DD.`};
}

function fromParts(year: number, month: number, day: number, text: string): DateParse {
  const parsed = wallTime(year, month, day);
  return Number.isNaN(parsed)
    ? {ok: false, problem: `"${text}" is not a real date.`}
    : {ok: true, iso: new Date(parsed).toISOString()};
}

/**
 * The calendar date (YYYY-MM-DD) of an ISO instant in a time zone; UTC when the zone is unknown.
 * An unreadable `iso` gives its first ten characters.
 */
export function localDate(iso: string, zone: string): string {
  return calendarDate(parseIso(iso), isZone(zone) ? zone : "UTC") || iso.slice(0, 10);
}

/** Whole days from `fromIso` to `toIso` (negative when `toIso` is earlier). */
export function daysBetween(fromIso: string, toIso: string): number {
  return Math.floor((Date.parse(toIso) - Date.parse(fromIso)) / DAY_MS);
}

/** "5 January 2026" in the given zone: the form notices and messages use ("Invalid DateTime" for an unreadable `iso`). */
export function longDate(iso: string, zone = "UTC"): string {
  return longDateText(parseIso(iso), isZone(zone) ? zone : "UTC");
}
