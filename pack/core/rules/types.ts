// What the monitoring rules read and what they find. A finding names its evidence; it never decides.
import type {AuditRecord, BlacklistRecord, DisputeRecord, SheetRow, WorkerRecord} from "../records";
import type {FoldResult} from "../fold";
import {sha256Hex} from "../hash";

/**
 * Weakest first. `Info` is context nobody must act on (inactivity); `Review` is the most a signal
 * innocent people share (a household phone) gives.
 */
export const SEVERITIES = ["Info", "Review", "Warning", "Critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const RULE_IDS = [
  "blacklist-match",
  "shared-bank",
  "shared-email",
  "shared-phone",
  "suspension-overdue",
  "vetting-incomplete",
  "documents-missing",
  "documents-expired",
  "dispute-overdue",
  "inactive",
  "ledger-drift",
  "strike-threshold",
  "investigation-overdue",
  "log-integrity",
  "staff-integrity",
  "external-steps-overdue",
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export interface Finding {
  /** Stable across runs: the rule id and the sorted keys of what the finding concerns. */
  id: string;
  rule: RuleId;
  severity: Severity;
  title: string;
  /** The workers involved, sorted by id. */
  workers: Array<{workerId: string; name: string}>;
  /** When the condition began, as far as the evidence shows (each rule says how). "" when unknown. */
  firstSeen: string;
  explanation: string;
  /** Where to look: sheet rows, decision, audit and dispute ids. */
  evidence: string[];
  /** What a person may do next. Rules never act. */
  advice: string;
  /** Found by a rule in shadow mode (Settings `Rule.<id>` = shadow): shown, never counted or queued. */
  shadow?: boolean;
}

/** How a rule runs (Settings `Rule.<id>`): on, shadow (findings marked, kept out of the work) or off. */
export const RULE_MODES = ["on", "shadow", "off"] as const;
export type RuleMode = (typeof RULE_MODES)[number];

/** One worker's decisions in brief: enough to check a Workers row without the whole log. */
export interface LogDigest {
  workerId: string;
  maxSeq: number;
  lastEventId: string;
  /** The status the last decision left the worker in. */
  lastStatus: string;
  lastTime: string;
  /** Gaps or repeats in the sequence numbers. */
  problems: string[];
}

/** The log as the drift rule sees it: whole folds when it was read in full, digests otherwise. */
export type LogView =
  {kind: "fold"; folds: ReadonlyMap<string, FoldResult>} | {kind: "digest"; digests: ReadonlyMap<string, LogDigest>};

/** Everything the rules may look at. A rule whose inputs are absent finds nothing. */
export interface RuleInput {
  now: string;
  workers?: ReadonlyArray<SheetRow<WorkerRecord>>;
  blacklist?: ReadonlyArray<SheetRow<BlacklistRecord>>;
  audits?: ReadonlyArray<SheetRow<AuditRecord>>;
  disputes?: ReadonlyArray<SheetRow<DisputeRecord>>;
  log?: LogView;
  /** Days without activity after which an Active worker is flagged; 0 turns the rule off. */
  inactivityDays?: number;
  /** Active strikes at which a suspension is suggested (Settings StrikeThreshold); absent turns the rule off. */
  strikeThreshold?: number;
  /** Days an Active worker has to complete vetting before its gaps are flagged (Settings VettingGraceDays). */
  vettingGraceDays?: number;
}

export interface Rule {
  id: RuleId;
  /** The highest severity the rule gives. */
  severity: Severity;
  /** Lower severities it also gives (weaker evidence), so a pass by severity knows where to look. */
  lower?: readonly Severity[];
  advice: string;
  check(input: RuleInput): Finding[];
}

/** "rule:key1+key2", keys sorted; long key lists become a hash so the id stays short. */
export function findingId(rule: RuleId, keys: readonly string[]): string {
  const joined = [...new Set(keys)].sort().join("+");
  return `${rule}:${joined.length > 80 ? `h${sha256Hex(joined).slice(0, 20)}` : joined}`;
}
