import * as coda from "@codahq/packs-sdk";
import {calendarDate, isZone} from "../core/zoned";
import {badInput} from "../core/errors";
import type {LifecycleStep} from "../core/lifecycle";
import {STEP_NOTICES} from "../core/notices";

type TextExtras = Pick<coda.ParameterOptions<coda.ParameterType.String>, "suggestedValue"> & {autocomplete?: string[]};
/** A required text parameter. */
export function text(name: string, description: string, extras?: TextExtras): coda.RequiredParamDef<coda.Type.string> {
  return coda.makeParameter({
    type: coda.ParameterType.String,
    name,
    description,
    ...extras,
  }) as coda.RequiredParamDef<coda.Type.string>;
}
/** An optional text parameter: the formula receives undefined when it is left out. */
export function optionalText(
  name: string,
  description: string,
  extras?: TextExtras,
): coda.OptionalParamDef<coda.Type.string> {
  return coda.makeParameter({type: coda.ParameterType.String, name, description, optional: true, ...extras});
}
/** A sync table's optional filter: a list of values, with suggestions when the values are known. */
export function optionalList(
  name: string,
  description: string,
  autocomplete?: string[],
): coda.OptionalParamDef<coda.ArrayType<coda.Type.string>> {
  return coda.makeParameter({type: coda.ParameterType.StringArray, name, description, optional: true, autocomplete});
}
/** The ledger every example runs against (a made-up spreadsheet id). */
export const EXAMPLE_LEDGER = "https://docs.google.com/spreadsheets/d/1ExampleLedger0000000000000000000000000000/edit";

/** Every ledger-backed formula, action and sync table takes the ledger first. */
export const LedgerParam = text(
  "ledger",
  "The ledger: its Google Sheets URL or spreadsheet ID (CreateLedger returns it). Keep it in a named formula such as Ledger.",
);
export const WorkerIdParam = text(
  "workerId",
  "The worker's id, like W-000123 (the WorkerId column of the Workers table).",
);
export const NoteParam = optionalText("note", "Optional note recorded with the decision.");
export const ReasonParam = text("reason", "Why: the specific facts, with dates. Workers may be told this reason.");
export const PolicyClauseParam = text(
  "policyClause",
  "The Code of Conduct clause the decision rests on, like CoC 4.2.",
  {suggestedValue: "CoC "},
);
export const OptionalPolicyClauseParam = optionalText(
  "policyClause",
  "The Code of Conduct clause the decision rests on, if any.",
);
export const EvidenceParam = text("evidence", "Links or references to the evidence, separated by commas or new lines.");
export const OptionalEvidenceParam = optionalText("evidence", "Optional links or references to the evidence.");
export const UntilParam = coda.makeParameter({
  type: coda.ParameterType.Date,
  name: "until",
  description: "The first day the worker may work again (a date after today).",
});
export const OptionalUntilParam = coda.makeParameter({
  type: coda.ParameterType.Date,
  name: "until",
  description:
    "The first day the worker may work again (a date after today). Leave it empty for a suspension pending investigation, due for review after Settings InvestigationReviewDays.",
  optional: true,
});
/** Last parameter of every action: pass a fresh value per click to make retries safe. */
export const RequestIdParam = optionalText(
  "requestId",
  "Optional id of this request (for example RandomValue() saved with the button's row). Repeating an action with the same id records it once; without one, an identical call within a minute counts as a repeat.",
);
/**
 * A date-time parameter as a UTC ISO instant; an invalid date (a cell Coda could not read as one)
 * is refused in words instead of failing with a RangeError.
 */
export function instantParam(value: Date | undefined, name: string): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const ms = value instanceof Date ? value.getTime() : NaN;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) {
    throw badInput(
      "INPUT_DATE",
      `${name} is not a valid date. Give a date such as 2026-01-05 or a date and time such as 2026-01-05 14:30.`,
    );
  }
  return new Date(ms).toISOString();
}
/**
 * Last parameter of every action that has `notify` (after requestId, so existing buttons keep
 * working): the facts as the worker is told them. Without it, the notice uses the reason.
 */
export const WorkerFactsParam = optionalText(
  "workerFacts",
  "Optional: the facts as the worker is told them, with dates, about this worker only. Without it the notice uses the reason. Never name other people or accounts here.",
);
/** A list of worker ids for a bulk step. */
export const WorkerIdsParam = coda.makeParameter({
  type: coda.ParameterType.StringArray,
  name: "workerIds",
  description: "Up to 200 worker ids, like W-000123 (a column of the Workers table, or a list of text).",
});
/** A date parameter as the calendar date the doc meant, in the doc's time zone. */
export function dateParam(value: Date | undefined, timezone: string | undefined): string | undefined {
  if (!value) {
    return undefined;
  }
  const zone = timezone || "UTC";
  return (isZone(zone) && calendarDate(value.getTime(), zone)) || undefined;
}
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
