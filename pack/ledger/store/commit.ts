import type {GridRange, Request, RowData} from "../../google/sheets";
import {batchUpdate, getSpreadsheet} from "../../google/sheets";
import {isGoogleApiError} from "../../google/errors";
import type {AnyTab, TabDef} from "./layout";
import {ALL_TABS} from "./layout";
import {DomainError} from "../../core/errors";
import type {EventRecord, WorkerRecord} from "../../core/records";
import type {Session} from "./session";
import type {ParsedRow} from "./rows";
import {rowForAppend, runsForUpdate, unplacedColumns} from "./rows";
import {chainCommit, receiptRequests, receiptsTabRequests} from "./chain";
import {EVENTS} from "./layout";
import {newId} from "./ids";
import {CommitConflict, LockMissing, failingRequest} from "./retry";
import type {LockedWrite} from "./retry";

export * from "./retry";

export interface Append<R> {
  tab: TabDef<R>;
  record: R;
}

export interface Commit {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  writes: Array<LockedWrite<any>>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  appends: Array<Append<any>>;
  /** For messages: "record the suspension of W-000123". */
  what: string;
  /**
   * Named ranges to delete if they still exist (a notice's claim once its NoticeSent is recorded).
   * They go last, so when one is already gone the failing subrequest says so and the commit is
   * made again without them.
   */
  releases?: string[];
  /** More requests for the same batch (a notice's claim riding in its decision's commit). */
  requests?: Request[];
}

const refusedRiders = new WeakMap<object, number>();

/** Which of a commit's own `requests` Google refused, by index, when the commit failed for one of them. */
export function refusedRider(err: unknown): number | undefined {
  return err && typeof err === "object" ? refusedRiders.get(err) : undefined;
}

/**
 * Writes a commit as one spreadsheets.batchUpdate: all of it lands, or none of it. Text is
 * written as `stringValue`, so Sheets stores it as text whatever it starts with.
 */
export async function commit(
  session: Session,
  change: Commit,
  sheetIds?: ReadonlyMap<string, number>,
  firstReceipt = false,
): Promise<void> {
  // Every event is hashed onto its subject's chain, and its receipt goes to the actor's own tab in the same batch.
  const events = change.appends.some((a) => a.tab === EVENTS) ? chainCommit(session.header(EVENTS), change) : [];
  const requests = buildRequests(session, change, sheetIds);
  const receiptsFrom = requests.length;
  requests.push(
    ...(firstReceipt ? receiptsTabRequests(session.actor.email) : []),
    ...receiptRequests(session.actor.email, events),
  );
  const receiptsTo = requests.length;
  const releases = change.releases ?? [];
  requests.push(...(change.requests ?? []));
  requests.push(...releases.map((namedRangeId) => ({deleteNamedRange: {namedRangeId}})));
  try {
    await batchUpdate(session.g, session.ledger.spreadsheetId, requests, change.what);
  } catch (err) {
    if (!isGoogleApiError(err) || err.status !== 400) {
      throw err;
    }
    const message = err.googleMessage;
    // Branch on which subrequest failed ("requests[N]" in the answer); Google documents neither the
    // wording nor a code per cause, and a protected range answers 400 like a lost race.
    const failed = failingRequest(message);
    if (failed === undefined) {
      throw err;
    }
    if (failed >= receiptsFrom && failed < receiptsTo) {
      if (!firstReceipt && events.length) {
        // The actor's first action: their receipts tab is created, protected for them alone, in the same batch.
        return commit(session, change, sheetIds, true);
      }
      // Another first action of the same person made the tab at the same moment: decide again.
      throw new CommitConflict(message);
    }
    const kind = Object.keys(requests[failed] ?? {})[0];
    const own = requests.length - releases.length - (change.requests?.length ?? 0);
    if (failed >= requests.length - releases.length) {
      // A claim to release is already gone: nothing else was wrong, so commit without it.
      return commit(session, {...change, releases: []}, sheetIds, firstReceipt);
    }
    if (failed >= own) {
      refusedRiders.set(err, failed - own);
      throw err; // A request riding along (a notice's claim) was refused: say so.
    }
    if (kind === "deleteNamedRange") {
      // The lock the record held is gone: another commit moved it on, or it was deleted by hand.
      throw new LockMissing(message);
    }
    if (kind === "addNamedRange" || kind === "updateCells" || kind === "appendCells") {
      // A tab deleted and recreated by hand has a new sheet id: look the ids up once and write again.
      if (!sheetIds) {
        const ids = await currentSheetIds(session);
        if (ALL_TABS.some((t) => ids.has(t.name) && ids.get(t.name) !== t.sheetId)) {
          return commit(session, change, ids, firstReceipt);
        }
      }
      if (kind === "addNamedRange") {
        // The new lock already exists: another commit made this version first.
        throw new CommitConflict(message);
      }
      throw err; // A write was refused (a protected range): never a lost race.
    }
    throw err;
  }
}

export function buildRequests(session: Session, change: Commit, sheetIds?: ReadonlyMap<string, number>): Request[] {
  refuseUnplaced(session, change);
  const sheetIdOf = (tab: AnyTab) => sheetIds?.get(tab.name) ?? tab.sheetId;
  const requests: Request[] = [];
  for (const write of change.writes) {
    const header = session.header(write.tab);
    if (write.lockFrom) {
      requests.push({deleteNamedRange: {namedRangeId: write.lockFrom}});
    }
    const row = write.row ?? write.rowHint ?? 2;
    const range: GridRange = {
      sheetId: sheetIdOf(write.tab),
      startRowIndex: row - 1,
      endRowIndex: row,
      startColumnIndex: 0,
      endColumnIndex: Math.max(header.width, write.tab.columns.length),
    };
    const lock: Request = {
      addNamedRange: {namedRange: {namedRangeId: write.lockTo, name: write.pointerName ?? `ts_${write.lockTo}`, range}},
    };
    if (write.row === undefined) {
      // Subrequests apply in order: the row is appended first, so the lock's range is inside the
      // grid even when the append grows it (a range beyond the grid is refused).
      requests.push({
        appendCells: {
          sheetId: sheetIdOf(write.tab),
          rows: [{values: rowForAppend(header, write.record)}],
          fields: "userEnteredValue",
        },
      });
      requests.push(lock);
    } else {
      requests.push(lock);
      for (const run of runsForUpdate(header, write.record)) {
        requests.push({
          updateCells: {
            start: {sheetId: sheetIdOf(write.tab), rowIndex: write.row - 1, columnIndex: run.column},
            rows: [{values: run.cells}],
            fields: "userEnteredValue",
          },
        });
      }
    }
  }
  // One appendCells per tab keeps the log rows of one decision together and in order.
  const byTab = new Map<AnyTab, RowData[]>();
  for (const append of change.appends) {
    const rows = byTab.get(append.tab) ?? [];
    rows.push({values: rowForAppend(session.header(append.tab), append.record)});
    byTab.set(append.tab, rows);
  }
  for (const [tab, rows] of byTab) {
    requests.push({appendCells: {sheetId: sheetIdOf(tab), rows, fields: "userEnteredValue"}});
  }
  return requests;
}

/**
 * Refuses a commit that would write a value into a column the sheet does not have: such a value
 * would be silently dropped (a screening verdict, a clearance, an event's hash). The ledger was
 * made by an earlier layout, or someone deleted the header cell; UpgradeLedger adds the columns.
 */
function refuseUnplaced(session: Session, change: Commit): void {
  const lost = new Map<string, Set<string>>();
  for (const item of [...change.writes, ...change.appends]) {
    const columns = unplacedColumns(session.header(item.tab as AnyTab), item.record);
    for (const column of columns) {
      lost.set(item.tab.name, (lost.get(item.tab.name) ?? new Set()).add(column.header));
    }
  }
  if (lost.size) {
    const where = [...lost].map(([tab, headers]) => `the ${tab} tab has no ${[...headers].join(", ")} column`);
    throw new DomainError(
      "LEDGER_OUTDATED",
      `Cannot ${change.what}: ${where.join("; ")} in row 1, so what this action records there would be lost. The ledger is of an earlier layout (or a header was deleted by hand): a lead runs UpgradeLedger, which adds the missing columns without touching the data, then try again.`,
    );
  }
}

/** What an event says; who and when come from the session, the id is new unless given. */
export type EventFields = Pick<EventRecord, "type" | "details"> & Partial<Omit<EventRecord, "time" | "actor">>;

/** The one way to build a decision-log row: blank where the fields say nothing, seq 0 (no worker version). */
export function newEvent(by: {now: string; actor: {email: string}}, fields: EventFields): EventRecord {
  return {
    eventId: newId("E"),
    time: by.now,
    actor: by.actor.email,
    workerId: "",
    fromStatus: "",
    toStatus: "",
    reason: "",
    policyClause: "",
    evidence: "",
    changes: {},
    seq: 0,
    requestKey: "",
    ...fields,
  };
}

// Fields an action must be able to trust before it writes a worker's row.
const WRITTEN_FIELDS = ["workerId", "status", "version", "lock", "recent"] as const;
// Fields it must trust to act on a worker without writing the row (disputes).
const READ_FIELDS = ["workerId", "status"] as const;

/**
 * The worker's row, when the fields an action relies on can be read: all of those it writes
 * (`writes`, the default) or only the identity and status it reads. Refused otherwise, naming the row.
 */
export function requireWorker(
  worker: ParsedRow<WorkerRecord> | undefined,
  workerId: string,
  use: "writes" | "reads" = "writes",
): ParsedRow<WorkerRecord> {
  if (!worker) {
    throw new DomainError(
      "WORKER_NOT_FOUND",
      `There is no worker ${workerId} in this ledger. Check the id (it looks like W-000123).`,
    );
  }
  const fields: ReadonlyArray<keyof WorkerRecord> = use === "writes" ? WRITTEN_FIELDS : READ_FIELDS;
  if (fields.some((f) => worker.invalid.has(f))) {
    throw new DomainError(
      "ROW_PROBLEM",
      `Sheet row ${worker.row} of the Workers tab (${workerId}) cannot be trusted: ${worker.problems.join("; ")}. Fix the row by hand or run RepairLedger, then try again.`,
    );
  }
  return worker;
}

async function currentSheetIds(session: Session): Promise<Map<string, number>> {
  const info = await getSpreadsheet(
    session.g,
    session.ledger.spreadsheetId,
    "sheets.properties(sheetId,title)",
    "look up the ledger's tabs",
  );
  const ids = new Map<string, number>();
  for (const sheet of info.sheets ?? []) {
    const title = sheet.properties?.title;
    const id = sheet.properties?.sheetId;
    if (title !== undefined && id !== undefined && ALL_TABS.some((t) => t.name === title)) {
      ids.set(title, id);
    }
  }
  return ids;
}
