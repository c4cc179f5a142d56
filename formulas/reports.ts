import * as coda from "@codahq/packs-sdk";
import {withGoogle} from "../pack/coda/boundary";
import {badInput} from "../pack/core/errors";
import {summarize} from "../pack/core/reports";
import {parseLedgerRef} from "../pack/ledger/store/ref";
import {loadActivity} from "../pack/ledger/reports";
import {readTriage} from "../pack/ledger/triage";
import {rulePrecision} from "../pack/core/triage";
import {summaryObject} from "../pack/coda/monitoring";
import {SummarySchema} from "../pack/coda/monitoring";
import {EXAMPLE_LEDGER, LedgerParam} from "../pack/coda/params";

const DEFAULT_DAYS = 30;
const DAY_MS = 86_400_000;

/** The period a Summary covers: [from, to), defaulting to the 30 days up to now. */
export function summaryPeriod(from: Date | undefined, to: Date | undefined, now: string): {from: string; to: string} {
  const end = to ? to.getTime() : Date.parse(now);
  const start = from ? from.getTime() : end - DEFAULT_DAYS * DAY_MS;
  if (!Number.isFinite(start) || !Number.isFinite(end)) {
    throw badInput("INPUT_DATE", "from and to must be dates.");
  }
  if (start >= end) {
    throw badInput(
      "INPUT_DATE",
      `The period must start before it ends: from ${new Date(start).toISOString().slice(0, 10)} is not before to ${new Date(end).toISOString().slice(0, 10)}.`,
    );
  }
  return {from: new Date(start).toISOString(), to: new Date(end).toISOString()};
}

export function registerReports(pack: coda.PackDefinitionBuilder): void {
  pack.addFormula({
    name: "Summary",
    description:
      "A manager's summary of a period (default: the last 30 days): decisions by type (warnings, extensions, lifts and re-applications included), disputes opened and resolved, due-date breaches, open work now (blacklist and lift proposals waiting, suspensions pending investigation and overdue reviews, workers at the strike threshold, open and overdue disputes, overdue audits) and the top reasons for adverse decisions.",
    parameters: [
      LedgerParam,
      coda.makeParameter({
        type: coda.ParameterType.Date,
        name: "from",
        description: "Start of the period (included). Default: 30 days before to.",
        optional: true,
      }),
      coda.makeParameter({
        type: coda.ParameterType.Date,
        name: "to",
        description: "End of the period (excluded). Default: now.",
        optional: true,
      }),
    ],
    resultType: coda.ValueType.Object,
    schema: SummarySchema,
    cacheTtlSecs: 0,
    examples: [
      {
        params: [EXAMPLE_LEDGER, new Date("2026-03-01T00:00:00Z"), new Date("2026-04-01T00:00:00Z")],
        result: {
          Period: "1 March 2026 to 31 March 2026",
          From: "2026-03-01T00:00:00.000Z",
          To: "2026-04-01T00:00:00.000Z",
        },
      },
    ],
    execute: async ([ledger, from, to], context) =>
      withGoogle(context, async ({g, now}) => {
        const period = summaryPeriod(from, to, now);
        const ref = parseLedgerRef(ledger);
        const [activity, triage] = await Promise.all([loadActivity(g, ref, period.from, now), readTriage(g, ref)]);
        return summaryObject(summarize(activity, period.from, period.to), rulePrecision([...triage.triage.values()]));
      }),
  });
}
