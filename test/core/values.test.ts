import {expect} from "chai";
import {daysBetween, localDate, longDate, parseDateTime, serialToIso} from "../../pack/core/dates";
import {countryCode, countryName} from "../../pack/core/countries";
import {emailKey, isPlausibleEmail, nameKey, normalizePhone} from "../../pack/core/identity";
import {cleanEvidence, cleanText, oneOfEach} from "../../pack/core/text";

describe("dates typed by people and written by the pack", () => {
  const ok: Array<[string | number, string]> = [
    ["2026-01-05", "2026-01-05T00:00:00.000Z"],
    ["2026-01-05T10:30:00Z", "2026-01-05T10:30:00.000Z"],
    ["2026-01-05T10:30:00+02:00", "2026-01-05T08:30:00.000Z"],
    ["2026-01-05 10:30", "2026-01-05T10:30:00.000Z"],
    ["2026/01/05", "2026-01-05T00:00:00.000Z"],
    ["5 Jan 2026", "2026-01-05T00:00:00.000Z"],
    ["5 January 2026", "2026-01-05T00:00:00.000Z"],
    ["Jan 5, 2026", "2026-01-05T00:00:00.000Z"],
    ["05.01.2026", "2026-01-05T00:00:00.000Z"],
    ["25/12/2026", "2026-12-25T00:00:00.000Z"],
    ["12/25/2026", "2026-12-25T00:00:00.000Z"],
    [46027, "2026-01-05T00:00:00.000Z"],
    [46027.5, "2026-01-05T12:00:00.000Z"],
  ];
  for (const [input, iso] of ok) {
    it(`reads ${JSON.stringify(input)}`, () => {
      expect(parseDateTime(input)).to.deep.equal({ok: true, iso});
    });
  }

  const bad: Array<[string | number, RegExp]> = [
    ["03/04/2026", /ambiguous/],
    ["31/31/2026", /ambiguous|not a real date/],
    ["30/02/2026", /not a real date/],
    ["next tuesday", /not a date the ledger can read/],
    ["", /empty/],
    [-3, /not a date/],
    [Number.NaN, /not a date/],
  ];
  for (const [input, problem] of bad) {
    it(`refuses ${JSON.stringify(input)}`, () => {
      const r = parseDateTime(input);
      expect(r.ok).to.equal(false);
      expect(r.ok ? "" : r.problem).to.match(problem);
    });
  }

  it("converts serials, zones and spans", () => {
    expect(serialToIso(1)).to.equal("1899-12-31T00:00:00.000Z");
    expect(localDate("2026-01-05T03:00:00.000Z", "America/Mexico_City")).to.equal("2026-01-04");
    expect(localDate("2026-01-05T03:00:00.000Z", "Nowhere/City")).to.equal("2026-01-05");
    expect(daysBetween("2026-01-01T00:00:00Z", "2026-01-31T12:00:00Z")).to.equal(30);
    expect(longDate("2026-01-05T03:00:00.000Z", "Asia/Kolkata")).to.equal("5 January 2026");
  });
});

describe("countries", () => {
  it("reads codes and English names", () => {
    expect(
      [
        "mx",
        "MX",
        "Mexico",
        "méxico",
        "United Kingdom",
        "UK",
        "Côte d’Ivoire",
        "South Korea",
        "Türkiye",
        "Bosnia & Herzegovina",
      ].map(countryCode),
    ).to.deep.equal(["MX", "MX", "MX", "MX", "GB", "GB", "CI", "KR", "TR", "BA"]);
    expect(countryCode("Atlantis")).to.equal(undefined);
    expect(countryCode("ZZ")).to.equal(undefined);
    expect(countryName("DE")).to.equal("Germany");
  });
});

describe("identity basics", () => {
  const keys: Array<[string, string]> = [
    ["Jane.Doe+work@GoogleMail.com", "janedoe@gmail.com"],
    ["j.a.n.e.doe@gmail.com", "janedoe@gmail.com"],
    ["jane+x@outlook.com", "jane@outlook.com"],
    ["jane.doe+x@company.com", "jane.doe+x@company.com"],
    ["  JANE@Company.COM ", "jane@company.com"],
  ];
  for (const [input, key] of keys) {
    it(`email key of ${input}`, () => expect(emailKey(input)).to.equal(key));
  }

  it("recognises plausible addresses", () => {
    expect(["a@b.co", "first.last+tag@sub.example.org"].every(isPlausibleEmail)).to.equal(true);
    expect(["a@b", "a b@c.de", "@c.de", "a@-c.de", "<a@b.co>"].some(isPlausibleEmail)).to.equal(false);
  });

  it("normalises phones to E.164 with the worker's country", () => {
    expect(normalizePhone("020 7946 0958", "GB")).to.deep.equal({e164: "+442079460958", valid: true});
    expect(normalizePhone("0044 20 7946 0958")).to.deep.equal({e164: "+442079460958", valid: true});
    expect(normalizePhone("55 1234 5678", "MX").e164).to.equal("+525512345678");
    expect(normalizePhone("12345", "US").valid).to.equal(false);
    expect(normalizePhone("020 7946 0958").problem).to.match(/no country code/);
  });

  it("name keys survive accents, order and punctuation", () => {
    expect(nameKey("Müller, José")).to.equal("jose muller");
    expect(nameKey("JOSE   MULLER")).to.equal("jose muller");
    expect(nameKey("Łukasz Øster-Straße")).to.equal("lukasz osterstrasse".replace("osterstrasse", "oster strasse"));
  });
});

describe("free text", () => {
  it("splits evidence however it was separated", () => {
    expect(cleanEvidence("https://a/1, https://a/2;https://a/3\nnote https://a/4")).to.equal(
      "https://a/1\nhttps://a/2\nhttps://a/3\nnote\nhttps://a/4",
    );
  });
  it("rejects non-text", () => {
    expect(() => cleanText({}, "note")).to.throw(/must be text/);
  });
  it("reads filter words as the allowed words they name, and refuses the others with the choices", () => {
    expect(oneOfEach([" passed", "OVERDUE"], ["Passed", "Failed", "Overdue"], "an audit status")).to.deep.equal([
      "Passed",
      "Overdue",
    ]);
    expect(oneOfEach(undefined, ["Passed"], "an audit status")).to.deep.equal([]);
    expect(() => oneOfEach(["Pased"], ["Passed", "Failed"], "an audit status", "INPUT_STATUS"))
      .to.throw('"Pased" is not an audit status: use Passed, Failed.')
      .with.property("code", "INPUT_STATUS");
  });
});
