// Reads and writes ledger rows straight in the emulated spreadsheet, in the real layout (pack/ledger/store/rows.ts),
// for tests, the demo and benchmarks that need many rows fast. Workers are built from a first event with
// applyEvent, so the Workers tab and the log agree unless a test edits one of them.
import {chainEvents} from "../../pack/core/chain";
import type {CellData} from "../../pack/google/sheets";
import type {AnyTab, TabDef} from "../../pack/ledger/store/layout";
import {EVENTS, SETTINGS, WORKERS, receiptsTab} from "../../pack/ledger/store/layout";
import {layoutHeader, rowForAppend} from "../../pack/ledger/store/rows";
import {applyEvent} from "../../pack/core/fold";
import type {EventRecord, WorkerChanges, WorkerRecord} from "../../pack/core/records";
import type {EmulatorState} from "../../emulator/state";
import type {Sheet, Spreadsheet, Value} from "../../emulator/model";
import {newSheet} from "../../emulator/model";

export function sheetOf(state: EmulatorState, spreadsheetId: string, tab: AnyTab | string): Sheet {
  const name = typeof tab === "string" ? tab : tab.name;
  const sheet = state.spreadsheets.get(spreadsheetId)?.sheets.find((s) => s.properties.title === name);
  if (!sheet) {
    throw new Error(`no tab ${name}`);
  }
  return sheet;
}

/** Blank rows left below appended records, as a sheet in use has. */
const SPARE_ROWS = 100;

function cellValue(cell: CellData): Value | undefined {
  const v = cell.userEnteredValue;
  return v?.stringValue ?? v?.numberValue ?? v?.boolValue ?? undefined;
}

/** The cells a record takes in the tab's layout, as the pack would write them. */
export function rowCells<R>(tab: TabDef<R>, record: R): Array<Value | undefined> {
  return rowForAppend(layoutHeader(tab), record).map(cellValue);
}

/**
 * Appends records after the tab's last non-blank row (no events, no locks: a ledger filled by hand, by a
 * migration or by a seeder), growing the grid with room to spare. Returns the first new row (1-based).
 * The one way tests, the demo and the bench write records into the emulator.
 */
export function appendRecords<R>(
  state: EmulatorState,
  spreadsheetId: string,
  tab: TabDef<R>,
  records: readonly R[],
): number {
  const sheet = sheetOf(state, spreadsheetId, tab);
  let end = sheet.rows.length;
  while (end > 0 && !(sheet.rows[end - 1] ?? []).some((v) => v !== undefined && v !== "")) {
    end--;
  }
  sheet.rows.length = end;
  for (const record of records) {
    sheet.rows.push(rowCells(tab, record));
  }
  const grid = sheet.properties.gridProperties;
  grid.rowCount = Math.max(grid.rowCount, sheet.rows.length + SPARE_ROWS);
  return end + 1;
}

/** Sets one cell by header name (row is 1-based), as a person editing the sheet would. */
export function setCell(
  state: EmulatorState,
  spreadsheetId: string,
  tab: AnyTab | string,
  row: number,
  header: string,
  value: Value | undefined,
): void {
  const sheet = sheetOf(state, spreadsheetId, tab);
  const col = (sheet.rows[0] ?? []).findIndex((h) => h === header);
  if (col < 0) {
    throw new Error(`no column ${header}`);
  }
  const cells = (sheet.rows[row - 1] ??= []);
  cells[col] = value;
}

/** Sets (or adds) a Settings value. */
export function setSetting(state: EmulatorState, spreadsheetId: string, key: string, value: string): void {
  const sheet = sheetOf(state, spreadsheetId, SETTINGS);
  const at = sheet.rows.findIndex((r) => r?.[0] === key);
  if (at >= 0) {
    (sheet.rows[at] as Array<Value | undefined>)[1] = value;
  } else {
    appendRecords(state, spreadsheetId, SETTINGS, [{key, value, note: ""}]);
  }
}

let counter = 0;

/** A decision that creates a worker with the given fields (sequence 1). */
export function creationEvent(
  workerId: string,
  fields: WorkerChanges,
  time: string,
  actor = "seed@tns.example",
): EventRecord {
  counter++;
  return {
    eventId: `E-SEED${String(counter).padStart(6, "0")}`,
    time,
    actor,
    workerId,
    type: "ApplicantAdded",
    fromStatus: "",
    toStatus: fields.status ?? "Applicant",
    reason: "",
    policyClause: "",
    evidence: "",
    details: "",
    changes: {status: "Applicant", statusSince: time, ...fields},
    seq: 1,
    requestKey: "",
  };
}

/**
 * Adds workers whose Workers rows agree with their single creation event in the log.
 * Returns the records as written.
 */
export function seedWorkers(
  state: EmulatorState,
  spreadsheetId: string,
  workers: ReadonlyArray<{workerId: string} & WorkerChanges>,
  time: string,
): WorkerRecord[] {
  // Recorded as the ledger's first lead would have through the pack: hashed, chained and receipted.
  const lead = String(sheetOf(state, spreadsheetId, "Staff").rows[1]?.[0] ?? "seed@tns.example");
  const events = workers.map(({workerId, ...fields}) => creationEvent(workerId, fields, time, lead));
  const records = events.map((e) => {
    const record = applyEvent(undefined, e);
    record.chainHash = chainEvents([e], e.workerId, "");
    return record;
  });
  appendRecords(state, spreadsheetId, EVENTS, events);
  appendRecords(state, spreadsheetId, WORKERS, records);
  const book = state.spreadsheets.get(spreadsheetId);
  if (book) {
    writeReceipts(book, events);
  }
  return records;
}

/** Cells of a tab as objects keyed by header, with their 1-based row numbers. */
export function records(
  state: EmulatorState,
  spreadsheetId: string,
  tab: AnyTab | string,
): Array<Record<string, Value | undefined> & {_row: number}> {
  const sheet = sheetOf(state, spreadsheetId, tab);
  const [header = [], ...rows] = sheet.rows.map((r) => r ?? []);
  return rows
    .map((r, i) => ({cells: r, record: {...Object.fromEntries(header.map((h, j) => [String(h), r[j]])), _row: i + 2}}))
    .filter(({cells}) => cells.some((v) => v !== undefined && v !== ""))
    .map(({record}) => record);
}

/** Appends each event's receipt to its actor's receipts tab, creating the tab (protected for them) when missing. */
export function writeReceipts(book: Spreadsheet, events: readonly EventRecord[]): void {
  const byActor = new Map<string, EventRecord[]>();
  for (const e of events) {
    const actor = e.actor.toLowerCase();
    const list = byActor.get(actor);
    if (list) {
      list.push(e);
    } else {
      byActor.set(actor, [e]);
    }
  }
  const owner = [...book.permissions].find(([, role]) => role === "owner")?.[0] ?? "";
  for (const [actor, list] of byActor) {
    const def = receiptsTab(actor);
    if (!book.sheets.some((s) => s.properties.sheetId === def.sheetId)) {
      const sheet = newSheet({
        sheetId: def.sheetId,
        title: def.name,
        index: book.sheets.length,
        gridProperties: {rowCount: 1000, columnCount: def.columns.length, frozenRowCount: 1},
      });
      sheet.rows.push(def.columns.map((c) => c.header));
      sheet.protectedRanges.push({
        protectedRangeId: book.nextProtectedRangeId++,
        range: {sheetId: def.sheetId},
        description: `Receipts of ${actor}`,
        warningOnly: false,
        editors: {users: [...new Set([actor, owner])]},
      });
      book.sheets.push(sheet);
    }
    appendRecords(
      {spreadsheets: new Map([[book.spreadsheetId, book]])} as unknown as EmulatorState,
      book.spreadsheetId,
      def,
      list.map((e) => ({eventId: e.eventId, hash: e.hash ?? "", time: e.time})),
    );
  }
}
