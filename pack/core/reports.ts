// Reports for managers: weekly counts per metric and country, and a summary of a period.
import type {AuditRecord, DisputeRecord, EventRecord, WorkerRecord} from "./records";
import {activeStrikes} from "./casework";
import type {Finding} from "./rules";
import {isAuditOverdue} from "./audits";
import {badInput} from "./errors";

/** Decision types counted, and the metric each one counts towards. Other types are ignored. */
export const EVENT_METRICS: Readonly<Record<string, string>> = {
  ApplicantAdded: "Applicants",
  Approved: "Approvals",
  Rejected: "Rejections",
  Suspended: "Suspensions",
  Reinstated: "Reinstatements",
  Blacklisted: "Blacklistings",
  Offboarded: "Offboardings",
  Warned: "Warnings",
  SuspensionExtended: "Suspension extensions",
  BlacklistLifted: "Blacklist lifts",
  Reapplied: "Re-applications",
  DataExported: "Data exports",
};

export const DISPUTES_OPENED = "Disputes opened";
export const DISPUTES_RESOLVED = "Disputes resolved";
export const DISPUTE_BREACHES = "Dispute due-date breaches";
export const AUDIT_BREACHES = "Audit due-date breaches";

/** Every metric a report counts, in display order (findings metrics are "Findings: <rule>"). */
export const METRICS: readonly string[] = [
  ...new Set(Object.values(EVENT_METRICS)),
  DISPUTES_OPENED,
  DISPUTES_RESOLVED,
  DISPUTE_BREACHES,
  AUDIT_BREACHES,
];

/** Decisions taken (not proposals) whose reasons make the summary's top reasons: a blacklisting counts once, when approved. */
const ADVERSE = new Set(["Rejected", "Suspended", "Offboarded", "Blacklisted", "Warned", "SuspensionExtended"]);

export const UNKNOWN_COUNTRY = "Unknown";

/** The Monday (UTC) of the week an instant falls in, as YYYY-MM-DD. `weekStart("2026-01-08T10:00:00Z")` → "2026-01-05". */
export function weekStart(iso: string): string {
  const t = Date.parse(iso);
  const d = new Date(t);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - back)).toISOString().slice(0, 10);
}

/** Weeks the Trends sync counts back when none is given, and the most it counts. */
export const DEFAULT_WEEKS = 12;
export const MAX_WEEKS = 104;

/** The Trends sync's `weeks` as typed: 12 when empty, else a whole number from 1 to 104. */
export function trendWeeks(weeks: number | undefined): number {
  if (weeks === undefined) {
    return DEFAULT_WEEKS;
  }
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > MAX_WEEKS) {
    throw badInput("INPUT_WEEKS", `weeks must be a whole number from 1 to ${MAX_WEEKS}; ${weeks} is not.`);
  }
  return weeks;
}

/** The start of the window that holds `weeks` whole weeks up to and including the week of `now`. */
export function windowStart(now: string, weeks: number): string {
  const monday = Date.parse(`${weekStart(now)}T00:00:00.000Z`);
  return new Date(monday - (weeks - 1) * 7 * 86_400_000).toISOString();
}

export interface TrendRow {
  week: string;
  metric: string;
  country: string;
  count: number;
}

type Lookup = (workerId: string) => string;

class Counter {
  private readonly counts = new Map<string, TrendRow>();
  add(iso: string, metric: string, country: string): void {
    const week = weekStart(iso);
    const c = country || UNKNOWN_COUNTRY;
    const key = `${week}|${metric}|${c}`;
    const row = this.counts.get(key);
    if (row) {
      row.count++;
    } else {
      this.counts.set(key, {week, metric, country: c, count: 1});
    }
  }
  rows(): TrendRow[] {
    return [...this.counts.values()].sort(
      (a, b) =>
        (a.week < b.week ? -1 : a.week > b.week ? 1 : 0) ||
        a.metric.localeCompare(b.metric) ||
        a.country.localeCompare(b.country),
    );
  }
}

function within(iso: string, from: string, to: string): boolean {
  if (!iso) {
    return false;
  }
  const t = Date.parse(iso);
  return t >= Date.parse(from) && t < Date.parse(to);
}

export interface Activity {
  events: ReadonlyArray<Pick<EventRecord, "time" | "workerId" | "type">>;
  disputes: ReadonlyArray<Pick<DisputeRecord, "workerId" | "openedAt" | "decidedAt" | "dueAt" | "status">>;
  audits: ReadonlyArray<Pick<AuditRecord, "workerId" | "status" | "dueDate" | "completedAt">>;
  countryOf: Lookup;
  now: string;
}

/** Whether a dispute missed its due time: decided late, or still open past it. */
export function disputeBreached(d: Pick<DisputeRecord, "decidedAt" | "dueAt" | "status">, now: string): boolean {
  if (!d.dueAt) {
    return false;
  }
  if (d.decidedAt) {
    return Date.parse(d.decidedAt) > Date.parse(d.dueAt);
  }
  return (d.status === "Open" || d.status === "InReview") && Date.parse(d.dueAt) < Date.parse(now);
}

/** Whether an audit missed its due date: completed after it, or still Scheduled past it. */
export function auditBreached(a: Pick<AuditRecord, "status" | "dueDate" | "completedAt">, now: string): boolean {
  if (!a.dueDate || a.status === "Cancelled") {
    return false;
  }
  if (a.completedAt) {
    return a.completedAt.slice(0, 10) > a.dueDate;
  }
  return a.status === "Scheduled" && now.slice(0, 10) > a.dueDate;
}

/**
 * Weekly counts per metric and country for instants in [from, to): decisions by type, disputes
 * opened and resolved, and due-date breaches (counted in the week the due date falls in). Only
 * non-zero counts are returned.
 */
export function activityTrends(input: Activity, from: string, to: string): TrendRow[] {
  const counter = new Counter();
  for (const e of input.events) {
    const metric = EVENT_METRICS[e.type];
    if (metric && within(e.time, from, to)) {
      counter.add(e.time, metric, input.countryOf(e.workerId));
    }
  }
  for (const d of input.disputes) {
    const country = input.countryOf(d.workerId);
    if (within(d.openedAt, from, to)) {
      counter.add(d.openedAt, DISPUTES_OPENED, country);
    }
    if ((d.status === "Decided" || d.status === "Closed") && within(d.decidedAt, from, to)) {
      counter.add(d.decidedAt, DISPUTES_RESOLVED, country);
    }
    if (within(d.dueAt, from, to) && disputeBreached(d, input.now)) {
      counter.add(d.dueAt, DISPUTE_BREACHES, country);
    }
  }
  for (const a of input.audits) {
    const due = a.dueDate ? `${a.dueDate}T00:00:00.000Z` : "";
    if (within(due, from, to) && auditBreached(a, input.now)) {
      counter.add(due, AUDIT_BREACHES, input.countryOf(a.workerId));
    }
  }
  return counter.rows();
}

/**
 * Open findings counted by the week they were first seen, per rule ("Findings: shared-bank") and
 * the country of the first worker involved. Findings first seen outside [from, to) are left out.
 */
export function findingTrends(findings: readonly Finding[], countryOf: Lookup, from: string, to: string): TrendRow[] {
  const counter = new Counter();
  for (const f of findings) {
    if (within(f.firstSeen, from, to)) {
      counter.add(f.firstSeen, `Findings: ${f.rule}`, countryOf(f.workers[0]?.workerId ?? ""));
    }
  }
  return counter.rows();
}

export interface ReasonCount {
  /** The clause, or the reason itself when none was given. */
  label: string;
  count: number;
  /** The latest reason given under it. */
  example: string;
}

export interface Summary {
  from: string;
  to: string;
  counts: Record<string, number>;
  pendingBlacklistApprovals: number;
  openDisputes: number;
  overdueDisputes: number;
  scheduledAudits: number;
  overdueAudits: number;
  topReasons: ReasonCount[];
  /** The lifecycle work of issue 17, now. */
  casework: Casework;
}

/** Suspensions pending investigation, their overdue reviews, lifts waiting for a lead, workers at the strike threshold. */
export interface Casework {
  openSuspensions: number;
  overdueReviews: number;
  pendingLifts: number;
  atStrikeThreshold: number;
}

export type CaseworkRow = Pick<WorkerRecord, "status" | "suspensionKind" | "reviewDueAt" | "pendingLift" | "strikes">;

/** Counts the casework open now over the workers' rows. */
export function caseworkNow(workers: readonly CaseworkRow[], strikeThreshold: number, now: string): Casework {
  const open = workers.filter((w) => w.status === "Suspended" && w.suspensionKind === "PendingInvestigation");
  return {
    openSuspensions: open.length,
    overdueReviews: open.filter((w) => w.reviewDueAt && Date.parse(w.reviewDueAt) < Date.parse(now)).length,
    pendingLifts: workers.filter((w) => w.status === "Blacklisted" && w.pendingLift).length,
    atStrikeThreshold: workers.filter(
      (w) =>
        w.status !== "Blacklisted" && w.status !== "Offboarded" && activeStrikes(w.strikes, now) >= strikeThreshold,
    ).length,
  };
}

export interface SummaryInput extends Activity {
  events: ReadonlyArray<Pick<EventRecord, "time" | "workerId" | "type" | "reason" | "policyClause">>;
  disputes: ReadonlyArray<Pick<DisputeRecord, "workerId" | "openedAt" | "decidedAt" | "dueAt" | "status">>;
  /** Workers with a blacklist proposal waiting for a lead. */
  pendingBlacklist: number;
  casework: Casework;
}

/** Days a Summary covers when no period is given. */
const SUMMARY_DAYS = 30;

/** The period a Summary covers: [from, to), defaulting to the 30 days up to now. */
export function summaryPeriod(from: Date | undefined, to: Date | undefined, now: string): {from: string; to: string} {
  const end = to ? to.getTime() : Date.parse(now);
  const start = from ? from.getTime() : end - SUMMARY_DAYS * 86_400_000;
  if (!Number.isFinite(start) || !Number.isFinite(end)) {
    throw badInput("INPUT_DATE", "from and to must be dates.");
  }
  if (start >= end) {
    throw badInput(
      "INPUT_DATE",
      `The period must start before it ends: from ${new Date(start).toISOString().slice(0, 10)} is not before to ${new Date(end).toISOString().slice(0, 10)}.`,
    );
  }
  return {from: new Date(start).toISOString(), to: new Date(end).toISOString()};
}

/** A period's counts, open work and most frequent reasons for adverse decisions. */
export function summarize(input: SummaryInput, from: string, to: string, topN = 5): Summary {
  const counts: Record<string, number> = Object.fromEntries(METRICS.map((m) => [m, 0]));
  for (const r of activityTrends(input, from, to)) {
    counts[r.metric] = (counts[r.metric] ?? 0) + r.count;
  }
  const reasons = new Map<string, ReasonCount & {at: string}>();
  for (const e of input.events) {
    if (!ADVERSE.has(e.type) || !within(e.time, from, to) || !(e.reason || e.policyClause)) {
      continue;
    }
    const label = e.policyClause || e.reason.replace(/\s+/g, " ").trim();
    const key = label.toLowerCase();
    const r = reasons.get(key) ?? {label, count: 0, example: e.reason, at: e.time};
    r.count++;
    if (e.time >= r.at) {
      r.example = e.reason;
      r.at = e.time;
    }
    reasons.set(key, r);
  }
  const today = input.now.slice(0, 10);
  const open = input.disputes.filter((d) => d.status === "Open" || d.status === "InReview");
  const scheduled = input.audits.filter((a) => a.status === "Scheduled");
  return {
    from,
    to,
    counts,
    pendingBlacklistApprovals: input.pendingBlacklist,
    openDisputes: open.length,
    overdueDisputes: open.filter((d) => d.dueAt && Date.parse(d.dueAt) < Date.parse(input.now)).length,
    scheduledAudits: scheduled.length,
    overdueAudits: scheduled.filter((a) => isAuditOverdue(a, today)).length,
    topReasons: [...reasons.values()]
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label))
      .slice(0, topN)
      .map(({label, count, example}) => ({label, count, example})),
    casework: input.casework,
  };
}
