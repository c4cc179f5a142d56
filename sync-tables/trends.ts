import * as coda from "@codahq/packs-sdk";
import {withGoogle} from "../pack/coda/boundary";
import {badInput} from "../pack/core/errors";
import {activityTrends, findingTrends, UNKNOWN_COUNTRY, windowStart} from "../pack/core/reports";
import {monitoringPage} from "../pack/ledger/monitoring";
import {readTriage, ruleModes} from "../pack/ledger/triage";
import {parseLedgerRef} from "../pack/ledger/store/ref";
import {loadActivity} from "../pack/ledger/reports";
import {trendObject} from "../pack/coda/monitoring";
import {TrendSchema} from "../pack/coda/monitoring";
import {LedgerParam} from "../pack/coda/params";

export const DEFAULT_WEEKS = 12;
export const MAX_WEEKS = 104;

interface TrendsContinuation {
  [key: string]: number;
  /** 0: decisions, disputes and audits; 1 and on: the monitoring phases (phase - 1). */
  phase: number;
  row: number;
}

export function trendWeeks(weeks: number | undefined): number {
  if (weeks === undefined) {
    return DEFAULT_WEEKS;
  }
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > MAX_WEEKS) {
    throw badInput("INPUT_WEEKS", `weeks must be a whole number from 1 to ${MAX_WEEKS}; ${weeks} is not.`);
  }
  return weeks;
}

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
          const from = windowStart(now, trendWeeks(weeks));
          const ref = parseLedgerRef(ledger);
          const cursor = context.sync.continuation as TrendsContinuation | undefined;
          if (!cursor || cursor.phase === 0) {
            const activity = await loadActivity(g, ref, from, now);
            return {
              result: activityTrends(activity, from, now).map((t) => trendObject(t)),
              continuation: {phase: 1, row: 2} satisfies TrendsContinuation,
            };
          }
          // Shadow rules are being tried: their findings stay out of the counts.
          const modes = ruleModes((await readTriage(g, ref)).settings);
          const page = await monitoringPage(g, ref, {phase: cursor.phase - 1, row: cursor.row}, {modes}, now, {
            countries: true,
          });
          const part = `part ${cursor.phase - 1}.${cursor.row}`;
          const live = page.findings.filter((f) => !f.shadow);
          const rows = findingTrends(live, (id) => page.countries.get(id) || UNKNOWN_COUNTRY, from, now).map((t) =>
            trendObject(t, part),
          );
          const continuation: TrendsContinuation | undefined = page.next
            ? {phase: page.next.phase + 1, row: page.next.row}
            : undefined;
          return {result: rows, continuation};
        }),
    },
  });
}
