import {eventHash, sealDigest} from "./chain";
import type {StaffRole, WorkerStatus} from "./lifecycle";
import {LIFECYCLE_STEPS, roleAtLeast, TRANSITIONS, WORKER_STATUSES} from "./lifecycle";
import type {EventRecord} from "./records";

/** One thing VerifyLedger found, at a sheet row of a tab. */
export interface LedgerProblem {
  /** The sheet row (of Events unless the explanation names another tab). */
  row: number;
  /** edited-event, no-receipt, receipt-mismatch, deleted-event, broken-chain, seal-mismatch, replay, unhashed. */
  rule: string;
  explanation: string;
  /** The event concerned, when there is one. */
  eventId: string;
  /** The worker concerned, when there is one. */
  workerId: string;
}

export interface ReceiptRow {
  row: number;
  eventId: string;
  hash: string;
}

export interface SealRow {
  row: number;
  sealedThrough: number;
  digest: string;
  sealedAt: string;
  sealedBy: string;
  note: string;
}

export interface VerifyInput {
  events: ReadonlyArray<{row: number; record: EventRecord}>;
  /** Receipts by actor (lower-case email); an actor with no tab is absent. */
  receipts: ReadonlyMap<string, readonly ReceiptRow[]>;
  seals: readonly SealRow[];
}

export interface VerifyResult {
  problems: LedgerProblem[];
  eventsChecked: number;
  sealedThrough: number;
  lastSealAt: string;
  /** Events that fail any check, by id: RepairLedger rebuilds nothing from them. */
  failing: Set<string>;
  /**
   * Events the rules allowed but a person should look at, by sheet row: each blacklisting or change
   * of lead approved by a lead whom the proposer made lead (second-account). They do not make the log unverified:
   * nothing was tampered with and no rule was broken. (Findings also shows each single-lead grant.)
   */
  warnings: LedgerProblem[];
  /** The same, as replay found them (for Findings). */
  signals: StaffSignal[];
  /** The team the staff events describe at the end of the log: role by email. */
  roles: Map<string, StaffRole>;
}

/** The seal note UpgradeLedger writes: events up to it predate receipts. */
export const UPGRADE_SEAL_NOTE = "UpgradeLedger";

/** Subjects without a lock of their own: their events are hashed but not chained. */
function unchained(subject: string): boolean {
  return subject === "" || subject === "ledger";
}

const STEP_BY_EVENT = new Map(LIFECYCLE_STEPS.map((step) => [TRANSITIONS[step].event, step]));

/**
 * Verifies a decision log: every event's hash, its receipt from its actor, receipts whose event
 * is gone, each subject's chain, each seal's digest, and a replay of every event through the
 * lifecycle rules with the roles in force when it was written.
 */
export function verifyLog(input: VerifyInput): VerifyResult {
  const problems: LedgerProblem[] = [];
  const failing = new Set<string>();
  const report = (row: number, rule: string, explanation: string, event?: EventRecord) => {
    problems.push({row, rule, explanation, eventId: event?.eventId ?? "", workerId: event?.workerId ?? ""});
    if (event?.eventId) {
      failing.add(event.eventId);
    }
  };
  const upgradeSeal = input.seals.find((s) => s.note.startsWith(UPGRADE_SEAL_NOTE));
  const legacyThrough = upgradeSeal?.sealedThrough ?? 0;

  // Hashes and receipts.
  const receiptById = new Map<string, ReceiptRow & {actor: string}>();
  for (const [actor, rows] of input.receipts) {
    for (const r of rows) {
      receiptById.set(r.eventId, {...r, actor});
    }
  }
  const heads = new Map<string, {hash: string; row: number}>();
  const ids = new Set<string>();
  for (const {row, record: e} of input.events) {
    ids.add(e.eventId);
    if (!e.hash) {
      report(
        row,
        "unhashed",
        `Events row ${row} (${e.type || "no type"}) has no hash: it was not written by the pack, or the ledger needs UpgradeLedger.`,
        e,
      );
      continue;
    }
    if (eventHash(e) !== e.hash) {
      report(
        row,
        "edited-event",
        `Events row ${row} (${e.eventId}, ${e.type}) was changed after it was written: its hash no longer matches its cells.`,
        e,
      );
    }
    const subject = e.subject ?? "";
    if (!unchained(subject)) {
      const head = heads.get(subject);
      const expected = head?.hash ?? "";
      if ((e.prevHash ?? "") !== expected) {
        report(
          row,
          "broken-chain",
          head
            ? `Events row ${row} (${e.eventId}) does not follow ${subject}'s previous event at row ${head.row}: an event of ${subject} was edited, deleted or inserted in between.`
            : `Events row ${row} (${e.eventId}) is ${subject}'s first event in the log but chains onto an earlier one: an earlier event of ${subject} was deleted.`,
          e,
        );
      }
      heads.set(subject, {hash: e.hash, row});
    }
    if (row <= legacyThrough) {
      continue; // Written before receipts existed: the upgrade seal covers it.
    }
    const receipt = receiptById.get(e.eventId);
    const actor = e.actor.toLowerCase();
    if (!receipt || receipt.actor !== actor) {
      report(
        row,
        "no-receipt",
        `Events row ${row} (${e.eventId}, ${e.type}) names ${e.actor} as its actor, but ${e.actor}'s receipts do not list it: ${e.actor} did not record it.`,
        e,
      );
    } else if (receipt.hash !== e.hash) {
      report(
        row,
        "receipt-mismatch",
        `Events row ${row} (${e.eventId}) differs from what ${e.actor} recorded (their receipt at "Receipts ${actor}" row ${receipt.row} has another hash).`,
        e,
      );
    }
  }
  for (const [eventId, r] of receiptById) {
    if (!ids.has(eventId)) {
      problems.push({
        row: r.row,
        rule: "deleted-event",
        explanation: `"Receipts ${r.actor}" row ${r.row} is the receipt of ${eventId}, which is no longer in the Events tab: the event was deleted.`,
        eventId,
        workerId: "",
      });
    }
  }

  // Seals.
  const hashByRow = new Map(input.events.map(({row, record}) => [row, record.hash ?? ""]));
  let previous = "";
  let from = 2;
  let sealedThrough = 0;
  let lastSealAt = "";
  for (const seal of [...input.seals].sort((a, b) => a.sealedThrough - b.sealedThrough)) {
    const hashes: string[] = [];
    for (let r = from; r <= seal.sealedThrough; r++) {
      hashes.push(hashByRow.get(r) ?? "");
    }
    const digest = sealDigest(previous, hashes);
    if (digest !== seal.digest) {
      problems.push({
        row: seal.row,
        rule: "seal-mismatch",
        explanation: `Seals row ${seal.row} (by ${seal.sealedBy}, ${seal.sealedAt}) no longer matches Events rows ${from}–${seal.sealedThrough}: sealed history was edited, deleted or reordered.`,
        eventId: "",
        workerId: "",
      });
    }
    previous = seal.digest;
    from = seal.sealedThrough + 1;
    sealedThrough = seal.sealedThrough;
    lastSealAt = seal.sealedAt;
  }

  const replayed = replay(input.events);
  for (const p of replayed.problems) {
    report(p.row, "replay", p.explanation, p.event);
  }
  problems.sort((a, b) => a.row - b.row || a.rule.localeCompare(b.rule));
  const warnings = replayed.signals
    .filter((s) => s.kind === "second-account")
    .map((s): LedgerProblem => ({
      row: s.row,
      rule: s.kind,
      explanation: s.explanation,
      eventId: s.event.eventId,
      workerId: s.event.workerId,
    }));
  return {
    problems,
    eventsChecked: input.events.length,
    sealedThrough,
    lastSealAt,
    failing,
    warnings,
    signals: replayed.signals,
    roles: replayed.roles,
  };
}

interface ReplayProblem {
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
 */
export function replay(events: ReadonlyArray<{row: number; record: EventRecord}>): {
  problems: ReplayProblem[];
  signals: StaffSignal[];
  /** The team the log describes at its end: role by email (removed members absent), pending changes. */
  roles: Map<string, StaffRole>;
  pending: Map<string, {role: string; by: string}>;
} {
  const out: ReplayProblem[] = [];
  const signals: StaffSignal[] = [];
  // Who made each lead a lead: the proposer of an approved grant, or the lone lead who granted it.
  const madeLeadBy = new Map<string, string>();
  const roles = new Map<string, StaffRole>();
  const pending = new Map<string, {role: string; by: string}>();
  const status = new Map<string, WorkerStatus>();
  const proposer = new Map<string, string>();
  const liftProposer = new Map<string, string>();
  const leads = () => [...roles].filter(([, r]) => r === "lead").length;
  for (const {row, record: e} of events) {
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
      continue;
    }
    if (e.type.startsWith("Staff")) {
      const target = (
        e.subject?.startsWith("staff:") ? e.subject.slice(6) : (/^([^\s:]+@[^\s:]+)/.exec(e.details)?.[1] ?? "")
      ).toLowerCase();
      if (role !== "lead") {
        flag(
          `only a lead may change the team, and ${e.actor} was ${role ? `a ${role}` : "not on the Staff tab"} then.`,
        );
      }
      const touchesLead = e.toStatus === "lead" || roles.get(target) === "lead";
      if (e.type === "StaffChangeProposed") {
        pending.set(target, {role: e.toStatus || "removed", by: actor});
        if (!roles.has(target)) {
          roles.set(target, "viewer");
        }
        continue;
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
      continue;
    }
    if (!e.workerId) {
      continue;
    }
    if (!role) {
      flag(`${e.actor} was not on the Staff tab then.`);
      continue;
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
      if (step === "ApproveBlacklist") {
        const by = proposer.get(e.workerId);
        if (!by) {
          flag("a blacklisting with no proposal before it (rule: four-eyes).");
        } else if (by === actor) {
          flag(`${e.actor} approved their own proposal (rule: four-eyes).`);
        } else if (madeLeadBy.get(actor) === by) {
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
        const by = liftProposer.get(e.workerId);
        if (!by) {
          flag("a lifted blacklisting with no proposal before it (rule: four-eyes).");
        } else if (by === actor) {
          flag(`${e.actor} approved their own proposal to lift a blacklisting (rule: four-eyes).`);
        }
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
  return {problems: out, signals, roles, pending};
}
