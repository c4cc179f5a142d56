import * as coda from "@codahq/packs-sdk";
import {withGoogle} from "../pack/coda/boundary";
import type {StepInput} from "../pack/core/decisions";
import type {LifecycleStep} from "../pack/core/lifecycle";
import {DRIVE_SCOPE, GMAIL_NOTICE_SCOPES} from "../pack/google/scopes";
import {addApplicant} from "../pack/ledger/intake";
import {runLifecycleStep, updateWorkerDetails} from "../pack/ledger/lifecycle";
import {
  dateParam,
  EXAMPLE_LEDGER,
  notifyParam,
  EvidenceParam,
  LedgerParam,
  NoteParam,
  OptionalEvidenceParam,
  OptionalPolicyClauseParam,
  optionalText,
  PolicyClauseParam,
  ReasonParam,
  RequestIdParam,
  text,
  OptionalUntilParam,
  WorkerFactsParam,
  WorkerIdParam,
} from "../pack/coda/params";
import {workerResult} from "../pack/coda/workers";
import {WorkerSchema} from "../pack/coda/workers";

/** The result of every lifecycle action: the Worker row, so the synced row updates in place. */
export const WorkerResultSchema = coda.withIdentity(WorkerSchema, "Worker");

/** SuspendWorker's parameters after the worker, and SuspendWorkers' after the workers (formulas/bulk.ts). */
export const SUSPEND_PARAMS = [
  ReasonParam,
  PolicyClauseParam,
  OptionalUntilParam,
  OptionalEvidenceParam,
  notifyParam("SuspendWorker"),
  RequestIdParam,
  WorkerFactsParam,
] as const;

/** OffboardWorker's parameters after the worker, and OffboardWorkers' after the workers. */
export const OFFBOARD_PARAMS = [ReasonParam, notifyParam("OffboardWorker"), RequestIdParam, WorkerFactsParam] as const;

/** An action that returns the updated worker. */
export const WORKER_ACTION = {isAction: true, resultType: coda.ValueType.Object, schema: WorkerResultSchema} as const;

/** Runs a lifecycle step for one worker and returns the updated Worker. */
export async function step(
  context: coda.ExecutionContext,
  action: LifecycleStep,
  ledger: string,
  workerId: string,
  input: StepInput,
  params: readonly unknown[],
  requestId: string | undefined,
  notify?: boolean,
  workerFacts?: string,
) {
  return withGoogle(context, async ({g, now}) =>
    workerResult(
      await runLifecycleStep(
        g,
        {
          action,
          ledger,
          workerId,
          input: {...input, workerFacts},
          // Every parameter scopes the request key (notify and the worker's facts only when given).
          params: [...params, ...(notify === undefined ? [] : [notify]), ...(workerFacts ? [workerFacts] : [])],
          requestId,
          notify,
        },
        now,
      ),
    ),
  );
}

/** What every action here shares: it returns the Worker row, so the synced row updates in place. */
export function registerLifecycle(pack: coda.PackDefinitionBuilder): void {
  pack.addFormula({
    name: "AddApplicant",
    description:
      "Adds a person as an Applicant, screened at once against every worker and the Blacklist (the verdict and matches are on the worker). Refuses only a second worker with the same canonical email, naming the existing worker and saying when they are Blacklisted.",
    ...WORKER_ACTION,
    parameters: [
      LedgerParam,
      text("name", "The applicant's full name."),
      text("email", "The applicant's email address."),
      text("country", "Country of residence: ISO code (MX) or English name (Mexico)."),
      optionalText("phone", "Phone number, national or international format."),
      optionalText("timezone", "Time zone, like America/Mexico_City."),
      optionalText("source", "Where the application came from."),
      RequestIdParam,
    ],
    examples: [
      {
        params: [
          EXAMPLE_LEDGER,
          "Ana Pérez",
          "ana.perez@example.com",
          "MX",
          "55 1234 5678",
          "America/Mexico_City",
          "Referral",
        ],
        result: {
          WorkerId: "W-000001",
          Name: "Ana Pérez",
          Status: "Applicant",
          Email: "ana.perez@example.com",
          Phone: "+525512345678",
          Country: "MX",
        },
      },
    ],
    execute: async ([ledger, name, email, country, phone, timezone, source, requestId], context) =>
      withGoogle(context, async ({g, now}) => {
        const params = [name, email, country, phone, timezone, source];
        const result = await addApplicant(
          g,
          {ledger, input: {name, email, country, phone, timezone, source}, requestId, params},
          now,
        );
        return workerResult(result);
      }),
  });

  pack.addFormula({
    name: "StartVetting",
    description: "Moves an Applicant into Vetting: identity, banking, duplicate and blacklist checks begin.",
    ...WORKER_ACTION,
    parameters: [LedgerParam, WorkerIdParam, NoteParam, RequestIdParam],
    examples: [{params: [EXAMPLE_LEDGER, "W-000001"], result: {WorkerId: "W-000001", Status: "Vetting"}}],
    execute: async ([ledger, workerId, note, requestId], context) =>
      step(context, "StartVetting", ledger, workerId, {note}, [note], requestId),
  });

  pack.addFormula({
    name: "ApproveWorker",
    description:
      "Approves a worker in Vetting: they become Active. Refused without a current screening, on a Match no other lead has cleared with ClearScreening, and on a Review unless the note says what was checked.",
    ...WORKER_ACTION,
    parameters: [LedgerParam, WorkerIdParam, NoteParam, notifyParam("ApproveWorker"), RequestIdParam, WorkerFactsParam],
    extraOAuthScopes: GMAIL_NOTICE_SCOPES,
    examples: [
      {params: [EXAMPLE_LEDGER, "W-000001", "ID and bank verified"], result: {WorkerId: "W-000001", Status: "Active"}},
    ],
    execute: async ([ledger, workerId, note, notify, requestId, workerFacts], context) =>
      step(context, "ApproveWorker", ledger, workerId, {note}, [note], requestId, notify, workerFacts),
  });

  pack.addFormula({
    name: "RejectApplicant",
    description:
      "Rejects an Applicant or a worker in Vetting, with the reason and, where one applies, the policy clause.",
    ...WORKER_ACTION,
    parameters: [
      LedgerParam,
      WorkerIdParam,
      ReasonParam,
      OptionalPolicyClauseParam,
      notifyParam("RejectApplicant"),
      RequestIdParam,
      WorkerFactsParam,
    ],
    extraOAuthScopes: GMAIL_NOTICE_SCOPES,
    examples: [
      {
        params: [EXAMPLE_LEDGER, "W-000002", "Identity document could not be verified", "CoC 2.1"],
        result: {WorkerId: "W-000002", Status: "Rejected"},
      },
    ],
    execute: async ([ledger, workerId, reason, policyClause, notify, requestId, workerFacts], context) =>
      step(
        context,
        "RejectApplicant",
        ledger,
        workerId,
        {reason, policyClause},
        [reason, policyClause],
        requestId,
        notify,
        workerFacts,
      ),
  });

  pack.addFormula({
    name: "SuspendWorker",
    description:
      "Suspends an Active worker until a date, or pending investigation when no date is given (a review falls due after Settings InvestigationReviewDays), with the reason, the Code of Conduct clause and the evidence.",
    ...WORKER_ACTION,
    parameters: [LedgerParam, WorkerIdParam, ...SUSPEND_PARAMS],
    extraOAuthScopes: [...GMAIL_NOTICE_SCOPES, DRIVE_SCOPE],
    // Project access follow-ups (pack/ledger/access.ts) may change Drive sharing.
    examples: [
      {
        params: [
          EXAMPLE_LEDGER,
          "W-000001",
          "Submitted copied answers on 3 tasks on 2 November",
          "CoC 4.2",
          new Date("2030-01-15T00:00:00Z"),
        ],
        result: {WorkerId: "W-000001", Status: "Suspended", SuspendedUntil: "2030-01-15"},
      },
    ],
    execute: async (
      [ledger, workerId, reason, policyClause, until, evidence, notify, requestId, workerFacts],
      context,
    ) =>
      step(
        context,
        "SuspendWorker",
        ledger,
        workerId,
        {reason, policyClause, until: dateParam(until, context.timezone), evidence},
        [reason, policyClause, dateParam(until, context.timezone), evidence],
        requestId,
        notify,
        workerFacts,
      ),
  });

  pack.addFormula({
    name: "ReinstateWorker",
    description: "Ends a suspension: the worker becomes Active again.",
    ...WORKER_ACTION,
    parameters: [
      LedgerParam,
      WorkerIdParam,
      NoteParam,
      notifyParam("ReinstateWorker"),
      RequestIdParam,
      WorkerFactsParam,
    ],
    extraOAuthScopes: [...GMAIL_NOTICE_SCOPES, DRIVE_SCOPE],
    // Project access follow-ups (pack/ledger/access.ts) may change Drive sharing.
    examples: [
      {params: [EXAMPLE_LEDGER, "W-000001", "Suspension served"], result: {WorkerId: "W-000001", Status: "Active"}},
    ],
    execute: async ([ledger, workerId, note, notify, requestId, workerFacts], context) =>
      step(context, "ReinstateWorker", ledger, workerId, {note}, [note], requestId, notify, workerFacts),
  });

  pack.addFormula({
    name: "OffboardWorker",
    description: "Offboards a worker who is no longer taking part, with the reason.",
    ...WORKER_ACTION,
    parameters: [LedgerParam, WorkerIdParam, ...OFFBOARD_PARAMS],
    extraOAuthScopes: [...GMAIL_NOTICE_SCOPES, DRIVE_SCOPE],
    // Project access follow-ups (pack/ledger/access.ts) may change Drive sharing.
    examples: [
      {
        params: [EXAMPLE_LEDGER, "W-000003", "Project ended; no further work planned"],
        result: {WorkerId: "W-000003", Status: "Offboarded"},
      },
    ],
    execute: async ([ledger, workerId, reason, notify, requestId, workerFacts], context) =>
      step(context, "OffboardWorker", ledger, workerId, {reason}, [reason], requestId, notify, workerFacts),
  });

  pack.addFormula({
    name: "ProposeBlacklist",
    description:
      "Proposes blacklisting a worker. The proposal waits until a different person with the lead role approves it.",
    ...WORKER_ACTION,
    parameters: [LedgerParam, WorkerIdParam, ReasonParam, PolicyClauseParam, EvidenceParam, RequestIdParam],
    examples: [
      {
        params: [
          EXAMPLE_LEDGER,
          "W-000004",
          "Operated two accounts with the same bank account",
          "CoC 1.3",
          "https://drive.google.com/file/d/evidence",
        ],
        result: {WorkerId: "W-000004", Status: "Active"},
      },
    ],
    execute: async ([ledger, workerId, reason, policyClause, evidence, requestId], context) =>
      step(
        context,
        "ProposeBlacklist",
        ledger,
        workerId,
        {reason, policyClause, evidence},
        [reason, policyClause, evidence],
        requestId,
      ),
  });

  pack.addFormula({
    name: "ApproveBlacklist",
    description:
      "Approves a pending blacklist proposal (leads only, never the proposer): the worker is Blacklisted and their identity keys go on the Blacklist.",
    ...WORKER_ACTION,
    parameters: [
      LedgerParam,
      WorkerIdParam,
      NoteParam,
      notifyParam("ApproveBlacklist"),
      RequestIdParam,
      WorkerFactsParam,
    ],
    extraOAuthScopes: [...GMAIL_NOTICE_SCOPES, DRIVE_SCOPE],
    // Project access follow-ups (pack/ledger/access.ts) may change Drive sharing.
    examples: [
      {
        params: [EXAMPLE_LEDGER, "W-000004", "Evidence reviewed"],
        result: {WorkerId: "W-000004", Status: "Blacklisted"},
      },
    ],
    execute: async ([ledger, workerId, note, notify, requestId, workerFacts], context) =>
      step(context, "ApproveBlacklist", ledger, workerId, {note}, [note], requestId, notify, workerFacts),
  });

  pack.addFormula({
    name: "DeclineBlacklist",
    description:
      "Declines a pending blacklist proposal (leads only), with the reason. The worker's status does not change.",
    ...WORKER_ACTION,
    parameters: [LedgerParam, WorkerIdParam, ReasonParam, RequestIdParam],
    examples: [
      {
        params: [EXAMPLE_LEDGER, "W-000005", "Shared bank account belongs to a spouse; documented"],
        result: {WorkerId: "W-000005", Status: "Active"},
      },
    ],
    execute: async ([ledger, workerId, reason, requestId], context) =>
      step(context, "DeclineBlacklist", ledger, workerId, {reason}, [reason], requestId),
  });

  pack.addFormula({
    name: "UpdateWorkerDetails",
    description:
      "Records a worker's links and notes: document folder in Drive, projects, Discord and Zendesk ids, Zendesk ticket and risk notes. Only the details given change; an empty text clears one. The status does not change.",
    ...WORKER_ACTION,
    parameters: [
      LedgerParam,
      WorkerIdParam,
      optionalText("documentFolder", "The worker's document folder in Google Drive: its link or id."),
      optionalText("projects", "The projects the worker is on, separated by commas."),
      optionalText("discordUserId", "The worker's Discord user id (digits)."),
      optionalText("zendeskUserId", "The worker's Zendesk user id (digits)."),
      optionalText("zendeskTicketUrl", "A Zendesk ticket about the worker."),
      optionalText(
        "riskNotes",
        "A note on risk, appended (dated and signed) to the ones before; notes are never replaced.",
      ),
      RequestIdParam,
    ],
    examples: [
      {
        params: [
          EXAMPLE_LEDGER,
          "W-000001",
          "https://drive.google.com/drive/folders/1AnaDocsFolder000",
          "Atlas, Borealis",
        ],
        result: {
          WorkerId: "W-000001",
          DocumentFolder: "https://drive.google.com/drive/folders/1AnaDocsFolder000",
          Projects: ["Atlas", "Borealis"],
        },
      },
    ],
    execute: async (
      [
        ledger,
        workerId,
        documentFolder,
        projects,
        discordUserId,
        zendeskUserId,
        zendeskTicketUrl,
        riskNotes,
        requestId,
      ],
      context,
    ) =>
      withGoogle(context, async ({g, now}) => {
        const input = {documentFolder, projects, discordUserId, zendeskUserId, zendeskTicketUrl, riskNotes};
        const result = await updateWorkerDetails(g, {ledger, workerId, input, requestId}, now);
        return workerResult(result);
      }),
  });
}
