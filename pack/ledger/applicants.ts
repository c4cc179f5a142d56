import type {Google} from "../google/http";
import {isGoogleApiError} from "../google/errors";
import type {CellValue, ValueRange} from "../google/sheets";
import {a1, batchGetValues, getSpreadsheet} from "../google/sheets";
import {badInput, DomainError} from "../core/errors";
import {applyEvent, workerPointerName} from "../core/fold";
import {requireRole} from "../core/lifecycle";
import type {EventRecord, WorkerRecord} from "../core/records";
import {cleanText} from "../core/text";
import type {ImportSummary, Planned, SheetRef, SourceRow} from "../core/imports";
import type {IdentityTable} from "../core/screening";
import {IdentityIndex} from "../core/screening";
import {indexLedgerKeys, mapImportHeader, parseSheetRef, planImport, requireImportColumns} from "../core/imports";
import type {LockedWrite} from "./store/commit";
import {commit, retryOnConflict} from "./store/commit";
import {requestKey} from "./store/ids";
import {BLACKLIST, EVENTS, WORKERS} from "./store/layout";
import {columnLetter, matchesLayout} from "./store/rows";
import type {Session} from "./store/session";
import {openSession} from "./store/session";
import {fingerprintKey, identityRanges, identityTables} from "./screening";
import {screenIntake} from "./intake";
import {buildEvent, nextWorkerId} from "./workers";

/** New workers per atomic commit: one batchUpdate stays well under Sheets' request size limit. */
export const IMPORT_CHUNK = 500;
/** New workers per run: the rest are added by running the import again (it skips who is in). */
export const IMPORT_MAX_PER_RUN = 2_000;
const CONFLICTS_ALLOWED = 4;

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
        tabs: [WORKERS, EVENTS, BLACKLIST],
        extraRanges: guessed,
        what: "import applicants",
        needsKey: true,
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
      requireImportColumns(columns, source.header);
      const tables = await identityTables(session);
      const [workers] = tables;
      const recents = await recentColumn(session, identity.length);
      const ledger = indexLedgerKeys([workers.ids, workers.names, workers.emails, recents, workers.statuses]);
      const requestKeyOf = requestKey("ImportApplicants", session.actor.email, spec.requestId, [
        ref.spreadsheetId,
        sheetName ?? "",
      ]);
      const {fresh, ...checked} = planImport(source.rows, {
        columns,
        label: source.label,
        actor: session.actor,
        now,
        fingerprintKey: key,
        ledger,
        requestKey: requestKeyOf,
        alreadyAdded: mine,
      });
      const summary: ImportSummary = {source: source.label, added, ...checked, screened, remaining: 0};
      const room = Math.max(0, IMPORT_MAX_PER_RUN - added.length);
      summary.remaining = Math.max(0, fresh.length - room);
      const chunk = fresh.slice(0, Math.min(IMPORT_CHUNK, room));
      if (!chunk.length) {
        return summary;
      }
      const ids = [...ledger.ids];
      const chunkIds = chunk.map(() => {
        const id = nextWorkerId(ids);
        ids.push(id);
        return id;
      });
      // Everyone in this commit is screened against the ledger, the Blacklist and each other.
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
          rowHint: ledger.lastRow + 1 + k,
          lockFrom: "",
          lockTo: after.lock,
          pointerName: workerPointerName(workerId),
        });
        events.push(event, {...buildEvent(session, workerId, intake.screened, 0, ""), changes: {}});
      });
      await commit(session, {
        writes,
        appends: events.map((record) => ({tab: EVENTS, record})),
        what: `add ${chunk.length} applicants from the recruiter sheet`,
      });
      screened.push(...found);
      chunk.forEach(({row}, k) => {
        const record = writes[k]?.record;
        mine.add(row);
        added.push({workerId: record?.workerId ?? "", name: record?.name ?? "", row});
      });
    }
  });
}
