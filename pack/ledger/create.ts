import type {Google} from "../google/http";
import type {Request, RowData, SpreadsheetBody} from "../google/sheets";
import {batchUpdate, createSpreadsheet, numberCell, textCell} from "../google/sheets";
import {currentUser} from "../google/userinfo";
import {toHex} from "../core/hash";
import {recordLockId} from "../core/fold";
import {cleanText} from "../core/text";
import type {StaffRecord} from "../core/records";
import type {AnyTab} from "./store/layout";
import {ALL_TABS, tabGrid, EVENTS, LEAD_TABS, SCHEMA_VERSION, SETTINGS, STAFF, receiptsTab} from "./store/layout";
import {chainEvents} from "../core/chain";
import {receiptsTabRequests} from "./store/chain";

/** The subject of the ledger's own events (its creation, upgrades, repairs). */
export const LEDGER_SUBJECT = "ledger";
import {layoutHeader, rowForAppend} from "./store/rows";
import {randomBytes} from "./store/ids";
import {newEvent} from "./store/commit";
import {ledgerUrl} from "./store/ref";
import {settingRows} from "./store/settings";

/** The lock of a Staff row at a version. */
export function staffLockId(email: string, version: number): string {
  return recordLockId("s", email.toLowerCase(), version);
}

/** Warning-only protections: every specialist's actions write these tabs, so Google cannot keep them out. */
const WARNED: Readonly<Record<string, string>> = {
  Events:
    "The decision log is append-only: every row is a decision someone took, hashed and receipted. Do not edit or delete rows; VerifyLedger shows any change.",
};

/** Hard protections whose editors are exactly the current leads (AddStaff keeps them in step). */
export const LEAD_PROTECTED: Readonly<Record<string, string>> = {
  Staff: "Only leads can change the team: use AddStaff, RemoveStaff and ApproveStaffChange.",
  Settings: "Only leads can change settings.",
  Blacklist: "Blacklist entries are written when a lead approves a proposal. Only leads can change them.",
  Seals: "Seals of the decision log, written by SealLog. Only leads can write here.",
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
  chainEvents([created], LEDGER_SUBJECT, "");
  const receipts = receiptsTab(user.email);
  // The key lives in its own file, shared only with specialists and leads (AddStaff keeps it in step).
  const keyFile = await createKeyFile(g, title, key);
  const settings = settingRows({KeyFile: keyFile, CreatedAt: now, CreatedBy: user.email});
  const initial: Record<string, unknown[]> = {
    Staff: [staff],
    Events: [created],
    Settings: settings,
    [receipts.name]: [{eventId: created.eventId, hash: created.hash ?? "", time: now}],
  };

  const body: SpreadsheetBody = {
    properties: {title, locale: "en_US", timeZone: "Etc/UTC"},
    sheets: [...ALL_TABS, receipts as AnyTab].map((tab, index) => ({
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
    ...ALL_TABS.filter((t) => WARNED[t.name]).map((tab): Request => ({
      addProtectedRange: {
        protectedRange: {range: {sheetId: tab.sheetId}, description: WARNED[tab.name], warningOnly: true},
      },
    })),
    ...LEAD_TABS.map((tab): Request => ({
      addProtectedRange: {
        protectedRange: {
          range: {sheetId: tab.sheetId},
          description: LEAD_PROTECTED[tab.name],
          warningOnly: false,
          editors: {users: [user.email]},
        },
      },
    })),
    receiptsTabRequests(user.email)[2] as Request,
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

/**
 * Creates the spreadsheet that holds the fingerprint key: one "Key" tab, the key in B1. Only its
 * creator can open it until AddStaff shares it (read only) with specialists and leads.
 */
export async function createKeyFile(g: Google, ledgerTitle: string, key: string): Promise<string> {
  const created = await createSpreadsheet(
    g,
    {
      properties: {title: `${ledgerTitle} (fingerprint key)`, locale: "en_US", timeZone: "Etc/UTC"},
      sheets: [
        {
          properties: {sheetId: 0, title: "Key", index: 0, gridProperties: {rowCount: 3, columnCount: 3}},
          data: [
            {
              startRow: 0,
              startColumn: 0,
              rowData: [
                {
                  values: [
                    textCell("FingerprintKey"),
                    textCell(key),
                    textCell(
                      "Secret key for bank and ID fingerprints. Never share this file beyond specialists and leads; never change the key.",
                    ),
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
    "create the ledger's fingerprint key file",
  );
  return created.spreadsheetId;
}
