// Monitoring rules: pure checks over ledger rows, one file per area. A finding names its evidence;
// it never decides. This file lists every rule and runs them.
import type {Finding, Rule, RuleId, RuleInput, Severity} from "./types";
import {RULE_IDS, SEVERITIES} from "./types";
import {sharedBank, sharedEmail, sharedPhone} from "./identifiers";
import {blacklistMatch} from "./blacklist";
import {inactive, suspensionOverdue, vettingIncomplete} from "./lifecycle";
import {documentsExpired, documentsMissing} from "./documents";
import {disputeOverdue} from "./disputes";
import {ledgerDrift} from "./drift";
import {investigationOverdue, strikeThreshold} from "./casework";

export * from "./types";
export {canonical, digestLog} from "./drift";

/** Every rule, in the order findings are listed within a severity. */
export const RULES: readonly Rule[] = [
  blacklistMatch,
  sharedBank,
  sharedEmail,
  sharedPhone,
  suspensionOverdue,
  vettingIncomplete,
  documentsMissing,
  documentsExpired,
  disputeOverdue,
  inactive,
  strikeThreshold,
  investigationOverdue,
  ledgerDrift,
];

export interface RuleFilter {
  rules?: ReadonlySet<RuleId>;
  severities?: ReadonlySet<Severity>;
}

/** Runs the rules (all, or those the filter names): most severe first, one per finding id. */
export function evaluate(input: RuleInput, filter: RuleFilter = {}): Finding[] {
  const ids = new Set<string>();
  const out = RULES.filter((r) => !filter.rules?.size || filter.rules.has(r.id))
    .flatMap((r) => r.check(input))
    .filter((f) => !ids.has(f.id) && ids.add(f.id) && (!filter.severities?.size || filter.severities.has(f.severity)));
  const rank = (f: Finding) => SEVERITIES.indexOf(f.severity) * 100 - RULE_IDS.indexOf(f.rule);
  return out.sort((a, b) => rank(b) - rank(a) || (a.id < b.id ? -1 : 1));
}
