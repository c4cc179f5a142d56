// The kinds of notice workers receive, and everything a notice may say.
import {badInput} from "../errors";

export const NOTICE_KINDS = [
  "Welcome",
  "Rejection",
  "Suspension",
  "Reinstatement",
  "Offboarding",
  "Blacklist",
  "AuditFeedback",
  "DisputeReceived",
  "DisputeOutcome",
  "Warning",
  "SuspensionExtension",
  "BlacklistLifted",
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Notices about a decision against the worker: each carries every element a worker needs to contest it. */
export const ADVERSE_NOTICES: readonly NoticeKind[] = [
  "Rejection",
  "Suspension",
  "Offboarding",
  "Blacklist",
  "DisputeOutcome",
  "Warning",
  "SuspensionExtension",
];

/** Default days a worker has to appeal (Settings `AppealWindowDays` overrides it). */
export const DEFAULT_APPEAL_DAYS = 180;

/** Everything a notice may say. Which fields a kind uses is listed with `composeNotice`. */
export interface NoticeInput {
  kind: NoticeKind;
  workerName: string;
  workerId?: string;
  /** The worker's IANA time zone; dates are shown there (UTC when empty or unknown). */
  timezone?: string;
  /** When the decision was taken (UTC ISO). */
  decidedAt: string;
  /** The specific facts, with dates, as the deciding specialist wrote them. */
  reason?: string;
  policyClause?: string;
  /** Suspension: the first day the worker may work again (YYYY-MM-DD); empty for one pending investigation. */
  until?: string;
  /** A suspension pending investigation: when it will be reviewed (UTC ISO). */
  reviewBy?: string;
  /** SuspensionExtension: the end (YYYY-MM-DD) or review time (ISO) before the extension. */
  previously?: string;
  /** Warning: the worker's active strikes with this one, and the number at which a suspension is considered. */
  strikes?: number;
  strikeThreshold?: number;
  /** Rejection and Offboarding: days before the person may apply again (Settings ReapplyAfterDays). */
  reapplyAfterDays?: number;
  appealDays?: number;
  /** Automated checks that produced findings for this decision; empty when none did. */
  automated?: string;
  /** Where appeals go; empty means "reply to this email". */
  appealContact?: string;
  codeOfConductUrl?: string;
  /** The signature: "Trust & Safety team". */
  senderName?: string;
  // Disputes
  disputeId?: string;
  category?: string;
  summary?: string;
  openedAt?: string;
  dueAt?: string;
  outcome?: string;
  rationale?: string;
  /** The step the team will take because of an upheld appeal, in words. */
  reversal?: string;
  // Audits
  findings?: string;
  improvements?: string;
}

export interface Notice {
  kind: NoticeKind;
  subject: string;
  text: string;
  html: string;
  adverse: boolean;
  /** The last day to appeal (YYYY-MM-DD in the worker's zone), for adverse notices. */
  appealBy?: string;
}

/** What the worker raised, in words: "SuspensionAppeal" → "suspension appeal", "Payment" → "payment dispute". */
export function disputeWords(category: string | undefined): string {
  const words = (category ?? "").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return !words || words === "other" ? "dispute" : /(appeal|report)$/.test(words) ? words : `${words} dispute`;
}

/** Reads a notice kind typed by a person ("suspension", "Dispute outcome"). */
export function parseNoticeKind(text: string): NoticeKind {
  const key = (text ?? "").replace(/[\s_-]+/g, "").toLowerCase();
  const kind = NOTICE_KINDS.find((k) => k.toLowerCase() === key);
  if (!kind) {
    throw badInput("INPUT_NOTICE_KIND", `"${text}" is not a notice kind: use one of ${NOTICE_KINDS.join(", ")}.`);
  }
  return kind;
}
