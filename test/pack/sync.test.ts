import {expect} from "chai";
import {buildLedgerRecords, writeLedgerRecords} from "../helpers/workforce-seed";
import {generateWorkforce} from "../helpers/workforce";
import type {LedgerFixture} from "../helpers/fixture";
import {expectUserError, setupLedger} from "../helpers/fixture";
import type {Sheet} from "../../emulator/model";

type Row = Record<string, unknown>;

describe("sync tables read a real, imperfect ledger", function () {
  let f: LedgerFixture;
  let seeded: ReturnType<typeof buildLedgerRecords>;

  before(async () => {
    f = await setupLedger();
    seeded = buildLedgerRecords(generateWorkforce({count: 4_500, now: new Date().toISOString()}), {
      specialists: [f.team.specialist.email],
      leads: [f.team.lead.email, f.team.lead2.email],
    });
    writeLedgerRecords(f.emu.state, f.spreadsheetId, seeded);
  });
  after(async () => f.close());

  const sheet = (title: string): Sheet => {
    const found = f.emu.state.spreadsheets.get(f.spreadsheetId)?.sheets.find((s) => s.properties.title === title);
    if (!found) {
      throw new Error(title);
    }
    return found;
  };
  const headerIndex = (title: string, header: string) => (sheet(title).rows[0] ?? []).indexOf(header);

  it("pages through every worker in a few requests and filters in the pack", async () => {
    const before = f.run.connection(f.team.viewer).counters.requests;
    const all = await f.run.sync<Row>("Workers", [f.ledger], f.team.viewer);
    expect(all.rows).to.have.length(4_500);
    expect(all.pages).to.equal(3);
    // Grid size, three pages, and (once) who is syncing: userinfo and the Staff tab decide NextSteps.
    expect(f.run.connection(f.team.viewer).counters.requests - before).to.equal(6);
    // A viewer is offered no step.
    expect(all.rows.filter((r) => ((r.NextSteps as string[] | undefined) ?? []).length)).to.have.length(0);
    expect(new Set(all.rows.map((r) => r.WorkerId)).size).to.equal(4_500);
    const expected = seeded.workers
      .filter((w) => w.status === "Suspended" && ["IN", "MX"].includes(w.country))
      .map((w) => w.workerId);
    const some = await f.run.sync<Row>("Workers", [f.ledger, ["suspended"], ["India", "mx"]], f.team.viewer);
    expect(some.rows.map((r) => r.WorkerId)).to.deep.equal(expected);
    // Few suspensions outlive their end in the generated workforce (most are reinstated or offboarded).
    expect(expected.length).to.be.greaterThan(1);
  });

  it("reports a row edited by hand into nonsense with its sheet row number, and still syncs the rest", async () => {
    const rows = sheet("Workers").rows;
    const target = rows[10] as Array<string | number | boolean | undefined>;
    const id = String(target[headerIndex("Workers", "WorkerId")]);
    target[headerIndex("Workers", "Status")] = "Actve";
    target[headerIndex("Workers", "Version")] = "three";
    target[headerIndex("Workers", "StatusSince")] = "31/31/2026";
    target[headerIndex("Workers", "RiskNotes")] = "#REF!";
    target[headerIndex("Workers", "PendingBlacklist")] = "{not json";
    const all = await f.run.sync<Row>("Workers", [f.ledger], f.team.viewer);
    expect(all.rows).to.have.length(4_500);
    const broken = all.rows.find((r) => r.WorkerId === id) as Row;
    expect(broken.Status).to.equal(undefined);
    expect(broken.Version).to.equal(undefined);
    expect(broken.Problems).to.equal(
      'Sheet row 11: Status: "Actve" is not one of Applicant, Vetting, Active, Suspended, Offboarded, Blacklisted, Rejected; StatusSince: "31/31/2026" is ambiguous (day/month or month/day); write it as YYYY-MM-DD; RiskNotes: the cell shows the formula error #REF!; PendingBlacklist: the cell is not valid JSON; Version: "three" is not a whole number.',
    );
    expect(all.rows.filter((r) => r.Problems)).to.have.length(1);
    // A status filter keeps the row whose status cannot be read, rather than hiding it.
    const active = await f.run.sync<Row>("Workers", [f.ledger, ["Active"]], f.team.viewer);
    expect(active.rows.some((r) => r.WorkerId === id)).to.equal(true);
    // Actions refuse to act on a row they cannot trust, and say where it is.
    await expectUserError(
      f.run.formula("OffboardWorker", [f.ledger, id, "x"], f.team.specialist),
      /Sheet row 11 of the Workers tab .* cannot be trusted/,
    );
    // A viewer is told about their role, never about another worker's row.
    const shown = await expectUserError(
      f.run.formula("OffboardWorker", [f.ledger, id, "x"], f.team.viewer),
      /needs the specialist role/,
    );
    expect(shown.message).to.not.match(/Actve|row 11/);
    target[headerIndex("Workers", "Status")] = "Active";
    target[headerIndex("Workers", "Version")] = seeded.workers.find((w) => w.workerId === id)?.version;
    target[headerIndex("Workers", "StatusSince")] = 46027;
    target[headerIndex("Workers", "RiskNotes")] = "";
    target[headerIndex("Workers", "PendingBlacklist")] = "";
  });

  it("reads dates typed by hand in several formats", async () => {
    const rows = sheet("Workers").rows;
    const col = headerIndex("Workers", "StatusSince");
    const formats: Array<[string | number, string]> = [
      [46027, "2026-01-05T00:00:00.000Z"],
      ["5 Jan 2026", "2026-01-05T00:00:00.000Z"],
      ["2026-01-05", "2026-01-05T00:00:00.000Z"],
      ["25/12/2025", "2025-12-25T00:00:00.000Z"],
    ];
    formats.forEach(([value], i) => ((rows[20 + i] as unknown[])[col] = value));
    const all = await f.run.sync<Row>("Workers", [f.ledger], f.team.viewer);
    const ids = formats.map((_, i) => String((rows[20 + i] as unknown[])[headerIndex("Workers", "WorkerId")]));
    expect(ids.map((id) => all.rows.find((r) => r.WorkerId === id)?.StatusSince)).to.deep.equal(
      formats.map(([, iso]) => iso),
    );
  });

  it("finds columns by header wherever they were moved, and reports a renamed one", async () => {
    const ws = sheet("Workers");
    const original = ws.rows.map((r) => (r ? [...r] : r));
    try {
      // Move Status to the far right and swap Name and Email.
      const s = headerIndex("Workers", "Status");
      const n = headerIndex("Workers", "Name");
      const e = headerIndex("Workers", "Email");
      const width = (ws.rows[0] ?? []).length;
      for (const row of ws.rows) {
        if (!row) {
          continue;
        }
        const status = row[s];
        row[s] = "";
        row[width + 2] = status;
        [row[n], row[e]] = [row[e], row[n]];
      }
      ws.properties.gridProperties.columnCount = Math.max(ws.properties.gridProperties.columnCount, width + 3);
      const moved = await f.run.sync<Row>("Workers", [f.ledger], f.team.viewer);
      const w = seeded.workers[100];
      expect(moved.rows.find((r) => r.WorkerId === w?.workerId)).to.deep.include({
        Name: w?.name,
        Email: w?.email,
        Status: w?.status,
      });
      (ws.rows[0] as unknown[])[width + 2] = "State";
      const renamed = await f.run.sync<Row>("Workers", [f.ledger], f.team.viewer);
      expect(renamed.rows).to.have.length(4_500);
      expect(renamed.rows[0]?.Problems).to.match(/^Sheet row 2: the Workers tab has no Status column/);
      await expectUserError(
        f.run.formula("OffboardWorker", [f.ledger, w?.workerId, "x"], f.team.specialist),
        /cannot be trusted: the Workers tab has no Status column/,
      );
    } finally {
      ws.rows = original;
    }
  });

  it("crosses thousands of blank rows without dropping the rows after them", async () => {
    const ws = sheet("Workers");
    const original = ws.rows.map((r) => (r ? [...r] : r));
    const grid = ws.properties.gridProperties.rowCount;
    try {
      const tail = ws.rows.splice(1000, 500);
      for (let i = 0; i < 30_000; i++) {
        ws.rows.push([]);
      }
      ws.rows.push(...tail);
      ws.properties.gridProperties.rowCount = ws.rows.length + 10;
      const all = await f.run.sync<Row>("Workers", [f.ledger], f.team.viewer);
      expect(all.rows).to.have.length(4_500);
      expect(all.pages).to.be.below(12);
    } finally {
      ws.rows = original;
      ws.properties.gridProperties.rowCount = grid;
    }
  });

  it("keeps both rows when a WorkerId was copied by hand, and says which is the copy", async () => {
    const ws = sheet("Workers");
    const copy = [...(ws.rows[5] as unknown[])];
    ws.rows.splice(7, 0, copy as never);
    try {
      const all = await f.run.sync<Row>("Workers", [f.ledger], f.team.viewer);
      expect(all.rows).to.have.length(4_501);
      const id = String(copy[headerIndex("Workers", "WorkerId")]);
      const dup = all.rows.find((r) => r.WorkerId === `${id}@row8`);
      expect(dup?.Problems).to.equal(
        `Sheet row 8: WorkerId ${id} is also on sheet row 6; remove or renumber the copy.`,
      );
    } finally {
      ws.rows.splice(7, 1);
    }
  });

  it("the decision log pages newest first through the whole log and finds one worker's decisions", async () => {
    const log = await f.run.sync<Row>("DecisionLog", [f.ledger], f.team.viewer);
    expect(log.rows).to.have.length(Math.min(10_000, seeded.events.length + 5));
    const times = log.rows.map((r) => String(r.Time));
    expect([...times].sort().reverse()).to.deep.equal(times);
    const someone = seeded.workers.find((w) => w.version >= 5) as (typeof seeded.workers)[number];
    const mine = await f.run.sync<Row>("DecisionLog", [f.ledger, someone.workerId], f.team.viewer);
    expect(mine.rows.map((r) => r.Seq)).to.deep.equal(
      Array.from({length: someone.version}, (_, i) => someone.version - i),
    );
  });

  it("syncs the Workers table even when another tab is missing, and names a missing tab clearly", async () => {
    const book = f.emu.state.spreadsheets.get(f.spreadsheetId);
    const blacklist = sheet("Blacklist");
    if (!book) {
      throw new Error("no book");
    }
    book.sheets = book.sheets.filter((s) => s !== blacklist);
    try {
      expect((await f.run.sync<Row>("Workers", [f.ledger], f.team.viewer)).rows).to.have.length(4_500);
      await expectUserError(f.run.sync("Blacklist", [f.ledger], f.team.viewer), /The ledger has no "Blacklist" tab/);
      await expectUserError(
        f.run.formula("ApproveBlacklist", [f.ledger, "W-000001"], f.team.lead2),
        /The ledger has no "Blacklist" tab/,
      );
    } finally {
      book.sheets.splice(2, 0, blacklist);
    }
  });
});
