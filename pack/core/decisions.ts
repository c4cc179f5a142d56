import type {Actor, LifecycleStep, WorkerStatus} from "./lifecycle";
import {requireRole, requireTransition, TRANSITIONS} from "./lifecycle";
import type {EventRecord, PendingBlacklist, WorkerChanges, WorkerRecord} from "./records";
import {badInput, refuse} from "./errors";
import {cleanEvidence, cleanText} from "./text";
import {requireCountry} from "./countries";
import {emailKey, isPlausibleEmail, normalizePhone, phoneReadings} from "./identity";
import {isZone, longDate} from "./dates";
import type {Decision, StepPolicy} from "./casework";
import {futureDate, NOT_SUSPENDED, planCasework, requireNotBlacklisted, suspensionChanges} from "./casework";
import {approvalScreening} from "./screening-gate";

export type {Decision} from "./casework";

/** The parameters a lifecycle step may take; each step says which it needs. */
export interface StepInput {
  note?: string;
  reason?: string;
  policyClause?: string;
  /** Suspension end as YYYY-MM-DD: the first day the worker may work again. Empty: pending investigation. */
  until?: string;
  evidence?: string;
  /** The facts as the worker is told them (the notice uses the reason when empty). */
  workerFacts?: string;
  /** What the step reads from the ledger's Settings. */
  policy?: StepPolicy;
}

/**
 * Decides a lifecycle step for a worker, or refuses naming the rule. Pure: the time is passed in.
 * The role is checked first, then the transition, then the step's own rules and input.
 */
export function planStep(
  step: LifecycleStep,
  worker: WorkerRecord,
  actor: Actor,
  input: StepInput,
  now: string,
): Decision {
  const transition = TRANSITIONS[step];
  requireRole(actor, transition.role, step);
  if (step === "Reapply") {
    requireNotBlacklisted(worker);
  }
  requireTransition(step, worker.workerId, worker.status);
  const note = cleanText(input.note, "note", {max: 2_000});
  const base = {
    fromStatus: worker.status,
    toStatus: transition.to ?? worker.status,
    type: transition.event,
    evidence: "",
    policyClause: "",
    details: note,
  };
  const moved = (to: WorkerStatus, extra: WorkerChanges = {}): WorkerChanges => ({
    status: to,
    statusSince: now,
    ...extra,
  });

  switch (step) {
    case "StartVetting":
      return {...base, reason: "", changes: moved("Vetting")};
    case "ApproveWorker":
      // The onboarding gate: refuses on a missing, stale or uncleared screening (rule "screening").
      return {
        ...base,
        reason: "",
        details: [approvalScreening(worker, actor, note), note].filter(Boolean).join(" Note: "),
        changes: moved("Active"),
      };
    case "ReinstateWorker":
      return {...base, reason: "", changes: moved("Active", NOT_SUSPENDED)};
    case "RejectApplicant":
      return {
        ...base,
        reason: cleanText(input.reason, "reason", {required: true, max: 2_000}),
        policyClause: cleanText(input.policyClause, "policy clause", {max: 200}),
        changes: moved("Rejected"),
      };
    case "SuspendWorker": {
      const until = input.until ? futureDate(input.until, now, "A suspension") : undefined;
      const suspension = suspensionChanges(until, now, input.policy?.investigationReviewDays ?? 14);
      const term = until
        ? `Suspended until ${longDate(until)}.`
        : `Suspended pending investigation; review due by ${longDate(suspension.reviewDueAt ?? now)}.`;
      return {
        ...base,
        reason: cleanText(input.reason, "reason", {required: true, max: 2_000}),
        policyClause: cleanText(input.policyClause, "policy clause", {required: true, max: 200}),
        evidence: cleanEvidence(input.evidence),
        details: [term, note].filter(Boolean).join(" "),
        changes: moved("Suspended", suspension),
      };
    }
    case "OffboardWorker":
      return {
        ...base,
        reason: cleanText(input.reason, "reason", {required: true, max: 2_000}),
        changes: moved("Offboarded", NOT_SUSPENDED),
      };
    case "ProposeBlacklist": {
      if (worker.pendingBlacklist) {
        throw refuse(
          "PROPOSAL_PENDING",
          "pending-proposal",
          `${worker.workerId} already has a blacklist proposal from ${worker.pendingBlacklist.proposedBy} (${longDate(worker.pendingBlacklist.proposedAt)}) waiting for a lead.`,
        );
      }
      const proposal: Omit<PendingBlacklist, "eventId"> = {
        proposedBy: actor.email,
        proposedAt: now,
        reason: cleanText(input.reason, "reason", {required: true, max: 2_000}),
        policyClause: cleanText(input.policyClause, "policy clause", {required: true, max: 200}),
        evidence: cleanEvidence(input.evidence, "evidence", true),
      };
      return {
        ...base,
        reason: proposal.reason,
        policyClause: proposal.policyClause,
        evidence: proposal.evidence,
        details: ["Proposed for blacklisting; a lead other than the proposer must approve.", note]
          .filter(Boolean)
          .join(" "),
        // The event id is filled in when the event is written (see withEventId).
        changes: {pendingBlacklist: {...proposal, eventId: ""}},
      };
    }
    case "ApproveBlacklist":
    case "DeclineBlacklist": {
      const pending = worker.pendingBlacklist;
      if (!pending) {
        throw refuse(
          "NO_PROPOSAL",
          "pending-proposal",
          `${worker.workerId} has no blacklist proposal waiting; propose it first with ProposeBlacklist.`,
        );
      }
      if (step === "DeclineBlacklist") {
        return {
          ...base,
          reason: cleanText(input.reason, "reason", {required: true, max: 2_000}),
          policyClause: pending.policyClause,
          details: `Declined the blacklist proposal by ${pending.proposedBy} (${pending.eventId}).${note ? ` ${note}` : ""}`,
          changes: {pendingBlacklist: null},
        };
      }
      if (pending.proposedBy.toLowerCase() === actor.email.toLowerCase()) {
        throw refuse(
          "FOUR_EYES",
          "four-eyes",
          `${actor.email} proposed blacklisting ${worker.workerId}, so another lead must approve it. Ask a second lead to review the proposal.`,
        );
      }
      return {
        ...base,
        reason: pending.reason,
        policyClause: pending.policyClause,
        evidence: pending.evidence,
        details: `Approved the proposal by ${pending.proposedBy} (${pending.eventId}).${note ? ` ${note}` : ""}`,
        changes: moved("Blacklisted", {pendingBlacklist: null, statusBeforeBlacklist: worker.status, ...NOT_SUSPENDED}),
      };
    }
    case "IssueWarning":
    case "ExtendSuspension":
    case "ProposeLiftBlacklist":
    case "ApproveLiftBlacklist":
    case "Reapply":
    case "AddNote":
      return planCasework(step, worker, actor, input, now, base);
  }
}

/** Where and by whom a decision is recorded: everything an event has that the decision does not. */
export interface EventStamp {
  eventId: string;
  time: string;
  actor: string;
  workerId: string;
  /** The worker's version after this event. */
  seq: number;
  /** The idempotency key of the request, or "" when there is none. */
  requestKey: string;
}

/** The decision-log row that records a decision. */
export function eventFor(decision: Decision, stamp: EventStamp): EventRecord {
  return {
    ...stamp,
    type: decision.type,
    fromStatus: decision.fromStatus,
    toStatus: decision.toStatus,
    reason: decision.reason,
    policyClause: decision.policyClause,
    evidence: decision.evidence,
    details: decision.details,
    changes: withEventId(decision.changes, stamp.eventId),
  };
}

/** Fills the event id into what the event itself creates: a proposal, new pending actions. */
function withEventId(changes: WorkerChanges, eventId: string): WorkerChanges {
  let out = changes;
  if (out.pendingBlacklist && !out.pendingBlacklist.eventId) {
    out = {...out, pendingBlacklist: {...out.pendingBlacklist, eventId}};
  }
  if (out.pendingLift && !out.pendingLift.eventId) {
    out = {...out, pendingLift: {...out.pendingLift, eventId}};
  }
  if (out.strikes?.some((s) => !s.eventId)) {
    out = {...out, strikes: out.strikes.map((s) => (s.eventId ? s : {...s, eventId}))};
  }
  if (out.screeningClearance && !out.screeningClearance.eventId) {
    out = {...out, screeningClearance: {...out.screeningClearance, eventId}};
  }
  if (out.pendingActions?.some((p) => !p.eventId)) {
    out = {...out, pendingActions: out.pendingActions.map((p) => (p.eventId ? p : {...p, eventId}))};
  }
  if (out.externalStepsOwed?.some((o) => !o.eventId)) {
    out = {...out, externalStepsOwed: out.externalStepsOwed.map((o) => (o.eventId ? o : {...o, eventId}))};
  }
  return out;
}

/** An applicant as entered by a specialist, before it is checked. */
export interface ApplicantInput {
  name: unknown;
  email: unknown;
  country: unknown;
  phone?: unknown;
  timezone?: unknown;
  source?: unknown;
}

/** Checks and normalises a new applicant; refuses with a sentence naming the bad field. */
export function planApplicant(input: ApplicantInput, actor: Actor, now: string): Decision {
  requireRole(actor, "specialist", "AddApplicant");
  const name = cleanText(input.name, "name", {required: true, max: 200});
  const email = cleanText(input.email, "email", {required: true, max: 254});
  if (!isPlausibleEmail(email)) {
    throw badInput("INPUT_EMAIL", `"${email}" is not an email address.`);
  }
  const country = requireCountry(input.country);
  const phoneText = cleanText(input.phone, "phone", {max: 40});
  let phone = "";
  let phoneNote = "";
  if (phoneText) {
    const parsed = normalizePhone(phoneText, country);
    // A number without "+" that is not valid in the country may be international or a neighbour's: keep
    // the first valid reading and say so (screening compares every reading).
    const readings = parsed.valid ? undefined : phoneReadings(phoneText, country);
    if (!parsed.valid && !readings?.readings.length) {
      throw badInput("INPUT_PHONE", parsed.problem ?? `"${phoneText}" is not a valid phone number.`);
    }
    phone = parsed.valid ? parsed.e164 : (readings?.readings[0] ?? "");
    phoneNote = readings ? ` Phone: ${readings.note}` : "";
  }
  const timezone = cleanText(input.timezone, "time zone", {max: 64});
  if (timezone && !isZone(timezone)) {
    throw badInput(
      "INPUT_TIMEZONE",
      `"${timezone}" is not a time zone: use a name such as America/Mexico_City or Asia/Kolkata.`,
    );
  }
  const source = cleanText(input.source, "source", {max: 500});
  return {
    type: "ApplicantAdded",
    fromStatus: "",
    toStatus: "Applicant",
    reason: "",
    policyClause: "",
    evidence: "",
    details: `${source ? `Source: ${source}` : ""}${phoneNote}`.trim(),
    changes: {
      name,
      email,
      emailKey: emailKey(email),
      phone,
      country,
      timezone,
      source,
      status: "Applicant",
      statusSince: now,
      lastActivityAt: now,
    },
  };
}
