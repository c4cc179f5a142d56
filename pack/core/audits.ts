// Routine audits: who is due for one, a reproducible stratified draw, and what an outcome suggests.
import type {AuditRecord, WorkerRecord} from "./records";
import type {LifecycleStep, WorkerStatus} from "./lifecycle";
import {TRANSITIONS} from "./lifecycle";
import {badInput, refuse} from "./errors";
import {daysBetween, longDate} from "./dates";
import {sampleWithout, seededRandom} from "./random";
import {cleanEvidence, cleanText} from "./text";

/** The most audits one ScheduleAudits call creates: one atomic write stays small and fast. */
export const MAX_SAMPLE = 200;

export const AUDIT_OUTCOMES = ["Passed", "Concerns", "Failed"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** A worker the draw may pick, with the stratum it is drawn from. */
export interface Candidate {
  workerId: string;
  country: string;
  project: string;
}

/** "MX · Alpha": the stratum label stored on each audit row. */
export function stratumOf(c: Pick<Candidate, "country" | "project">): string {
  return `${c.country || "no country"} · ${c.project || "no project"}`;
}

/** A worker's first project, the one a stratum uses. */
export function primaryProject(projects: string): string {
  return (
    projects
      .split(/\s*[,;\n]\s*/)
      .map((p) => p.trim())
      .find(Boolean) ?? ""
  );
}

/**
 * Active workers with no audit of this kind within `minDaysSinceLast` days (scheduled or done)
 * and no audit still Scheduled, sorted by worker id so the same ledger always gives the same list.
 */
export function eligibleForAudit(
  workers: ReadonlyArray<Pick<WorkerRecord, "workerId" | "status" | "country" | "projects">>,
  audits: ReadonlyArray<Pick<AuditRecord, "workerId" | "kind" | "status" | "scheduledAt" | "completedAt">>,
  minDaysSinceLast: number,
  now: string,
  kind: AuditRecord["kind"] = "Conduct",
): Candidate[] {
  const recent = new Set<string>();
  for (const a of audits) {
    if (!a.workerId || (a.kind && a.kind !== kind)) {
      continue;
    }
    if (a.status === "Scheduled") {
      recent.add(a.workerId);
      continue;
    }
    if (a.status === "Cancelled") {
      continue;
    }
    const when = a.completedAt || a.scheduledAt;
    if (when && daysBetween(when, now) < minDaysSinceLast) {
      recent.add(a.workerId);
    }
  }
  const seen = new Set<string>();
  return workers
    .filter(
      (w) =>
        w.status === "Active" && w.workerId && !recent.has(w.workerId) && !seen.has(w.workerId) && seen.add(w.workerId),
    )
    .map((w) => ({workerId: w.workerId, country: w.country.toUpperCase(), project: primaryProject(w.projects)}))
    .sort((a, b) => (a.workerId < b.workerId ? -1 : a.workerId > b.workerId ? 1 : 0));
}

export interface Draw {
  seed: string;
  picked: Candidate[];
  /** Per stratum: how many were eligible and how many drawn, sorted by label. */
  strata: Array<{stratum: string; eligible: number; drawn: number}>;
}

/**
 * Draws `size` candidates, stratified by country and project: each stratum gets its proportional
 * share (largest remainders, ties broken by the seeded generator), then members are drawn without
 * replacement within it. Pure: the same candidates, size and seed always give the same draw.
 */
export function drawSample(candidates: readonly Candidate[], size: number, seed: string): Draw {
  const random = seededRandom(seed);
  const byStratum = new Map<string, Candidate[]>();
  for (const c of [...candidates].sort((a, b) => (a.workerId < b.workerId ? -1 : a.workerId > b.workerId ? 1 : 0))) {
    const label = stratumOf(c);
    const list = byStratum.get(label) ?? [];
    list.push(c);
    byStratum.set(label, list);
  }
  const labels = [...byStratum.keys()].sort();
  const total = candidates.length;
  const take = Math.min(size, total);
  const quotas = new Map<string, number>();
  const remainders: Array<{label: string; rest: number; tie: number}> = [];
  let given = 0;
  for (const label of labels) {
    const exact = total ? (take * (byStratum.get(label)?.length ?? 0)) / total : 0;
    const whole = Math.floor(exact);
    quotas.set(label, whole);
    given += whole;
    remainders.push({label, rest: exact - whole, tie: random()});
  }
  remainders.sort((a, b) => b.rest - a.rest || a.tie - b.tie);
  for (let i = 0; given < take && i < remainders.length; i++) {
    const r = remainders[i];
    if (r) {
      quotas.set(r.label, (quotas.get(r.label) ?? 0) + 1);
      given++;
    }
  }
  const picked: Candidate[] = [];
  const strata: Draw["strata"] = [];
  for (const label of labels) {
    const members = byStratum.get(label) ?? [];
    const drawn = sampleWithout(members, quotas.get(label) ?? 0, random);
    picked.push(...drawn);
    strata.push({stratum: label, eligible: members.length, drawn: drawn.length});
  }
  return {seed, picked, strata};
}

/** Checks the sample size and the days since the last audit. */
export function checkScheduleInput(
  sampleSize: unknown,
  minDaysSinceLast: unknown,
): {size: number; minDays: number | undefined} {
  if (typeof sampleSize !== "number" || !Number.isInteger(sampleSize) || sampleSize < 1) {
    throw badInput(
      "INPUT_SAMPLE",
      `The sample size must be a whole number of at least 1; ${String(sampleSize)} is not.`,
    );
  }
  if (sampleSize > MAX_SAMPLE) {
    throw badInput(
      "INPUT_SAMPLE",
      `A sample of ${sampleSize} is too large for one call; schedule at most ${MAX_SAMPLE} audits at a time.`,
    );
  }
  if (
    minDaysSinceLast !== undefined &&
    minDaysSinceLast !== null &&
    (typeof minDaysSinceLast !== "number" || !Number.isInteger(minDaysSinceLast) || minDaysSinceLast < 0)
  ) {
    throw badInput(
      "INPUT_DAYS",
      `minDaysSinceLast must be a whole number of days (0 or more); ${String(minDaysSinceLast)} is not.`,
    );
  }
  return {size: sampleSize, minDays: typeof minDaysSinceLast === "number" ? minDaysSinceLast : undefined};
}

/** The lifecycle step a failed audit suggests, and why. Never taken by the pack: a person decides. */
export function suggestStep(
  outcome: AuditOutcome,
  status: WorkerStatus | "",
  priorFailures: number,
): {step: LifecycleStep | ""; why: string} {
  if (outcome !== "Failed") {
    return {step: "", why: ""};
  }
  const allowed = (step: LifecycleStep) => status !== "" && TRANSITIONS[step].from.includes(status);
  if (priorFailures > 0 && allowed("ProposeBlacklist")) {
    return {
      step: "ProposeBlacklist",
      why: `the worker failed ${priorFailures} earlier audit${priorFailures === 1 ? "" : "s"} as well`,
    };
  }
  if (allowed("SuspendWorker")) {
    return {step: "SuspendWorker", why: "a failed audit of an Active worker"};
  }
  if (allowed("ProposeBlacklist")) {
    return {step: "ProposeBlacklist", why: `the worker is already ${status}`};
  }
  return {step: "", why: `the worker is ${status || "in an unknown status"}, so no lifecycle step follows`};
}

export interface AuditResultInput {
  outcome: unknown;
  findings: unknown;
  evidence?: unknown;
}

/** Checks an audit result as typed by a specialist. */
export function checkAuditResult(input: AuditResultInput): {outcome: AuditOutcome; findings: string; evidence: string} {
  const text = cleanText(input.outcome, "outcome", {required: true, max: 20});
  const outcome = AUDIT_OUTCOMES.find((o) => o.toLowerCase() === text.toLowerCase());
  if (!outcome) {
    throw badInput("INPUT_OUTCOME", `"${text}" is not an audit outcome: use Passed, Concerns or Failed.`);
  }
  const findings = cleanText(input.findings, "findings", {required: outcome !== "Passed", max: 5_000});
  return {outcome, findings, evidence: cleanEvidence(input.evidence)};
}

/** Refuses to record an audit that is not waiting for a result. */
export function requireScheduled(audit: Pick<AuditRecord, "auditId" | "status" | "auditor" | "completedAt">): void {
  if (audit.status !== "Scheduled") {
    throw refuse(
      "AUDIT_DONE",
      "audit-recorded-once",
      `Audit ${audit.auditId} is already ${audit.status || "closed"}${audit.auditor ? ` (recorded by ${audit.auditor}${audit.completedAt ? ` on ${longDate(audit.completedAt)}` : ""})` : ""}; schedule a new audit to audit the worker again.`,
    );
  }
}

/** Scheduled and past its due date (YYYY-MM-DD, compared with today's). */
export function isAuditOverdue(audit: Pick<AuditRecord, "status" | "dueDate">, today: string): boolean {
  return audit.status === "Scheduled" && Boolean(audit.dueDate) && audit.dueDate < today;
}

/** A date `days` after `now`, as YYYY-MM-DD (UTC). */
export function dueDate(now: string, days: number): string {
  return new Date(Date.parse(now) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Random bytes → lower-case hex seed (the randomness comes from the caller). */
export function seedFrom(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}
