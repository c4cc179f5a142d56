import {DomainError} from "../core/errors";
import {workerPointerName} from "../core/fold";
import {requireRole} from "../core/lifecycle";
import type {EventRecord, WorkerRecord} from "../core/records";
import type {RepairPlan} from "../core/repair";
import {planRepair} from "../core/repair";
import type {Google} from "../google/http";
import {batchUpdate} from "../google/sheets";
import {commit, namedRangeIds, newEvent, retryOnConflict} from "./store/commit";
import type {LockedWrite} from "./store/commit";
import {requestKey} from "./store/ids";
import type {AnyTab} from "./store/layout";
import {EVENTS, SETTINGS, STAFF, WORKERS} from "./store/layout";
import {readForward} from "./store/read";
import type {ForwardCursor} from "./store/read";
import type {ParsedRow} from "./store/rows";
import type {Session} from "./store/session";
import {openSession} from "./store/session";
import {planStructure} from "./store/structure";
import {verifyLedger} from "./verify";
import {LEDGER_SUBJECT} from "./create";

export interface RepairReport {
  checked: number;
  fixed: string[];
  added: string[];
  leftAlone: string[];
  notRepaired: string[];
  tabsCreated: string[];
  headersAdded: string[];
  eventId: string;
}

/** Rows read per request while repairing. */
const REPAIR_PAGE_ROWS = 20_000;

/**
 * Rebuilds the Workers tab from the decision log (leads only): every row that disagrees with the
 * fold of its worker's events is rewritten, workers missing from the tab are added back, and every
 * difference is reported and recorded in one LedgerRepaired event. Missing tabs that can be
 * rebuilt are recreated and missing header cells restored; rows with no events, and workers whose
 * own log is damaged, are reported and left as they are.
 */
export async function repairLedger(
  g: Google,
  spec: {ledger: string; requestId?: string},
  now: string,
): Promise<RepairReport> {
  const first = await openSession(g, spec.ledger, now, {tabs: [], what: "repair the ledger"});
  requireRole(first.actor, "lead", "RepairLedger");
  const structure = await repairStructure(first);
  const busy = () =>
    new DomainError(
      "BUSY",
      "Workers kept changing while the repair ran; nothing was changed. Run RepairLedger again when the team is less busy.",
      "concurrency",
    );
  // The repair reads the whole ledger each time, so it gives up sooner than a one-worker action.
  return retryOnConflict({busy, attempts: 3}, async () => {
    const session = await openSession(g, spec.ledger, now, {tabs: [WORKERS, EVENTS], what: "repair the ledger"});
    const header = session.header(WORKERS);
    if (header.missing.length) {
      throw new DomainError(
        "LEDGER_HEADER",
        `The Workers tab still has no ${header.missing.map((c) => c.header).join(", ")} column; someone changed the header while the repair ran. Run RepairLedger again.`,
      );
    }
    const events = await readAll<EventRecord>(session, EVENTS);
    const rows = await readAll<WorkerRecord>(session, WORKERS);
    const bad = new Map<string, string>();
    for (const e of events) {
      if (e.problems.length && e.record.workerId) {
        bad.set(e.record.workerId, `Events sheet row ${e.row}: ${e.problems.join("; ")}`);
      }
    }
    // The log is verified first: no worker is rebuilt from an event that fails verification.
    const verified = session.header(EVENTS).index.has("hash") ? await verifyLedger(g, session.ledger) : undefined;
    for (const p of verified?.problems ?? []) {
      const worker =
        p.workerId || (p.eventId ? events.find((e) => e.record.eventId === p.eventId)?.record.workerId : "");
      if (worker && !bad.has(worker)) {
        bad.set(worker, `Events row ${p.row} fails verification (${p.rule}): ${p.explanation}`);
      }
    }
    // A rebuilt row keeps its chain: the hash of the worker's last event.
    const heads = new Map<string, string>();
    for (const e of events) {
      if (e.record.subject && e.record.hash) {
        heads.set(e.record.subject, e.record.hash);
      }
    }
    for (const r of rows) {
      // The row's chain ends at an event the log no longer has: its worker's last events were deleted.
      const head = heads.get(r.record.workerId) ?? "";
      if (r.record.chainHash && head && r.record.chainHash !== head && !bad.has(r.record.workerId)) {
        bad.set(
          r.record.workerId,
          `Workers row ${r.row} records a later decision than the log now holds: an event of ${r.record.workerId} was deleted`,
        );
      }
    }
    const valid = events.filter((e) => !e.problems.length).map((e) => e.record);
    let plan = planRepair(valid, rows, bad);
    // While the log misses events (a deleted event's receipt does not say whose it was), no row is
    // rewritten or added back from it: a person looks first.
    const deleted = (verified?.problems ?? []).filter((p) => p.rule === "deleted-event");
    const touched = [...plan.fixes.map((x) => x.expected), ...plan.missing].map((w) => w.workerId);
    if (deleted.length && touched.length) {
      const why = `the log misses events (the receipts of ${deleted.map((p) => p.eventId).join(", ")} have no event: run VerifyLedger), so no row is rebuilt from it`;
      for (const id of touched) {
        bad.set(id, why);
      }
      plan = planRepair(valid, rows, bad);
    }
    for (const worker of [...plan.fixes.map((x) => x.expected), ...plan.missing]) {
      worker.chainHash = heads.get(worker.workerId) ?? "";
    }
    const report = describe(plan, rows.length, structure);
    const key = requestKey("RepairLedger", session.actor.email, spec.requestId, []);
    const earlier = events.find(
      (e) =>
        e.record.type === "LedgerRepaired" &&
        e.record.requestKey === key &&
        (key.startsWith("r:") || Date.parse(now) - Date.parse(e.record.time) <= 60_000),
    );
    if (earlier) {
      // A repeat of a repair already recorded: report what the ledger looks like now, write nothing.
      return {...report, eventId: earlier.record.eventId};
    }
    // Every lock by name, to replace a repaired worker's lock whatever its Lock cell says.
    const locks = await namedRangeIds(session, "read the ledger's locks");
    const lastRow = Math.max(1, ...rows.map((r) => r.row));
    const writes: Array<LockedWrite<WorkerRecord>> = [
      ...plan.fixes.map((fix) => lockedWrite(fix.expected, fix.row, undefined, locks)),
      ...plan.missing.map((worker, i) => lockedWrite(worker, undefined, lastRow + 1 + i, locks)),
    ];
    const event = newEvent(session, {
      type: "LedgerRepaired",
      details: summary(report).slice(0, 45_000),
      requestKey: key,
      subject: LEDGER_SUBJECT,
    });
    await commit(session, {writes, appends: [{tab: EVENTS, record: event}], what: "write the repaired Workers rows"});
    return {...report, eventId: event.eventId};
  });
}

function lockedWrite(
  worker: WorkerRecord,
  row: number | undefined,
  rowHint: number | undefined,
  locks: ReadonlyMap<string, string>,
): LockedWrite<WorkerRecord> {
  const pointerName = workerPointerName(worker.workerId);
  return {
    tab: WORKERS,
    record: worker,
    row,
    rowHint,
    lockFrom: locks.get(pointerName) ?? "",
    lockTo: worker.lock,
    pointerName,
  };
}

async function readAll<R>(session: Session, tab: AnyTab): Promise<Array<ParsedRow<R>>> {
  const out: Array<ParsedRow<R>> = [];
  let cursor: ForwardCursor | undefined;
  do {
    if (Date.now() > session.g.deadline - 10_000) {
      throw new DomainError(
        "TOO_LARGE",
        `The ${tab.name} tab is too large to repair in one run (read ${out.length} rows before the time limit). Ask an engineer to archive old decisions, then run RepairLedger again.`,
      );
    }
    const page = await readForward<R>(session.g, session.ledger, tab, cursor, REPAIR_PAGE_ROWS);
    out.push(...page.rows);
    cursor = page.next;
  } while (cursor);
  return out;
}

/**
 * Recreates rebuildable tabs and restores missing header cells (not Staff's or Settings', which
 * only a lead edits by hand), in one atomic batchUpdate; refuses where data would be lost. A
 * restored header goes right after the header's last cell, in new columns inserted there when
 * the grid goes on past it (a note in a spare column moves right and keeps no header), the grid
 * widened otherwise (see planStructure, shared with UpgradeLedger).
 */
async function repairStructure(session: Session): Promise<{tabsCreated: string[]; headersAdded: string[]}> {
  const plan = await planStructure(session, (t) => t !== STAFF && t !== SETTINGS);
  const unrecoverable = plan.absent.filter((t) => t === EVENTS || t === STAFF || t === SETTINGS);
  if (unrecoverable.length) {
    throw new DomainError(
      "TAB_UNRECOVERABLE",
      `The ledger has no ${unrecoverable.map((t) => `"${t.name}"`).join(" or ")} tab, which cannot be rebuilt from anything else. Restore it from the spreadsheet's version history (File › Version history), then run RepairLedger again.`,
    );
  }
  if (plan.requests.length) {
    await batchUpdate(session.g, session.ledger.spreadsheetId, plan.requests, "restore the ledger's tabs and headers");
  }
  return {
    tabsCreated: plan.absent.map((t) => t.name),
    headersAdded: plan.columns.flatMap((c) => c.headers.map((h) => `${c.tab.name}!${h}`)),
  };
}

function describe(
  plan: RepairPlan,
  checked: number,
  structure: {tabsCreated: string[]; headersAdded: string[]},
): Omit<RepairReport, "eventId"> {
  return {
    checked,
    fixed: plan.fixes.map((f) => `${f.workerId} (sheet row ${f.row}): ${f.differences.join("; ")}`),
    added: plan.missing.map((w) => `${w.workerId} (${w.name || "no name"}, ${w.status})`),
    leftAlone: plan.leftAlone.map((l) => `sheet row ${l.row}${l.workerId ? ` (${l.workerId})` : ""}: ${l.why}`),
    notRepaired: plan.unsafe.map((u) => `${u.workerId}: ${u.why}`),
    tabsCreated: structure.tabsCreated,
    headersAdded: structure.headersAdded,
  };
}

export function summary(report: Omit<RepairReport, "eventId">): string {
  const parts = [
    `Checked ${report.checked} Workers rows.`,
    report.tabsCreated.length ? `Recreated tabs: ${report.tabsCreated.join(", ")}.` : "",
    report.headersAdded.length ? `Restored header cells: ${report.headersAdded.join(", ")}.` : "",
    report.fixed.length
      ? `Fixed ${report.fixed.length}: ${report.fixed.join(" | ")}`
      : "No row disagreed with the log.",
    report.added.length ? `Added back ${report.added.length}: ${report.added.join(", ")}.` : "",
    report.leftAlone.length ? `Left as they are: ${report.leftAlone.join(" | ")}` : "",
    report.notRepaired.length ? `Not repaired (damaged log): ${report.notRepaired.join(" | ")}` : "",
  ];
  return parts.filter(Boolean).join(" ");
}
