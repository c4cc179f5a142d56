import {expect} from "chai";
import {executeFormulaFromPackDef} from "@codahq/packs-sdk/dist/development";
import {pack} from "../pack/pack";
import {buildLedgerRecords, writeLedgerRecords} from "./fixtures/seed";
import type {GeneratedWorker, HistoryStep} from "./fixtures/workforce";
import type {LedgerFixture} from "./harness/fixture";
import {setupLedger} from "./harness/fixture";
import {gmailOf} from "./emulator/gmail";
import {grantGmail, workerMail} from "./harness/gmail";
import {addSpreadsheet, seedRows} from "./harness/seed";
import {AUDITS} from "../pack/ledger/layout";
import {emptyRecord} from "../pack/ledger/rows";
import {recordLockId} from "../pack/core/fold";
import {DRIVE_SCOPE} from "./emulator/state";
import {DRIVE_READONLY_SCOPE} from "./emulator/drive";

/** The spreadsheet id every ledger-backed example uses. */
const EXAMPLE_ID = "1ExampleLedger0000000000000000000000000000";
const EXAMPLE_LEDGER = `https://docs.google.com/spreadsheets/d/${EXAMPLE_ID}/edit`;

type State = "Applicant" | "Vetting" | "Active" | "Suspended" | "Proposed";

/** The example world a ledger-backed example needs: workers W-000001… in these states, then more steps. */
interface Setup {
  workers: State[];
  then?: (f: LedgerFixture) => Promise<void>;
}

const openDispute = (f: LedgerFixture, category: string) => f.run.formula("OpenDispute", [f.ledger, "W-000001", category, `Example ${category} dispute`], f.team.lead);

/** Which world each ledger-backed example runs in. */
const SETUPS: Record<string, Setup> = {
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
  AddStaff: {workers: []},
  RepairLedger: {workers: ["Active"]},
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
      gmailOf(f.emu.state).deliver(
        f.team.lead2.email,
        workerMail({from: "Ana Pérez <worker1@example.com>", to: f.team.lead2.email, subject: "Appeal of my suspension", body: "The answers were mine.", messageId: "<appeal-1@mail.example>"}),
        {labels: ["INBOX", "Disputes"], threadId: "18c2f0a1b2c3d4e5"},
      );
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
      await f.run.formula("ResolveDispute", [f.ledger, "D-000002", "Rejected", "The answers match the shared template word for word."], f.team.lead);
    },
  },
  ScreeningReport: {workers: []},
  RecordBankDetails: {workers: ["Active"]},
  ScreenWorker: {workers: ["Active"]},
  ImportApplicants: {
    workers: [],
    then: async (f) => {
      const id = addSpreadsheet(f.emu, f.team.lead2.email, "Recruiting pipeline", [
        {
          title: "Pipeline",
          rows: [
            ["Full name", "E-mail", "Country", "Phone"],
            ["Bilal Khan", "bilal.khan@example.com", "PK", "0300 1234567"],
            ["Chen Wei", "chen.wei@example.com", "CN", ""],
          ],
        },
      ]);
      const book = f.emu.state.spreadsheets.get(id);
      f.emu.state.spreadsheets.delete(id);
      if (book) {
        book.spreadsheetId = "1ExampleRecruiterSheet00000000000000000000";
        f.emu.state.spreadsheets.set(book.spreadsheetId, book);
      }
    },
  },
  ScheduleAudits: {workers: Array.from({length: 12}, () => "Active" as const)},
  Summary: {workers: ["Active", "Suspended", "Applicant"]},
  AuditDocuments: {workers: ["Active"]},
  RecordAudit: {
    workers: ["Active"],
    then: async (f) => {
      const auditId = "A-7K3M9QX2A4";
      const record = {...emptyRecord(AUDITS), auditId, workerId: "W-000001", kind: "Conduct" as const, status: "Scheduled" as const, scheduledAt: "2026-03-01T00:00:00.000Z", dueDate: "2026-03-15", version: 1, lock: recordLockId("a", auditId, 1)};
      seedRows(f.emu, f.spreadsheetId, AUDITS, [record]);
      f.emu.state.spreadsheets.get(f.spreadsheetId)?.namedRanges.set(record.lock, {namedRangeId: record.lock, name: `ts_${record.lock}`, range: {sheetId: AUDITS.sheetId, startRowIndex: 1, endRowIndex: 2}});
    },
  },
  SendNotice: {
    workers: ["Active"],
    // The first lead has not allowed Gmail, so the suspension notice stays pending for SendNotice.
    then: async (f) => {
      f.team.lead.scopes.delete("https://www.googleapis.com/auth/gmail.send");
      await f.run.formula("SuspendWorker", [f.ledger, "W-000001", "Copied answers", "CoC 4.2", new Date("2030-01-15T00:00:00Z")], f.team.lead);
    },
  },
};

/** Formulas whose example results carry ids only the real run can know. */
const SHAPE_ONLY: Record<string, (result: unknown) => void> = {
  CreateLedger: (result) => expect(result).to.match(/^https:\/\/docs\.google\.com\/spreadsheets\/d\/[\w-]+\/edit$/),
};

function history(state: State, day: number): HistoryStep[] {
  const at = (d: number) => new Date(Date.UTC(2026, 0, d)).toISOString();
  const steps: HistoryStep[] = [{type: "ApplicantAdded", at: at(day), actor: 0}];
  if (state === "Applicant") {
    return steps;
  }
  steps.push({type: "VettingStarted", at: at(day + 1), actor: 0});
  if (state === "Vetting") {
    return steps;
  }
  steps.push({type: "Approved", at: at(day + 2), actor: 0});
  if (state === "Suspended") {
    steps.push({type: "Suspended", at: at(day + 3), reason: "Copied answers", policyClause: "CoC 4.2", until: "2030-01-15", actor: 0});
  }
  if (state === "Proposed") {
    steps.push({type: "BlacklistProposed", at: at(day + 3), reason: "Two accounts", policyClause: "CoC 1.3", actor: 1});
  }
  return steps;
}

async function exampleLedger(setup: Setup): Promise<LedgerFixture> {
  const states = setup.workers;
  const f = await setupLedger();
  const book = f.emu.state.spreadsheets.get(f.spreadsheetId);
  if (!book) {
    throw new Error("no ledger");
  }
  f.emu.state.spreadsheets.delete(f.spreadsheetId);
  book.spreadsheetId = EXAMPLE_ID;
  f.emu.state.spreadsheets.set(EXAMPLE_ID, book);
  const workers: GeneratedWorker[] = states.map((state, i) => ({
    name: ["Ana Pérez", "Bilal Khan", "Chen Wei", "Dara Okafor", "Eva Nowak"][i] ?? `Worker ${i}`,
    email: `worker${i + 1}@example.com`,
    phone: "",
    country: "MX",
    timezone: "America/Mexico_City",
    projects: "Atlas",
    history: history(state, i + 1),
  }));
  writeLedgerRecords(f.emu.state, EXAMPLE_ID, buildLedgerRecords(workers, {specialists: [f.team.specialist.email], leads: [f.team.lead.email, f.team.lead2.email]}));
  f.ledger = EXAMPLE_LEDGER;
  f.spreadsheetId = EXAMPLE_ID;
  grantGmail(f.team.lead, f.team.lead2, f.team.specialist);
  for (const user of [f.team.lead, f.team.lead2, f.team.specialist]) {
    user.scopes.add(DRIVE_SCOPE);
    user.scopes.add(DRIVE_READONLY_SCOPE);
  }
  await setup.then?.(f);
  return f;
}

describe("every formula's examples", function () {
  const withExamples = pack.formulas.filter((formula) => formula.examples?.length);

  it("every formula and action has examples", () => {
    expect(pack.formulas.filter((formula) => !formula.examples?.length).map((formula) => formula.name)).to.deep.equal([]);
  });

  for (const formula of withExamples) {
    (formula.examples ?? []).forEach((example, n) => {
      const ledgerBacked = example.params[0] === EXAMPLE_LEDGER;
      it(`${formula.name} example ${n + 1} gives its documented result`, async () => {
        if (!ledgerBacked) {
          if (SHAPE_ONLY[formula.name]) {
            const f = await setupLedger();
            try {
              SHAPE_ONLY[formula.name]?.(await f.run.formula(formula.name, example.params as unknown[], f.team.lead));
            } finally {
              await f.close();
            }
            return;
          }
          const result = await executeFormulaFromPackDef(pack, formula.name, example.params as never);
          expect(result).to.deep.equal(example.result);
          return;
        }
        const setup = SETUPS[formula.name];
        expect(setup, `no example setup for ${formula.name}: add one to SETUPS`).to.not.equal(undefined);
        const f = await exampleLedger(setup ?? {workers: []});
        try {
          // The second lead runs examples, so a proposal made by the first can be approved.
          const result = await f.run.formula<Record<string, unknown>>(formula.name, example.params as unknown[], f.team.lead2);
          expect(result).to.deep.include(example.result as Record<string, unknown>);
        } finally {
          await f.close();
        }
      });
    });
  }
});
