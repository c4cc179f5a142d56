import * as coda from "@codahq/packs-sdk";
import {withGoogle} from "../pack/coda/boundary";
import {BulkSummarySchema, bulkObject} from "../pack/coda/bulk";
import {dateParam, EXAMPLE_LEDGER, LedgerParam, WorkerIdsParam} from "../pack/coda/params";
import {DRIVE_SCOPE, GMAIL_NOTICE_SCOPES} from "../pack/google/scopes";
import {runBulk} from "../pack/ledger/bulk";
import {OFFBOARD_PARAMS, SUSPEND_PARAMS} from "./lifecycle";

const BULK_ACTION = {isAction: true, resultType: coda.ValueType.Object, schema: BulkSummarySchema} as const;

/** OffboardWorkers and SuspendWorkers: up to 200 workers, each its own decision. */
export function registerBulk(pack: coda.PackDefinitionBuilder): void {
  pack.addFormula({
    name: "OffboardWorkers",
    description:
      "Offboards up to 200 workers (a project ending), each as its own decision under its own lock: a refusal for one never stops the others. Returns {Done, Refused, Remaining}; run again with the same requestId to continue.",
    ...BULK_ACTION,
    parameters: [LedgerParam, WorkerIdsParam, ...OFFBOARD_PARAMS],
    extraOAuthScopes: [...GMAIL_NOTICE_SCOPES, DRIVE_SCOPE],
    examples: [
      {
        params: [EXAMPLE_LEDGER, ["W-000001", "W-000002", "W-000003"], "Project Atlas ended on 30 November", false],
        result: {
          Summary: "2 done, 1 refused",
          Done: 2,
          Refused: [
            {
              WorkerId: "W-000003",
              Rule: "transition",
              Message:
                "OffboardWorker is not allowed for W-000003: the worker is Blacklisted, and OffboardWorker applies only to Applicant, Vetting, Active or Suspended workers. (rule: transition)",
            },
          ],
          Remaining: [],
        },
      },
    ],
    execute: async ([ledger, workerIds, reason, notify, requestId, workerFacts], context) =>
      withGoogle(context, async ({g, now}) =>
        bulkObject(
          await runBulk(
            g,
            {
              action: "OffboardWorker",
              ledger,
              workerIds,
              input: {reason, workerFacts},
              params: [reason, workerFacts],
              requestId,
              notify,
            },
            now,
          ),
        ),
      ),
  });

  pack.addFormula({
    name: "SuspendWorkers",
    description:
      "Suspends up to 200 Active workers with one reason and clause, until a date or pending investigation, each as its own decision under its own lock. Returns {Done, Refused, Remaining}; run again with the same requestId to continue.",
    ...BULK_ACTION,
    parameters: [LedgerParam, WorkerIdsParam, ...SUSPEND_PARAMS],
    extraOAuthScopes: [...GMAIL_NOTICE_SCOPES, DRIVE_SCOPE],
    examples: [
      {
        params: [
          EXAMPLE_LEDGER,
          ["W-000001", "W-000002"],
          "Shared answers in the Atlas project on 28 November",
          "CoC 4.2",
          undefined,
          "",
          false,
        ],
        result: {Summary: "2 done, 0 refused", Done: 2, Refused: [], Remaining: []},
      },
    ],
    execute: async (
      [ledger, workerIds, reason, policyClause, until, evidence, notify, requestId, workerFacts],
      context,
    ) =>
      withGoogle(context, async ({g, now}) => {
        const date = dateParam(until, context.timezone);
        return bulkObject(
          await runBulk(
            g,
            {
              action: "SuspendWorker",
              ledger,
              workerIds,
              input: {reason, policyClause, until: date, evidence, workerFacts},
              params: [reason, policyClause, date, evidence, workerFacts],
              requestId,
              notify,
            },
            now,
          ),
        );
      }),
  });
}
