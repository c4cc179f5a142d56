import {composeIBAN, countrySpecs, isSEPACountry, validateBIC, validateIBAN, ValidationErrorsIBAN} from "ibantools";
import {countryCode} from "./countries";
import {asciiDigits} from "./unicode";

/** What a problem with payout details is, stable for tests and callers; sentences live in pack/present.ts. */
export type BankProblem =
  | "ACCOUNT_EMPTY"
  | "ACCOUNT_CHARS"
  | "ACCOUNT_LENGTH"
  | "COUNTRY_UNKNOWN"
  | "COUNTRY_REQUIRED"
  | "IBAN_COUNTRY"
  | "IBAN_LENGTH"
  | "IBAN_FORMAT"
  | "IBAN_CHECKSUM"
  | "IBAN_NATIONAL_CHECKSUM"
  | "IBAN_COUNTRY_MISMATCH"
  | "IBAN_EXPECTED"
  | "BIC_FORMAT"
  | "BIC_COUNTRY_MISMATCH"
  | "ROUTING_REQUIRED"
  | "ABA_FORMAT"
  | "ABA_PREFIX"
  | "ABA_CHECKSUM"
  | "CLABE_LENGTH"
  | "CLABE_CHECKSUM"
  | "IFSC_FORMAT"
  | "SORT_CODE_FORMAT"
  | "UK_ACCOUNT_FORMAT";

/** The kind of payout details: IBAN, US ABA routing + account, Mexican CLABE, Indian IFSC + account, UK sort code + account, or a plain account number. */
export type BankScheme = "IBAN" | "ABA" | "CLABE" | "IFSC" | "UK" | "Account";

export interface Validation {
  valid: boolean;
  codes: BankProblem[];
}

/**
 * Letters and digits only, upper case, digits of any script (full-width, Arabic-Indic…) as ASCII:
 * "de89 3704-0044.0532 0130 00" → "DE89370400440532013000".
 */
export function compactCode(text: string): string {
  return asciiDigits(text ?? "")
    .replace(/[\s\u00a0.\-/]+/g, "")
    .toUpperCase();
}

function result(codes: BankProblem[]): Validation {
  return {valid: codes.length === 0, codes};
}

/** Whether an IBAN country code has a format ibantools knows. */
export function isIbanCountry(code: string): boolean {
  return Boolean(countrySpecs[code]?.chars);
}

/**
 * Checks an IBAN: country, length, the country's BBAN format, mod-97 check digits and, where
 * ibantools has them, national check digits. Spaces and lower case are accepted.
 * `validateIban("de89 3704 0044 0532 0130 00")` → {valid: true, codes: []}.
 */
export function validateIban(iban: string): Validation {
  const text = compactCode(iban);
  if (!text) {
    return result(["ACCOUNT_EMPTY"]);
  }
  if (!/^[A-Z0-9]+$/.test(text)) {
    return result(["ACCOUNT_CHARS"]);
  }
  if (!isIbanCountry(text.slice(0, 2))) {
    return result(["IBAN_COUNTRY"]);
  }
  const found = validateIBAN(text).errorCodes;
  const codes: BankProblem[] = [];
  if (found.includes(ValidationErrorsIBAN.WrongBBANLength)) {
    codes.push("IBAN_LENGTH");
  } else if (found.includes(ValidationErrorsIBAN.WrongBBANFormat)) {
    codes.push("IBAN_FORMAT");
  } else if (found.includes(ValidationErrorsIBAN.WrongAccountBankBranchChecksum)) {
    codes.push("IBAN_NATIONAL_CHECKSUM");
  }
  if (
    !codes.includes("IBAN_LENGTH") &&
    (found.includes(ValidationErrorsIBAN.WrongIBANChecksum) || found.includes(ValidationErrorsIBAN.ChecksumNotNumber))
  ) {
    codes.push("IBAN_CHECKSUM");
  }
  return result(codes);
}

/** `isValidIban("GB29 NWBK 6016 1331 9268 19")` → true. */
export function isValidIban(iban: string): boolean {
  return validateIban(iban).valid;
}

// Countries whose banks use another country's IBAN and BIC country code.
const BANKING_AREA: Readonly<Record<string, string>> = {
  AX: "FI",
  GF: "FR",
  GP: "FR",
  MQ: "FR",
  RE: "FR",
  PF: "FR",
  TF: "FR",
  YT: "FR",
  NC: "FR",
  BL: "FR",
  MF: "FR",
  PM: "FR",
  WF: "FR",
  IM: "GB",
  JE: "GB",
  GG: "GB",
};

/** Whether banks in two countries may use each other's codes (Réunion banks use FR, Jersey banks GB). */
export function sameBankingArea(a: string, b: string): boolean {
  return (BANKING_AREA[a] ?? a) === (BANKING_AREA[b] ?? b);
}

/**
 * Checks a BIC (SWIFT code): 8 or 11 characters, a known country in positions 5–6 and, when
 * `country` is given, that country (or one sharing its banking area).
 * `validateBic("DEUTDEFF", "MX")` → {valid: false, codes: ["BIC_COUNTRY_MISMATCH"]}.
 */
export function validateBic(bic: string, country?: string): Validation {
  const text = compactCode(bic);
  if (!validateBIC(text).valid) {
    return result(["BIC_FORMAT"]);
  }
  return result(country && !sameBankingArea(text.slice(4, 6), country) ? ["BIC_COUNTRY_MISMATCH"] : []);
}

/** `isValidBic("NWBKGB2L")` → true. */
export function isValidBic(bic: string, country?: string): boolean {
  return validateBic(bic, country).valid;
}

// Federal Reserve routing symbols: 00 (government), 01–12, 21–32 (thrifts), 61–72 (electronic), 80 (travellers' cheques).
function abaPrefixOk(prefix: number): boolean {
  return prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix === 80;
}

/**
 * Checks a US ABA routing number: 9 digits, a Federal Reserve prefix, and the 3-7-1 checksum.
 * `validateAba("021000021")` → {valid: true, codes: []}.
 */
export function validateAba(routing: string): Validation {
  const text = compactCode(routing);
  if (!/^\d{9}$/.test(text)) {
    return result(["ABA_FORMAT"]);
  }
  const d = [...text].map(Number);
  const sum = 3 * (d[0]! + d[3]! + d[6]!) + 7 * (d[1]! + d[4]! + d[7]!) + (d[2]! + d[5]! + d[8]!);
  const codes: BankProblem[] = [];
  if (!abaPrefixOk(Number(text.slice(0, 2)))) {
    codes.push("ABA_PREFIX");
  }
  if (sum % 10 !== 0) {
    codes.push("ABA_CHECKSUM");
  }
  return result(codes);
}

/** `isValidAba("011000015")` → true. */
export function isValidAba(routing: string): boolean {
  return validateAba(routing).valid;
}

/** The CLABE control digit for its first 17 digits (weights 3, 7, 1 repeated, products mod 10). */
export function clabeControlDigit(first17: string): number {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += (Number(first17[i]) * [3, 7, 1][i % 3]!) % 10;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * Checks a Mexican CLABE: 18 digits whose last is the control digit.
 * `validateClabe("032180000118359719")` → {valid: true, codes: []}.
 */
export function validateClabe(clabe: string): Validation {
  const text = compactCode(clabe);
  if (!/^\d{18}$/.test(text)) {
    return result(["CLABE_LENGTH"]);
  }
  return result(clabeControlDigit(text) === Number(text[17]) ? [] : ["CLABE_CHECKSUM"]);
}

/** `isValidClabe("032180000118359719")` → true. */
export function isValidClabe(clabe: string): boolean {
  return validateClabe(clabe).valid;
}

/** Checks an Indian IFSC's format: 4 letters, a zero, 6 letters or digits. `validateIfsc("hdfc0001234")` → valid. */
export function validateIfsc(ifsc: string): Validation {
  return result(/^[A-Z]{4}0[A-Z0-9]{6}$/.test(compactCode(ifsc)) ? [] : ["IFSC_FORMAT"]);
}

/** `isValidIfsc("SBIN0000001")` → true. */
export function isValidIfsc(ifsc: string): boolean {
  return validateIfsc(ifsc).valid;
}

/** Checks a UK sort code (6 digits) and account number (8 digits). `validateUkAccount("60-16-13", "31926819")` → valid. */
export function validateUkAccount(sortCode: string, account: string): Validation {
  const codes: BankProblem[] = [];
  if (!/^\d{6}$/.test(compactCode(sortCode))) {
    codes.push("SORT_CODE_FORMAT");
  }
  if (!/^\d{8}$/.test(compactCode(account))) {
    codes.push("UK_ACCOUNT_FORMAT");
  }
  return result(codes);
}

/** `isValidSortCode("60 16 13")` → true. */
export function isValidSortCode(sortCode: string): boolean {
  return /^\d{6}$/.test(compactCode(sortCode));
}

/**
 * Sanity checks for a plain account number: letters and digits only, at least one digit,
 * `min`..`max` characters. `validateAccountNumber("12-3456-78")` → valid.
 */
export function validateAccountNumber(account: string, min = 4, max = 34, digitsOnly = false): Validation {
  const text = compactCode(account);
  if (!text) {
    return result(["ACCOUNT_EMPTY"]);
  }
  if (!(digitsOnly ? /^\d+$/ : /^[A-Z0-9]*\d[A-Z0-9]*$/).test(text)) {
    return result(["ACCOUNT_CHARS"]);
  }
  return result(text.length < min || text.length > max ? ["ACCOUNT_LENGTH"] : []);
}

/** Payout details as a person gives them. */
export interface BankInput {
  account: string;
  /** The account's country: ISO code or English name. Optional for an IBAN, which carries its own. */
  country?: string;
  /** ABA routing number, IFSC, UK sort code or a national bank code. */
  routingCode?: string;
  bic?: string;
}

/** What the checks found. `key` is the canonical form fingerprints are computed over: never store or show it. */
export interface BankCheck extends Validation {
  scheme: BankScheme | "";
  country: string;
  /** The details in canonical written form ("DE89370400440532013000", "021000021 123456789"). */
  normalized: string;
  key: string;
  /** "•••• 3000": all but the last four characters hidden. */
  masked: string;
  bic: string;
}

/** "•••• 1234"; shorter numbers are hidden entirely. */
export function maskAccount(account: string): string {
  const text = compactCode(account);
  return text.length > 4 ? `•••• ${text.slice(-4)}` : "••••";
}

/** Where each national scheme takes its routing code, and how long account numbers may be. */
const NATIONAL: Readonly<Record<string, {scheme: BankScheme; min: number; max: number}>> = {
  US: {scheme: "ABA", min: 4, max: 17},
  MX: {scheme: "CLABE", min: 18, max: 18},
  IN: {scheme: "IFSC", min: 9, max: 18},
  GB: {scheme: "UK", min: 8, max: 8},
};

function inferCountry(account: string, routing: string, bic: string): string {
  if (bic.length >= 6 && /^[A-Z]{2}$/.test(bic.slice(4, 6))) {
    return bic.slice(4, 6);
  }
  if (isValidIfsc(routing)) {
    return "IN";
  }
  if (/^\d{9}$/.test(routing)) {
    return "US";
  }
  if (/^\d{6}$/.test(routing)) {
    return "GB";
  }
  if (!routing && isValidClabe(account)) {
    return "MX";
  }
  return "";
}

/**
 * Checks and normalises payout details offline. The scheme follows from the account (an IBAN
 * carries its country) or from the country: US → ABA, MX → CLABE, IN → IFSC, GB → sort code;
 * SEPA countries expect an IBAN; elsewhere a plain account number gets charset and length checks.
 * Never throws: every problem is a code.
 */
export function checkBankAccount(input: BankInput): BankCheck {
  const account = compactCode(input.account ?? "");
  const routing = compactCode(input.routingCode ?? "");
  const bic = compactCode(input.bic ?? "");
  const codes: BankProblem[] = [];
  let country = "";
  if (input.country && input.country.trim()) {
    country = countryCode(input.country) ?? "";
    if (!country) {
      codes.push("COUNTRY_UNKNOWN");
    }
  }
  const blank: BankCheck = {valid: false, codes, scheme: "", country, normalized: "", key: "", masked: "", bic: ""};
  if (!account) {
    codes.push("ACCOUNT_EMPTY");
    return blank;
  }
  if (!/^[A-Z0-9]+$/.test(account)) {
    codes.push("ACCOUNT_CHARS");
    return blank;
  }

  let scheme: BankScheme;
  let normalized = account;
  let key: string;
  const ibanCountry = account.slice(0, 2);
  if (/^[A-Z]{2}\d{2}/.test(account) && isIbanCountry(ibanCountry)) {
    scheme = "IBAN";
    codes.push(...validateIban(account).codes);
    if (country && !sameBankingArea(country, ibanCountry)) {
      codes.push("IBAN_COUNTRY_MISMATCH");
    }
    country ||= ibanCountry;
    // A UK IBAN holds the sort code and account number: fingerprint it as those, so both forms match.
    key =
      ibanCountry === "GB" && account.length === 22
        ? `GB:${account.slice(8, 14)}:${account.slice(14)}`
        : `IBAN:${account}`;
  } else {
    country ||= codes.includes("COUNTRY_UNKNOWN") ? "" : inferCountry(account, routing, bic);
    const national = NATIONAL[country];
    // A national account number (BBAN) of an IBAN country is that IBAN: one key for both forms.
    const iban =
      !national && country && isIbanCountry(country) ? composeIBAN({countryCode: country, bban: account}) : "";
    if (iban && isValidIban(iban)) {
      return checkBankAccount({...input, account: iban, country});
    }
    scheme = national?.scheme ?? (country && isIbanCountry(country) && isSEPACountry(country) ? "IBAN" : "Account");
    if (!country && !codes.includes("COUNTRY_UNKNOWN")) {
      codes.push("COUNTRY_REQUIRED");
    }
    const plain = account.replace(/^0+(?=\d)/, "");
    key = `${country}:${routing ? `${routing}:` : ""}${plain}`;
    if (scheme === "IBAN") {
      codes.push("IBAN_EXPECTED");
    } else if (scheme === "CLABE") {
      codes.push(...validateClabe(account).codes);
      key = `MX:${account}`;
    } else if (national) {
      const accountCheck = validateAccountNumber(account, national.min, national.max, true).codes;
      const routingCheck = !routing
        ? ["ROUTING_REQUIRED" as const]
        : scheme === "ABA"
          ? validateAba(routing).codes
          : scheme === "IFSC"
            ? validateIfsc(routing).codes
            : validateUkAccount(routing, "00000000").codes;
      codes.push(...routingCheck, ...(scheme === "UK" ? validateUkAccount("000000", account).codes : accountCheck));
      normalized = routing
        ? `${scheme === "UK" ? routing.replace(/^(\d\d)(\d\d)(\d\d)$/, "$1-$2-$3") : routing} ${account}`
        : account;
    } else {
      codes.push(...validateAccountNumber(account).codes);
      normalized = routing ? `${routing} ${account}` : account;
    }
  }
  if (bic) {
    codes.push(...validateBic(bic, country || undefined).codes);
  }
  return {
    valid: codes.length === 0,
    codes: [...new Set(codes)],
    scheme,
    country,
    normalized,
    key,
    masked: maskAccount(account),
    bic: bic && isValidBic(bic) ? bic : "",
  };
}
