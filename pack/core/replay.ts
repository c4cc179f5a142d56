// The replay of a decision log through the lifecycle rules, for VerifyLedger (pack/core/verify.ts).
import type {StaffRole, WorkerStatus} from "./lifecycle";
import {LIFECYCLE_STEPS, roleAtLeast, TRANSITIONS, WORKER_STATUSES} from "./lifecycle";
import type {EventRecord} from "./records";

const STEP_BY_EVENT = new Map(LIFECYCLE_STEPS.map((step) => [TRANSITIONS[step].event, step]));

export interface ReplayProblem {
  row: number;
  explanation: string;
  event: EventRecord;
}

/** Judgement signals from the replay, for Findings: not rule breaks, but patterns a person should look at. */
export interface StaffSignal {
  row: number;
  kind: "second-account" | "single-lead-grant";
  explanation: string;
  event: EventRecord;
}

/**
 * Replays the log through the lifecycle rules with the roles in force at each event: a
 * transition not allowed, a role too weak, four-eyes broken, a lead grant without a second lead.
 * Events are given in log order, all at once or part by part (`step`); what it keeps between
 * events is small: the team, open proposals and each worker's status.
 */
export class Replay {
  readonly problems: ReplayProblem[] = [];
  readonly signals: StaffSignal[] = [];
  /** The team the log describes: role by email (removed members absent). */
  readonly roles = new Map<string, StaffRole>();
  /** Staff changes proposed and not yet decided, by target. */
  readonly pending = new Map<string, {role: string; by: string}>();
  /** Who made each lead a lead: the proposer of an approved grant, or the lone lead who granted it. */
  readonly madeLeadBy = new Map<string, string>();
  /** Each worker's status after the events so far. */
  readonly status = new Map<string, WorkerStatus>();
  /** Open blacklist and lift proposals: proposer by worker. */
  readonly proposer = new Map<string, string>();
  readonly liftProposer = new Map<string, string>();

  /** Replays one event, the next in log order. */
  step(row: number, e: EventRecord): void {
    replayEvent(this, row, e);
  }
}

/** Replays a whole log at once. */
export function replay(events: ReadonlyArray<{row: number; record: EventRecord}>): Replay {
  const r = new Replay();
  for (const {row, record} of events) {
    r.step(row, record);
  }
  return r;
}

function replayEvent(self: Replay, row: number, e: EventRecord): void {
  const {problems: out, signals, roles, pending, madeLeadBy, status, proposer, liftProposer} = self;
  const leads = () => [...roles].filter(([, r]) => r === "lead").length;
  const actor = e.actor.toLowerCase();
  const role = roles.get(actor);
  const flag = (explanation: string) =>
    out.push({
      row,
      explanation: `Events row ${row} (${e.eventId}, ${e.type} by ${e.actor}): ${explanation}`,
      event: e,
    });
  if (e.type === "LedgerCreated") {
    if (!roles.size) {
      roles.set(actor, "lead");
    }
    return;
  }
  if (e.type.startsWith("Staff")) {
    const target = (
      e.subject?.startsWith("staff:") ? e.subject.slice(6) : (/^([^\s:]+@[^\s:]+)/.exec(e.details)?.[1] ?? "")
    ).toLowerCase();
    if (role !== "lead") {
      flag(`only a lead may change the team, and ${e.actor} was ${role ? `a ${role}` : "not on the Staff tab"} then.`);
    }
    const touchesLead = e.toStatus === "lead" || roles.get(target) === "lead";
    if (e.type === "StaffChangeProposed") {
      pending.set(target, {role: e.toStatus || "removed", by: actor});
      if (!roles.has(target)) {
        roles.set(target, "viewer");
      }
      return;
    }
    const p = pending.get(target);
    // (A lead approving their own demotion or removal gives up power: no second account gains by it.)
    if (p && p.by !== actor && target !== actor && madeLeadBy.get(actor) === p.by) {
      signals.push({
        row,
        kind: "second-account",
        explanation: `Events row ${row}: ${e.actor} approved the change to ${target} proposed by ${p.by}, who made ${e.actor} a lead: possibly one person with two accounts.`,
        event: e,
      });
    }
    if (touchesLead && leads() >= 2) {
      const wanted = e.type === "StaffRemoved" ? "removed" : e.toStatus;
      if (!p || p.role !== wanted || p.by === actor) {
        flag(`changing who is a lead takes two leads, and no other lead proposed this change to ${target}.`);
      }
    }
    if (e.toStatus === "lead" && roles.get(target) !== "lead") {
      madeLeadBy.set(target, p?.by ?? actor);
      if (!p && leads() === 1) {
        signals.push({
          row,
          kind: "single-lead-grant",
          explanation: `Events row ${row}: ${e.actor}, then the only lead, made ${target} a lead with nobody to approve it.`,
          event: e,
        });
      }
    }
    pending.delete(target);
    if (e.type === "StaffRemoved") {
      roles.delete(target);
    } else if (e.toStatus === "viewer" || e.toStatus === "specialist" || e.toStatus === "lead") {
      roles.set(target, e.toStatus);
    }
    return;
  }
  if (!e.workerId) {
    return;
  }
  if (!role) {
    flag(`${e.actor} was not on the Staff tab then.`);
    return;
  }
  const step = STEP_BY_EVENT.get(e.type);
  const before = status.get(e.workerId);
  if (step) {
    const t = TRANSITIONS[step];
    if (!roleAtLeast(role, t.role)) {
      flag(`${step} needs the ${t.role} role; ${e.actor} was a ${role} then.`);
    }
    if (before && !t.from.includes(before)) {
      flag(`${step} is not allowed for a ${before} worker (rule: transition).`);
    }
    if (step === "ProposeBlacklist") {
      proposer.set(e.workerId, actor);
    }
    // Four eyes: an approval needs a proposal before it, by someone else. Returns the proposer.
    const fourEyes = (proposals: Map<string, string>, what: string, own: string) => {
      const by = proposals.get(e.workerId);
      if (!by) {
        flag(`${what} with no proposal before it (rule: four-eyes).`);
      } else if (by === actor) {
        flag(`${e.actor} approved their own ${own} (rule: four-eyes).`);
      }
      return by;
    };
    if (step === "ApproveBlacklist") {
      const by = fourEyes(proposer, "a blacklisting", "proposal");
      if (by && by !== actor && madeLeadBy.get(actor) === by) {
        signals.push({
          row,
          kind: "second-account",
          explanation: `Events row ${row}: ${e.actor} approved the blacklisting of ${e.workerId} proposed by ${by}, who made ${e.actor} a lead: possibly one person with two accounts.`,
          event: e,
        });
      }
    }
    if (step === "ApproveBlacklist" || step === "DeclineBlacklist") {
      proposer.delete(e.workerId);
    }
    if (step === "ProposeLiftBlacklist") {
      liftProposer.set(e.workerId, actor);
    }
    if (step === "ApproveLiftBlacklist") {
      fourEyes(liftProposer, "a lifted blacklisting", "proposal to lift a blacklisting");
      liftProposer.delete(e.workerId);
    }
  } else if (!roleAtLeast(role, "specialist")) {
    flag(`a ${role} cannot record decisions.`);
  } else if (e.type === "DataExported" && !roleAtLeast(role, "lead")) {
    flag(`ExportWorkerData needs the lead role; ${e.actor} was a ${role} then.`);
  }
  const next = (e.changes as {status?: string}).status ?? (step ? TRANSITIONS[step].to : null);
  if (next && (WORKER_STATUSES as readonly string[]).includes(next)) {
    status.set(e.workerId, next as WorkerStatus);
  } else if (!before && e.type === "ApplicantAdded") {
    status.set(e.workerId, "Applicant");
  }
}
