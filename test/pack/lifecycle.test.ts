import {expect} from "chai";
import {SCHEMA_VERSION} from "../../pack/ledger/store/layout";
import type {LedgerFixture} from "../helpers/fixture";
import {daysFromNow, expectUserError, ledgerKey, setupLedger, tabRecords, tabRows} from "../helpers/fixture";

type Worker = Record<string, unknown> & {WorkerId: string; Status: string};

describe("lifecycle actions against the emulator", function () {
  let f: LedgerFixture;
  beforeEach(async () => {
    f = await setupLedger();
  });
  afterEach(async () => f.close());

  const add = (name = "Ana Pérez", email = "ana.perez@gmail.com", as = f.team.specialist) =>
    f.run.formula<Worker>(
      "AddApplicant",
      [f.ledger, name, email, "MX", "55 1234 5678", "America/Mexico_City", "Referral"],
      as,
    );
  const active = async (email = "ana.perez@gmail.com") => {
    const w = await add("Ana Pérez", email);
    await f.run.formula("StartVetting", [f.ledger, w.WorkerId], f.team.specialist);
    return f.run.formula<Worker>("ApproveWorker", [f.ledger, w.WorkerId], f.team.specialist);
  };

  it("walks a worker from applicant to reinstated, one event per step, returning the row each time", async () => {
    const w = await add();
    expect(w).to.deep.include({
      WorkerId: "W-000001",
      Name: "Ana Pérez",
      Status: "Applicant",
      Country: "MX",
      Phone: "+525512345678",
      Version: 1,
    });
    expect((await f.run.formula<Worker>("StartVetting", [f.ledger, "w-1"], f.team.specialist)).Status).to.equal(
      "Vetting",
    );
    expect(
      (await f.run.formula<Worker>("ApproveWorker", [f.ledger, w.WorkerId, "ID ok"], f.team.specialist)).Status,
    ).to.equal("Active");
    const suspended = await f.run.formula<Worker>(
      "SuspendWorker",
      [f.ledger, w.WorkerId, "Copied answers on 2 Nov", "CoC 4.2", daysFromNow(14), "https://drive/e1"],
      f.team.specialist,
    );
    expect(suspended).to.deep.include({
      Status: "Suspended",
      SuspendedUntil: daysFromNow(14).toISOString().slice(0, 10),
      Version: 4,
    });
    const back = await f.run.formula<Worker>("ReinstateWorker", [f.ledger, w.WorkerId, "served"], f.team.specialist);
    expect(back.Status).to.equal("Active");
    expect(back.SuspendedUntil).to.equal(undefined);
    const events = tabRecords(f, "Events").filter((e) => e.WorkerId === w.WorkerId);
    expect(events.map((e) => [e.Type, e.FromStatus ?? "", e.ToStatus, e.Seq, e.Actor])).to.deep.equal([
      ["ApplicantAdded", "", "Applicant", 1, f.team.specialist.email],
      // The screening at intake: its verdict is among ApplicantAdded's changes, so it takes no sequence number.
      ["Screened", "Applicant", "Applicant", 0, f.team.specialist.email],
      ["VettingStarted", "Applicant", "Vetting", 2, f.team.specialist.email],
      ["Approved", "Vetting", "Active", 3, f.team.specialist.email],
      ["Suspended", "Active", "Suspended", 4, f.team.specialist.email],
      ["Reinstated", "Suspended", "Active", 5, f.team.specialist.email],
    ]);
    const suspension = events[4];
    expect(suspension).to.deep.include({
      Reason: "Copied answers on 2 Nov",
      PolicyClause: "CoC 4.2",
      Evidence: "https://drive/e1",
    });
    expect(String(suspension?.Time)).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(String(suspension?.EventId)).to.match(/^E-[0-9A-Z]{10}$/);
  });

  it("refuses a transition the status does not allow, naming the rule, and writes nothing", async () => {
    const w = await add();
    const before = tabRows(f, "Events").length;
    await expectUserError(
      f.run.formula("SuspendWorker", [f.ledger, w.WorkerId, "r", "CoC 1", daysFromNow(3)], f.team.specialist),
      /SuspendWorker is not allowed for W-000001: the worker is Applicant.*\(rule: transition\)/,
    );
    expect(tabRows(f, "Events").length).to.equal(before);
  });

  it("refuses a second worker with the same canonical email and names the first", async () => {
    await add("Ana Pérez", "ana.perez@gmail.com");
    await expectUserError(
      add("Ana Perez", "Ana.Perez+jobs@googlemail.com"),
      /already in the ledger as W-000001.*\(rule: duplicate\)/,
    );
    expect(tabRecords(f, "Workers")).to.have.length(1);
  });

  it("lets the viewer and people off the Staff tab change nothing", async () => {
    const w = await add();
    await expectUserError(
      f.run.formula("StartVetting", [f.ledger, w.WorkerId], f.team.viewer),
      /needs the specialist role.*\(rule: role\)/,
    );
    await expectUserError(
      f.run.formula("StartVetting", [f.ledger, w.WorkerId], f.team.outsider),
      /not on this ledger's Staff tab.*\(rule: staff\)/,
    );
    await expectUserError(add("Bo", "bo@x.example", f.team.viewer), /\(rule: role\)/);
    expect(tabRecords(f, "Workers").map((r) => r.Status)).to.deep.equal(["Applicant"]);
  });

  it("blacklisting takes two people: the proposer cannot approve, another lead can", async () => {
    const w = await active();
    const proposed = await f.run.formula<Worker>(
      "ProposeBlacklist",
      [f.ledger, w.WorkerId, "Two accounts on one bank account", "CoC 1.3", "https://drive/e2, https://drive/e3"],
      f.team.lead,
    );
    expect(proposed.Status).to.equal("Active");
    expect(String(proposed.PendingBlacklist)).to.contain(f.team.lead.email);
    await expectUserError(
      f.run.formula("ApproveBlacklist", [f.ledger, w.WorkerId], f.team.lead),
      /another lead must approve it.*\(rule: four-eyes\)/,
    );
    await expectUserError(
      f.run.formula("ApproveBlacklist", [f.ledger, w.WorkerId], f.team.specialist),
      /needs the lead role/,
    );
    const done = await f.run.formula<Worker>(
      "ApproveBlacklist",
      [f.ledger, w.WorkerId, "evidence reviewed"],
      f.team.lead2,
    );
    expect(done.Status).to.equal("Blacklisted");
    expect(done.PendingBlacklist).to.equal(undefined);
    const [entry] = tabRecords(f, "Blacklist");
    expect(entry).to.deep.include({
      WorkerId: w.WorkerId,
      Name: "Ana Pérez",
      NameKey: "ana perez",
      EmailKeys: "anaperez@gmail.com",
      Phones: "+525512345678",
      Reason: "Two accounts on one bank account",
      PolicyClause: "CoC 1.3",
      Evidence: "https://drive/e2\nhttps://drive/e3",
      ProposedBy: f.team.lead.email,
      ApprovedBy: f.team.lead2.email,
    });
    const sync = await f.run.sync<Record<string, unknown>>("Blacklist", [f.ledger], f.team.viewer);
    expect(sync.rows).to.have.length(1);
    expect(sync.rows[0]).to.deep.include({
      Name: "Ana Pérez",
      Worker: {WorkerId: w.WorkerId, Name: "Ana Pérez"},
      Identifiers: "0 bank fingerprints, 0 ID fingerprints",
    });
  });

  it("a lead can decline a proposal; the worker keeps their status", async () => {
    const w = await active();
    await f.run.formula(
      "ProposeBlacklist",
      [f.ledger, w.WorkerId, "shared bank", "CoC 1.3", "https://e"],
      f.team.specialist,
    );
    const declined = await f.run.formula<Worker>(
      "DeclineBlacklist",
      [f.ledger, w.WorkerId, "spouse's account, documented"],
      f.team.lead,
    );
    expect(declined).to.deep.include({Status: "Active"});
    expect(declined.PendingBlacklist).to.equal(undefined);
  });

  it("offboards from any live state and nothing follows a blacklisting", async () => {
    const w = await add();
    expect(
      (await f.run.formula<Worker>("OffboardWorker", [f.ledger, w.WorkerId, "withdrew application"], f.team.specialist))
        .Status,
    ).to.equal("Offboarded");
    await expectUserError(
      f.run.formula("StartVetting", [f.ledger, w.WorkerId], f.team.specialist),
      /the worker is Offboarded/,
    );
  });

  it("the Events tab only ever grows: earlier rows are never changed", async () => {
    const snapshots: string[][] = [];
    const snap = () => snapshots.push(tabRows(f, "Events").map((r) => JSON.stringify(r)));
    snap();
    const w = await add();
    snap();
    await f.run.formula("StartVetting", [f.ledger, w.WorkerId], f.team.specialist);
    snap();
    await expectUserError(
      f.run.formula("SuspendWorker", [f.ledger, w.WorkerId, "r", "c", daysFromNow(2)], f.team.specialist),
      /not allowed/,
    );
    snap();
    await f.run.formula("ApproveWorker", [f.ledger, w.WorkerId], f.team.specialist);
    snap();
    for (let i = 1; i < snapshots.length; i++) {
      const [before, after] = [snapshots[i - 1] as string[], snapshots[i] as string[]];
      expect(after.length).to.be.at.least(before.length);
      expect(after.slice(0, before.length)).to.deep.equal(before);
    }
    expect(snapshots.map((s) => s.length)).to.deep.equal([5, 7, 8, 8, 9]);
  });

  it("the decision log and the Workers table show the ledger as it is", async () => {
    const w = await active();
    await f.run.formula(
      "SuspendWorker",
      [f.ledger, w.WorkerId, "Late submissions", "CoC 2.2", daysFromNow(10)],
      f.team.specialist,
    );
    const log = await f.run.sync<Record<string, unknown>>("DecisionLog", [f.ledger], f.team.viewer);
    expect(log.rows.map((r) => r.Type)).to.deep.equal([
      "Suspended",
      "Approved",
      "VettingStarted",
      "Screened",
      "ApplicantAdded",
      "StaffAdded",
      "StaffAdded",
      "StaffAdded",
      "LedgerCreated",
    ]);
    expect(log.rows[0]).to.deep.include({
      Summary: "W-000001 Suspended: Late submissions (CoC 2.2)",
      Worker: {WorkerId: "W-000001", Name: "W-000001"},
      Seq: 4,
    });
    const mine = await f.run.sync<Record<string, unknown>>("DecisionLog", [f.ledger, "W-000001"], f.team.viewer);
    expect(mine.rows.map((r) => r.Type)).to.deep.equal([
      "Suspended",
      "Approved",
      "VettingStarted",
      "Screened",
      "ApplicantAdded",
    ]);
    const none = await f.run.sync<Record<string, unknown>>("DecisionLog", [f.ledger, "W-000009"], f.team.viewer);
    expect(none.rows).to.deep.equal([]);
    const recent = await f.run.sync<Record<string, unknown>>(
      "DecisionLog",
      [f.ledger, undefined, new Date(Date.now() + 60_000)],
      f.team.viewer,
    );
    expect(recent.rows).to.deep.equal([]);
    const workers = await f.run.sync<Worker>("Workers", [f.ledger], f.team.viewer);
    expect(workers.rows.map((r) => [r.WorkerId, r.Status, r.Version])).to.deep.equal([["W-000001", "Suspended", 4]]);
  });

  it("AddStaff is for leads, changes roles, and never removes the last lead", async () => {
    await expectUserError(
      f.run.formula("AddStaff", [f.ledger, "new@tns.example", "specialist"], f.team.specialist),
      /needs the lead role/,
    );
    const added = await f.run.formula<Record<string, unknown>>(
      "AddStaff",
      [f.ledger, "New@TNS.example", "viewer"],
      f.team.lead,
    );
    expect(added).to.deep.include({Email: "new@tns.example", Role: "viewer", AddedBy: f.team.lead.email});
    expect(
      (
        await f.run.formula<Record<string, unknown>>(
          "AddStaff",
          [f.ledger, "new@tns.example", "specialist"],
          f.team.lead,
        )
      ).Role,
    ).to.equal("specialist");
    expect(tabRecords(f, "Staff").filter((s) => s.Email === "new@tns.example")).to.have.length(1);
    await expectUserError(
      f.run.formula("AddStaff", [f.ledger, "x@y.z", "owner"], f.team.lead),
      /is not a role: use viewer, specialist or lead/,
    );
    // A lead's demotion waits for a second lead; the proposer cannot approve it.
    const pending = await f.run.formula<Record<string, unknown>>(
      "AddStaff",
      [f.ledger, f.team.lead2.email, "specialist"],
      f.team.lead,
    );
    expect(pending).to.deep.include({Role: "lead", PendingRole: "specialist", PendingBy: f.team.lead.email});
    await expectUserError(
      f.run.formula("ApproveStaffChange", [f.ledger, f.team.lead2.email], f.team.lead),
      /a different lead must approve it.*\(rule: four-eyes\)/,
    );
    await f.run.formula("ApproveStaffChange", [f.ledger, f.team.lead2.email], f.team.lead2);
    await expectUserError(
      f.run.formula("AddStaff", [f.ledger, f.team.lead.email, "viewer"], f.team.lead),
      /only lead.*\(rule: last-lead\)/,
    );
    await expectUserError(
      f.run.formula("RemoveStaff", [f.ledger, f.team.lead.email], f.team.lead),
      /only lead.*\(rule: last-lead\)/,
    );
    const staff = await f.run.sync<Record<string, unknown>>("Staff", [f.ledger], f.team.viewer);
    expect(staff.rows.map((r) => [r.Email, r.Role])).to.deep.equal([
      [f.team.lead.email, "lead"],
      [f.team.lead2.email, "specialist"],
      [f.team.specialist.email, "specialist"],
      [f.team.viewer.email, "viewer"],
      ["new@tns.example", "specialist"],
    ]);
  });

  it("CreateLedger makes every tab with frozen headers, a protected log and the creator as lead", async () => {
    const book = f.emu.state.spreadsheets.get(f.spreadsheetId);
    expect(book?.sheets.map((s) => s.properties.title)).to.deep.equal([
      "Workers",
      "Events",
      "Blacklist",
      "Audits",
      "Disputes",
      "Staff",
      "Settings",
      "Triage",
      "Seals",
      `Receipts ${f.team.lead.email}`,
    ]);
    expect(book?.sheets.every((s) => s.properties.gridProperties.frozenRowCount === 1)).to.equal(true);
    const events = book?.sheets.find((s) => s.properties.title === "Events");
    expect(events?.protectedRanges.map((p) => p.warningOnly)).to.deep.equal([true]);
    // Staff, Settings, Blacklist and Seals: hard protections whose editors are the leads (Lena, then Omar).
    for (const title of ["Staff", "Settings", "Blacklist", "Seals"]) {
      const tab = book?.sheets.find((s) => s.properties.title === title);
      expect(
        tab?.protectedRanges.map((p) => [p.warningOnly, [...p.editors.users].sort()]),
        title,
      ).to.deep.equal([[false, [f.team.lead.email, f.team.lead2.email].sort()]]);
    }
    const receipts = book?.sheets.find((s) => s.properties.title === `Receipts ${f.team.lead.email}`);
    expect(receipts?.protectedRanges.map((p) => [p.warningOnly, p.editors.users])).to.deep.equal([
      [false, [f.team.lead.email]],
    ]);
    expect(tabRecords(f, "Staff")[0]).to.deep.include({Email: f.team.lead.email, Role: "lead"});
    const settings = Object.fromEntries(tabRecords(f, "Settings").map((s) => [s.Key, s.Value]));
    expect(settings.SchemaVersion).to.equal(String(SCHEMA_VERSION));
    // The key is not in the ledger: it lives in its own file, which only Lena can open so far.
    expect(settings.FingerprintKey ?? "").to.equal("");
    expect(ledgerKey(f)).to.match(/^[0-9a-f]{64}$/);
    expect(f.emu.state.spreadsheets.get(String(settings.KeyFile))?.permissions.get(f.team.lead.email)).to.equal(
      "owner",
    );
    const other = await setupLedger();
    try {
      expect(ledgerKey(other)).to.not.equal(ledgerKey(f));
    } finally {
      await other.close();
    }
  });

  it("refuses a ledger that is not a URL or id, or a spreadsheet that is not a ledger", async () => {
    await expectUserError(
      f.run.formula("StartVetting", ["my ledger", "W-1"], f.team.lead),
      /is not a Google Sheets URL or spreadsheet ID/,
    );
    await expectUserError(f.run.formula("StartVetting", ["", "W-1"], f.team.lead), /The ledger is empty/);
    await expectUserError(
      f.run.formula("StartVetting", [f.ledger, "Ana"], f.team.lead),
      /is not a worker id; worker ids look like W-000123/,
    );
    await expectUserError(f.run.formula("StartVetting", [f.ledger, "W-42"], f.team.lead), /no worker W-000042/);
    await expectUserError(
      f.run.formula(
        "StartVetting",
        ["https://docs.google.com/spreadsheets/d/1NoSuchSpreadsheet00000000000000/edit", "W-1"],
        f.team.lead,
      ),
      /could not find/,
    );
  });

  it("stores and shows text that starts with =, +, - or @ as text, never as a formula or a number", async () => {
    const names = ['=IMPORTXML("https://evil.example","//a")', "+1 555 0100", "-42", "@SUM(A1:A9)"];
    for (const [i, name] of names.entries()) {
      await f.run.formula("AddApplicant", [f.ledger, name, `t${i}@example.org`, "MX"], f.team.specialist);
    }
    const book = f.emu.state.spreadsheets.get(f.spreadsheetId);
    const sheet = book?.sheets.find((s) => s.properties.title === "Workers");
    const col = (sheet?.rows[0] ?? []).indexOf("Name");
    expect(sheet?.rows.slice(1).map((r) => r?.[col])).to.deep.equal(names);
    expect(sheet?.formulas.size).to.equal(0);
    const synced = await f.run.sync<Worker>("Workers", [f.ledger], f.team.viewer);
    expect(synced.rows.map((r) => r.Name)).to.deep.equal(names);
  });
});
