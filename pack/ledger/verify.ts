import type {Google} from "../google/http";
import type {TabProtections} from "../google/sheets-ranges";
import type {CellValue} from "../google/sheets";
import {a1, batchGetValues, readEachPart} from "../google/sheets";
import {listProtections} from "../google/sheets-ranges";
import {currentUser} from "../google/userinfo";
import type {EventRecord, StaffRecord} from "../core/records";
import type {LedgerProblem, SealRow, VerifyResult} from "../core/verify";
import {LogVerifier, ReceiptBook} from "../core/verify";
import {EVENTS, LEAD_TABS, RECEIPTS_PREFIX, SEALS, STAFF, receiptsTab} from "./store/layout";
import type {ReceiptRecord, SealRecord} from "./store/layout";
import type {ParsedRow} from "./store/rows";
import {mapHeader, parseRows} from "./store/rows";
import type {LedgerRef} from "./store/ref";

/** Everything read to verify a ledger, kept for Findings and RepairLedger. */
export interface LedgerVerification extends VerifyResult {
  staff: Array<ParsedRow<StaffRecord>>;
  protections: TabProtections[];
  verifier: string;
}

/**
 * Verifies the whole decision log (pack/core/verify.ts) against every receipts tab and the seals,
 * and checks that each receipts tab and each lead-only tab is hard-protected as the trust model
 * needs. The receipts and then the log are read in row parts, each checked and dropped before the
 * next (readEachPart, pack/google/sheets.ts), so a log of any size stays within a pack's memory: one
 * request for the tabs, grids and protections, one for the headers, seals and Staff, then the parts.
 */
export async function verifyLedger(g: Google, ref: LedgerRef): Promise<LedgerVerification> {
  const [protections, user] = await Promise.all([
    listProtections(g, ref.spreadsheetId, "read the ledger's tabs and protections"),
    currentUser(g),
  ]);
  const receiptTabs = protections.filter((t) => t.title.startsWith(RECEIPTS_PREFIX));
  // A ledger of the previous layout has no Seals tab yet: Staff is read in its place and ignored.
  const hasSeals = protections.some((t) => t.title === SEALS.name);
  const what = "read the decision log to verify it";
  const values = await batchGetValues(
    g,
    ref.spreadsheetId,
    [
      a1(hasSeals ? SEALS.name : STAFF.name),
      a1(STAFF.name),
      a1(EVENTS.name, "1:1"),
      ...receiptTabs.map((t) => a1(t.title, "1:1")),
    ],
    {what},
  );
  const table = <R>(tab: Parameters<typeof mapHeader<R>>[0], i: number) => {
    const rows = values[i]?.values ?? [];
    return parseRows(mapHeader(tab, rows[0]), rows.slice(1), 2);
  };
  const seals = hasSeals ? table<SealRecord>(SEALS, 0).filter((s) => s.record.sealId) : [];
  const staff = table<StaffRecord>(STAFF, 1).filter((s) => s.record.email);
  // The grids came with the protections: each tab is read in parts below rows 1 to its last grid row.
  const grids = new Map(protections.map((t) => [t.title, {rows: t.rows, columns: t.columns}]));
  const inParts = async (title: string, take: (values: CellValue[][], firstRow: number) => void) => {
    const last = grids.get(title)?.rows ?? 0;
    if (last >= 2) {
      const range = a1(title, `2:${last}`);
      await readEachPart(g, ref.spreadsheetId, range, {what}, (part, offset) => take(part, 2 + offset), grids);
    }
  };

  const book = new ReceiptBook();
  for (const [i, t] of receiptTabs.entries()) {
    const actor = t.title.slice(RECEIPTS_PREFIX.length).toLowerCase();
    const header = mapHeader(receiptsTab(actor), values[3 + i]?.values?.[0]);
    await inParts(t.title, (part, first) =>
      book.add(
        actor,
        parseRows<ReceiptRecord>(header, part, first)
          .filter((r) => r.record.eventId)
          .map((r) => ({row: r.row, eventId: r.record.eventId, hash: r.record.hash})),
      ),
    );
  }
  const verifier = new LogVerifier(
    book,
    seals.map((s): SealRow => ({
      row: s.row,
      sealedThrough: s.record.sealedThrough,
      digest: s.record.digest,
      sealedAt: s.record.sealedAt,
      sealedBy: s.record.sealedBy,
      note: s.record.note,
    })),
  );
  const eventsHeader = mapHeader(EVENTS, values[2]?.values?.[0]);
  await inParts(EVENTS.name, (part, first) =>
    verifier.add(
      parseRows<EventRecord>(eventsHeader, part, first).filter(
        (e) => e.record.eventId || e.record.type || e.record.hash,
      ),
    ),
  );
  const result = verifier.finish();
  const problems = [...result.problems, ...protectionProblems(protections, receiptTabs)];
  return {...result, problems, staff, protections, verifier: user.email};
}

/**
 * Receipts prove authorship only while their tab is hard-protected, and the lead-only tabs
 * protect only while they are hard-protected. (Google shows a protection's editors only to its
 * editors, so who else could edit another person's receipts tab cannot always be seen: see
 * docs/trust-model.md.)
 */
function protectionProblems(tabs: readonly TabProtections[], receiptTabs: readonly TabProtections[]): LedgerProblem[] {
  const out: LedgerProblem[] = [];
  for (const t of receiptTabs) {
    const actor = t.title.slice(RECEIPTS_PREFIX.length).toLowerCase();
    if (!t.protections.some((p) => !p.warningOnly && p.wholeTab)) {
      out.push(
        problem(`"${t.title}" is not protected: anyone who edits the ledger could write receipts for ${actor}.`),
      );
    }
  }
  for (const def of LEAD_TABS) {
    const t = tabs.find((x) => x.title === def.name);
    if (t && !t.protections.some((p) => !p.warningOnly && p.wholeTab)) {
      out.push(
        problem(`The ${def.name} tab is not protected for leads only: run UpgradeLedger to protect it.`, "protection"),
      );
    }
  }
  return out;
}

function problem(explanation: string, rule = "receipts-unprotected"): LedgerProblem {
  return {row: 1, rule, explanation, eventId: "", workerId: ""};
}
