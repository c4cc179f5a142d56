// Screening at intake: AddApplicant (and ImportApplicants, and a later Reapply) screens a new person
// against every worker and the Blacklist before the worker exists, and records the verdict with them.
import type {Google} from "../google/http";
import type {ApplicantInput, Decision} from "../core/decisions";
import {planApplicant} from "../core/decisions";
import {DomainError} from "../core/errors";
import {applyEvent, workerPointerName} from "../core/fold";
import {phoneReadings} from "../core/identity";
import type {EventRecord, WorkerRecord} from "../core/records";
import type {IdentityTable, Probe, ScreeningOutcome} from "../core/screening";
import {screen} from "../core/screening";
import {identityKey} from "../core/screening-gate";
import {screenedDecision} from "../core/screening-decisions";
import {duplicateMessage} from "../core/screening-text";
import {commit, requireWorker, retryOnConflict} from "./store/commit";
import {findRepeat, requestKey} from "./store/ids";
import {BLACKLIST, EVENTS, WORKERS} from "./store/layout";
import {openSession} from "./store/session";
import {identityRanges, identityTables} from "./screening";
import type {WorkerResult} from "./workers";
import {buildEvent, nextWorkerId} from "./workers";

/** A new person's probe: their keys, and every reading of a phone written without "+". */
export function intakeProbe(changes: Decision["changes"], phoneText: string, selfId: string): Probe {
  const readings = phoneText ? phoneReadings(phoneText, changes.country) : undefined;
  const phones = [...new Set([changes.phone ?? "", ...(readings?.readings ?? [])].filter(Boolean))];
  return {
    name: changes.name ?? "",
    emailKey: changes.emailKey ?? "",
    phone: changes.phone ?? "",
    phones,
    phoneNote: readings?.ambiguous ? readings.note : undefined,
    country: changes.country,
    selfId,
  };
}

/** The screening of a new worker, folded into their first decision, and the Screened event that records it. */
export interface IntakeScreening {
  outcome: ScreeningOutcome;
  /** ApplicantAdded with the screening's verdict, summary and identity key among its changes. */
  decision: Decision;
  /** The Screened event's decision (written with sequence 0: the first decision already holds its changes). */
  screened: Decision;
}

/** Screens a new person against `tables` (or the index `run`), for their first decision. */
export function screenIntake(
  decision: Decision,
  workerId: string,
  phoneText: string,
  now: string,
  run: (probe: Probe) => ScreeningOutcome,
): IntakeScreening {
  const probe = intakeProbe(decision.changes, phoneText, workerId);
  const outcome = run(probe);
  const draft: WorkerRecord = applyEvent(undefined, {
    eventId: "",
    time: now,
    actor: "",
    workerId,
    type: decision.type,
    fromStatus: "",
    toStatus: "Applicant",
    reason: "",
    policyClause: "",
    evidence: "",
    details: "",
    changes: decision.changes,
    seq: 1,
    requestKey: "",
  });
  const screened = screenedDecision(draft, outcome, now, probe.phoneNote ? [probe.phoneNote] : []);
  return {
    outcome,
    decision: {...decision, changes: {...decision.changes, ...screened.changes, screeningKey: identityKey(draft)}},
    screened,
  };
}

/** Rows of the Workers identity table holding a canonical email. */
export function sameEmail(workers: IdentityTable, key: string): number {
  return workers.emails.findIndex((e) => e.toLowerCase() === key);
}

/**
 * Adds a person as an Applicant, screened: refuses only a second worker with the same canonical
 * email (saying when that worker is Blacklisted); anyone else is added with the verdict, so an
 * attempt to come back is on record. One atomic commit: the worker row, ApplicantAdded and Screened.
 */
export async function addApplicant(
  g: Google,
  spec: {ledger: string; input: ApplicantInput; requestId?: string; params: readonly unknown[]},
  now: string,
): Promise<WorkerResult & {outcome?: ScreeningOutcome}> {
  const ranges = identityRanges();
  const refusal = () =>
    new DomainError(
      "BUSY",
      "Several people added workers at the same moment, again and again; nothing was recorded for this request. Try again.",
      "concurrency",
    );
  return retryOnConflict({busy: refusal}, async () => {
    let session = await openSession(g, spec.ledger, now, {
      tabs: [WORKERS, EVENTS, BLACKLIST],
      extraRanges: ranges,
      what: "add an applicant",
    });
    const decision = planApplicant(spec.input, session.actor, now);
    const key = requestKey("AddApplicant", session.actor.email, spec.requestId, spec.params);
    const tables = await identityTables(session);
    const [workers] = tables;
    const existing = sameEmail(workers, decision.changes.emailKey ?? "");
    if (existing >= 0) {
      const existingId = workers.ids[existing] ?? "";
      session = await openSession(g, spec.ledger, now, {
        tabs: [WORKERS, EVENTS],
        workerId: existingId,
        what: "add an applicant",
      });
      const row = session.worker;
      if (row && findRepeat(row.record.recent, key, now)) {
        return {worker: requireWorker(row, existingId), replayed: true, session};
      }
      throw new DomainError(
        "DUPLICATE_EMAIL",
        duplicateMessage(
          decision.changes.email ?? "",
          decision.changes.emailKey ?? "",
          `${existingId || `sheet row ${existing + 2}`}${workers.names[existing] ? ` ${workers.names[existing]}` : ""}`,
          workers.statuses[existing] ?? "",
        ),
        "duplicate",
      );
    }
    const workerId = nextWorkerId(workers.ids);
    const phoneText = typeof spec.input.phone === "string" ? spec.input.phone : "";
    const intake = screenIntake(decision, workerId, phoneText, now, (probe) => screen(tables, probe));
    const lastRow = workers.ids.length + 1;
    const event = buildEvent(session, workerId, intake.decision, 1, key);
    const screenedEvent: EventRecord = {...buildEvent(session, workerId, intake.screened, 0, ""), changes: {}};
    const after = applyEvent(undefined, event);
    await commit(session, {
      writes: [
        {
          tab: WORKERS,
          record: after,
          rowHint: lastRow + 1,
          lockFrom: "",
          lockTo: after.lock,
          pointerName: workerPointerName(workerId),
        },
      ],
      appends: [
        {tab: EVENTS, record: event},
        {tab: EVENTS, record: screenedEvent},
      ],
      what: `add ${workerId}`,
    });
    return {
      worker: {row: lastRow + 1, record: after, problems: [], invalid: new Set()},
      event,
      replayed: false,
      session,
      outcome: intake.outcome,
    };
  });
}
