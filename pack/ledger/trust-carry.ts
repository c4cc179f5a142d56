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

/**
 * Where a sync is: tier `tier` of pass `pass` among `passes`, the passes over the findings one sync
 * makes, in order (Findings makes one; Queue one of Critical findings, then one of the rest).
 */
export interface SyncPosition {
  passes: readonly RuleFilter[];
  pass: number;
  tier: number;
}

/** Whether tier `tier` of a pass under `filter` runs a trust rule (so its last page is the trust phase). */
export function runsTrust(tier: number, filter: RuleFilter): boolean {
  return TRUST_RULES.some((r) => tierRules(tier, filter).has(r));
}

const isAfter = (at: SyncPosition, pass: number, tier: number) =>
  pass > at.pass || (pass === at.pass && tier > at.tier);

/** Whether a tier after `at` runs a trust rule. */
export function trustLater(at: SyncPosition): boolean {
  return at.passes.some((filter, p) => TIERS.some((_, t) => isAfter(at, p, t) && runsTrust(t, filter)));
}

/**
 * What to carry on once the sync has listed everything up to `at`: the trust findings a later tier
 * lists, as JSON. Undefined when no later tier runs a trust rule, or when the JSON would pass
 * CARRY.maxChars (the next trust phase then verifies the log again).
 */
export function carryAfter(findings: readonly Finding[], at: SyncPosition): string | undefined {
  if (!trustLater(at)) {
    return undefined;
  }
  const listedLater = (f: Finding) =>
    at.passes.some((filter, p) => {
      const t = listingTier(f, filter);
      return t !== undefined && isAfter(at, p, t);
    });
  const json = JSON.stringify(findings.filter(listedLater));
  return json.length <= CARRY.maxChars ? json : undefined;
}
