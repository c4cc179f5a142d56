import * as coda from "@codahq/packs-sdk";
import {count, list, text} from "./props";

/** What a bulk step did: how many decisions, which workers were refused and why, which it did not reach. */
export const BulkSummarySchema = coda.makeObjectSchema({
  description: "The summary of a bulk step: each worker is its own decision.",
  properties: {
    Summary: text("The result in one line."),
    Done: count("How many workers the step was taken for (including ones done by an earlier run of this request)."),
    Refused: {
      type: coda.ValueType.Array,
      description: "The workers the step was refused for, each with the rule and the reason.",
      items: coda.makeObjectSchema({
        properties: {
          WorkerId: text("The worker refused."),
          Rule: text("The rule that refused it, like transition."),
          Message: text("Why, in a sentence."),
        },
        displayProperty: "WorkerId",
      }),
    },
    Remaining: list("The ids not reached before the time limit: run the action again with the same requestId."),
  },
  displayProperty: "Summary",
});

/** The summary as Coda shows it. */
export function bulkObject(s: {Done: number; Refused: unknown[]; Remaining: string[]}) {
  const parts = [`${s.Done} done`, `${s.Refused.length} refused`];
  if (s.Remaining.length) {
    parts.push(`${s.Remaining.length} not reached: run again with the same requestId`);
  }
  return {Summary: parts.join(", "), ...s};
}
