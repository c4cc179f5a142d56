import type {Google} from "../google/http";
import {isGoogleApiError} from "../google/errors";
import type {CellValue, ValueRange} from "../google/sheets";
import {a1, batchGetValues, getSpreadsheet} from "../google/sheets";
import {checkBankAccount} from "../core/banking";
import type {Decision} from "../core/decisions";
import {planApplicant} from "../core/decisions";
import {badInput, DomainError, isDomainError} from "../core/errors";
import {applyEvent, workerPointerName} from "../core/fold";
import {bankFingerprint, fingerprintOf} from "../core/identity";
import {requireRole} from "../core/lifecycle";
import type {EventRecord, WorkerRecord} from "../core/records";
import {cleanText} from "../core/text";
import {bankProblemText} from "../core/banking-text";
import type {LockedWrite} from "./store/commit";
import {commit, retryOnConflict} from "./store/commit";
import {requestKey} from "./store/ids";
import {EVENTS, WORKERS} from "./store/layout";
import {columnLetter, matchesLayout} from "./store/rows";
import type {Session} from "./store/session";
import {openSession} from "./store/session";
import {fingerprintKey} from "./screening";
import {buildEvent, nextWorkerId} from "./workers";

/** New workers per atomic commit: one batchUpdate stays well under Sheets' request size limit. */
export const IMPORT_CHUNK = 500;
/** New workers per run: the rest are added by running the import again (it skips who is in). */
export const IMPORT_MAX_PER_RUN = 2_000;
const CONFLICTS_ALLOWED = 4;

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
export function mapImportHeader(header: readonly CellValue[]): Partial<Record<ImportField, number>> {
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
  /** Rows left for another run (more than {@link IMPORT_MAX_PER_RUN} new people). */
  remaining: number;
}

interface SourceRow {
  row: number;
  cells: readonly CellValue[];
}

async function readSource(
  g: Google,
  ref: SheetRef,
  sheetName: string | undefined,
): Promise<{label: string; header: CellValue[]; rows: SourceRow[]}> {
  const what = "read the recruiter sheet";
  try {
    const info = await getSpreadsheet(g, ref.spreadsheetId, "properties.title,sheets.properties(sheetId,title)", what);
    const tabs = (info.sheets ?? []).map((s) => s.properties ?? {});
    const wanted = sheetName?.trim();
    const tab = wanted
      ? (tabs.find((t) => t.title === wanted) ??
        tabs.find((t) => (t.title ?? "").toLowerCase() === wanted.toLowerCase()))
      : (tabs.find((t) => ref.gid !== undefined && t.sheetId === ref.gid) ?? tabs[0]);
    if (!tab?.title) {
      throw badInput(
        "SOURCE_TAB",
        `The recruiter sheet has no tab "${wanted ?? ""}". Its tabs are: ${
          tabs
            .map((t) => t.title)
            .filter(Boolean)
            .join(", ") || "none"
        }.`,
      );
    }
    const [values] = await batchGetValues(g, ref.spreadsheetId, [a1(tab.title, "A1:AZ")], {what});
    const all = values?.values ?? [];
    const rows = all.slice(1).map((cells, i) => ({row: i + 2, cells}));
    const url = `https://docs.google.com/spreadsheets/d/${ref.spreadsheetId}/edit#gid=${tab.sheetId ?? 0}`;
    return {
      label: `Recruiter sheet "${info.properties?.title ?? ref.spreadsheetId}" (${tab.title}): ${url}`.slice(0, 500),
      header: all[0] ?? [],
      rows,
    };
  } catch (err) {
    if (isGoogleApiError(err) && (err.status === 404 || err.status === 403)) {
      throw new DomainError(
        "SOURCE_UNREADABLE",
        err.status === 404
          ? "Google could not find the recruiter sheet: check its URL, and that it was not deleted."
          : "Your Google account cannot open the recruiter sheet: ask its owner to share it with you (Viewer is enough).",
      );
    }
    throw err;
  }
}

/** The ledger columns an import checks duplicates against. */
const DEDUPE_KEYS: ReadonlyArray<keyof WorkerRecord & string> = [
  "workerId",
  "name",
  "emailKey",
  "phone",
  "bankFingerprint",
  "recent",
];

function columnRange(index: number): string {
  const letter = columnLetter(index);
  return a1(WORKERS.name, `${letter}2:${letter}`);
}

interface LedgerKeys {
  ids: string[];
  /** key → "W-000012 Ana Pérez" */
  byEmail: Map<string, {who: string; recent: string}>;
  byPhone: Map<string, string>;
  byBank: Map<string, string>;
  lastRow: number;
}

async function ledgerKeys(session: Session): Promise<LedgerKeys> {
  const header = session.header(WORKERS);
  let columns: ValueRange[] = session.extra;
  if (!matchesLayout(header)) {
    const missing = DEDUPE_KEYS.filter((k) => !header.index.has(k) && k !== "bankFingerprint");
    if (missing.length) {
      throw new DomainError(
        "LEDGER_HEADER",
        `The Workers tab has no ${missing.join(", ")} column in row 1. Restore the header, or run RepairLedger.`,
      );
    }
    columns = await batchGetValues(
      session.g,
      session.ledger.spreadsheetId,
      DEDUPE_KEYS.map((k) => columnRange(header.index.get(k) ?? 700)),
      {
        what: "read the ledger's workers",
      },
    );
  }
  const [ids = [], names = [], emails = [], phones = [], banks = [], recents = []] = columns.map((c) =>
    (c.values ?? []).map((r) => String(r[0] ?? "").trim()),
  );
  const who = (i: number) => `${ids[i] || `sheet row ${i + 2}`}${names[i] ? ` ${names[i]}` : ""}`;
  const keys: LedgerKeys = {
    ids,
    byEmail: new Map(),
    byPhone: new Map(),
    byBank: new Map(),
    lastRow: Math.max(0, ...columns.map((c) => c.values?.length ?? 0)) + 1,
  };
  emails.forEach(
    (e, i) =>
      e &&
      !keys.byEmail.has(e.toLowerCase()) &&
      keys.byEmail.set(e.toLowerCase(), {who: who(i), recent: recents[i] ?? ""}),
  );
  phones.forEach((p, i) => p && !keys.byPhone.has(p) && keys.byPhone.set(p, who(i)));
  banks.forEach(
    (b, i) => fingerprintOf(b) && !keys.byBank.has(fingerprintOf(b)) && keys.byBank.set(fingerprintOf(b), who(i)),
  );
  return keys;
}

interface Planned {
  row: number;
  decision: Decision;
}

/**
 * Adds the people of a recruiter's sheet as Applicants. Each row is checked like AddApplicant;
 * anyone already in the ledger (same canonical email, phone or bank account) or earlier in the
 * sheet is skipped with the reason. New workers are written {@link IMPORT_CHUNK} to an atomic
 * commit, each under the same lock as AddApplicant's, so a concurrent AddApplicant or import of
 * the same person loses the race cleanly and is re-read. Running the import again adds nobody twice.
 */
export async function importApplicants(
  g: Google,
  spec: {ledger: string; sourceSheet: string; sheetName?: string; requestId?: string},
  now: string,
): Promise<ImportSummary> {
  const ref = parseSheetRef(spec.sourceSheet);
  const sheetName = cleanText(spec.sheetName, "sheet name", {max: 100}) || undefined;
  const guessed = DEDUPE_KEYS.map((k) => columnRange(WORKERS.columns.findIndex((c) => c.key === k)));
  const added: ImportSummary["added"] = [];
  const mine = new Set<number>();
  let source: Awaited<ReturnType<typeof readSource>> | undefined;
  const busy = () =>
    new DomainError(
      "BUSY",
      `The Workers tab kept changing while the import ran. ${added.length} applicants were added; run the import again to add the rest (nobody is added twice).`,
      "concurrency",
    );
  // Each pass re-reads the ledger and commits one chunk; a lost race costs one of the attempts in all.
  return retryOnConflict({busy, attempts: CONFLICTS_ALLOWED + 1}, async () => {
    for (;;) {
      const session = await openSession(g, spec.ledger, now, {
        tabs: [WORKERS, EVENTS],
        extraRanges: guessed,
        what: "import applicants",
      });
      requireRole(session.actor, "specialist", "ImportApplicants");
      if (ref.spreadsheetId === session.ledger.spreadsheetId) {
        throw badInput(
          "SOURCE_IS_LEDGER",
          "The recruiter sheet is the ledger itself; give the recruiter's own spreadsheet.",
        );
      }
      const key = fingerprintKey(session);
      source ??= await readSource(g, ref, sheetName);
      const columns = mapImportHeader(source.header);
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
          `The recruiter sheet's first row has no ${missing.join(", ")} column. Found: ${source.header.map(String).filter(Boolean).join(", ") || "nothing"}.`,
        );
      }
      const ledger = await ledgerKeys(session);
      const requestKeyOf = requestKey("ImportApplicants", session.actor.email, spec.requestId, [
        ref.spreadsheetId,
        sheetName ?? "",
      ]);
      const summary: ImportSummary = {source: source.label, added, skipped: [], problems: [], notes: [], remaining: 0};
      const fresh: Planned[] = [];
      const inSheet = new Map<string, number>();
      for (const {row, cells} of source.rows) {
        if (cells.every((c) => String(c ?? "").trim() === "")) {
          continue;
        }
        const cell = (field: ImportField) => {
          const at = columns[field];
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
              source: source.label,
            },
            session.actor,
            now,
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
            bank = bankFingerprint(key, check.key);
          } else {
            summary.notes.push({
              row,
              note: `bank account ${check.masked} not checked for duplicates: ${bankProblemText(check).join(" ")}`,
            });
          }
        }
        const keys = [`e:${emailK}`, c.phone ? `p:${c.phone}` : "", bank ? `b:${bank}` : ""].filter(Boolean);
        const earlier = keys.map((k) => inSheet.get(k)).find((r) => r !== undefined);
        for (const k of keys) {
          if (!inSheet.has(k)) {
            inSheet.set(k, row);
          }
        }
        if (mine.has(row)) {
          continue; // added by this call's earlier commit
        }
        const sameEmail = ledger.byEmail.get(emailK);
        const reason =
          earlier !== undefined
            ? `${name} repeats row ${earlier} of the sheet (same email, phone or bank account).`
            : sameEmail
              ? sameEmail.recent.includes(`"${requestKeyOf}"`)
                ? `${c.email} was added as ${sameEmail.who} by an earlier run of this import.`
                : `${c.email} is already in the ledger as ${sameEmail.who} (same canonical email ${emailK}).`
              : c.phone && ledger.byPhone.has(c.phone)
                ? `${name} has the phone number of ${ledger.byPhone.get(c.phone) ?? ""} (${c.phone}).`
                : bank && ledger.byBank.has(bank)
                  ? `${name} has the bank account of ${ledger.byBank.get(bank) ?? ""}.`
                  : "";
        if (reason) {
          summary.skipped.push({row, reason});
          continue;
        }
        fresh.push({row, decision});
      }
      const room = Math.max(0, IMPORT_MAX_PER_RUN - added.length);
      summary.remaining = Math.max(0, fresh.length - room);
      const chunk = fresh.slice(0, Math.min(IMPORT_CHUNK, room));
      if (!chunk.length) {
        return summary;
      }
      const ids = [...ledger.ids];
      const writes: Array<LockedWrite<WorkerRecord>> = [];
      const events: EventRecord[] = [];
      chunk.forEach(({decision}, k) => {
        const workerId = nextWorkerId(ids);
        ids.push(workerId);
        const event = buildEvent(session, workerId, decision, 1, requestKeyOf);
        const after = applyEvent(undefined, event);
        writes.push({
          tab: WORKERS,
          record: after,
          rowHint: ledger.lastRow + 1 + k,
          lockFrom: "",
          lockTo: after.lock,
          pointerName: workerPointerName(workerId),
        });
        events.push(event);
      });
      await commit(session, {
        writes,
        appends: events.map((record) => ({tab: EVENTS, record})),
        what: `add ${chunk.length} applicants from the recruiter sheet`,
      });
      chunk.forEach(({row}, k) => {
        const record = writes[k]?.record;
        mine.add(row);
        added.push({workerId: record?.workerId ?? "", name: record?.name ?? "", row});
      });
    }
  });
}
