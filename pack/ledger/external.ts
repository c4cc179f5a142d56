// RecordExternalStep: a step a decision owed Discord or Zendesk, recorded as taken (or not needed) and cleared.
import type {Google} from "../google/http";
import {planExternalStep} from "../core/external";
import type {WorkerResult} from "./workers";
import {runWorkerAction} from "./workers";

export interface ExternalStepInput {
  ledger: string;
  workerId: string;
  /** Exactly as ExternalStepsOwed shows it: "Discord.ban", "Discord.remove-roles:111,222". */
  step: string;
  /** Done or NotNeeded. */
  outcome: string;
  /** What the companion reported (for remove-roles, the role ids it removed). */
  reference?: string;
  requestId?: string;
}

/** Records in the decision log that an owed external step was taken or needed nothing, and clears it. */
export async function recordExternalStep(g: Google, input: ExternalStepInput, now: string): Promise<WorkerResult> {
  const {step, outcome} = input;
  const reference = input.reference ?? "";
  return runWorkerAction(
    g,
    {
      action: "RecordExternalStep",
      ledger: input.ledger,
      workerId: input.workerId,
      requestId: input.requestId,
      params: [step, outcome, input.reference],
      plan: (_session, worker) => ({decision: planExternalStep(worker.record, step, outcome, reference)}),
    },
    now,
  );
}
