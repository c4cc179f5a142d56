import * as coda from "@codahq/packs-sdk";
import {withGoogle} from "../pack/coda/boundary";
import {seedFrom} from "../pack/core/audits";
import {DRIVE_READONLY_SCOPE} from "../pack/google/scopes";
import {recordAudit, scheduleAudits} from "../pack/ledger/audits";
import {auditDocuments} from "../pack/ledger/documents";
import {randomBytes} from "../pack/ledger/store/ids";
import {auditObject, scheduleObject} from "../pack/coda/audits";
import {parseLedgerRef} from "../pack/ledger/store/ref";
import {AuditSchema, AuditScheduleSchema} from "../pack/coda/audits";
import {
  EXAMPLE_LEDGER,
  LedgerParam,
  OptionalEvidenceParam,
  RequestIdParam,
  text,
  WorkerIdParam,
} from "../pack/coda/params";

/** Every audit action returns the Audit row, so the synced Audits row updates in place. */
export const AuditResultSchema = coda.withIdentity(AuditSchema, "Audit");

export function registerAudits(pack: coda.PackDefinitionBuilder): void {
  pack.addFormula({
    name: "ScheduleAudits",
    description:
      "Draws a random sample of Active workers not audited recently, stratified by country and project, and schedules a conduct audit for each. The random seed is recorded on every audit so the draw can be reproduced.",
    isAction: true,
    parameters: [
      LedgerParam,
      coda.makeParameter({
        type: coda.ParameterType.Number,
        name: "sampleSize",
        description: "How many workers to audit (1 to 200).",
        suggestedValue: 10,
      }),
      coda.makeParameter({
        type: coda.ParameterType.Number,
        name: "minDaysSinceLast",
        description: "Leave out workers audited within this many days. Default: Settings AuditIntervalDays (90).",
        optional: true,
      }),
      RequestIdParam,
    ],
    resultType: coda.ValueType.Object,
    schema: AuditScheduleSchema,
    examples: [{params: [EXAMPLE_LEDGER, 10, 90], result: {Drawn: 10}}],
    execute: async ([ledger, sampleSize, minDaysSinceLast, requestId], context) =>
      withGoogle(context, async ({g, now}) => {
        const seed = seedFrom(randomBytes(8));
        const result = await scheduleAudits(g, {ledger, sampleSize, minDaysSinceLast, requestId, seed}, now);
        return scheduleObject(result);
      }),
  });

  pack.addFormula({
    name: "RecordAudit",
    description:
      "Records the outcome of a scheduled audit: Passed, Concerns or Failed, with the findings. A failure suggests the next lifecycle step (SuspendWorker or ProposeBlacklist) but never takes it.",
    isAction: true,
    parameters: [
      LedgerParam,
      text("auditId", "The audit's id, like A-7K3M9QX2A4 (the AuditId column of the Audits table)."),
      text("outcome", "Passed, Concerns or Failed.", {
        suggestedValue: "Passed",
        autocomplete: ["Passed", "Concerns", "Failed"],
      }),
      text("findings", "What the audit found, with dates. Required unless it passed."),
      OptionalEvidenceParam,
      RequestIdParam,
    ],
    resultType: coda.ValueType.Object,
    schema: AuditResultSchema,
    examples: [
      {
        params: [
          EXAMPLE_LEDGER,
          "A-7K3M9QX2A4",
          "Failed",
          "Copied answers in 4 of 20 sampled tasks (12–14 March)",
          "https://drive.google.com/file/d/evidence",
        ],
        result: {AuditId: "A-7K3M9QX2A4", Status: "Failed", SuggestedStep: "SuspendWorker"},
      },
    ],
    execute: async ([ledger, auditId, outcome, findings, evidence, requestId], context) =>
      withGoogle(context, async ({g, now}) => {
        return auditObject(
          await recordAudit(g, {ledger, auditId, outcome, findings, evidence, requestId}, now),
          now.slice(0, 10),
          parseLedgerRef(ledger).spreadsheetId,
        );
      }),
  });

  pack.addFormula({
    name: "AuditDocuments",
    description:
      "Audits a worker's documents: lists their Drive document folder, classifies each file, and records a documentation audit with what is missing, expired or stale.",
    isAction: true,
    parameters: [LedgerParam, WorkerIdParam, RequestIdParam],
    resultType: coda.ValueType.Object,
    schema: AuditResultSchema,
    extraOAuthScopes: [DRIVE_READONLY_SCOPE],
    examples: [{params: [EXAMPLE_LEDGER, "W-000001"], result: {WorkerId: "W-000001", Kind: "Documentation"}}],
    execute: async ([ledger, workerId, requestId], context) =>
      withGoogle(context, async ({g, now}) => {
        return auditObject(
          await auditDocuments(g, {ledger, workerId, requestId}, now),
          now.slice(0, 10),
          parseLedgerRef(ledger).spreadsheetId,
        );
      }),
  });
}
