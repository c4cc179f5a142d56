// The trust findings a Findings or Queue sync carries in its continuation from its first trust phase
// to the later ones (one per severity tier), so the whole decision log is read and verified once per
// sync instead of once per tier. What is carried is bounded; past the bound a later tier verifies again.
import * as z from "zod/mini";
import type {Finding, RuleFilter} from "../core/rules";
import {RULE_IDS, SEVERITIES} from "../core/rules";
import {TIERS, listingTier, tierRules} from "../core/rules/order";
import {PHASES} from "./monitoring";

/** The most a continuation carries, in characters of JSON (tests lower it to exercise the fallback). */
export const CARRY = {maxChars: 8 * 1024};

const TRUST_RULES = PHASES.find((p) => p.name === "trust")?.rules ?? [];

// Loose: a field a later Finding gains is carried too, not dropped.
const findingsSchema = z.array(
  z.looseObject({
    id: z.string(),
    rule: z.enum(RULE_IDS),
    severity: z.enum(SEVERITIES),
    title: z.string(),
    workers: z.array(z.object({workerId: z.string(), name: z.string()})),
    firstSeen: z.string(),
    explanation: z.string(),
    evidence: z.array(z.string()),
    advice: z.string(),
    shadow: z.optional(z.boolean()),
  }),
);

/**
 * The trust findings a continuation carries; undefined when it carries none (a continuation from
 * before carrying, a carry past the bound) or what it carries does not parse: the trust phase then
 * verifies the log itself.
 */
export function carriedFindings(carried: string | undefined): Finding[] | undefined {
  if (carried === undefined) {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(carried);
  } catch {
    return undefined;
  }
  const checked = findingsSchema.safeParse(parsed);
  return checked.success ? checked.data : undefined;
}

/** Where a sync is: tier `tier` of a pass under `filter`, followed in the same sync by passes under `later`. */
export interface SyncPosition {
  tier: number;
  filter: RuleFilter;
  later: readonly RuleFilter[];
}

/** Whether tier `tier` of a pass under `filter` runs a trust rule (so its last page is the trust phase). */
export function runsTrust(tier: number, filter: RuleFilter): boolean {
  return TRUST_RULES.some((r) => tierRules(tier, filter).has(r));
}

/** Whether a tier after `at.tier` of this pass, or any tier of a later pass, runs a trust rule. */
export function trustLater(at: SyncPosition): boolean {
  const tiers = TIERS.map((_, t) => t);
  return (
    tiers.some((t) => t > at.tier && runsTrust(t, at.filter)) ||
    at.later.some((filter) => tiers.some((t) => runsTrust(t, filter)))
  );
}

/**
 * What to carry on once tier `at.tier` is listed: the trust findings a later tier of this pass or of a
 * later pass lists, as JSON. Undefined when no later tier runs a trust rule, or when the JSON would
 * pass CARRY.maxChars (the next trust phase then verifies the log again).
 */
export function carryAfter(findings: readonly Finding[], at: SyncPosition): string | undefined {
  if (!trustLater(at)) {
    return undefined;
  }
  const listedLater = (f: Finding) => {
    const here = listingTier(f, at.filter);
    return (here !== undefined && here > at.tier) || at.later.some((filter) => listingTier(f, filter) !== undefined);
  };
  const json = JSON.stringify(findings.filter(listedLater));
  return json.length <= CARRY.maxChars ? json : undefined;
}
