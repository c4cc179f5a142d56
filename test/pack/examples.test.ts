import {expect} from "chai";
import {executeFormulaFromPackDef} from "@codahq/packs-sdk/dist/development";
import {pack} from "../../pack/pack";
import {setupLedger} from "../helpers/fixture";
import {buildWorld, EXAMPLE_LEDGER, EXAMPLE_WORLDS} from "../helpers/worlds";

/** Formulas whose example results carry ids only the real run can know. */
const SHAPE_ONLY: Record<string, (result: unknown) => void> = {
  CreateLedger: (result) => expect(result).to.match(/^https:\/\/docs\.google\.com\/spreadsheets\/d\/[\w-]+\/edit$/),
  // The export's file id is Drive's to choose.
  ExportWorkerData: (result) =>
    expect(result).to.match(/^https:\/\/docs\.google\.com\/document\/d\/[\w-]+\/edit\?usp=drivesdk$/),
};

describe("every formula's examples", function () {
  const withExamples = pack.formulas.filter((formula) => formula.examples?.length);

  it("every formula and action has examples", () => {
    expect(pack.formulas.filter((formula) => !formula.examples?.length).map((formula) => formula.name)).to.deep.equal(
      [],
    );
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
        const setup = EXAMPLE_WORLDS[formula.name];
        expect(
          setup,
          `no example setup for ${formula.name}: add one to EXAMPLE_WORLDS in test/harness/worlds.ts`,
        ).to.not.equal(undefined);
        const f = await buildWorld(setup ?? {workers: []});
        try {
          // The second lead runs examples, so a proposal made by the first can be approved.
          const result = await f.run.formula<Record<string, unknown>>(
            formula.name,
            example.params as unknown[],
            f.team.lead2,
          );
          const shape = SHAPE_ONLY[formula.name];
          if (shape) {
            shape(result);
          } else {
            expect(result).to.deep.include(example.result as Record<string, unknown>);
          }
        } finally {
          await f.close();
        }
      });
    });
  }
});
