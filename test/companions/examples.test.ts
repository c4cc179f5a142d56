// Every companion formula has examples, and each gives its documented result against the example
// Discord server or Zendesk account (a fresh one per example). The clock is set to the examples'
// own date so TimeoutMember's example stays within Discord's 28 days.
import {expect} from "chai";
import * as sinon from "sinon";
import {pack as discordPack} from "../../companions/discord/pack";
import {pack as zendeskPack} from "../../companions/zendesk/pack";
import {EXAMPLE_NOW} from "../../companions/discord/formulas/examples";
import {discordWorld} from "../helpers/discord-world";
import {zendeskWorld} from "../helpers/zendesk-world";

const worlds = {discord: discordWorld, zendesk: zendeskWorld};
const packs = {discord: discordPack, zendesk: zendeskPack};

for (const companion of ["discord", "zendesk"] as const) {
  describe(`${companion} companion examples`, () => {
    const formulas = packs[companion].formulas;

    it("every formula and action has examples", () => {
      expect(formulas.filter((f) => !f.examples?.length).map((f) => f.name)).to.deep.equal([]);
    });

    for (const formula of formulas) {
      (formula.examples ?? []).forEach((example, n) => {
        it(`${formula.name} example ${n + 1} gives its documented result`, async () => {
          const clock = sinon.useFakeTimers({now: Date.parse(EXAMPLE_NOW), toFake: ["Date"], shouldAdvanceTime: true});
          const w = await worlds[companion]();
          try {
            const result = await w.run.formula(formula.name, example.params as unknown[]);
            expect(result).to.deep.include(example.result as Record<string, unknown>);
          } finally {
            clock.restore();
            await w.close();
          }
        });
      });
    }
  });
}
