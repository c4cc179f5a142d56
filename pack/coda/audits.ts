import * as coda from "@codahq/packs-sdk";
import {AUDIT_KINDS, AUDIT_STATUSES} from "../core/records";
import type {AuditRecord} from "../core/records";
import {DOCUMENT_STATUSES, KIND_LABELS} from "../core/documents";
import type {AssessedDocument} from "../core/documents";
import {WorkerReferenceSchema} from "./workers";
import {count, date, dateTime, email, flag, id, list, select, text, url} from "./props";

import {longDate} from "../core/dates";
import type {Draw} from "../core/audits";
import {isAuditOverdue} from "../core/audits";
import type {ParsedRow} from "../ledger/store/rows";
import {compact, problemText, workerRef} from "./objects";
import type {Plain} from "./objects";
import {AUDITS} from "../ledger/store/layout";
import {rowLink} from "../ledger/store/ref";

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
  index: {
    properties: ["Findings", "Missing"],
    contextProperties: ["Title", "Kind", "Status", "SuggestedStep"],
    filterableProperties: ["Kind", "Status"],
  },
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
    Audits: {
      type: coda.ValueType.Array,
      items: coda.makeReferenceSchemaFromObjectSchema(AuditSchema, "Audit"),
      description: "The audits scheduled.",
    },
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

export function auditObject(
  row: ParsedRow<AuditRecord>,
  today: string,
  spreadsheetId?: string,
): Plain & {AuditId: string; Title: string} {
  const a = row.record;
  return compact({
    AuditId: a.auditId || `row-${row.row}`,
    Link: spreadsheetId ? rowLink(spreadsheetId, AUDITS.sheetId, row.row) : undefined,
    Title: `${a.kind || "Audit"} audit of ${a.workerId || "an unknown worker"}${a.status && a.status !== "Scheduled" ? `: ${a.status}` : ""}`,
    Worker: workerRef(a.workerId),
    WorkerId: a.workerId,
    Kind: a.kind,
    Status: a.status,
    Overdue: isAuditOverdue(a, today),
    ScheduledAt: a.scheduledAt,
    DueDate: a.dueDate,
    Stratum: a.stratum,
    SampleSeed: a.sampleSeed,
    Auditor: a.auditor,
    CompletedAt: a.completedAt,
    Findings: a.findings,
    Evidence: a.evidence,
    SuggestedStep: a.suggestedStep,
    Missing: a.missing,
    DocumentsExpireOn: a.documentsExpireOn,
    Version: row.invalid.has("version") ? undefined : a.version,
    UpdatedAt: a.updatedAt,
    UpdatedBy: a.updatedBy,
    Problems: problemText(row),
  }) as Plain & {AuditId: string; Title: string};
}

export function scheduleObject(result: {
  audits: AuditRecord[];
  draw: Draw;
  eligible: number;
  dueDate: string;
  replayed: boolean;
}): Plain & {Summary: string; Seed: string} {
  const n = result.audits.length;
  const seed = result.draw.seed || result.audits[0]?.sampleSeed || "";
  return compact({
    Summary: result.replayed
      ? `This request already scheduled ${n} audit${n === 1 ? "" : "s"} (seed ${seed}); nothing new was scheduled.`
      : `Scheduled ${n} conduct audit${n === 1 ? "" : "s"} due ${longDate(`${result.dueDate}T00:00:00Z`)}, drawn from ${result.eligible} eligible Active workers stratified by country and project (seed ${seed}).`,
    Seed: seed,
    Eligible: result.replayed ? undefined : result.eligible,
    Drawn: n,
    DueDate: result.dueDate,
    Strata: result.draw.strata.filter((s) => s.drawn > 0).map((s) => `${s.stratum}: ${s.drawn} of ${s.eligible}`),
    Audits: result.audits.map((a) => ({AuditId: a.auditId, Title: `${a.kind} audit of ${a.workerId}`})),
  }) as Plain & {Summary: string; Seed: string};
}

export function documentObject(
  d: AssessedDocument,
  workerId: string,
  name: string,
  folderId: string,
): Plain & {DocumentId: string; Name: string} {
  return compact({
    DocumentId: d.status === "Missing" ? `${workerId}:${d.id}` : d.id,
    Name: d.name,
    Worker: workerRef(workerId, name),
    WorkerId: workerId,
    Kind: KIND_LABELS[d.kind],
    Status: d.status,
    ExpiresOn: d.expiresOn,
    ModifiedAt: d.modifiedTime,
    Link: d.link,
    Folder: folderId ? `https://drive.google.com/drive/folders/${folderId}` : "",
    Note: d.note,
  }) as Plain & {DocumentId: string; Name: string};
}
