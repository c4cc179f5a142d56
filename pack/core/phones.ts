// Phone numbers: E.164 with a country as default, and every plausible reading of a number written without "+".
// The library's untranspiled build: the default one repeats Babel helpers in every file, 22 KB of
// the bundle. Only an ESM "import" export exists for it, so tsconfig.json maps it for tsx and tsc.
import {parsePhoneNumberFromString} from "libphonenumber-js/core/es6";
import type {CountryCode, MetadataJson} from "libphonenumber-js/core/es6";
// libphonenumber-js's "min" metadata without its display formats (see scripts/phone-metadata.ts).
import phoneMetadata from "./phone-metadata.json";
import {COUNTRY_CODES, optionalCountry} from "./countries";
import {badInput} from "./errors";
import {cleanText} from "./text";
import {asciiDigits} from "./unicode";

const METADATA = phoneMetadata as unknown as MetadataJson;

export interface PhoneResult {
  /** E.164 form ("+442079460958"), or "" when the number could not be read. */
  e164: string;
  valid: boolean;
  /** Why the number was not accepted, in words. */
  problem?: string;
}

/** NormalizedPhone: a number a person typed, in E.164, read in the country given (code or name, may be empty). */
export function e164Phone(phone: unknown, country?: unknown): string {
  const text = cleanText(phone, "phone", {required: true, max: 40});
  const parsed = normalizePhone(text, optionalCountry(country));
  if (!parsed.valid) {
    throw badInput("INPUT_PHONE", parsed.problem ?? `"${text}" is not a valid phone number.`);
  }
  return parsed.e164;
}

/**
 * A phone number in E.164, reading national formats with `country` as the default region.
 * `normalizePhone("020 7946 0958", "GB")` → {e164: "+442079460958", valid: true}.
 */
export function normalizePhone(phone: string, country?: string): PhoneResult {
  const text = asciiDigits(phone ?? "").trim();
  if (!text) {
    return {e164: "", valid: false, problem: "The phone number is empty."};
  }
  if (!/^[+()\d\s.\-/]+$/.test(text) || text.replace(/\D/g, "").length < 4) {
    return {
      e164: "",
      valid: false,
      problem: `"${text}" is not a phone number: use digits, spaces and an optional leading +.`,
    };
  }
  const region =
    country && COUNTRY_CODES.has(country.toUpperCase()) ? (country.toUpperCase() as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(
    text.startsWith("00") ? `+${text.slice(2)}` : text,
    {defaultCountry: region},
    METADATA,
  );
  if (!parsed) {
    return {
      e164: "",
      valid: false,
      problem: region
        ? `"${text}" could not be read as a ${region} number or an international number.`
        : `"${text}" has no country code: start it with + and the country code, or give the country.`,
    };
  }
  if (!parsed.isValid()) {
    // Mexican mobiles were dialled with a 1 after +52 until 2019, and many people still write it.
    const mexican =
      parsed.countryCallingCode === "52" && /^1\d{10}$/.test(parsed.nationalNumber)
        ? parsePhoneNumberFromString(`+52${parsed.nationalNumber.slice(1)}`, METADATA)
        : undefined;
    if (mexican?.isValid()) {
      return {e164: mexican.number, valid: true};
    }
    return {
      e164: parsed.number,
      valid: false,
      problem: `"${text}" is not a valid number for ${parsed.country ?? "its country"}.`,
    };
  }
  return {e164: parsed.number, valid: true};
}

// Countries whose numbers are easily written with the other's conventions: land neighbours and close
// migration corridors. A national number given with one of them as the country is read in each.
const NEIGHBOURS_TEXT =
  "US:CA,MX CA:US MX:US,GT,BZ GT:MX,SV,HN,BZ SV:GT,HN HN:GT,SV,NI NI:HN,CR CR:NI,PA PA:CR,CO CO:PA,VE,EC,PE,BR " +
  "VE:CO,BR,GY EC:CO,PE PE:EC,CO,BR,BO,CL BO:PE,BR,PY,AR,CL CL:PE,BO,AR AR:CL,BO,PY,BR,UY UY:AR,BR PY:AR,BO,BR " +
  "BR:AR,UY,PY,BO,PE,CO,VE,GY,SR GB:IE IE:GB FR:BE,LU,DE,CH,IT,ES,MC,AD BE:FR,NL,LU,DE NL:BE,DE LU:BE,FR,DE " +
  "DE:DK,PL,CZ,AT,CH,FR,LU,BE,NL AT:DE,CZ,SK,HU,SI,IT,CH,LI CH:DE,FR,IT,AT,LI IT:FR,CH,AT,SI,SM,VA ES:PT,FR,AD " +
  "PT:ES DK:DE,SE SE:NO,FI,DK NO:SE,FI FI:SE,NO,EE PL:DE,CZ,SK,UA,BY,LT CZ:DE,PL,SK,AT SK:CZ,PL,UA,HU,AT " +
  "HU:AT,SK,UA,RO,RS,HR,SI SI:IT,AT,HU,HR HR:SI,HU,RS,BA,ME RS:HU,RO,BG,MK,ME,BA,HR,XK RO:HU,UA,MD,BG,RS " +
  "BG:RO,RS,MK,GR,TR GR:AL,MK,BG,TR,CY CY:GR,TR TR:GR,BG,GE,AM,IR,IQ,SY UA:PL,SK,HU,RO,MD,BY,RU MD:RO,UA " +
  "BY:PL,LT,LV,RU,UA RU:UA,BY,KZ,GE,EE,LV,LT,FI KZ:RU,UZ,KG,CN UZ:KZ,KG,TJ,TM,AF EE:RU,LV,FI LV:EE,LT,RU,BY " +
  "LT:LV,BY,PL,RU EG:SD,LY,IL,PS,JO,SA MA:DZ,ES DZ:MA,TN,LY TN:DZ,LY JO:SA,IQ,SY,IL,PS,EG SA:JO,IQ,KW,QA,AE,OM,YE,BH,EG " +
  "AE:SA,OM IL:EG,JO,LB,SY,PS LB:SY,IL SY:TR,IQ,JO,LB IQ:TR,IR,KW,SA,JO,SY IN:PK,NP,BD,LK,BT,CN PK:IN,AF,IR " +
  "BD:IN,MM NP:IN,CN LK:IN CN:HK,MO,TW,KR,JP,VN,MN,KZ,IN HK:CN,MO MO:CN,HK TW:CN KR:JP,CN JP:KR,CN " +
  "TH:MY,LA,KH,MM MY:TH,SG,ID,BN SG:MY,ID ID:MY,SG,PH,TL PH:ID,MY VN:CN,LA,KH NG:BJ,NE,TD,CM,GH GH:CI,BF,TG,NG " +
  "KE:TZ,UG,ET,SO TZ:KE,UG,RW,MZ ZA:NA,BW,ZW,MZ,LS,SZ AU:NZ NZ:AU";
let neighbours: Map<string, string[]> | undefined;

/** The countries a number given with `country` may really belong to. */
export function neighbouringCountries(country: string): string[] {
  if (!neighbours) {
    // The table lists each pair once or twice; the relation goes both ways.
    const map = new Map<string, string[]>();
    const link = (a: string, b: string) => {
      const list = map.get(a) ?? [];
      if (!list.includes(b)) {
        list.push(b);
      }
      map.set(a, list);
    };
    for (const entry of NEIGHBOURS_TEXT.split(" ")) {
      const [code = "", list = ""] = entry.split(":");
      for (const other of list.split(",").filter(Boolean)) {
        link(code, other);
        link(other, code);
      }
    }
    neighbours = map;
  }
  return neighbours.get(country.toUpperCase()) ?? [];
}

/** Every E.164 number a written phone number may be, and whether it was ambiguous. */
export interface PhoneReadings {
  /** The reading in the given country first, when it is valid. */
  readings: string[];
  /** More than one valid reading, or only readings outside the given country. */
  ambiguous: boolean;
  /** How the number was read, in words, when it was not plainly international. */
  note: string;
}

/**
 * Reads a phone number written without "+" (or "00") in every way it may be meant: in the given
 * country, as an international number whose "+" was left out, and in each neighbouring country.
 * A number written with "+" has one reading. Nothing is chosen silently: `ambiguous` says when
 * more than one reading is a valid number.
 * `phoneReadings("52 55 1234 5678", "US")` → {readings: ["+525512345678"], ambiguous: true, …}.
 */
export function phoneReadings(phone: string, country?: string): PhoneReadings {
  const text = asciiDigits(phone ?? "").trim();
  const region = country && COUNTRY_CODES.has(country.toUpperCase()) ? country.toUpperCase() : "";
  if (/^(\+|00)/.test(text) || !text) {
    const one = normalizePhone(text, region || undefined);
    return {readings: one.valid ? [one.e164] : [], ambiguous: false, note: ""};
  }
  const digits = text.replace(/\D/g, "");
  const candidates: Array<[string, string]> = [];
  const add = (how: string, result: PhoneResult) => {
    if (result.valid && !candidates.some(([e]) => e === result.e164)) {
      candidates.push([result.e164, how]);
    }
  };
  if (region) {
    add(`as a ${region} number`, normalizePhone(text, region));
  }
  add("as an international number without its +", normalizePhone(`+${digits}`));
  for (const other of region ? neighbouringCountries(region) : []) {
    add(`as a ${other} number`, normalizePhone(text, other));
  }
  const readings = candidates.map(([e]) => e);
  const inCountry = Boolean(region) && candidates[0]?.[1] === `as a ${region} number`;
  const ambiguous = readings.length > 1 || (readings.length === 1 && !inCountry);
  const note = !readings.length
    ? ""
    : ambiguous
      ? `"${text}" has no "+" and reads as ${candidates.map(([e, how]) => `${e} (${how})`).join(" or ")}: compared as each.`
      : "";
  return {readings, ambiguous, note};
}
