// Text normalisation applied before every identity key and every comparison.
import {CONFUSABLES} from "./data/confusables";

// Default-ignorable code points (zero-width spaces and joiners, soft hyphens, variation selectors,
// tag characters…) and the bidirectional controls: invisible, so they only ever hide a difference.
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Bidi_Control}]/gu;

/**
 * Unicode NFKC with invisible characters removed: full-width letters and digits, ligatures and
 * compatibility forms become their plain forms. `cleanUnicode("Ａｎａ\u200b")` → "Ana".
 */
export function cleanUnicode(text: string): string {
  return (text ?? "").normalize("NFKC").replace(INVISIBLE, "").normalize("NFKC");
}

/**
 * Decimal digits of any script (Arabic-Indic, Devanagari, Thai, full-width…) as ASCII digits.
 * Unicode lays each script's digits out as ten consecutive code points from zero, so a digit's
 * value is its distance from the start of its run. `asciiDigits("٠٥٥ ١٢٣")` → "055 123".
 */
export function asciiDigits(text: string): string {
  return cleanUnicode(text).replace(/\p{Nd}/gu, (d) => {
    const code = d.codePointAt(0) ?? 48;
    if (code < 128) {
      return d;
    }
    let start = code;
    while (start > code - 9 && /\p{Nd}/u.test(String.fromCodePoint(start - 1))) {
      start--;
    }
    return String((code - start) % 10);
  });
}

let prototypes: Map<string, string> | undefined;

function confusables(): Map<string, string> {
  if (!prototypes) {
    prototypes = new Map();
    for (const pair of CONFUSABLES.split("|")) {
      const [source = "", ...target] = [...pair];
      prototypes.set(source, target.join(""));
    }
  }
  return prototypes;
}

/**
 * The Unicode TR39 skeleton of a text, restricted to characters that pass for Latin letters and
 * digits: two texts with the same skeleton look alike. Case-sensitive, as TR39 defines it.
 * `skeleton("раураl")` (Cyrillic р, а, у) → "paypal".
 */
export function skeleton(text: string): string {
  const map = confusables();
  let out = "";
  for (const ch of cleanUnicode(text).normalize("NFD")) {
    out += map.get(ch) ?? ch;
  }
  return out.normalize("NFD");
}

const LATIN = /\p{Script=Latin}/u;
const LOOKALIKE = /[\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}\p{Script=Cherokee}\p{Script=Lisu}]/u;

/**
 * A word that mixes Latin letters with look-alike letters of another script ("Аnа" with
 * Cyrillic А and а) has those letters folded to the Latin ones they imitate; a word written in one
 * script is left alone, to be transliterated. `foldMixedScript("Mаria")` → "Maria".
 */
export function foldMixedScript(text: string): string {
  return cleanUnicode(text).replace(/[\p{L}\p{M}]+/gu, (word) => {
    if (!LATIN.test(word) || !LOOKALIKE.test(word)) {
      return word;
    }
    const map = confusables();
    return [...word.normalize("NFD")]
      .map((ch) => (LOOKALIKE.test(ch) ? (map.get(ch) ?? ch) : ch))
      .join("")
      .normalize("NFC");
  });
}

/** Whether a text has characters outside ASCII (after cleaning). */
export function hasNonAscii(text: string): boolean {
  return /[^\u0020-\u007e]/.test(text);
}
