import {expect} from "chai";
import fc from "fast-check";
import {DateTime} from "luxon";
import {dueAfterBusinessDays, isBusinessDay, parseHolidays, parseWeekend, STANDARD_CALENDAR} from "../../pack/core/sla";
import type {BusinessCalendar} from "../../pack/core/sla";
import {isDomainError} from "../../pack/core/errors";

const cal = (holidays: string[] = [], weekend = [6, 7]): BusinessCalendar => ({
  holidays: new Set(holidays),
  weekend: new Set(weekend),
});

describe("sla: business-day due dates", () => {
  // [opened (UTC), days, zone, calendar, due (UTC), why]
  const cases: Array<[string, number, string, BusinessCalendar, string, string]> = [
    ["2026-01-05T09:00:00Z", 2, "UTC", STANDARD_CALENDAR, "2026-01-07T23:59:59.999Z", "Monday → Wednesday"],
    [
      "2026-01-08T09:00:00Z",
      2,
      "UTC",
      STANDARD_CALENDAR,
      "2026-01-12T23:59:59.999Z",
      "Thursday → Monday, over the weekend",
    ],
    ["2026-01-09T15:00:00Z", 2, "UTC", STANDARD_CALENDAR, "2026-01-13T23:59:59.999Z", "Friday → Tuesday"],
    ["2026-01-10T15:00:00Z", 2, "UTC", STANDARD_CALENDAR, "2026-01-13T23:59:59.999Z", "Saturday counts from Monday"],
    [
      "2026-01-11T23:59:00Z",
      2,
      "UTC",
      STANDARD_CALENDAR,
      "2026-01-13T23:59:59.999Z",
      "Sunday night counts from Monday",
    ],
    [
      "2026-01-09T15:00:00Z",
      2,
      "America/Mexico_City",
      STANDARD_CALENDAR,
      "2026-01-14T05:59:59.999Z",
      "Friday in Mexico City → end of Tuesday there",
    ],
    [
      "2026-01-10T03:00:00Z",
      2,
      "America/Mexico_City",
      STANDARD_CALENDAR,
      "2026-01-14T05:59:59.999Z",
      "Saturday 03:00 UTC is still Friday in Mexico City",
    ],
    [
      "2026-01-10T03:00:00Z",
      2,
      "Asia/Kolkata",
      STANDARD_CALENDAR,
      "2026-01-13T18:29:59.999Z",
      "…and already Saturday in Kolkata",
    ],
    [
      "2026-01-09T11:30:00Z",
      1,
      "Pacific/Auckland",
      STANDARD_CALENDAR,
      "2026-01-12T10:59:59.999Z",
      "Friday 11:30 UTC is Saturday in Auckland: due end of Monday",
    ],
    [
      "2026-03-06T20:00:00Z",
      2,
      "America/Los_Angeles",
      STANDARD_CALENDAR,
      "2026-03-11T06:59:59.999Z",
      "across the switch to daylight saving time",
    ],
    [
      "2026-12-24T10:00:00Z",
      2,
      "Europe/Berlin",
      cal(["12-25", "12-26"]),
      "2026-12-29T22:59:59.999Z",
      "Christmas as yearly holidays",
    ],
    [
      "2026-12-31T10:00:00Z",
      2,
      "UTC",
      cal(["2027-01-01"]),
      "2027-01-05T23:59:59.999Z",
      "New Year's Day as a dated holiday",
    ],
    [
      "2026-12-31T10:00:00Z",
      2,
      "UTC",
      cal(["2026-01-01"]),
      "2027-01-04T23:59:59.999Z",
      "a holiday in another year does not count",
    ],
    [
      "2026-01-08T09:00:00Z",
      2,
      "Asia/Dubai",
      cal([], [6, 7]),
      "2026-01-12T19:59:59.999Z",
      "a Saturday–Sunday weekend in Dubai",
    ],
    [
      "2026-01-08T09:00:00Z",
      2,
      "Asia/Riyadh",
      cal([], [5, 6]),
      "2026-01-12T20:59:59.999Z",
      "a Friday–Saturday weekend: Thursday → Monday (Sunday is the first)",
    ],
    [
      "2026-01-05T09:00:00Z",
      0,
      "UTC",
      STANDARD_CALENDAR,
      "2026-01-05T23:59:59.999Z",
      "0 days: the end of a business day",
    ],
    [
      "2026-03-07T12:00:00Z",
      0,
      "UTC",
      STANDARD_CALENDAR,
      "2026-03-09T23:59:59.999Z",
      "0 days from Saturday: the end of Monday",
    ],
    ["2026-01-05T09:00:00Z", 10, "UTC", STANDARD_CALENDAR, "2026-01-19T23:59:59.999Z", "two working weeks"],
    [
      "2026-01-05T09:00:00Z",
      2,
      "Not/AZone",
      STANDARD_CALENDAR,
      "2026-01-07T23:59:59.999Z",
      "an unknown zone is read as UTC",
    ],
  ];
  for (const [opened, days, zone, calendar, due, why] of cases) {
    it(`${why}: ${opened} + ${days} in ${zone} → ${due}`, () => {
      expect(dueAfterBusinessDays(opened, days, zone, calendar)).to.equal(due);
    });
  }

  it("refuses bad inputs, naming them", () => {
    const refused = (call: () => unknown, code: string) => {
      try {
        call();
      } catch (err) {
        expect(isDomainError(err) && err.code).to.equal(code);
        return;
      }
      expect.fail("not refused");
    };
    refused(() => dueAfterBusinessDays("2026-01-05T09:00:00Z", -1, "UTC"), "INPUT_DAYS");
    refused(() => dueAfterBusinessDays("2026-01-05T09:00:00Z", 1.5, "UTC"), "INPUT_DAYS");
    refused(() => dueAfterBusinessDays("2026-01-05T09:00:00Z", 61, "UTC"), "INPUT_DAYS");
    refused(() => dueAfterBusinessDays("next week", 2, "UTC"), "INPUT_DATE");
    refused(
      () => dueAfterBusinessDays("2026-01-05T09:00:00Z", 2, "UTC", cal([], [1, 2, 3, 4, 5, 6, 7])),
      "INPUT_WEEKEND",
    );
  });

  it("always ends a business day, after the start, with exactly N business days after the opening day", () => {
    const zones = [
      "UTC",
      "America/Mexico_City",
      "Asia/Kolkata",
      "Pacific/Auckland",
      "Europe/Berlin",
      "America/Los_Angeles",
    ];
    fc.assert(
      fc.property(
        fc.integer({min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1)}),
        fc.integer({min: 0, max: 15}),
        fc.constantFrom(...zones),
        fc.uniqueArray(fc.integer({min: 0, max: 60}), {maxLength: 6}),
        (ms, days, zone, offsets) => {
          const opened = new Date(ms).toISOString();
          const local = DateTime.fromMillis(ms, {zone}).startOf("day");
          const holidays = offsets.map((o) => local.plus({days: o}).toISODate() ?? "");
          const calendar = cal(holidays);
          const due = DateTime.fromISO(dueAfterBusinessDays(opened, days, zone, calendar), {zone});
          expect(due.toMillis()).to.be.greaterThan(ms);
          expect(due.toFormat("HH:mm:ss.SSS")).to.equal("23:59:59.999");
          expect(isBusinessDay(due.toISODate() ?? "", calendar)).to.equal(true);
          let counted = 0;
          for (let d = local.plus({days: 1}); d < due.startOf("day"); d = d.plus({days: 1})) {
            counted += isBusinessDay(d.toISODate() ?? "", calendar) ? 1 : 0;
          }
          // The due day itself is the N-th business day after the opening day (or, for 0, the first one from it).
          expect(counted).to.equal(days === 0 ? 0 : days - 1);
        },
      ),
      {numRuns: 300},
    );
  });
});

describe("sla: holidays, weekends and Settings", () => {
  it("reads holiday lists and says what it cannot read", () => {
    expect(parseHolidays("2026-01-01, 12-25;12-26\n2026-05-01")).to.deep.equal({
      holidays: ["2026-01-01", "12-25", "12-26", "2026-05-01"],
      problems: [],
    });
    expect(parseHolidays("")).to.deep.equal({holidays: [], problems: []});
    expect(parseHolidays("2026-02-30 13-01 Christmas").problems).to.deep.equal([
      '"2026-02-30" is not a date (YYYY-MM-DD, or MM-DD for every year)',
      '"13-01" is not a date (YYYY-MM-DD, or MM-DD for every year)',
      '"Christmas" is not a date (YYYY-MM-DD, or MM-DD for every year)',
    ]);
    expect(parseHolidays("02-29").holidays).to.deep.equal(["02-29"]);
  });

  it("reads weekends by day name", () => {
    expect(parseWeekend("Sat Sun")).to.deep.equal({weekend: [6, 7], problems: []});
    expect(parseWeekend("Friday, saturday, Fri")).to.deep.equal({weekend: [5, 6], problems: []});
    expect(parseWeekend("Sunday Funday").problems).to.deep.equal(['"Funday" is not a day of the week']);
  });
});
