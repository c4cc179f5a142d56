import {expect} from "chai";
import {planRepair, workerDifferences} from "../../pack/core/repair";
import {emptyWorker} from "../../pack/core/records";
import {buildLedgerRecords, writeLedgerRecords} from "../helpers/workforce-seed";
import {rowCells} from "../helpers/ledger-rows";
import {generateWorkforce} from "../helpers/workforce";
import type {LedgerFixture} from "../helpers/fixture";
import {expectUserError, setupLedger, tabRecords} from "../helpers/fixture";
import {WORKERS} from "../../pack/ledger/store/layout";
import type {Sheet} from "../../emulator/model";

type Report = {
  Summary: string;
  Checked: number;
  Fixed: string[];
  AddedBack: string[];
  LeftAlone: string[];
  NotRepaired: string[];
  TabsCreated: string[];
  HeadersRestored: string[];
  EventId: string;
};

describe("repair: planning", () => {
  it("reports field by field what a row gets wrong", () => {
    const expected = {...emptyWorker("W-000001"), name: "Ana", status: "Active" as const, version: 3};
    const actual = {
      row: 2,
      record: {...expected, status: "Suspended" as const, name: "Anna"},
      invalid: new Set(["version"]),
    };
    expect(workerDifferences(actual, expected)).to.deep.equal([
      "name: Anna → Ana",
      "status: Suspended → Active",
      "version: (unreadable) → 3",
    ]);
    expect(workerDifferences({row: 2, record: expected, invalid: new Set()}, expected)).to.deep.equal([]);
  });

  it("leaves rows without decisions and repeated ids alone, and does not trust a damaged log", () => {
    const e = (workerId: string, seq: number) => ({
      eventId: `E-${workerId}-${seq}`,
      time: "2026-01-01T00:00:00.000Z",
      actor: "a@x",
      workerId,
      type: "T",
      fromStatus: "",
      toStatus: "",
      reason: "",
      policyClause: "",
      evidence: "",
      details: "",
      changes: {name: workerId},
      seq,
      requestKey: "",
    });
    const row = (r: number, workerId: string) => ({
      row: r,
      record: {...emptyWorker(workerId), name: workerId},
      invalid: new Set<string>(),
    });
    const plan = planRepair(
      [e("W-1", 1), e("W-2", 1), e("W-2", 3), e("W-3", 1)],
      [row(2, "W-1"), row(3, "W-1"), row(4, "W-9"), row(5, "W-2")],
      new Map([["W-3", "Events sheet row 9: Seq: x"]]),
    );
    expect(plan.fixes.map((f) => f.workerId)).to.deep.equal(["W-1"]);
    expect(plan.leftAlone.map((l) => l.why)).to.deep.equal([
      "repeats the WorkerId of sheet row 2",
      "no decisions in the log",
    ]);
    expect(plan.unsafe).to.deep.equal([
      {workerId: "W-2", why: "E-W-2-3 has sequence 3 where 2 was expected."},
      {workerId: "W-3", why: "Events sheet row 9: Seq: x"},
    ]);
    expect(plan.missing).to.deep.equal([]);
  });
});

describe("RepairLedger against the emulator", function () {
  let f: LedgerFixture;
  let seeded: ReturnType<typeof buildLedgerRecords>;
  beforeEach(async () => {
    f = await setupLedger();
    seeded = buildLedgerRecords(generateWorkforce({count: 300, now: new Date().toISOString(), seed: 9}), {
      specialists: [f.team.specialist.email],
      leads: [f.team.lead.email, f.team.lead2.email],
    });
    writeLedgerRecords(f.emu.state, f.spreadsheetId, seeded);
  });
  afterEach(async () => f.close());

  const sheet = (title: string): Sheet =>
    f.emu.state.spreadsheets.get(f.spreadsheetId)?.sheets.find((s) => s.properties.title === title) as Sheet;
  const col = (header: string) => (sheet("Workers").rows[0] ?? []).indexOf(header);
  const repair = (as = f.team.lead, requestId?: string) =>
    f.run.formula<Report>("RepairLedger", [f.ledger, requestId], as);
  const workersAsSeeded = () => seeded.workers.map((w) => rowCells(WORKERS, w).map((v) => (v === undefined ? "" : v)));
  const workersNow = () =>
    sheet("Workers")
      .rows.slice(1)
      .map((r) => WORKERS.columns.map((_, i) => r?.[i] ?? ""));

  it("rewrites rows edited by hand, adds back a deleted row, leaves a stray row, and records it all", async () => {
    const rows = sheet("Workers").rows;
    (rows[5] as unknown[])[col("Status")] = "Actve";
    (rows[6] as unknown[])[col("Name")] = "Someone Else";
    (rows[7] as unknown[])[col("Version")] = 99;
    const deleted = rows.splice(9, 1)[0] as unknown[];
    rows.push(["W-999999", "Hand Added", "", "", "", "", "", "Active"]);
    const report = await repair();
    expect(report.Fixed).to.have.length(3);
    expect(report.Fixed[0]).to.match(/^W-\d{6} \(sheet row 6\): status: \(unreadable\) → \w+$/);
    expect(report.Fixed[1]).to.contain("name: Someone Else →");
    expect(report.Fixed[2]).to.match(/version: 99 → \d+/);
    expect(report.AddedBack).to.deep.equal([
      `${String(deleted[col("WorkerId")])} (${String(deleted[col("Name")])}, ${String(deleted[col("Status")])})`,
    ]);
    expect(report.LeftAlone).to.deep.equal([`sheet row ${rows.length} (W-999999): no decisions in the log`]);
    const logged = tabRecords(f, "Events").at(-1);
    expect(logged).to.deep.include({Type: "LedgerRepaired", Actor: f.team.lead.email, EventId: report.EventId});
    expect(String(logged?.Details)).to.contain("Fixed 3:");
    // Every worker row now equals what the log says, including the one added back at the end.
    const now = workersNow().filter((r) => r[0] !== "W-999999");
    const expected = workersAsSeeded();
    expect(now.map((r) => r[0]).sort()).to.deep.equal(expected.map((r) => r[0]).sort());
    const byId = new Map(now.map((r) => [r[0], r]));
    expect(expected.map((r) => byId.get(r[0]))).to.deep.equal(expected);
    // And the pack can act on the repaired and re-added workers again.
    const w = await f.run.formula<Record<string, unknown>>("RepairLedger", [f.ledger], f.team.lead2);
    expect(w.Fixed).to.deep.equal([]);
  });

  it("is for leads only", async () => {
    await expectUserError(repair(f.team.specialist), /RepairLedger needs the lead role/);
  });

  it("a repeat with the same requestId records one repair", async () => {
    (sheet("Workers").rows[5] as unknown[])[col("Status")] = "Actve";
    const first = await repair(f.team.lead, "fix-1");
    const again = await repair(f.team.lead, "fix-1");
    expect(again.EventId).to.equal(first.EventId);
    expect(tabRecords(f, "Events").filter((e) => e.Type === "LedgerRepaired")).to.have.length(1);
  });

  it("recreates a deleted Workers tab from the log, and restores a renamed header", async () => {
    const book = f.emu.state.spreadsheets.get(f.spreadsheetId);
    if (!book) {
      throw new Error("no book");
    }
    book.sheets = book.sheets.filter((s) => s.properties.title !== "Workers");
    (sheet("Blacklist").rows[0] as unknown[])[(sheet("Blacklist").rows[0] ?? []).indexOf("Reason")] = "Why";
    const report = await repair();
    expect(report.TabsCreated).to.deep.equal(["Workers"]);
    expect(report.HeadersRestored).to.deep.equal(["Blacklist!Reason"]);
    expect(report.AddedBack).to.have.length(seeded.workers.length);
    const synced = await f.run.sync<Record<string, unknown>>("Workers", [f.ledger], f.team.viewer);
    expect(synced.rows.map((r) => r.WorkerId)).to.deep.equal(seeded.workers.map((w) => w.workerId));
    expect(synced.rows.filter((r) => r.Problems)).to.deep.equal([]);
  });

  it("restores a header cell deleted by hand after the header: a note in the spare column beside it moves right, keeps no header and is not overwritten", async () => {
    const workers = sheet("Workers");
    const countryAt = col("Country");
    (workers.rows[0] as unknown[])[countryAt] = "";
    const header = [...(workers.rows[0] ?? [])];
    const width = header.length;
    const countries = workers.rows.slice(1).map((r) => r?.[countryAt]);
    // Someone's note in the first spare column, on a worker's row, under no header.
    (workers.rows[4] as unknown[])[width] = "called her on Monday, see ticket";
    const columnsBefore = workers.properties.gridProperties.columnCount;
    const report = await repair();
    expect(report.HeadersRestored).to.deep.equal(["Workers!Country"]);
    const repaired = sheet("Workers");
    const after = repaired.rows[0] as unknown[];
    // The note moved right with its column, still under no header, word for word.
    expect((repaired.rows[4] as unknown[])[width + 1]).to.equal("called her on Monday, see ticket");
    // The header goes right after the header's last cell, in a column inserted there.
    expect(after.slice(0, width + 1)).to.deep.equal([...header, "Country"]);
    expect(after[width + 1] ?? "").to.equal("");
    expect(repaired.properties.gridProperties.columnCount).to.equal(columnsBefore + 1);
    // The restored column holds every worker's country again, rebuilt from the log; the old
    // column's cells, now headerless, are left as they were.
    expect(repaired.rows.slice(1).map((r) => r?.[width])).to.deep.equal(countries);
    expect(repaired.rows.slice(1).map((r) => r?.[countryAt])).to.deep.equal(countries);
    const synced = await f.run.sync<Record<string, unknown>>("Workers", [f.ledger], f.team.viewer);
    expect(synced.rows.filter((r) => r.Problems)).to.deep.equal([]);
  });

  it("restores a header cell when the grid is exactly as wide as the header (the grid is widened, not written past)", async () => {
    const blacklist = sheet("Blacklist");
    const header = blacklist.rows[0] as unknown[];
    header[header.indexOf("Reason")] = "Why";
    const width = header.length;
    blacklist.properties.gridProperties.columnCount = width;
    const report = await repair();
    expect(report.HeadersRestored).to.deep.equal(["Blacklist!Reason"]);
    const repaired = sheet("Blacklist");
    expect(repaired.properties.gridProperties.columnCount).to.equal(width + 1);
    expect(repaired.rows[0]).to.have.length(width + 1);
    expect(repaired.rows[0]?.[width]).to.equal("Reason");
    expect(repaired.rows[0]).to.include("Why");
    // And a second run finds nothing to restore.
    const again = await repair();
    expect(again.HeadersRestored).to.deep.equal([]);
    expect(sheet("Blacklist").properties.gridProperties.columnCount).to.equal(width + 1);
  });

  it("refuses, with directions, when the log itself is gone", async () => {
    const book = f.emu.state.spreadsheets.get(f.spreadsheetId);
    if (book) {
      book.sheets = book.sheets.filter((s) => s.properties.title !== "Events");
    }
    await expectUserError(repair(), /no "Events" tab, which cannot be rebuilt.*Version history/);
  });

  it("does not rewrite a worker whose own log rows were damaged", async () => {
    const events = sheet("Events");
    const seqCol = (events.rows[0] ?? []).indexOf("Seq");
    const wid = (events.rows[0] ?? []).indexOf("WorkerId");
    const victim = events.rows.findIndex(
      (r, i) => i > 5 && typeof r?.[wid] === "string" && String(r[wid]).startsWith("W-"),
    );
    (events.rows[victim] as unknown[])[seqCol] = "x";
    const report = await repair();
    expect(report.NotRepaired).to.deep.equal([
      `${String((events.rows[victim] as unknown[])[wid])}: Events sheet row ${victim + 1}: Seq: "x" is not a whole number`,
    ]);
  });
});
