// Monitoring rules: pure checks over ledger rows, one file per area. A finding names its evidence;
// it never decides. This file lists every rule and runs them.
import type {Finding, Rule, RuleId, RuleInput, RuleMode, Severity} from "./types";
import {RULE_IDS, SEVERITIES} from "./types";
import {sharedBank, sharedEmail, sharedPhone} from "./identifiers";
import {blacklistMatch, screenedBlacklistMatch} from "./blacklist";
import {inactive, suspensionOverdue, vettingIncomplete} from "./lifecycle";
import {documentsExpired, documentsMissing} from "./documents";
import {disputeOverdue} from "./disputes";
import {ledgerDrift} from "./drift";
import {investigationOverdue, strikeThreshold} from "./casework";
import {externalStepsOverdue} from "./external";

export * from "./types";
export {canonical, digestLog} from "./drift";

/** Every rule, in the order findings are listed within a severity. */
export const RULES: readonly Rule[] = [
  blacklistMatch,
  screenedBlacklistMatch,
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
  externalStepsOverdue,
];

export interface RuleFilter {
  rules?: ReadonlySet<RuleId>;
  severities?: ReadonlySet<Severity>;
  /** Each rule's mode (Settings `Rule.<id>`); a rule not named is on. */
  modes?: ReadonlyMap<string, RuleMode>;
}

/** A rule's mode: off rules do not run, shadow rules' findings are marked `shadow`. */
export function modeOf(rule: string, modes?: ReadonlyMap<string, RuleMode>): RuleMode {
  return modes?.get(rule) ?? "on";
}

/**
 * Runs the rules (all, or those the filter names): most severe first, one per finding id. Every
 * rule in RULES honours its mode here, so a rule added to the list gets shadow mode for free.
 */
export function evaluate(input: RuleInput, filter: RuleFilter = {}): Finding[] {
  const ids = new Set<string>();
  const out = RULES.filter(
    (r) => (!filter.rules?.size || filter.rules.has(r.id)) && modeOf(r.id, filter.modes) !== "off",
  )
    .flatMap((r) => {
      const found = r.check(input);
      return modeOf(r.id, filter.modes) === "shadow" ? found.map((f) => ({...f, shadow: true})) : found;
    })
    .filter((f) => !ids.has(f.id) && ids.add(f.id) && (!filter.severities?.size || filter.severities.has(f.severity)));
  const rank = (f: Finding) => SEVERITIES.indexOf(f.severity) * 100 - RULE_IDS.indexOf(f.rule);
  return out.sort((a, b) => rank(b) - rank(a) || (a.id < b.id ? -1 : 1));
}
