// OffboardWorkers and SuspendWorkers against the emulator: 200 workers with a mix of refusals.
import {expect} from "chai";
import type {LedgerFixture} from "../helpers/fixture";
import {expectUserError, tabRecords} from "../helpers/fixture";
import type {WorkerState} from "../helpers/worlds";
import {buildWorld} from "../helpers/worlds";
import {BULK} from "../../pack/ledger/bulk";

type Summary = {
  Summary: string;
  Done: number;
  Refused: Array<{WorkerId: string; Rule: string; Message: string}>;
  Remaining: string[];
};

const id = (n: number) => `W-${String(n).padStart(6, "0")}`;

describe("bulk steps", function () {
  this.timeout(180_000);
  let f: LedgerFixture;
  // 200 workers: every tenth Blacklisted, every fifteenth (not tenth) Rejected, the rest Active.
  const states: WorkerState[] = Array.from({length: 200}, (_, i) =>
    (i + 1) % 10 === 0 ? "Blacklisted" : (i + 1) % 15 === 0 ? "Rejected" : "Active",
  );
  const refusedIds = states.flatMap((s, i) => (s === "Active" ? [] : [id(i + 1)]));
  beforeEach(async () => {
    f = await buildWorld({workers: states.map((state, i) => ({state, email: `w${i + 1}@example.com`}))});
  });
  afterEach(async () => {
    BULK.budgetMs = 45_000;
    await f.close();
  });

  it("offboards 200 workers with a mix of refusals inside the time limit, each its own decision", async () => {
    const ids = states.map((_, i) => id(i + 1));
    const started = Date.now();
    const summary = await f.run.formula<Summary>(
      "OffboardWorkers",
      [f.ledger, ids, "Project Atlas ended on 30 November", false, "bulk-1"],
      f.team.specialist,
    );
    const seconds = (Date.now() - started) / 1000;
    expect(seconds).to.be.below(60);
    expect(summary.Done).to.equal(200 - refusedIds.length);
    expect(summary.Remaining).to.deep.equal([]);
    expect(summary.Refused.map((r) => r.WorkerId)).to.deep.equal(refusedIds);
    expect(summary.Refused.every((r) => r.Rule === "transition")).to.equal(true);
    expect(summary.Refused[0]?.Message).to.match(/the worker is Blacklisted/);
    const offboarded = tabRecords(f, "Events").filter((e) => e.Type === "Offboarded");
    expect(offboarded).to.have.length(200 - refusedIds.length);
    expect(new Set(offboarded.map((e) => e.WorkerId)).size).to.equal(offboarded.length);
    // Each worker moved by its own decision: its version lock advanced once.
    const workers = tabRecords(f, "Workers");
    expect(workers.filter((w) => w.Status === "Offboarded")).to.have.length(200 - refusedIds.length);
  });

  it("stops before its time runs out and continues with the same requestId; done workers are not decided twice", async () => {
    const ids = states.slice(0, 30).map((_, i) => id(i + 1));
    BULK.budgetMs = -1; // the first worker only: every later one is past the budget
    const first = await f.run.formula<Summary>(
      "SuspendWorkers",
      [f.ledger, ids, "Shared answers on 28 November", "CoC 4.2", undefined, "", false, "bulk-2"],
      f.team.specialist,
    );
    expect(first.Done).to.equal(1);
    expect(first.Remaining).to.deep.equal(ids.slice(1));
    BULK.budgetMs = 45_000;
    const second = await f.run.formula<Summary>(
      "SuspendWorkers",
      [f.ledger, ids, "Shared answers on 28 November", "CoC 4.2", undefined, "", false, "bulk-2"],
      f.team.specialist,
    );
    expect(second.Remaining).to.deep.equal([]);
    expect(second.Done).to.equal(30 - refusedIds.filter((r) => ids.includes(r)).length);
    const suspended = tabRecords(f, "Events").filter((e) => e.Type === "Suspended");
    expect(suspended).to.have.length(second.Done);
    expect(tabRecords(f, "Workers").find((w) => w.WorkerId === id(1))?.SuspensionKind).to.equal("PendingInvestigation");
  });

  it("refuses more than 200 ids, a malformed id, and a viewer for every worker", async () => {
    const many = Array.from({length: 201}, (_, i) => id(i + 1));
    await expectUserError(
      f.run.formula("OffboardWorkers", [f.ledger, many, "Ended"], f.team.specialist),
      /201 worker ids were given; a bulk step takes up to 200/,
    );
    await expectUserError(
      f.run.formula("OffboardWorkers", [f.ledger, ["W-000001", "nobody"], "Ended"], f.team.specialist),
      /"nobody" is not a worker id/,
    );
    const summary = await f.run.formula<Summary>(
      "OffboardWorkers",
      [f.ledger, ["W-000001", "W-000002"], "Ended"],
      f.team.viewer,
    );
    expect(summary.Done).to.equal(0);
    expect(summary.Refused.map((r) => r.Rule)).to.deep.equal(["role", "role"]);
    expect(tabRecords(f, "Events").filter((e) => e.Type === "Offboarded")).to.have.length(0);
  });
});
