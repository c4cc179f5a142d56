// The library's untranspiled build: the default one repeats Babel helpers in every file, 22 KB of
// the bundle. Only an ESM "import" export exists for it, so tsconfig.json maps it for tsx and tsc.
import {parsePhoneNumberFromString} from "libphonenumber-js/core/es6";
import type {CountryCode, MetadataJson} from "libphonenumber-js/core/es6";
// libphonenumber-js's "min" metadata without its display formats (see scripts/phone-metadata.ts).
import phoneMetadata from "./phone-metadata.json";

const METADATA = phoneMetadata as unknown as MetadataJson;
import {COUNTRY_CODES} from "./countries";
import {hmacHex} from "./hash";

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

// ---------- transliteration, phonetic keys and fingerprints ----------

/** "а:a б:b …" → a map from one character to its Latin spelling. */
function table(pairs: string): Map<string, string> {
  return new Map(pairs.split(" ").map((p) => [p[0] ?? "", p.slice(2)]));
}

// Cyrillic (Russian, Ukrainian, Belarusian, Serbian, Macedonian): passport-style (ICAO 9303) spellings.
const CYRILLIC =
  "а:a б:b в:v г:g д:d е:e ё:e ж:zh з:z и:i й:i к:k л:l м:m н:n о:o п:p р:r с:s т:t у:u ф:f х:kh ц:ts ч:ch ш:sh щ:shch ъ: ы:y ь: э:e ю:iu я:ia " +
  "і:i ї:i є:ie ґ:g ў:u ђ:dj ј:j љ:lj њ:nj ћ:c џ:dz ѓ:gj ќ:kj ѕ:dz";
// Greek (ELOT 743), after accents are removed; ου, αυ, ευ and γγ are handled first.
const GREEK = "α:a β:v γ:g δ:d ε:e ζ:z η:i θ:th ι:i κ:k λ:l μ:m ν:n ξ:x ο:o π:p ρ:r σ:s ς:s τ:t υ:y φ:f χ:ch ψ:ps ω:o";
// Arabic and Persian letters; short vowels are not written, so the phonetic key (consonants) does the matching.
const ARABIC =
  "ا:a أ:a إ:i آ:a ٱ:a ب:b ت:t ث:th ج:j ح:h خ:kh د:d ذ:dh ر:r ز:z س:s ش:sh ص:s ض:d ط:t ظ:z ع:a غ:gh ف:f ق:q ك:k ک:k ل:l م:m ن:n ه:h ة:a " +
  "و:w ي:y ی:y ى:a ء: ئ: ؤ: پ:p چ:ch ژ:zh گ:g ـ:";
// Devanagari consonants carry an inherent "a" unless a vowel sign or virama follows.
const DEVA_CONSONANTS =
  "क:k ख:kh ग:g घ:gh ङ:n च:ch छ:chh ज:j झ:jh ञ:n ट:t ठ:th ड:d ढ:dh ण:n त:t थ:th द:d ध:dh न:n प:p फ:ph ब:b भ:bh म:m य:y र:r ल:l व:v श:sh ष:sh स:s ह:h ळ:l";
const DEVA_VOWELS = "अ:a आ:a इ:i ई:i उ:u ऊ:u ऋ:ri ए:e ऐ:ai ओ:o औ:au ा:a ि:i ी:i ु:u ू:u ृ:ri े:e ै:ai ो:o ौ:au ं:n ँ:n ः:h";

let letters: Map<string, string> | undefined;
let devaConsonants: Map<string, string> | undefined;
let devaVowels: Map<string, string> | undefined;

function tables(): [Map<string, string>, Map<string, string>, Map<string, string>] {
  if (!letters || !devaConsonants || !devaVowels) {
    letters = new Map([...table(CYRILLIC), ...table(GREEK), ...table(ARABIC)]);
    devaConsonants = table(DEVA_CONSONANTS);
    devaVowels = table(DEVA_VOWELS);
  }
  return [letters, devaConsonants, devaVowels];
}

// Hangul: Revised Romanization of each syllable's parts, and the usual spellings of common surnames.
const HANGUL_INITIALS = "g kk n d tt r m b pp s ss - j jj ch k t p h".split(" ");
const HANGUL_VOWELS = "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i".split(" ");
const HANGUL_FINALS = "- g kk gs n nj nh d l lg lm lb ls lt lp lh m b bs s ss ng j ch k t p h".split(" ");
const KOREAN_SURNAMES = table(
  "김:kim 이:lee 박:park 최:choi 정:jung 강:kang 조:cho 윤:yoon 장:jang 임:lim 한:han 오:oh 서:seo 신:shin 권:kwon 황:hwang 안:ahn 송:song 류:ryu 홍:hong " +
    "전:jeon 고:ko 문:moon 양:yang 손:son 배:bae 백:baek 허:heo 유:yoo 남:nam 노:noh 하:ha 곽:kwak 성:sung 차:cha 주:joo 우:woo 구:koo 민:min 진:jin",
);

function hangulSyllable(ch: string): string {
  const code = (ch.codePointAt(0) ?? 0) - 0xac00;
  const part = (list: string[], i: number) => (list[i] === "-" ? "" : (list[i] ?? ""));
  return (
    part(HANGUL_INITIALS, Math.floor(code / 588)) +
    part(HANGUL_VOWELS, Math.floor((code % 588) / 28)) +
    part(HANGUL_FINALS, code % 28)
  );
}

/** A Korean name written as one word ("김민준") splits into surname and given name, as Latin spellings do. */
function romanizeHangul(word: string): string {
  const syllables = [...word];
  const surname = syllables.length >= 2 && syllables.length <= 4 ? (syllables[0] ?? "") : "";
  const rest = surname ? syllables.slice(1) : syllables;
  return `${surname ? `${KOREAN_SURNAMES.get(surname) ?? hangulSyllable(surname)} ` : ""}${rest.map(hangulSyllable).join("")}`;
}

/**
 * A name in lower-case Latin letters: diacritics folded, and Cyrillic, Greek, Arabic/Persian,
 * Devanagari and Hangul transliterated. Han characters, kana and other scripts are kept as written
 * (a name in 汉字 matches only the same characters, never its pinyin).
 * `latinName("Дмитрий Иванов")` → "dmitrii ivanov"; `latinName("José Müller")` → "jose muller".
 */
export function latinName(name: string): string {
  let text = (name ?? "").normalize("NFC").toLowerCase();
  if (/^[\x20-\x7e]*$/.test(text)) {
    return text;
  }
  if (/[\u0370-\u03ff]/.test(text)) {
    text = text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/ου/g, "ou")
      .replace(/([αεη])υ/g, "$1v")
      .replace(/γγ/g, "ng");
  }
  text = text.replace(/[\uac00-\ud7a3]+/g, romanizeHangul);
  const [map, consonants, vowels] = tables();
  let out = "";
  let inherent = false;
  const chars = [...text];
  chars.forEach((ch, i) => {
    const consonant = consonants.get(ch);
    const vowel = vowels.get(ch);
    if (ch === "\u094d" || ch === "\u093c") {
      // virama drops the inherent vowel; nukta only changes the consonant's sound
      inherent &&= ch === "\u093c";
      return;
    }
    if (vowel !== undefined && /[\u093e-\u094c]/.test(ch)) {
      out += vowel;
      inherent = false;
      return;
    }
    if (inherent && (consonant !== undefined || vowel !== undefined || /[\u0900-\u097f]/.test(ch))) {
      out += "a";
    }
    inherent = false;
    if (consonant !== undefined) {
      out += consonant;
      inherent = true;
    } else if (vowel !== undefined) {
      // an anusvara before ह sounds "ng": सिंह → singh
      out += ch === "\u0902" && chars[i + 1] === "ह" ? "ng" : vowel;
    } else {
      out += map.get(ch) ?? map.get(ch.normalize("NFD")[0] ?? "") ?? ch;
    }
  });
  return out
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/ß/g, "ss")
    .replace(/ø/g, "o")
    .replace(/ł/g, "l")
    .replace(/đ/g, "d")
    .replace(/æ/g, "ae")
    .replace(/œ/g, "oe")
    .replace(/þ/g, "th")
    .replace(/ı/g, "i")
    .toLowerCase();
}

/** The words of a name in Latin letters, in their written order: `nameTokens("Pérez-García, Ana")` → ["perez", "garcia", "ana"]. */
export function nameTokens(name: string): string[] {
  return latinName(name)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * A name's words; the words with hyphenated parts joined ("Min-jun" → "minjun"), when there are
 * any; and whether it was written in Arabic script (without short vowels, so only consonants compare).
 */
export interface NameWords {
  words: string[];
  compounds?: string[];
  abjad: boolean;
}

/** `nameWords("Kim Min-jun")` → {words: ["kim", "min", "jun"], compounds: ["kim", "minjun"], abjad: false}. */
export function nameWords(name: string): NameWords {
  const latin = latinName(name);
  const split = (text: string) => text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const words = split(latin);
  const compounds = split(latin.replace(/(?<=[\p{L}\p{N}])[-\u2010\u2011'\u2019](?=[\p{L}\p{N}])/gu, ""));
  return compounds.length === words.length
    ? {words, abjad: /[\u0600-\u06ff]/.test(name ?? "")}
    : {words, compounds, abjad: /[\u0600-\u06ff]/.test(name ?? "")};
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

/** An identity document number reduced to letters and digits, upper case: "ab-123 456" → "AB123456". */
export function normalizeIdNumber(id: string): string {
  return (id ?? "")
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
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
