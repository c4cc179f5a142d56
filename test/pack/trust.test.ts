import {expect} from "chai";
import {SCHEMA_VERSION} from "../../pack/ledger/store/layout";
import {columnLetter} from "../../pack/ledger/store/rows";
import type {LedgerFixture} from "../helpers/fixture";
import {daysFromNow, expectUserError, ledgerKey, setupLedger, tabRecords, tabRows} from "../helpers/fixture";
import {eventHash} from "../../pack/core/chain";
import type {EventRecord} from "../../pack/core/records";
import {insider} from "../helpers/insider";
import {SEAL_PART} from "../../pack/ledger/seal";
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
    // Sheets answers a write under a hard protection with 400 "You are trying to edit a protected cell".
    const promote = await specialist.put(`Staff!B${staffRow}`, [["lead"]]);
    expect(promote.status).to.equal(400);
    expect(JSON.stringify(promote.body)).to.match(/protected cell/);
    expect((await specialist.append("Staff!A1", [["mallory@tns.example", "lead"]])).status).to.equal(400);
    expect((await specialist.put("Settings!B2", [["0000"]])).status).to.equal(400);
    expect((await specialist.put("Blacklist!A2", [["BL-FAKE"]])).status).to.equal(400);
    expect((await specialist.put("Seals!A2", [["S-FAKE"]])).status).to.equal(400);
    // Nor lift the protection, or delete or rename the tab.
    const pid = protectionsOf(f, "Staff").find((p) => !p.warningOnly)?.protectedRangeId;
    expect((await specialist.batchUpdate([{deleteProtectedRange: {protectedRangeId: pid}}])).status).to.equal(400);
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
    ).to.equal(400);
    expect((await specialist.batchUpdate([{deleteSheet: {sheetId: 106}}])).status).to.equal(400);
    expect(tabRecords(f, "Staff").find((s) => s.Email === f.team.specialist.email)?.Role).to.equal("specialist");
    // A lead edits them (by hand, as Google allows).
    expect((await insider(f.emu, f.team.lead2, f.spreadsheetId).put("Settings!C2", [["note"]])).status).to.equal(200);
  });

  it("refuses a specialist who writes into another person's receipts", async () => {
    const specialist = insider(f.emu, f.team.specialist, f.spreadsheetId);
    const forged = await specialist.append(`'Receipts ${f.team.lead.email}'!A1`, [["E-FORGED", "0".repeat(64)]]);
    expect(forged.status).to.equal(400);
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

  it("keeps the fingerprint key out of the ledger, readable only by specialists and leads", async () => {
    const settings = tabRecords(f, "Settings");
    const keyFile = String(settings.find((s) => s.Key === "KeyFile")?.Value);
    const key = ledgerKey(f);
    expect(key).to.match(/^[0-9a-f]{64}$/);
    // Nothing a viewer can read in the ledger holds the key.
    const viewer = insider(f.emu, f.team.viewer, f.spreadsheetId);
    const everything = await viewer.get("sheets.properties.title");
    const titles = (everything.body.sheets as Array<{properties: {title: string}}>).map((t) => t.properties.title);
    for (const title of titles) {
      const read = await viewer.read(`'${title}'`);
      expect(JSON.stringify(read.body), title).to.not.include(key);
    }
    expect((await viewer.readOther(keyFile, "Key!A1:B1")).status).to.equal(403);
    expect((await insider(f.emu, f.team.outsider, f.spreadsheetId).readOther(keyFile, "Key!A1:B1")).status).to.equal(
      403,
    );
    const specialist = await insider(f.emu, f.team.specialist, f.spreadsheetId).readOther(keyFile, "Key!A1:B1");
    expect(specialist.status).to.equal(200);
    expect((await insider(f.emu, f.team.specialist, f.spreadsheetId).put("Key!B1", [["x"]])).status).to.not.equal(200);
    // A viewer's ScreeningReport screens names, emails and phones, and says it skipped the bank and ID numbers.
    const report = await f.run.formula<Record<string, unknown>>(
      "ScreeningReport",
      [f.ledger, "Ana Pérez", "ana@example.com", undefined, "MX", "MX12345678901234567", "ABC123"],
      f.team.viewer,
    );
    expect(report.Verdict).to.equal("Clear");
    expect((report.NotChecked as string[]).join(" ")).to.match(
      /Bank account not screened: the fingerprint key file is shared only with specialists and leads.*ID number not screened/,
    );
    // Removing a specialist takes the key file from them too.
    await f.run.formula("RemoveStaff", [f.ledger, f.team.specialist.email], f.team.lead);
    expect((await insider(f.emu, f.team.specialist, f.spreadsheetId).readOther(keyFile, "Key!A1:B1")).status).to.equal(
      403,
    );
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

interface Check {
  Verified: boolean;
  EventsChecked: number;
  SealedThrough: number;
  Problems: Array<{Row: number; Rule: string; Explanation: string}>;
}

/** A Blacklisted worker W-000001 (Sam proposes, Lena approves) and an Active W-000002, all through the pack. */
async function blacklistedWorld(f: LedgerFixture): Promise<void> {
  const add = (name: string, email: string) =>
    f.run.formula<{WorkerId: string}>("AddApplicant", [f.ledger, name, email, "MX"], f.team.specialist);
  const a = await add("Ana Pérez", "ana@example.com");
  const b = await add("Bilal Khan", "bilal@example.com");
  for (const id of [a.WorkerId, b.WorkerId]) {
    await f.run.formula("StartVetting", [f.ledger, id], f.team.specialist);
    await f.run.formula("ApproveWorker", [f.ledger, id, "", false], f.team.specialist);
  }
  await f.run.formula("ProposeBlacklist", [f.ledger, a.WorkerId, "Fraud", "CoC 1.3", "https://e/1"], f.team.specialist);
  await f.run.formula("ApproveBlacklist", [f.ledger, a.WorkerId, "", false], f.team.lead);
}

/** A reinstatement of W-000001 (Blacklisted) forged in the second lead's name. */
function forgedReinstatement(f: LedgerFixture): unknown[] {
  return forgedRow(
    f,
    {
      actor: f.team.lead2.email,
      type: "Reinstated",
      fromStatus: "Blacklisted",
      toStatus: "Active",
      changes: {status: "Active"} as never,
      reason: "appeal upheld",
    },
    "W-000001",
  );
}

/** The cells of a forged Events row, in the tab's header order, hashed onto the worker's chain as the pack would. */
function forgedRow(f: LedgerFixture, fields: Record<string, string | number>, workerId: string): unknown[] {
  const events = tabRecords(f, "Events");
  const header = tabRows(f, "Events")[0] as string[];
  const previous = events.filter((e) => e.Subject === workerId).pop();
  const event = {
    eventId: "E-FORGED0001",
    time: new Date().toISOString(),
    actor: "",
    workerId,
    type: "",
    fromStatus: "",
    toStatus: "",
    reason: "",
    policyClause: "",
    evidence: "",
    details: "",
    changes: {},
    seq: Number(previous?.Seq ?? 0) + 1,
    requestKey: "",
    subject: workerId,
    prevHash: String(previous?.Hash ?? ""),
    ...fields,
  } as unknown as EventRecord & {subject: string; prevHash: string};
  const hash = eventHash(event);
  const byHeader: Record<string, unknown> = {
    EventId: event.eventId,
    Time: event.time,
    Actor: event.actor,
    WorkerId: workerId,
    Type: event.type,
    FromStatus: event.fromStatus,
    ToStatus: event.toStatus,
    Changes: Object.keys(event.changes).length ? JSON.stringify(event.changes) : "",
    Seq: event.seq,
    Subject: event.subject,
    PrevHash: event.prevHash,
    Hash: hash,
    Reason: event.reason,
  };
  return header.map((h) => byHeader[h] ?? "");
}

describe("trust: tampering with the log shows", () => {
  let f: LedgerFixture;
  before(async () => {
    f = await setupLedger();
    await blacklistedWorld(f);
  });
  after(async () => f.close());
  let snapshot: ReturnType<typeof structuredClone<unknown>>;
  beforeEach(() => {
    snapshot = structuredClone(f.emu.state.spreadsheets.get(f.spreadsheetId)?.sheets);
  });
  afterEach(() => {
    const book = f.emu.state.spreadsheets.get(f.spreadsheetId);
    if (book) {
      book.sheets = snapshot as typeof book.sheets;
    }
  });
  const verify = () => f.run.formula<Check>("VerifyLedger", [f.ledger], f.team.viewer);

  it("verifies a ledger written only by the pack", async () => {
    const check = await verify();
    expect(check.Problems).to.deep.equal([]);
    expect(check.Verified).to.equal(true);
    expect(check.EventsChecked).to.equal(tabRecords(f, "Events").length);
  });

  it("reports a forged event in another person's name (no receipt, and the rules forbid it), and RepairLedger restores nothing from it", async () => {
    const specialist = insider(f.emu, f.team.specialist, f.spreadsheetId);
    const row = tabRecords(f, "Events").length + 2;
    const forged = forgedReinstatement(f);
    expect((await specialist.append("Events!A1", [forged])).status).to.equal(200);
    const check = await verify();
    expect(check.Verified).to.equal(false);
    expect(check.Problems.filter((p) => p.Row === row).map((p) => p.Rule)).to.have.members(["no-receipt", "replay"]);
    expect(check.Problems.find((p) => p.Rule === "no-receipt")?.Explanation).to.match(
      new RegExp(`${f.team.lead2.email}'s receipts do not list it`),
    );
    const report = await f.run.formula<Record<string, string[]>>("RepairLedger", [f.ledger], f.team.lead);
    expect((report.NotRepaired ?? []).join(" ")).to.match(/W-000001.*Events row \d+.*fails verification/);
    const worker = tabRecords(f, "Workers").find((w) => w.WorkerId === "W-000001");
    expect(worker?.Status).to.equal("Blacklisted");
  });

  it("a specialist who forges an event and blanks the Events tab's Hash header gets nothing rebuilt from it by RepairLedger", async () => {
    const specialist = insider(f.emu, f.team.specialist, f.spreadsheetId);
    const forged = forgedReinstatement(f);
    expect((await specialist.append("Events!A1", [forged])).status).to.equal(200);
    // Without a Hash column the log would look unhashed: nothing to verify.
    const header = tabRows(f, "Events")[0] as string[];
    const hashCol = columnLetter(header.indexOf("Hash"));
    expect((await specialist.put(`Events!${hashCol}1`, [[""]])).status).to.equal(200);
    const report = await f.run.formula<Record<string, string[]>>("RepairLedger", [f.ledger], f.team.lead);
    // The header comes back in a new column (the hashes stay where they were, headerless), so
    // every hashed event fails verification and no worker is rebuilt from the log.
    expect(report.HeadersRestored).to.deep.equal(["Events!Hash"]);
    expect((report.NotRepaired ?? []).join(" ")).to.match(/W-000001.*fails verification/);
    expect(report.Fixed).to.deep.equal([]);
    expect(tabRecords(f, "Workers").find((w) => w.WorkerId === "W-000001")?.Status).to.equal("Blacklisted");
  });

  it("reports an event a specialist wrote in their own name that the rules forbid, even with a receipt", async () => {
    const specialist = insider(f.emu, f.team.specialist, f.spreadsheetId);
    const row = tabRecords(f, "Events").length + 2;
    const forged = forgedRow(
      f,
      {
        actor: f.team.specialist.email,
        type: "Reinstated",
        fromStatus: "Blacklisted",
        toStatus: "Active",
        changes: {status: "Active"} as never,
      },
      "W-000001",
    );
    expect((await specialist.append("Events!A1", [forged])).status).to.equal(200);
    const hash = forged[(tabRows(f, "Events")[0] as string[]).indexOf("Hash")];
    expect(
      (await specialist.append(`'Receipts ${f.team.specialist.email}'!A1`, [["E-FORGED0001", hash, ""]])).status,
    ).to.equal(200);
    const check = await verify();
    const mine = check.Problems.filter((p) => p.Row === row);
    expect(mine.map((p) => p.Rule)).to.deep.equal(["replay"]);
    expect(mine[0]?.Explanation).to.match(/ReinstateWorker is not allowed for a Blacklisted worker/);
    await f.run.formula("RepairLedger", [f.ledger], f.team.lead);
    expect(tabRecords(f, "Workers").find((w) => w.WorkerId === "W-000001")?.Status).to.equal("Blacklisted");
  });

  it("reports an edited earlier event, with its row", async () => {
    const specialist = insider(f.emu, f.team.specialist, f.spreadsheetId);
    const events = tabRecords(f, "Events");
    const index = events.findIndex((e) => e.Type === "BlacklistProposed");
    const column = String.fromCharCode(65 + (tabRows(f, "Events")[0] as string[]).indexOf("Reason"));
    expect((await specialist.put(`Events!${column}${index + 2}`, [["nothing happened"]])).status).to.equal(200);
    const check = await verify();
    expect(check.Problems.map((p) => [p.Row, p.Rule])).to.deep.equal([[index + 2, "edited-event"]]);
    // Writing a fresh hash for the edited cells does not help: the actor's receipt still holds the old one.
    const header = tabRows(f, "Events")[0] as string[];
    const edited = {...(tabRecords(f, "Events")[index] as Record<string, unknown>)};
    const record = Object.fromEntries(
      [
        "EventId",
        "Time",
        "Actor",
        "WorkerId",
        "Type",
        "FromStatus",
        "ToStatus",
        "Reason",
        "PolicyClause",
        "Evidence",
        "Details",
        "Changes",
        "Seq",
        "RequestKey",
        "Subject",
        "PrevHash",
      ].map((h) => [
        h.charAt(0).toLowerCase() + h.slice(1),
        h === "Changes" ? JSON.parse(String(edited[h] || "{}")) : (edited[h] ?? ""),
      ]),
    ) as unknown as EventRecord;
    const hashColumn = String.fromCharCode(65 + header.indexOf("Hash"));
    expect((await specialist.put(`Events!${hashColumn}${index + 2}`, [[eventHash(record)]])).status).to.equal(200);
    const again = await verify();
    expect(again.Problems.filter((p) => p.Row === index + 2).map((p) => p.Rule)).to.deep.equal(["receipt-mismatch"]);
    expect(again.Problems.map((p) => p.Rule)).to.include("broken-chain");
  });

  it("SealLog seals history: a later change to a sealed row shows as seal-mismatch", async () => {
    const seal = await f.run.formula<Record<string, unknown>>("SealLog", [f.ledger], f.team.lead);
    const lastRow = tabRecords(f, "Events").length + 1;
    expect(seal).to.deep.include({SealedThrough: lastRow - 1, SealedBy: f.team.lead.email});
    expect(String(seal.Digest)).to.match(/^[0-9a-f]{64}$/);
    // Specialists cannot write seals (lead-protected), and the seal verifies.
    const specialist = insider(f.emu, f.team.specialist, f.spreadsheetId);
    expect((await specialist.append("Seals!A1", [["S-FORGED", 99, "0"]])).status).to.equal(400);
    const clean = await verify();
    expect(clean).to.deep.include({Verified: true, SealedThrough: lastRow - 1});
    // A sealed row rewritten, even with a fresh hash, breaks the seal.
    const header = tabRows(f, "Events")[0] as string[];
    const events = tabRecords(f, "Events");
    const index = events.findIndex((e) => e.Type === "ApplicantAdded");
    const hashColumn = String.fromCharCode(65 + header.indexOf("Hash"));
    expect((await specialist.put(`Events!${hashColumn}${index + 2}`, [["f".repeat(64)]])).status).to.equal(200);
    const check = await verify();
    expect(check.Problems.map((p) => p.Rule)).to.include("seal-mismatch");
    expect(check.Problems.find((p) => p.Rule === "seal-mismatch")?.Explanation).to.match(
      new RegExp(`Seals row 2 \\(by ${f.team.lead.email}.*no longer matches Events rows 2–${lastRow - 1}`),
    );
  });

  it("reports a deleted earlier event: its receipt remains, and the worker's chain breaks", async () => {
    const specialist = insider(f.emu, f.team.specialist, f.spreadsheetId);
    const events = tabRecords(f, "Events");
    const index = events.findIndex((e) => e.Type === "BlacklistProposed");
    const deleted = await specialist.batchUpdate([
      {deleteDimension: {range: {sheetId: 102, dimension: "ROWS", startIndex: index + 1, endIndex: index + 2}}},
    ]);
    expect(deleted.status).to.equal(200);
    const check = await verify();
    const rules = check.Problems.map((p) => p.Rule);
    expect(rules).to.include("deleted-event");
    expect(check.Problems.find((p) => p.Rule === "deleted-event")?.Explanation).to.match(
      new RegExp(`${String(events[index]?.EventId)}, which is no longer in the Events tab`),
    );
    expect(check.Problems.find((p) => p.Rule === "broken-chain")?.Row).to.equal(index + 2);
  });
});

describe("trust: SealLog reads the log in parts", () => {
  let f: LedgerFixture;
  before(async () => {
    f = await setupLedger();
    await blacklistedWorld(f);
  });
  after(async () => f.close());

  it("seals made from a log read a few rows at a time verify, and a retried request returns its own seal after another lead's", async () => {
    const saved = SEAL_PART.rows;
    SEAL_PART.rows = 3;
    try {
      const from = f.emu.log.length;
      const first = await f.run.formula<Record<string, unknown>>("SealLog", [f.ledger, "seal-once"], f.team.lead);
      const lastRow = tabRecords(f, "Events").length; // The seal's own LogSealed event is the last row now.
      expect(first).to.deep.include({SealedThrough: lastRow, SealedBy: f.team.lead.email});
      // The log was read in parts of 3 rows, as four narrow columns: never the whole tab.
      const reads = f.emu.log.slice(from).filter((r) => r.method === "GET" && /values:batchGet/.test(r.path));
      const ranges = reads.flatMap((r) => new URLSearchParams(r.query).getAll("ranges"));
      expect(ranges.filter((r) => /^'?Events'?!?$/.test(r))).to.deep.equal([]);
      expect(ranges.filter((r) => /^'Events'!\w+2:\w+4$/.test(r)).length).to.be.greaterThan(0);
      const second = await f.run.formula<Record<string, unknown>>("SealLog", [f.ledger], f.team.lead2);
      expect(Number(second.SealedThrough)).to.equal(lastRow + 1);
      const again = await f.run.formula<Record<string, unknown>>("SealLog", [f.ledger, "seal-once"], f.team.lead);
      expect(again).to.deep.equal(first);
      const check = await f.run.formula<Check>("VerifyLedger", [f.ledger], f.team.viewer);
      expect(check).to.deep.include({Verified: true, SealedThrough: lastRow + 1});
    } finally {
      SEAL_PART.rows = saved;
    }
  });
});

describe("trust: Findings show log-integrity and staff-integrity", () => {
  it("shows a forged event as log-integrity with its row, and a non-staff editor as staff-integrity", async () => {
    const f = await setupLedger();
    try {
      await blacklistedWorld(f);
      const specialist = insider(f.emu, f.team.specialist, f.spreadsheetId);
      const row = tabRecords(f, "Events").length + 2;
      const forged = forgedRow(
        f,
        {actor: f.team.lead2.email, type: "Reinstated", fromStatus: "Blacklisted", toStatus: "Active"},
        "W-000001",
      );
      await specialist.append("Events!A1", [forged]);
      // Someone shares the ledger for editing with a person who is not on the team.
      f.emu.state.share(f.spreadsheetId, f.team.outsider.email, "writer");
      const findings = await f.run.sync<Record<string, unknown>>(
        "Findings",
        [f.ledger, [], ["log-integrity", "staff-integrity"]],
        f.team.lead,
      );
      const log = findings.rows.filter((x) => x.Rule === "log-integrity");
      expect(log.map((x) => x.Title)).to.include.members([
        `no-receipt: Events row ${row} (W-000001)`,
        `replay: Events row ${row} (W-000001)`,
      ]);
      expect(log.every((x) => x.Severity === "Critical")).to.equal(true);
      const staff = findings.rows.filter((x) => x.Rule === "staff-integrity").map((x) => String(x.Title));
      expect(staff).to.include(`${f.team.outsider.email} can edit the ledger but is not a specialist or lead`);
    } finally {
      await f.close();
    }
  });

  it("a lone lead's second account approving their own proposal shows in Findings with its row", async () => {
    const f = await setupLedger();
    try {
      // A fresh ledger whose only lead is Lena; she makes a second account of her own a lead (nobody to ask).
      const ledger = await f.run.formula<string>("CreateLedger", ["Solo"], f.team.lead);
      const id = /\/d\/([^/]+)/.exec(ledger)?.[1] ?? "";
      const alt = f.emu.state.addUser("lena.alt@tns.example", {scopes: [...BASE_SCOPES, DRIVE_FILE_SCOPE]});
      await f.run.formula("AddStaff", [ledger, alt.email, "lead"], f.team.lead);
      const w = await f.run.formula<{WorkerId: string}>(
        "AddApplicant",
        [ledger, "Ana Pérez", "ana@example.com", "MX"],
        f.team.lead,
      );
      await f.run.formula("ProposeBlacklist", [ledger, w.WorkerId, "Fraud", "CoC 1.3", "https://e/1"], f.team.lead);
      await f.run.formula("ApproveBlacklist", [ledger, w.WorkerId, "", false], alt);
      const book = f.emu.state.spreadsheets.get(id);
      const events = (book?.sheets.find((s) => s.properties.title === "Events")?.rows ?? []).map((r) => r?.[4]);
      const approvalRow = events.indexOf("Blacklisted") + 1;
      const findings = await f.run.sync<Record<string, unknown>>(
        "Findings",
        [ledger, [], ["staff-integrity"]],
        f.team.lead,
      );
      const second = findings.rows.find((x) => /whom the proposer made lead/.test(String(x.Title)));
      expect(second?.Severity).to.equal("Warning");
      expect(String(second?.Explanation)).to.match(
        new RegExp(
          `Events row ${approvalRow}: ${alt.email} approved the blacklisting of ${w.WorkerId} proposed by ${f.team.lead.email}, who made ${alt.email} a lead`,
        ),
      );
      const grant = findings.rows.find((x) => /granted with no second lead/.test(String(x.Title)));
      expect(grant?.Severity).to.equal("Review");
    } finally {
      await f.close();
    }
  });
});

/**
 * Turns a fresh ledger into what the previous version of CreateLedger made: no hash, chain or new
 * Staff columns, the key in Settings, warning-only protections, no Seals or receipts tabs.
 */
function downgrade(f: LedgerFixture): void {
  const book = f.emu.state.spreadsheets.get(f.spreadsheetId);
  if (!book) {
    throw new Error("no ledger");
  }
  const key = ledgerKey(f);
  const dropped = new Set([
    "Subject",
    "PrevHash",
    "Hash",
    "ChainHash",
    "Status",
    "PendingRole",
    "PendingBy",
    "PendingAt",
  ]);
  for (const sheet of book.sheets) {
    const header = (sheet.rows[0] ?? []) as string[];
    if (!["Workers", "Events", "Audits", "Disputes", "Staff"].includes(sheet.properties.title)) {
      continue;
    }
    const keep = header.map((h, i) =>
      (sheet.properties.title === "Workers" && h === "Status") || !dropped.has(h) ? i : -1,
    );
    sheet.rows = sheet.rows.map((r) => keep.filter((i) => i >= 0).map((i) => r?.[i]));
    sheet.properties.gridProperties.columnCount = keep.filter((i) => i >= 0).length + 2;
  }
  book.sheets = book.sheets.filter(
    (s) => s.properties.title !== "Seals" && !s.properties.title.startsWith("Receipts "),
  );
  for (const sheet of book.sheets) {
    sheet.protectedRanges = ["Events", "Blacklist", "Settings"].includes(sheet.properties.title)
      ? [
          {
            protectedRangeId: book.nextProtectedRangeId++,
            range: {sheetId: sheet.properties.sheetId},
            warningOnly: true,
            editors: {users: []},
          },
        ]
      : [];
  }
  const settings = book.sheets.find((s) => s.properties.title === "Settings");
  for (const row of settings?.rows ?? []) {
    if (row?.[0] === "FingerprintKey") {
      row[1] = key;
    }
    if (row?.[0] === "KeyFile") {
      row[1] = undefined;
    }
    if (row?.[0] === "SchemaVersion") {
      row[1] = "1";
    }
  }
}

describe("trust: UpgradeLedger", () => {
  it("brings a ledger of the previous layout to this one, verifiably, and changes nothing the second time", async () => {
    const f = await setupLedger();
    try {
      await blacklistedWorld(f);
      const key = ledgerKey(f);
      downgrade(f);
      // This version refuses to write what the old layout has no column for, and says what to run.
      await expectUserError(
        f.run.formula(
          "SuspendWorker",
          [f.ledger, "W-000002", "Late work", "CoC 4.2", daysFromNow(7)],
          f.team.specialist,
        ),
        /the Events tab has no Subject, PrevHash, Hash column in row 1.*a lead runs UpgradeLedger/,
      );
      const before = await f.run.formula<Check>("VerifyLedger", [f.ledger], f.team.lead);
      expect(before.Verified).to.equal(false);
      await expectUserError(f.run.formula("UpgradeLedger", [f.ledger], f.team.specialist), /needs the lead role/);
      const report = await f.run.formula<{Changed: string[]; EventId: string}>(
        "UpgradeLedger",
        [f.ledger],
        f.team.lead,
      );
      const text = report.Changed.join("\n");
      expect(text).to.match(/Added the Seals tab/);
      expect(text).to.match(/Events: added Subject, PrevHash, Hash/);
      expect(text).to.match(/Protected Staff, Settings, Blacklist, Seals for the leads/);
      expect(text).to.match(/Moved the fingerprint key out of Settings/);
      expect(text).to.match(/Hashed and chained \d+ earlier events/);
      expect(report.EventId).to.match(/^E-/);
      const settings = Object.fromEntries(tabRecords(f, "Settings").map((s) => [s.Key, s.Value]));
      expect(settings.FingerprintKey ?? "").to.equal("");
      expect(settings.SchemaVersion).to.equal(String(SCHEMA_VERSION));
      expect(ledgerKey(f)).to.equal(key);
      // The specialist can read the moved key; the viewer cannot.
      const file = String(settings.KeyFile);
      expect((await insider(f.emu, f.team.specialist, f.spreadsheetId).readOther(file, "Key!A1:B1")).status).to.equal(
        200,
      );
      expect((await insider(f.emu, f.team.viewer, f.spreadsheetId).readOther(file, "Key!A1:B1")).status).to.equal(403);
      // Lead-only tabs are now refused to the specialist.
      expect((await insider(f.emu, f.team.specialist, f.spreadsheetId).put("Staff!B2", [["lead"]])).status).to.equal(
        400,
      );
      const after = await f.run.formula<Check>("VerifyLedger", [f.ledger], f.team.lead);
      expect(after.Problems).to.deep.equal([]);
      expect(after.SealedThrough).to.be.greaterThan(0);
      // New decisions are hashed and receipted; a second upgrade changes nothing.
      await f.run.formula(
        "SuspendWorker",
        [f.ledger, "W-000002", "Late work", "CoC 4.2", daysFromNow(7)],
        f.team.specialist,
      );
      await f.run.formula("ReinstateWorker", [f.ledger, "W-000002", "served"], f.team.specialist);
      const again = await f.run.formula<{Changed: string[]; EventId: string}>("UpgradeLedger", [f.ledger], f.team.lead);
      expect(again.Changed).to.deep.equal([]);
      expect((await f.run.formula<Check>("VerifyLedger", [f.ledger], f.team.viewer)).Problems).to.deep.equal([]);
    } finally {
      await f.close();
    }
  });
});
