import * as coda from "@codahq/packs-sdk";
import {boundary, nowIso, withGoogle} from "../pack/coda/boundary";
import {disputeDueDate} from "../pack/core/disputes";
import {DISPUTE_CATEGORIES, DISPUTE_OUTCOMES} from "../pack/core/records";
import {GMAIL_REPLY_SCOPES} from "../pack/google/scopes";
import type {DisputeResult} from "../pack/ledger/disputes";
import {assignDispute, closeDispute, flagDispute, openDispute, resolveDispute} from "../pack/ledger/disputes";
import {
  EXAMPLE_LEDGER,
  instantParam,
  LedgerParam,
  OptionalPolicyClauseParam,
  optionalText,
  RequestIdParam,
  text,
  WorkerFactsParam,
  WorkerIdParam,
} from "../pack/coda/params";
import {disputeObject} from "../pack/coda/disputes";
import {parseLedgerRef} from "../pack/ledger/store/ref";
import {DisputeSchema} from "../pack/coda/disputes";

/** The result of every dispute action: the Dispute row, so the synced row updates in place. */
export const DisputeResultSchema = coda.withIdentity(DisputeSchema, "Dispute");

const DisputeIdParam = text(
  "disputeId",
  "The dispute's id, like D-000012 (the DisputeId column of the Disputes table).",
);

const CategoryParam = text(
  "category",
  "Payment, SuspensionAppeal, BlacklistAppeal, QualityRating, ConductReport or Other.",
  {
    suggestedValue: "Other",
    autocomplete: [...DISPUTE_CATEGORIES],
  },
);

function notifyParam(description: string) {
  return coda.makeParameter({type: coda.ParameterType.Boolean, name: "notify", description, optional: true});
}

function present(result: DisputeResult, ledger: string) {
  return disputeObject(result.dispute, nowIso(), parseLedgerRef(ledger).spreadsheetId);
}

/** What every dispute action shares: it returns the Dispute row, so the synced row updates in place. */
const DISPUTE_ACTION = {isAction: true, resultType: coda.ValueType.Object, schema: DisputeResultSchema} as const;

export function registerDisputes(pack: coda.PackDefinitionBuilder): void {
  pack.addFormula({
    name: "OpenDispute",
    description:
      "Opens a dispute for a worker. A first response is due in business days in the worker's time zone (2 unless Settings say otherwise).",
    ...DISPUTE_ACTION,
    parameters: [
      LedgerParam,
      WorkerIdParam,
      CategoryParam,
      text("summary", "What the worker disputes, in a few words. The worker may be shown it."),
      optionalText(
        "source",
        "Where it was raised: a Gmail thread id, Zendesk ticket URL, Discord link or user id, or a note.",
      ),
      notifyParam("Send the worker an acknowledgement with the due date (off unless true)."),
      RequestIdParam,
      WorkerFactsParam,
    ],
    extraOAuthScopes: GMAIL_REPLY_SCOPES,
    examples: [
      {
        params: [
          EXAMPLE_LEDGER,
          "W-000001",
          "Payment",
          "Payout for week 2 missing",
          "https://example.zendesk.com/agent/tickets/4512",
        ],
        result: {DisputeId: "D-000001", WorkerId: "W-000001", Category: "Payment", Channel: "Zendesk", Status: "Open"},
      },
    ],
    execute: async ([ledger, workerId, category, summary, source, notify, requestId, workerFacts], context) =>
      withGoogle(context, async ({g, now}) =>
        present(
          await openDispute(
            g,
            {
              ledger,
              workerId,
              category,
              summary,
              source,
              notify,
              requestId,
              workerFacts,
              params: [workerId, category, summary, source],
            },
            now,
          ),
          ledger,
        ),
      ),
  });

  pack.addFormula({
    name: "FlagDispute",
    description: "Opens a dispute from a Gmail thread of yours (DisputeEmails), for the worker whose email wrote it.",
    ...DISPUTE_ACTION,
    parameters: [
      LedgerParam,
      text("threadId", "The Gmail thread id (the ThreadId column of DisputeEmails)."),
      CategoryParam,
      optionalText("summary", "What the worker disputes (the thread's subject and snippet when empty)."),
      notifyParam("Reply in the thread with an acknowledgement and the due date (off unless true)."),
      RequestIdParam,
      WorkerFactsParam,
    ],
    extraOAuthScopes: GMAIL_REPLY_SCOPES,
    examples: [
      {
        params: [EXAMPLE_LEDGER, "18c2f0a1b2c3d4e5", "SuspensionAppeal"],
        result: {
          DisputeId: "D-000002",
          Category: "SuspensionAppeal",
          Channel: "Email",
          ThreadId: "18c2f0a1b2c3d4e5",
          Status: "Open",
        },
      },
    ],
    execute: async ([ledger, threadId, category, summary, notify, requestId, workerFacts], context) =>
      withGoogle(context, async ({g, now}) => {
        return present(
          await flagDispute(g, {ledger, threadId, category, summary, notify, requestId, workerFacts}, now),
          ledger,
        );
      }),
  });

  pack.addFormula({
    name: "AssignDispute",
    description: 'Assigns a dispute to a specialist or lead ("me" for yourself); it moves to InReview.',
    ...DISPUTE_ACTION,
    parameters: [
      LedgerParam,
      DisputeIdParam,
      text("assignee", 'The assignee\'s email, as on the Staff tab, or "me".', {suggestedValue: "me"}),
      RequestIdParam,
    ],
    examples: [
      {
        params: [EXAMPLE_LEDGER, "D-000001", "sam@example.com"],
        result: {DisputeId: "D-000001", Assignee: "sam@example.com", Status: "InReview"},
      },
    ],
    execute: async ([ledger, disputeId, assignee, requestId], context) =>
      withGoogle(context, async ({g, now}) =>
        present(await assignDispute(g, {ledger, disputeId, assignee, requestId}, now), ledger),
      ),
  });

  pack.addFormula({
    name: "ResolveDispute",
    description:
      "Decides a dispute (Upheld, PartiallyUpheld or Rejected) with the rationale the worker is told. An upheld appeal names the reversal to take; nothing reverses automatically.",
    ...DISPUTE_ACTION,
    parameters: [
      LedgerParam,
      DisputeIdParam,
      text("outcome", "Upheld, PartiallyUpheld or Rejected.", {autocomplete: [...DISPUTE_OUTCOMES]}),
      text("rationale", "Why: the facts checked, with dates. The worker is told this."),
      notifyParam("Send the worker the outcome from your Gmail, in their thread if there is one (on unless false)."),
      OptionalPolicyClauseParam,
      RequestIdParam,
      WorkerFactsParam,
    ],
    extraOAuthScopes: GMAIL_REPLY_SCOPES,
    examples: [
      {
        params: [
          EXAMPLE_LEDGER,
          "D-000002",
          "Upheld",
          "The flagged answers on 2 November were the worker's own; the similarity check matched a public template.",
        ],
        result: {
          DisputeId: "D-000002",
          Status: "Decided",
          Outcome: "Upheld",
          ReversalNeeded: "ReinstateWorker W-000001",
        },
      },
    ],
    execute: async ([ledger, disputeId, outcome, rationale, notify, policyClause, requestId, workerFacts], context) =>
      withGoogle(context, async ({g, now}) =>
        present(
          await resolveDispute(
            g,
            {ledger, disputeId, outcome, rationale, notify, policyClause, requestId, workerFacts},
            now,
          ),
          ledger,
        ),
      ),
  });

  pack.addFormula({
    name: "CloseDispute",
    description:
      "Closes a decided dispute once the worker was told (a pending outcome notice is sent first) and any reversal it named was taken.",
    ...DISPUTE_ACTION,
    parameters: [
      LedgerParam,
      DisputeIdParam,
      optionalText("note", "Optional note recorded with the closing."),
      RequestIdParam,
    ],
    extraOAuthScopes: GMAIL_REPLY_SCOPES,
    examples: [{params: [EXAMPLE_LEDGER, "D-000002"], result: {DisputeId: "D-000002", Status: "Closed"}}],
    execute: async ([ledger, disputeId, note, requestId], context) =>
      withGoogle(context, async ({g, now}) =>
        present(await closeDispute(g, {ledger, disputeId, note, requestId}, now), ledger),
      ),
  });

  pack.addFormula({
    name: "DisputeDueDate",
    // Pure: no Google call, so it works without connecting an account (a column format, a recruiter).
    connectionRequirement: coda.ConnectionRequirement.None,
    description:
      "When a first response to a dispute is due: the end of the N-th business day (2 by default) after the day it was opened, in the time zone, skipping weekends and the holidays given.",
    parameters: [
      coda.makeParameter({
        type: coda.ParameterType.Date,
        name: "openedAt",
        description: "When the dispute was opened (or the worker's email arrived).",
      }),
      optionalText("category", "The dispute's category (all share the default target).", {
        autocomplete: [...DISPUTE_CATEGORIES],
      }),
      optionalText("timezone", "The worker's time zone, like America/Mexico_City. UTC when empty."),
      coda.makeParameter({
        type: coda.ParameterType.StringArray,
        name: "holidays",
        description: "Dates that are not business days: YYYY-MM-DD, or MM-DD for every year.",
        optional: true,
      }),
      coda.makeParameter({
        type: coda.ParameterType.Number,
        name: "days",
        description: "Business days to the deadline (2 when empty).",
        optional: true,
      }),
    ],
    resultType: coda.ValueType.String,
    codaType: coda.ValueHintType.DateTime,
    examples: [
      {
        params: [new Date("2026-01-09T15:00:00Z"), "Payment", "America/Mexico_City"],
        result: "2026-01-14T05:59:59.999Z",
      },
      {
        params: [new Date("2026-12-24T10:00:00Z"), "SuspensionAppeal", "Europe/Berlin", ["12-25", "12-26"]],
        result: "2026-12-29T22:59:59.999Z",
      },
    ],
    execute: async ([openedAt, category, timezone, holidays, days]) =>
      boundary(async () =>
        disputeDueDate({openedAt: instantParam(openedAt, "openedAt") ?? "", category, timezone, holidays, days}),
      ),
  });
}
