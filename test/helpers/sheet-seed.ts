// Writes straight into the emulator's state, as a person or another tool would: recruiter spreadsheets.
// Ledger rows in the ledger's own layout are written by ledger-rows.ts.
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
