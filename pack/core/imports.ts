// What an import of a recruiter's sheet decides, row by row, before anything is written: the
// header it reads, who is new, and why everyone else is skipped (their canonical email is already
// in the ledger, or in an earlier row of the same sheet). Everyone else is added and screened.
import {checkBankAccount} from "./banking";
import {bankProblemText} from "./banking-text";
import type {Decision} from "./decisions";
import {planApplicant} from "./decisions";
import {badInput, isDomainError} from "./errors";
import {bankFingerprint} from "./identity";
import {duplicateMessage} from "./screening-text";
import type {Actor} from "./lifecycle";

type Cell = string | number | boolean;

/** A spreadsheet named by URL or id, with the tab a URL's #gid= points at. */
export interface SheetRef {
  spreadsheetId: string;
  gid?: number;
}

export function parseSheetRef(input: string): SheetRef {
  const text = (input ?? "").trim();
  const id = /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? text;
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(id)) {
    throw badInput(
      "SOURCE_REF",
      text
        ? `"${text.slice(0, 80)}" is not a Google Sheets URL or spreadsheet ID. Paste the recruiter sheet's URL (https://docs.google.com/spreadsheets/d/…).`
        : "The recruiter sheet is empty: give its Google Sheets URL.",
    );
  }
  const gid = /[#&?]gid=(\d+)/.exec(text)?.[1];
  return {spreadsheetId: id, gid: gid === undefined ? undefined : Number(gid)};
}

/** The fields an import reads, and the header spellings that name them (compared without case, spaces or punctuation). */
export const IMPORT_HEADERS = {
  name: [
    "name",
    "full name",
    "applicant",
    "applicant name",
    "candidate",
    "candidate name",
    "worker name",
    "nombre",
    "nome",
  ],
  first: ["first name", "given name", "forename", "first"],
  last: ["last name", "surname", "family name", "last"],
  email: ["email", "e-mail", "email address", "e-mail address", "mail", "correo"],
  phone: [
    "phone",
    "phone number",
    "mobile",
    "mobile number",
    "cell",
    "cell phone",
    "telephone",
    "tel",
    "whatsapp",
    "contact number",
  ],
  country: ["country", "country of residence", "residence country", "pais", "país"],
  timezone: ["timezone", "time zone", "tz"],
  account: ["bank account", "bank account number", "account number", "account", "iban", "clabe"],
  routing: ["routing", "routing number", "routing code", "aba", "sort code", "ifsc", "bank code"],
  bic: ["bic", "swift", "swift code", "bic swift"],
} as const;
type ImportField = keyof typeof IMPORT_HEADERS;

function headerKey(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/** Where each import field's column is, by header name, in any order. */
export function mapImportHeader(header: readonly Cell[]): Partial<Record<ImportField, number>> {
  const positions = new Map<string, number>();
  header.forEach((cell, i) => {
    const key = headerKey(String(cell));
    if (key && !positions.has(key)) {
      positions.set(key, i);
    }
  });
  const out: Partial<Record<ImportField, number>> = {};
  for (const field of Object.keys(IMPORT_HEADERS) as ImportField[]) {
    const at = IMPORT_HEADERS[field].map((h) => positions.get(headerKey(h))).find((i) => i !== undefined);
    if (at !== undefined) {
      out[field] = at;
    }
  }
  return out;
}

export interface ImportSummary {
  source: string;
  added: Array<{workerId: string; name: string; row: number}>;
  skipped: Array<{row: number; reason: string}>;
  problems: Array<{row: number; problem: string}>;
  notes: Array<{row: number; note: string}>;
  /** People added whose screening was Review or Match, with what it found. */
  screened: Array<{row: number; workerId: string; verdict: string; summary: string}>;
  /** Rows left for another run (more than {@link IMPORT_MAX_PER_RUN} new people). */
  remaining: number;
}

/** A row of the recruiter's sheet (1-based row number). */
export interface SourceRow {
  row: number;
  cells: readonly Cell[];
}

/** Refuses a sheet whose header has no email, country or name column, saying what it found. */
export function requireImportColumns(columns: Partial<Record<ImportField, number>>, header: readonly Cell[]): void {
  const missing = [
    columns.email === undefined && "Email",
    columns.country === undefined && "Country",
    columns.name === undefined &&
      (columns.first === undefined || columns.last === undefined) &&
      "Name (or First name and Last name)",
  ].filter(Boolean);
  if (missing.length) {
    throw badInput(
      "SOURCE_HEADER",
      `The recruiter sheet's first row has no ${missing.join(", ")} column. Found: ${header.map(String).filter(Boolean).join(", ") || "nothing"}.`,
    );
  }
}

/** The identity keys of the workers already in the ledger, to skip them. */
export interface LedgerKeys {
  ids: string[];
  /** Canonical email → the first worker with it: "W-000012 Ana Pérez", their status and recent requests. */
  byEmail: Map<string, {who: string; recent: string; status: string}>;
  lastRow: number;
}

/**
 * Indexes the ledger's columns (each a list of trimmed cells from row 2: worker id, name, email
 * key, recent requests, status); the first worker with an email key names it.
 */
export function indexLedgerKeys(columns: string[][]): LedgerKeys {
  const [ids = [], names = [], emails = [], recents = [], statuses = []] = columns;
  const who = (i: number) => `${ids[i] || `sheet row ${i + 2}`}${names[i] ? ` ${names[i]}` : ""}`;
  const keys: LedgerKeys = {
    ids,
    byEmail: new Map(),
    lastRow: Math.max(0, ...columns.map((c) => c.length)) + 1,
  };
  emails.forEach(
    (e, i) =>
      e &&
      !keys.byEmail.has(e.toLowerCase()) &&
      keys.byEmail.set(e.toLowerCase(), {who: who(i), recent: recents[i] ?? "", status: statuses[i] ?? ""}),
  );
  return keys;
}

/** A new applicant an import will add. */
export interface Planned {
  row: number;
  decision: Decision;
  /** The phone as written, for every reading of it at screening. */
  phone: string;
  /** The account's keyed fingerprint, compared at screening ("" when none or unreadable). */
  bank: string;
}

/** What the rows of a sheet come to: who is new, who is skipped and why, what could not be read. */
export interface ImportPlan {
  fresh: Planned[];
  skipped: Array<{row: number; reason: string}>;
  problems: Array<{row: number; problem: string}>;
  notes: Array<{row: number; note: string}>;
}

/**
 * Checks each row like AddApplicant and skips only someone whose canonical email is already in the
 * ledger (saying when that worker is Blacklisted) or in an earlier row, with the reason; a shared
 * phone, account or name is for screening, not a reason to leave someone off the record. Rows in `alreadyAdded` (by an
 * earlier commit of the same call) are neither added nor reported.
 */
export function planImport(
  rows: readonly SourceRow[],
  input: {
    columns: Partial<Record<ImportField, number>>;
    label: string;
    actor: Actor;
    now: string;
    fingerprintKey: string;
    ledger: LedgerKeys;
    requestKey: string;
    alreadyAdded: ReadonlySet<number>;
  },
): ImportPlan {
  const summary: ImportPlan = {fresh: [], skipped: [], problems: [], notes: []};
  const inSheet = new Map<string, number>();
  for (const {row, cells} of rows) {
    if (cells.every((c) => String(c ?? "").trim() === "")) {
      continue;
    }
    const cell = (field: ImportField) => {
      const at = input.columns[field];
      return at === undefined ? "" : String(cells[at] ?? "").trim();
    };
    const name = cell("name") || `${cell("first")} ${cell("last")}`.trim();
    let decision: Decision;
    try {
      decision = planApplicant(
        {
          name,
          email: cell("email"),
          country: cell("country"),
          phone: cell("phone"),
          timezone: cell("timezone"),
          source: input.label,
        },
        input.actor,
        input.now,
      );
    } catch (err) {
      if (!isDomainError(err)) {
        throw err;
      }
      summary.problems.push({row, problem: err.message});
      continue;
    }
    const c = decision.changes;
    const emailK = c.emailKey ?? "";
    let bank = "";
    if (cell("account")) {
      const check = checkBankAccount({
        account: cell("account"),
        country: c.country,
        routingCode: cell("routing"),
        bic: cell("bic"),
      });
      if (check.valid) {
        bank = bankFingerprint(input.fingerprintKey, check.key);
      } else {
        summary.notes.push({
          row,
          note: `bank account ${check.masked} not screened: ${bankProblemText(check).join(" ")}`,
        });
      }
    }
    const earlier = inSheet.get(emailK);
    if (earlier === undefined) {
      inSheet.set(emailK, row);
    }
    if (input.alreadyAdded.has(row)) {
      continue; // added by this call's earlier commit
    }
    const sameEmail = input.ledger.byEmail.get(emailK);
    const reason =
      earlier !== undefined
        ? `${name} repeats row ${earlier} of the sheet (same canonical email ${emailK}).`
        : sameEmail
          ? sameEmail.recent.includes(`"${input.requestKey}"`)
            ? `${c.email} was added as ${sameEmail.who} by an earlier run of this import.`
            : duplicateMessage(c.email ?? "", emailK, sameEmail.who, sameEmail.status)
          : "";
    if (reason) {
      summary.skipped.push({row, reason});
      continue;
    }
    summary.fresh.push({row, decision, phone: cell("phone"), bank});
  }
  return summary;
}
