// Screening: what a person shares with the rows of Workers and the Blacklist, and the verdict. Informs, never decides.
import type {NameWords} from "./identity";
import type {Exact, Found, Key, MatchField, Probe} from "./screening-keys";

export type {MatchField, Probe} from "./screening-keys";
import {COLUMN, keyValues, probeKeys} from "./screening-keys";
import {compareNames, nameEntry, nameHow, NAME_REVIEW} from "./name-score";

export {blockKeys, clearCaches, editDistance, NAME_REVIEW, nameScore, wordSimilarity, WORD_FLOOR} from "./name-score";

/** The overall finding: nothing found, something a person should look at, or a hard identifier shared. */
export type Verdict = "Clear" | "Review" | "Match";
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

/** One thing a row shares with the person screened: which field, how it matched, and the score. */
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
  /** How it matched, in a few words: "same canonical email", "nickname (bob, robert)", "one reading of an ambiguous number". */
  how: string;
  /** A hard identifier (a Match on its own). */
  hard: boolean;
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

interface Ref {
  table: IdentityTable;
  index: number;
}

/** Gathers one probe's matches, then scores names and settles the verdict. */
class Collector {
  readonly found = new Map<string, {ref: Ref; fields: Map<MatchField, Found>}>();
  readonly candidates = new Map<string, Ref>();
  readonly words: NameWords;
  readonly keys: Key[];

  constructor(readonly probe: Probe) {
    this.words = nameEntry(probe.name).words;
    this.keys = probeKeys(probe);
  }

  private skip(ref: Ref): boolean {
    return Boolean(this.probe.selfId) && (ref.table.workerIds[ref.index] ?? "") === this.probe.selfId;
  }

  note(ref: Ref, field: MatchField, found: Found): void {
    if (this.skip(ref)) {
      return;
    }
    const key = `${ref.table.source}:${ref.index}`;
    const entry = this.found.get(key) ?? {ref, fields: new Map()};
    this.found.set(key, entry);
    const prior = entry.fields.get(field);
    if (!prior || prior.score < found.score) {
      entry.fields.set(field, found);
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
      const comparison = compareNames(this.words, nameEntry(other).words);
      const score = round(comparison.score);
      if (score >= NAME_REVIEW) {
        const how = nameHow(this.probe.name, other, comparison);
        this.note(ref, "Name", {
          score,
          detail: `Similar name "${other}" (score ${score.toFixed(2)}; ${how}).`,
          how,
          hard: false,
        });
      }
    }
    return {...summarize(this.found.values()), rowsChecked: rows, nameCandidates: this.candidates.size};
  }
}

/**
 * Screens one person against ledger tabs, reading each row once: identifiers are compared in
 * place, and a name is scored only when the row shares a block key with the person's name
 * (blocking: never every pair). For many people at once, build an {@link IdentityIndex}.
 */
export function screen(tables: readonly IdentityTable[], probe: Probe): ScreeningOutcome {
  const c = new Collector(probe);
  const blocks = new Set(nameEntry(probe.name).keys);
  let rows = 0;
  for (const table of tables) {
    const count = table.ids.length;
    rows += count;
    const columns = c.keys.map(
      (key) => [key, table[COLUMN[key.field]], key.value.slice(key.value.lastIndexOf("@"))] as const,
    );
    for (let index = 0; index < count; index++) {
      for (const [key, column, domain] of columns) {
        const cell = column[index];
        if (!cell) {
          continue;
        }
        if (cell === key.value) {
          c.note({table, index}, key.field, key.found);
          continue;
        }
        // A look-alike address is looked for only on the same domain; other keys appear in the cell as they are.
        const near =
          key.space === "EmailLike"
            ? cell.includes(domain)
            : cell.length > key.value.length && cell.toLowerCase().includes(key.value);
        if (near && keyValues(key.space, cell).includes(key.value)) {
          c.note({table, index}, key.field, key.found);
        }
      }
      const name = table.names[index];
      if (blocks.size && name && nameEntry(name).keys.some((k) => blocks.has(k))) {
        c.candidate({table, index});
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
 * The identity keys of ledger tabs, indexed once for many lookups: exact keys (email key and its
 * skeleton, phone, bank and ID fingerprints) and name blocks. A lookup compares names only with
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
        for (const space of ["Email", "EmailLike", "Phone", "BankAccount", "IdNumber"]) {
          const field: Exact = space === "EmailLike" ? "Email" : (space as Exact);
          for (const value of keyValues(space, table[COLUMN[field]][index])) {
            if (value) {
              push(this.exact, `${space}:${value}`, ref);
            }
          }
        }
        if (options.names !== false) {
          for (const key of nameEntry(table.names[index] ?? "").keys) {
            push(this.blocks, key, ref);
          }
        }
      }
    }
    this.rows = rows;
  }

  /** Rows holding an identifier (email key, E.164 phone, or a fingerprint's first 32 characters). */
  lookup(field: Exact, value: string): ReadonlyArray<{table: IdentityTable; index: number}> {
    return this.exact.get(`${field}:${value}`) ?? [];
  }

  /** Everything the indexed tabs hold that matches the person screened, and the verdict. */
  screen(probe: Probe): ScreeningOutcome {
    const c = new Collector(probe);
    for (const key of c.keys) {
      for (const ref of this.exact.get(`${key.space}:${key.value}`) ?? []) {
        c.note(ref, key.field, key.found);
      }
    }
    for (const key of nameEntry(probe.name).keys) {
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

/**
 * The verdict for one row: a hard identifier (email, bank account, ID number), or a phone with a
 * similar name, is a Match; anything else is for review. A name alone, a shared surname or a
 * household phone is never a Match.
 */
export function rowVerdict(fields: ReadonlySet<MatchField> | ReadonlyMap<MatchField, {hard: boolean}>): Verdict {
  const hard =
    fields instanceof Map
      ? [...fields.values()].some((f) => f.hard)
      : [...fields.keys()].some((f) => f === "Email" || f === "BankAccount" || f === "IdNumber");
  if (hard || (fields.has("Phone") && fields.has("Name"))) {
    return "Match";
  }
  return fields.size ? "Review" : "Clear";
}

const RANK: Readonly<Record<Verdict, number>> = {Clear: 0, Review: 1, Match: 2};

function summarize(entries: Iterable<{ref: Ref; fields: Map<MatchField, Found>}>): {
  verdict: Verdict;
  matches: ScreeningMatch[];
} {
  let verdict: Verdict = "Clear";
  const ranked: Array<{rank: number; matches: ScreeningMatch[]}> = [];
  for (const {ref, fields} of entries) {
    const rowV = rowVerdict(fields);
    if (RANK[rowV] > RANK[verdict]) {
      verdict = rowV;
    }
    const t = ref.table;
    const matches = [...fields].map(([field, {score, detail, how, hard}]): ScreeningMatch => ({
      source: t.source,
      id: t.ids[ref.index] ?? "",
      workerId: t.workerIds[ref.index] ?? "",
      name: t.names[ref.index] ?? "",
      status: t.statuses[ref.index] ?? "",
      row: t.firstRow + ref.index,
      field,
      score,
      how,
      hard,
      explanation: `${detail} ${where(ref)}.`.replace(/\.\.$/, "."),
    }));
    matches.sort((x, y) => y.score - x.score);
    ranked.push({rank: RANK[rowV] * 10 + (t.source === "Blacklist" ? 1 : 0) + (matches[0]?.score ?? 0) / 10, matches});
  }
  ranked.sort((x, y) => y.rank - x.rank);
  return {verdict, matches: ranked.flatMap((r) => r.matches)};
}
