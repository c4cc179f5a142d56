// Triage of findings in the VM.
import {expect} from "chai";
import {tabRecords} from "../helpers/fixture";
import type {Obj} from "../helpers/vm-cases";
import {vmArea, vmIt, world} from "../helpers/vm-cases";

vmArea("findings", () => {
  world("findings", {workers: ["Active"]}, (f) => {
    vmIt(
      f,
      "AcknowledgeFinding, AssignFinding, SnoozeFinding and ResolveFinding walk a finding to Resolved",
      {formulas: ["AcknowledgeFinding", "AssignFinding", "SnoozeFinding", "ResolveFinding"]},
      async () => {
        const id = "vetting-incomplete:W-000001";
        const run = (name: string, params: unknown[]) =>
          f().run.formula<Obj>(name, [f().ledger, id, ...params], f().team.specialist);
        expect(await run("AcknowledgeFinding", ["On it"])).to.include({FindingId: id, Status: "Acknowledged"});
        expect(await run("AssignFinding", ["me"])).to.include({Assignee: f().team.specialist.email});
        const until = new Date(Date.now() + 86_400_000);
        expect(await run("SnoozeFinding", [until, "Bank letter due"])).to.include({Status: "Snoozed"});
        expect(await run("ResolveFinding", ["ActionTaken", "Recorded the bank details"])).to.include({
          Status: "Resolved",
          Outcome: "ActionTaken",
        });
        expect(tabRecords(f(), "Triage").map((t) => [t.FindingId, t.Status])).to.deep.equal([[id, "Resolved"]]);
      },
    );

    vmIt(f, "Queue lists an assigned dispute for its assignee", {syncTables: ["Queue"]}, async () => {
      await f().run.formula("OpenDispute", [f().ledger, "W-000001", "Payment", "Late payout"], f().team.lead);
      await f().run.formula("AssignDispute", [f().ledger, "D-000001", "me"], f().team.specialist);
      const rows = (await f().run.sync<Obj>("Queue", [f().ledger, "me"], f().team.specialist)).rows;
      expect(rows.map((r) => [r.WorkItemId, r.Kind])).to.deep.equal([["dispute:D-000001", "Dispute"]]);
    });
  });
});
