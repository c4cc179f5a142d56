import * as coda from "@codahq/packs-sdk";
import {calendarDate, isZone} from "./core/zoned";

/** Every ledger-backed formula, action and sync table takes the ledger first. */
export const LedgerParam = coda.makeParameter({
  type: coda.ParameterType.String,
  name: "ledger",
  description: "The ledger: its Google Sheets URL or spreadsheet ID (CreateLedger returns it). Keep it in a named formula such as Ledger.",
});

export const WorkerIdParam = coda.makeParameter({
  type: coda.ParameterType.String,
  name: "workerId",
  description: "The worker's id, like W-000123 (the WorkerId column of the Workers table).",
});

export const NoteParam = coda.makeParameter({
  type: coda.ParameterType.String,
  name: "note",
  description: "Optional note recorded with the decision.",
  optional: true,
});

export const ReasonParam = coda.makeParameter({
  type: coda.ParameterType.String,
  name: "reason",
  description: "Why: the specific facts, with dates. Workers may be told this reason.",
});

export const PolicyClauseParam = coda.makeParameter({
  type: coda.ParameterType.String,
  name: "policyClause",
  description: "The Code of Conduct clause the decision rests on, like CoC 4.2.",
  suggestedValue: "CoC ",
});

export const OptionalPolicyClauseParam = coda.makeParameter({
  type: coda.ParameterType.String,
  name: "policyClause",
  description: "The Code of Conduct clause the decision rests on, if any.",
  optional: true,
});

export const EvidenceParam = coda.makeParameter({
  type: coda.ParameterType.String,
  name: "evidence",
  description: "Links or references to the evidence, separated by commas or new lines.",
});

export const OptionalEvidenceParam = coda.makeParameter({
  type: coda.ParameterType.String,
  name: "evidence",
  description: "Optional links or references to the evidence.",
  optional: true,
});

export const UntilParam = coda.makeParameter({
  type: coda.ParameterType.Date,
  name: "until",
  description: "The first day the worker may work again (a date after today).",
});

/** Last parameter of every action: pass a fresh value per click to make retries safe. */
export const RequestIdParam = coda.makeParameter({
  type: coda.ParameterType.String,
  name: "requestId",
  description:
    "Optional id of this request (for example RandomValue() saved with the button's row). Repeating an action with the same id records it once; without one, an identical call within a minute counts as a repeat.",
  optional: true,
});

/** A date parameter as the calendar date the doc meant, in the doc's time zone. */
export function dateParam(value: Date | undefined, timezone: string | undefined): string | undefined {
  if (!value) {
    return undefined;
  }
  const zone = timezone || "UTC";
  return (isZone(zone) && calendarDate(value.getTime(), zone)) || undefined;
}
