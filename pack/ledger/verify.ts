import type {Google} from "../google/http";
import type {TabProtections} from "../google/sheets-ranges";
import {a1, batchGetValues} from "../google/sheets";
import {listProtections} from "../google/sheets-ranges";
import {currentUser} from "../google/userinfo";
import type {EventRecord, StaffRecord} from "../core/records";
import type {LedgerProblem, ReceiptRow, SealRow, VerifyResult} from "../core/verify";
import {verifyLog} from "../core/verify";
import {EVENTS, LEAD_TABS, RECEIPTS_PREFIX, SEALS, STAFF, receiptsTab} from "./store/layout";
import type {ReceiptRecord, SealRecord} from "./store/layout";
import type {ParsedRow} from "./store/rows";
import {mapHeader, parseRows} from "./store/rows";
import type {LedgerRef} from "./store/ref";

/** Everything read to verify a ledger, kept for Findings and RepairLedger. */
export interface LedgerVerification extends VerifyResult {
  events: Array<ParsedRow<EventRecord>>;
  staff: Array<ParsedRow<StaffRecord>>;
  protections: TabProtections[];
  verifier: string;
}

/**
 * Reads the whole decision log, every receipts tab, the seals, the Staff tab and the
 * protections (two requests), and verifies them (pack/core/verify.ts). Also checks that each
 * receipts tab and each lead-only tab is hard-protected as the trust model needs.
 */
export async function verifyLedger(g: Google, ref: LedgerRef): Promise<LedgerVerification> {
  const [protections, user] = await Promise.all([
    listProtections(g, ref.spreadsheetId, "read the ledger's tabs and protections"),
    currentUser(g),
  ]);
  const receiptTabs = protections.filter((t) => t.title.startsWith(RECEIPTS_PREFIX));
  // A ledger of the previous layout has no Seals tab yet: Staff is read in its place and ignored.
  const hasSeals = protections.some((t) => t.title === SEALS.name);
  const ranges = [
    a1(EVENTS.name),
    a1(hasSeals ? SEALS.name : STAFF.name),
    a1(STAFF.name),
    ...receiptTabs.map((t) => a1(t.title)),
  ];
  // The whole log: planned in parts from the grid sizes (pack/google/sheets-parts.ts), so no answer is refused.
  const values = await batchGetValues(g, ref.spreadsheetId, ranges, {
    what: "read the decision log to verify it",
    large: true,
  });
  const table = <R>(tab: Parameters<typeof mapHeader<R>>[0], i: number) => {
    const rows = values[i]?.values ?? [];
    return parseRows(mapHeader(tab, rows[0]), rows.slice(1), 2);
  };
  const events = table<EventRecord>(EVENTS, 0).filter((e) => e.record.eventId || e.record.type || e.record.hash);
  const seals = hasSeals ? table<SealRecord>(SEALS, 1).filter((s) => s.record.sealId) : [];
  const staff = table<StaffRecord>(STAFF, 2).filter((s) => s.record.email);
  const receipts = new Map<string, ReceiptRow[]>();
  receiptTabs.forEach((t, i) => {
    const actor = t.title.slice(RECEIPTS_PREFIX.length).toLowerCase();
    const rows = table<ReceiptRecord>(receiptsTab(actor), 3 + i)
      .filter((r) => r.record.eventId)
      .map((r) => ({row: r.row, eventId: r.record.eventId, hash: r.record.hash}));
    receipts.set(actor, rows);
  });
  const result = verifyLog({
    events: events.map((e) => ({row: e.row, record: e.record})),
    receipts,
    seals: seals.map((s): SealRow => ({
      row: s.row,
      sealedThrough: s.record.sealedThrough,
      digest: s.record.digest,
      sealedAt: s.record.sealedAt,
      sealedBy: s.record.sealedBy,
      note: s.record.note,
    })),
  });
  const problems = [...result.problems, ...protectionProblems(protections, receiptTabs)];
  return {
    ...result,
    problems,
    events,
    staff,
    protections,
    verifier: user.email,
  };
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
