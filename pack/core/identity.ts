import {badInput} from "./errors";
import {hmacHex} from "./hash";
import {cleanText} from "./text";
import {latinName} from "./transliterate";
import {asciiDigits, cleanUnicode, skeleton} from "./unicode";

export {latinName} from "./transliterate";
export type {PhoneResult, PhoneReadings} from "./phones";
export {e164Phone, normalizePhone, phoneReadings} from "./phones";

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
const EMAIL_SHAPE =
  /^[^\s@<>(),;:"[\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/** Whether `email` looks like a deliverable address. `isPlausibleEmail("a@b.co")` → true. */
export function isPlausibleEmail(email: string): boolean {
  const text = cleanUnicode(email ?? "").trim();
  return text.length <= 254 && EMAIL_SHAPE.test(text);
}

/** NormalizedEmail: the canonical key of an address a person typed, refused when it is not an address. */
export function canonicalEmail(input: unknown): string {
  const text = cleanText(input, "email", {required: true, max: 254});
  if (!isPlausibleEmail(text)) {
    throw badInput("INPUT_EMAIL", `"${text.slice(0, 80)}" is not an email address.`);
  }
  return emailKey(text);
}

/**
 * The canonical key under which two addresses reach the same mailbox: Unicode-cleaned (NFKC,
 * invisible characters removed), lower case, provider rules applied.
 * `emailKey("Jane.Doe+work@GoogleMail.com")` → "janedoe@gmail.com";
 * `emailKey("jane+x@company.com")` → "jane+x@company.com" (the company may not honour tags).
 */
export function emailKey(email: string): string {
  const trimmed = cleanUnicode(email ?? "")
    .trim()
    .toLowerCase();
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

/**
 * An email key with its local part folded to its Unicode TR39 skeleton: addresses that only look
 * alike ("jоhn" with a Cyrillic о, "j0hn") share it. For comparison only: two different people may
 * own "rn" and "m". `emailSkeleton("jоhn@gmail.com")` → "john@gmail.com".
 */
export function emailSkeleton(key: string): string {
  const at = key.lastIndexOf("@");
  if (at <= 0) {
    return skeleton(key).toLowerCase();
  }
  return `${skeleton(key.slice(0, at)).toLowerCase()}${key.slice(at)}`;
}

/**
 * A name reduced to what survives retyping: Unicode-normalised, diacritics folded, lower case,
 * punctuation dropped and tokens sorted. `nameKey("Müller, José")` → "jose muller".
 */
export function nameKey(name: string): string {
  return cleanUnicode(name ?? "")
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

// ---------- name words, phonetic keys and fingerprints ----------

/** The words of a name in Latin letters, in their written order: `nameTokens("Pérez-García, Ana")` → ["perez", "garcia", "ana"]. */
export function nameTokens(name: string): string[] {
  return splitWords(latinName(name));
}

// Scripts written without spaces between a person's names: compared character by character.
const UNSPACED = /[\p{Script=Han}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** Words of a Latin-lettered name; a word in a script written without spaces becomes its characters (with their marks). */
function splitWords(latin: string): string[] {
  return latin
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    .flatMap((w) => (UNSPACED.test(w) ? (w.match(/\P{M}\p{M}*/gu) ?? []) : [w.replace(/\p{M}+/gu, "")]));
}

/**
 * A name's words; the words with hyphenated parts joined ("Min-jun" → "minjun"), when there are
 * any; and whether it was written in Arabic or Hebrew script (without short vowels, so only consonants compare).
 */
export interface NameWords {
  words: string[];
  compounds?: string[];
  abjad: boolean;
}

/** `nameWords("Kim Min-jun")` → {words: ["kim", "min", "jun"], compounds: ["kim", "minjun"], abjad: false}. */
export function nameWords(name: string): NameWords {
  const latin = latinName(name);
  const words = splitWords(latin);
  const compounds = splitWords(latin.replace(/(?<=[\p{L}\p{N}])[-\u2010\u2011'\u2019](?=[\p{L}\p{N}])/gu, ""));
  const abjad = /[\u0590-\u06ff]/.test(name ?? "");
  return compounds.length === words.length ? {words, abjad} : {words, compounds, abjad};
}

/**
 * A coarse sound key for one word: consonant classes with vowels, h, w and y dropped and
 * repeats collapsed, marked "a" when the word starts with a vowel (or y). Spellings of one name across
 * languages and transliterations share it: "mohammed", "muhammad", "mehmet" and Arabic "mhmd" → "nt".
 * Words in scripts that are not transliterated are their own key.
 */
export function soundKey(word: string): string {
  if (!/^[a-z]+$/.test(word)) {
    return word;
  }
  let out = /^[aeiouy]/.test(word) ? "a" : "";
  let last = "";
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    const next = word[i + 1] ?? "";
    let k = "";
    if (c === "b" || c === "p" || c === "f" || c === "v") {
      k = "p";
    } else if (c === "c") {
      k = word[i - 1] === "s" && next === "h" ? "" : "eiy".includes(next) && next ? "s" : "k";
    } else if (c === "k" || c === "g" || c === "q") {
      k = "k";
    } else if (c === "s" || c === "z") {
      k = "s";
    } else if (c === "x") {
      k = "ks";
    } else if (c === "d" || c === "t") {
      k = "t";
    } else if (c === "m" || c === "n") {
      k = "n";
    } else if (c === "l" || c === "r" || c === "j") {
      k = c;
    }
    for (const part of k) {
      if (part !== last) {
        out += part;
        last = part;
      }
    }
  }
  return out || word;
}

/**
 * The phonetic key of a whole name: the sound keys of its words, sorted, so word order does not
 * matter. `phoneticKey("Muhammad Ali")` → "al nt"; `phoneticKey("علي محمد")` → "al nt".
 */
export function phoneticKey(name: string): string {
  return [...new Set(nameTokens(name).map(soundKey))].sort().join(" ");
}

/**
 * A spelling key for one word, for fine comparison: common transliteration variants made equal
 * (ph/f, w/v, y/i, c/k, kh/h, sh/s, Korean eo/u…) and doubled letters collapsed. `spellingKey("yiorgos")` → "iorgos".
 */
export function spellingKey(word: string): string {
  let key = spellings.get(word);
  if (key === undefined) {
    if (spellings.size > 100_000) {
      spellings.clear();
    }
    key = computeSpellingKey(word);
    spellings.set(word, key);
  }
  return key;
}

const spellings = new Map<string, string>();

function computeSpellingKey(word: string): string {
  return word
    .replace(/d?zh|dj/g, "j")
    .replace(/sch|sh/g, "s")
    .replace(/ph/g, "f")
    .replace(/ck|q/g, "k")
    .replace(/c(?=[eiy])/g, "s")
    .replace(/c/g, "k")
    .replace(/([kt])h/g, "$1")
    .replace(/w/g, "v")
    .replace(/y/g, "i")
    .replace(/x/g, "ks")
    .replace(/ou|oo|eo/g, "u")
    .replace(/ee/g, "i")
    .replace(/(.)\1+/g, "$1")
    .replace(/(.)h$/, "$1");
}

/** Fingerprints are HMAC-SHA256 truncated to 128 bits (RFC 2104 §5): 32 hex characters. */
export const FINGERPRINT_LENGTH = 32;

/**
 * The keyed fingerprint of a bank account's canonical key (`checkBankAccount(...).key`). Equal
 * accounts give equal fingerprints under one ledger's key; without the key nothing can be recovered
 * or guessed from it.
 */
export function bankFingerprint(keyHex: string, canonicalKey: string): string {
  return hmacHex(keyHex, `bank\n${canonicalKey}`).slice(0, FINGERPRINT_LENGTH);
}

/**
 * An identity document number reduced to letters and digits, upper case, digits of any script as
 * ASCII, and the letters that pass for digits folded to them (O→0, I and L→1, S→5, B→8), so a
 * number retyped with look-alikes keeps its key. `normalizeIdNumber("ab-1O2 456")` → "A8102456".
 */
export function normalizeIdNumber(id: string): string {
  return asciiDigits(id ?? "")
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, "")
    .replace(/[OISLB]/g, (c) => ID_FOLD[c] ?? c);
}

const ID_FOLD: Readonly<Record<string, string>> = {O: "0", I: "1", L: "1", S: "5", B: "8"};

/** The masked form of an ID number for display: "•••• 4567"; "" when it is too short to show any of it. */
export function maskIdNumber(id: string): string {
  const text = asciiDigits(id ?? "")
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
  return text.length >= 6 ? `•••• ${text.slice(-4)}` : text.length >= 4 ? `•••• ${text.slice(-2)}` : "••••";
}

/** The keyed fingerprint of an identity document number (see {@link bankFingerprint}). */
export function idFingerprint(keyHex: string, id: string): string {
  return hmacHex(keyHex, `id\n${normalizeIdNumber(id)}`).slice(0, FINGERPRINT_LENGTH);
}

/** A stored fingerprint in comparable form ("" when the cell does not hold one); longer stored forms compare by their prefix. */
export function fingerprintOf(cell: string): string {
  const text = (cell ?? "").trim().toLowerCase();
  return /^[0-9a-f]{32,}$/.test(text) ? text.slice(0, FINGERPRINT_LENGTH) : "";
}
