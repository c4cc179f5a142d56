// Time zones on Intl alone: offsets, wall clocks, calendar days and ISO 8601 reading.
// It replaces luxon in the pack (76 KB of bundle) and reproduces luxon 3's answers, which
// test/zoned.test.ts checks function by function against luxon over every zone Intl knows.
// Instants are epoch milliseconds; a "wall time" is a local date and time written as if it were
// UTC (luxon's "local timestamp"). Offsets are minutes east of UTC. Zones are names `isZone`
// accepts; callers check them first (Intl throws on others).

const DAY = 86_400_000;
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const formats = new Map<string, Intl.DateTimeFormat>();

function format(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    const n = "numeric";
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      era: "short",
      year: n,
      month: n,
      day: n,
      hour: n,
      minute: n,
      second: n,
    });
    formats.set(zone, f);
  }
  return f;
}

/** Whether Intl knows `zone` ("Europe/Berlin", "UTC", "etc/gmt+5"): luxon's `IANAZone.isValidZone`. */
export function isZone(zone: string): boolean {
  try {
    return Boolean(zone) && Boolean(format(zone));
  } catch {
    return false;
  }
}

/**
 * The wall time of a date and time, or NaN when a field is out of range (luxon's rules: hour 24
 * only as 24:00:00.000, the end of the day). `wallTime(2026, 1, 5, 10)` → Date.UTC(2026, 0, 5, 10).
 */
export function wallTime(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const days = month === 2 ? (isLeap(year) ? 29 : 28) : 30 + ((month + (month >> 3)) & 1);
  const ok =
    Number.isInteger(year) &&
    between(month, 1, 12) &&
    between(day, 1, days) &&
    (between(hour, 0, 23) || (hour === 24 && minute === 0 && second === 0 && ms === 0)) &&
    between(minute, 0, 59) &&
    between(second, 0, 59) &&
    between(ms, 0, 999);
  if (!ok) {
    return NaN;
  }
  let t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (year >= 0 && year < 100) {
    // Date.UTC reads years 0–99 as 1900–1999. Like luxon, this resets the day, so 0050-01-05T24:00 stays on the 5th.
    const d = new Date(t);
    t = d.setUTCFullYear(year, month - 1, day);
  }
  return t;
}

function between(n: number, min: number, max: number): boolean {
  return Number.isInteger(n) && n >= min && n <= max;
}

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/**
 * Minutes `zone` is ahead of UTC at an instant (fractional for old local mean times); NaN for a bad instant.
 * `offsetAt(Date.UTC(2026, 6, 1), "Asia/Kathmandu")` → 345.
 */
export function offsetAt(ms: number, zone: string): number {
  const t = new Date(ms).getTime();
  if (Number.isNaN(t)) {
    return NaN;
  }
  const p: Record<string, string> = {};
  for (const {type, value} of format(zone).formatToParts(t)) {
    p[type] = value;
  }
  const year = Number(p.year);
  const wall = wallTime(
    p.era === "BC" ? 1 - year : year,
    Number(p.month),
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return (wall - (t - (((t % 1000) + 1000) % 1000))) / (60 * 1000);
}

/**
 * The wall time of an instant in a zone, to the millisecond (NaN when it falls outside the Date range).
 * `wallTimeAt(Date.UTC(2026, 0, 5, 3), "America/Mexico_City")` → Date.UTC(2026, 0, 4, 21).
 */
export function wallTimeAt(ms: number, zone: string): number {
  return new Date(ms + offsetAt(ms, zone) * 60 * 1000).getTime();
}

/**
 * The instant a wall time names in a zone: luxon's `fixOffset`. `guess` is an offset to try first;
 * in a DST gap the time moves forward by the gap (02:30 → 03:30), in an overlap the guess decides,
 * and by default it is the offset a day before, so an overlap gives the earlier instant.
 * `fromWallTime(Date.UTC(2026, 2, 8, 2, 30), "America/New_York")` → Date.UTC(2026, 2, 8, 7, 30) (03:30 EDT).
 */
export function fromWallTime(wall: number, zone: string, guess = offsetAt(wall - DAY, zone)): number {
  let ts = wall - guess * 60 * 1000;
  const o2 = offsetAt(ts, zone);
  if (guess === o2) {
    return ts;
  }
  ts -= (o2 - guess) * 60 * 1000;
  const o3 = offsetAt(ts, zone);
  return o2 === o3 ? ts : wall - Math.min(o2, o3) * 60 * 1000;
}

/**
 * The local calendar date (YYYY-MM-DD, ±YYYYYY-MM-DD beyond year 9999) of an instant; "" when there is none.
 * `calendarDate(Date.UTC(2026, 0, 5, 3), "America/Mexico_City")` → "2026-01-04".
 */
export function calendarDate(ms: number, zone: string): string {
  const wall = wallTimeAt(ms, zone);
  return Number.isNaN(wall) ? "" : (new Date(wall).toISOString().split("T")[0] ?? "");
}

/**
 * The first instant of the local day of `ms` (luxon `startOf("day")`: midnight, or the end of a gap at midnight).
 * `startOfDay(Date.UTC(2026, 0, 5, 12), "Asia/Kolkata")` → Date.UTC(2026, 0, 4, 18, 30).
 */
export function startOfDay(ms: number, zone: string): number {
  const wall = wallTimeAt(ms, zone);
  return fromWallTime(wall - (((wall % DAY) + DAY) % DAY), zone, offsetAt(ms, zone));
}

/** The same wall time `days` calendar days later (luxon `plus({days})`): a day can be 23 or 25 hours. */
export function plusDays(ms: number, days: number, zone: string): number {
  return fromWallTime(wallTimeAt(ms, zone) + days * DAY, zone, offsetAt(ms, zone));
}

/** The last millisecond of the local day of `ms` (luxon `endOf("day")`, 23:59:59.999 local). */
export function endOfDay(ms: number, zone: string): number {
  return startOfDay(plusDays(ms, 1, zone), zone) - 1;
}

/**
 * "5 January 2026" (and " at 17:59" with `withTime`) in a zone, as luxon's en-GB
 * `toFormat("d MMMM yyyy 'at' HH:mm")`; "Invalid DateTime" for an invalid instant, as luxon.
 * `longDateText(Date.UTC(2026, 0, 5, 12), "Europe/Berlin", true)` → "5 January 2026 at 13:00".
 */
export function longDateText(ms: number, zone: string, withTime = false): string {
  const d = new Date(wallTimeAt(ms, zone));
  if (Number.isNaN(d.getTime())) {
    return "Invalid DateTime";
  }
  const year = d.getUTCFullYear();
  const pad = (n: number, width: number) => `${n < 0 ? "-" : ""}${String(Math.abs(n)).padStart(width, "0")}`;
  const date = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${pad(year, 4)}`;
  return withTime ? `${date} at ${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}` : date;
}

// luxon's ISO 8601 grammar (src/impl/regexParser.js), group for group.
const TIME = String.raw`(\d\d)(?::?(\d\d)(?::?(\d\d)(?:[.,](\d{1,30}))?)?)?`;
const IANA = String.raw`[A-Za-z_+-]{1,256}(?::?\/[A-Za-z0-9_+-]{1,256}(?:\/[A-Za-z0-9_+-]{1,256})?)?`;
const ZONE = String.raw`(?:(?:([Zz])|([+-]\d\d)(?::?(\d\d))?)?(?:\[(${IANA})\])?)?`;
const AFTER = `(?:[Tt]${TIME}${ZONE})?$`;
const ISO_FORMS = [
  new RegExp(String.raw`^([+-]\d{6}|\d{4})(?:-?(\d\d)(?:-?(\d\d))?)?${AFTER}`),
  new RegExp(String.raw`^(\d{4})-?W(\d\d)(?:-?(\d))?${AFTER}`),
  new RegExp(String.raw`^(\d{4})-?(\d{3})${AFTER}`),
  new RegExp(`^${TIME}${ZONE}$`),
];

/** The Monday of ISO week 1 of a week-year, as a wall time. */
function weekOne(year: number): number {
  const jan4 = wallTime(year, 1, 4);
  return jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY;
}

/**
 * Reads ISO 8601 as luxon's `DateTime.fromISO(text, {zone: "utc"})`: calendar (2026-01-05,
 * 20260105, 2026-01, 2026), week (2026-W02-1) and ordinal (2026-005) dates, an optional time
 * (T10, T10:30, T10:30:00.5, T24:00) with Z, ±hh[:mm] or a [Zone/Name]; no offset means UTC.
 * Returns the instant, or NaN when the text is not ISO or names no real date. Unlike luxon, a
 * time alone ("10:30") is refused: luxon puts it on today's date, which needs the clock.
 */
export function parseIso(text: string): number {
  // Like luxon, the first form that matches decides: "103000" is year 1030, month 00, not a time.
  const form = ISO_FORMS.findIndex((re) => re.test(text));
  const m = ISO_FORMS[form]?.exec(text);
  if (!m || form === 3) {
    return NaN;
  }
  const int = (i: number, fallback = 0) => (m[i] === undefined ? fallback : parseInt(m[i], 10));
  const year = int(1);
  let date = [year, int(2, 1), int(3, 1)] as const;
  if (form > 0) {
    // A week date (week, weekday 1–7) or an ordinal date (day of the year): days from the year's first day.
    const week = form === 1;
    const weekday = week ? int(3, 1) : 1;
    const index = week ? (int(2) - 1) * 7 + weekday - 1 : int(2) - 1;
    const [first, next] = week ? [weekOne(year), weekOne(year + 1)] : [wallTime(year, 1, 1), wallTime(year + 1, 1, 1)];
    // index < weekday - 1: week 0 or day 0.
    if (weekday < 1 || weekday > 7 || index < weekday - 1 || first + index * DAY >= next) {
      return NaN;
    }
    const d = new Date(first + index * DAY);
    date = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  }
  const at = form === 2 ? 3 : 4;
  const fraction = m[at + 3];
  const wall = wallTime(
    ...date,
    int(at),
    int(at + 1),
    int(at + 2),
    fraction ? Math.floor(parseFloat(`0.${fraction}`) * 1000) : 0,
  );
  const [zone, offset] = [m[at + 7], m[at + 5]];
  let ms = wall;
  if (zone) {
    ms = isZone(zone) && !Number.isNaN(wall) ? fromWallTime(wall, zone) : NaN;
  } else if (offset) {
    // luxon's signedOffset: "-00:30" is half an hour behind; hours and minutes are not range-checked.
    const hours = parseInt(offset, 10);
    const minutes = parseInt(m[at + 6] ?? "", 10) || 0;
    ms = wall - (hours * 60 + (hours < 0 || Object.is(hours, -0) ? -minutes : minutes)) * 60 * 1000;
  }
  return Math.abs(ms) <= 8.64e15 ? ms : NaN;
}
