// Triage of findings: what a person decided about a finding (acknowledged, assigned, snoozed,
// resolved) and how that combines with what the rules find now. Pure: the ledger stores a
// TriageRecord per finding id; the sync joins it to the rules' findings.
import {badInput} from "./errors";
import type {Finding, Severity} from "./rules/types";
import type {RecentRequest} from "./records";

/** What a finding's Status can be. Shadow: found by a rule in shadow mode. */
export const FINDING_STATUSES = ["Open", "Acknowledged", "Snoozed", "Resolved", "Shadow"] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
/** What a person can leave a finding in. */
export type TriageStatus = Exclude<FindingStatus, "Shadow">;

/** Why a finding was resolved; FalsePositive counts against its rule's precision. */
export const FINDING_OUTCOMES = ["ActionTaken", "FalsePositive", "Expected"] as const;
export type FindingOutcome = (typeof FINDING_OUTCOMES)[number];

/** One finding's triage, as the ledger's Triage tab holds it. */
export interface TriageRecord {
  findingId: string;
  rule: string;
  workerIds: string;
  status: TriageStatus;
  assignee: string;
  snoozedUntil: string;
  outcome: string;
  note: string;
  /** The finding's evidence lines when it was last triaged: a change reopens a resolved finding. */
  evidence: string;
  resolvedAt: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
  lastEventId: string;
  lock: string;
  recent: RecentRequest[];
}

/** A finding joined with its triage, as Findings shows it. */
export interface TriageView {
  status: FindingStatus;
  assignee: string;
  snoozedUntil: string;
  outcome: string;
  note: string;
  /** When the finding should be dealt with by (FirstSeen + FindingDueHours.<severity>); "" for none. */
  dueAt: string;
  /** Why a resolved finding is open again: what changed in its evidence. */
  reopened: string;
}

/** Hours to deal with a finding, by severity; a severity not named has no due time. */
export type DueHours = Partial<Record<Severity, number>>;

/** The evidence a finding's triage is compared against, one line per item, sorted. */
export function evidenceLines(f: Finding): string[] {
  return [...new Set(f.evidence)].sort();
}

/** What changed between the evidence a person triaged and the evidence now; "" when nothing did. */
export function evidenceChange(before: string, now: readonly string[]): string {
  const old = new Set(before.split("\n").filter(Boolean));
  const fresh = new Set(now);
  const added = [...fresh].filter((l) => !old.has(l));
  const gone = [...old].filter((l) => !fresh.has(l));
  return [added.length ? `New: ${added.join("; ")}` : "", gone.length ? `No longer: ${gone.join("; ")}` : ""]
    .filter(Boolean)
    .join(". ");
}

function dueAt(f: Finding, hours: DueHours, now: string): string {
  const h = hours[f.severity];
  if (h === undefined || !(h > 0)) {
    return "";
  }
  const from = Date.parse(f.firstSeen || now);
  return Number.isFinite(from) ? new Date(from + h * 3_600_000).toISOString() : "";
}

/** The finding as Findings shows it: its triage, unless its evidence changed since it was resolved. */
export function triageView(f: Finding, t: TriageRecord | undefined, now: string, hours: DueHours): TriageView {
  const due = dueAt(f, hours, now);
  if (f.shadow) {
    return {
      status: "Shadow",
      assignee: t?.assignee ?? "",
      snoozedUntil: "",
      outcome: t?.outcome ?? "",
      note: t?.note ?? "",
      dueAt: "",
      reopened: "",
    };
  }
  if (!t) {
    return {status: "Open", assignee: "", snoozedUntil: "", outcome: "", note: "", dueAt: due, reopened: ""};
  }
  const base = {assignee: t.assignee, note: t.note, snoozedUntil: t.snoozedUntil, outcome: t.outcome};
  if (t.status === "Resolved") {
    const changed = evidenceChange(t.evidence, evidenceLines(f));
    return changed
      ? {...base, status: "Open", outcome: "", dueAt: due, reopened: changed}
      : {...base, status: "Resolved", dueAt: "", reopened: ""};
  }
  return {
    ...base,
    status: t.status,
    snoozedUntil: t.status === "Snoozed" ? t.snoozedUntil : "",
    dueAt: due,
    reopened: "",
  };
}

/** Open work: Open, Acknowledged, and Snoozed past its date. */
export function isOpenWork(v: TriageView, now: string): boolean {
  return (
    v.status === "Open" ||
    v.status === "Acknowledged" ||
    (v.status === "Snoozed" && (!v.snoozedUntil || Date.parse(v.snoozedUntil) <= Date.parse(now)))
  );
}

/** The statuses a Findings filter keeps; none named means open work only. */
export function keepsStatus(v: TriageView, statuses: ReadonlySet<FindingStatus>, now: string): boolean {
  return statuses.size ? statuses.has(v.status) : isOpenWork(v, now);
}

/** A resolution outcome as typed; anything else is refused with the choices. */
export function parseFindingOutcome(text: string): FindingOutcome {
  const hit = FINDING_OUTCOMES.find((o) => o.toLowerCase() === text.trim().toLowerCase());
  if (!hit) {
    throw badInput("INPUT_OUTCOME", `"${text}" is not an outcome: use ${FINDING_OUTCOMES.join(", ")}.`);
  }
  return hit;
}

/** Each rule's precision from resolved findings: the share not resolved as FalsePositive. */
export function rulePrecision(
  rows: readonly Pick<TriageRecord, "rule" | "status" | "outcome">[],
): Array<{rule: string; resolved: number; falsePositive: number; precision: number}> {
  const by = new Map<string, {resolved: number; falsePositive: number}>();
  for (const r of rows) {
    if (r.status !== "Resolved" || !r.rule) {
      continue;
    }
    const n = by.get(r.rule) ?? {resolved: 0, falsePositive: 0};
    n.resolved += 1;
    n.falsePositive += r.outcome === "FalsePositive" ? 1 : 0;
    by.set(r.rule, n);
  }
  return [...by]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([rule, n]) => ({
      rule,
      ...n,
      precision: Math.round(((n.resolved - n.falsePositive) / n.resolved) * 1000) / 1000,
    }));
}
