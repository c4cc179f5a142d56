// ISO 3166-1 alpha-2, officially assigned codes, plus XK (Kosovo), which payment providers use.
import {badInput} from "./errors";
import {cleanText} from "./text";
const CODES =
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
  "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
  "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
  "KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT " +
  "MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
  "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG " +
  "UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW";

export const COUNTRY_CODES: ReadonlySet<string> = new Set(CODES.split(" "));

// Names people type that the region display names do not produce.
const ALIASES: Readonly<Record<string, string>> = {
  UK: "GB",
  "GREAT BRITAIN": "GB",
  ENGLAND: "GB",
  SCOTLAND: "GB",
  WALES: "GB",
  USA: "US",
  "UNITED STATES OF AMERICA": "US",
  AMERICA: "US",
  "SOUTH KOREA": "KR",
  KOREA: "KR",
  RUSSIA: "RU",
  VIETNAM: "VN",
  "IVORY COAST": "CI",
  "COTE D'IVOIRE": "CI",
  TURKEY: "TR",
  TURKIYE: "TR",
  "CZECH REPUBLIC": "CZ",
  HOLLAND: "NL",
  UAE: "AE",
  "DR CONGO": "CD",
  DRC: "CD",
  BURMA: "MM",
  ESWATINI: "SZ",
  SWAZILAND: "SZ",
};

let byName: Map<string, string> | undefined;

function names(): Map<string, string> {
  if (!byName) {
    byName = new Map(Object.entries(ALIASES));
    const display = new Intl.DisplayNames(["en"], {type: "region"});
    for (const code of COUNTRY_CODES) {
      const name = display.of(code);
      if (name) {
        byName.set(fold(name), code);
      }
    }
  }
  return byName;
}

function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[’`]/g, "'")
    .replace(/&/g, "AND")
    .replace(/\s+/g, " ")
    .trim()
    .toUpperCase();
}

/**
 * The ISO 3166-1 alpha-2 code for a code or an English country name, or undefined.
 * `countryCode("mx")` → "MX"; `countryCode("Côte d’Ivoire")` → "CI"; `countryCode("Atlantis")` → undefined.
 */
export function countryCode(input: string): string | undefined {
  const text = fold(input);
  if (text.length === 2 && COUNTRY_CODES.has(text)) {
    return text;
  }
  return names().get(text);
}

/** The English name of a country code: `countryName("DE")` → "Germany". Unknown codes come back as given. */
export function countryName(code: string): string {
  if (!COUNTRY_CODES.has(code)) {
    return code;
  }
  return new Intl.DisplayNames(["en"], {type: "region"}).of(code) ?? code;
}

/** A country typed by a person, as its ISO code; refused with what to type when it is not one. */
export function requireCountry(input: unknown): string {
  return optionalCountry(input, true) as string;
}

/** A country a person may leave empty (undefined then), else as `requireCountry` reads it. */
export function optionalCountry(input: unknown, required = false): string | undefined {
  const text = cleanText(input, "country", {required, max: 100});
  if (!text) {
    return undefined;
  }
  const code = countryCode(text);
  if (!code) {
    throw badInput(
      "INPUT_COUNTRY",
      `"${text.slice(0, 80)}" is not a country: use its two-letter ISO code (MX, IN, DE) or its English name.`,
    );
  }
  return code;
}
