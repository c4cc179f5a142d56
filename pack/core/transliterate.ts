// Names in other scripts as Latin letters: Cyrillic, Greek, Arabic/Persian, Hebrew, Devanagari, Hangul and kana.
import {cleanUnicode, foldMixedScript} from "./unicode";

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
// Hebrew letters (final forms included); vowels are rarely written, so the phonetic key does the matching.
const HEBREW =
  "א:a ב:v ג:g ד:d ה:h ו:v ז:z ח:h ט:t י:y כ:kh ך:kh ל:l מ:m ם:m נ:n ן:n ס:s ע:a פ:f ף:f צ:ts ץ:ts ק:k ר:r ש:sh ת:t";
// Devanagari consonants carry an inherent "a" unless a vowel sign or virama follows.
const DEVA_CONSONANTS =
  "क:k ख:kh ग:g घ:gh ङ:n च:ch छ:chh ज:j झ:jh ञ:n ट:t ठ:th ड:d ढ:dh ण:n त:t थ:th द:d ध:dh न:n प:p फ:ph ब:b भ:bh म:m य:y र:r ल:l व:v श:sh ष:sh स:s ह:h ळ:l";
const DEVA_VOWELS = "अ:a आ:a इ:i ई:i उ:u ऊ:u ऋ:ri ए:e ऐ:ai ओ:o औ:au ा:a ि:i ी:i ु:u ू:u ृ:ri े:e ै:ai ो:o ौ:au ं:n ँ:n ः:h";

let letters: Map<string, string> | undefined;
let devaConsonants: Map<string, string> | undefined;
let devaVowels: Map<string, string> | undefined;

function tables(): [Map<string, string>, Map<string, string>, Map<string, string>] {
  if (!letters || !devaConsonants || !devaVowels) {
    letters = new Map([...table(CYRILLIC), ...table(GREEK), ...table(ARABIC), ...table(HEBREW)]);
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
 * A name in lower-case Latin letters: Unicode-cleaned (NFKC, invisible characters removed), Latin
 * words with look-alike Cyrillic or Greek letters folded to Latin, diacritics folded, and Cyrillic,
 * Greek, Arabic/Persian, Hebrew, Devanagari, Hangul and kana transliterated. Han characters and Thai
 * are kept as written and compared character by character (see `nameWords`).
 * `latinName("Дмитрий Иванов")` → "dmitrii ivanov"; `latinName("José Müller")` → "jose muller".
 */
export function latinName(name: string): string {
  let text = foldMixedScript(cleanUnicode(name ?? ""))
    .normalize("NFC")
    .toLowerCase();
  if (/^[\x20-\x7e]*$/.test(text)) {
    return text;
  }
  text = romanizeKana(text);
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
    .replace(/(?![\u0e00-\u0e7f])\p{M}+/gu, "")
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

// Kana in Hepburn romanisation: each mora, then the small ya/yu/yo, the doubling small tsu and the long-vowel mark.
const KANA_ROWS =
  "あa いi うu えe おo かka きki くku けke こko さsa しshi すsu せse そso たta ちchi つtsu てte とto なna にni ぬnu ねne のno " +
  "はha ひhi ふfu へhe ほho まma みmi むmu めme もmo やya ゆyu よyo らra りri るru れre ろro わwa をo んn " +
  "がga ぎgi ぐgu げge ごgo ざza じji ずzu ぜze ぞzo だda ぢji づzu でde どdo ばba びbi ぶbu べbe ぼbo ぱpa ぴpi ぷpu ぺpe ぽpo " +
  "ゃya ゅyu ょyo ぁa ぃi ぅu ぇe ぉo ゔvu";
let kanaMap: Map<string, string> | undefined;

/** Hiragana and katakana as Hepburn romaji: "タナカ ユキ" → "tanaka yuki"; "きょうこ" → "kyoko". */
export function romanizeKana(text: string): string {
  if (!/[\u3041-\u30ff]/.test(text)) {
    return text;
  }
  if (!kanaMap) {
    kanaMap = new Map();
    for (const entry of KANA_ROWS.split(" ")) {
      kanaMap.set(entry[0] ?? "", entry.slice(1));
    }
  }
  const map = kanaMap;
  // Katakana are hiragana 0x60 higher.
  const chars = [...text].map((c) => {
    const code = c.codePointAt(0) ?? 0;
    return code >= 0x30a1 && code <= 0x30f6 ? String.fromCodePoint(code - 0x60) : c;
  });
  let out = "";
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? "";
    const next = chars[i + 1] ?? "";
    if (c === "っ") {
      out += (map.get(next) ?? "")[0] ?? "";
    } else if (c === "ー") {
      continue;
    } else if (next && "ゃゅょ".includes(next) && map.has(c)) {
      const base = map.get(c) ?? "";
      const glide = map.get(next) ?? "";
      out += /^(sh|ch|j)/.test(base) ? base.slice(0, -1) + glide.slice(1) : base.slice(0, -1) + glide;
      i++;
    } else {
      out += map.get(c) ?? c;
    }
  }
  // A long vowel written out ("kyouko", "oota") is spelled once, as passports spell it.
  return out.replace(/ou/g, "o").replace(/uu/g, "u").replace(/oo/g, "o");
}
