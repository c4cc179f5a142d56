// Example ledger worlds: a ledger at the example URL holding workers in given states (seeded through
// the pack's own decision code, so Workers is the fold of Events), the team allowed Gmail and Drive,
// and whatever else a case needs (disputes, audits, Gmail threads, recruiter sheets, Drive folders).
// The examples test runs each formula's examples in one; the VM suite runs the built bundle in them.
import {buildLedgerRecords, writeLedgerRecords} from "./workforce-seed";
import type {GeneratedWorker, HistoryStep} from "./workforce";
import type {LedgerFixture} from "./fixture";
import {setupLedger} from "./fixture";
import type {Mode} from "./runner";
import {PackRunner} from "./runner";
import {gmailOf} from "../../emulator/gmail";
import {grantGmail, workerMail} from "./gmail";
import {addSpreadsheet} from "./sheet-seed";
import {appendRecords} from "./ledger-rows";
import {AUDITS} from "../../pack/ledger/store/layout";
import {parseLedgerRef} from "../../pack/ledger/store/ref";
import {EXAMPLE_LEDGER} from "../../pack/coda/params";
import {emptyRecord} from "../../pack/ledger/store/rows";
import {recordLockId} from "../../pack/core/fold";
import {DRIVE_SCOPE} from "../../emulator/state";
import {DRIVE_READONLY_SCOPE} from "../../emulator/drive";
import {blacklistWithSteps} from "./external-world";

/** The spreadsheet id every ledger-backed example uses: the pack's one EXAMPLE_LEDGER (pack/coda/params.ts). */
export const EXAMPLE_ID = parseLedgerRef(EXAMPLE_LEDGER).spreadsheetId;
export {EXAMPLE_LEDGER};
/** The recruiter sheet ImportApplicants' example reads. */
export const EXAMPLE_RECRUITER_ID = "1ExampleRecruiterSheet00000000000000000000";

export type WorkerState =
  "Applicant" | "Vetting" | "Active" | "Suspended" | "Proposed" | "Blacklisted" | "Rejected" | "Offboarded";

/** A seeded worker: its state, and any field the default (Ana Pérez, worker1@example.com, MX…) should not have. */
export interface WorkerSpec {
  state: WorkerState;
  name?: string;
  email?: string;
  /** As typed (national format in `country`); stored in E.164. */
  phone?: string;
  country?: string;
  timezone?: string;
  projects?: string;
  /** A Drive folder link or id, carried by the worker's first decision so the log agrees. */
  documentFolder?: string;
}

/** A world: workers W-000001… in these states, then more steps (through the node runner). */
export interface WorldSpec {
  workers: ReadonlyArray<WorkerState | WorkerSpec>;
  /** Day 0 of the workers' histories (worker n starts on day n), UTC midnight; 31 December 2025 by default. */
  historyStart?: Date;
  then?: (f: LedgerFixture) => Promise<void>;
}

const NAMES = ["Ana Pérez", "Bilal Khan", "Chen Wei", "Dara Okafor", "Eva Nowak"];

const DEFAULT_START = new Date(Date.UTC(2025, 11, 31));

/** The decisions that take a worker to a state, one day apart from `day` days after `start` (by default `day` January 2026). */
export function history(state: WorkerState, day: number, start: Date = DEFAULT_START): HistoryStep[] {
  const at = (d: number) => new Date(start.getTime() + d * 86_400_000).toISOString();
  const steps: HistoryStep[] = [{type: "ApplicantAdded", at: at(day), actor: 0}];
  if (state === "Applicant") {
    return steps;
  }
  steps.push({type: "VettingStarted", at: at(day + 1), actor: 0});
  if (state === "Vetting") {
    return steps;
  }
  if (state === "Rejected") {
    return [...steps, {type: "Rejected", at: at(day + 2), reason: "Identity not verified", actor: 0}];
  }
  steps.push({type: "Approved", at: at(day + 2), actor: 0});
  if (state === "Suspended") {
    steps.push({
      type: "Suspended",
      at: at(day + 3),
      reason: "Copied answers",
      policyClause: "CoC 4.2",
      until: "2030-01-15",
      actor: 0,
    });
  }
  if (state === "Offboarded") {
    steps.push({type: "Offboarded", at: at(day + 3), reason: "Project ended", actor: 0});
  }
  if (state === "Proposed" || state === "Blacklisted") {
    // Proposed by the first lead (actor 1); the seed has the other lead approve.
    steps.push({type: "BlacklistProposed", at: at(day + 3), reason: "Two accounts", policyClause: "CoC 1.3", actor: 1});
  }
  if (state === "Blacklisted") {
    steps.push({type: "Blacklisted", at: at(day + 4), reason: "Two accounts", policyClause: "CoC 1.3", actor: 2});
  }
  return steps;
}

/**
 * Builds a world in plain Node (fast), then hands back a fixture whose `run` executes in `mode`:
 * "vm" runs the built bundle in isolated-vm for the cases, with the world already in place.
 */
export async function buildWorld(spec: WorldSpec, options: {mode?: Mode} = {}): Promise<LedgerFixture> {
  const f = await setupLedger();
  const book = f.emu.state.spreadsheets.get(f.spreadsheetId);
  if (!book) {
    throw new Error("no ledger");
  }
  f.emu.state.spreadsheets.delete(f.spreadsheetId);
  book.spreadsheetId = EXAMPLE_ID;
  f.emu.state.spreadsheets.set(EXAMPLE_ID, book);
  const specs = spec.workers.map((w) => (typeof w === "string" ? {state: w} : w));
  const workers: GeneratedWorker[] = specs.map((w, i) => ({
    name: w.name ?? NAMES[i] ?? `Worker ${i}`,
    email: w.email ?? `worker${i + 1}@example.com`,
    phone: w.phone ?? "",
    country: w.country ?? "MX",
    timezone: w.timezone ?? "America/Mexico_City",
    projects: w.projects ?? "Atlas",
    history: history(w.state, i + 1, spec.historyStart),
  }));
  const seeded = buildLedgerRecords(workers, {
    specialists: [f.team.specialist.email],
    leads: [f.team.lead.email, f.team.lead2.email],
  });
  specs.forEach((w, i) => {
    const record = seeded.workers[i];
    const first = seeded.events.find((e) => e.workerId === record?.workerId && e.seq === 1);
    if (w.documentFolder && record && first) {
      record.documentFolder = w.documentFolder;
      first.changes = {...first.changes, documentFolder: w.documentFolder};
    }
  });
  writeLedgerRecords(f.emu.state, EXAMPLE_ID, seeded);
  f.ledger = EXAMPLE_LEDGER;
  f.spreadsheetId = EXAMPLE_ID;
  grantGmail(f.team.lead, f.team.lead2, f.team.specialist);
  for (const user of [f.team.lead, f.team.lead2, f.team.specialist]) {
    user.scopes.add(DRIVE_SCOPE);
    user.scopes.add(DRIVE_READONLY_SCOPE);
  }
  await spec.then?.(f);
  if ((options.mode ?? "node") !== f.run.options.mode) {
    f.run = new PackRunner({emulator: f.emu, mode: options.mode ?? "node", timezone: f.run.options.timezone});
  }
  return f;
}

/** Opens a dispute for W-000001 as the first lead. */
export const openDispute = (f: LedgerFixture, category: string, workerId = "W-000001") =>
  f.run.formula("OpenDispute", [f.ledger, workerId, category, `Example ${category} dispute`], f.team.lead);

/** Puts a worker's email into a staff member's Gmail under the Disputes label. */
export function deliverDisputeMail(
  f: LedgerFixture,
  to: string,
  spec: {from: string; subject: string; body: string; messageId: string; threadId?: string},
): string {
  const message = gmailOf(f.emu.state).deliver(to, workerMail({...spec, to}), {
    labels: ["INBOX", "Disputes"],
    threadId: spec.threadId,
  });
  return message.threadId;
}

/** A recruiter's sheet owned by `owner`, under a fixed id when given. */
export function addRecruiterSheet(
  f: LedgerFixture,
  owner: string,
  rows: Array<Array<string | number>>,
  id?: string,
): string {
  const created = addSpreadsheet(f.emu, owner, "Recruiting pipeline", [{title: "Pipeline", rows}]);
  if (!id) {
    return created;
  }
  const book = f.emu.state.spreadsheets.get(created);
  f.emu.state.spreadsheets.delete(created);
  if (book) {
    book.spreadsheetId = id;
    f.emu.state.spreadsheets.set(id, book);
  }
  return id;
}

/** A Scheduled conduct audit written straight into the Audits tab, with its lock, as ScheduleAudits leaves one. */
export function seedScheduledAudit(f: LedgerFixture, auditId: string, workerId: string, dueDate = "2026-03-15"): void {
  const record = {
    ...emptyRecord(AUDITS),
    auditId,
    workerId,
    kind: "Conduct" as const,
    status: "Scheduled" as const,
    scheduledAt: "2026-03-01T00:00:00.000Z",
    dueDate,
    version: 1,
    lock: recordLockId("a", auditId, 1),
  };
  appendRecords(f.emu.state, f.spreadsheetId, AUDITS, [record]);
  const sheet = f.emu.state.spreadsheets.get(f.spreadsheetId)?.sheets.find((s) => s.properties.title === AUDITS.name);
  const row = sheet ? sheet.rows.length - 1 : 1;
  f.emu.state.spreadsheets.get(f.spreadsheetId)?.namedRanges.set(record.lock, {
    namedRangeId: record.lock,
    name: `ts_${record.lock}`,
    range: {sheetId: AUDITS.sheetId, startRowIndex: row, endRowIndex: row + 1},
  });
}

/** The world each ledger-backed formula's examples run in. */
export const EXAMPLE_WORLDS: Record<string, WorldSpec> = {
  AddApplicant: {workers: []},
  StartVetting: {workers: ["Applicant"]},
  ApproveWorker: {workers: ["Vetting"]},
  RejectApplicant: {workers: ["Active", "Applicant"]},
  SuspendWorker: {workers: ["Active"]},
  ReinstateWorker: {workers: ["Suspended"]},
  OffboardWorker: {workers: ["Active", "Active", "Active"]},
  ProposeBlacklist: {workers: ["Active", "Active", "Active", "Active"]},
  ApproveBlacklist: {workers: ["Active", "Active", "Active", "Proposed"]},
  DeclineBlacklist: {workers: ["Active", "Active", "Active", "Active", "Proposed"]},
  IssueWarning: {workers: ["Active"]},
  ExtendSuspension: {workers: ["Suspended"]},
  ProposeLiftBlacklist: {workers: ["Blacklisted"]},
  ApproveLiftBlacklist: {
    workers: ["Blacklisted"],
    then: async (f) => {
      await f.run.formula("ProposeLiftBlacklist", [f.ledger, "W-000001", "Appeal upheld"], f.team.lead);
    },
  },
  Reapply: {workers: ["Offboarded"]},
  AddNote: {workers: ["Active"]},
  WorkerFile: {workers: ["Suspended"]},
  ExportWorkerData: {workers: ["Active"]},
  OffboardWorkers: {workers: ["Active", "Suspended", "Blacklisted"]},
  SuspendWorkers: {workers: ["Active", "Active"]},
  AddStaff: {workers: []},
  RepairLedger: {workers: ["Active"]},
  RemoveStaff: {
    workers: [],
    then: async (f) => {
      await f.run.formula("AddStaff", [f.ledger, "vic@example.com", "viewer"], f.team.lead);
    },
  },
  ApproveStaffChange: {
    workers: [],
    // The first lead proposes a third lead; the second lead (who runs the example) approves.
    then: async (f) => {
      await f.run.formula("AddStaff", [f.ledger, "nia@example.com", "lead"], f.team.lead);
    },
  },
  VerifyLedger: {workers: ["Active"]},
  SealLog: {workers: ["Active"]},
  UpgradeLedger: {workers: ["Active"]},
  UpdateWorkerDetails: {workers: ["Active"]},
  RecordExternalStep: {workers: ["Active", "Active", "Active"], then: (f) => blacklistWithSteps(f, "W-000003")},
  OpenDispute: {workers: ["Active"]},
  AssignDispute: {
    workers: ["Active"],
    then: async (f) => {
      await f.run.formula("AddStaff", [f.ledger, "sam@example.com", "specialist"], f.team.lead);
      await openDispute(f, "Payment");
    },
  },
  FlagDispute: {
    workers: ["Suspended"],
    then: async (f) => {
      await openDispute(f, "Payment");
      deliverDisputeMail(f, f.team.lead2.email, {
        from: "Ana Pérez <worker1@example.com>",
        subject: "Appeal of my suspension",
        body: "The answers were mine.",
        messageId: "<appeal-1@mail.example>",
        threadId: "18c2f0a1b2c3d4e5",
      });
    },
  },
  ResolveDispute: {
    workers: ["Suspended"],
    then: async (f) => {
      await openDispute(f, "Payment");
      await openDispute(f, "SuspensionAppeal");
    },
  },
  CloseDispute: {
    workers: ["Suspended"],
    then: async (f) => {
      await openDispute(f, "Payment");
      await openDispute(f, "SuspensionAppeal");
      await f.run.formula(
        "ResolveDispute",
        [f.ledger, "D-000002", "Rejected", "The answers match the shared template word for word."],
        f.team.lead,
      );
    },
  },
  ScreeningReport: {workers: []},
  RecordBankDetails: {workers: ["Active"]},
  ScreenWorker: {workers: ["Active"]},
  ClearScreening: {
    // W-000001 shares a phone and a name with W-000002: screened Match, waiting for a lead.
    workers: [
      {state: "Vetting", phone: "+525512345678"},
      {state: "Active", name: "Ana Perez", email: "a.perez.other@example.com", phone: "+525512345678"},
    ],
    then: async (f) => {
      await f.run.formula("ScreenWorker", [f.ledger, "W-000001"], f.team.specialist);
    },
  },
  RecordIdDocument: {workers: ["Active"]},
  ImportApplicants: {
    workers: [],
    then: async (f) => {
      addRecruiterSheet(
        f,
        f.team.lead2.email,
        [
          ["Full name", "E-mail", "Country", "Phone"],
          ["Bilal Khan", "bilal.khan@example.com", "PK", "0300 1234567"],
          ["Chen Wei", "chen.wei@example.com", "CN", ""],
        ],
        EXAMPLE_RECRUITER_ID,
      );
    },
  },
  ScheduleAudits: {workers: Array.from({length: 12}, () => "Active" as const)},
  Summary: {workers: ["Active", "Suspended", "Applicant"]},
  AuditDocuments: {workers: ["Active"]},
  RecordAudit: {
    workers: ["Active"],
    then: async (f) => seedScheduledAudit(f, "A-7K3M9QX2A4", "W-000001"),
  },
  AssignAudit: {
    workers: ["Active"],
    then: async (f) => {
      await f.run.formula("AddStaff", [f.ledger, "sam@example.com", "specialist"], f.team.lead);
      seedScheduledAudit(f, "A-7K3M9QX2A4", "W-000001");
    },
  },
  AcknowledgeFinding: {workers: ["Active"]},
  AssignFinding: {
    workers: ["Active"],
    then: async (f) => {
      await f.run.formula("AddStaff", [f.ledger, "sam@example.com", "specialist"], f.team.lead);
    },
  },
  SnoozeFinding: {workers: ["Active"]},
  ResolveFinding: {workers: ["Active"]},
  SendNotice: {
    workers: ["Active"],
    // The first lead has not allowed Gmail, so the suspension notice stays pending for SendNotice.
    then: async (f) => {
      f.team.lead.scopes.delete("https://www.googleapis.com/auth/gmail.send");
      f.team.lead.scopes.delete("https://www.googleapis.com/auth/gmail.compose");
      await f.run.formula(
        "SuspendWorker",
        [f.ledger, "W-000001", "Copied answers", "CoC 4.2", new Date("2030-01-15T00:00:00Z")],
        f.team.lead,
      );
    },
  },
};
