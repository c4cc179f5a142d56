import * as coda from "@codahq/packs-sdk";
import {boundary, nowIso} from "../pack/coda/boundary";
import {planExternalStep, STEP_OUTCOMES} from "../pack/core/external";
import {googleFrom} from "../pack/google/http";
import {runWorkerAction} from "../pack/ledger/workers";
import {LedgerParam, optionalText, RequestIdParam, text, WorkerIdParam} from "../pack/coda/params";
import {workerResult} from "../pack/coda/workers";
import {WorkerResultSchema} from "./lifecycle";

const EXAMPLE_LEDGER = "https://docs.google.com/spreadsheets/d/1ExampleLedger0000000000000000000000000000/edit";

export function registerExternalSteps(pack: coda.PackDefinitionBuilder): void {
  pack.addFormula({
    name: "RecordExternalStep",
    description:
      "Records in the decision log that a step a decision owed another tool (Discord, Zendesk) was taken, and clears it from ExternalStepsOwed. Run it after the companion action in the same RunActions.",
    isAction: true,
    parameters: [
      LedgerParam,
      WorkerIdParam,
      text("step", "The step exactly as ExternalStepsOwed shows it, like Discord.ban or Discord.remove-roles:111,222."),
      text("outcome", "Done, or NotNeeded (nothing to do there).", {autocomplete: [...STEP_OUTCOMES]}),
      optionalText(
        "reference",
        "What the companion reported: for Discord.remove-roles, the role ids RemoveRoles removed (its RolesRemoved).",
      ),
      RequestIdParam,
    ],
    resultType: coda.ValueType.Object,
    schema: WorkerResultSchema,
    examples: [
      {
        params: [EXAMPLE_LEDGER, "W-000003", "Discord.ban", "Done", "Banned on Discord"],
        result: {WorkerId: "W-000003", Status: "Blacklisted", ExternalStepsOwed: ["Zendesk.suspend-user"]},
      },
    ],
    execute: async ([ledger, workerId, step, outcome, reference, requestId], context) =>
      boundary(async () => {
        const result = await runWorkerAction(
          googleFrom(context),
          {
            action: "RecordExternalStep",
            ledger,
            workerId,
            requestId,
            params: [step, outcome, reference],
            plan: (_session, worker) => ({decision: planExternalStep(worker.record, step, outcome, reference ?? "")}),
          },
          nowIso(),
        );
        return workerResult(result);
      }),
  });
}
