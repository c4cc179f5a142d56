// Issue 16, item 3: the pack branches on an error's status and on the index of the failing
// subrequest, never on its wording, which Google does not document (google.rpc.Status: `code` is
// what clients handle, `message` is for developers; https://cloud.google.com/apis/design/errors).
// Every test here runs with the emulator rewording each error (Faults.rewordErrors): only the status,
// the ErrorInfo reason and "requests[N]" survive.
import {expect} from "chai";
import type {LedgerFixture} from "../helpers/fixture";
import {daysFromNow, expectUserError, setupLedger, tabRecords} from "../helpers/fixture";
import type {Sheet} from "../../emulator/model";

type Worker = Record<string, unknown> & {WorkerId: string; Status: string; Version: number};

describe("errors are told apart by status and failing subrequest, not by their wording", function () {
  let f: LedgerFixture;
  beforeEach(async () => {
    f = await setupLedger({faults: {rewordErrors: true}});
  });
  afterEach(async () => f.close());

  const activeWorker = async (email = "ana@example.org") => {
    const w = await f.run.formula<Worker>("AddApplicant", [f.ledger, "Ana Pérez", email, "MX"], f.team.specialist);
    await f.run.formula("StartVetting", [f.ledger, w.WorkerId], f.team.specialist);
    return f.run.formula<Worker>("ApproveWorker", [f.ledger, w.WorkerId], f.team.specialist);
  };
  const book = () => {
    const found = f.emu.state.spreadsheets.get(f.spreadsheetId);
    if (!found) {
      throw new Error("no spreadsheet");
    }
    return found;
  };
  const removeTab = (title: string): Sheet => {
    const sheet = book().sheets.find((s) => s.properties.title === title);
    if (!sheet) {
      throw new Error(title);
    }
    book().sheets = book().sheets.filter((s) => s !== sheet);
    return sheet;
  };

  it("names a missing tab from the spreadsheet's tab list, for syncs, actions and column reads", async () => {
    const w = await activeWorker();
    removeTab("Blacklist");
    await expectUserError(f.run.sync("Blacklist", [f.ledger], f.team.viewer), /The ledger has no "Blacklist" tab/);
    await f.run
      .formula("ProposeBlacklist", [f.ledger, w.WorkerId, "Fraud", "CoC 1.3", "https://e"], f.team.specialist)
      .catch(() => undefined);
    // An action's session reads the worker's pointer too: refused with 400, it reads again without
    // the pointer, is refused again, and only then lists the tab titles to name the missing one.
    const from = f.emu.log.length;
    await expectUserError(
      f.run.formula("ApproveBlacklist", [f.ledger, w.WorkerId], f.team.lead2),
      /The ledger has no "Blacklist" tab/,
    );
    const calls = f.emu.log.slice(from).filter((c) => c.host.startsWith("sheets"));
    expect(calls.filter((c) => c.status === 400)).to.have.length(2);
    const titles = calls.filter((c) => /fields=sheets\.properties\.title(&|$)/.test(decodeURIComponent(c.query)));
    expect(titles.map((c) => c.status)).to.deep.equal([200]);
    removeTab("Audits");
    // readColumns (several tabs in one request): the missing one is named.
    await expectUserError(f.run.formula("Summary", [f.ledger], f.team.viewer), /The ledger has no "Audits" tab/);
  });

  it("a 400 that is not a missing tab is passed on as Google's error, not called a missing tab", async () => {
    const w = await activeWorker();
    const workers = book().sheets.find((s) => s.properties.title === "Workers");
    workers?.protectedRanges.push({
      protectedRangeId: 991,
      range: {sheetId: workers.properties.sheetId, startRowIndex: 1, endRowIndex: 2},
      warningOnly: false,
      editors: {users: [f.team.lead.email]},
      description: "locked by hand",
    });
    const from = f.emu.log.length;
    const err = await expectUserError(
      f.run.formula(
        "SuspendWorker",
        [f.ledger, w.WorkerId, "Copied answers", "CoC 4.2", daysFromNow(9)],
        f.team.specialist,
      ),
      /Google rejected the request to record SuspendWorker for W-000001: Invalid requests\[\d+\]: La solicitud/,
    );
    expect(err.message).to.not.match(/no ".*" tab|at the same moment|try again/i);
    // Refused once: a protected write is never taken for a lost race and retried.
    const commits = f.emu.log.slice(from).filter((c) => c.path.endsWith(":batchUpdate"));
    expect(commits.map((c) => c.status)).to.deep.equal([400]);
    expect(tabRecords(f, "Events").filter((e) => e.Type === "Suspended")).to.have.length(0);
  });

  it("finds a worker whose row pointer was deleted, and repairs it", async () => {
    const w = await activeWorker();
    const pointer = [...book().namedRanges.values()].find((n) => n.name === "ts_W_000001");
    book().namedRanges.delete(pointer?.namedRangeId ?? "");
    const done = await f.run.formula<Worker>(
      "SuspendWorker",
      [f.ledger, w.WorkerId, "Copied answers", "CoC 4.2", daysFromNow(9)],
      f.team.specialist,
    );
    expect(done.Status).to.equal("Suspended");
    expect([...book().namedRanges.values()].some((n) => n.name === "ts_W_000001")).to.equal(true);
  });

  it("recovers a deleted lock and a tab recreated by hand (new sheet id)", async () => {
    const w = await activeWorker();
    book().namedRanges.delete(`tsw000001v${w.Version}`);
    const suspended = await f.run.formula<Worker>(
      "SuspendWorker",
      [f.ledger, w.WorkerId, "Copied answers", "CoC 4.2", daysFromNow(9)],
      f.team.specialist,
    );
    expect(suspended.Status).to.equal("Suspended");
    const events = book().sheets.find((s) => s.properties.title === "Events");
    if (events) {
      events.properties.sheetId = 987654;
    }
    const done = await f.run.formula<Worker>("OffboardWorker", [f.ledger, w.WorkerId, "Left"], f.team.specialist);
    expect(done.Status).to.equal("Offboarded");
  });

  it("two compatible decisions racing on one worker are both recorded, in some order", async () => {
    const w = await activeWorker();
    await Promise.all([
      f.run.formula(
        "ProposeBlacklist",
        [f.ledger, w.WorkerId, "Shared bank", "CoC 1.3", "https://e/1"],
        f.team.specialist,
      ),
      f.run.formula("SuspendWorker", [f.ledger, w.WorkerId, "Copied answers", "CoC 4.2", daysFromNow(9)], f.team.lead),
    ]);
    const types = tabRecords(f, "Events")
      .filter((e) => e.WorkerId === w.WorkerId && e.Seq !== 0)
      .map((e) => e.Type);
    expect(types.slice(-2).sort()).to.deep.equal(["BlacklistProposed", "Suspended"]);
    expect(tabRecords(f, "Workers")[0]).to.deep.include({Status: "Suspended", Version: w.Version + 2});
  });

  it("two leads sealing at once: one seal each, in order, or a clear 'try again'", async () => {
    await activeWorker();
    const results = await Promise.all(
      [f.team.lead, f.team.lead2].map((lead) =>
        f.run
          .formula<Record<string, unknown>>("SealLog", [f.ledger], lead)
          .then(() => "sealed")
          .catch((err: Error & {isUserVisible?: boolean}) =>
            err.isUserVisible ? err.message : `internal: ${err.message}`,
          ),
      ),
    );
    for (const r of results) {
      expect(r).to.match(/^sealed$|sealed the log at the same moment/);
    }
    expect(results).to.include("sealed");
  });
});
