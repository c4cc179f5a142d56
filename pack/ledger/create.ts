import type {Google} from "../google/http";
import type {Request, RowData, SpreadsheetBody} from "../google/sheets";
import {batchUpdate, createSpreadsheet, numberCell, textCell} from "../google/sheets";
import {currentUser} from "../google/userinfo";
import {toHex} from "../core/hash";
import {recordLockId} from "../core/fold";
import {cleanText} from "../core/text";
import type {StaffRecord} from "../core/records";
import type {AnyTab} from "./store/layout";
import {ALL_TABS, tabGrid, EVENTS, SCHEMA_VERSION, SETTINGS, STAFF} from "./store/layout";
import {layoutHeader, rowForAppend} from "./store/rows";
import {randomBytes} from "./store/ids";
import {newEvent} from "./store/commit";
import {ledgerUrl} from "./store/ref";
import {settingRows} from "./store/settings";

/** The lock of a Staff row at a version. */
export function staffLockId(email: string, version: number): string {
  return recordLockId("s", email.toLowerCase(), version);
}

const PROTECTED: Readonly<Record<string, string>> = {
  Events:
    "The decision log is append-only: every row is a decision someone took. Do not edit or delete rows; the Workers tab can be rebuilt from this log.",
  Blacklist: "Blacklist entries are written when a lead approves a proposal. Edit them only with the team's agreement.",
  Settings: "Changing FingerprintKey makes every stored fingerprint unmatchable. Change settings with care.",
};

/**
 * Creates a ledger workbook: every tab with its header row frozen, the decision log protected
 * (warning only, so the pack can append for every staff member while people are warned), the
 * creator as lead, a random fingerprint key and the layout version. Returns the ledger's URL.
 */
export async function createLedger(
  g: Google,
  titleInput: string,
  now: string,
): Promise<{url: string; spreadsheetId: string}> {
  const title = cleanText(titleInput, "title", {required: true, max: 200});
  const user = await currentUser(g);
  const key = toHex(randomBytes(32));
  const staff: StaffRecord = {
    email: user.email,
    role: "lead",
    addedBy: user.email,
    addedAt: now,
    version: 1,
    updatedAt: now,
    updatedBy: user.email,
    lock: staffLockId(user.email, 1),
  };
  const created = newEvent(
    {now, actor: user},
    {
      type: "LedgerCreated",
      details: `Ledger "${title}" created with layout version ${SCHEMA_VERSION}; ${user.email} is its first lead.`,
    },
  );
  const settings = settingRows({FingerprintKey: key, CreatedAt: now, CreatedBy: user.email});
  const initial: Record<string, unknown[]> = {Staff: [staff], Events: [created], Settings: settings};

  const body: SpreadsheetBody = {
    properties: {title, locale: "en_US", timeZone: "Etc/UTC"},
    sheets: ALL_TABS.map((tab, index) => ({
      properties: {
        sheetId: tab.sheetId,
        title: tab.name,
        index,
        gridProperties: tabGrid(tab),
      },
      data: [
        {
          startRow: 0,
          startColumn: 0,
          rowData: [
            headerRow(tab),
            ...(initial[tab.name] ?? []).map((r) => ({values: rowForAppend(layoutHeader(tab), r)})),
          ],
        },
      ],
    })),
  };
  const sheet = await createSpreadsheet(g, body, "create the ledger spreadsheet");
  const id = sheet.spreadsheetId;

  const requests: Request[] = [
    ...ALL_TABS.filter((t) => PROTECTED[t.name]).map((tab): Request => ({
      addProtectedRange: {
        protectedRange: {range: {sheetId: tab.sheetId}, description: PROTECTED[tab.name], warningOnly: true},
      },
    })),
    {
      addNamedRange: {
        namedRange: {
          namedRangeId: staff.lock,
          name: `ts_${staff.lock}`,
          range: {
            sheetId: STAFF.sheetId,
            startRowIndex: 1,
            endRowIndex: 2,
            startColumnIndex: 0,
            endColumnIndex: STAFF.columns.length,
          },
        },
      },
    },
  ];
  await batchUpdate(g, id, requests, "protect the new ledger's decision log");
  return {url: sheet.spreadsheetUrl ?? ledgerUrl(id), spreadsheetId: id};
}

function headerRow(tab: AnyTab): RowData {
  return {values: tab.columns.map((c) => ({...textCell(c.header), userEnteredFormat: {textFormat: {bold: true}}}))};
}

export {EVENTS, SETTINGS, numberCell};
