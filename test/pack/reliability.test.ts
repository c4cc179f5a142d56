import {expect} from "chai";
import type {LedgerFixture} from "../helpers/fixture";
import {daysFromNow, expectUserError, setupLedger, tabRecords} from "../helpers/fixture";
import {findRepeat, requestKey} from "../../pack/ledger/store/ids";
import {soak} from "../../bench/soak";

type Worker = Record<string, unknown> & {WorkerId: string; Status: string; Version: number};

async function settle<T>(
  calls: Array<Promise<T>>,
): Promise<Array<{ok: true; value: T} | {ok: false; error: Error & {isUserVisible?: boolean}}>> {
  return Promise.all(
    calls.map((c) =>
      c.then((value) => ({ok: true as const, value})).catch((error: Error) => ({ok: false as const, error})),
    ),
  );
}

describe("reliability: repeats, races and faults", function () {
  let f: LedgerFixture;
  beforeEach(async () => {
    f = await setupLedger();
  });
  afterEach(async () => f.close());

  const add = (email: string, as = f.team.specialist, requestId?: string, name = "Ana Pérez") =>
    f.run.formula<Worker>(
      "AddApplicant",
      [f.ledger, name, email, "MX", undefined, undefined, undefined, requestId],
      as,
    );
  // A second active worker must be another person: a namesake is screened Review, and approving that needs a note.
  const activeWorker = async (email = "ana@example.org", name?: string) => {
    const w = await add(email, f.team.specialist, undefined, name);
    await f.run.formula("StartVetting", [f.ledger, w.WorkerId], f.team.specialist);
    return f.run.formula<Worker>("ApproveWorker", [f.ledger, w.WorkerId], f.team.specialist);
  };
  // The worker's decisions (the Screened event written at intake takes no sequence number: left out).
  const events = (workerId: string, type?: string) =>
    tabRecords(f, "Events").filter((e) => e.WorkerId === workerId && e.Seq !== 0 && (!type || e.Type === type));

  describe("idempotency", () => {
    it("the same requestId records once and returns the same worker", async () => {
      const w = await activeWorker();
      const args = [f.ledger, w.WorkerId, "Copied answers", "CoC 4.2", daysFromNow(9), undefined, false, "click-42"];
      const first = await f.run.formula<Worker>("SuspendWorker", args, f.team.specialist);
      const again = await f.run.formula<Worker>("SuspendWorker", args, f.team.specialist);
      expect(again).to.deep.equal(first);
      expect(events(w.WorkerId, "Suspended")).to.have.length(1);
    });

    it("an identical call without a requestId within a minute records once", async () => {
      const w = await activeWorker();
      const args = [f.ledger, w.WorkerId, "Copied answers", "CoC 4.2", daysFromNow(9)];
      const [a, b] = await Promise.all([
        f.run.formula<Worker>("SuspendWorker", args, f.team.specialist),
        f.run.formula<Worker>("SuspendWorker", args, f.team.specialist),
      ]);
      expect(a.Version).to.equal(4);
      expect(b.Version).to.equal(4);
      expect(events(w.WorkerId, "Suspended")).to.have.length(1);
    });

    it("a new request is decided on the state the first one left", async () => {
      const w = await activeWorker();
      await f.run.formula(
        "SuspendWorker",
        [f.ledger, w.WorkerId, "Copied answers", "CoC 4.2", daysFromNow(9), undefined, false, "r1"],
        f.team.specialist,
      );
      await expectUserError(
        f.run.formula(
          "SuspendWorker",
          [f.ledger, w.WorkerId, "Copied answers", "CoC 4.2", daysFromNow(9), undefined, false, "r2"],
          f.team.specialist,
        ),
        /the worker is Suspended/,
      );
    });

    it("AddApplicant repeated with its requestId returns the worker it created", async () => {
      const first = await add("bo@example.org", f.team.specialist, "import-7");
      const again = await add("bo@example.org", f.team.specialist, "import-7");
      expect(again.WorkerId).to.equal(first.WorkerId);
      expect(tabRecords(f, "Workers")).to.have.length(1);
      await expectUserError(add("bo@example.org", f.team.specialist, "import-8"), /already in the ledger/);
    });

    it("the same requestId from another person, or for another worker, is a new request", async () => {
      const a = await activeWorker();
      const b = await activeWorker("bilal@example.org", "Bilal Haddad");
      const args = (id: string) => [
        f.ledger,
        id,
        "Copied answers",
        "CoC 4.2",
        daysFromNow(9),
        undefined,
        false,
        "btn-1",
      ];
      await f.run.formula("SuspendWorker", args(a.WorkerId), f.team.specialist);
      const other = await f.run.formula<Worker>("SuspendWorker", args(b.WorkerId), f.team.specialist);
      expect(other).to.deep.include({WorkerId: b.WorkerId, Status: "Suspended"});
      expect(events(b.WorkerId, "Suspended")).to.have.length(1);
      // Another person clicking with the same id on the first worker is refused on its own merits, not answered from the first.
      await expectUserError(f.run.formula("SuspendWorker", args(a.WorkerId), f.team.lead), /the worker is Suspended/);
    });

    it("the same requestId from the same person on the same worker with other parameters is a new request", async () => {
      const w = await activeWorker();
      const details = (projects: string) =>
        f.run.formula<Worker>(
          "UpdateWorkerDetails",
          [f.ledger, w.WorkerId, undefined, projects, undefined, undefined, undefined, undefined, "btn-7"],
          f.team.specialist,
        );
      const first = await details("Atlas");
      expect(first.Projects).to.deep.equal(["Atlas"]);
      // A retried click (same parameters) is the first request: nothing more is recorded.
      expect(await details("Atlas")).to.deep.equal(first);
      // The same id with other parameters is not answered from the first: it is recorded on its own.
      const second = await details("Borealis");
      expect(second).to.deep.include({WorkerId: w.WorkerId, Projects: ["Borealis"], Version: first.Version + 1});
      expect(events(w.WorkerId, "WorkerDetailsUpdated")).to.have.length(2);
      // And a refused one is refused on its merits.
      const suspend = (reason: string) =>
        f.run.formula<Worker>(
          "SuspendWorker",
          [f.ledger, w.WorkerId, reason, "CoC 4.2", daysFromNow(9), undefined, false, "btn-8"],
          f.team.specialist,
        );
      await suspend("Copied answers");
      await expectUserError(suspend("Abusive message"), /the worker is Suspended/);
    });

    it("keys calls by actor, action and parameters, with or without an explicit id", () => {
      expect(requestKey("SuspendWorker", "a@x", undefined, ["W-1", "r"])).to.equal(
        requestKey("SuspendWorker", "a@x", undefined, ["W-1", "r"]),
      );
      expect(requestKey("SuspendWorker", "a@x", undefined, ["W-1", "r"])).to.not.equal(
        requestKey("SuspendWorker", "b@x", undefined, ["W-1", "r"]),
      );
      expect(requestKey("SuspendWorker", "a@x", "id1", ["W-1"])).to.equal(
        requestKey("SuspendWorker", "A@x", " id1 ", ["W-1"]),
      );
      expect(requestKey("SuspendWorker", "a@x", "id1", ["W-1"])).to.not.equal(
        requestKey("SuspendWorker", "b@x", "id1", ["W-1"]),
      );
      expect(requestKey("SuspendWorker", "a@x", "id1", ["W-1"])).to.not.equal(
        requestKey("SuspendWorker", "a@x", "id1", ["W-2"]),
      );
      expect(requestKey("SuspendWorker", "a@x", "id1", ["W-1", "Copied answers"])).to.not.equal(
        requestKey("SuspendWorker", "a@x", "id1", ["W-1", "Abusive message"]),
      );
      expect(requestKey("SuspendWorker", "a@x", "id1", ["W-1", "Copied answers"])).to.not.equal(
        requestKey("SuspendWorker", "a@x", "id2", ["W-1", "Copied answers"]),
      );
      expect(requestKey("SuspendWorker", "a@x", "id1", [])).to.not.equal(
        requestKey("OffboardWorker", "a@x", "id1", []),
      );
      const recent = [
        {key: "d:abc", at: "2026-01-01T00:00:00.000Z", eventId: "E-1"},
        {key: "r:def", at: "2025-01-01T00:00:00.000Z", eventId: "E-2"},
      ];
      expect(findRepeat(recent, "d:abc", "2026-01-01T00:00:59.000Z")?.eventId).to.equal("E-1");
      expect(findRepeat(recent, "d:abc", "2026-01-01T00:01:01.000Z")).to.equal(undefined);
      expect(findRepeat(recent, "r:def", "2026-06-01T00:00:00.000Z")?.eventId).to.equal("E-2");
    });
  });

  describe("concurrency", () => {
    beforeEach(() => f.emu.setFaults({latencyMs: [2, 25], seed: 3}));

    it("of two specialists suspending one worker at the same moment, one is recorded and the other refused", async () => {
      const w = await activeWorker();
      const results = await settle([
        f.run.formula<Worker>(
          "SuspendWorker",
          [f.ledger, w.WorkerId, "Copied answers", "CoC 4.2", daysFromNow(9)],
          f.team.specialist,
        ),
        f.run.formula<Worker>(
          "SuspendWorker",
          [f.ledger, w.WorkerId, "Abusive message", "CoC 3.1", daysFromNow(30)],
          f.team.lead,
        ),
        f.run.formula<Worker>(
          "SuspendWorker",
          [f.ledger, w.WorkerId, "Late work", "CoC 2.2", daysFromNow(5)],
          f.team.lead2,
        ),
      ]);
      expect(results.filter((r) => r.ok)).to.have.length(1);
      for (const r of results.filter((r) => !r.ok)) {
        expect(r.ok ? "" : r.error.message).to.match(/the worker is Suspended.*\(rule: transition\)/);
      }
      expect(events(w.WorkerId, "Suspended")).to.have.length(1);
      expect(tabRecords(f, "Workers")[0]).to.deep.include({Status: "Suspended", Version: 4});
    });

    it("compatible decisions racing are all applied, in some order, and none is lost", async () => {
      const w = await activeWorker();
      const results = await settle([
        f.run.formula<Worker>(
          "ProposeBlacklist",
          [f.ledger, w.WorkerId, "Shared bank", "CoC 1.3", "https://e/1"],
          f.team.specialist,
        ),
        f.run.formula<Worker>(
          "SuspendWorker",
          [f.ledger, w.WorkerId, "Copied answers", "CoC 4.2", daysFromNow(9)],
          f.team.lead,
        ),
      ]);
      expect(results.every((r) => r.ok)).to.equal(true);
      const log = events(w.WorkerId);
      expect(log.map((e) => e.Seq)).to.deep.equal([1, 2, 3, 4, 5]);
      expect(
        log
          .slice(3)
          .map((e) => e.Type)
          .sort(),
      ).to.deep.equal(["BlacklistProposed", "Suspended"]);
      expect(tabRecords(f, "Workers")[0]).to.deep.include({Status: "Suspended", Version: 5});
    });

    it("ten applicants added at once get ten distinct ids", async () => {
      const results = await settle(
        Array.from({length: 10}, (_, i) => add(`p${i}@example.org`, i % 2 ? f.team.lead : f.team.specialist)),
      );
      expect(results.every((r) => r.ok)).to.equal(true);
      const ids = results.map((r) => (r.ok ? r.value.WorkerId : "")).sort();
      expect(ids).to.deep.equal(Array.from({length: 10}, (_, i) => `W-${String(i + 1).padStart(6, "0")}`));
      expect(
        tabRecords(f, "Workers")
          .map((w) => w.WorkerId)
          .sort(),
      ).to.deep.equal(ids);
      expect(tabRecords(f, "Events").filter((e) => e.Type === "ApplicantAdded")).to.have.length(10);
    });

    it("the same person added by two specialists at once is added once", async () => {
      const results = await settle([add("twin@gmail.com", f.team.specialist), add("t.w.i.n+x@gmail.com", f.team.lead)]);
      expect(results.filter((r) => r.ok)).to.have.length(1);
      const refused = results.find((r) => !r.ok);
      expect(refused && !refused.ok ? refused.error.message : "").to.match(/already in the ledger as W-000001/);
      expect(tabRecords(f, "Workers")).to.have.length(1);
    });
  });

  describe("faults", () => {
    it("retries 429 and 5xx answers and still records exactly once", async () => {
      const w = await activeWorker();
      f.emu.setFaults({errorRates: {429: 0.4, 500: 0.15, 503: 0.2}, retryAfterSeconds: 0, seed: 11});
      const done = await f.run.formula<Worker>(
        "SuspendWorker",
        [f.ledger, w.WorkerId, "Copied answers", "CoC 4.2", daysFromNow(9)],
        f.team.specialist,
      );
      expect(done.Status).to.equal("Suspended");
      expect(f.emu.log.filter((l) => l.fault).length).to.be.greaterThan(0);
      expect(events(w.WorkerId, "Suspended")).to.have.length(1);
    });

    it("a commit whose answer is lost is not recorded twice", async () => {
      const w = await activeWorker();
      // The decision's commit is applied and its answer lost; the retry finds it recorded.
      let commits = 0;
      f.emu.setFaults({dropAfterRate: 1, match: (c) => c.path.endsWith(":batchUpdate") && commits++ === 0});
      const done = await f.run.formula<Worker>(
        "SuspendWorker",
        [f.ledger, w.WorkerId, "Copied answers", "CoC 4.2", daysFromNow(9)],
        f.team.specialist,
      );
      expect(done).to.deep.include({Status: "Suspended", Version: 4});
      expect(f.emu.log.filter((l) => l.fault === "drop-after").length).to.be.greaterThan(0);
      expect(events(w.WorkerId, "Suspended")).to.have.length(1);
    });

    it("gives up within the time budget with a sentence, and nothing is half-written", async () => {
      const w = await activeWorker();
      f.emu.setFaults({errorRates: {503: 1}, retryAfterSeconds: 0, match: (c) => c.path.endsWith(":batchUpdate")});
      await expectUserError(
        f.run.formula(
          "SuspendWorker",
          [f.ledger, w.WorkerId, "Copied answers", "CoC 4.2", daysFromNow(9)],
          f.team.specialist,
        ),
        /Google had a temporary problem/,
      );
      f.emu.setFaults({});
      expect(events(w.WorkerId, "Suspended")).to.have.length(0);
      expect(tabRecords(f, "Workers")[0]).to.deep.include({Status: "Active", Version: 3});
    }).timeout(120_000);

    it("passes an expired token (401) through untouched so Coda can refresh it", async () => {
      f.team.specialist.revoked = true;
      let caught: (Error & {statusCode?: number; isUserVisible?: boolean}) | undefined;
      try {
        await add("x@example.org");
      } catch (err) {
        caught = err as Error & {statusCode?: number};
      }
      expect(caught?.name).to.equal("StatusCodeError");
      expect(caught?.statusCode).to.equal(401);
      expect(caught?.isUserVisible).to.not.equal(true);
    });

    it("asks to reconnect when the connection lacks the Sheets scope", async () => {
      const limited = f.emu.state.addUser("lim@tns.example", {scopes: ["openid", "email", "profile"]});
      f.emu.state.share(f.spreadsheetId, limited.email, "writer");
      let caught: Error | undefined;
      try {
        await f.run.sync("Workers", [f.ledger], limited);
      } catch (err) {
        caught = err as Error;
      }
      expect(caught?.name).to.equal("MissingScopesError");
    });

    it("tells someone without access to the spreadsheet what to ask for", async () => {
      const stranger = f.emu.state.addUser("stranger@elsewhere.example");
      await expectUserError(f.run.sync("Workers", [f.ledger], stranger), /not shared with you as an editor/);
    });
  });

  describe("hand damage to the bookkeeping", () => {
    it("finds a worker whose row pointer was deleted, and repairs the pointer", async () => {
      const w = await activeWorker();
      const book = f.emu.state.spreadsheets.get(f.spreadsheetId);
      const pointer = [...(book?.namedRanges.values() ?? [])].find((n) => n.name === "ts_W_000001");
      book?.namedRanges.delete(pointer?.namedRangeId ?? "");
      const done = await f.run.formula<Worker>(
        "SuspendWorker",
        [f.ledger, w.WorkerId, "Copied answers", "CoC 4.2", daysFromNow(9)],
        f.team.specialist,
      );
      expect(done.Status).to.equal("Suspended");
      expect([...(book?.namedRanges.values() ?? [])].some((n) => n.name === "ts_W_000001")).to.equal(true);
    });

    it("recovers a worker whose Lock cell was edited by hand, or whose lock was deleted", async () => {
      const w = await activeWorker();
      const ws = f.emu.state.spreadsheets.get(f.spreadsheetId)?.sheets.find((s) => s.properties.title === "Workers");
      const lockCol = (ws?.rows[0] ?? []).indexOf("Lock");
      (ws?.rows[1] as unknown[])[lockCol] = "tsw000001v2";
      const suspended = await f.run.formula<Worker>(
        "SuspendWorker",
        [f.ledger, w.WorkerId, "Copied answers", "CoC 4.2", daysFromNow(9)],
        f.team.specialist,
      );
      expect(suspended).to.deep.include({Status: "Suspended", Version: 4});
      const book = f.emu.state.spreadsheets.get(f.spreadsheetId);
      book?.namedRanges.delete("tsw000001v4");
      const back = await f.run.formula<Worker>("ReinstateWorker", [f.ledger, w.WorkerId], f.team.specialist);
      expect(back).to.deep.include({Status: "Active", Version: 5});
      expect(
        [...(book?.namedRanges.values() ?? [])].filter((n) => n.name === "ts_W_000001").map((n) => n.namedRangeId),
      ).to.deep.equal(["tsw000001v5"]);
    });

    // A write into a hard-protected range is refused with 400, like a lost lock race (issue 16): the
    // pack tells them apart by the failing subrequest and says what happened, without retrying.
    it("a write refused by a protected range is reported once, never taken for a lost race", async () => {
      const w = await activeWorker();
      const book = f.emu.state.spreadsheets.get(f.spreadsheetId);
      const workers = book?.sheets.find((s) => s.properties.title === "Workers");
      workers?.protectedRanges.push({
        protectedRangeId: 991,
        range: {sheetId: workers.properties.sheetId, startRowIndex: 1, endRowIndex: 2},
        warningOnly: false,
        editors: {users: [f.team.lead.email]},
        description: "locked by hand",
      });
      const from = f.emu.log.length;
      await expectUserError(
        f.run.formula(
          "SuspendWorker",
          [f.ledger, w.WorkerId, "Copied answers", "CoC 4.2", daysFromNow(9)],
          f.team.specialist,
        ),
        /Google rejected the request to record SuspendWorker for W-000001: Invalid requests\[\d+\]\.updateCells: You are trying to edit a protected cell/,
      );
      const commits = f.emu.log.slice(from).filter((c) => c.path.endsWith(":batchUpdate"));
      expect(commits).to.have.length(1);
      expect(commits[0]?.status).to.equal(400);
      expect(tabRecords(f, "Events").filter((e) => e.Type === "Suspended")).to.have.length(0);
    });

    it("finds a worker after the rows were sorted by hand", async () => {
      await add("a1@example.org");
      const w2 = await add("a2@example.org");
      const ws = f.emu.state.spreadsheets.get(f.spreadsheetId)?.sheets.find((s) => s.properties.title === "Workers");
      if (!ws) {
        throw new Error("no Workers");
      }
      ws.rows = [ws.rows[0], ws.rows[2], ws.rows[1]];
      const done = await f.run.formula<Worker>("StartVetting", [f.ledger, w2.WorkerId], f.team.specialist);
      expect(done).to.deep.include({WorkerId: "W-000002", Status: "Vetting"});
      expect(tabRecords(f, "Workers").map((r) => [r.WorkerId, r.Status])).to.deep.equal([
        ["W-000002", "Vetting"],
        ["W-000001", "Applicant"],
      ]);
    });

    it("recovers when a tab was deleted and recreated by hand (its sheet id changed)", async () => {
      const w = await activeWorker();
      const events = f.emu.state.spreadsheets.get(f.spreadsheetId)?.sheets.find((s) => s.properties.title === "Events");
      if (!events) {
        throw new Error("no Events");
      }
      events.properties.sheetId = 987654;
      const done = await f.run.formula<Worker>(
        "OffboardWorker",
        [f.ledger, w.WorkerId, "Left the project"],
        f.team.specialist,
      );
      expect(done.Status).to.equal("Offboarded");
      expect(tabRecords(f, "Events").at(-1)).to.deep.include({Type: "Offboarded"});
    });
  });
});

describe("a short soak: many people, many faults, nothing lost or doubled", function () {
  it("80 mixed actions by 5 people at once with 20% of Google requests failing", async () => {
    const o = await soak(80);
    expect(o.internalErrors).to.deep.equal([]);
    expect(o.attempted).to.equal(80);
    expect(o.acknowledged).to.be.greaterThan(20);
    expect(o.faultsInjected).to.be.greaterThan(5);
    expect({
      lost: o.lost,
      duplicated: o.duplicated,
      drift: o.drift,
      duplicateEmails: o.duplicateEmails,
      verifyProblems: o.verifyProblems,
      unreceipted: o.unreceipted,
      problemsAfterSeal: o.problemsAfterSeal,
    }).to.deep.equal({
      lost: 0,
      duplicated: 0,
      drift: 0,
      duplicateEmails: 0,
      verifyProblems: 0,
      unreceipted: 0,
      problemsAfterSeal: 0,
    });
    // Every soak event has its hash chain and its receipt; sealing and verifying cost a bounded few requests.
    expect(o.soakEvents).to.be.greaterThan(20);
    expect(o.chainBytes).to.be.greaterThan(128);
    expect(o.receiptBytes).to.be.greaterThan(64);
    expect(o.sealedThrough).to.be.greaterThan(o.soakEvents);
    expect(o.emails).to.be.greaterThan(3);
  }).timeout(180_000);
});
