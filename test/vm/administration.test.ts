// The ledger's own actions in the VM: creating a ledger, staff, repair.
import {expect} from "chai";
import {expectUserError, ledgerKey, tabRecords} from "../helpers/fixture";
import type {Obj} from "../helpers/vm-cases";
import {events, vmArea, vmIt, workerRow, world} from "../helpers/vm-cases";

vmArea("ledger administration", () => {
  // ---------- the ledger's own actions ----------

  world("ledger administration", {workers: ["Active", "Active"]}, (f) => {
    vmIt(f, "CreateLedger makes a whole ledger in the caller's Drive", {formulas: ["CreateLedger"]}, async () => {
      const url = await f().run.formula<string>("CreateLedger", ["Ledger (VM)"], f().team.lead2);
      const id = /^https:\/\/docs\.google\.com\/spreadsheets\/d\/([\w-]+)\/edit$/.exec(url)?.[1] ?? "";
      const book = f().emu.state.spreadsheets.get(id);
      expect(book?.properties.title).to.equal("Ledger (VM)");
      expect(book?.permissions.get(f().team.lead2.email)).to.equal("owner");
      expect(book?.sheets.map((s) => s.properties.title)).to.include.members([
        "Workers",
        "Events",
        "Blacklist",
        "Audits",
        "Disputes",
        "Staff",
        "Settings",
      ]);
      const tab = (title: string) => book?.sheets.find((s) => s.properties.title === title);
      expect(tab("Events")?.protectedRanges.map((p) => p.warningOnly)).to.deep.equal([true]);
      const staff = tab("Staff")?.rows.slice(1) ?? [];
      expect(staff.map((r) => [r?.[0], r?.[1]])).to.deep.equal([[f().team.lead2.email, "lead"]]);
      const key = ledgerKey({emu: f().emu, spreadsheetId: id});
      expect(key).to.match(/^[0-9a-f]{64}$/);
      // A different ledger's key: fresh randomness from inside the isolate.
      expect(key).to.not.equal(ledgerKey(f()));
    });

    vmIt(
      f,
      "AddStaff adds a member (leads only) and the Staff sync table lists every member",
      {formulas: ["AddStaff"], syncTables: ["Staff"]},
      async () => {
        const added = await f().run.formula<Obj>(
          "AddStaff",
          [f().ledger, "Nia.New@TNS.example", "specialist"],
          f().team.lead,
        );
        expect(added).to.include({Email: "nia.new@tns.example", Role: "specialist", AddedBy: f().team.lead.email});
        expect(tabRecords(f(), "Staff").find((s) => s.Email === "nia.new@tns.example")).to.include({
          Role: "specialist",
        });
        await expectUserError(
          f().run.formula("AddStaff", [f().ledger, "x@tns.example", "lead"], f().team.specialist),
          /needs the lead role/,
        );
        const page = await f().run.syncPage<Obj>("Staff", [f().ledger], f().team.viewer);
        expect(page.result.map((s) => [s.Email, s.Role])).to.deep.equal([
          [f().team.lead.email, "lead"],
          [f().team.lead2.email, "lead"],
          [f().team.specialist.email, "specialist"],
          [f().team.viewer.email, "viewer"],
          ["nia.new@tns.example", "specialist"],
        ]);
        expect(page.continuation).to.equal(undefined);
      },
    );

    vmIt(
      f,
      "RemoveStaff and ApproveStaffChange: two leads change who is a lead; a removal ends the role",
      {formulas: ["RemoveStaff", "ApproveStaffChange"]},
      async () => {
        const pending = await f().run.formula<Obj>("AddStaff", [f().ledger, "kai@tns.example", "lead"], f().team.lead);
        expect(pending).to.include({Email: "kai@tns.example", Role: "viewer", PendingRole: "lead"});
        await expectUserError(
          f().run.formula("ApproveStaffChange", [f().ledger, "kai@tns.example"], f().team.lead),
          /a different lead must approve it/,
        );
        const approved = await f().run.formula<Obj>(
          "ApproveStaffChange",
          [f().ledger, "kai@tns.example"],
          f().team.lead2,
        );
        expect(approved).to.include({Email: "kai@tns.example", Role: "lead", Status: "Active"});
        const removed = await f().run.formula<Obj>("RemoveStaff", [f().ledger, "nia.new@tns.example"], f().team.lead);
        expect(removed).to.include({Email: "nia.new@tns.example", Status: "Removed"});
      },
    );

    vmIt(
      f,
      "SealLog seals the log and UpgradeLedger changes nothing on a ledger of this layout",
      {formulas: ["SealLog", "UpgradeLedger"]},
      async () => {
        const seal = await f().run.formula<Obj>("SealLog", [f().ledger], f().team.lead);
        expect(seal).to.include({SealedThrough: tabRecords(f(), "Events").length, SealedBy: f().team.lead.email});
        const report = await f().run.formula<Obj>("UpgradeLedger", [f().ledger], f().team.lead);
        expect(report).to.deep.include({Changed: [], EventId: ""});
      },
    );

    vmIt(f, "VerifyLedger verifies the log written by the pack", {formulas: ["VerifyLedger"]}, async () => {
      const check = await f().run.formula<Obj & {Problems: unknown[]}>("VerifyLedger", [f().ledger], f().team.viewer);
      expect(check.Problems).to.deep.equal([]);
      expect(check).to.include({Verified: true, EventsChecked: tabRecords(f(), "Events").length});
    });

    vmIt(
      f,
      "RepairLedger rewrites a hand-edited Workers row from the log and records the repair",
      {formulas: ["RepairLedger"]},
      async () => {
        const sheet = f()
          .emu.state.spreadsheets.get(f().spreadsheetId)
          ?.sheets.find((s) => s.properties.title === "Workers");
        const header = sheet?.rows[0] ?? [];
        const row = sheet?.rows[2] as unknown[];
        row[header.indexOf("Status")] = "Suspended";
        row[header.indexOf("Name")] = '=HYPERLINK("x")';
        const report = await f().run.formula<Obj & {Fixed: string[]; EventId: string}>(
          "RepairLedger",
          [f().ledger],
          f().team.lead,
        );
        expect(report).to.deep.include({
          Checked: 2,
          AddedBack: [],
          LeftAlone: [],
          NotRepaired: [],
          TabsCreated: [],
          HeadersRestored: [],
        });
        expect(report.Fixed).to.deep.equal([
          'W-000002 (sheet row 3): name: =HYPERLINK("x") → Bilal Khan; status: Suspended → Active',
        ]);
        expect(workerRow(f(), "W-000002")).to.include({Name: "Bilal Khan", Status: "Active"});
        expect(events(f()).at(-1)).to.include({
          Type: "LedgerRepaired",
          Actor: f().team.lead.email,
          EventId: report.EventId,
        });
      },
    );

    vmIt(
      f,
      "RepairLedger restores a header cell deleted by hand in a new column after the header, moving a note right",
      {formulas: ["RepairLedger"]},
      async () => {
        const tab = () =>
          f()
            .emu.state.spreadsheets.get(f().spreadsheetId)
            ?.sheets.find((s) => s.properties.title === "Workers");
        const header = tab()?.rows[0] as unknown[];
        header[header.indexOf("Country")] = "";
        const width = header.length;
        (tab()?.rows[2] as unknown[])[width] = "note: spoke to her";
        const report = await f().run.formula<Obj & {HeadersRestored: string[]}>(
          "RepairLedger",
          [f().ledger],
          f().team.lead,
        );
        expect(report.HeadersRestored).to.deep.equal(["Workers!Country"]);
        expect(tab()?.rows[0]?.[width]).to.equal("Country");
        expect(tab()?.rows[0]?.[width + 1] ?? "").to.equal("");
        expect(tab()?.rows[2]?.[width + 1]).to.equal("note: spoke to her");
        expect(workerRow(f(), "W-000002")?.Country).to.not.equal("");
      },
    );
  });
});
