// The notice each lifecycle step owes a worker, and what a pending notice carries.
import {cleanText} from "../text";
import {automatedChecks} from "../worker-facts";
import type {StepInput} from "../decisions";
import type {LifecycleStep} from "../lifecycle";
import type {WorkerChanges, WorkerRecord} from "../records";
import {activeStrikes} from "../casework";
import type {NoticeKind} from "./kinds";

/** The follow-up kind of every notice a decision owes. */
export const NOTICE = "Notice";

/** The notice each lifecycle step may send, and whether it goes out when `notify` is left empty. */
export const STEP_NOTICES: Partial<Record<LifecycleStep, {kind: NoticeKind; byDefault: boolean}>> = {
  ApproveWorker: {kind: "Welcome", byDefault: false},
  RejectApplicant: {kind: "Rejection", byDefault: true},
  SuspendWorker: {kind: "Suspension", byDefault: true},
  ReinstateWorker: {kind: "Reinstatement", byDefault: true},
  OffboardWorker: {kind: "Offboarding", byDefault: true},
  ApproveBlacklist: {kind: "Blacklist", byDefault: true},
  IssueWarning: {kind: "Warning", byDefault: true},
  ExtendSuspension: {kind: "SuspensionExtension", byDefault: true},
  ApproveLiftBlacklist: {kind: "BlacklistLifted", byDefault: true},
};

/** What a pending notice carries: all it needs to be composed later, whoever sends it. */
export interface NoticeDetail {
  notice: NoticeKind;
  summary?: string;
  reason?: string;
  policyClause?: string;
  until?: string;
  /** A suspension pending investigation: its review time; an extension: what it replaced. */
  reviewBy?: string;
  previously?: string;
  /** A warning: the active strikes with it. */
  strikes?: number;
  automated?: string;
  findings?: string;
  improvements?: string;
  /** The facts as the worker is told them (workerFacts); the reason is used when empty. */
  workerFacts?: string;
  /** AuditFeedback: the audit it is about; its Message-ID derives from it, so one audit's feedback goes once. */
  auditId?: string;
}

/** A pending Notice follow-up, as the ledger stores it among a worker's pending actions. */
export interface NoticeFollowUp {
  kind: typeof NOTICE;
  detail: string;
}

/** A pending Notice follow-up for a worker; other areas (audits) use it for their notices. */
export function noticeRequest(detail: NoticeDetail, worker: WorkerRecord): NoticeFollowUp {
  const summary = `${detail.notice} notice to ${worker.email || "the worker (no email on file)"}`;
  return {kind: NOTICE, detail: JSON.stringify({...detail, summary})};
}

/**
 * The notice follow-up a lifecycle step owes, if any: for `formulas/lifecycle.ts` to put in the
 * step's plan. `notify` empty means the step's default ({@link STEP_NOTICES}). Internal notes
 * never reach the worker; only the reason, clause and dates do.
 */
export function noticeFollowUps(
  step: LifecycleStep,
  notify: boolean | undefined,
  worker: WorkerRecord,
  input: StepInput,
  after: WorkerChanges = {},
  now = "",
): NoticeFollowUp[] {
  const rule = STEP_NOTICES[step];
  if (!rule || !(notify ?? rule.byDefault)) {
    return [];
  }
  const text = (value: string | undefined) => cleanText(value, "text", {max: 5_000});
  const blacklist = worker.pendingBlacklist;
  const workerFacts = text(input.workerFacts);
  // Automated checks are named only when the evidence shows them (see automatedChecks).
  const detail: NoticeDetail =
    step === "ApproveBlacklist"
      ? {
          notice: rule.kind,
          reason: blacklist?.reason ?? "",
          policyClause: blacklist?.policyClause ?? "",
          automated: automatedChecks(worker, `${blacklist?.evidence ?? ""}\n${blacklist?.reason ?? ""}`, true),
        }
      : {
          notice: rule.kind,
          reason:
            step === "ApproveWorker" || step === "ReinstateWorker" ? "" : text(input.workerFacts) || text(input.reason),
          policyClause: text(input.policyClause),
          until: after.suspendedUntil ?? input.until ?? "",
          automated:
            step === "ApproveWorker" || step === "ReinstateWorker"
              ? ""
              : automatedChecks(worker, `${input.evidence ?? ""}\n${input.reason ?? ""}`, step === "RejectApplicant"),
          ...truthOf(step, worker, after, now),
        };
  return [noticeRequest({...detail, ...(workerFacts ? {workerFacts} : {})}, worker)];
}

/** What a warning, an open suspension or an extension changes, for its notice to say exactly that. */
function truthOf(step: LifecycleStep, worker: WorkerRecord, after: WorkerChanges, now: string): Partial<NoticeDetail> {
  if (step === "IssueWarning" && after.strikes && now) {
    return {strikes: activeStrikes(after.strikes, now)};
  }
  if ((step === "SuspendWorker" || step === "ExtendSuspension") && after.suspensionKind === "PendingInvestigation") {
    return {
      until: "",
      reviewBy: after.reviewDueAt ?? "",
      ...(step === "ExtendSuspension" ? {previously: worker.reviewDueAt} : {}),
    };
  }
  if (step === "ExtendSuspension") {
    return {previously: worker.suspendedUntil};
  }
  return {};
}
