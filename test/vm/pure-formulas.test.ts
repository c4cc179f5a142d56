// Pure formulas in the VM: their documented examples, and the same answers as plain Node.
import {expect} from "chai";
import {pack} from "../../pack/pack";
import {longDate} from "../../pack/core/dates";
import {expectUserError} from "../helpers/fixture";
import {PackRunner} from "../helpers/runner";
import {rng, syntheticClabe} from "../helpers/people";
import {vmArea, vmIt, world} from "../helpers/vm-cases";

vmArea("pure formulas", () => {
  world("pure formulas", {workers: []}, (f) => {
    const pure = ["BankAccountCheck", "NormalizedEmail", "NormalizedPhone", "DisputeDueDate", "NoticePreview"];
    vmIt(f, "give exactly their documented examples", {formulas: pure}, async () => {
      for (const name of pure) {
        const formula = pack.formulas.find((x) => x.name === name);
        expect(formula?.examples?.length, name).to.be.greaterThan(0);
        for (const example of formula?.examples ?? []) {
          expect(
            await f().run.formula(name, example.params as unknown[], f().team.viewer),
            `${name}(${JSON.stringify(example.params)})`,
          ).to.deep.equal(example.result);
        }
      }
    });

    vmIt(
      f,
      "DisputeDueDate counts business days across daylight-saving changes in the time zone",
      {formulas: ["DisputeDueDate"]},
      async () => {
        const due = (openedAt: string, timezone: string, holidays?: string[], days?: number) =>
          f().run.formula<string>(
            "DisputeDueDate",
            [new Date(openedAt), "Payment", timezone, holidays, days],
            f().team.viewer,
          );
        // Berlin leaves summer time on Sunday 25 October 2026: Tuesday ends at 23:59:59.999 CET.
        expect(await due("2026-10-23T10:00:00Z", "Europe/Berlin")).to.equal("2026-10-27T22:59:59.999Z");
        // New York enters summer time on Sunday 8 March 2026: Tuesday ends at 23:59:59.999 EDT.
        expect(await due("2026-03-06T20:00:00Z", "America/New_York")).to.equal("2026-03-11T03:59:59.999Z");
        // Friday evening in Kolkata is already Saturday there; a holiday on Monday pushes past it.
        expect(await due("2026-01-09T20:00:00Z", "Asia/Kolkata", ["2026-01-12"], 1)).to.equal(
          "2026-01-13T18:29:59.999Z",
        );
        await expectUserError(due("2026-01-09T20:00:00Z", "Mars/Olympus"), /"Mars\/Olympus" is not a time zone/);
      },
    );

    vmIt(
      f,
      "answer as plain Node does for inputs beyond the examples",
      {formulas: ["BankAccountCheck", "NormalizedEmail", "NormalizedPhone", "NoticePreview"]},
      async () => {
        const node = new PackRunner({emulator: f().emu, mode: "node", timezone: f().run.options.timezone});
        const cases: Array<[string, unknown[]]> = [
          ["BankAccountCheck", [syntheticClabe(rng(11)), "MX"]],
          ["BankAccountCheck", ["12345678", "GB", "60-16-13"]],
          ["NormalizedEmail", ["Ana.Maria+Jobs@GoogleMail.com"]],
          ["NormalizedPhone", ["+380 50 123 4567"]],
          ["NormalizedPhone", ["0803 123 4567", "Nigeria"]],
          [
            "NoticePreview",
            [
              "Suspension",
              "Łukasz Żółć",
              "Copied answers on 2 March 2026",
              "CoC 4.2",
              new Date("2026-04-01T00:00:00Z"),
              30,
              new Date("2026-03-03T23:30:00Z"),
              "Pacific/Chatham",
            ],
          ],
          [
            "NoticePreview",
            [
              "Blacklist",
              "أحمد حسن",
              "Two accounts with one bank account",
              "CoC 1.3",
              undefined,
              undefined,
              new Date("2026-10-25T01:30:00Z"),
              "Europe/London",
            ],
          ],
        ];
        for (const [name, params] of cases) {
          const inVm = await f().run.formula(name, params, f().team.viewer);
          expect(inVm, `${name}(${JSON.stringify(params)})`).to.deep.equal(
            await node.formula(name, params, f().team.viewer),
          );
        }
        const preview = await f().run.formula<{Subject: string; Text: string}>(
          "NoticePreview",
          cases[5]?.[1] ?? [],
          f().team.viewer,
        );
        expect(preview.Subject).to.equal(`Your account is suspended until ${longDate("2026-04-01T12:00:00Z")}`);
        expect(preview.Text).to.include("Dear Łukasz Żółć,");
        expect(preview.Text).to.include("Code of Conduct clause: CoC 4.2.");
        expect(preview.Text).to.include("(30 days from the decision)");
        await expectUserError(
          f().run.formula("NormalizedEmail", ["not an email"], f().team.viewer),
          /is not an email address/,
        );
      },
    );
  });
});
