import {expect} from "chai";
import type {LedgerFixture} from "../helpers/fixture";
import {daysFromNow, setupLedger, tabRecords, tabRows} from "../helpers/fixture";
import {forgeEvent} from "../helpers/forge";
import {insider} from "../helpers/insider";
import {columnLetter} from "../../pack/ledger/store/rows";
import {BASE_SCOPES, DRIVE_FILE_SCOPE} from "../../emulator/state";

interface Listed {
  Row: number;
  Rule: string;
  Explanation: string;
}
interface Check {
  Verified: boolean;
  Problems: Listed[];
  Warnings: Listed[];
}

// In the fixture Lena created the ledger and, as its only lead, made Omar a lead at once: to the
// log, Omar is exactly what a second account of Lena's would be.
describe("trust: a lead approving their own proposal through a second account they made lead", () => {
  let f: LedgerFixture;
  beforeEach(async () => {
    f = await setupLedger();
  });
  afterEach(async () => f.close());

  const verify = () => f.run.formula<Check>("VerifyLedger", [f.ledger], f.team.viewer);
  const eventRow = (pred: (e: Record<string, unknown>) => boolean) => tabRecords(f, "Events").findIndex(pred) + 2;
  const activeWorker = async (name: string, email: string) => {
    const w = await f.run.formula<{WorkerId: string}>("AddApplicant", [f.ledger, name, email, "MX"], f.team.specialist);
    await f.run.formula("StartVetting", [f.ledger, w.WorkerId], f.team.specialist);
    await f.run.formula("ApproveWorker", [f.ledger, w.WorkerId, "", false], f.team.specialist);
    return w.WorkerId;
  };
  const staffIntegrity = async () =>
    (await f.run.sync<Record<string, unknown>>("Findings", [f.ledger, [], ["staff-integrity"]], f.team.lead)).rows;

  it("through the pack: VerifyLedger lists the approval under Warnings and Findings names it, each with its row", async () => {
    const id = await activeWorker("Ana Pérez", "ana@example.com");
    await f.run.formula("ProposeBlacklist", [f.ledger, id, "Fraud", "CoC 1.3", "https://e/1"], f.team.lead);
    await f.run.formula("ApproveBlacklist", [f.ledger, id, "", false], f.team.lead2);
    const row = eventRow((e) => e.Type === "Blacklisted");
    const check = await verify();
    // Nothing was tampered with and no rule was broken: the log verifies, and the pattern is listed.
    expect(check.Problems).to.deep.equal([]);
    expect(check.Verified).to.equal(true);
    expect(check.Warnings).to.have.length(1);
    expect(check.Warnings[0]).to.deep.include({Row: row, Rule: "second-account"});
    expect(check.Warnings[0]?.Explanation).to.equal(
      `Events row ${row}: ${f.team.lead2.email} approved the blacklisting of ${id} proposed by ${f.team.lead.email}, who made ${f.team.lead2.email} a lead: possibly one person with two accounts.`,
    );
    const finding = (await staffIntegrity()).find((x) => /whom the proposer made lead/.test(String(x.Title)));
    expect(finding?.Severity).to.equal("Warning");
    expect(finding?.Evidence).to.deep.include(
      `Events row ${row}: ${String(tabRecords(f, "Events")[row - 2]?.EventId)}`,
    );
  });

  it("by hand, with the second account's own Google access and its own receipt: still listed with its row", async () => {
    const id = await activeWorker("Bilal Khan", "bilal@example.com");
    await f.run.formula("ProposeBlacklist", [f.ledger, id, "Fraud", "CoC 1.3", "https://e/1"], f.team.lead);
    // Omar's receipts tab exists once he has acted through the pack once.
    await f.run.formula(
      "SuspendWorker",
      [f.ledger, await activeWorker("Cai Li", "cai@example.com"), "x", "CoC 4.2", daysFromNow(7)],
      f.team.lead2,
    );
    const worker = tabRecords(f, "Workers").find((w) => w.WorkerId === id);
    const proposal = tabRecords(f, "Events").find((e) => e.WorkerId === id && e.Type === "BlacklistProposed");
    const omar = insider(f.emu, f.team.lead2, f.spreadsheetId);
    const forged = forgeEvent(
      f,
      {
        eventId: "E-BYHAND0001",
        actor: f.team.lead2.email,
        workerId: id,
        type: "Blacklisted",
        fromStatus: "Active",
        toStatus: "Blacklisted",
        reason: "Fraud",
        policyClause: "CoC 1.3",
        details: `Approved the proposal by ${f.team.lead.email} (${String(proposal?.EventId)}).`,
        changes: {status: "Blacklisted", pendingBlacklist: null} as never,
        seq: Number(worker?.Version) + 1,
      },
      id,
    );
    const row = tabRecords(f, "Events").length + 2;
    expect((await omar.append("Events!A1", [forged.cells])).status).to.equal(200);
    expect(
      (await omar.append(`'Receipts ${f.team.lead2.email}'!A1`, [["E-BYHAND0001", forged.hash, ""]])).status,
    ).to.equal(200);
    const check = await verify();
    // Hash, receipt, chain and rules are all consistent: only the pattern gives it away.
    expect(check.Problems.filter((p) => p.Row === row)).to.deep.equal([]);
    expect(check.Warnings.map((w) => [w.Row, w.Rule])).to.deep.equal([[row, "second-account"]]);
    const finding = (await staffIntegrity()).find((x) => /whom the proposer made lead/.test(String(x.Title)));
    expect(finding?.Evidence).to.deep.include(`Events row ${row}: E-BYHAND0001`);
  });

  it("a change of lead approved by a lead whom the proposer made lead is listed too", async () => {
    const nia = f.emu.state.addUser("nia.alt@tns.example", {scopes: [...BASE_SCOPES, DRIVE_FILE_SCOPE]});
    await f.run.formula("AddStaff", [f.ledger, nia.email, "lead"], f.team.lead);
    await f.run.formula("ApproveStaffChange", [f.ledger, nia.email], f.team.lead2);
    const row = eventRow((e) => e.Type === "StaffRoleChanged" && String(e.Details).startsWith(nia.email));
    const check = await verify();
    expect(check.Verified).to.equal(true);
    expect(check.Warnings.map((w) => [w.Row, w.Rule])).to.deep.equal([[row, "second-account"]]);
    expect(check.Warnings[0]?.Explanation).to.match(
      new RegExp(
        `approved the change to ${nia.email} proposed by ${f.team.lead.email}, who made ${f.team.lead2.email} a lead`,
      ),
    );
    // Nia, made lead on Lena's proposal (even with Omar's approval), approving Lena's blacklist proposal is listed as well.
    const id = await activeWorker("Dina Haddad", "dina@example.com");
    await f.run.formula("ProposeBlacklist", [f.ledger, id, "Fraud", "CoC 1.3", "https://e/1"], f.team.lead);
    await f.run.formula("ApproveBlacklist", [f.ledger, id, "", false], nia);
    const approval = eventRow((e) => e.Type === "Blacklisted");
    const again = await verify();
    expect(again.Warnings.map((w) => [w.Row, w.Rule])).to.deep.equal([
      [row, "second-account"],
      [approval, "second-account"],
    ]);
  });

  it("lists nothing when the approver owes their lead role to someone else", async () => {
    const a = await activeWorker("Eva Novak", "eva@example.com");
    const b = await activeWorker("Femi Ade", "femi@example.com");
    // A specialist proposes and a lead approves; Omar proposes and Lena, who was not made lead by him, approves.
    await f.run.formula("ProposeBlacklist", [f.ledger, a, "Fraud", "CoC 1.3", "https://e/1"], f.team.specialist);
    await f.run.formula("ApproveBlacklist", [f.ledger, a, "", false], f.team.lead2);
    await f.run.formula("ProposeBlacklist", [f.ledger, b, "Fraud", "CoC 1.3", "https://e/2"], f.team.lead2);
    await f.run.formula("ApproveBlacklist", [f.ledger, b, "", false], f.team.lead);
    const check = await verify();
    expect(check).to.deep.include({Verified: true, Problems: [], Warnings: []});
  });
});

describe("trust: RepairLedger restores nothing from an edited or shortened log", () => {
  let f: LedgerFixture;
  let id: string;
  beforeEach(async () => {
    f = await setupLedger();
    const w = await f.run.formula<{WorkerId: string}>(
      "AddApplicant",
      [f.ledger, "Ana Pérez", "ana@example.com", "MX"],
      f.team.specialist,
    );
    id = w.WorkerId;
    await f.run.formula("StartVetting", [f.ledger, id], f.team.specialist);
    await f.run.formula("ApproveWorker", [f.ledger, id, "", false], f.team.specialist);
    await f.run.formula("ProposeBlacklist", [f.ledger, id, "Fraud", "CoC 1.3", "https://e/1"], f.team.specialist);
    await f.run.formula("ApproveBlacklist", [f.ledger, id, "", false], f.team.lead);
  });
  afterEach(async () => f.close());

  /** The specialist deletes, with their own Google access, every event of the worker from the blacklisting on. */
  async function deleteBlacklisting(): Promise<string[]> {
    const events = tabRecords(f, "Events");
    const from = events.findIndex((e) => e.WorkerId === id && e.Type === "Blacklisted");
    const gone = events.slice(from).filter((e) => e.Subject === id);
    const specialist = insider(f.emu, f.team.specialist, f.spreadsheetId);
    // Bottom-up, so the row numbers of the rows still to delete do not move.
    for (const e of [...gone].reverse()) {
      const index = tabRecords(f, "Events").findIndex((x) => x.EventId === e.EventId) + 1;
      const deleted = await specialist.batchUpdate([
        {deleteDimension: {range: {sheetId: 102, dimension: "ROWS", startIndex: index, endIndex: index + 1}}},
      ]);
      expect(deleted.status).to.equal(200);
    }
    return gone.map((e) => String(e.EventId));
  }

  it("a deleted blacklisting: VerifyLedger names its receipt, and the worker stays Blacklisted", async () => {
    const gone = await deleteBlacklisting();
    const check = await f.run.formula<Check>("VerifyLedger", [f.ledger], f.team.viewer);
    expect(check.Verified).to.equal(false);
    const deleted = check.Problems.filter((p) => p.Rule === "deleted-event");
    expect(deleted.map((p) => p.Explanation).join(" ")).to.include(`receipt of ${gone[0]}`);
    const report = await f.run.formula<Record<string, string[]>>("RepairLedger", [f.ledger], f.team.lead);
    expect((report.NotRepaired ?? []).join(" ")).to.match(new RegExp(`${id}: `));
    expect(report.Fixed).to.deep.equal([]);
    expect(tabRecords(f, "Workers").find((w) => w.WorkerId === id)?.Status).to.equal("Blacklisted");
  });

  it("an edited blacklisting, even re-hashed: VerifyLedger names its row, and RepairLedger does not fold it", async () => {
    const events = tabRecords(f, "Events");
    const index = events.findIndex((e) => e.WorkerId === id && e.Type === "Blacklisted");
    const e = events[index] as Record<string, unknown>;
    const row = index + 2;
    const forged = forgeEvent(
      f,
      {
        eventId: String(e.EventId),
        time: String(e.Time),
        actor: String(e.Actor),
        workerId: id,
        type: "Reinstated",
        fromStatus: "Blacklisted",
        toStatus: "Active",
        changes: {status: "Active"} as never,
        seq: Number(e.Seq),
      },
      id,
      // Chained onto the same previous event as the original, with a fresh hash of its own.
      String(e.PrevHash),
    );
    const specialist = insider(f.emu, f.team.specialist, f.spreadsheetId);
    expect((await specialist.put(`Events!A${row}`, [forged.cells])).status).to.equal(200);
    // Workers drifts from the log only once the edit is folded; make it drift as an honest mistake would.
    const wHeader = tabRows(f, "Workers")[0] as string[];
    const wRow = tabRecords(f, "Workers").findIndex((w) => w.WorkerId === id) + 2;
    await specialist.put(`Workers!${columnLetter(wHeader.indexOf("Name"))}${wRow}`, [["Ana P."]]);
    const check = await f.run.formula<Check>("VerifyLedger", [f.ledger], f.team.viewer);
    // Its hash matches its cells, but not the receipt its actor wrote, and the rules never allowed it.
    expect(check.Problems.filter((p) => p.Row === row).map((p) => p.Rule)).to.deep.equal([
      "receipt-mismatch",
      "replay",
    ]);
    const report = await f.run.formula<Record<string, string[]>>("RepairLedger", [f.ledger], f.team.lead);
    expect((report.NotRepaired ?? []).join(" ")).to.match(new RegExp(`${id}: Events row ${row} fails verification`));
    expect(tabRecords(f, "Workers").find((w) => w.WorkerId === id)?.Status).to.equal("Blacklisted");
  });

  it("also when the Workers row's ChainHash is rewritten to match the shortened log", async () => {
    await deleteBlacklisting();
    const header = tabRows(f, "Workers")[0] as string[];
    const row = tabRecords(f, "Workers").findIndex((w) => w.WorkerId === id) + 2;
    const head = tabRecords(f, "Events")
      .filter((e) => e.Subject === id)
      .pop()?.Hash;
    const column = columnLetter(header.indexOf("ChainHash"));
    const specialist = insider(f.emu, f.team.specialist, f.spreadsheetId);
    expect((await specialist.put(`Workers!${column}${row}`, [[head]])).status).to.equal(200);
    const report = await f.run.formula<Record<string, string[]>>("RepairLedger", [f.ledger], f.team.lead);
    expect((report.NotRepaired ?? []).join(" ")).to.match(new RegExp(`${id}: the log misses events`));
    expect(tabRecords(f, "Workers").find((w) => w.WorkerId === id)?.Status).to.equal("Blacklisted");
  });
});

describe("trust: a changed role changes the sharing", () => {
  it("a specialist made viewer only reads the ledger and loses the key file; made specialist again, edits and reads it", async () => {
    const f = await setupLedger();
    try {
      const sam = f.team.specialist;
      const book = f.emu.state.spreadsheets.get(f.spreadsheetId);
      const keyFile = String(tabRecords(f, "Settings").find((s) => s.Key === "KeyFile")?.Value);
      const readKey = async () => (await insider(f.emu, sam, f.spreadsheetId).readOther(keyFile, "Key!A1:B1")).status;
      expect(await readKey()).to.equal(200);
      const viewer = await f.run.formula<Record<string, unknown>>(
        "AddStaff",
        [f.ledger, sam.email, "viewer"],
        f.team.lead,
      );
      expect(viewer).to.deep.include({Email: sam.email, Role: "viewer"});
      expect(book?.permissions.get(sam.email)).to.equal("reader");
      expect(await readKey()).to.equal(403);
      // Their own Google access now only reads: an append to the log is refused.
      expect((await insider(f.emu, sam, f.spreadsheetId).append("Events!A1", [["E-X"]])).status).to.equal(403);
      await f.run.formula("AddStaff", [f.ledger, sam.email, "specialist"], f.team.lead);
      expect(book?.permissions.get(sam.email)).to.equal("writer");
      expect(await readKey()).to.equal(200);
      // A lead approving their own demotion (proposed by the lead who made them lead) is no second-account pattern.
      await f.run.formula("AddStaff", [f.ledger, f.team.lead2.email, "specialist"], f.team.lead);
      await f.run.formula("ApproveStaffChange", [f.ledger, f.team.lead2.email], f.team.lead2);
      const check = await f.run.formula<Check>("VerifyLedger", [f.ledger], f.team.viewer);
      expect(check).to.deep.include({Verified: true, Problems: [], Warnings: []});
    } finally {
      await f.close();
    }
  });
});
