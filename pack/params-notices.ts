import * as coda from "@codahq/packs-sdk";
import type {LifecycleStep} from "./core/lifecycle";
import {STEP_NOTICES} from "./ledger/notices";

/** The optional `notify` of a lifecycle action that sends a notice; its default is the step's. */
export function notifyParam(step: LifecycleStep) {
  const rule = STEP_NOTICES[step];
  const kind = rule?.kind ?? "notice";
  return coda.makeParameter({
    type: coda.ParameterType.Boolean,
    name: "notify",
    description: rule?.byDefault
      ? `Send the worker the ${kind} notice from your Gmail (on unless set to false). If sending fails, the decision stands and the notice stays pending for SendNotice.`
      : `Send the worker the ${kind} notice from your Gmail (off unless set to true).`,
    optional: true,
  });
}
