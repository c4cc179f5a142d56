// readColumns keeps a 100,000-row read of a few columns small: fields not read come from one shared
// empty record, and rows with nothing wrong share one empty problem list and invalid set.
import {expect} from "chai";
import type {Google} from "../../pack/google/http";
import {columns, readColumns} from "../../pack/ledger/store/columns";
import {WORKERS} from "../../pack/ledger/store/layout";
import {emptyRecord} from "../../pack/ledger/store/rows";
import type {WorkerRecord} from "../../pack/core/records";
import type {LedgerFixture} from "../helpers/fixture";
import {setupLedger} from "../helpers/fixture";
import {appendRecords} from "../helpers/ledger-rows";
import {EmulatorFetcher} from "../helpers/fetcher";

describe("ledger/store/columns: records read by column", () => {
  let f: LedgerFixture;
  let g: Google;
  before(async () => {
    f = await setupLedger();
    const worker = (n: number, patch: Partial<WorkerRecord> = {}): WorkerRecord => ({
      ...emptyRecord(WORKERS),
      workerId: `W-${String(n).padStart(6, "0")}`,
      name: `Worker ${n}`,
      status: "Active",
      country: "PT",
      ...patch,
    });
    appendRecords(f.emu.state, f.spreadsheetId, WORKERS, [
      worker(1),
      worker(2, {country: "BR", timezone: "America/Sao_Paulo"}),
      worker(3, {status: "" as WorkerRecord["status"]}),
    ]);
    g = {
      fetcher: new EmulatorFetcher({baseUrl: f.emu.url, token: f.team.lead.token, mode: "node"}),
      deadline: Date.now() + 60_000,
    };
  });
  after(async () => f.close());

  const read = async () =>
    (
      await readColumns(
        g,
        {spreadsheetId: f.spreadsheetId, url: f.ledger},
        [columns(WORKERS, ["workerId", "status", "country", "timezone"])],
        "read",
      )
    )[0].rows;

  it("gives the fields read, and every other field its empty value", async () => {
    const rows = await read();
    const empty = emptyRecord(WORKERS);
    expect(rows.map((r) => [r.record.workerId, r.record.country, r.record.timezone])).to.deep.equal([
      ["W-000001", "PT", ""],
      ["W-000002", "BR", "America/Sao_Paulo"],
      ["W-000003", "PT", ""],
    ]);
    for (const r of rows) {
      expect(r.record.name).to.equal(empty.name); // Not read: the empty value, not the sheet's "Worker n".
      expect(r.record.pendingActions).to.deep.equal(empty.pendingActions);
    }
  });

  it("shares one empty record among the rows, and one empty problem list and invalid set among rows with nothing wrong", async () => {
    const [a, b, c] = await read();
    expect(Object.getPrototypeOf(a?.record)).to.equal(Object.getPrototypeOf(b?.record));
    expect(Object.keys(b?.record ?? {})).to.have.length(4); // Own fields: only the four read.
    expect(a?.problems).to.equal(b?.problems);
    expect(a?.invalid).to.equal(b?.invalid);
    expect(() => (a?.invalid as Set<string>).add("status")).to.throw(/shared empty invalid set/);
    // A row with something wrong has its own.
    expect(c?.invalid.has("status")).to.equal(true);
    expect(c?.invalid).to.not.equal(a?.invalid);
    expect(c?.problems.join()).to.match(/Status/);
  });

  it("setting a field on one row changes no other row, and list defaults cannot be changed in place", async () => {
    const [a, b] = await read();
    if (!a || !b) {
      throw new Error("rows expected");
    }
    a.record.name = "Changed";
    expect(b.record.name).to.equal("");
    expect(() => (a.record.pendingActions as unknown[]).push("x")).to.throw(TypeError);
  });
});
