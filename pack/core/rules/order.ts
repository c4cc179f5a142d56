// Findings most severe first across a whole paged pass: the pass runs once per severity (Critical,
// then Warning, Review, Info), each time only the rules that can give that severity, so the order
// holds across pages without holding every finding at once.
import type {Finding, RuleId, Severity} from "./types";
import {RULE_IDS, SEVERITIES} from "./types";
import type {RuleFilter} from "./index";
import {RULES} from "./index";

/** The rules outside RULES (run by the ledger's trust phase) and the severities they give. */
const TRUST_SEVERITIES: Readonly<Partial<Record<RuleId, readonly Severity[]>>> = {
  "log-integrity": ["Critical"],
  "staff-integrity": ["Critical", "Warning", "Review"],
};

/** Every severity a rule can give; all of them for a rule that declares none (it then runs in every tier). */
export function ruleSeverities(rule: RuleId): Severity[] {
  const own = RULES.filter((r) => r.id === rule).flatMap((r) => [r.severity, ...(r.lower ?? [])]);
  const declared = [...new Set([...own, ...(TRUST_SEVERITIES[rule] ?? [])])];
  return declared.length ? declared : [...SEVERITIES];
}

/** Most severe first. */
export const TIERS: readonly Severity[] = [...SEVERITIES].reverse();

/**
 * The rules that run in tier `tier` (an index into TIERS) under `filter`: those asked for that can
 * give the tier's severity. Empty when the filter leaves that severity out.
 */
export function tierRules(tier: number, filter: RuleFilter): Set<RuleId> {
  const severity = TIERS[tier];
  if (!severity || (filter.severities?.size && !filter.severities.has(severity))) {
    return new Set();
  }
  return new Set(
    RULE_IDS.filter((r) => (!filter.rules?.size || filter.rules.has(r)) && ruleSeverities(r).includes(severity)),
  );
}

/** The first tier at or after `tier` that runs a rule; undefined when none is left. */
export function nextTier(tier: number, filter: RuleFilter): number | undefined {
  for (let t = tier; t < TIERS.length; t++) {
    if (tierRules(t, filter).size) {
      return t;
    }
  }
  return undefined;
}

/**
 * Whether tier `tier` lists this finding: its severity is the tier's, or (so no finding is ever
 * lost) it has a severity its rule does not declare and this is the first tier its rule runs in.
 */
export function inTier(f: Finding, tier: number, filter: RuleFilter): boolean {
  if (filter.severities?.size && !filter.severities.has(f.severity)) {
    return false;
  }
  const declared = ruleSeverities(f.rule);
  if (declared.includes(f.severity)) {
    return f.severity === TIERS[tier];
  }
  return TIERS.findIndex((s) => declared.includes(s)) === tier;
}

/** The tier that lists this finding under `filter` (its rule runs there and inTier holds); undefined when none does. */
export function listingTier(f: Finding, filter: RuleFilter): number | undefined {
  for (let t = 0; t < TIERS.length; t++) {
    if (tierRules(t, filter).has(f.rule) && inTier(f, t, filter)) {
      return t;
    }
  }
  return undefined;
}
