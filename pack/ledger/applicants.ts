import type {Google} from "../google/http";
import {isGoogleApiError} from "../google/errors";
import type {CellValue, ValueRange} from "../google/sheets";
import {a1, batchGetValues, getSpreadsheet} from "../google/sheets";
import {checkBankAccount} from "../core/banking";
import type {Decision} from "../core/decisions";
import {planApplicant} from "../core/decisions";
import {badInput, DomainError, isDomainError} from "../core/errors";
import {applyEvent, workerPointerName} from "../core/fold";
import {bankFingerprint} from "../core/identity";
import type {IdentityTable} from "../core/screening";
import {IdentityIndex} from "../core/screening";
import {requireRole} from "../core/lifecycle";
import type {EventRecord, WorkerRecord} from "../core/records";
import {cleanText} from "../core/text";
import {bankProblemText} from "../core/banking-text";
import type {LockedWrite} from "./store/commit";
import {commit, CommitConflict} from "./store/commit";
import {requestKey} from "./store/ids";
import {BLACKLIST, EVENTS, WORKERS} from "./store/layout";
import {columnLetter, matchesLayout} from "./store/rows";
import type {Session} from "./store/session";
import {openSession} from "./store/session";
import {fingerprintKey, identityRanges, identityTables} from "./screening";
import {duplicateMessage, sameEmail, screenIntake} from "./intake";
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
  /** People added whose screening was Review or Match, with what it found. */
  screened: Array<{row: number; workerId: string; verdict: string; summary: string}>;
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

/** The Workers column of recent request keys, read beside the identity columns (an import run repeated adds nobody twice). */
function recentRange(index: number): string {
  const letter = columnLetter(index);
  return a1(WORKERS.name, `${letter}2:${letter}`);
}

async function recentColumn(session: Session, at: number): Promise<string[]> {
  const header = session.header(WORKERS);
  let range: ValueRange | undefined = session.extra[at];
  if (!matchesLayout(header)) {
    const index = header.index.get("recent");
    if (index === undefined) {
      return [];
    }
    [range] = await batchGetValues(session.g, session.ledger.spreadsheetId, [recentRange(index)], {
      what: "read the ledger's workers",
    });
  }
  return (range?.values ?? []).map((r) => String(r[0] ?? ""));
}

interface Planned {
  row: number;
  decision: Decision;
  phone: string;
  /** The account's fingerprint, compared with everyone at screening. */
  bank: string;
}

/**
 * Adds the people of a recruiter's sheet as Applicants. Each row is checked and screened like
 * AddApplicant, against the ledger, the Blacklist and the others added with it; only someone whose
 * canonical email is already in the ledger (saying when that worker is Blacklisted) or earlier in
 * the sheet is skipped, with the reason: a matching phone, account or name is added, on record. New workers are written {@link IMPORT_CHUNK} to an atomic
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
  const identity = identityRanges();
  const guessed = [...identity, recentRange(WORKERS.columns.findIndex((c) => c.key === "recent"))];
  const added: ImportSummary["added"] = [];
  const screened: ImportSummary["screened"] = [];
  const mine = new Set<number>();
  let conflicts = 0;
  let source: Awaited<ReturnType<typeof readSource>> | undefined;
  for (;;) {
    const session = await openSession(g, spec.ledger, now, {
      tabs: [WORKERS, EVENTS, BLACKLIST],
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
    const tables = await identityTables(session);
    const [workers] = tables;
    const recents = await recentColumn(session, identity.length);
    const requestKeyOf = requestKey("ImportApplicants", session.actor.email, spec.requestId, [
      ref.spreadsheetId,
      sheetName ?? "",
    ]);
    const summary: ImportSummary = {
      source: source.label,
      added,
      skipped: [],
      problems: [],
      notes: [],
      screened,
      remaining: 0,
    };
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
            note: `bank account ${check.masked} not screened: ${bankProblemText(check).join(" ")}`,
          });
        }
      }
      const earlier = inSheet.get(emailK);
      if (earlier === undefined) {
        inSheet.set(emailK, row);
      }
      if (mine.has(row)) {
        continue; // added by this call's earlier commit
      }
      const existing = sameEmail(workers, emailK);
      const who = `${workers.ids[existing] || `sheet row ${existing + 2}`}${workers.names[existing] ? ` ${workers.names[existing]}` : ""}`;
      const reason =
        earlier !== undefined
          ? `${name} repeats row ${earlier} of the sheet (same canonical email ${emailK}).`
          : existing >= 0
            ? (recents[existing] ?? "").includes(`"${requestKeyOf}"`)
              ? `${c.email} was added as ${who} by an earlier run of this import.`
              : duplicateMessage(c.email ?? "", emailK, who, workers.statuses[existing] ?? "")
            : "";
      if (reason) {
        summary.skipped.push({row, reason});
        continue;
      }
      fresh.push({row, decision, phone: cell("phone"), bank});
    }
    const room = Math.max(0, IMPORT_MAX_PER_RUN - added.length);
    summary.remaining = Math.max(0, fresh.length - room);
    const chunk = fresh.slice(0, Math.min(IMPORT_CHUNK, room));
    if (!chunk.length) {
      return summary;
    }
    const ids = [...workers.ids];
    const chunkIds = chunk.map(() => {
      const id = nextWorkerId(ids);
      ids.push(id);
      return id;
    });
    // Everyone in this commit is screened against the ledger and against each other.
    const index = new IdentityIndex([...tables, chunkTable(chunk, chunkIds)]);
    const writes: Array<LockedWrite<WorkerRecord>> = [];
    const events: EventRecord[] = [];
    const found: ImportSummary["screened"] = [];
    chunk.forEach(({row, decision, phone, bank}, k) => {
      const workerId = chunkIds[k] ?? "";
      const intake = screenIntake(decision, workerId, phone, now, (probe) =>
        index.screen({...probe, bankFingerprint: bank}),
      );
      if (intake.outcome.verdict !== "Clear") {
        found.push({
          row,
          workerId,
          verdict: intake.outcome.verdict,
          summary: intake.decision.changes.screeningSummary ?? "",
        });
      }
      const event = buildEvent(session, workerId, intake.decision, 1, requestKeyOf);
      const after = applyEvent(undefined, event);
      writes.push({
        tab: WORKERS,
        record: after,
        rowHint: workers.ids.length + 2 + k,
        lockFrom: "",
        lockTo: after.lock,
        pointerName: workerPointerName(workerId),
      });
      events.push(event, {...buildEvent(session, workerId, intake.screened, 0, ""), changes: {}});
    });
    try {
      await commit(session, {
        writes,
        appends: events.map((record) => ({tab: EVENTS, record})),
        what: `add ${chunk.length} applicants from the recruiter sheet`,
      });
    } catch (err) {
      if (err instanceof CommitConflict && ++conflicts <= CONFLICTS_ALLOWED) {
        continue;
      }
      if (err instanceof CommitConflict) {
        throw new DomainError(
          "BUSY",
          `The Workers tab kept changing while the import ran. ${added.length} applicants were added; run the import again to add the rest (nobody is added twice).`,
          "concurrency",
        );
      }
      throw err;
    }
    screened.push(...found);
    chunk.forEach(({row}, k) => {
      const record = writes[k]?.record;
      mine.add(row);
      added.push({workerId: record?.workerId ?? "", name: record?.name ?? "", row});
    });
  }
}

/** The people of one commit as an identity table, so they are screened against each other too. */
function chunkTable(chunk: readonly Planned[], ids: readonly string[]): IdentityTable {
  return {
    source: "Workers",
    firstRow: 0,
    ids: [...ids],
    workerIds: [...ids],
    names: chunk.map((p) => p.decision.changes.name ?? ""),
    emails: chunk.map((p) => p.decision.changes.emailKey ?? ""),
    phones: chunk.map((p) => p.decision.changes.phone ?? ""),
    banks: chunk.map((p) => p.bank),
    idNumbers: chunk.map(() => ""),
    statuses: chunk.map(() => "Applicant"),
  };
}
