import {expect} from "chai";
import type {LedgerFixture} from "../helpers/fixture";
import {expectUserError, setupLedger, tabRecords} from "../helpers/fixture";
import {insider} from "../helpers/insider";
import {BASE_SCOPES, DRIVE_FILE_SCOPE} from "../../emulator/state";

function protectionsOf(f: LedgerFixture, title: string) {
  const book = f.emu.state.spreadsheets.get(f.spreadsheetId);
  return book?.sheets.find((s) => s.properties.title === title)?.protectedRanges ?? [];
}

describe("trust: Google enforces the roles", () => {
  let f: LedgerFixture;
  beforeEach(async () => {
    f = await setupLedger();
  });
  afterEach(async () => f.close());

  it("shares the ledger as each role needs: viewers read, specialists and leads edit", async () => {
    const book = f.emu.state.spreadsheets.get(f.spreadsheetId);
    expect(book?.permissions.get(f.team.lead.email)).to.equal("owner");
    expect(book?.permissions.get(f.team.lead2.email)).to.equal("writer");
    expect(book?.permissions.get(f.team.specialist.email)).to.equal("writer");
    expect(book?.permissions.get(f.team.viewer.email)).to.equal("reader");
  });

  it("refuses a viewer or a specialist who edits Staff or Settings with their own Google access", async () => {
    const viewer = insider(f.emu, f.team.viewer, f.spreadsheetId);
    const specialist = insider(f.emu, f.team.specialist, f.spreadsheetId);
    // The viewer writes "lead" into their own Staff row: Google refuses (they only read).
    expect((await viewer.put("Staff!B5", [["lead"]])).status).to.equal(403);
    // The specialist can edit the spreadsheet, but not the lead-only tabs.
    const staffRow = tabRecords(f, "Staff").findIndex((s) => s.Email === f.team.specialist.email) + 2;
    const promote = await specialist.put(`Staff!B${staffRow}`, [["lead"]]);
    expect(promote.status).to.equal(403);
    expect(JSON.stringify(promote.body)).to.match(/protected cell/);
    expect((await specialist.append("Staff!A1", [["mallory@tns.example", "lead"]])).status).to.equal(403);
    expect((await specialist.put("Settings!B2", [["0000"]])).status).to.equal(403);
    expect((await specialist.put("Blacklist!A2", [["BL-FAKE"]])).status).to.equal(403);
    expect((await specialist.put("Seals!A2", [["S-FAKE"]])).status).to.equal(403);
    // Nor lift the protection, or delete or rename the tab.
    const pid = protectionsOf(f, "Staff").find((p) => !p.warningOnly)?.protectedRangeId;
    expect((await specialist.batchUpdate([{deleteProtectedRange: {protectedRangeId: pid}}])).status).to.equal(403);
    expect(
      (
        await specialist.batchUpdate([
          {
            updateProtectedRange: {
              protectedRange: {protectedRangeId: pid, editors: {users: [f.team.specialist.email]}},
              fields: "editors",
            },
          },
        ])
      ).status,
    ).to.equal(403);
    expect((await specialist.batchUpdate([{deleteSheet: {sheetId: 106}}])).status).to.equal(403);
    expect(tabRecords(f, "Staff").find((s) => s.Email === f.team.specialist.email)?.Role).to.equal("specialist");
    // A lead edits them (by hand, as Google allows).
    expect((await insider(f.emu, f.team.lead2, f.spreadsheetId).put("Settings!C2", [["note"]])).status).to.equal(200);
  });

  it("refuses a specialist who writes into another person's receipts", async () => {
    const specialist = insider(f.emu, f.team.specialist, f.spreadsheetId);
    const forged = await specialist.append(`'Receipts ${f.team.lead.email}'!A1`, [["E-FORGED", "0".repeat(64)]]);
    expect(forged.status).to.equal(403);
  });

  it("takes two leads to change who is a lead, and keeps the lead-only tabs' editors in step", async () => {
    const nia = f.emu.state.addUser("nia.new@tns.example", {scopes: [...BASE_SCOPES, DRIVE_FILE_SCOPE]});
    const proposed = await f.run.formula<Record<string, unknown>>(
      "AddStaff",
      [f.ledger, nia.email, "lead"],
      f.team.lead,
    );
    expect(proposed).to.deep.include({Role: "viewer", PendingRole: "lead", PendingBy: f.team.lead.email});
    // Until a second lead approves, Nia reads only.
    const book = f.emu.state.spreadsheets.get(f.spreadsheetId);
    expect(book?.permissions.get(nia.email)).to.equal("reader");
    expect(protectionsOf(f, "Staff")[0]?.editors.users).to.not.include(nia.email);
    await expectUserError(
      f.run.formula("ApproveStaffChange", [f.ledger, nia.email], f.team.lead),
      /different lead must approve/,
    );
    await expectUserError(
      f.run.formula("ApproveStaffChange", [f.ledger, nia.email], f.team.specialist),
      /needs the lead role/,
    );
    const approved = await f.run.formula<Record<string, unknown>>(
      "ApproveStaffChange",
      [f.ledger, nia.email],
      f.team.lead2,
    );
    expect(approved).to.deep.include({Email: nia.email, Role: "lead", Status: "Active"});
    expect(approved.PendingRole ?? "").to.equal("");
    expect(book?.permissions.get(nia.email)).to.equal("writer");
    for (const title of ["Staff", "Settings", "Blacklist", "Seals"]) {
      expect([...(protectionsOf(f, title)[0]?.editors.users ?? [])].sort(), title).to.deep.equal(
        [f.team.lead.email, f.team.lead2.email, nia.email].sort(),
      );
    }
    // Removing a lead waits too; once approved, their edits to lead-only tabs are refused.
    await f.run.formula("RemoveStaff", [f.ledger, nia.email], f.team.lead);
    expect(book?.permissions.get(nia.email)).to.equal("writer");
    const removed = await f.run.formula<Record<string, unknown>>(
      "ApproveStaffChange",
      [f.ledger, nia.email],
      f.team.lead2,
    );
    expect(removed).to.deep.include({Status: "Removed"});
    expect(book?.permissions.has(nia.email)).to.equal(false);
    expect(protectionsOf(f, "Staff")[0]?.editors.users).to.not.include(nia.email);
    const read = await insider(f.emu, nia, f.spreadsheetId).read("Staff!A1:B3");
    expect(read.status).to.equal(403);
    await expectUserError(
      f.run.formula("SuspendWorker", [f.ledger, "W-1", "r", "c", new Date()], nia),
      /Google refused/,
    );
  });

  it("RemoveStaff ends a specialist's role and access at once", async () => {
    const removed = await f.run.formula<Record<string, unknown>>(
      "RemoveStaff",
      [f.ledger, f.team.specialist.email],
      f.team.lead,
    );
    expect(removed).to.deep.include({Email: f.team.specialist.email, Status: "Removed"});
    const book = f.emu.state.spreadsheets.get(f.spreadsheetId);
    expect(book?.permissions.has(f.team.specialist.email)).to.equal(false);
    await expectUserError(f.run.formula("RemoveStaff", [f.ledger, f.team.lead2.email], f.team.specialist), /./);
  });

  it("a single lead's grant of the lead role takes effect at once", async () => {
    const solo = await setupLedger();
    try {
      // In the fixture Lena granted Omar the lead role while she was the only lead: no approval was needed.
      const events = tabRecords(solo, "Events").filter((e) => e.Type === "StaffAdded" && e.ToStatus === "lead");
      expect(events.map((e) => e.Actor)).to.deep.equal([solo.team.lead.email]);
      expect(tabRecords(solo, "Staff").find((s) => s.Email === solo.team.lead2.email)?.Role).to.equal("lead");
    } finally {
      await solo.close();
    }
  });

  it("StaffDomains keeps accounts from other domains out", async () => {
    const lead = insider(f.emu, f.team.lead, f.spreadsheetId);
    const row = tabRecords(f, "Settings").findIndex((s) => s.Key === "StaffDomains") + 2;
    expect((await lead.put(`Settings!B${row}`, [["tns.example"]])).status).to.equal(200);
    await expectUserError(
      f.run.formula("AddStaff", [f.ledger, "mallory@gmail.com", "specialist"], f.team.lead),
      /not from an allowed staff domain.*StaffDomains: tns\.example/,
    );
    const ok = await f.run.formula<Record<string, unknown>>(
      "AddStaff",
      [f.ledger, "ana@tns.example", "specialist"],
      f.team.lead,
    );
    expect(ok.Role).to.equal("specialist");
  });
});
