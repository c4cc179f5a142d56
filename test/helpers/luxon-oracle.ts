// The test oracle for pack/core/zoned.ts: the pack's date code as it was on luxon (commit
// 0f41e9e), kept verbatim so test/zoned.test.ts can hold every replacement to luxon's answers.
// luxon is a devDependency; pack code must not import it (eslint refuses it there).
import {DateTime, IANAZone} from "luxon";

export type DateParse = {ok: true; iso: string} | {ok: false; problem: string};

const SHEETS_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

export const UNAMBIGUOUS_FORMATS = [
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

/** pack/core/dates.ts parseDateTime on luxon. */
export function parseDateTime(value: string | number): DateParse {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 1 || value > 2_958_465) {
      return {ok: false, problem: `${value} is not a date.`};
    }
    return {ok: true, iso: new Date(SHEETS_EPOCH_MS + Math.round(value * DAY_MS)).toISOString()};
  }
  const text = value.trim();
  if (!text) {
    return {ok: false, problem: "The date is empty."};
  }
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
  return parsed.isValid
    ? {ok: true, iso: parsed.toISO() ?? text}
    : {ok: false, problem: `"${text}" is not a real date.`};
}

export function isZone(zone: string): boolean {
  return Boolean(zone) && IANAZone.isValidZone(zone);
}

/** pack/core/dates.ts localDate on luxon. */
export function localDate(iso: string, zone: string): string {
  const dt = DateTime.fromISO(iso, {zone: "utc"}).setZone(isZone(zone) ? zone : "utc");
  return dt.toISODate() ?? iso.slice(0, 10);
}

/** pack/core/dates.ts longDate on luxon. */
export function longDate(iso: string, zone = "utc"): string {
  return DateTime.fromISO(iso, {zone: "utc"})
    .setZone(isZone(zone) ? zone : "utc")
    .setLocale("en-GB")
    .toFormat("d MMMM yyyy");
}

/** pack/core/notices/compose.ts appealDeadline on luxon. */
export function appealDeadline(decidedAt: string, appealDays: number, zone: string): string {
  const local = DateTime.fromISO(decidedAt, {zone: "utc"}).setZone(isZone(zone) ? zone : "utc");
  return local.plus({days: appealDays}).toISODate() ?? "";
}

/** pack/core/notices/content.ts momentText on luxon, without the label. */
export function momentText(iso: string, zone: string): string {
  return DateTime.fromISO(iso, {zone: "utc"}).setZone(zone).setLocale("en-GB").toFormat("d MMMM yyyy 'at' HH:mm");
}

/** pack/params.ts dateParam on luxon. */
export function dateParam(value: Date | undefined, timezone: string | undefined): string | undefined {
  if (!value) {
    return undefined;
  }
  const dt = DateTime.fromJSDate(value, {zone: timezone || "utc"});
  return dt.isValid ? (dt.toISODate() ?? undefined) : undefined;
}

export interface BusinessCalendar {
  weekend: ReadonlySet<number>;
  holidays: ReadonlySet<string>;
}

function isBusinessDay(day: DateTime, calendar: BusinessCalendar): boolean {
  if (calendar.weekend.has(day.weekday)) {
    return false;
  }
  const iso = day.toISODate() ?? "";
  return !calendar.holidays.has(iso) && !calendar.holidays.has(iso.slice(5));
}

/** pack/core/sla.ts dueAfterBusinessDays on luxon (valid input only: the refusals are tested in sla.test.ts). */
export function dueAfterBusinessDays(startIso: string, days: number, zone: string, calendar: BusinessCalendar): string {
  const start = DateTime.fromISO(startIso, {zone: "utc"});
  if (!start.isValid) {
    return "INPUT_DATE";
  }
  let day = start.setZone(isZone(zone) ? zone : "utc").startOf("day");
  let counted = 0;
  for (let step = 0; step < 730; step++) {
    if (counted === days && isBusinessDay(day, calendar)) {
      return day.endOf("day").toUTC().toISO() ?? "";
    }
    day = day.plus({days: 1});
    if (counted < days && isBusinessDay(day, calendar)) {
      counted++;
    }
  }
  return "INPUT_HOLIDAYS";
}

/** pack/core/sla.ts parseHolidays' date check on luxon. */
export function isHoliday(token: string): boolean {
  const full = /^\d{4}-\d{2}-\d{2}$/.test(token) && DateTime.fromISO(token).isValid;
  const yearly = /^\d{2}-\d{2}$/.test(token) && DateTime.fromISO(`2024-${token}`).isValid;
  return full || yearly;
}
