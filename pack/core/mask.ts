// Clear numbers kept out of text the pack stores: bank accounts, IBANs, cards, identity-document
// numbers and phone numbers in what a worker wrote are replaced by a masked form ("•••• 3000")
// before a summary or snippet reaches the ledger, a sync table or a mail.
import {compactCode, isValidClabe, isValidIban, maskAccount} from "./banking";
import {normalizePhone} from "./identity";
import {asciiDigits} from "./unicode";

/** Digits in a run before it counts as an account, card or document number. */
const MIN_DIGITS = 6;

function digitCount(text: string): number {
  return text.replace(/\D/g, "").length;
}

/** The pack's own ids (W-000123, D-000012) and ISO dates are not personal numbers. */
function harmless(token: string): boolean {
  return (
    /^[A-Z]-\d{6}$/.test(token) ||
    /^\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?$/.test(token) ||
    /^\d{1,2}[/.-]\d{1,2}[/.-](?:\d{2}|\d{4})$/.test(token)
  );
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2) {
      d *= 2;
      if (d > 9) {
        d -= 9;
      }
    }
    sum += d;
  }
  return digits.length >= 12 && sum % 10 === 0;
}

export type NumberKind = "iban" | "card" | "bank" | "phone" | "id";

/** What a run of characters holds, read with the pack's banking and phone parsers; undefined when nothing personal. */
export function numberKind(text: string): NumberKind | undefined {
  const compact = compactCode(text);
  if (/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(compact)) {
    // IBAN-shaped: masked even when its check digits are wrong (a typo is still someone's account).
    return "iban";
  }
  if (isValidIban(compact)) {
    return "iban";
  }
  const digits = text.replace(/\D/g, "");
  if (/^[\d\s-]+$/.test(text.trim()) && luhn(digits) && digits.length <= 19) {
    return "card";
  }
  if (isValidClabe(digits) && digits.length === 18) {
    return "bank";
  }
  if (/^\+/.test(text.trim()) && normalizePhone(text).valid) {
    return "phone";
  }
  if (digitCount(text) >= MIN_DIGITS) {
    return /[A-Za-z]/.test(text) ? "id" : /^[\d\s().-]+$/.test(text.trim()) && digits.length <= 12 ? "phone" : "bank";
  }
  return undefined;
}

// Candidate runs, longest first: an IBAN written in groups (either case); a phone with its + and
// separators, or with its area code in brackets; digit groups separated by single spaces or
// hyphens (one digit at a time too); one token of letters and digits.
const CANDIDATES = [
  /\b[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{1,4}){3,8}\b/g,
  /\b[A-Za-z]{2}\d{2}(?:[ -]?(?=[A-Za-z0-9]{0,3}\d)[A-Za-z0-9]{1,4}){3,8}\b/g,
  /(?<![\w+])\+\d{1,3}(?:[ .-]?\(?\d{1,5}\)?){2,6}(?!\w)/g,
  /(?<![\w(])\(\d{1,5}\)[ .-]?\d{1,6}(?:[ .-]\d{1,6}){0,4}(?!\w)/g,
  /(?<![\w-])\d{1,6}(?:[ -]\d{1,6}){1,23}(?![\w-])/g,
  /(?<![\w-])[A-Za-z0-9](?:[A-Za-z0-9]|[-/.](?=[A-Za-z0-9])){4,40}(?![\w-])/g,
];

/**
 * Text with every bank, IBAN, card, identity-document and phone number replaced by its masked
 * form: "•••• " and the last four characters, as the ledger shows payout accounts. Numbers hidden
 * from the eye are found too: digits of any script or full width, letters of full width, and
 * groups split by zero-width characters, soft hyphens, no-break spaces or underscores. Text with
 * nothing to mask comes back unchanged; otherwise it comes back in that plain form (NFKC).
 * `maskNumbers("IBAN DE89 3704 0044 0532 0130 00, passport X1234567")` → "IBAN •••• 3000, passport •••• 4567".
 */
export function maskNumbers(text: string): string {
  const plain = asciiDigits(text ?? "").replace(/(?<=\d)_+(?=\d)/g, "-");
  const masked = maskPlain(plain);
  return masked === plain ? text : masked;
}

function maskPlain(text: string): string {
  let out = text;
  for (const pattern of CANDIDATES) {
    out = out.replace(pattern, (run) => {
      const trimmed = run.trim();
      if (harmless(trimmed) || digitCount(trimmed) < MIN_DIGITS) {
        return run;
      }
      return numberKind(trimmed) ? maskAccount(trimmed) : run;
    });
  }
  return out;
}

/** Whether `text` still holds a number {@link maskNumbers} would mask. */
export function holdsClearNumber(text: string): boolean {
  return maskNumbers(text) !== text;
}
