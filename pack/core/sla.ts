// Business-day deadlines in a worker's time zone, with weekends and holidays as parameters.
import {badInput} from "./errors";
import {calendarDate, endOfDay, isZone, parseIso, plusDays, startOfDay} from "./zoned";

/** Business days to a first response when Settings say nothing. */
export const DEFAULT_RESPONSE_DAYS = 2;
/** Saturday and Sunday (ISO weekdays: Monday 1 … Sunday 7). */
export const DEFAULT_WEEKEND: readonly number[] = [6, 7];
/** The most business days a response target may be. */
export const MAX_RESPONSE_DAYS = 60;

export interface BusinessCalendar {
  /** Weekday numbers that are not business days (1 = Monday … 7 = Sunday). */
  weekend: ReadonlySet<number>;
  /** Holidays: "YYYY-MM-DD" for one date, "MM-DD" for every year. */
  holidays: ReadonlySet<string>;
}

export const STANDARD_CALENDAR: BusinessCalendar = {weekend: new Set(DEFAULT_WEEKEND), holidays: new Set()};

/** Whether a calendar day (YYYY-MM-DD) is a business day. `isBusinessDay("2026-01-10", STANDARD_CALENDAR)` → false. */
export function isBusinessDay(day: string, calendar: BusinessCalendar): boolean {
  const weekday = new Date(Date.parse(day)).getUTCDay() || 7;
  return !calendar.weekend.has(weekday) && !calendar.holidays.has(day) && !calendar.holidays.has(day.slice(5));
}

/**
 * The deadline `days` business days after an instant, in a time zone: the end (23:59:59.999
 * local) of the `days`-th business day after the local day it happened on, as a UTC ISO instant.
 * With 0 days it is the end of that day, or of the next business day when that day is not one.
 * `dueAfterBusinessDays("2026-01-09T15:00:00Z", 2, "UTC")` (a Friday) → "2026-01-13T23:59:59.999Z".
 */
export function dueAfterBusinessDays(
  startIso: string,
  days: number,
  zone: string,
  calendar: BusinessCalendar = STANDARD_CALENDAR,
): string {
  if (!Number.isInteger(days) || days < 0 || days > MAX_RESPONSE_DAYS) {
    throw badInput("INPUT_DAYS", `${days} is not a number of business days between 0 and ${MAX_RESPONSE_DAYS}.`);
  }
  const start = parseIso(startIso);
  if (Number.isNaN(start)) {
    throw badInput("INPUT_DATE", `"${startIso}" is not a date and time.`);
  }
  if (calendar.weekend.size >= 7) {
    throw badInput("INPUT_WEEKEND", "The weekend covers every day of the week, so no day is a business day.");
  }
  const z = isZone(zone) ? zone : "UTC";
  // `day` is an instant on the local day (its start, or later when midnight fell in a DST gap).
  let day = startOfDay(start, z);
  let counted = 0;
  // Two years of steps: only a calendar with (almost) no business days gets that far.
  for (let step = 0; step < 730; step++) {
    if (counted === days && isBusinessDay(calendarDate(day, z), calendar)) {
      return new Date(endOfDay(day, z)).toISOString();
    }
    day = plusDays(day, 1, z);
    if (counted < days && isBusinessDay(calendarDate(day, z), calendar)) {
      counted++;
    }
  }
  throw badInput("INPUT_HOLIDAYS", "The holidays leave no business day in the next two years.");
}

/**
 * Reads a holiday list: dates (YYYY-MM-DD) or yearly days (MM-DD), separated by commas,
 * semicolons, spaces or new lines. Returns the holidays and what could not be read.
 */
export function parseHolidays(text: string): {holidays: string[]; problems: string[]} {
  const holidays: string[] = [];
  const problems: string[] = [];
  for (const token of text.split(/[\s,;]+/).filter(Boolean)) {
    const full = /^\d{4}-\d{2}-\d{2}$/.test(token) && !Number.isNaN(parseIso(token));
    const yearly = /^\d{2}-\d{2}$/.test(token) && !Number.isNaN(parseIso(`2024-${token}`));
    if (full || yearly) {
      holidays.push(token);
    } else {
      problems.push(`"${token}" is not a date (YYYY-MM-DD, or MM-DD for every year)`);
    }
  }
  return {holidays, problems};
}

const DAY_NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** Reads a weekend such as "Sat Sun" or "Friday, Saturday" into weekday numbers. */
export function parseWeekend(text: string): {weekend: number[]; problems: string[]} {
  const weekend: number[] = [];
  const problems: string[] = [];
  for (const token of text.split(/[\s,;]+/).filter(Boolean)) {
    const index = DAY_NAMES.indexOf(token.slice(0, 3).toLowerCase());
    const full = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"][index];
    if (index < 0 || !(full ?? "").startsWith(token.toLowerCase())) {
      problems.push(`"${token}" is not a day of the week`);
    } else if (!weekend.includes(index + 1)) {
      weekend.push(index + 1);
    }
  }
  return {weekend, problems};
}
