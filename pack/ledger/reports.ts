// Reads what reports count: the tail of the decision log back to a start time, disputes, audits,
// and each worker's country.
import type {Google} from "../google/http";
import type {AuditRecord, DisputeRecord, EventRecord} from "../core/records";
import type {Summary, SummaryInput, TrendRow} from "../core/reports";
import {
  activityTrends,
  caseworkNow,
  findingTrends,
  summarize,
  trendWeeks,
  UNKNOWN_COUNTRY,
  windowStart,
} from "../core/reports";
import {rulePrecision} from "../core/triage";
import {columns, readColumns} from "./store/columns";
import {AUDITS, DISPUTES, EVENTS, SETTINGS, WORKERS} from "./store/layout";
import {monitoringPage, settingsFrom} from "./monitoring";
import {readTriage, ruleModes} from "./triage";
import {parseLedgerRef} from "./store/ref";
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

/** Where the Trends sync goes on: phase 0 counts decisions, disputes and audits; phase 1 and on, the monitoring
 * phases (phase - 1) from their row. */
export interface TrendsCursor {
  [key: string]: number;
  phase: number;
  row: number;
}

/**
 * A page of the Trends sync over the last `weeks` weeks: first the weekly counts of decisions, disputes and audits,
 * then the open findings per rule, part by part (`part` names it, so rows of different parts stay apart). Findings
 * of rules tried in shadow stay out of the counts.
 */
export async function trendsPage(
  g: Google,
  ledger: string,
  weeks: number | undefined,
  cursor: TrendsCursor | undefined,
  now: string,
): Promise<{trends: TrendRow[]; part: string; next?: TrendsCursor}> {
  const from = windowStart(now, trendWeeks(weeks));
  const ref = parseLedgerRef(ledger);
  if (!cursor || cursor.phase === 0) {
    const activity = await loadActivity(g, ref, from, now);
    return {trends: activityTrends(activity, from, now), part: "", next: {phase: 1, row: 2}};
  }
  const modes = ruleModes((await readTriage(g, ref)).settings);
  const page = await monitoringPage(g, ref, {phase: cursor.phase - 1, row: cursor.row}, {modes}, now, {
    countries: true,
  });
  const live = page.findings.filter((f) => !f.shadow);
  return {
    trends: findingTrends(live, (id) => page.countries.get(id) || UNKNOWN_COUNTRY, from, now),
    part: `part ${cursor.phase - 1}.${cursor.row}`,
    next: page.next ? {phase: page.next.phase + 1, row: page.next.row} : undefined,
  };
}

/** Summary: the period's counts and open work, and each rule's precision from its resolved findings. */
export async function summaryReport(
  g: Google,
  ledger: string,
  period: {from: string; to: string},
  now: string,
): Promise<{summary: Summary; precision: ReturnType<typeof rulePrecision>}> {
  const ref = parseLedgerRef(ledger);
  const [activity, triage] = await Promise.all([loadActivity(g, ref, period.from, now), readTriage(g, ref)]);
  return {summary: summarize(activity, period.from, period.to), precision: rulePrecision([...triage.triage.values()])};
}
