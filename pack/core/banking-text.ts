import type {BankCheck, BankProblem} from "./banking";
import {countryName} from "./countries";

const SCHEME_NAMES: Readonly<Record<string, string>> = {
  IBAN: "IBAN",
  ABA: "US account with ABA routing number",
  CLABE: "Mexican CLABE",
  IFSC: "Indian account with IFSC",
  UK: "UK sort code and account number",
  Account: "account number",
};

/** What a bank scheme is called in sentences. */
export function schemeName(scheme: string): string {
  return SCHEME_NAMES[scheme] ?? "account";
}

/**
 * The problems a bank check found, one sentence each. Sentences name the country and the kind of
 * number but never repeat the number. `bankProblemText(checkBankAccount({account: "DE89…01"}))`
 * → ["The IBAN's check digits do not match: a character is probably mistyped."].
 */
export function bankProblemText(check: Pick<BankCheck, "codes" | "country" | "scheme" | "normalized">): string[] {
  const where = check.country ? countryName(check.country) : "the account's country";
  const ibanCountry =
    check.scheme === "IBAN" && /^[A-Z]{2}/.test(check.normalized) ? countryName(check.normalized.slice(0, 2)) : where;
  const text: Record<BankProblem, string> = {
    ACCOUNT_EMPTY: "The account number is empty.",
    ACCOUNT_CHARS: "The account number may only hold letters and digits (spaces, dots and hyphens are ignored).",
    ACCOUNT_LENGTH:
      check.scheme === "ABA"
        ? "A US account number has 4 to 17 digits."
        : check.scheme === "IFSC"
          ? "An Indian account number has 9 to 18 digits."
          : "The account number is too short or too long (4 to 34 letters and digits).",
    COUNTRY_UNKNOWN:
      "The country is not one the pack knows: use its two-letter ISO code (DE, MX, IN) or its English name.",
    COUNTRY_REQUIRED: "Give the account's country: only an IBAN carries its own.",
    IBAN_COUNTRY: "The IBAN starts with a country code that has no IBAN format.",
    IBAN_LENGTH: `The IBAN has the wrong length for ${ibanCountry}: a character is missing or extra.`,
    IBAN_FORMAT: `The IBAN does not have ${ibanCountry}'s format (letters where digits belong, or the reverse).`,
    IBAN_CHECKSUM: "The IBAN's check digits do not match: a character is probably mistyped.",
    IBAN_NATIONAL_CHECKSUM:
      "The national check digits inside the IBAN do not match: the bank, branch or account number is probably mistyped.",
    IBAN_COUNTRY_MISMATCH: `The IBAN is from ${ibanCountry}, not ${where}: check the country or the IBAN.`,
    IBAN_EXPECTED: `Accounts in ${where} are given as an IBAN (it starts with ${check.country}); ask for the IBAN.`,
    BIC_FORMAT: "The BIC (SWIFT code) is not valid: it has 8 or 11 letters and digits, like DEUTDEFF or DEUTDEFF500.",
    BIC_COUNTRY_MISMATCH: `The BIC belongs to a bank outside ${where}: check the BIC or the account's country.`,
    ROUTING_REQUIRED:
      check.scheme === "ABA"
        ? "A US account needs its 9-digit ABA routing number: give it as routingCode."
        : check.scheme === "IFSC"
          ? "An Indian account needs its IFSC (like HDFC0001234): give it as routingCode."
          : "A UK account needs its 6-digit sort code: give it as routingCode.",
    ABA_FORMAT: "The ABA routing number must have 9 digits.",
    ABA_PREFIX: "The ABA routing number starts with two digits no US bank routing number starts with.",
    ABA_CHECKSUM: "The ABA routing number's check digit does not match: a digit is probably mistyped.",
    CLABE_LENGTH: "A Mexican CLABE has 18 digits.",
    CLABE_CHECKSUM: "The CLABE's control digit does not match: a digit is probably mistyped.",
    IFSC_FORMAT: "The IFSC must have 11 characters: 4 letters, a 0, then 6 letters or digits (like HDFC0001234).",
    SORT_CODE_FORMAT: "The UK sort code must have 6 digits (like 60-16-13).",
    UK_ACCOUNT_FORMAT: "A UK account number has 8 digits.",
  };
  return check.codes.map((code) => text[code]);
}
