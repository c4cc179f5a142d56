import {expect} from "chai";
import type {LedgerFixture} from "../helpers/fixture";
import {expectUserError, setupLedger, tabRecords, tabRows} from "../helpers/fixture";
import type {Column} from "../../pack/ledger/store/layout";
import {BLACKLIST, STAFF, WORKERS, text} from "../../pack/ledger/store/layout";
import type {Sheet} from "../../emulator/model";

type Worker = Record<string, unknown> & {WorkerId: string; Status: string};
type Upgrade = {Changed: string[]; EventId: string};

// The issue-14 screening columns: a ledger made before them has none of these.
const SCREENING_COLUMNS = [
  "IdFingerprint",
  "ScreeningVerdict",
  "ScreenedAt",
  "ScreeningSummary",
  "ScreeningKey",
  "ScreeningClearance",
  "IdType",
  "IdDocument",
  "IdCountry",
  "IdExpiresOn",
];

function sheetOf(f: LedgerFixture, title: string): Sheet {
  const sheet = f.emu.state.spreadsheets.get(f.spreadsheetId)?.sheets.find((s) => s.properties.title === title);
  if (!sheet) {
    throw new Error(`no ${title} tab`);
  }
  return sheet;
}

/** Removes columns from a tab as if the ledger had been made before they existed; the grid keeps two spare columns. */
function dropColumns(f: LedgerFixture, title: string, headers: readonly string[]): void {
  const sheet = sheetOf(f, title);
  const header = (sheet.rows[0] ?? []) as string[];
  const keep = header.map((h, i) => (headers.includes(h) ? -1 : i)).filter((i) => i >= 0);
  sheet.rows = sheet.rows.map((r) => (r ? keep.map((i) => r[i]) : r));
  sheet.properties.gridProperties.columnCount = keep.length + 2;
}

function dropTab(f: LedgerFixture, title: string): void {
  const book = f.emu.state.spreadsheets.get(f.spreadsheetId);
  if (book) {
    book.sheets = book.sheets.filter((s) => s.properties.title !== title);
  }
}

/** Every row's cells by header, for the headers given. */
function cellsUnder(f: LedgerFixture, title: string, headers: readonly string[]): unknown[] {
  return tabRecords(f, title).map((r) => headers.map((h) => r[h]));
}

describe("UpgradeLedger adds what the layout has and the ledger lacks", function () {
  this.timeout(60_000);
  let f: LedgerFixture;
  beforeEach(async () => {
    f = await setupLedger();
  });
  afterEach(async () => f.close());

  const add = (name: string, email: string, phone = "", country = "MX") =>
    f.run.formula<Worker>("AddApplicant", [f.ledger, name, email, country, phone], f.team.specialist);

  it("a ledger made before screening: actions refuse naming UpgradeLedger; the upgrade appends the columns, keeps every cell, and the gate works", async () => {
    const ana = await add("Ana Pérez", "ana.perez@gmail.com", "55 1234 5678");
    await f.run.formula(
      "ProposeBlacklist",
      [f.ledger, ana.WorkerId, "Sold her account", "CoC 1.3", "https://drive.example/e1"],
      f.team.specialist,
    );
    await f.run.formula("ApproveBlacklist", [f.ledger, ana.WorkerId, "", false], f.team.lead);
    const kwame = await add("Kwame Mensah", "kwame.mensah@example.com");

    // The ledger as the previous layout made it: no screening columns, no IdFingerprints, no Triage tab.
    dropColumns(f, "Workers", SCREENING_COLUMNS);
    dropColumns(f, "Blacklist", ["IdFingerprints"]);
    dropTab(f, "Triage");
    // Someone's note in a spare column, with no header above it.
    const workers = sheetOf(f, "Workers");
    const width = (workers.rows[0] ?? []).length;
    (workers.rows[2] as unknown[])[width + 1] = "call back Tuesday";
    const oldHeaders = (workers.rows[0] ?? []) as string[];
    const blacklistHeaders = (sheetOf(f, "Blacklist").rows[0] ?? []) as string[];
    const before = {
      workers: cellsUnder(f, "Workers", oldHeaders),
      blacklist: cellsUnder(f, "Blacklist", blacklistHeaders),
      events: tabRows(f, "Events"),
    };

    // Writing a screening would drop it: refused, naming the columns and UpgradeLedger.
    await expectUserError(
      add("Ana Perez", "ana.new@example.com", "+52 55 1234 5678"),
      /Workers tab has no ScreeningVerdict, ScreenedAt, ScreeningSummary, ScreeningKey column in row 1.*UpgradeLedger/,
    );
    await expectUserError(
      f.run.formula("ScreenWorker", [f.ledger, kwame.WorkerId], f.team.specialist),
      /Workers tab has no .*ScreeningVerdict.*UpgradeLedger/,
    );
    expect(tabRows(f, "Events")).to.deep.equal(before.events);
    await expectUserError(f.run.formula("UpgradeLedger", [f.ledger], f.team.specialist), /needs the lead role/);

    const report = await f.run.formula<Upgrade>("UpgradeLedger", [f.ledger], f.team.lead);
    const missing = WORKERS.columns.map((c) => c.header).filter((h) => SCREENING_COLUMNS.includes(h));
    expect(report.Changed).to.include.members([
      "Added the Triage tab.",
      `Workers: added ${missing.join(", ")} (${colLetter(width)}1 on).`,
    ]);
    expect(report.Changed.join(" ")).to.match(/Blacklist: added IdFingerprints/);
    // The new columns sit at the end of row 1, in layout order; the columns before are where they were.
    expect(sheetOf(f, "Workers").rows[0]).to.deep.equal([...oldHeaders, ...missing]);
    expect(sheetOf(f, "Blacklist").rows[0]).to.deep.equal([...blacklistHeaders, "IdFingerprints"]);
    expect(cellsUnder(f, "Workers", oldHeaders)).to.deep.equal(before.workers);
    expect(cellsUnder(f, "Blacklist", blacklistHeaders)).to.deep.equal(before.blacklist);
    // The note moved right with its column, still under no header: nothing was relabelled or overwritten.
    const row = sheetOf(f, "Workers").rows[2] ?? [];
    const at = row.indexOf("call back Tuesday");
    expect(at).to.equal(width + missing.length + 1);
    expect(sheetOf(f, "Workers").rows[0]?.[at]).to.equal(undefined);
    expect(sheetOf(f, "Workers").properties.gridProperties.columnCount).to.equal(width + missing.length + 2);
    expect(sheetOf(f, "Triage").rows[0]).to.have.length.greaterThan(0);
    const upgraded = tabRecords(f, "Events").filter((e) => e.Type === "LedgerUpgraded");
    expect(upgraded.map((e) => e.EventId)).to.deep.equal([report.EventId]);
    expect(String(upgraded[0]?.Details)).to.include("Workers: added IdFingerprint");

    // The pack works on the upgraded ledger: the evader is screened, refused, cleared by a lead, approved.
    const evader = await add("Ana Perez", "ana.new@example.com", "+52 55 1234 5678");
    expect(evader.ScreeningVerdict).to.equal("Match");
    await f.run.formula("StartVetting", [f.ledger, evader.WorkerId], f.team.specialist);
    await expectUserError(
      f.run.formula("ApproveWorker", [f.ledger, evader.WorkerId], f.team.specialist),
      /Match.*rule: screening/,
    );
    await f.run.formula("ClearScreening", [f.ledger, evader.WorkerId, "Different person: video call"], f.team.lead);
    const approved = await f.run.formula<Worker>("ApproveWorker", [f.ledger, evader.WorkerId], f.team.specialist);
    expect(approved.Status).to.equal("Active");
    // The row written by the pack lands under the right headers.
    const written = tabRecords(f, "Workers").find((w) => w.WorkerId === evader.WorkerId);
    expect(written?.ScreeningVerdict).to.equal("Match");
    expect(String(written?.ScreeningClearance)).to.include(f.team.lead.email);
    expect((await f.run.formula<{Problems: string[]}>("VerifyLedger", [f.ledger], f.team.lead)).Problems).to.deep.equal(
      [],
    );

    const again = await f.run.formula<Upgrade>("UpgradeLedger", [f.ledger], f.team.lead);
    expect(again).to.deep.include({Changed: [], EventId: ""});
  });

  it("adds a column added to any tab's definition later, with no other change (grid full: widened)", async () => {
    const future = [
      {tab: WORKERS, column: {key: "futureField", header: "FutureWorkerColumn"}},
      {tab: BLACKLIST, column: {key: "futureField", header: "FutureBlacklistColumn"}},
      {tab: STAFF, column: {key: "futureField", header: "FutureStaffColumn"}},
    ];
    // The Staff grid exactly as wide as its header: appendDimension, not insertDimension.
    const staff = sheetOf(f, "Staff");
    staff.properties.gridProperties.columnCount = (staff.rows[0] ?? []).length;
    const staffBefore = tabRows(f, "Staff");
    for (const {tab, column} of future) {
      (tab.columns as Array<Column<unknown>>).push({...column, codec: text, required: false, aliases: []} as never);
    }
    try {
      const report = await f.run.formula<Upgrade>("UpgradeLedger", [f.ledger], f.team.lead);
      for (const {tab, column} of future) {
        expect(report.Changed.join("\n")).to.include(`${tab.name}: added ${column.header}`);
        expect(sheetOf(f, tab.name).rows[0]?.at(-1)).to.equal(column.header);
      }
      expect(tabRows(f, "Staff").slice(1)).to.deep.equal(staffBefore.slice(1));
      expect(sheetOf(f, "Staff").properties.gridProperties.columnCount).to.equal((staffBefore[0] ?? []).length + 1);
      // Actions read and write the grown tabs.
      const w = await add("Kwame Mensah", "kwame.mensah@example.com");
      expect(tabRecords(f, "Workers").find((r) => r.WorkerId === w.WorkerId)?.Name).to.equal("Kwame Mensah");
      expect((await f.run.formula<Upgrade>("UpgradeLedger", [f.ledger], f.team.lead)).Changed).to.deep.equal([]);
    } finally {
      for (const {tab} of future) {
        (tab.columns as Array<Column<unknown>>).pop();
      }
    }
  });

  it("refuses when the Events tab is gone rather than standing in for the lost log", async () => {
    dropTab(f, "Events");
    await expectUserError(f.run.formula("UpgradeLedger", [f.ledger], f.team.lead), /no "Events" tab.*Version history/);
  });
});

function colLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
