// What decisions owe Discord and Zendesk, in the VM: RecordExternalStep from the built bundle.
import {expect} from "chai";
import {expectUserError} from "../helpers/fixture";
import type {Row} from "../helpers/vm-cases";
import {events, vmArea, vmIt, workerRow, world} from "../helpers/vm-cases";
import {blacklistWithSteps} from "../helpers/external-world";

vmArea("external steps", () => {
  world(
    "external steps",
    {workers: ["Active", "Active", "Active"], then: (f) => blacklistWithSteps(f, "W-000003")},
    (f) => {
      vmIt(
        f,
        "RecordExternalStep clears the step owed and logs it; a step not owed is refused naming those owed",
        {formulas: ["RecordExternalStep"]},
        async () => {
          expect(workerRow(f(), "W-000003")?.Status).to.equal("Blacklisted");
          const w = await f().run.formula<Row & {ExternalStepsOwed?: string[]}>(
            "RecordExternalStep",
            [f().ledger, "W-000003", "Discord.ban", "Done", "1199000000000000001/1199000000000000101"],
            f().team.specialist,
          );
          expect(w.ExternalStepsOwed).to.deep.equal(["Zendesk.suspend-user"]);
          expect(events(f(), "W-000003").at(-1)).to.include({
            Type: "ExternalStepRecorded",
            Details: "Discord.ban: Done (1199000000000000001/1199000000000000101)",
          });
          await expectUserError(
            f().run.formula("RecordExternalStep", [f().ledger, "W-000003", "Discord.ban", "Done"], f().team.specialist),
            /owes no external step "Discord\.ban"\. It owes: Zendesk\.suspend-user/,
          );
        },
      );
    },
  );
});
