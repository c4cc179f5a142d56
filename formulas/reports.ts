import * as coda from "@codahq/packs-sdk";
import {withGoogle} from "../pack/coda/boundary";
import {summaryPeriod} from "../pack/core/reports";
import {summaryReport} from "../pack/ledger/reports";
import {summaryObject} from "../pack/coda/monitoring";
import {SummarySchema} from "../pack/coda/monitoring";
import {EXAMPLE_LEDGER, LedgerParam} from "../pack/coda/params";

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
        const report = await summaryReport(g, ledger, summaryPeriod(from, to, now), now);
        return summaryObject(report.summary, report.precision);
      }),
  });
}
