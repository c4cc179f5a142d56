// Schemas of the monitoring area: findings, audits, worker documents, trends and the summary.
import * as coda from "@codahq/packs-sdk";
import {RULE_IDS, SEVERITIES} from "./core/rules";
import {AUDIT_KINDS, AUDIT_STATUSES} from "./core/records";
import {DOCUMENT_STATUSES} from "./core/documents";
import {WorkerReferenceSchema} from "./schemas";

/** One finding of a monitoring rule. */
export const FindingSchema = coda.makeObjectSchema({
  description: "Something a monitoring rule found in the ledger, with the evidence to check. Findings inform; a person decides.",
  properties: {
    FindingId: {type: coda.ValueType.String, required: true, description: "Stable id: the rule and what the finding concerns. The same finding keeps its row across syncs."},
    Title: {type: coda.ValueType.String, required: true, description: "The finding in one line."},
    Rule: {type: coda.ValueType.String, codaType: coda.ValueHintType.SelectList, options: [...RULE_IDS], description: "The rule that found it, like shared-bank or suspension-overdue."},
    Severity: {
      type: coda.ValueType.String,
      codaType: coda.ValueHintType.SelectList,
      options: [...SEVERITIES],
      description: "Review (a signal innocent people share too), Warning or Critical.",
    },
    Workers: {type: coda.ValueType.Array, items: WorkerReferenceSchema, description: "The workers involved."},
    WorkerIds: {type: coda.ValueType.Array, items: {type: coda.ValueType.String}, description: "The ids of the workers involved."},
    FirstSeen: {
      type: coda.ValueType.String,
      codaType: coda.ValueHintType.DateTime,
      description: "When the condition began, as far as the ledger shows (for example the due date a dispute passed, or the day a suspension ended).",
    },
    Explanation: {type: coda.ValueType.String, description: "What was found and on what evidence."},
    Evidence: {type: coda.ValueType.String, description: "Where to look: sheet rows, decision, audit and dispute ids, one per line."},
    Advice: {type: coda.ValueType.String, description: "What a person may do next. The pack never acts on a finding."},
  },
  displayProperty: "Title",
  idProperty: "FindingId",
  featuredProperties: ["Severity", "Rule", "Workers", "FirstSeen", "Explanation"],
});

/** One audit of one worker. */
export const AuditSchema = coda.makeObjectSchema({
  description: "An audit of a worker against the Code of Conduct or of their documents: scheduled, then recorded with an outcome.",
  properties: {
    AuditId: {type: coda.ValueType.String, required: true, description: "The audit's id, like A-7K3M9QX2A4."},
    Title: {type: coda.ValueType.String, required: true, description: "The kind of audit and the worker."},
    Worker: WorkerReferenceSchema,
    WorkerId: {type: coda.ValueType.String, description: "The audited worker's id."},
    Kind: {type: coda.ValueType.String, codaType: coda.ValueHintType.SelectList, options: [...AUDIT_KINDS], description: "Conduct (routine audit) or Documentation."},
    Status: {
      type: coda.ValueType.String,
      codaType: coda.ValueHintType.SelectList,
      options: [...AUDIT_STATUSES],
      description: "Scheduled, Passed, Concerns, Failed or Cancelled.",
    },
    Overdue: {type: coda.ValueType.Boolean, description: "Still Scheduled after its due date."},
    ScheduledAt: {type: coda.ValueType.String, codaType: coda.ValueHintType.DateTime, description: "When the audit was scheduled."},
    DueDate: {type: coda.ValueType.String, codaType: coda.ValueHintType.Date, description: "The day the audit is due."},
    Stratum: {type: coda.ValueType.String, description: "The country and project the worker was drawn from."},
    SampleSeed: {type: coda.ValueType.String, description: "The random seed of the draw: the same seed over the same workers gives the same sample."},
    Auditor: {type: coda.ValueType.String, codaType: coda.ValueHintType.Email, description: "Who recorded the outcome."},
    CompletedAt: {type: coda.ValueType.String, codaType: coda.ValueHintType.DateTime, description: "When the outcome was recorded."},
    Findings: {type: coda.ValueType.String, description: "What the audit found."},
    Evidence: {type: coda.ValueType.String, description: "Links or references to the evidence."},
    SuggestedStep: {
      type: coda.ValueType.String,
      description: "For a failed audit: the lifecycle step it suggests (SuspendWorker, ProposeBlacklist). Only a suggestion; nothing was done.",
    },
    Missing: {type: coda.ValueType.String, description: "Documentation audits: the required documents that were missing."},
    DocumentsExpireOn: {type: coda.ValueType.String, codaType: coda.ValueHintType.Date, description: "Documentation audits: the earliest expiry among the worker's current documents."},
    Version: {type: coda.ValueType.Number, description: "How many times the audit row was written."},
    UpdatedAt: {type: coda.ValueType.String, codaType: coda.ValueHintType.DateTime, description: "When the audit row was last written."},
    UpdatedBy: {type: coda.ValueType.String, codaType: coda.ValueHintType.Email, description: "Who last wrote it."},
    Problems: {type: coda.ValueType.String, description: "What is wrong with this row of the Audits tab, if anything."},
  },
  displayProperty: "Title",
  idProperty: "AuditId",
  featuredProperties: ["Worker", "Kind", "Status", "DueDate", "Overdue", "SuggestedStep"],
});

export const AuditReferenceSchema = coda.makeReferenceSchemaFromObjectSchema(AuditSchema, "Audit");

/** What ScheduleAudits did. */
export const AuditScheduleSchema = coda.makeObjectSchema({
  description: "The audits one ScheduleAudits call scheduled, and how the sample was drawn.",
  properties: {
    Summary: {type: coda.ValueType.String, required: true, description: "What was scheduled, in one sentence."},
    Seed: {type: coda.ValueType.String, required: true, description: "The random seed of the draw, also stored on every audit row and event."},
    Eligible: {type: coda.ValueType.Number, description: "How many Active workers were due for an audit."},
    Drawn: {type: coda.ValueType.Number, description: "How many audits were scheduled."},
    MinDaysSinceLast: {type: coda.ValueType.Number, description: "Workers audited within this many days were left out."},
    DueDate: {type: coda.ValueType.String, codaType: coda.ValueHintType.Date, description: "When the scheduled audits are due."},
    Strata: {type: coda.ValueType.Array, items: {type: coda.ValueType.String}, description: "Per country and project: drawn of eligible."},
    Audits: {type: coda.ValueType.Array, items: AuditReferenceSchema, description: "The scheduled audits."},
    Repeated: {type: coda.ValueType.Boolean, description: "True when this call repeated an earlier one and scheduled nothing new."},
  },
  displayProperty: "Summary",
  idProperty: "Seed",
  featuredProperties: ["Drawn", "Eligible", "DueDate", "Audits"],
});

/** One document (or one missing document) of a worker. */
export const WorkerDocumentSchema = coda.makeObjectSchema({
  description: "A file in a worker's document folder, what kind of document it is and whether it is current; or a required document that is missing.",
  properties: {
    DocumentId: {type: coda.ValueType.String, required: true, description: "The Drive file id, or the worker and kind for a missing document."},
    Name: {type: coda.ValueType.String, required: true, description: "The file's name, or \"Missing: …\"."},
    Worker: WorkerReferenceSchema,
    WorkerId: {type: coda.ValueType.String, description: "The worker the folder belongs to."},
    Kind: {type: coda.ValueType.String, description: "Identity document, tax form, contract or NDA, bank proof, or other document."},
    Status: {
      type: coda.ValueType.String,
      codaType: coda.ValueHintType.SelectList,
      options: [...DOCUMENT_STATUSES],
      description: "Valid, Expiring (within 30 days), Stale, Expired, Superseded (a newer one exists) or Missing.",
    },
    ExpiresOn: {type: coda.ValueType.String, codaType: coda.ValueHintType.Date, description: "The expiry read from the file's name or its Drive properties."},
    ModifiedAt: {type: coda.ValueType.String, codaType: coda.ValueHintType.DateTime, description: "When the file last changed in Drive."},
    Link: {type: coda.ValueType.String, codaType: coda.ValueHintType.Url, description: "The file in Google Drive."},
    Folder: {type: coda.ValueType.String, codaType: coda.ValueHintType.Url, description: "The worker's document folder."},
    Note: {type: coda.ValueType.String, description: "Why the document has its status."},
  },
  displayProperty: "Name",
  idProperty: "DocumentId",
  featuredProperties: ["Worker", "Kind", "Status", "ExpiresOn", "Link"],
});

/** One count of the Trends table. */
export const TrendSchema = coda.makeObjectSchema({
  description: "One weekly count of one metric in one country, ready for a chart (sum Count by Week and Metric).",
  properties: {
    RowId: {type: coda.ValueType.String, required: true, description: "Week, metric and country (and, for findings, the part of the ledger counted)."},
    Label: {type: coda.ValueType.String, required: true, description: "The count in words."},
    Week: {type: coda.ValueType.String, codaType: coda.ValueHintType.Date, description: "The Monday the week starts on (UTC)."},
    Metric: {type: coda.ValueType.String, description: "What is counted: Applicants, Approvals, Suspensions, Disputes opened, Findings: shared-bank, …"},
    Country: {type: coda.ValueType.String, description: "The workers' country (ISO code), or Unknown."},
    Count: {type: coda.ValueType.Number, description: "How many in that week and country."},
  },
  displayProperty: "Label",
  idProperty: "RowId",
  featuredProperties: ["Week", "Metric", "Country", "Count"],
});

const countProperties = {
  Applicants: {type: coda.ValueType.Number, description: "Applicants added."},
  Approvals: {type: coda.ValueType.Number, description: "Workers approved."},
  Rejections: {type: coda.ValueType.Number, description: "Applicants rejected."},
  Suspensions: {type: coda.ValueType.Number, description: "Workers suspended."},
  Reinstatements: {type: coda.ValueType.Number, description: "Workers reinstated."},
  Blacklistings: {type: coda.ValueType.Number, description: "Workers blacklisted."},
  Offboardings: {type: coda.ValueType.Number, description: "Workers offboarded."},
  DisputesOpened: {type: coda.ValueType.Number, description: "Disputes opened."},
  DisputesResolved: {type: coda.ValueType.Number, description: "Disputes decided or closed."},
  DisputeDueDateBreaches: {type: coda.ValueType.Number, description: "Disputes due in the period and decided late or still open."},
  AuditDueDateBreaches: {type: coda.ValueType.Number, description: "Audits due in the period and completed late or still scheduled."},
} as const;

const CountryCountsSchema = coda.makeObjectSchema({
  description: "The period's counts in one country.",
  properties: {Country: {type: coda.ValueType.String, description: "ISO country code, or Unknown."}, ...countProperties},
  displayProperty: "Country",
});

const ReasonSchema = coda.makeObjectSchema({
  description: "A reason for adverse decisions and how often it was given.",
  properties: {
    Reason: {type: coda.ValueType.String, description: "The Code of Conduct clause, or the reason when no clause was given."},
    Count: {type: coda.ValueType.Number, description: "How many adverse decisions gave it."},
    Example: {type: coda.ValueType.String, description: "The latest reason given under it."},
  },
  displayProperty: "Reason",
});

/** The Summary formula's result. */
export const SummarySchema = coda.makeObjectSchema({
  description: "A period's decisions, disputes and audits for managers, with the open work and the top reasons.",
  properties: {
    Period: {type: coda.ValueType.String, required: true, description: "The period in words."},
    From: {type: coda.ValueType.String, codaType: coda.ValueHintType.DateTime, description: "Start of the period (included)."},
    To: {type: coda.ValueType.String, codaType: coda.ValueHintType.DateTime, description: "End of the period (excluded)."},
    ...countProperties,
    PendingBlacklistApprovals: {type: coda.ValueType.Number, description: "Blacklist proposals waiting for a lead now."},
    OpenDisputes: {type: coda.ValueType.Number, description: "Disputes Open or InReview now."},
    OverdueDisputes: {type: coda.ValueType.Number, description: "Open disputes past their due date now."},
    ScheduledAudits: {type: coda.ValueType.Number, description: "Audits scheduled and not yet recorded."},
    OverdueAudits: {type: coda.ValueType.Number, description: "Scheduled audits past their due date now."},
    TopReasons: {type: coda.ValueType.Array, items: ReasonSchema, description: "The most frequent reasons (clauses) for adverse decisions in the period."},
    ByCountry: {type: coda.ValueType.Array, items: CountryCountsSchema, description: "The period's counts per country."},
  },
  displayProperty: "Period",
  featuredProperties: ["Applicants", "Suspensions", "Blacklistings", "OpenDisputes", "OverdueAudits", "TopReasons"],
});
