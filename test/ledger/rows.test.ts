import {expect} from "chai";
import {DISPUTES, WORKERS} from "../../pack/ledger/store/layout";
import {
  columnLetter,
  layoutHeader,
  mapHeader,
  markDuplicateIds,
  matchesLayout,
  parseRow,
  parseRows,
  runsForUpdate,
  unplacedColumns,
} from "../../pack/ledger/store/rows";

/** A Workers row in the layout's column order, from some of its fields. */
function workerCells(fields: Record<string, string>): string[] {
  return WORKERS.columns.map((c) => fields[c.key] ?? "");
}

describe("ledger rows: reading tabs people have edited", () => {
  it("finds columns by header in any order, ignoring case, spaces and punctuation, and through aliases", () => {
    const map = mapHeader(WORKERS, ["status", "Notes (ours)", "Worker Id", "NAME", "e-mail", "Time zone"]);
    expect(map.index.get("status")).to.equal(0);
    expect(map.index.get("workerId")).to.equal(2);
    expect(map.index.get("name")).to.equal(3);
    expect(map.index.get("timezone")).to.equal(5);
    // Punctuation is dropped before comparing, so "e-mail" is the Email column.
    expect(map.index.get("email")).to.equal(4);
    expect(map.missing.map((c) => c.key)).to.include("country");
    expect(matchesLayout(map)).to.equal(false);
    expect(matchesLayout(layoutHeader(WORKERS))).to.equal(true);
  });

  it("reads a ragged row (Sheets leaves out trailing empty cells) as empty fields; only required ones are reported", () => {
    const map = layoutHeader(WORKERS);
    const parsed = parseRow(map, ["W-000001", "Ana Díaz", "ana@example.org"], 5);
    expect(parsed.row).to.equal(5);
    expect(parsed.record.workerId).to.equal("W-000001");
    expect(parsed.record.email).to.equal("ana@example.org");
    expect(parsed.record.country).to.equal("");
    expect(parsed.record.projects).to.equal("");
    // Status and Version are required: only those are reported, by name.
    expect(parsed.problems).to.deep.equal(["Status is empty", "Version is empty"]);
    expect([...parsed.invalid]).to.deep.equal(["status", "version"]);
  });

  it("reports an unreadable cell with its column and keeps the rest of the row", () => {
    const map = layoutHeader(WORKERS);
    const cells = workerCells({workerId: "W-000002", name: "Bo Li", status: "Sleeping", version: "3"});
    const parsed = parseRow(map, cells, 9);
    expect(parsed.record.name).to.equal("Bo Li");
    expect(parsed.problems).to.have.length(1);
    expect(parsed.problems[0]).to.match(/^Status: /);
    expect(parsed.invalid.has("status")).to.equal(true);
  });

  it("names a required column the tab does not have", () => {
    const map = mapHeader(WORKERS, ["WorkerId", "Status", "Version"]);
    const parsed = parseRow(map, ["W-000003", "Active", "1"], 2);
    expect(parsed.problems).to.deep.equal(["the Workers tab has no Name column"]);
  });

  it("skips blank rows and keeps every other row's sheet row number", () => {
    const map = layoutHeader(WORKERS);
    const rows = parseRows(
      map,
      [
        workerCells({workerId: "W-000001"}),
        [],
        ["", "", null as unknown as string],
        workerCells({workerId: "W-000002"}),
      ],
      2,
    );
    expect(rows.map((r) => [r.row, r.record.workerId])).to.deep.equal([
      [2, "W-000001"],
      [5, "W-000002"],
    ]);
  });

  it("updates only our columns, in runs, leaving a column someone inserted by hand alone", () => {
    const map = mapHeader(WORKERS, ["WorkerId", "Name", "Their notes", "Status"]);
    const record = parseRow(
      layoutHeader(WORKERS),
      workerCells({workerId: "W-000004", name: "Cy", status: "Active", version: "1"}),
      2,
    ).record;
    const runs = runsForUpdate(map, record);
    expect(runs.map((r) => [r.column, r.cells.length])).to.deep.equal([
      [0, 2],
      [3, 1],
    ]);
  });

  it("names the columns the sheet lacks that a record would write something into (an older layout)", () => {
    const old = WORKERS.columns.filter(
      (c) => !["screeningVerdict", "screenedAt", "screeningClearance"].includes(c.key),
    );
    const map = mapHeader(
      WORKERS,
      old.map((c) => c.header),
    );
    const fresh = parseRow(layoutHeader(WORKERS), workerCells({workerId: "W-000005", name: "Di", version: "3"}), 2);
    // Nothing in the missing columns (an empty text, an empty clearance): nothing would be lost.
    expect(unplacedColumns(map, fresh.record)).to.deep.equal([]);
    const screened = {
      ...fresh.record,
      screeningVerdict: "Match",
      screeningClearance: {by: "l@x", at: "t", reason: "r", screenedAt: "t", screeningKey: "k", eventId: "E-1"},
    };
    expect(unplacedColumns(map, screened).map((c) => c.header)).to.deep.equal([
      "ScreeningVerdict",
      "ScreeningClearance",
    ]);
    expect(unplacedColumns(layoutHeader(WORKERS), screened)).to.deep.equal([]);
  });

  it("spells column letters past Z", () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).to.deep.equal([
      "A",
      "Z",
      "AA",
      "AB",
      "AZ",
      "BA",
      "ZZ",
      "AAA",
    ]);
  });

  it("gives a repeated id a distinct one that names both rows, so neither copy hides the other", () => {
    const map = layoutHeader(DISPUTES);
    const idAt = DISPUTES.columns.findIndex((c) => c.key === "disputeId");
    const summaryAt = DISPUTES.columns.findIndex((c) => c.key === "summary");
    const row = (id: string) =>
      DISPUTES.columns.map((_, i) => (i === idAt ? id : i === summaryAt ? "Late payment" : ""));
    const rows = markDuplicateIds(
      parseRows(map, [row("D-000001"), row("D-000002"), row("D-000001"), row("")], 2),
      "disputeId",
      "DisputeId",
    );
    expect(rows.map((r) => r.record.disputeId)).to.deep.equal(["D-000001", "D-000002", "D-000001@row4", ""]);
    expect(rows[2]?.problems.at(-1)).to.equal("DisputeId D-000001 is also on sheet row 2; remove or renumber the copy");
    expect(rows[0]?.problems.some((p) => p.includes("also on sheet row"))).to.equal(false);
  });
});
