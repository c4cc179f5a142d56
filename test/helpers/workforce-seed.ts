// Writes a generated workforce straight into an emulated ledger, in the ledger's real layout and
// through the pack's own decision code, so the seeded ledger is exactly what the actions would
// have written (Workers = fold of Events), only much faster than calling them one by one.
import {identityKey} from "../../pack/core/screening-gate";
import {eventFor, planApplicant, planStep} from "../../pack/core/decisions";
import type {Decision} from "../../pack/core/decisions";
import {applyEvent, workerPointerName} from "../../pack/core/fold";
import {randomCode} from "../../pack/core/hash";
import {nameKey} from "../../pack/core/identity";
import type {Actor, LifecycleStep} from "../../pack/core/lifecycle";
import type {BlacklistRecord, EventRecord, WorkerRecord} from "../../pack/core/records";
import {BLACKLIST, EVENTS, WORKERS} from "../../pack/ledger/store/layout";
import {mulberry32} from "../../emulator/server";
import type {EmulatorState} from "../../emulator/state";
import type {GeneratedWorker, HistoryStep} from "./workforce";
import {appendRecords, sheetOf, writeReceipts} from "./ledger-rows";
import {chainEvents} from "../../pack/core/chain";

export interface SeedTeam {
  /** Specialists and leads who take the generated decisions (at least two leads). */
  specialists: string[];
  leads: string[];
}

export interface SeededLedger {
  workers: WorkerRecord[];
  events: EventRecord[];
  blacklist: BlacklistRecord[];
}

const STEP_OF: Record<Exclude<HistoryStep["type"], "ApplicantAdded">, LifecycleStep> = {
  VettingStarted: "StartVetting",
  Approved: "ApproveWorker",
  Rejected: "RejectApplicant",
  Suspended: "SuspendWorker",
  Reinstated: "ReinstateWorker",
  Offboarded: "OffboardWorker",
  BlacklistProposed: "ProposeBlacklist",
  Blacklisted: "ApproveBlacklist",
};

/** Builds the records a ledger would hold after the generated histories, through the pack's planners. */
export function buildLedgerRecords(
  generated: readonly GeneratedWorker[],
  team: SeedTeam,
  options: {seed?: number; firstNumber?: number} = {},
): SeededLedger {
  const random = mulberry32(options.seed ?? 7);
  const bytes = (n: number) => Uint8Array.from({length: n}, () => Math.floor(random() * 256));
  const people: Actor[] = [
    ...team.specialists.map((email) => ({email, role: "specialist" as const})),
    ...team.leads.map((email) => ({email, role: "lead" as const})),
  ];
  const workers: WorkerRecord[] = [];
  const events: EventRecord[] = [];
  const blacklist: BlacklistRecord[] = [];
  generated.forEach((g, i) => {
    const workerId = `W-${String((options.firstNumber ?? 1) + i).padStart(6, "0")}`;
    let worker: WorkerRecord | undefined;
    let proposer = "";
    for (const step of g.history) {
      let actor = people[step.actor % people.length] as Actor;
      let decision: Decision;
      if (step.type === "ApplicantAdded") {
        decision = planApplicant(
          {
            name: g.name,
            email: g.email,
            country: g.country,
            phone: g.phone,
            timezone: g.timezone,
            source: "Recruiter sheet",
          },
          {...actor, role: "specialist"},
          step.at,
        );
        decision.changes.projects = g.projects;
        // Screened at intake, as AddApplicant does (a generated history has no namesakes to review).
        Object.assign(decision.changes, {
          screeningVerdict: "Clear",
          screenedAt: step.at,
          screeningSummary: "Clear (generated history).",
          screeningKey: identityKey({
            name: decision.changes.name ?? "",
            emailKey: decision.changes.emailKey ?? "",
            phone: decision.changes.phone ?? "",
            bankFingerprint: "",
            idFingerprint: "",
          }),
        });
      } else {
        if (step.type === "Blacklisted") {
          actor = {email: team.leads.find((l) => l !== proposer) ?? (team.leads[0] as string), role: "lead"};
        } else if (step.type === "BlacklistProposed") {
          proposer = actor.email;
        }
        decision = planStep(
          STEP_OF[step.type],
          worker as WorkerRecord,
          actor,
          {
            reason: step.reason ?? "Generated history",
            policyClause: step.policyClause ?? "CoC 1.1",
            until: step.until,
            evidence: "https://drive.google.com/drive/folders/evidence",
          },
          step.at,
        );
      }
      if (step.type === "Approved" && g.vetting) {
        // What vetting recorded before approval: the payout account, the screening, the folder.
        Object.assign(decision.changes, {
          ...(g.vetting.bank
            ? {
                bankFingerprint: `fp${randomCode(bytes, 16).toLowerCase()}`,
                bankMasked: `•••• ${String(Math.floor(random() * 10_000)).padStart(4, "0")}`,
                bankVerification: "Verified",
              }
            : {}),
          ...(g.vetting.screened ? {screeningVerdict: "Clear", screenedAt: step.at} : {}),
          ...(g.vetting.folder
            ? {documentFolder: `https://drive.google.com/drive/folders/1Docs${randomCode(bytes, 12)}`}
            : {}),
        });
      }
      const event = eventFor(decision, {
        eventId: `E-${randomCode(bytes, 10)}`,
        time: step.at,
        actor: actor.email,
        workerId,
        seq: (worker?.version ?? 0) + 1,
        requestKey: "",
      });
      worker = applyEvent(worker, event);
      events.push(event);
      if (step.type === "Blacklisted") {
        blacklist.push({
          entryId: `B-${randomCode(bytes, 10)}`,
          workerId,
          name: worker.name,
          nameKey: nameKey(worker.name),
          emailKeys: worker.emailKey,
          phones: worker.phone,
          bankFingerprints: worker.bankFingerprint,
          idFingerprints: worker.idFingerprint,
          country: worker.country,
          reason: event.reason,
          policyClause: event.policyClause,
          evidence: event.evidence,
          proposedBy: proposer,
          approvedBy: actor.email,
          approvedAt: event.time,
          eventId: event.eventId,
        });
      }
    }
    const active = g.vetting?.lastActivityAt ?? "";
    if (worker && worker.status === "Active" && active > worker.updatedAt) {
      // The project's record of the worker's latest task, as UpdateWorkerDetails would log it.
      const event: EventRecord = {
        eventId: `E-${randomCode(bytes, 10)}`,
        time: active,
        actor: team.specialists[0] ?? (team.leads[0] as string),
        workerId,
        type: "WorkerDetailsUpdated",
        fromStatus: worker.status,
        toStatus: worker.status,
        reason: "",
        policyClause: "",
        evidence: "",
        details: "Latest task recorded by the project.",
        changes: {lastActivityAt: active},
        seq: worker.version + 1,
        requestKey: "",
      };
      worker = applyEvent(worker, event);
      events.push(event);
    }
    if (worker) {
      workers.push(worker);
    }
  });
  events.sort((a, b) => a.time.localeCompare(b.time));
  return {workers, events, blacklist};
}

/**
 * Appends the records to an emulated ledger as the pack would have written them, with each
 * worker's lock and row pointer (named ranges).
 */
export function writeLedgerRecords(state: EmulatorState, spreadsheetId: string, seeded: SeededLedger): void {
  const book = state.spreadsheets.get(spreadsheetId);
  if (!book) {
    throw new Error(`no spreadsheet ${spreadsheetId}`);
  }
  // As the pack writes them: each event hashed onto its worker's chain in log order, the worker
  // row holding its chain's head, and every event's receipt in its actor's own protected tab.
  const heads = new Map<string, string>();
  for (const e of seeded.events) {
    heads.set(e.workerId, chainEvents([e], e.workerId, heads.get(e.workerId) ?? ""));
  }
  for (const w of seeded.workers) {
    w.chainHash = heads.get(w.workerId) ?? "";
  }
  writeReceipts(book, seeded.events);
  const workersSheet = sheetOf(state, spreadsheetId, WORKERS);
  const first = appendRecords(state, spreadsheetId, WORKERS, seeded.workers) - 1;
  const width = WORKERS.columns.length;
  seeded.workers.forEach((w, i) => {
    book.namedRanges.set(w.lock, {
      namedRangeId: w.lock,
      name: workerPointerName(w.workerId),
      range: {
        sheetId: workersSheet.properties.sheetId,
        startRowIndex: first + i,
        endRowIndex: first + i + 1,
        startColumnIndex: 0,
        endColumnIndex: width,
      },
    });
  });
  appendRecords(state, spreadsheetId, EVENTS, seeded.events);
  appendRecords(state, spreadsheetId, BLACKLIST, seeded.blacklist);
}
