import {badInput} from "../../core/errors";

export interface LedgerRef {
  spreadsheetId: string;
  url: string;
}

const ID = /^[A-Za-z0-9_-]{20,100}$/;

/**
 * The ledger spreadsheet named by a URL or a bare spreadsheet id.
 * `parseLedgerRef("https://docs.google.com/spreadsheets/d/1AbC…/edit#gid=0")` → {spreadsheetId: "1AbC…", …}.
 */
export function parseLedgerRef(input: string): LedgerRef {
  const text = (input ?? "").trim();
  const fromUrl = /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/.exec(text)?.[1];
  const id = fromUrl ?? text;
  if (!ID.test(id)) {
    throw badInput(
      "LEDGER_REF",
      text
        ? `"${text.slice(0, 80)}" is not a Google Sheets URL or spreadsheet ID. Use the ledger's URL (https://docs.google.com/spreadsheets/d/…) or the ID CreateLedger returned.`
        : "The ledger is empty. Give the ledger's Google Sheets URL, for example through a Ledger formula in your doc.",
    );
  }
  return {spreadsheetId: id, url: ledgerUrl(id)};
}

export function ledgerUrl(spreadsheetId: string): string {
  return `https://docs.google.com/spreadsheets/d/${spreadsheetId}/edit`;
}

/** A link that opens the ledger at a tab, and at a row when one is given. */
export function rowLink(spreadsheetId: string, sheetId: number, row?: number): string {
  return `${ledgerUrl(spreadsheetId)}#gid=${sheetId}${row ? `&range=A${row}` : ""}`;
}
