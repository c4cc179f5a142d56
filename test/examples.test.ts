import {expect} from "chai";
import {executeFormulaFromPackDef} from "@codahq/packs-sdk/dist/development";
import {pack} from "../pack/pack";
import {buildLedgerRecords, writeLedgerRecords} from "./fixtures/seed";
import type {GeneratedWorker, HistoryStep} from "./fixtures/workforce";
import type {LedgerFixture} from "./harness/fixture";
import {setupLedger} from "./harness/fixture";

/** The spreadsheet id every ledger-backed example uses. */
const EXAMPLE_ID = "1ExampleLedger0000000000000000000000000000";
const EXAMPLE_LEDGER = `https://docs.google.com/spreadsheets/d/${EXAMPLE_ID}/edit`;

type State = "Applicant" | "Vetting" | "Active" | "Suspended" | "Proposed";

/** Which workers W-000001… each ledger-backed example needs, and in what state. */
const SETUPS: Record<string, State[]> = {
  AddApplicant: [],
  StartVetting: ["Applicant"],
  ApproveWorker: ["Vetting"],
  RejectApplicant: ["Active", "Applicant"],
  SuspendWorker: ["Active"],
  ReinstateWorker: ["Suspended"],
  OffboardWorker: ["Active", "Active", "Active"],
  ProposeBlacklist: ["Active", "Active", "Active", "Active"],
  ApproveBlacklist: ["Active", "Active", "Active", "Proposed"],
  DeclineBlacklist: ["Active", "Active", "Active", "Active", "Proposed"],
  AddStaff: [],
  RepairLedger: ["Active"],
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

async function exampleLedger(states: State[]): Promise<LedgerFixture> {
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
        const states = SETUPS[formula.name];
        expect(states, `no example setup for ${formula.name}: add one to SETUPS`).to.not.equal(undefined);
        const f = await exampleLedger(states ?? []);
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
