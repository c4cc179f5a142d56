// Writes pack/core/phone-metadata.json: libphonenumber-js's "min" metadata without the national
// formatting rules. The pack parses and validates numbers into E.164 and never formats them for
// display, and those rules are 50 of the 83 KB (test/phone-metadata.test.ts proves the parse-only
// metadata reads every country's numbers exactly as "min" does). Run after upgrading the library:
//   npx tsx scripts/phone-metadata.ts
import {readFileSync, writeFileSync} from "node:fs";
import * as path from "node:path";

type Country = unknown[];
interface Metadata {
  version: number;
  country_calling_codes: Record<string, string[]>;
  countries: Record<string, Country>;
  nonGeographic?: Record<string, Country>;
}

/** In metadata version 4, a country's fifth entry holds its formatting rules. */
const FORMATS = 4;

export function parseOnly(min: Metadata): Metadata {
  const strip = (entries: Record<string, Country> | undefined) =>
    entries &&
    Object.fromEntries(
      Object.entries(entries).map(([code, country]) => [
        code,
        country.map((v, i) => (i === FORMATS && Array.isArray(v) ? [] : v)),
      ]),
    );
  if (min.version !== 4) {
    throw new Error(
      `libphonenumber-js metadata version ${min.version}: check which entry holds the formats before trimming`,
    );
  }
  return {
    ...min,
    countries: strip(min.countries) ?? {},
    ...(min.nonGeographic ? {nonGeographic: strip(min.nonGeographic)} : {}),
  };
}

export const MIN_METADATA = path.resolve(__dirname, "../node_modules/libphonenumber-js/metadata.min.json");
export const PARSE_ONLY_METADATA = path.resolve(__dirname, "../pack/core/phone-metadata.json");

if (require.main === module) {
  const trimmed = JSON.stringify(parseOnly(JSON.parse(readFileSync(MIN_METADATA, "utf8")) as Metadata));
  writeFileSync(PARSE_ONLY_METADATA, `${trimmed}\n`);
  console.log(`Wrote ${PARSE_ONLY_METADATA} (${trimmed.length} bytes).`);
}
