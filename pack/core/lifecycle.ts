import {refuse} from "./errors";

/** Every state a worker can be in. */
export const WORKER_STATUSES = [
  "Applicant",
  "Vetting",
  "Active",
  "Suspended",
  "Offboarded",
  "Blacklisted",
  "Rejected",
] as const;
export type WorkerStatus = (typeof WORKER_STATUSES)[number];

/** States in which the person still has a relationship with the platform. */
export const LIVE_STATUSES: readonly WorkerStatus[] = ["Applicant", "Vetting", "Active", "Suspended"];

/** Staff roles, weakest first. */
export const STAFF_ROLES = ["viewer", "specialist", "lead"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** The lifecycle steps that move a worker between states (or, for a proposal, record intent). */
export const LIFECYCLE_STEPS = [
  "StartVetting",
  "ApproveWorker",
  "RejectApplicant",
  "SuspendWorker",
  "ReinstateWorker",
  "OffboardWorker",
  "ProposeBlacklist",
  "ApproveBlacklist",
  "DeclineBlacklist",
  "IssueWarning",
  "ExtendSuspension",
  "ProposeLiftBlacklist",
  "ApproveLiftBlacklist",
  "Reapply",
  "AddNote",
] as const;
export type LifecycleStep = (typeof LIFECYCLE_STEPS)[number];

export interface Transition {
  /** States the worker must be in for the step to apply. */
  from: readonly WorkerStatus[];
  /**
   * State after the step; `null` when the step leaves the status unchanged (ApproveLiftBlacklist
   * returns the worker to the status the blacklisting ended, so its target is not fixed either).
   */
  to: WorkerStatus | null;
  /** The weakest role allowed to take the step. */
  role: StaffRole;
  /** Event type written to the decision log. */
  event: string;
}

// A blacklist can follow an ended relationship too: fraud is often found after offboarding or rejection.
const BLACKLISTABLE: readonly WorkerStatus[] = [...LIVE_STATUSES, "Offboarded", "Rejected"];

/** The allowed transitions: the single source of truth for what may follow what. */
export const TRANSITIONS: Readonly<Record<LifecycleStep, Transition>> = {
  StartVetting: {from: ["Applicant"], to: "Vetting", role: "specialist", event: "VettingStarted"},
  ApproveWorker: {from: ["Vetting"], to: "Active", role: "specialist", event: "Approved"},
  RejectApplicant: {from: ["Applicant", "Vetting"], to: "Rejected", role: "specialist", event: "Rejected"},
  SuspendWorker: {from: ["Active"], to: "Suspended", role: "specialist", event: "Suspended"},
  ReinstateWorker: {from: ["Suspended"], to: "Active", role: "specialist", event: "Reinstated"},
  OffboardWorker: {from: LIVE_STATUSES, to: "Offboarded", role: "specialist", event: "Offboarded"},
  ProposeBlacklist: {from: BLACKLISTABLE, to: null, role: "specialist", event: "BlacklistProposed"},
  ApproveBlacklist: {from: BLACKLISTABLE, to: "Blacklisted", role: "lead", event: "Blacklisted"},
  DeclineBlacklist: {from: BLACKLISTABLE, to: null, role: "lead", event: "BlacklistDeclined"},
  IssueWarning: {from: LIVE_STATUSES, to: null, role: "specialist", event: "Warned"},
  ExtendSuspension: {from: ["Suspended"], to: null, role: "specialist", event: "SuspensionExtended"},
  ProposeLiftBlacklist: {from: ["Blacklisted"], to: null, role: "specialist", event: "BlacklistLiftProposed"},
  ApproveLiftBlacklist: {from: ["Blacklisted"], to: null, role: "lead", event: "BlacklistLifted"},
  Reapply: {from: ["Rejected", "Offboarded"], to: "Applicant", role: "specialist", event: "Reapplied"},
  AddNote: {from: WORKER_STATUSES, to: null, role: "specialist", event: "NoteAdded"},
};

/** Whether `role` is at least `minimum`. */
export function roleAtLeast(role: StaffRole, minimum: StaffRole): boolean {
  return STAFF_ROLES.indexOf(role) >= STAFF_ROLES.indexOf(minimum);
}

/** The signed-in person as the ledger knows them. `role` is undefined when they are not on the Staff tab. */
export interface Actor {
  email: string;
  role: StaffRole | undefined;
}

/**
 * Refuses unless `actor` holds at least `minimum`. Names the rule and says who can help.
 * `requireRole({email: "a@x", role: "viewer"}, "specialist", "SuspendWorker")` throws ROLE.
 */
export function requireRole(actor: Actor, minimum: StaffRole, action: string): void {
  if (!actor.role) {
    throw refuse(
      "NOT_STAFF",
      "staff",
      `${actor.email} is not on this ledger's Staff tab, so ${action} is not allowed. Ask a lead to add you with AddStaff.`,
    );
  }
  if (!roleAtLeast(actor.role, minimum)) {
    throw refuse(
      "ROLE",
      "role",
      `${action} needs the ${minimum} role; ${actor.email} is ${article(actor.role)} ${actor.role}. Ask a lead to take this step or to change your role.`,
    );
  }
}

/** Refuses unless `step` may follow `status`; the message lists the states it may follow. */
export function requireTransition(step: LifecycleStep, workerId: string, status: WorkerStatus): Transition {
  const transition = TRANSITIONS[step];
  if (!transition.from.includes(status)) {
    throw refuse(
      "TRANSITION",
      "transition",
      `${step} is not allowed for ${workerId}: the worker is ${status}, and ${step} applies only to ${listOr(transition.from)} workers.`,
    );
  }
  return transition;
}

/** The steps allowed from `status` for someone with `role`: drives which buttons make sense. */
export function allowedSteps(status: WorkerStatus, role: StaffRole | undefined): LifecycleStep[] {
  if (!role) {
    return [];
  }
  return LIFECYCLE_STEPS.filter(
    (step) => TRANSITIONS[step].from.includes(status) && roleAtLeast(role, TRANSITIONS[step].role),
  );
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? "an" : "a";
}

/** "A, B or C". */
export function listOr(items: readonly string[]): string {
  if (items.length <= 1) {
    return items.join("");
  }
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}
