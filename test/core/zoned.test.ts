// pack/core/zoned.ts against its oracle, luxon 3 (the time library the product owner chose):
// every function, over every zone Intl knows, random instants 1970–2100, the DST transitions
// of random years, and the date texts the pack reads. test/support/luxon-oracle.ts holds the
// pack's date code as it was on luxon; the pack's functions must answer exactly as it did.
import {expect} from "chai";
import fc from "fast-check";
import {DateTime, Settings} from "luxon";
import * as zoned from "../../pack/core/zoned";
import {localDate, longDate, parseDateTime} from "../../pack/core/dates";
import {appealDeadline} from "../../pack/core/notices";
import {dueAfterBusinessDays, parseHolidays} from "../../pack/core/sla";
import {dateParam} from "../../pack/coda/params";
import * as oracle from "../helpers/luxon-oracle";

const DAY = 86_400_000;
const FROM = Date.UTC(1970, 0, 1);
const TO = Date.UTC(2100, 11, 31, 23, 59, 59, 999);
/** Every zone Intl lists, plus names it accepts without listing them (aliases, other cases). */
const ZONES = [
  ...Intl.supportedValuesOf("timeZone"),
  ...[
    "UTC",
    "Etc/UTC",
    "GMT",
    "utc",
    "gmt",
    "Etc/GMT+5",
    "Etc/GMT-14",
    "EST5EDT",
    "US/Eastern",
    "Asia/Calcutta",
    "europe/berlin",
    "AMERICA/NEW_YORK",
  ],
];
const NOT_ZONES = [
  "",
  "Not/AZone",
  "Nowhere/City",
  "local",
  "system",
  "default",
  "UTC+3",
  "GMT+5",
  "+05:00",
  "Z",
  "UTC ",
  " Europe/Berlin",
  "Europe/Berlinn",
  "Europe",
];

/** Comparisons made against luxon, reported at the end. */
const ran = {instants: 0, transitions: 0, walls: 0, texts: 0, pack: 0, skipped: 0};
after(() => {
  const total = ran.instants + ran.transitions + ran.walls + ran.texts + ran.pack;
  console.log(
    `      zoned vs luxon: ${total} cases over ${ZONES.length} zones — ${ran.instants} instants, ${ran.transitions} around ${"transitions"}, ${ran.walls} wall times, ${ran.texts} date texts, ${ran.pack} pack calls (${ran.skipped} clock-dependent texts skipped)`,
  );
});

const instant = fc.date({min: new Date(FROM), max: new Date(TO), noInvalidDate: true}).map((d) => d.getTime());
const iso = (ms: number) => new Date(ms).toISOString();

/** Everything zoned.ts says about one instant in one zone, next to what luxon says. */
function sameAtInstant(ms: number, zone: string, days: number): void {
  const dt = DateTime.fromMillis(ms, {zone});
  const wall = new Date(zoned.wallTimeAt(ms, zone));
  const mine = {
    offset: zoned.offsetAt(ms, zone),
    parts: [
      wall.getUTCFullYear(),
      wall.getUTCMonth() + 1,
      wall.getUTCDate(),
      wall.getUTCHours(),
      wall.getUTCMinutes(),
      wall.getUTCSeconds(),
      wall.getUTCMilliseconds(),
    ],
    weekday: wall.getUTCDay() || 7,
    date: zoned.calendarDate(ms, zone),
    start: iso(zoned.startOfDay(ms, zone)),
    end: iso(zoned.endOfDay(ms, zone)),
    plus: iso(zoned.plusDays(ms, days, zone)),
    long: zoned.longDateText(ms, zone),
    at: zoned.longDateText(ms, zone, true),
  };
  const gb = dt.setLocale("en-GB");
  const theirs = {
    offset: dt.offset,
    parts: [dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second, dt.millisecond],
    weekday: dt.weekday,
    date: dt.toISODate(),
    start: dt.startOf("day").toUTC().toISO(),
    end: dt.endOf("day").toUTC().toISO(),
    plus: dt.plus({days}).toUTC().toISO(),
    long: gb.toFormat("d MMMM yyyy"),
    at: gb.toFormat("d MMMM yyyy 'at' HH:mm"),
  };
  expect(mine, `${iso(ms)} in ${zone}, ${days} days`).to.deep.equal(theirs);
}

/** The instants in [from, to] where the zone's offset changes (found with zoned.ts, checked against luxon). */
function transitions(zone: string, from: number, to: number): number[] {
  const found: number[] = [];
  const step = 2 * DAY;
  let before = zoned.offsetAt(from, zone);
  for (let t = from; t < to; t += step) {
    const next = Math.min(t + step, to);
    const after = zoned.offsetAt(next, zone);
    if (after !== before) {
      let [lo, hi] = [t, next];
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        [lo, hi] = zoned.offsetAt(mid, zone) === before ? [mid, hi] : [lo, mid];
      }
      found.push(hi);
    }
    before = after;
  }
  return found;
}

/** luxon's `fromObject` with its clock set to `now` (luxon guesses the offset of "now" first). */
function luxonAt<T>(now: number, f: () => T): T {
  const saved = Settings.now;
  Settings.now = () => now;
  try {
    return f();
  } finally {
    Settings.now = saved;
  }
}

function fields(wall: number) {
  const d = new Date(wall);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
  };
}

describe("zoned: zones and instants, as luxon", () => {
  it("knows the zones luxon knows", () => {
    for (const zone of [...ZONES, ...NOT_ZONES]) {
      expect(zoned.isZone(zone), zone).to.equal(oracle.isZone(zone));
    }
    expect(NOT_ZONES.filter(zoned.isZone)).to.deep.equal([]);
  });

  it("gives every zone's offset, wall clock, weekday, day bounds, +N days and long dates at random instants 1970–2100", function () {
    this.timeout(120_000);
    for (const zone of ZONES) {
      fc.assert(
        fc.property(instant, fc.integer({min: -800, max: 800}), (ms, days) => {
          sameAtInstant(ms, zone, days);
          ran.instants++;
        }),
        {numRuns: 25},
      );
    }
  });

  it("…and before 1970, when many zones kept local mean time (offsets with seconds, like -4:56:02)", function () {
    this.timeout(60_000);
    const early = fc
      .date({min: new Date(Date.UTC(1800, 0, 1)), max: new Date(FROM), noInvalidDate: true})
      .map((d) => d.getTime());
    for (const zone of ZONES) {
      fc.assert(
        fc.property(early, fc.integer({min: -800, max: 800}), (ms, days) => {
          sameAtInstant(ms, zone, days);
          ran.instants++;
        }),
        {numRuns: 8},
      );
    }
    expect(zoned.offsetAt(Date.UTC(1880, 0, 1), "America/New_York")).to.be.closeTo(-(4 * 60 + 56 + 2 / 60), 1e-9);
  });

  it("agrees at and around every DST or offset change of random years, in every zone", function () {
    this.timeout(120_000);
    for (const zone of ZONES) {
      fc.assert(
        fc.property(
          fc.integer({min: 1970, max: 2100}),
          fc.integer({min: -36 * 3_600_000, max: 36 * 3_600_000}),
          fc.integer({min: -3, max: 3}),
          (year, shift, days) => {
            for (const t of transitions(zone, Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1))) {
              for (const ms of [t - 1, t, t + 1, t + shift]) {
                sameAtInstant(ms, zone, days);
                ran.transitions++;
              }
            }
          },
        ),
        {numRuns: 3},
      );
    }
  });

  it("reads wall times in DST gaps and overlaps as luxon does, whichever offset it tries first", function () {
    this.timeout(120_000);
    for (const zone of ZONES) {
      fc.assert(
        fc.property(fc.integer({min: 1970, max: 2100}), fc.integer({min: 0, max: 1_000_000}), (year, pick) => {
          for (const t of transitions(zone, Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1))) {
            // Wall times from an hour before to an hour after the changed span, to the millisecond.
            const [w0, w1] = [zoned.wallTimeAt(t - 1, zone) + 1, zoned.wallTimeAt(t, zone)];
            const low = Math.min(w0, w1) - 3_600_000;
            const wall = low + (pick % (Math.abs(w1 - w0) + 7_200_000));
            for (const ref of [t - 1, t]) {
              const theirs = DateTime.fromMillis(ref, {zone}).set(fields(wall)).toMillis();
              expect(
                zoned.fromWallTime(wall, zone, zoned.offsetAt(ref, zone)),
                `${iso(wall)} wall in ${zone} from ${iso(ref)}`,
              ).to.equal(theirs);
            }
            // The default guess (the offset a day before) is luxon's with its clock a day before.
            const theirs = luxonAt(wall - DAY, () => DateTime.fromObject(fields(wall), {zone}).toMillis());
            expect(zoned.fromWallTime(wall, zone), `${iso(wall)} wall in ${zone}`).to.equal(theirs);
            ran.walls += 3;
          }
        }),
        {numRuns: 3},
      );
    }
  });

  it("refuses what is not an instant", () => {
    expect(Number.isNaN(zoned.offsetAt(NaN, "Europe/Berlin"))).to.equal(true);
    expect(Number.isNaN(zoned.offsetAt(8.64e15 + 1, "Europe/Berlin"))).to.equal(true);
    expect(zoned.calendarDate(NaN, "UTC")).to.equal("");
    expect(zoned.longDateText(NaN, "UTC")).to.equal("Invalid DateTime");
    expect(zoned.calendarDate(8.64e15, "Pacific/Kiritimati")).to.equal("");
  });
});

describe("zoned: DST transitions, by hand and by luxon", () => {
  const w = (y: number, mo: number, d: number, h = 0, mi = 0) => zoned.wallTime(y, mo, d, h, mi);
  // [zone, wall time, earlier instant (default), later instant (guessing the offset after), what happens]
  const walls: Array<[string, number, string, string, string]> = [
    [
      "America/New_York",
      w(2026, 3, 8, 2, 30),
      "2026-03-08T07:30:00.000Z",
      "2026-03-08T07:30:00.000Z",
      "gap: 02:30 does not exist, read as 03:30 EDT",
    ],
    [
      "America/New_York",
      w(2026, 11, 1, 1, 30),
      "2026-11-01T05:30:00.000Z",
      "2026-11-01T06:30:00.000Z",
      "overlap: 01:30 EDT, then 01:30 EST",
    ],
    [
      "Europe/Berlin",
      w(2026, 3, 29, 2, 30),
      "2026-03-29T01:30:00.000Z",
      "2026-03-29T01:30:00.000Z",
      "gap: read as 03:30 CEST",
    ],
    [
      "Europe/Berlin",
      w(2026, 10, 25, 2, 30),
      "2026-10-25T00:30:00.000Z",
      "2026-10-25T01:30:00.000Z",
      "overlap: CEST, then CET",
    ],
    [
      "Australia/Lord_Howe",
      w(2026, 10, 4, 2, 15),
      "2026-10-03T15:45:00.000Z",
      "2026-10-03T15:45:00.000Z",
      "30-minute gap: read as 02:45 +11",
    ],
    [
      "Australia/Lord_Howe",
      w(2026, 4, 5, 1, 45),
      "2026-04-04T14:45:00.000Z",
      "2026-04-04T15:15:00.000Z",
      "30-minute overlap: +11, then +10:30",
    ],
    [
      "Pacific/Chatham",
      w(2026, 9, 27, 3, 0),
      "2026-09-26T14:15:00.000Z",
      "2026-09-26T14:15:00.000Z",
      "+12:45 → +13:45 gap: read as 04:00",
    ],
    [
      "Pacific/Chatham",
      w(2026, 4, 5, 3, 0),
      "2026-04-04T13:15:00.000Z",
      "2026-04-04T14:15:00.000Z",
      "+13:45 → +12:45 overlap",
    ],
    [
      "America/Sao_Paulo",
      w(2018, 11, 4, 0, 30),
      "2018-11-04T03:30:00.000Z",
      "2018-11-04T03:30:00.000Z",
      "historical midnight gap: read as 01:30 -02",
    ],
    [
      "America/Sao_Paulo",
      w(2019, 2, 16, 23, 30),
      "2019-02-17T01:30:00.000Z",
      "2019-02-17T02:30:00.000Z",
      "historical overlap before midnight",
    ],
    [
      "Asia/Kathmandu",
      w(1986, 1, 1, 0, 10),
      "1985-12-31T18:40:00.000Z",
      "1985-12-31T18:40:00.000Z",
      "+05:30 → +05:45: a 15-minute gap at midnight",
    ],
    ["Asia/Kolkata", w(2026, 1, 5, 0, 0), "2026-01-04T18:30:00.000Z", "2026-01-04T18:30:00.000Z", "+05:30, no DST"],
    ["Australia/Eucla", w(2026, 1, 5, 0, 0), "2026-01-04T15:15:00.000Z", "2026-01-04T15:15:00.000Z", "+08:45"],
    [
      "Pacific/Apia",
      w(2011, 12, 30, 12, 0),
      "2011-12-30T22:00:00.000Z",
      "2011-12-30T22:00:00.000Z",
      "the day Samoa skipped: read 24 hours later",
    ],
  ];
  for (const [zone, wall, earlier, later, what] of walls) {
    it(`${zone}, ${what}`, () => {
      const after = (t: number) => zoned.offsetAt(t + 2 * DAY, zone);
      expect(iso(zoned.fromWallTime(wall, zone))).to.equal(earlier);
      expect(iso(zoned.fromWallTime(wall, zone, after(wall)))).to.equal(later);
      expect(luxonAt(wall - DAY, () => DateTime.fromObject(fields(wall), {zone}).toUTC().toISO())).to.equal(earlier);
      expect(luxonAt(wall + 2 * DAY, () => DateTime.fromObject(fields(wall), {zone}).toUTC().toISO())).to.equal(later);
      // The same wall time written as ISO with the zone in brackets.
      const text = `${iso(wall).slice(0, 16)}[${zone}]`;
      expect(parseDateTime(text)).to.deep.equal({ok: true, iso: earlier});
    });
  }

  // [zone, instant, start of its local day, end of it, the instant one day later]
  const days: Array<[string, string, string, string, string, string]> = [
    [
      "America/New_York",
      "2026-03-08T12:00:00Z",
      "2026-03-08T05:00:00.000Z",
      "2026-03-09T03:59:59.999Z",
      "2026-03-09T12:00:00.000Z",
      "a 23-hour day",
    ],
    [
      "America/New_York",
      "2026-11-01T12:00:00Z",
      "2026-11-01T04:00:00.000Z",
      "2026-11-02T04:59:59.999Z",
      "2026-11-02T12:00:00.000Z",
      "a 25-hour day",
    ],
    [
      "America/New_York",
      "2026-03-07T12:00:00Z",
      "2026-03-07T05:00:00.000Z",
      "2026-03-08T04:59:59.999Z",
      "2026-03-08T11:00:00.000Z",
      "+1 day keeps 07:00 local across the change",
    ],
    [
      "America/Sao_Paulo",
      "2018-11-04T12:00:00Z",
      "2018-11-04T03:00:00.000Z",
      "2018-11-05T01:59:59.999Z",
      "2018-11-05T12:00:00.000Z",
      "no midnight: the day starts at 01:00",
    ],
    [
      "America/Sao_Paulo",
      "2018-11-03T15:00:00Z",
      "2018-11-03T03:00:00.000Z",
      "2018-11-04T02:59:59.999Z",
      "2018-11-04T14:00:00.000Z",
      "the day before a midnight gap",
    ],
    [
      "America/Sao_Paulo",
      "2019-02-16T12:00:00Z",
      "2019-02-16T02:00:00.000Z",
      "2019-02-17T02:59:59.999Z",
      "2019-02-17T13:00:00.000Z",
      "a day with 23:00–24:00 twice",
    ],
    [
      "America/Havana",
      "2026-11-01T12:00:00Z",
      "2026-11-01T05:00:00.000Z",
      "2026-11-02T04:59:59.999Z",
      "2026-11-02T12:00:00.000Z",
      "midnight twice: like luxon, the guess from noon picks the second",
    ],
    [
      "Australia/Lord_Howe",
      "2026-10-04T06:00:00Z",
      "2026-10-03T13:30:00.000Z",
      "2026-10-04T12:59:59.999Z",
      "2026-10-05T06:00:00.000Z",
      "a 23½-hour day",
    ],
    [
      "Pacific/Apia",
      "2011-12-29T12:00:00Z",
      "2011-12-29T10:00:00.000Z",
      "2011-12-30T09:59:59.999Z",
      "2011-12-30T12:00:00.000Z",
      "the day before the skipped one ends at its midnight",
    ],
    [
      "Asia/Kathmandu",
      "1986-01-01T12:00:00Z",
      "1985-12-31T18:30:00.000Z",
      "1986-01-01T18:14:59.999Z",
      "1986-01-02T12:00:00.000Z",
      "a day that starts at 00:15",
    ],
  ];
  for (const [zone, at, start, end, next, what] of days) {
    it(`${zone}, ${what}`, () => {
      const ms = Date.parse(at);
      const dt = DateTime.fromMillis(ms, {zone});
      expect([
        iso(zoned.startOfDay(ms, zone)),
        iso(zoned.endOfDay(ms, zone)),
        iso(zoned.plusDays(ms, 1, zone)),
      ]).to.deep.equal([start, end, next]);
      expect([
        dt.startOf("day").toUTC().toISO(),
        dt.endOf("day").toUTC().toISO(),
        dt.plus({days: 1}).toUTC().toISO(),
      ]).to.deep.equal([start, end, next]);
    });
  }

  it("skips the day Samoa skipped, as luxon does", () => {
    const ms = Date.parse("2011-12-29T10:00:00Z"); // 00:00 on 29 December in Apia
    expect(zoned.calendarDate(zoned.plusDays(ms, 1, "Pacific/Apia"), "Pacific/Apia")).to.equal("2011-12-31");
    expect(DateTime.fromMillis(ms, {zone: "Pacific/Apia"}).plus({days: 1}).toISODate()).to.equal("2011-12-31");
  });
});

// ---- date texts -------------------------------------------------------------------------------

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const MONTH_NAMES = [
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
const recase = (s: string, how: number) =>
  [
    s,
    s.toLowerCase(),
    s.toUpperCase(),
    [...s].map((c, i) => ((i + how) % 2 ? c.toUpperCase() : c.toLowerCase())).join(""),
  ][how % 4] ?? s;

/** ISO 8601 texts in every form luxon reads, with values near and past the edges of their ranges. */
const isoText = fc
  .record({
    form: fc.constantFrom("ymd", "ymd", "ymd", "ym", "y", "week", "ordinal"),
    extended: fc.boolean(),
    year: fc.oneof(fc.integer({min: 1970, max: 2100}), fc.integer({min: 0, max: 9999})),
    bigYear: fc.option(fc.integer({min: -270_000, max: 270_000}), {freq: 8}),
    month: fc.oneof(fc.integer({min: 1, max: 12}), fc.integer({min: 0, max: 13})),
    day: fc.oneof(fc.integer({min: 1, max: 28}), fc.integer({min: 0, max: 32})),
    week: fc.oneof(fc.integer({min: 1, max: 52}), fc.integer({min: 0, max: 54})),
    weekday: fc.option(fc.integer({min: 0, max: 8}), {freq: 4}),
    ordinal: fc.oneof(fc.integer({min: 1, max: 365}), fc.integer({min: 0, max: 367})),
    time: fc.constantFrom("none", "h", "hm", "hms", "hmsf", "hmsf"),
    t: fc.constantFrom("T", "T", "t"),
    colons: fc.boolean(),
    hour: fc.oneof(fc.integer({min: 0, max: 23}), fc.constantFrom(24, 25)),
    minute: fc.oneof(fc.integer({min: 0, max: 59}), fc.constant(60)),
    second: fc.oneof(fc.integer({min: 0, max: 59}), fc.constant(60)),
    fraction: fc.stringMatching(/^\d{1,12}$/),
    comma: fc.boolean(),
    zone: fc.constantFrom("none", "Z", "z", "hh", "hhmm", "hh:mm", "hh:mm", "[zone]", "hh:mm[zone]"),
    sign: fc.constantFrom("+", "-"),
    offH: fc.oneof(fc.integer({min: 0, max: 14}), fc.integer({min: 0, max: 99})),
    offM: fc.oneof(fc.constantFrom(0, 30, 45), fc.integer({min: 0, max: 99})),
    name: fc.oneof(fc.constantFrom(...ZONES), fc.constantFrom("Not/AZone", "Etc/GMT+5", "UTC", "Z")),
    zeroHour: fc.boolean(),
  })
  .map((r) => {
    const sep = r.extended ? "-" : "";
    const year = r.bigYear === null ? pad(r.year, 4) : `${r.bigYear < 0 ? "-" : "+"}${pad(Math.abs(r.bigYear), 6)}`;
    const date = {
      ymd: `${year}${sep}${pad(r.month, 2)}${sep}${pad(r.day, 2)}`,
      ym: `${year}${sep}${pad(r.month, 2)}`,
      y: year,
      week: `${pad(r.year, 4)}${sep}W${pad(r.week, 2)}${r.weekday === null ? "" : `${sep}${r.weekday}`}`,
      ordinal: `${pad(r.year, 4)}${sep}${pad(r.ordinal, 3)}`,
    }[r.form];
    const c = r.colons ? ":" : "";
    const hour = r.zeroHour && r.hour === 24 ? 24 : r.hour;
    const [minute, second, fraction] = hour === 24 && r.zeroHour ? [0, 0, "000"] : [r.minute, r.second, r.fraction];
    const time = {
      none: "",
      h: pad(hour, 2),
      hm: `${pad(hour, 2)}${c}${pad(minute, 2)}`,
      hms: `${pad(hour, 2)}${c}${pad(minute, 2)}${c}${pad(second, 2)}`,
      hmsf: `${pad(hour, 2)}${c}${pad(minute, 2)}${c}${pad(second, 2)}${r.comma ? "," : "."}${fraction}`,
    }[r.time];
    const offset = `${r.sign}${pad(r.offH, 2)}`;
    const zone = {
      none: "",
      Z: "Z",
      z: "z",
      hh: offset,
      hhmm: `${offset}${pad(r.offM, 2)}`,
      "hh:mm": `${offset}:${pad(r.offM, 2)}`,
      "[zone]": `[${r.name}]`,
      "hh:mm[zone]": `${offset}:${pad(r.offM, 2)}[${r.name}]`,
    }[r.zone];
    return r.time === "none" ? date : `${date}${r.t}${time}${zone}`;
  });

/** Texts in luxon's formats (and near misses luxon refuses), from random dates. */
const formatText = fc
  .record({
    format: fc.integer({min: 0, max: 13}),
    year: fc.oneof(fc.integer({min: 1970, max: 2100}), fc.integer({min: 0, max: 9999})),
    month: fc.oneof(fc.integer({min: 1, max: 12}), fc.integer({min: 0, max: 13})),
    day: fc.oneof(fc.integer({min: 1, max: 28}), fc.integer({min: 0, max: 32})),
    hour: fc.oneof(fc.integer({min: 0, max: 23}), fc.constantFrom(24, 25)),
    minute: fc.oneof(fc.integer({min: 0, max: 59}), fc.constantFrom(0, 60)),
    second: fc.oneof(fc.integer({min: 0, max: 59}), fc.constantFrom(0, 60)),
    padded: fc.boolean(),
    how: fc.integer({min: 0, max: 7}),
    space: fc.constantFrom(" ", " ", " ", " ", "  ", "\u00a0", "\t"),
    noise: fc.constantFrom("", "", "", "", ".", ",", "t", "x"),
  })
  .map((r) => {
    const d = r.padded ? pad(r.day, 2) : String(r.day);
    const m = r.padded ? pad(r.month, 2) : String(r.month);
    const name = MONTH_NAMES[(r.month + 11) % 12] ?? "";
    const long = recase(name, r.how);
    const short = recase(name.slice(0, 3), r.how);
    const s = r.space;
    const texts = [
      `${pad(r.year, 4)}-${pad(r.month, 2)}-${pad(r.day, 2)}${s}${pad(r.hour, 2)}:${pad(r.minute, 2)}:${pad(r.second, 2)}`,
      `${pad(r.year, 4)}-${pad(r.month, 2)}-${pad(r.day, 2)}${s}${pad(r.hour, 2)}:${pad(r.minute, 2)}`,
      `${pad(r.year, 4)}/${m}/${d}`,
      `${d}${s}${short}${r.noise} ${pad(r.year, 4)}`,
      `${d} ${long}${s}${pad(r.year, 4)}`,
      `${short}${r.noise} ${d},${s}${pad(r.year, 4)}`,
      `${long} ${d},${s}${pad(r.year, 4)}`,
      `${short}${s}${d} ${pad(r.year, 4)}`,
      `${long} ${d} ${pad(r.year, 4)}`,
      `${d}.${m}.${pad(r.year, 4)}`,
      `${d}/${m}/${pad(r.year, 4)}`,
      `${d}-${m}-${pad(r.year, 4)}`,
      `${short}t ${d}, ${pad(r.year, 4)}`,
      `${r.noise}${d}.${m}.${pad(r.year, 4)}${r.noise}`,
    ];
    return texts[r.format] ?? "";
  });

/** Short random texts from date-like pieces: the grammar's corners. */
const fuzzText = fc
  .array(
    fc.constantFrom(
      "0",
      "1",
      "2",
      "5",
      "9",
      "-",
      "/",
      ".",
      ":",
      ",",
      " ",
      "T",
      "t",
      "W",
      "Z",
      "+",
      "jan",
      "May",
      "september",
      "2026",
      "12",
      "31",
      "24",
      "00",
      "010",
      "[",
      "]",
      "Europe/Berlin",
      "UTC",
    ),
    {maxLength: 12},
  )
  .map((pieces) => pieces.join(""));

/** The oracle's answer, when it does not depend on luxon's clock; undefined when it does. */
function oracleParse(text: string): oracle.DateParse | undefined {
  const [a, b] = [Date.UTC(1990, 0, 15, 12), Date.UTC(2050, 6, 15, 3)].map((now) =>
    luxonAt(now, () => oracle.parseDateTime(text)),
  );
  return JSON.stringify(a) === JSON.stringify(b) ? a : undefined;
}

/** For a text with a [Zone], luxon's clock a day before its wall time: then luxon guesses the offset zoned.ts guesses. */
function clockFor(text: string): number {
  const bare = DateTime.fromISO(text.trim().replace(/(?:[Zz]|[+-]\d\d(?::?\d\d)?)?\[.*\]$/, ""), {zone: "utc"});
  return (bare.isValid ? bare.toMillis() : Date.UTC(2026, 0, 1)) - DAY;
}

describe("zoned: date texts, as luxon read them", () => {
  it("reads and refuses ISO 8601 in every form as luxon", function () {
    this.timeout(120_000);
    // Found by this property: luxon answers these from its clock; there is no such date.
    for (const text of ["0000W00", "0000-W00", "0000-W00-1"]) {
      expect(parseDateTime(text), text).to.deep.include({ok: false});
    }
    let accepted = 0;
    fc.assert(
      fc.property(isoText, (text) => {
        const expected = text.includes("[")
          ? luxonAt(clockFor(text), () => oracle.parseDateTime(text))
          : oracleParse(text);
        if (expected === undefined) {
          // Luxon reads year 0000 with week or ordinal 00 as fields left out and fills them from
          // its clock ("0000W00" is today): no such date exists, and the pack refuses it.
          expect(parseDateTime(text), text).to.deep.include({ok: false});
          ran.skipped++;
          return;
        }
        expect(parseDateTime(text), text).to.deep.equal(expected);
        accepted += expected.ok ? 1 : 0;
        ran.texts++;
      }),
      {numRuns: 8_000},
    );
    // The generator must reach both sides.
    expect(accepted).to.be.within(2_000, 7_000);
  });

  it("reads and refuses the unambiguous formats as luxon (month names in any case)", function () {
    this.timeout(60_000);
    let accepted = 0;
    fc.assert(
      fc.property(formatText, (text) => {
        const expected = oracleParse(text);
        expect(parseDateTime(text), text).to.deep.equal(expected);
        accepted += expected?.ok ? 1 : 0;
        ran.texts++;
      }),
      {numRuns: 8_000},
    );
    expect(accepted).to.be.within(2_000, 7_000);
  });

  it("agrees on random date-like texts; a time alone is refused (luxon put it on today's date)", function () {
    this.timeout(60_000);
    let timeOnly = 0;
    fc.assert(
      fc.property(fuzzText, (text) => {
        const expected = oracleParse(text);
        if (expected) {
          expect(parseDateTime(text), text).to.deep.equal(expected);
          ran.texts++;
        } else if (!text.includes("[")) {
          // Clock-dependent in luxon: a time without a date.
          expect(Number.isNaN(zoned.parseIso(text.trim())), text).to.equal(true);
          expect(parseDateTime(text), text).to.deep.include({ok: false});
          ran.texts++;
          timeOnly++;
        } else {
          ran.skipped++;
        }
      }),
      {numRuns: 8_000},
    );
    expect(timeOnly).to.be.greaterThan(20);
  });

  it("reads each instant's local date and long date as luxon, in every zone", function () {
    this.timeout(60_000);
    fc.assert(
      fc.property(fc.oneof(instant.map(iso), isoText), fc.constantFrom(...ZONES, ...NOT_ZONES), (text, zone) => {
        const now = clockFor(text);
        expect(localDate(text, zone), `${text} in ${zone}`).to.equal(luxonAt(now, () => oracle.localDate(text, zone)));
        expect(longDate(text, zone), `${text} in ${zone}`).to.equal(luxonAt(now, () => oracle.longDate(text, zone)));
        ran.texts += 2;
      }),
      {numRuns: 4_000},
    );
  });

  // Decisions, pinned: where luxon is kept and where it is not.
  const pinned: Array<[string, string | undefined, string]> = [
    [
      "2026-01-05T24:00",
      "2026-01-06T00:00:00.000Z",
      "24:00 is the end of the day: the next midnight (ISO 8601, as luxon)",
    ],
    ["2026-01-05T24:00:00.000", "2026-01-06T00:00:00.000Z", "…with zero seconds too"],
    ["2026-01-05 24:00", "2026-01-06T00:00:00.000Z", "…and in the yyyy-MM-dd HH:mm format"],
    ["2026-01-05T24:00:00.001", undefined, "but nothing after 24:00"],
    ["2026-01-05T24:01", undefined, "…nor 24:01"],
    ["2026-02-29", undefined, "no 29 February in 2026"],
    ["2024-02-29", "2024-02-29T00:00:00.000Z", "but in 2024"],
    ["2026-W53-7", "2027-01-03T00:00:00.000Z", "2026 has 53 ISO weeks"],
    ["2027-W53", undefined, "2027 has 52"],
    ["2026-366", undefined, "nor 366 days"],
    ["2026", "2026-01-01T00:00:00.000Z", "a year alone is its first day"],
    ["1030", "1030-01-01T00:00:00.000Z", "…even four digits that look like a time"],
    ["10:30", undefined, "a time alone needs today's date: refused (luxon read the clock)"],
    ["T10:30", undefined, "…which luxon's fromISO refused with a T"],
    ["2026-01-05T10:30+99:99", "2026-01-01T05:51:00.000Z", "luxon does not range-check offsets"],
    ["2026-01-05T10:00+05:00[Europe/Berlin]", "2026-01-05T09:00:00.000Z", "a [Zone] wins over the offset"],
    ["2026-01-05T10:00[Not/AZone]", undefined, "an unknown [Zone] is not a date"],
    ["0050-01-05T24:00", "0050-01-05T00:00:00.000Z", "luxon's quirk in years 0–99 (24:00 stays on the day) is kept"],
    ["-000001-01-01", "-000001-01-01T00:00:00.000Z", "years before 0"],
    ["+275760-09-13T00:00:00Z", "+275760-09-13T00:00:00.000Z", "the last day a Date can hold"],
    ["+275760-09-13T00:00:00-01:00", undefined, "past it: refused (luxon answered with the text itself)"],
    ["5 Sept 2026", undefined, "luxon's English short months: Sep, not Sept"],
    ["january 5 2026", undefined, "MMMM d yyyy is not a format"],
  ];
  for (const [text, isoOut, why] of pinned) {
    it(`${why}: ${JSON.stringify(text)}`, () => {
      expect(parseDateTime(text)).to.deep.include({ok: isoOut !== undefined, ...(isoOut ? {iso: isoOut} : {})});
      const theirs = oracleParse(text);
      if (text === "+275760-09-13T00:00:00-01:00") {
        expect(theirs).to.deep.equal({ok: true, iso: text});
      } else if (theirs) {
        expect(parseDateTime(text)).to.deep.equal(theirs);
      } else {
        expect(/^T?\d\d:?\d\d$/.test(text)).to.equal(true);
      }
    });
  }
});

describe("zoned: the pack's date functions, as they were on luxon", () => {
  it("appeal deadlines: N days after the local date of the decision, in every zone", function () {
    this.timeout(60_000);
    fc.assert(
      fc.property(
        instant,
        fc.integer({min: 1, max: 3650}),
        fc.constantFrom(...ZONES, ...NOT_ZONES),
        (ms, days, zone) => {
          expect(appealDeadline(iso(ms), days, zone), `${iso(ms)} + ${days} in ${zone}`).to.equal(
            oracle.appealDeadline(iso(ms), days, zone),
          );
          ran.pack++;
        },
      ),
      {numRuns: 5_000},
    );
    expect(appealDeadline("not a date", 10, "UTC")).to.equal(oracle.appealDeadline("not a date", 10, "UTC"));
  });

  it("date parameters: the calendar date in the doc's zone", function () {
    this.timeout(60_000);
    fc.assert(
      fc.property(
        instant,
        fc.constantFrom(
          ...ZONES,
          ...NOT_ZONES.filter((z) => !["local", "system", "default", "UTC+3"].includes(z)),
          undefined,
        ),
        (ms, zone) => {
          expect(dateParam(new Date(ms), zone), `${iso(ms)} in ${zone}`).to.equal(oracle.dateParam(new Date(ms), zone));
          ran.pack++;
        },
      ),
      {numRuns: 5_000},
    );
    expect(dateParam(undefined, "UTC")).to.equal(undefined);
    expect(dateParam(new Date(NaN), "UTC")).to.equal(oracle.dateParam(new Date(NaN), "UTC"));
    // luxon read these as the machine's zone or a fixed offset; Coda always gives an IANA name, so they are refused.
    expect(["local", "system", "default", "UTC+3"].map((z) => dateParam(new Date(0), z))).to.deep.equal([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("business-day due dates in every zone, with random weekends and holidays", function () {
    this.timeout(120_000);
    fc.assert(
      fc.property(
        instant,
        fc.integer({min: 0, max: 20}),
        fc.constantFrom(...ZONES, "Not/AZone"),
        fc.uniqueArray(fc.integer({min: 1, max: 7}), {maxLength: 3}),
        fc.uniqueArray(fc.integer({min: -2, max: 40}), {maxLength: 8}),
        fc.boolean(),
        (ms, days, zone, weekend, offsets, yearly) => {
          const local = zoned.calendarDate(ms, zoned.isZone(zone) ? zone : "UTC");
          const holidays = offsets.map((o) => {
            const d = new Date(Date.parse(local) + o * DAY).toISOString().slice(0, 10);
            return yearly ? d.slice(5) : d;
          });
          const calendar = {weekend: new Set(weekend), holidays: new Set(holidays)};
          expect(dueAfterBusinessDays(iso(ms), days, zone, calendar), `${iso(ms)} + ${days} in ${zone}`).to.equal(
            oracle.dueAfterBusinessDays(iso(ms), days, zone, calendar),
          );
          ran.pack++;
        },
      ),
      {numRuns: 3_000},
    );
  });

  it("business-day due dates across the DST changes of every zone", function () {
    this.timeout(120_000);
    const calendar = {weekend: new Set([6, 7]), holidays: new Set<string>()};
    for (const zone of ZONES) {
      const year = 1975 + (ZONES.indexOf(zone) % 120);
      for (const t of transitions(zone, Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1))) {
        for (const [shift, days] of [
          [-3 * DAY, 2],
          [-DAY / 2, 0],
          [-DAY / 2, 1],
          [DAY / 3, 1],
        ] as const) {
          const start = iso(t + shift);
          expect(dueAfterBusinessDays(start, days, zone, calendar), `${start} + ${days} in ${zone}`).to.equal(
            oracle.dueAfterBusinessDays(start, days, zone, calendar),
          );
          ran.pack++;
        }
      }
    }
  });

  it("holiday tokens: real dates and yearly days, as luxon", () => {
    fc.assert(
      fc.property(
        fc.integer({min: 0, max: 9999}),
        fc.integer({min: 0, max: 13}),
        fc.integer({min: 0, max: 32}),
        fc.boolean(),
        (year, month, day, yearly) => {
          const token = yearly ? `${pad(month, 2)}-${pad(day, 2)}` : `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          expect(parseHolidays(token).holidays.length === 1, token).to.equal(oracle.isHoliday(token));
          ran.pack++;
        },
      ),
      {numRuns: 5_000},
    );
  });
});
