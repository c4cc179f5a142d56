import type * as coda from "@codahq/packs-sdk";
import {withGoogle} from "../pack/coda/boundary";
import {STEP_OUTCOMES} from "../pack/core/external";
import {recordExternalStep} from "../pack/ledger/external";
import {EXAMPLE_LEDGER, LedgerParam, optionalText, RequestIdParam, text, WorkerIdParam} from "../pack/coda/params";
import {workerResult} from "../pack/coda/workers";
import {WORKER_ACTION} from "./lifecycle";

export function registerExternalSteps(pack: coda.PackDefinitionBuilder): void {
  pack.addFormula({
    name: "RecordExternalStep",
    description:
      "Records in the decision log that a step a decision owed another tool (Discord, Zendesk) was taken, and clears it from ExternalStepsOwed. Run it after the companion action in the same RunActions.",
    ...WORKER_ACTION,
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
    examples: [
      {
        params: [EXAMPLE_LEDGER, "W-000003", "Discord.ban", "Done", "Banned on Discord"],
        result: {WorkerId: "W-000003", Status: "Blacklisted", ExternalStepsOwed: ["Zendesk.suspend-user"]},
      },
    ],
    execute: async ([ledger, workerId, step, outcome, reference, requestId], context) =>
      withGoogle(context, async ({g, now}) =>
        workerResult(await recordExternalStep(g, {ledger, workerId, step, outcome, reference, requestId}, now)),
      ),
  });
}
