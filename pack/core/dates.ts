import {DateTime, IANAZone} from "luxon";

/** Days between the Sheets epoch (1899-12-30) and the Unix epoch. */
const SHEETS_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

export type DateParse = {ok: true; iso: string} | {ok: false; problem: string};

/** A Sheets serial date-time (days since 1899-12-30, read as UTC) as an ISO instant. */
export function serialToIso(serial: number): string {
  return new Date(SHEETS_EPOCH_MS + Math.round(serial * DAY_MS)).toISOString();
}

const UNAMBIGUOUS_FORMATS = [
  "yyyy-MM-dd HH:mm:ss",
  "yyyy-MM-dd HH:mm",
  "yyyy/MM/dd",
  "yyyy/M/d",
  "d MMM yyyy",
  "d MMMM yyyy",
  "MMM d, yyyy",
  "MMMM d, yyyy",
  "MMM d yyyy",
  "d.M.yyyy",
  "dd.MM.yyyy",
];

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
  const iso = DateTime.fromISO(text, {zone: "utc", setZone: true});
  if (iso.isValid) {
    return {ok: true, iso: iso.toUTC().toISO() ?? text};
  }
  for (const format of UNAMBIGUOUS_FORMATS) {
    const parsed = DateTime.fromFormat(text, format, {zone: "utc", locale: "en"});
    if (parsed.isValid) {
      return {ok: true, iso: parsed.toISO() ?? text};
    }
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
  const parsed = DateTime.utc(year, month, day);
  return parsed.isValid ? {ok: true, iso: parsed.toISO() ?? text} : {ok: false, problem: `"${text}" is not a real date.`};
}

/** The calendar date (YYYY-MM-DD) of an ISO instant in a time zone; UTC when the zone is unknown. */
export function localDate(iso: string, zone: string): string {
  const dt = DateTime.fromISO(iso, {zone: "utc"}).setZone(isZone(zone) ? zone : "utc");
  return dt.toISODate() ?? iso.slice(0, 10);
}

/** Whether `zone` is an IANA time zone name ("Europe/Berlin"). */
export function isZone(zone: string): boolean {
  return Boolean(zone) && IANAZone.isValidZone(zone);
}

/** Whole days from `fromIso` to `toIso` (negative when `toIso` is earlier). */
export function daysBetween(fromIso: string, toIso: string): number {
  return Math.floor((Date.parse(toIso) - Date.parse(fromIso)) / DAY_MS);
}

/** "5 January 2026" in the given zone: the form notices and messages use. */
export function longDate(iso: string, zone = "utc"): string {
  return DateTime.fromISO(iso, {zone: "utc"})
    .setZone(isZone(zone) ? zone : "utc")
    .setLocale("en-GB")
    .toFormat("d MMMM yyyy");
}
