import * as coda from "@codahq/packs-sdk";
import {RULE_IDS, SEVERITIES} from "../core/rules";
import type {Finding} from "../core/rules";
import {FINDING_OUTCOMES, FINDING_STATUSES} from "../core/triage";
import type {rulePrecision, TriageView} from "../core/triage";
import {WorkerReferenceSchema} from "./workers";
import {count, date, dateTime, id, list, select, text, url} from "./props";
import {AUDIT_BREACHES, DISPUTES_OPENED, DISPUTES_RESOLVED, DISPUTE_BREACHES} from "../core/reports";
import type {Summary, TrendRow} from "../core/reports";
import {longDate} from "../core/dates";
import {compact, workerRef} from "./objects";
import type {Plain} from "./objects";
import {WORKERS} from "../ledger/store/layout";
import {rowLink} from "../ledger/store/ref";

export const FindingSchema = coda.makeObjectSchema({
  description: "What a monitoring rule found, with its evidence. Findings inform; a person decides.",
  properties: {
    FindingId: id("The rule and what the finding concerns; stable across syncs."),
    Title: id("The finding in one line."),
    Link: url("Opens the ledger's Workers tab, where the evidence rows are."),
    Rule: select(RULE_IDS, "The rule that found it."),
    Severity: select(
      SEVERITIES,
      "Info (context), Review (innocent people share this signal too), Warning or Critical.",
    ),
    Status: select(
      FINDING_STATUSES,
      "Open, Acknowledged, Snoozed, Resolved, or Shadow (a rule being tried: kept out of the work).",
    ),
    Assignee: text("Who deals with it (an email on the Staff tab)."),
    SnoozedUntil: dateTime("Snoozed until then; it is open work again after."),
    Outcome: select(FINDING_OUTCOMES, "How it was resolved: ActionTaken, FalsePositive or Expected."),
    Note: text("The last triage note."),
    DueAt: dateTime("When it should be dealt with by: FirstSeen + Settings FindingDueHours.<severity>."),
    Reopened: text("Why a resolved finding is open again: what changed in its evidence."),
    Workers: {type: coda.ValueType.Array, items: WorkerReferenceSchema, description: "The workers involved."},
    WorkerIds: list("Their ids."),
    FirstSeen: dateTime("When the condition began, as far as the ledger shows."),
    Explanation: text("What was found, on what evidence."),
    Evidence: text("Sheet rows and ids to check, one per line."),
    Advice: text("What a person may do next."),
  },
  displayProperty: "Title",
  idProperty: "FindingId",
  titleProperty: "Title",
  linkProperty: "Link",
  index: {
    properties: ["Explanation", "Advice"],
    contextProperties: ["Title", "Rule", "Severity"],
    filterableProperties: ["Rule", "Severity", "Status"],
  },
  featuredProperties: ["Severity", "Status", "Rule", "Workers", "Assignee", "DueAt", "Explanation"],
});

export const TrendSchema = coda.makeObjectSchema({
  description: "A weekly count of a metric in a country; chart Count by Week and Metric.",
  properties: {
    RowId: id("Week, metric, country (and ledger part for findings)."),
    Label: id("The count in words."),
    Week: date("The week's Monday (UTC)."),
    Metric: text("What is counted: Suspensions, Disputes opened, Findings: shared-bank, …"),
    Country: text("The workers' country, or Unknown."),
    Count: count("How many."),
  },
  displayProperty: "Label",
  idProperty: "RowId",
  featuredProperties: ["Week", "Metric", "Country", "Count"],
});

export const SummarySchema = coda.makeObjectSchema({
  description: "A period's decisions, disputes and audits, the open work now and the top reasons.",
  properties: {
    Period: id("The period in words."),
    From: dateTime("Start (included)."),
    To: dateTime("End (excluded)."),
    Applicants: count("Applicants added."),
    Approvals: count("Workers approved."),
    Rejections: count("Applicants rejected."),
    Suspensions: count("Workers suspended."),
    Reinstatements: count("Workers reinstated."),
    Blacklistings: count("Workers blacklisted."),
    Offboardings: count("Workers offboarded."),
    DisputesOpened: count("Disputes opened."),
    DisputesResolved: count("Disputes decided or closed."),
    DisputeDueDateBreaches: count("Disputes due in the period, decided late or still open."),
    AuditDueDateBreaches: count("Audits due in the period, completed late or still scheduled."),
    Warnings: count("Warnings issued (each a strike)."),
    SuspensionExtensions: count("Suspensions extended."),
    BlacklistLifts: count("Blacklistings lifted by a second lead."),
    Reapplications: count("Rejected or offboarded people who applied again."),
    DataExports: count("Exports of a person's data (ExportWorkerData)."),
    PendingBlacklistApprovals: count("Blacklist proposals waiting for a lead now."),
    PendingLiftApprovals: count("Proposals to lift a blacklisting waiting for a second lead now."),
    OpenSuspensions: count("Workers suspended pending investigation now."),
    OverdueSuspensionReviews: count("Of those, with their review overdue now."),
    AtStrikeThreshold: count("Live workers whose active strikes reach StrikeThreshold now."),
    OpenDisputes: count("Disputes Open or InReview now."),
    OverdueDisputes: count("Open disputes past due now."),
    ScheduledAudits: count("Audits scheduled, not yet recorded."),
    OverdueAudits: count("Scheduled audits past due now."),
    TopReasons: list("The most frequent clauses or reasons of adverse decisions, with counts."),
    RulePrecision: {
      type: coda.ValueType.Array,
      description:
        "Each rule's measured precision from resolved findings (shadow rules included): the share not resolved as FalsePositive.",
      items: coda.makeObjectSchema({
        properties: {
          Rule: text("The rule."),
          Resolved: count("Its findings resolved so far."),
          FalsePositive: count("Of those, resolved as FalsePositive."),
          Precision: {type: coda.ValueType.Number, description: "(Resolved - FalsePositive) / Resolved, from 0 to 1."},
        },
        displayProperty: "Rule",
      }),
    },
  },
  displayProperty: "Period",
  featuredProperties: ["Applicants", "Suspensions", "Blacklistings", "OpenDisputes", "OverdueAudits", "TopReasons"],
});

export function findingObject(
  f: Finding,
  spreadsheetId?: string,
  view?: TriageView,
): Plain & {FindingId: string; Title: string} {
  return compact({
    FindingId: f.id,
    Title: f.title,
    Link: spreadsheetId ? rowLink(spreadsheetId, WORKERS.sheetId) : undefined,
    Rule: f.rule,
    Severity: f.severity,
    Workers: f.workers.map((w) => workerRef(w.workerId, w.name)).filter(Boolean),
    WorkerIds: f.workers.map((w) => w.workerId),
    FirstSeen: f.firstSeen,
    Explanation: f.explanation,
    Evidence: f.evidence.join("\n"),
    Advice: f.advice,
    Status: view?.status,
    Assignee: view?.assignee,
    SnoozedUntil: view?.snoozedUntil,
    Outcome: view?.outcome,
    Note: view?.note,
    DueAt: view?.dueAt,
    Reopened: view?.reopened,
  }) as Plain & {FindingId: string; Title: string};
}

export function trendObject(t: TrendRow, part = ""): Plain & {RowId: string; Label: string} {
  return {
    RowId: `${t.week}|${t.metric}|${t.country}${part ? `|${part}` : ""}`,
    Label: `Week of ${longDate(`${t.week}T00:00:00Z`)}: ${t.count} ${t.metric.toLowerCase()} (${t.country})`,
    Week: t.week,
    Metric: t.metric,
    Country: t.country,
    Count: t.count,
  };
}

/** The Summary object: counts by metric, the open work now, and "CoC 4.2: 7 (latest: …)" per top reason. */
export function summaryObject(s: Summary, precision: ReturnType<typeof rulePrecision> = []): Plain & {Period: string} {
  const c = s.counts;
  return {
    Period: `${longDate(s.from)} to ${longDate(new Date(Date.parse(s.to) - 1).toISOString())}`,
    From: s.from,
    To: s.to,
    ...Object.fromEntries(
      ["Applicants", "Approvals", "Rejections", "Suspensions", "Reinstatements", "Blacklistings", "Offboardings"].map(
        (m) => [m, c[m] ?? 0],
      ),
    ),
    DisputesOpened: c[DISPUTES_OPENED] ?? 0,
    DisputesResolved: c[DISPUTES_RESOLVED] ?? 0,
    DisputeDueDateBreaches: c[DISPUTE_BREACHES] ?? 0,
    AuditDueDateBreaches: c[AUDIT_BREACHES] ?? 0,
    Warnings: c.Warnings ?? 0,
    SuspensionExtensions: c["Suspension extensions"] ?? 0,
    BlacklistLifts: c["Blacklist lifts"] ?? 0,
    Reapplications: c["Re-applications"] ?? 0,
    DataExports: c["Data exports"] ?? 0,
    PendingBlacklistApprovals: s.pendingBlacklistApprovals,
    PendingLiftApprovals: s.casework.pendingLifts,
    OpenSuspensions: s.casework.openSuspensions,
    OverdueSuspensionReviews: s.casework.overdueReviews,
    AtStrikeThreshold: s.casework.atStrikeThreshold,
    OpenDisputes: s.openDisputes,
    OverdueDisputes: s.overdueDisputes,
    ScheduledAudits: s.scheduledAudits,
    OverdueAudits: s.overdueAudits,
    TopReasons: s.topReasons.map(
      (r) => `${r.label}: ${r.count}${r.example && r.example !== r.label ? ` (latest: ${r.example})` : ""}`,
    ),
    RulePrecision: precision.map((p) => ({
      Rule: p.rule,
      Resolved: p.resolved,
      FalsePositive: p.falsePositive,
      Precision: p.precision,
    })),
  };
}
