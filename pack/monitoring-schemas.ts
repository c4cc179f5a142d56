// Schemas of the monitoring area: findings, audits, worker documents, trends and the summary.
import * as coda from "@codahq/packs-sdk";
import {RULE_IDS, SEVERITIES} from "./core/rules";
import {AUDIT_KINDS, AUDIT_STATUSES} from "./core/records";
import {DOCUMENT_STATUSES} from "./core/documents";
import {WorkerReferenceSchema} from "./schemas";
import {count, date, dateTime, email, flag, id, list, select, text, url} from "./schema-props";

export const FindingSchema = coda.makeObjectSchema({
  description: "What a monitoring rule found, with its evidence. Findings inform; a person decides.",
  properties: {
    FindingId: id("The rule and what the finding concerns; stable across syncs."),
    Title: id("The finding in one line."),
    Link: url("Opens the ledger's Workers tab, where the evidence rows are."),
    Rule: select(RULE_IDS, "The rule that found it."),
    Severity: select(SEVERITIES, "Review (innocent people share this signal too), Warning or Critical."),
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
  index: {properties: ["Explanation", "Advice"], contextProperties: ["Title", "Rule", "Severity"], filterableProperties: ["Rule", "Severity"]},
  featuredProperties: ["Severity", "Rule", "Workers", "FirstSeen", "Explanation"],
});

export const AuditSchema = coda.makeObjectSchema({
  description: "A conduct or documentation audit of a worker.",
  properties: {
    AuditId: id("The audit's id, like A-7K3M9QX2A4."),
    Title: id("Kind, worker and outcome."),
    Link: url("Opens the audit's row in the ledger."),
    Worker: {...WorkerReferenceSchema, description: "The worker concerned, as a row of the Workers table."},
    WorkerId: text("The audited worker."),
    Kind: select(AUDIT_KINDS, "Conduct or Documentation."),
    Status: select(AUDIT_STATUSES, "Scheduled, Passed, Concerns, Failed or Cancelled."),
    Overdue: flag("Scheduled and past its due date."),
    ScheduledAt: dateTime("When it was scheduled."),
    DueDate: date("When it is due."),
    Stratum: text("The country and project it was drawn from."),
    SampleSeed: text("The draw's random seed: it reproduces the sample."),
    Auditor: email("Who recorded the outcome."),
    CompletedAt: dateTime("When the outcome was recorded."),
    Findings: text("What the audit found."),
    Evidence: text("Links to the evidence."),
    SuggestedStep: text("A failure's suggested lifecycle step. Nothing was done."),
    Missing: text("Required documents that were missing."),
    DocumentsExpireOn: date("The earliest expiry among the current documents."),
    Version: count("Times the row was written."),
    UpdatedAt: dateTime("When the row was last written."),
    UpdatedBy: email("Who last wrote it."),
    Problems: text("What is wrong with the row, if anything."),
  },
  displayProperty: "Title",
  idProperty: "AuditId",
  titleProperty: "Title",
  linkProperty: "Link",
  index: {properties: ["Findings", "Missing"], contextProperties: ["Title", "Kind", "Status", "SuggestedStep"], filterableProperties: ["Kind", "Status"]},
  featuredProperties: ["Worker", "Kind", "Status", "DueDate", "Overdue", "SuggestedStep"],
});

export const AuditScheduleSchema = coda.makeObjectSchema({
  description: "What one ScheduleAudits call scheduled.",
  properties: {
    Summary: id("What was scheduled."),
    Seed: id("The draw's random seed, also on every audit and event."),
    Eligible: count("Active workers due for an audit."),
    Drawn: count("Audits scheduled."),
    DueDate: date("When they are due."),
    Strata: list("Drawn of eligible, per country and project."),
    Audits: {type: coda.ValueType.Array, items: coda.makeReferenceSchemaFromObjectSchema(AuditSchema, "Audit"), description: "The audits scheduled."},
  },
  displayProperty: "Summary",
  idProperty: "Seed",
  featuredProperties: ["Drawn", "Eligible", "DueDate", "Audits"],
});

export const WorkerDocumentSchema = coda.makeObjectSchema({
  description: "A file in a worker's Drive document folder, or a required document that is missing.",
  properties: {
    DocumentId: id("The Drive file id (worker and kind when missing)."),
    Name: id("The file's name."),
    Worker: {...WorkerReferenceSchema, description: "The worker concerned, as a row of the Workers table."},
    WorkerId: text("The folder's worker."),
    Kind: text("Identity document, tax form, contract or NDA, bank proof, or other."),
    Status: select(DOCUMENT_STATUSES, "Valid, Expiring (30 days), Stale, Expired, Superseded or Missing."),
    ExpiresOn: date("Expiry from the file's name or Drive properties."),
    ModifiedAt: dateTime("When the file last changed."),
    Link: url("The file in Drive."),
    Folder: url("The worker's folder."),
    Note: text("Why it has its status."),
  },
  displayProperty: "Name",
  idProperty: "DocumentId",
  featuredProperties: ["Worker", "Kind", "Status", "ExpiresOn", "Link"],
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
    PendingBlacklistApprovals: count("Blacklist proposals waiting for a lead now."),
    OpenDisputes: count("Disputes Open or InReview now."),
    OverdueDisputes: count("Open disputes past due now."),
    ScheduledAudits: count("Audits scheduled, not yet recorded."),
    OverdueAudits: count("Scheduled audits past due now."),
    TopReasons: list("The most frequent clauses or reasons of adverse decisions, with counts."),
  },
  displayProperty: "Period",
  featuredProperties: ["Applicants", "Suspensions", "Blacklistings", "OpenDisputes", "OverdueAudits", "TopReasons"],
});
