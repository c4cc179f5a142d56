// How alike two names are, and why: words in any order, spelling and transliteration variants,
// nicknames, a middle name added, dropped or changed, and scripts written without spaces.
import type {NameWords} from "./identity";
import {nameWords, soundKey, spellingKey} from "./identity";
import {sameGivenName} from "./nicknames";

/** A name at or above this score is reported for review. */
export const NAME_REVIEW = 0.86;
/** Aligned words below this similarity mean the names differ, however alike the rest is. */
export const WORD_FLOOR = 0.75;
/** A nickname or short form of the other name ("Bob", "Robert"). */
const NICKNAME = 0.93;
/** Taken off a score when the names agree only once a middle name is set aside. */
const MIDDLE_CHANGED = 0.05;

/** Optimal-string-alignment edit distance: insertions, deletions, substitutions and adjacent transpositions. */
export function editDistance(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  let prev2: number[] = [];
  let prev = Array.from({length: b.length + 1}, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (prev2[j - 2] ?? 0) + 1);
      }
      row.push(d);
    }
    prev2 = prev;
    prev = row;
  }
  return prev[b.length] ?? 0;
}

function editSimilarity(a: string, b: string): number {
  return 1 - editDistance(a, b) / Math.max(a.length, b.length, 1);
}

function consonants(word: string): string {
  return spellingKey(word)
    .replace(/(?!^)[aeiou]/g, "")
    .replace(/(.)\1+/g, "$1");
}

/** Consonants as an abjad writes them: after the first letter, the letters that also stand for vowels (v/w, y) left out. */
function abjadKey(word: string): string {
  const bare = `${word.slice(0, 1)}${word.slice(1).replace(/[vwy]/g, "")}`.replace(/[ck]h/g, "h");
  return soundKey(bare).replace(/^a(?=.)/, "");
}

/**
 * How alike two name words are, 0..1: one minus the edit distance over the longer length, on the
 * words and on their spelling keys (so transliteration variants are equal); a nickname of the
 * other scores {@link NICKNAME}; an initial matches a word it starts; single characters of Han or
 * Thai names match only themselves. With `abjad` (a name was written in Arabic or Hebrew script,
 * without short vowels) words with the same consonants count as alike.
 */
export function wordSimilarity(a: string, b: string, abjad = false): number {
  if (a === b) {
    return 1;
  }
  const [first, second] = a < b ? [a, b] : [b, a];
  const memo = abjad ? abjadSimilarities : similarities;
  let row = memo.get(first);
  if (!row) {
    if (memo.size > MEMO_LIMIT) {
      memo.clear();
    }
    row = new Map();
    memo.set(first, row);
  }
  let score = row.get(second);
  if (score === undefined) {
    score = computeWordSimilarity(a, b, abjad);
    row.set(second, score);
  }
  return score;
}

// Names repeat (Maria, Kumar, Mohamed), so word pairs repeat: remember their similarity.
const MEMO_LIMIT = 50_000;
const similarities = new Map<string, Map<string, number>>();
const abjadSimilarities = new Map<string, Map<string, number>>();

function computeWordSimilarity(a: string, b: string, abjad: boolean): number {
  if (!/^[a-z]/.test(a) || !/^[a-z]/.test(b)) {
    // A character of a Han or Thai name, or a word in a script not transliterated: as written.
    return [...a].length > 1 && [...b].length > 1 ? Math.max(0, editSimilarity(a, b)) : 0;
  }
  if (a.length === 1 || b.length === 1) {
    return a[0] === b[0] ? 0.8 : 0;
  }
  const sa = spellingKey(a);
  const sb = spellingKey(b);
  if (sa === sb) {
    return 0.96;
  }
  let score = Math.max(editSimilarity(a, b), editSimilarity(sa, sb));
  if (score < NICKNAME && sameGivenName(a, b)) {
    score = NICKNAME;
  }
  if (
    abjad &&
    score < 0.9 &&
    (soundKey(a) === soundKey(b) || consonants(a) === consonants(b) || abjadKey(a) === abjadKey(b))
  ) {
    return 0.9;
  }
  return score;
}

interface Aligned {
  score: number;
  pairs: Array<[string, string, number]>;
}

function align(x: readonly string[], y: readonly string[], abjad: boolean): Aligned {
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  const candidates: Array<[number, number, number]> = [];
  short.forEach((a, i) => long.forEach((b, j) => candidates.push([wordSimilarity(a, b, abjad), i, j])));
  candidates.sort((p, q) => q[0] - p[0]);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const pairs: Aligned["pairs"] = [];
  let sum = 0;
  let weakest = 1;
  for (const [score, i, j] of candidates) {
    if (!usedA.has(i) && !usedB.has(j)) {
      usedA.add(i);
      usedB.add(j);
      sum += score;
      weakest = Math.min(weakest, score);
      pairs.push([short[i] ?? "", long[j] ?? "", score]);
    }
  }
  const mean = sum / short.length;
  // One word alone (a shared surname, a mononym), or one word that differs, is never strong evidence.
  if (short.length === 1 || weakest < WORD_FLOOR) {
    return {score: Math.min(mean, 0.8), pairs};
  }
  return {score: mean - 0.03 * (long.length - short.length), pairs};
}

const HYPHENS = "-";
const ENDS = "ends";

interface Variant {
  words: string[];
  joined: string;
}

/**
 * The words as written; with hyphenated parts joined; with each pair of adjacent words run
 * together (`joined` says what was joined); and, for three words or more, the first and the last
 * alone (a middle name changed).
 */
function variants(name: NameWords): Variant[] {
  let out = variantCache.get(name);
  if (!out) {
    out = computeVariants(name);
    variantCache.set(name, out);
  }
  return out;
}

const variantCache = new WeakMap<NameWords, Variant[]>();

function computeVariants(name: NameWords): Variant[] {
  const words = [...new Set(name.words)];
  const out: Variant[] = [{words, joined: ""}];
  if (name.compounds) {
    out.push({words: [...new Set(name.compounds)], joined: HYPHENS});
  }
  // Characters of a Han or Thai name are not words to run together.
  const latin = words.every((w) => /^[a-z]/.test(w));
  for (let i = 0; latin && i + 1 < words.length && words.length <= 6; i++) {
    const joined = `${words[i]}${words[i + 1]}`;
    out.push({words: [...words.slice(0, i), joined, ...words.slice(i + 2)], joined});
  }
  if (latin && words.length >= 3) {
    out.push({words: [words[0] ?? "", words[words.length - 1] ?? ""], joined: ENDS});
  }
  return out;
}

// Joining words on both sides may only reconcile the same name split differently ("Sub-in",
// "Su-bin"), or compare hyphenated names as written ("Ye-in", "Ye-jin"); never make two different
// words alike. First-and-last is compared only with another first-and-last.
function comparable(x: string, y: string): boolean {
  if (x === ENDS || y === ENDS) {
    return x === y;
  }
  return (
    !x ||
    !y ||
    (x === HYPHENS && y === HYPHENS) ||
    (x !== HYPHENS && y !== HYPHENS && spellingKey(x) === spellingKey(y))
  );
}

/** A name comparison: the score and the word pairs it rests on, and whether a middle name was set aside. */
export interface NameComparison {
  score: number;
  pairs: Array<[string, string, number]>;
  middleSetAside: boolean;
}

/**
 * How alike two names are, 0..1, from their words in any order: each word of the shorter name
 * is paired with its most similar word of the longer one. Words run together ("Minjun",
 * "Min-jun") are tried either way; three-word names are also compared by first and last word
 * (a changed middle name costs {@link MIDDLE_CHANGED}). A single shared word, or any paired
 * word below {@link WORD_FLOOR}, scores at most 0.8.
 */
export function compareNames(a: NameWords, b: NameWords): NameComparison {
  const none: NameComparison = {score: 0, pairs: [], middleSetAside: false};
  if (!a.words.length || !b.words.length) {
    return none;
  }
  const abjad = a.abjad || b.abjad;
  let best = none;
  for (const xv of variants(a)) {
    for (const yv of variants(b)) {
      if (comparable(xv.joined, yv.joined)) {
        const aligned = align(xv.words, yv.words, abjad);
        const ends = xv.joined === ENDS;
        const score = ends ? aligned.score - MIDDLE_CHANGED : aligned.score;
        if (score > best.score) {
          best = {score, pairs: aligned.pairs, middleSetAside: ends};
        }
      }
    }
  }
  return {...best, score: Math.max(0, Math.min(1, best.score))};
}

/** `nameScore(nameWords("Ana Pérez"), nameWords("Perez, Ana"))` → 1. */
export function nameScore(a: NameWords, b: NameWords): number {
  return compareNames(a, b).score;
}

/** How two names compare, in words: "nickname (bob, robert); middle name differs". */
export function nameHow(probe: string, other: string, c: NameComparison): string {
  const notes: string[] = [];
  const script = (s: string) =>
    /[\u0400-\u04ff]/.test(s)
      ? "Cyrillic"
      : /[\u0370-\u03ff]/.test(s)
        ? "Greek"
        : /[\u0600-\u06ff]/.test(s)
          ? "Arabic"
          : /[\u0590-\u05ff]/.test(s)
            ? "Hebrew"
            : /[\u0900-\u097f]/.test(s)
              ? "Devanagari"
              : /[\uac00-\ud7a3]/.test(s)
                ? "Hangul"
                : /[\u3041-\u30ff]/.test(s)
                  ? "kana"
                  : /[\p{Script=Han}]/u.test(s)
                    ? "Han"
                    : /[\u0e00-\u0e7f]/.test(s)
                      ? "Thai"
                      : "Latin";
  const [sp, so] = [script(probe), script(other)];
  if (sp !== so) {
    notes.push(`transliterated (${sp} and ${so})`);
  }
  if (sp === "Han" || sp === "Thai") {
    notes.push("compared character by character");
  }
  for (const [x, y, s] of c.pairs) {
    if (x !== y && s === NICKNAME) {
      notes.push(`nickname (${x}, ${y})`);
    } else if (x !== y && s < 1 && /^[a-z]/.test(x)) {
      notes.push(`spelling (${x}, ${y})`);
    }
  }
  if (c.middleSetAside) {
    notes.push("middle name differs");
  } else if (nameEntry(probe).words.words.length !== nameEntry(other).words.words.length) {
    notes.push("a name added or dropped");
  }
  return notes.length ? notes.join("; ") : "same words";
}

/**
 * The keys a name is blocked under: the sound key of each word and of adjacent words run
 * together ("Ye-jin" and "예진" both give "yejin"), and its consonants as an abjad writes them; a
 * word whose sound key is a single letter ("Lee", "Haddad") is keyed by the start of its spelling instead.
 */
export function blockKeys(words: readonly string[]): string[] {
  const joined = words.slice(1).map((w, i) => `${words[i] ?? ""}${w}`);
  const keys = new Set<string>();
  // A Han or Thai name, character by character: its characters in any order.
  if (words.length > 1 && words.every((w) => !/^[a-z]/.test(w))) {
    keys.add(`@${[...words].sort().join("")}`);
  }
  for (const word of [...words, ...joined]) {
    if (word.length > 1) {
      const sound = soundKey(word);
      keys.add(sound.length > 1 ? sound : `~${spellingKey(word).slice(0, 4)}`);
      const abjad = /^[a-z]+$/.test(word) ? abjadKey(word) : "";
      // Only a real consonant key (a word of vowels alone is its own sound key).
      if (abjad.length > 1 && /^[aptksnlrj]+$/.test(abjad)) {
        keys.add(`#${abjad}`);
      }
    }
  }
  return [...keys];
}

export interface NameEntry {
  words: NameWords;
  keys: string[];
}

// Ledgers repeat names (Maria García, Mohamed Ali): each distinct name is read once per execution.
const names = new Map<string, NameEntry>();

/** A name's words and block keys, remembered. */
export function nameEntry(name: string): NameEntry {
  let entry = names.get(name);
  if (!entry) {
    if (names.size > 200_000) {
      names.clear();
    }
    const words = nameWords(name);
    entry = {words, keys: blockKeys(words.words)};
    names.set(name, entry);
  }
  return entry;
}

/** Forgets remembered names and word similarities (each Coda execution starts without them). */
export function clearCaches(): void {
  names.clear();
  similarities.clear();
  abjadSimilarities.clear();
}
