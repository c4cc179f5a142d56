import * as coda from "@codahq/packs-sdk";
import {withGoogle} from "../pack/coda/boundary";
import {DEFAULT_WEEKS} from "../pack/core/reports";
import type {TrendsCursor} from "../pack/ledger/reports";
import {trendsPage} from "../pack/ledger/reports";
import {trendObject} from "../pack/coda/monitoring";
import {TrendSchema} from "../pack/coda/monitoring";
import {LedgerParam} from "../pack/coda/params";

export function registerTrendsTable(pack: coda.PackDefinitionBuilder): void {
  pack.addSyncTable({
    name: "Trends",
    description:
      "Weekly counts per metric and country for charts: applicants, approvals, rejections, suspensions, reinstatements, blacklistings, offboardings, warnings, suspension extensions, blacklist lifts, re-applications, data exports, disputes opened and resolved, due-date breaches, and open findings per rule by the week they were first seen.",
    identityName: "Trend",
    schema: TrendSchema,
    formula: {
      name: "SyncTrends",
      description:
        "Counts the decision log, disputes and audits of the last weeks, then the monitoring findings part by part.",
      parameters: [
        LedgerParam,
        coda.makeParameter({
          type: coda.ParameterType.Number,
          name: "weeks",
          description: `How many weeks back, this week included (default ${DEFAULT_WEEKS}).`,
          optional: true,
        }),
      ],
      execute: async ([ledger, weeks], context) =>
        withGoogle(context, async ({g, now}) => {
          const cursor = context.sync.continuation as TrendsCursor | undefined;
          const page = await trendsPage(g, ledger, weeks, cursor, now);
          return {result: page.trends.map((t) => trendObject(t, page.part)), continuation: page.next};
        }),
    },
  });
}
