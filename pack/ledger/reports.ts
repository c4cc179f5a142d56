// Reads what reports count: the tail of the decision log back to a start time, disputes, audits,
// and each worker's country.
import type {Google} from "../google/http";
import type {AuditRecord, DisputeRecord, EventRecord} from "../core/records";
import type {SummaryInput} from "../core/reports";
import {caseworkNow, UNKNOWN_COUNTRY} from "../core/reports";
import {columns, readColumns} from "./store/columns";
import {AUDITS, DISPUTES, EVENTS, SETTINGS, WORKERS} from "./store/layout";
import {settingsFrom} from "./monitoring";
import {gridRowCount} from "./store/read";
import {setting} from "./store/settings";
import type {LedgerRef} from "./store/ref";

/** Log rows read per request, newest first. */
export const REPORT_LOG_CHUNK = 50_000;
// Rows are appended in commit order; allow for clocks a little apart before stopping at `from`.
const SLACK_MS = 10 * 60_000;

const EVENT_KEYS: ReadonlyArray<keyof EventRecord & string> = ["time", "workerId", "type", "reason", "policyClause"];
const DISPUTE_KEYS: ReadonlyArray<keyof DisputeRecord & string> = [
  "disputeId",
  "workerId",
  "openedAt",
  "decidedAt",
  "dueAt",
  "status",
];
const AUDIT_KEYS: ReadonlyArray<keyof AuditRecord & string> = [
  "auditId",
  "workerId",
  "status",
  "dueDate",
  "completedAt",
];

/**
 * Everything a report needs for the period from `from`: the decision log is read from its end
 * backwards, a chunk at a time, until a chunk reaches before `from`.
 */
export async function loadActivity(g: Google, ref: LedgerRef, from: string, now: string): Promise<SummaryInput> {
  const end = await gridRowCount(g, ref, EVENTS);
  const firstOf = (last: number) => Math.max(2, last - REPORT_LOG_CHUNK + 1);
  let last = end;
  const [settings, workers, disputes, audits, tail] = await readColumns(
    g,
    ref,
    [
      columns(SETTINGS, ["key", "value"]),
      // The issue-17 columns read as empty on a ledger that does not have them yet.
      columns(WORKERS, [
        "workerId",
        "country",
        "pendingBlacklist",
        "status",
        "suspensionKind",
        "reviewDueAt",
        "pendingLift",
        "strikes",
      ]),
      columns(DISPUTES, DISPUTE_KEYS),
      columns(AUDITS, AUDIT_KEYS),
      columns(EVENTS, EVENT_KEYS, firstOf(last), last),
    ],
    "read the ledger for a report",
  );
  const settingsMap = settingsFrom(settings.rows);
  const events: Array<Pick<EventRecord, "time" | "workerId" | "type" | "reason" | "policyClause">> = [];
  let chunk = tail;
  const stop = Date.parse(from) - SLACK_MS;
  for (;;) {
    let reached = false;
    for (const r of chunk.rows) {
      if (r.invalid.has("time") || !r.record.time) {
        continue;
      }
      if (Date.parse(r.record.time) < stop) {
        reached = true;
      }
      events.push(r.record);
    }
    const first = firstOf(last);
    if (reached || first <= 2) {
      break;
    }
    last = first - 1;
    [chunk] = await readColumns(g, ref, [columns(EVENTS, EVENT_KEYS, firstOf(last), last)], "read the decision log");
  }
  const country = new Map<string, string>();
  let pending = 0;
  for (const w of workers.rows) {
    if (w.record.workerId && !country.has(w.record.workerId)) {
      country.set(w.record.workerId, w.record.country.toUpperCase());
      if (w.record.pendingBlacklist && !w.invalid.has("pendingBlacklist")) {
        pending++;
      }
    }
  }
  return {
    events,
    disputes: disputes.rows.map((r) => r.record),
    audits: audits.rows.map((r) => r.record),
    countryOf: (id) => country.get(id) || UNKNOWN_COUNTRY,
    now,
    pendingBlacklist: pending,
    casework: caseworkNow(
      workers.rows.filter((w) => w.record.workerId).map((w) => w.record),
      setting(settingsMap, "StrikeThreshold"),
      now,
    ),
  };
}
