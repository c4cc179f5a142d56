import type {Request} from "../../google/sheets";
import {a1, batchGetValues, getSpreadsheet, textCell} from "../../google/sheets";
import type {AnyTab} from "./layout";
import {ALL_TABS, tabGrid} from "./layout";
import {mapHeader} from "./rows";
import type {Session} from "./session";

/** What a ledger lacks of this layout, and the batchUpdate requests that add it. */
export interface StructurePlan {
  /** Layout tabs the ledger has no tab for; each is added by `requests`. */
  absent: AnyTab[];
  /** Per tab completed, the missing columns' headers and the 0-based column the first goes to. */
  columns: Array<{tab: AnyTab; headers: string[]; at: number}>;
  /** Send in one batchUpdate, so the tabs, the widened grids and the header cells land together or not at all. */
  requests: Request[];
}

/**
 * Plans adding every layout tab the ledger lacks (with its header row) and, for each tab present
 * that `complete` accepts, the columns its header lacks. A missing column's header goes right
 * after the header's last cell: when the grid goes on past it (the spare columns people write
 * notes in), empty columns are inserted there so no cell is relabelled or overwritten
 * (insertDimension shifts them right), else the grid is widened (appendDimension), so the
 * header cell is never written beyond the grid. Data rows are not touched. Used by UpgradeLedger
 * and RepairLedger; the caller decides which absent tabs it may recreate before sending.
 */
export async function planStructure(session: Session, complete: (tab: AnyTab) => boolean): Promise<StructurePlan> {
  const info = await getSpreadsheet(
    session.g,
    session.ledger.spreadsheetId,
    "sheets.properties(sheetId,title,gridProperties)",
    "read the ledger's tabs",
  );
  const sheets = (info.sheets ?? []).map((s) => s.properties ?? {});
  const absent = ALL_TABS.filter((t) => !sheets.some((s) => s.title === t.name));
  const requests: Request[] = [];
  const usedIds = new Set(sheets.map((s) => s.sheetId ?? -1));
  for (const tab of absent) {
    const sheetId = usedIds.has(tab.sheetId) ? Math.max(...usedIds) + 1 : tab.sheetId;
    usedIds.add(sheetId);
    requests.push(
      {addSheet: {properties: {sheetId, title: tab.name, gridProperties: tabGrid(tab)}}},
      {
        updateCells: {
          start: {sheetId, rowIndex: 0, columnIndex: 0},
          rows: [{values: tab.columns.map((c) => textCell(c.header))}],
          fields: "userEnteredValue",
        },
      },
    );
  }
  const present = ALL_TABS.filter((t) => !absent.includes(t) && complete(t));
  const heads = present.length
    ? await batchGetValues(
        session.g,
        session.ledger.spreadsheetId,
        present.map((t) => a1(t.name, "1:1")),
        {what: "read the ledger's headers"},
      )
    : [];
  const columns: StructurePlan["columns"] = [];
  present.forEach((tab, i) => {
    const map = mapHeader(tab, heads[i]?.values?.[0]);
    const sheet = sheets.find((s) => s.title === tab.name);
    if (!map.missing.length || sheet?.sheetId === undefined) {
      return;
    }
    const headers = map.missing.map((c) => c.header);
    requests.push(...widen(sheet.sheetId, sheet.gridProperties?.columnCount ?? 0, map.width, headers.length), {
      updateCells: {
        start: {sheetId: sheet.sheetId, rowIndex: 0, columnIndex: map.width},
        rows: [{values: headers.map((h) => textCell(h))}],
        fields: "userEnteredValue",
      },
    });
    columns.push({tab, headers, at: map.width});
  });
  return {absent, columns, requests};
}

/**
 * Room for `count` new columns right after the header's last cell: empty columns inserted there
 * when the grid goes on past it (cells beyond move right), the grid widened otherwise.
 * https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/request#insertdimensionrequest
 * https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/request#appenddimensionrequest
 */
function widen(sheetId: number, columnCount: number, width: number, count: number): Request[] {
  if (width < columnCount) {
    return [
      {
        insertDimension: {
          range: {sheetId, dimension: "COLUMNS", startIndex: width, endIndex: width + count},
          inheritFromBefore: width > 0,
        },
      },
    ];
  }
  return [{appendDimension: {sheetId, dimension: "COLUMNS", length: width + count - columnCount}}];
}
