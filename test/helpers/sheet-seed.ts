// Writes straight into the emulator's state, as a hand edit or an import by another tool would:
// recruiter spreadsheets, and ledger rows in the ledger's real layout (for large fixtures and the bench).
import type {CellData} from "../../pack/google/sheets";
import type {TabDef} from "../../pack/ledger/store/layout";
import {layoutHeader, rowForAppend} from "../../pack/ledger/store/rows";
import type {Emulator} from "../../emulator/server";
import type {Spreadsheet, Value} from "../../emulator/model";
import {newSheet} from "../../emulator/model";

/** A spreadsheet owned by `owner` with tabs of plain values (row 1 the header), as a recruiter keeps one. */
export function addSpreadsheet(
  emu: Emulator,
  owner: string,
  title: string,
  tabs: Array<{title: string; rows: Value[][]}>,
): string {
  const id = emu.state.newId();
  const book: Spreadsheet = {
    spreadsheetId: id,
    properties: {title, locale: "en_US", timeZone: "Etc/UTC"},
    sheets: tabs.map((tab, index) => {
      const sheet = newSheet({
        sheetId: index === 0 ? 0 : 1000 + index,
        title: tab.title,
        index,
        gridProperties: {rowCount: Math.max(1000, tab.rows.length + 10), columnCount: 26},
      });
      sheet.rows = tab.rows.map((row) => row.map((v) => (v === "" ? undefined : v)));
      return sheet;
    }),
    namedRanges: new Map(),
    permissions: new Map([[owner.toLowerCase(), "owner"]]),
    nextProtectedRangeId: 1,
  };
  emu.state.spreadsheets.set(id, book);
  return id;
}

function cellValue(cell: CellData): Value | undefined {
  const v = cell.userEnteredValue;
  return v?.stringValue ?? v?.numberValue ?? v?.boolValue ?? undefined;
}

/** The values a record's row holds in a freshly created ledger tab. */
export function layoutRow<R>(tab: TabDef<R>, record: R): Array<Value | undefined> {
  return rowForAppend(layoutHeader(tab), record).map(cellValue);
}

/** Appends records to a ledger tab directly (no events, no locks): a ledger filled by hand or by a migration. */
export function seedRows<R>(emu: Emulator, spreadsheetId: string, tab: TabDef<R>, records: readonly R[]): void {
  const book = emu.state.spreadsheets.get(spreadsheetId);
  const sheet = book?.sheets.find((s) => s.properties.title === tab.name);
  if (!sheet) {
    throw new Error(`no ${tab.name} tab in ${spreadsheetId}`);
  }
  let end = sheet.rows.length;
  while (end > 0 && !(sheet.rows[end - 1] ?? []).some((v) => v !== undefined && v !== "")) {
    end--;
  }
  sheet.rows.length = end;
  for (const record of records) {
    sheet.rows.push(layoutRow(tab, record));
  }
  const grid = sheet.properties.gridProperties;
  grid.rowCount = Math.max(grid.rowCount, sheet.rows.length + 100);
}

/** Every text the emulator holds for a spreadsheet: cells, named ranges, protections. */
export function allText(emu: Emulator): string {
  const parts: string[] = [];
  for (const book of emu.state.spreadsheets.values()) {
    for (const sheet of book.sheets) {
      for (const row of sheet.rows) {
        for (const v of row ?? []) {
          if (v !== undefined) {
            parts.push(String(v));
          }
        }
      }
      parts.push(...sheet.formulas.values(), ...sheet.protectedRanges.map((p) => p.description ?? ""));
    }
    for (const named of book.namedRanges.values()) {
      parts.push(named.name, named.namedRangeId);
    }
  }
  parts.push(...emu.log.map((r) => `${r.path}${r.query}`));
  return parts.join("\n");
}
