// The steps beyond the seven statuses: warnings and their strikes, extending a suspension,
// lifting a blacklisting with four eyes, re-applying, and internal notes. Pure: time and the
// ledger's settings are passed in.
import type {Actor, WorkerStatus} from "./lifecycle";
import type {Strike, WorkerChanges, WorkerRecord} from "./records";
import {badInput, refuse} from "./errors";
import {cleanEvidence, cleanText} from "./text";
import {longDate} from "./dates";

const DAY = 86_400_000;

/** What a step reads from the ledger's Settings (each has its default there). */
export interface StepPolicy {
  /** IssueWarning: the weight of a warning under this clause (Settings `StrikeWeight.<clause>`, else 1). */
  strikeWeight?: number;
  /** IssueWarning: days a strike counts (Settings `StrikeExpiryDays`). */
  strikeExpiryDays?: number;
  /** SuspendWorker without `until`: days to the review (Settings `InvestigationReviewDays`). */
  investigationReviewDays?: number;
  /** Reapply: days after a rejection or offboarding (Settings `ReapplyAfterDays`). */
  reapplyAfterDays?: number;
  /** ApproveLiftBlacklist: the status the blacklisting ended, when the worker's row does not say. */
  statusBeforeBlacklist?: WorkerStatus | "";
}

/** The sum of the weights of the strikes that have not expired at `now`. */
export function activeStrikes(strikes: readonly Strike[], now: string): number {
  const at = Date.parse(now);
  const sum = strikes.filter((s) => Date.parse(s.expiresAt) > at).reduce((total, s) => total + s.weight, 0);
  return Math.round(sum * 100) / 100;
}

/** `now` plus whole days, as UTC ISO. */
export function isoPlusDays(now: string, days: number): string {
  return new Date(Date.parse(now) + days * DAY).toISOString();
}

/** A calendar date (YYYY-MM-DD) after today, or a clear refusal. */
export function futureDate(until: string | undefined, now: string, what: string): string {
  if (!until) {
    throw badInput("INPUT_REQUIRED", `${what} needs a date (until).`);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(until) || Number.isNaN(Date.parse(`${until}T00:00:00Z`))) {
    throw badInput("INPUT_DATE", `"${until}" is not a date; give it as a date after today.`);
  }
  if (until <= now.slice(0, 10)) {
    throw badInput("INPUT_DATE", `${what} must end after today; ${until} is not in the future.`);
  }
  return until;
}

/** The changes of a suspension starting now: Fixed until a date, or PendingInvestigation with a review due. */
export function suspensionChanges(until: string | undefined, now: string, reviewDays: number): WorkerChanges {
  return until
    ? {suspendedUntil: until, suspensionKind: "Fixed", reviewDueAt: ""}
    : {suspendedUntil: "", suspensionKind: "PendingInvestigation", reviewDueAt: isoPlusDays(now, reviewDays)};
}

/** The suspension fields cleared when a worker leaves Suspended. */
export const NOT_SUSPENDED: WorkerChanges = {suspendedUntil: "", suspensionKind: "", reviewDueAt: ""};

/** What one decision writes: one decision-log row, and the changes it makes to the worker. */
export interface Decision {
  type: string;
  fromStatus: WorkerStatus | "";
  toStatus: WorkerStatus | "";
  reason: string;
  policyClause: string;
  evidence: string;
  details: string;
  changes: WorkerChanges;
}

/** The parts of planStep's input these steps read. */
interface StepInput {
  note?: string;
  reason?: string;
  policyClause?: string;
  until?: string;
  evidence?: string;
  policy?: StepPolicy;
}

type Base = Pick<Decision, "fromStatus" | "toStatus" | "type" | "evidence" | "policyClause" | "details">;

/** Plans the steps of this file; `base` is what planStep fills for every step. */
export function planCasework(
  step: "IssueWarning" | "ExtendSuspension" | "ProposeLiftBlacklist" | "ApproveLiftBlacklist" | "Reapply" | "AddNote",
  worker: WorkerRecord,
  actor: Actor,
  input: StepInput,
  now: string,
  base: Base,
): Decision {
  const policy = input.policy ?? {};
  const reason = () => cleanText(input.reason, "reason", {required: true, max: 2_000});
  switch (step) {
    case "IssueWarning": {
      const policyClause = cleanText(input.policyClause, "policy clause", {required: true, max: 200});
      const weight = policy.strikeWeight ?? 1;
      const expiresAt = isoPlusDays(now, policy.strikeExpiryDays ?? 180);
      const kept = worker.strikes.filter((s) => Date.parse(s.expiresAt) > Date.parse(now));
      const strikes: Strike[] = [...kept, {eventId: "", at: now, policyClause, weight, expiresAt}];
      return {
        ...base,
        reason: reason(),
        policyClause,
        evidence: cleanEvidence(input.evidence),
        details: `Warning under ${policyClause}: ${weight} strike${weight === 1 ? "" : "s"}, counted until ${longDate(expiresAt)}; ${activeStrikes(strikes, now)} active now.`,
        changes: {strikes},
      };
    }
    case "ExtendSuspension": {
      const until = futureDate(input.until, now, "An extended suspension");
      const why = reason();
      if (worker.suspensionKind === "PendingInvestigation" || (!worker.suspensionKind && !worker.suspendedUntil)) {
        const reviewDueAt = `${until}T00:00:00.000Z`;
        return {
          ...base,
          reason: why,
          details: `Still suspended pending investigation; the review moves from ${worker.reviewDueAt ? longDate(worker.reviewDueAt) : "no date"} to ${longDate(reviewDueAt)}.`,
          changes: {suspensionKind: "PendingInvestigation", reviewDueAt},
        };
      }
      if (until <= worker.suspendedUntil) {
        throw refuse(
          "EXTEND_EARLIER",
          "extension",
          `${worker.workerId} is suspended until ${longDate(`${worker.suspendedUntil}T12:00:00Z`)}; an extension must end later than that. To end the suspension sooner, use ReinstateWorker.`,
        );
      }
      return {
        ...base,
        reason: why,
        details: `Suspension extended: the worker may work again from ${longDate(`${until}T12:00:00Z`)} instead of ${longDate(`${worker.suspendedUntil}T12:00:00Z`)}.`,
        changes: {suspendedUntil: until, suspensionKind: "Fixed", reviewDueAt: ""},
      };
    }
    case "ProposeLiftBlacklist": {
      if (worker.pendingLift) {
        throw refuse(
          "PROPOSAL_PENDING",
          "pending-proposal",
          `${worker.workerId} already has a proposal to lift the blacklisting from ${worker.pendingLift.proposedBy} (${longDate(worker.pendingLift.proposedAt)}) waiting for a lead.`,
        );
      }
      const why = reason();
      const evidence = cleanEvidence(input.evidence);
      return {
        ...base,
        reason: why,
        evidence,
        details: "Proposed lifting the blacklisting; a lead other than the proposer must approve.",
        changes: {pendingLift: {proposedBy: actor.email, proposedAt: now, reason: why, evidence, eventId: ""}},
      };
    }
    case "ApproveLiftBlacklist": {
      const pending = worker.pendingLift;
      if (!pending) {
        throw refuse(
          "NO_PROPOSAL",
          "pending-proposal",
          `${worker.workerId} has no proposal to lift the blacklisting waiting; propose it first with ProposeLiftBlacklist.`,
        );
      }
      if (pending.proposedBy.toLowerCase() === actor.email.toLowerCase()) {
        throw refuse(
          "FOUR_EYES",
          "four-eyes",
          `${actor.email} proposed lifting the blacklisting of ${worker.workerId}, so another lead must approve it. Ask a second lead to review the proposal.`,
        );
      }
      const recorded = worker.statusBeforeBlacklist || policy.statusBeforeBlacklist || "";
      // A blacklisting that ended an unknown status returns the worker to Offboarded: nothing is restored by guess.
      const to: WorkerStatus = recorded && recorded !== "Blacklisted" ? recorded : "Offboarded";
      const note = cleanText(input.note, "note", {max: 2_000});
      const suspension =
        to === "Suspended" ? suspensionChanges(undefined, now, policy.investigationReviewDays ?? 14) : NOT_SUSPENDED;
      return {
        ...base,
        toStatus: to,
        reason: pending.reason,
        evidence: pending.evidence,
        details: `Lifted the blacklisting as proposed by ${pending.proposedBy} (${pending.eventId}); back to ${to}${recorded ? ", the status the blacklisting ended" : " (the status the blacklisting ended is not recorded)"}.${note ? ` ${note}` : ""}`,
        changes: {
          status: to,
          statusSince: now,
          pendingLift: null,
          statusBeforeBlacklist: "",
          ...suspension,
        },
      };
    }
    case "Reapply": {
      const days = policy.reapplyAfterDays ?? 90;
      const from = worker.statusSince || now;
      const opens = isoPlusDays(from, days);
      if (Date.parse(opens) > Date.parse(now)) {
        throw refuse(
          "REAPPLY_TOO_EARLY",
          "reapply-wait",
          `${worker.workerId} was ${worker.status} on ${longDate(from)}; they may apply again from ${longDate(opens)} (Settings ReapplyAfterDays: ${days}).`,
        );
      }
      const note = cleanText(input.note, "note", {max: 2_000});
      return {
        ...base,
        reason: "",
        details: `Applied again after being ${worker.status} since ${longDate(from)}; the earlier screening no longer counts.${note ? ` ${note}` : ""}`,
        changes: {
          status: "Applicant",
          statusSince: now,
          screeningVerdict: "",
          screenedAt: "",
          lastActivityAt: now,
          ...NOT_SUSPENDED,
        },
      };
    }
    case "AddNote": {
      const note = cleanText(input.note, "note", {required: true, max: 5_000});
      return {...base, reason: "", details: note, changes: {}};
    }
  }
}

/** Refuses Reapply for a blacklisted worker with the only way back. */
export function requireNotBlacklisted(worker: WorkerRecord): void {
  if (worker.status === "Blacklisted") {
    throw refuse(
      "REAPPLY_BLACKLISTED",
      "blacklisted",
      `${worker.workerId} is Blacklisted and can never apply again. Only lifting the blacklisting (ProposeLiftBlacklist, then ApproveLiftBlacklist by a second lead) changes that.`,
    );
  }
}
