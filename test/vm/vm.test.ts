import {expect} from "chai";
import {existsSync} from "node:fs";
import {BUNDLE_PATH} from "../helpers/runner";
import type {LedgerFixture} from "../helpers/fixture";
import {daysFromNow, expectUserError, setupLedger, tabRecords} from "../helpers/fixture";

type Worker = Record<string, unknown> & {WorkerId: string; Status: string};

/** The built bundle inside isolated-vm, as Coda runs it: no Node, no timers, errors marshalled out. */
describe("the built bundle in isolated-vm", function () {
  let f: LedgerFixture;
  before(function () {
    if (!existsSync(BUNDLE_PATH)) {
      throw new Error(`${BUNDLE_PATH} is missing: run npm run build first (npm test does).`);
    }
  });
  beforeEach(async () => {
    f = await setupLedger({mode: "vm"});
  });
  afterEach(async () => f.close());

  it("runs actions, returns rows, and writes the ledger", async () => {
    const w = await f.run.formula<Worker>(
      "AddApplicant",
      [f.ledger, "Olena Шевченко", "olena.sh+jobs@gmail.com", "Ukraine", "050 123 4567", "Europe/Kyiv"],
      f.team.specialist,
    );
    expect(w).to.deep.include({WorkerId: "W-000001", Status: "Applicant", Phone: "+380501234567", Country: "UA"});
    await f.run.formula("StartVetting", [f.ledger, w.WorkerId], f.team.specialist);
    await f.run.formula("ApproveWorker", [f.ledger, w.WorkerId], f.team.specialist);
    const s = await f.run.formula<Worker>(
      "SuspendWorker",
      [f.ledger, w.WorkerId, '=HYPERLINK("x")', "CoC 4.2", daysFromNow(10), undefined, false, "vm-1"],
      f.team.specialist,
    );
    expect(s.Status).to.equal("Suspended");
    const again = await f.run.formula<Worker>(
      "SuspendWorker",
      [f.ledger, w.WorkerId, '=HYPERLINK("x")', "CoC 4.2", daysFromNow(10), undefined, false, "vm-1"],
      f.team.specialist,
    );
    expect(again).to.deep.equal(s);
    const events = tabRecords(f, "Events").filter((e) => e.WorkerId === w.WorkerId);
    // The Screened event written at intake sits after ApplicantAdded.
    expect(events.map((e) => e.Type)).to.deep.equal([
      "ApplicantAdded",
      "Screened",
      "VettingStarted",
      "Approved",
      "Suspended",
    ]);
    expect(events[4]?.Reason).to.equal('=HYPERLINK("x")');
  });

  it("syncs a page with a continuation", async () => {
    for (const email of ["a@example.org", "b@example.org"]) {
      await f.run.formula("AddApplicant", [f.ledger, "Ana", email, "MX"], f.team.specialist);
    }
    const page = await f.run.syncPage<Worker>("Workers", [f.ledger], f.team.viewer);
    expect(page.result.map((r) => r.WorkerId)).to.deep.equal(["W-000001", "W-000002"]);
    expect(page.continuation).to.equal(undefined);
    const log = await f.run.syncPage<Record<string, unknown>>("DecisionLog", [f.ledger, "W-000002"], f.team.viewer);
    expect(log.result.map((r) => r.Type)).to.deep.equal(["Screened", "ApplicantAdded"]);
  });

  it("marshals refusals out as UserVisibleError and a 401 untouched", async () => {
    await expectUserError(
      f.run.formula("StartVetting", [f.ledger, "W-000009"], f.team.specialist),
      /no worker W-000009/,
    );
    f.team.viewer.revoked = true;
    let caught: (Error & {statusCode?: number}) | undefined;
    try {
      await f.run.syncPage("Workers", [f.ledger], f.team.viewer);
    } catch (err) {
      caught = err as Error & {statusCode?: number};
    }
    expect(caught?.name).to.equal("StatusCodeError");
    expect(caught?.statusCode).to.equal(401);
  });
});
