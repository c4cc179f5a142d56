import * as coda from "@codahq/packs-sdk";
import {DRIVE_FILE_SCOPE, GMAIL_NOTICE_SCOPES} from "../pack/google/scopes";
import {
  dateParam,
  EXAMPLE_LEDGER,
  LedgerParam,
  NoteParam,
  notifyParam,
  OptionalEvidenceParam,
  PolicyClauseParam,
  ReasonParam,
  RequestIdParam,
  text,
  UntilParam,
  WorkerFactsParam,
  WorkerIdParam,
} from "../pack/coda/params";
import {step, WORKER_ACTION} from "./lifecycle";
import {withGoogle} from "../pack/coda/boundary";
import {workerObject, WorkerFileSchema} from "../pack/coda/workers";
import {workerFile} from "../pack/ledger/worker-file";
import {exportWorkerData} from "../pack/ledger/export";

/** Warnings, extensions, lifting a blacklisting, re-applying and internal notes. */
export function registerCasework(pack: coda.PackDefinitionBuilder): void {
  pack.addFormula({
    name: "IssueWarning",
    description:
      "Records a formal warning: the status does not change. Each warning is a strike weighted by Settings StrikeWeight.<clause> (1 by default) that counts for StrikeExpiryDays; at StrikeThreshold a finding suggests a suspension.",
    ...WORKER_ACTION,
    parameters: [
      LedgerParam,
      WorkerIdParam,
      ReasonParam,
      PolicyClauseParam,
      OptionalEvidenceParam,
      notifyParam("IssueWarning"),
      RequestIdParam,
      WorkerFactsParam,
    ],
    extraOAuthScopes: GMAIL_NOTICE_SCOPES,
    examples: [
      {
        params: [EXAMPLE_LEDGER, "W-000001", "Missed the review deadline on 3 tasks in November", "CoC 4.2"],
        result: {WorkerId: "W-000001", Status: "Active", ActiveStrikes: 1},
      },
    ],
    execute: async ([ledger, workerId, reason, policyClause, evidence, notify, requestId, workerFacts], context) =>
      step(
        context,
        "IssueWarning",
        ledger,
        workerId,
        {reason, policyClause, evidence, workerFacts},
        [reason, policyClause, evidence, workerFacts],
        requestId,
        notify,
      ),
  });

  pack.addFormula({
    name: "ExtendSuspension",
    description:
      "Extends a suspension: a fixed one to a later first day back, or moves the review of one pending investigation to that date. Refused for a worker who is not Suspended.",
    ...WORKER_ACTION,
    parameters: [
      LedgerParam,
      WorkerIdParam,
      UntilParam,
      ReasonParam,
      notifyParam("ExtendSuspension"),
      RequestIdParam,
      WorkerFactsParam,
    ],
    extraOAuthScopes: GMAIL_NOTICE_SCOPES,
    examples: [
      {
        params: [
          EXAMPLE_LEDGER,
          "W-000001",
          new Date("2030-02-15T00:00:00Z"),
          "Further copied answers found on 20 November",
        ],
        result: {WorkerId: "W-000001", Status: "Suspended", SuspendedUntil: "2030-02-15", SuspensionKind: "Fixed"},
      },
    ],
    execute: async ([ledger, workerId, until, reason, notify, requestId, workerFacts], context) => {
      const date = dateParam(until, context.timezone);
      return step(
        context,
        "ExtendSuspension",
        ledger,
        workerId,
        {until: date, reason, workerFacts},
        [date, reason, workerFacts],
        requestId,
        notify,
      );
    },
  });

  pack.addFormula({
    name: "ProposeLiftBlacklist",
    description:
      "Proposes lifting a blacklisting (specialists and leads). A lead other than the proposer must approve it with ApproveLiftBlacklist.",
    ...WORKER_ACTION,
    parameters: [LedgerParam, WorkerIdParam, ReasonParam, OptionalEvidenceParam, RequestIdParam],
    examples: [
      {
        params: [EXAMPLE_LEDGER, "W-000001", "Appeal upheld: the second account was a relative's, documented"],
        result: {WorkerId: "W-000001", Status: "Blacklisted"},
      },
    ],
    execute: async ([ledger, workerId, reason, evidence, requestId], context) =>
      step(context, "ProposeLiftBlacklist", ledger, workerId, {reason, evidence}, [reason, evidence], requestId),
  });

  pack.addFormula({
    name: "ApproveLiftBlacklist",
    description:
      "Approves lifting a blacklisting (leads only, never the proposer): the worker returns to the status the blacklisting ended; the Blacklist entry stays as history with LiftedAt, LiftedBy and the reason, and no longer matches in screening.",
    ...WORKER_ACTION,
    parameters: [
      LedgerParam,
      WorkerIdParam,
      NoteParam,
      notifyParam("ApproveLiftBlacklist"),
      RequestIdParam,
      WorkerFactsParam,
    ],
    extraOAuthScopes: GMAIL_NOTICE_SCOPES,
    examples: [
      {
        params: [EXAMPLE_LEDGER, "W-000001", "Evidence of the appeal reviewed"],
        result: {WorkerId: "W-000001", Status: "Active"},
      },
    ],
    execute: async ([ledger, workerId, note, notify, requestId, workerFacts], context) =>
      step(
        context,
        "ApproveLiftBlacklist",
        ledger,
        workerId,
        {note, workerFacts},
        [note, workerFacts],
        requestId,
        notify,
      ),
  });

  pack.addFormula({
    name: "Reapply",
    description:
      "Makes a Rejected or Offboarded worker an Applicant again on the same record, history kept, once Settings ReapplyAfterDays have passed; the earlier screening no longer counts. Never for a Blacklisted worker.",
    ...WORKER_ACTION,
    parameters: [LedgerParam, WorkerIdParam, NoteParam, RequestIdParam],
    examples: [
      {
        params: [EXAMPLE_LEDGER, "W-000001", "Applied again through the March campaign"],
        result: {WorkerId: "W-000001", Status: "Applicant"},
      },
    ],
    execute: async ([ledger, workerId, note, requestId], context) =>
      step(context, "Reapply", ledger, workerId, {note}, [note], requestId),
  });

  pack.addFormula({
    name: "AddNote",
    description:
      "Adds an internal note to a worker's file, with its author and time. Notes are never shown to the worker and never overwritten.",
    ...WORKER_ACTION,
    parameters: [
      LedgerParam,
      WorkerIdParam,
      text("note", "The note: what you saw or checked, with dates."),
      RequestIdParam,
    ],
    examples: [
      {
        params: [
          EXAMPLE_LEDGER,
          "W-000001",
          "Called the worker on 2 December: confirmed the new bank account is theirs",
        ],
        result: {WorkerId: "W-000001", Status: "Active"},
      },
    ],
    execute: async ([ledger, workerId, note, requestId], context) =>
      step(context, "AddNote", ledger, workerId, {note}, [note], requestId),
  });

  pack.addFormula({
    name: "WorkerFile",
    description:
      "The worker and one timeline, newest first: decisions, internal notes, screenings, bank and ID checks, audits, disputes, notices sent and current findings, each with its Kind, time, actor and text. Specialists and leads only.",
    parameters: [LedgerParam, WorkerIdParam],
    resultType: coda.ValueType.Object,
    schema: WorkerFileSchema,
    cacheTtlSecs: 0,
    examples: [
      {
        params: [EXAMPLE_LEDGER, "W-000001"],
        result: {WorkerId: "W-000001"},
      },
    ],
    execute: async ([ledger, workerId], context) =>
      withGoogle(context, async ({g, now}) => {
        const file = await workerFile(g, ledger, workerId, now);
        return {
          WorkerId: file.worker.record.workerId,
          Worker: workerObject(file.worker, {role: "lead", now}),
          Timeline: file.timeline,
        };
      }),
  });

  pack.addFormula({
    name: "ExportWorkerData",
    description:
      "A person's right of access (leads only): writes to your own Google Drive a Google Doc the person can read, and a JSON copy beside it, with everything the ledger holds about them: their record, every decision with its reasons, internal notes, disputes, audits, current findings, why each kind of data is held and how the automated checks work. Another person's data never appears (a match reads \"matched another account\"). Records the export and returns the document's link; share it with the person yourself.",
    isAction: true,
    parameters: [LedgerParam, WorkerIdParam, RequestIdParam],
    extraOAuthScopes: [DRIVE_FILE_SCOPE],
    resultType: coda.ValueType.String,
    codaType: coda.ValueHintType.Url,
    examples: [
      {
        params: [EXAMPLE_LEDGER, "W-000001"],
        result: "https://docs.google.com/document/d/1ExampleExport000000000000000000000000000000/edit?usp=drivesdk",
      },
    ],
    execute: async ([ledger, workerId, requestId], context) =>
      withGoogle(context, async ({g, now}) => (await exportWorkerData(g, {ledger, workerId, requestId}, now)).link),
  });
}
