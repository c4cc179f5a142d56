import {expect} from "chai";
import {readFileSync} from "node:fs";
import fc from "fast-check";
import {parsePhoneNumberFromString as parseMin} from "libphonenumber-js/min";
import {parsePhoneNumberFromString as parseCore} from "libphonenumber-js/core";
import type {CountryCode, MetadataJson} from "libphonenumber-js/core";
import examples from "libphonenumber-js/examples.mobile.json";
import trimmed from "../../pack/core/phone-metadata.json";
import {MIN_METADATA, PARSE_ONLY_METADATA, parseOnly} from "../../scripts/phone-metadata";

/** What the pack takes from a parse: the E.164 form, the validity, the country and the national number. */
function shape(parsed: ReturnType<typeof parseMin>) {
  return parsed
    ? {
        e164: parsed.number,
        valid: parsed.isValid(),
        possible: parsed.isPossible(),
        country: parsed.country,
        national: parsed.nationalNumber,
      }
    : undefined;
}
const withMin = (text: string, country?: string) =>
  shape(parseMin(text, {defaultCountry: country as CountryCode | undefined}));
const withTrimmed = (text: string, country?: string) =>
  shape(parseCore(text, {defaultCountry: country as CountryCode | undefined}, trimmed as unknown as MetadataJson));

describe("phone numbers with parse-only metadata", () => {
  it("the committed metadata is exactly the installed library's min metadata without display formats", () => {
    const regenerated = `${JSON.stringify(parseOnly(JSON.parse(readFileSync(MIN_METADATA, "utf8"))))}\n`;
    expect(
      readFileSync(PARSE_ONLY_METADATA, "utf8") === regenerated,
      "run npx tsx scripts/phone-metadata.ts after upgrading libphonenumber-js",
    ).to.equal(true);
  });

  const countries = Object.entries(examples as Record<string, string>);

  it(`reads every country's example number (${countries.length} countries) exactly as the min metadata does`, () => {
    const differences: string[] = [];
    for (const [country, national] of countries) {
      const intl = withMin(national, country)?.e164 ?? "";
      const forms: Array<[string, string | undefined]> = [
        [national, country],
        [`0${national}`, country],
        [intl, undefined],
        [intl, country],
        [`${intl.slice(0, 4)} ${intl.slice(4)}`, undefined],
        [national.slice(0, -1), country],
        [`${national}9`, country],
      ];
      for (const [text, region] of forms) {
        const a = JSON.stringify(withTrimmed(text, region));
        const b = JSON.stringify(withMin(text, region));
        if (a !== b) {
          differences.push(`${country} ${text}: ${a} vs ${b}`);
        }
      }
    }
    expect(differences).to.deep.equal([]);
  });

  it("agrees with the min metadata on arbitrary numbers in every country", () => {
    const codes = countries.map(([c]) => c);
    fc.assert(
      fc.property(fc.constantFrom(...codes, undefined), fc.stringMatching(/^\+?[0-9 ()-]{3,18}$/), (country, text) => {
        expect(withTrimmed(text, country)).to.deep.equal(withMin(text, country));
      }),
      {numRuns: 5000, seed: 42},
    );
  });
});
