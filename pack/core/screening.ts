import type {NameWords} from "./identity";
import {fingerprintOf, nameWords, soundKey, spellingKey} from "./identity";

/** The overall finding: nothing found, something a person should look at, or a hard identifier shared. */
export type Verdict = "Clear" | "Review" | "Match";
export type MatchField = "Email" | "Phone" | "BankAccount" | "IdNumber" | "Name";

/** A name at or above this score is reported for review. */
export const NAME_REVIEW = 0.86;

/** The person screened, as keys: clear account and ID numbers are reduced to fingerprints before they get here. */
export interface Probe {
  name: string;
  emailKey?: string;
  /** E.164. */
  phone?: string;
  country?: string;
  bankFingerprint?: string;
  idFingerprint?: string;
  /** The worker being screened, never matched with themselves. */
  selfId?: string;
}

/** The identity columns of one ledger tab, one array per column, row i at sheet row `firstRow + i`. */
export interface IdentityTable {
  source: "Workers" | "Blacklist";
  firstRow: number;
  /** WorkerId for Workers, EntryId for the Blacklist. */
  ids: string[];
  workerIds: string[];
  names: string[];
  /** Cells may hold several values separated by spaces, commas or semicolons (Blacklist). */
  emails: string[];
  phones: string[];
  banks: string[];
  idNumbers: string[];
  statuses: string[];
}

/** One thing a row shares with the person screened. */
export interface ScreeningMatch {
  source: IdentityTable["source"];
  /** WorkerId or EntryId. */
  id: string;
  workerId: string;
  name: string;
  status: string;
  row: number;
  field: MatchField;
  score: number;
  explanation: string;
}

export interface ScreeningOutcome {
  verdict: Verdict;
  /** Strongest first; one entry per row and field. */
  matches: ScreeningMatch[];
  /** Rows compared on exact keys (every row) and on names (the blocked candidates only). */
  rowsChecked: number;
  nameCandidates: number;
}

const FIELD_SCORE: Readonly<Record<Exclude<MatchField, "Name">, number>> = {
  Email: 1,
  BankAccount: 1,
  IdNumber: 1,
  Phone: 0.9,
};
const HARD: ReadonlySet<MatchField> = new Set(["Email", "BankAccount", "IdNumber"]);

// ---------- name similarity ----------

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

/**
 * How alike two name words are, 0..1: one minus the edit distance over the longer length, on the
 * words and on their spelling keys (so transliteration variants are equal); an initial matches a
 * word it starts. With `abjad` (one name was written in Arabic script, without short vowels) words
 * with the same consonants count as alike.
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
  if (a.length === 1 || b.length === 1) {
    return a[0] === b[0] ? 0.8 : 0;
  }
  const sa = spellingKey(a);
  const sb = spellingKey(b);
  if (sa === sb) {
    return 0.96;
  }
  const score = Math.max(editSimilarity(a, b), editSimilarity(sa, sb));
  if (abjad && score < 0.9 && (soundKey(a) === soundKey(b) || consonants(a) === consonants(b))) {
    return 0.9;
  }
  return score;
}

/** Aligned words below this similarity mean the names differ, however alike the rest is. */
export const WORD_FLOOR = 0.75;

function alignedScore(x: readonly string[], y: readonly string[], abjad: boolean): number {
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  const pairs: Array<[number, number, number]> = [];
  short.forEach((a, i) => long.forEach((b, j) => pairs.push([wordSimilarity(a, b, abjad), i, j])));
  pairs.sort((x, y) => y[0] - x[0]);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  let sum = 0;
  let weakest = 1;
  for (const [score, i, j] of pairs) {
    if (!usedA.has(i) && !usedB.has(j)) {
      usedA.add(i);
      usedB.add(j);
      sum += score;
      weakest = Math.min(weakest, score);
    }
  }
  const mean = sum / short.length;
  // One word alone (a shared surname, a mononym), or one word that differs, is never strong evidence.
  if (short.length === 1 || weakest < WORD_FLOOR) {
    return Math.min(mean, 0.8);
  }
  return mean - 0.03 * (long.length - short.length);
}

const HYPHENS = "-";

/**
 * The words as written; with hyphenated parts joined; and with each pair of adjacent words run
 * together (`joined` says what was joined).
 */
function variants(name: NameWords): Array<{words: string[]; joined: string}> {
  let out = variantCache.get(name);
  if (!out) {
    out = computeVariants(name);
    variantCache.set(name, out);
  }
  return out;
}

const variantCache = new WeakMap<NameWords, Array<{words: string[]; joined: string}>>();

function computeVariants(name: NameWords): Array<{words: string[]; joined: string}> {
  const words = [...new Set(name.words)];
  const out = [{words, joined: ""}];
  if (name.compounds) {
    out.push({words: [...new Set(name.compounds)], joined: HYPHENS});
  }
  for (let i = 0; i + 1 < words.length && words.length <= 6; i++) {
    const joined = `${words[i]}${words[i + 1]}`;
    out.push({words: [...words.slice(0, i), joined, ...words.slice(i + 2)], joined});
  }
  return out;
}

// Joining words on both sides may only reconcile the same name split differently ("Sub-in",
// "Su-bin"), or compare hyphenated names as written ("Ye-in", "Ye-jin"); never make two different words alike.
function comparable(x: string, y: string): boolean {
  return (
    !x ||
    !y ||
    (x === HYPHENS && y === HYPHENS) ||
    (x !== HYPHENS && y !== HYPHENS && spellingKey(x) === spellingKey(y))
  );
}

/**
 * How alike two names are, 0..1, from their words in any order: each word of the shorter name
 * is paired with its most similar word of the longer one. Words run together ("Minjun",
 * "Min-jun") are tried either way. A single shared word, or any paired word below
 * {@link WORD_FLOOR}, scores at most 0.8.
 * `nameScore(nameWords("Ana Pérez"), nameWords("Perez, Ana"))` → 1.
 */
export function nameScore(a: NameWords, b: NameWords): number {
  if (!a.words.length || !b.words.length) {
    return 0;
  }
  const abjad = a.abjad || b.abjad;
  let best = 0;
  for (const xv of variants(a)) {
    for (const yv of variants(b)) {
      if (comparable(xv.joined, yv.joined)) {
        best = Math.max(best, alignedScore(xv.words, yv.words, abjad));
      }
    }
  }
  return Math.max(0, Math.min(1, best));
}

// ---------- finding matches ----------

function cellValues(cell: string | undefined): string[] {
  const text = (cell ?? "").trim();
  return !text ? [] : /[\s,;]/.test(text) ? text.split(/[\s,;]+/).filter(Boolean) : [text];
}

/**
 * The keys a name is blocked under: the sound key of each word and of adjacent words run
 * together ("Ye-jin" and "예진" both give "yejin"); a word whose sound key is a single letter
 * ("Lee", "Haddad") is keyed by the start of its spelling instead.
 */
export function blockKeys(words: readonly string[]): string[] {
  const joined = words.slice(1).map((w, i) => `${words[i] ?? ""}${w}`);
  const keys = new Set<string>();
  for (const word of [...words, ...joined]) {
    if (word.length > 1) {
      const sound = soundKey(word);
      keys.add(sound.length > 1 ? sound : `~${spellingKey(word).slice(0, 4)}`);
    }
  }
  return [...keys];
}

interface NameEntry {
  words: NameWords;
  keys: string[];
}

// Ledgers repeat names (Maria García, Mohamed Ali): each distinct name is read once per execution.
const names = new Map<string, NameEntry>();

function nameEntry(name: string): NameEntry {
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

interface Ref {
  table: IdentityTable;
  index: number;
}

type Exact = Exclude<MatchField, "Name">;

/** Gathers one probe's matches, then scores names and settles the verdict. */
class Collector {
  readonly found = new Map<string, {ref: Ref; fields: Map<MatchField, {score: number; detail: string}>}>();
  readonly candidates = new Map<string, Ref>();
  readonly words: NameWords;
  readonly exact: Array<[Exact, string, string]>;

  constructor(readonly probe: Probe) {
    this.words = nameWords(probe.name);
    const email = (probe.emailKey ?? "").toLowerCase();
    const bank = fingerprintOf(probe.bankFingerprint ?? "");
    const id = fingerprintOf(probe.idFingerprint ?? "");
    const exact: Array<[Exact, string, string]> = [
      ["Email", email, `Same email address (canonical form ${email}).`],
      ["Phone", probe.phone ?? "", `Same phone number ${probe.phone ?? ""}.`],
      ["BankAccount", bank, "Same bank account (equal fingerprints)."],
      ["IdNumber", id, "Same ID document number (equal fingerprints)."],
    ];
    this.exact = exact.filter(([, value]) => value);
  }

  private skip(ref: Ref): boolean {
    return Boolean(this.probe.selfId) && (ref.table.workerIds[ref.index] ?? "") === this.probe.selfId;
  }

  note(ref: Ref, field: MatchField, score: number, detail: string): void {
    if (this.skip(ref)) {
      return;
    }
    const key = `${ref.table.source}:${ref.index}`;
    const entry = this.found.get(key) ?? {ref, fields: new Map()};
    this.found.set(key, entry);
    const prior = entry.fields.get(field);
    if (!prior || prior.score < score) {
      entry.fields.set(field, {score, detail});
    }
  }

  candidate(ref: Ref): void {
    this.candidates.set(`${ref.table.source}:${ref.index}`, ref);
  }

  finish(rows: number): ScreeningOutcome {
    // Rows found on an identifier are compared on names too, for the explanation and the phone + name rule.
    for (const [key, entry] of this.found) {
      this.candidates.set(key, entry.ref);
    }
    for (const ref of this.candidates.values()) {
      const other = ref.table.names[ref.index] ?? "";
      const score = round(nameScore(this.words, nameEntry(other).words));
      if (score >= NAME_REVIEW) {
        this.note(ref, "Name", score, `Similar name "${other}" (score ${score.toFixed(2)}).`);
      }
    }
    return {...summarize(this.found.values()), rowsChecked: rows, nameCandidates: this.candidates.size};
  }
}

/** Whether a cell holds a value: one value, or several separated by spaces, commas or semicolons; fingerprints by their first 32 characters. */
function holds(cell: string | undefined, value: string, field: Exact): boolean {
  if (!cell || cell.length < value.length) {
    return false;
  }
  if (cell === value) {
    return true;
  }
  const lower = cell.toLowerCase();
  if (!lower.includes(value)) {
    return false;
  }
  const fingerprint = field === "BankAccount" || field === "IdNumber";
  return cellValues(lower).some((v) => (fingerprint ? fingerprintOf(v) : v) === value);
}

const COLUMN: Readonly<Record<Exact, "emails" | "phones" | "banks" | "idNumbers">> = {
  Email: "emails",
  Phone: "phones",
  BankAccount: "banks",
  IdNumber: "idNumbers",
};

/**
 * Screens one person against ledger tabs, reading each row once: identifiers are compared in
 * place, and a name is scored only when the row shares a block key with the person's name
 * (blocking: never every pair). For many people at once, build an {@link IdentityIndex}.
 */
export function screen(tables: readonly IdentityTable[], probe: Probe): ScreeningOutcome {
  const c = new Collector(probe);
  const keys = new Set(blockKeys(c.words.words));
  let rows = 0;
  for (const table of tables) {
    const count = table.ids.length;
    rows += count;
    const columns = c.exact.map(([field, value, detail]) => [table[COLUMN[field]], field, value, detail] as const);
    for (let index = 0; index < count; index++) {
      for (const [column, field, value, detail] of columns) {
        if (holds(column[index], value, field)) {
          c.note({table, index}, field, FIELD_SCORE[field], detail);
        }
      }
      const name = table.names[index];
      if (keys.size && name) {
        for (const key of nameEntry(name).keys) {
          if (keys.has(key)) {
            c.candidate({table, index});
            break;
          }
        }
      }
    }
  }
  return c.finish(rows);
}

export interface IndexOptions {
  /** Index names for fuzzy matching (off for exact-only duplicate checks). */
  names?: boolean;
}

/**
 * The identity keys of ledger tabs, indexed once for many lookups: exact keys (email key, phone,
 * bank and ID fingerprints) and name blocks (word sound keys). A lookup compares names only with
 * the rows sharing a block, never with every row.
 */
export class IdentityIndex {
  private readonly exact = new Map<string, Ref[]>();
  private readonly blocks = new Map<string, Ref[]>();
  readonly rows: number;

  constructor(tables: readonly IdentityTable[], options: IndexOptions = {}) {
    let rows = 0;
    for (const table of tables) {
      const count = table.ids.length;
      rows += count;
      for (let index = 0; index < count; index++) {
        const ref: Ref = {table, index};
        this.addAll(
          "Email",
          cellValues(table.emails[index]).map((e) => e.toLowerCase()),
          ref,
        );
        this.addAll("Phone", cellValues(table.phones[index]), ref);
        this.addAll("BankAccount", cellValues(table.banks[index]).map(fingerprintOf), ref);
        this.addAll("IdNumber", cellValues(table.idNumbers[index]).map(fingerprintOf), ref);
        if (options.names !== false) {
          for (const key of nameEntry(table.names[index] ?? "").keys) {
            push(this.blocks, key, ref);
          }
        }
      }
    }
    this.rows = rows;
  }

  private addAll(field: Exact, values: string[], ref: Ref): void {
    for (const value of values) {
      if (value) {
        push(this.exact, `${field}:${value}`, ref);
      }
    }
  }

  /** Rows holding an identifier (email key, E.164 phone, or a fingerprint's first 32 characters). */
  lookup(field: Exact, value: string): ReadonlyArray<{table: IdentityTable; index: number}> {
    return this.exact.get(`${field}:${value}`) ?? [];
  }

  /** Everything the indexed tabs hold that matches the person screened, and the verdict. */
  screen(probe: Probe): ScreeningOutcome {
    const c = new Collector(probe);
    for (const [field, value, detail] of c.exact) {
      for (const ref of this.lookup(field, value)) {
        c.note(ref, field, FIELD_SCORE[field], detail);
      }
    }
    for (const key of blockKeys(c.words.words)) {
      for (const ref of this.blocks.get(key) ?? []) {
        c.candidate(ref);
      }
    }
    return c.finish(this.rows);
  }
}

function push(map: Map<string, Ref[]>, key: string, ref: Ref): void {
  const list = map.get(key);
  if (list) {
    list.push(ref);
  } else {
    map.set(key, [ref]);
  }
}

function round(score: number): number {
  return Math.round(score * 100) / 100;
}

function where(ref: Ref): string {
  const t = ref.table;
  const i = ref.index;
  const status = t.statuses[i] ? ` (${t.statuses[i]})` : "";
  const who = `${t.workerIds[i] || ""} ${t.names[i] || ""}`.trim();
  // A Blacklist entry is named by the person on it; its id is in the EntryId column.
  return t.source === "Blacklist"
    ? `Blacklist entry for ${t.names[i] || t.workerIds[i] || `the person on sheet row ${t.firstRow + i}`}${t.names[i] && t.workerIds[i] ? ` (${t.workerIds[i]})` : ""}`
    : `${who || `sheet row ${t.firstRow + i}`}${status}`;
}

/** The verdict for one row: a hard identifier, or a phone with a similar name, is a Match; anything else is for review. */
export function rowVerdict(fields: ReadonlySet<MatchField>): Verdict {
  if ([...fields].some((f) => HARD.has(f)) || (fields.has("Phone") && fields.has("Name"))) {
    return "Match";
  }
  return fields.size ? "Review" : "Clear";
}

const RANK: Readonly<Record<Verdict, number>> = {Clear: 0, Review: 1, Match: 2};

function summarize(entries: Iterable<{ref: Ref; fields: Map<MatchField, {score: number; detail: string}>}>): {
  verdict: Verdict;
  matches: ScreeningMatch[];
} {
  let verdict: Verdict = "Clear";
  const ranked: Array<{rank: number; matches: ScreeningMatch[]}> = [];
  for (const {ref, fields} of entries) {
    const rowV = rowVerdict(new Set(fields.keys()));
    if (RANK[rowV] > RANK[verdict]) {
      verdict = rowV;
    }
    const t = ref.table;
    const matches = [...fields].map(([field, {score, detail}]): ScreeningMatch => ({
      source: t.source,
      id: t.ids[ref.index] ?? "",
      workerId: t.workerIds[ref.index] ?? "",
      name: t.names[ref.index] ?? "",
      status: t.statuses[ref.index] ?? "",
      row: t.firstRow + ref.index,
      field,
      score,
      explanation: `${detail} ${where(ref)}.`.replace(/\.\.$/, "."),
    }));
    matches.sort((x, y) => y.score - x.score);
    ranked.push({rank: RANK[rowV] * 10 + (t.source === "Blacklist" ? 1 : 0) + (matches[0]?.score ?? 0) / 10, matches});
  }
  ranked.sort((x, y) => y.rank - x.rank);
  return {verdict, matches: ranked.flatMap((r) => r.matches)};
}
