import {parsePhoneNumberFromString} from "libphonenumber-js/min";
import type {CountryCode} from "libphonenumber-js/min";
import {COUNTRY_CODES} from "./countries";

// Providers that deliver "name+tag@domain" to "name@domain". Elsewhere a "+" may be part of a real,
// different mailbox, so it is kept.
const PLUS_TAG_DOMAINS: ReadonlySet<string> = new Set([
  "gmail.com",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "msn.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "fastmail.com",
  "fastmail.fm",
  "proton.me",
  "protonmail.com",
  "pm.me",
  "zoho.com",
  "yandex.ru",
  "yandex.com",
]);

const DOMAIN_ALIASES: Readonly<Record<string, string>> = {"googlemail.com": "gmail.com"};

// Deliberately plain: one @, a non-empty local part, a dotted domain, no spaces or angle brackets.
const EMAIL_SHAPE = /^[^\s@<>(),;:"[\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/** Whether `email` looks like a deliverable address. `isPlausibleEmail("a@b.co")` → true. */
export function isPlausibleEmail(email: string): boolean {
  return email.length <= 254 && EMAIL_SHAPE.test(email.trim());
}

/**
 * The canonical key under which two addresses reach the same mailbox.
 * `emailKey("Jane.Doe+work@GoogleMail.com")` → "janedoe@gmail.com";
 * `emailKey("jane+x@company.com")` → "jane+x@company.com" (the company may not honour tags).
 */
export function emailKey(email: string): string {
  const trimmed = email.trim().toLowerCase();
  const at = trimmed.lastIndexOf("@");
  if (at <= 0) {
    return trimmed;
  }
  let local = trimmed.slice(0, at);
  let domain = trimmed.slice(at + 1).replace(/\.$/, "");
  domain = DOMAIN_ALIASES[domain] ?? domain;
  if (PLUS_TAG_DOMAINS.has(domain)) {
    local = local.split("+")[0] ?? local;
  }
  if (domain === "gmail.com") {
    local = local.replace(/\./g, "");
  }
  return `${local}@${domain}`;
}

export interface PhoneResult {
  /** E.164 form ("+442079460958"), or "" when the number could not be read. */
  e164: string;
  valid: boolean;
  /** Why the number was not accepted, in words. */
  problem?: string;
}

/**
 * A phone number in E.164, reading national formats with `country` as the default region.
 * `normalizePhone("020 7946 0958", "GB")` → {e164: "+442079460958", valid: true}.
 */
export function normalizePhone(phone: string, country?: string): PhoneResult {
  const text = phone.trim();
  if (!text) {
    return {e164: "", valid: false, problem: "The phone number is empty."};
  }
  if (!/^[+()\d\s.\-/]+$/.test(text) || text.replace(/\D/g, "").length < 4) {
    return {e164: "", valid: false, problem: `"${text}" is not a phone number: use digits, spaces and an optional leading +.`};
  }
  const region = country && COUNTRY_CODES.has(country.toUpperCase()) ? (country.toUpperCase() as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(text.startsWith("00") ? `+${text.slice(2)}` : text, region);
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
    return {e164: parsed.number, valid: false, problem: `"${text}" is not a valid number for ${parsed.country ?? "its country"}.`};
  }
  return {e164: parsed.number, valid: true};
}

/**
 * A name reduced to what survives retyping: Unicode-normalised, diacritics folded, lower case,
 * punctuation dropped and tokens sorted. `nameKey("Müller, José")` → "jose muller".
 */
export function nameKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/ß/g, "ss")
    .replace(/[øØ]/g, "o")
    .replace(/[łŁ]/g, "l")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .split(" ")
    .filter(Boolean)
    .sort()
    .join(" ");
}
