// The pieces rules are built from: one worker at a time, the first row per id, and the words findings use.
import type {SheetRow, WorkerRecord} from "../records";
import type {Finding, Rule, RuleId, RuleInput, Severity} from "./types";
import {findingId} from "./types";

export type W = SheetRow<WorkerRecord>;

export const ok = <R>(row: SheetRow<R>, field: keyof R & string) => !row.invalid?.has(field);
export const person = (w: WorkerRecord) => ({workerId: w.workerId, name: w.name || w.workerId});
export const who = (r: W) => `${r.record.workerId}${r.record.name ? ` (${r.record.name})` : ""}`;
export const rowOf = (r: W) => `Workers row ${r.row}: ${r.record.workerId}`;
export const day = (date: string) => `${date.slice(0, 10)}T00:00:00.000Z`;
export const statusIs = (r: W, ...statuses: readonly string[]) => ok(r, "status") && statuses.includes(r.record.status);

export function and(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

export function latest(times: readonly string[]): string {
  return times.filter(Boolean).reduce((a, b) => (!a || Date.parse(b) > Date.parse(a) ? b : a), "");
}

/** The first row per worker id: a row copied by hand must not double a finding. */
export function unique(rows: readonly W[] = [], ...statuses: readonly string[]): W[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const id = r.record.workerId;
    const keep = Boolean(id) && !seen.has(id) && (!statuses.length || statusIs(r, ...statuses));
    seen.add(id);
    return keep;
  });
}

export function make(
  rule: Rule,
  keys: string[],
  parts: Omit<Finding, "id" | "rule" | "severity" | "advice"> & {severity?: Severity; advice?: string},
): Finding {
  return {id: findingId(rule.id, keys), rule: rule.id, severity: rule.severity, advice: rule.advice, ...parts};
}

/** A rule over one worker at a time. */
export function perWorker(
  id: RuleId,
  severity: Severity,
  advice: string,
  statuses: readonly string[],
  test: (r: W, input: RuleInput) => Omit<Finding, "id" | "rule" | "severity" | "advice" | "workers"> | undefined,
): Rule {
  const rule: Rule = {
    id,
    severity,
    advice,
    check: (input) =>
      unique(input.workers, ...statuses).flatMap((r) => {
        const found = test(r, input);
        return found ? [make(rule, [r.record.workerId], {...found, workers: [person(r.record)]})] : [];
      }),
  };
  return rule;
}
