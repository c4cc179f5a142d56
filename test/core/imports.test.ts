import {expect} from "chai";
import {indexLedgerKeys, mapImportHeader, planImport, requireImportColumns} from "../../pack/core/imports";
import {isDomainError} from "../../pack/core/errors";

const header = ["Full name", "E-mail", "País", "Phone"];
const columns = mapImportHeader(header);
const base = {
  columns,
  label: "Recruiter sheet",
  actor: {email: "spec@example.com", role: "specialist" as const},
  now: "2026-01-05T10:00:00.000Z",
  fingerprintKey: "00".repeat(32),
  requestKey: "r:import-1",
  alreadyAdded: new Set<number>(),
};

describe("imports: planning a recruiter sheet", () => {
  it("finds columns by any spelling and refuses a sheet without an email column", () => {
    expect(columns).to.deep.equal({name: 0, email: 1, country: 2, phone: 3});
    let caught: unknown;
    try {
      requireImportColumns(mapImportHeader(["Name", "Country"]), ["Name", "Country"]);
    } catch (err) {
      caught = err;
    }
    expect(isDomainError(caught) && caught.code).to.equal("SOURCE_HEADER");
  });

  it("adds the new, skips repeats of the sheet and of the ledger with the reason, and reports unreadable rows", () => {
    // Columns: worker id, name, email key, recent requests, status.
    const ledger = indexLedgerKeys([
      ["W-000001", "W-000002"],
      ["Ana Pérez", "Eve Black"],
      ["ana@example.com", "eve@example.com"],
      ["", ""],
      ["Applicant", "Blacklisted"],
    ]);
    const plan = planImport(
      [
        {row: 2, cells: ["Bo Li", "bo@example.com", "MX", ""]},
        {row: 3, cells: ["Bo Again", "BO@example.com", "MX", ""]},
        {row: 4, cells: ["Ana P", "ana@example.com", "MX", ""]},
        {row: 5, cells: ["No Mail", "", "MX", ""]},
        {row: 6, cells: ["", "", "", ""]},
        {row: 7, cells: ["Eve B", "eve@example.com", "MX", ""]},
        {row: 8, cells: ["Bo Li", "bo.other@example.com", "MX", ""]},
      ],
      {...base, ledger},
    );
    // Only the same canonical email is skipped: the second Bo Li (another address) is added, to be screened.
    expect(plan.fresh.map((f) => f.row)).to.deep.equal([2, 8]);
    expect(plan.skipped).to.deep.equal([
      {row: 3, reason: "Bo Again repeats row 2 of the sheet (same canonical email bo@example.com)."},
      {
        row: 4,
        reason:
          "ana@example.com is already in the ledger as W-000001 Ana Pérez (Applicant) (same canonical email ana@example.com). Open that worker instead of adding a second one.",
      },
      {
        row: 7,
        reason:
          "eve@example.com is already in the ledger as W-000002 Eve Black (Blacklisted) (same canonical email eve@example.com). That worker is Blacklisted: do not add this person again; if this is an appeal, open a dispute on W-000002.",
      },
    ]);
    expect(plan.problems.map((p) => p.row)).to.deep.equal([5]);
    expect(ledger.lastRow).to.equal(3);
  });

  it("neither adds nor reports a row an earlier commit of the same call added", () => {
    const plan = planImport([{row: 2, cells: ["Bo Li", "bo@example.com", "MX", ""]}], {
      ...base,
      ledger: indexLedgerKeys([]),
      alreadyAdded: new Set([2]),
    });
    expect(plan).to.deep.equal({fresh: [], skipped: [], problems: [], notes: []});
  });
});
