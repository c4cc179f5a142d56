import {expect} from "chai";
import type {LedgerFixture} from "../helpers/fixture";
import {expectUserError, setupLedger} from "../helpers/fixture";
import {appendRecords, records, seedWorkers, setCell} from "../helpers/ledger-rows";
import {AUDITS} from "../../pack/ledger/store/layout";
import {emptyRecord} from "../../pack/ledger/store/rows";
import {drawSample, eligibleForAudit} from "../../pack/core/audits";
import {recordLockId} from "../../pack/core/fold";
import type {WorkerRecord} from "../../pack/core/records";

type Schedule = {
  Summary: string;
  Seed: string;
  Eligible?: number;
  Drawn: number;
  DueDate: string;
  Strata?: string[];
  Audits: Array<{AuditId: string; Title: string}>;
};
type Audit = {
  AuditId: string;
  Title: string;
  WorkerId: string;
  Kind: string;
  Status: string;
  SuggestedStep?: string;
  SampleSeed?: string;
  Stratum?: string;
  Auditor?: string;
  Findings?: string;
  Version: number;
  Overdue?: boolean;
};

const iso = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe("audits against the emulator", function () {
  let f: LedgerFixture;
  beforeEach(async () => {
    f = await setupLedger();
    const countries = ["MX", "MX", "MX", "IN", "IN", "IN", "IN", "DE", "DE", "BR"];
    seedWorkers(
      f.emu.state,
      f.spreadsheetId,
      countries.map((country, i) => ({
        workerId: `W-${String(i + 1).padStart(6, "0")}`,
        name: `Worker ${i + 1}`,
        status: i === 9 ? ("Suspended" as const) : ("Active" as const),
        country,
        projects: i % 2 ? "Alpha" : "Beta, Alpha",
        suspendedUntil: i === 9 ? iso(10).slice(0, 10) : "",
      })),
      iso(-50),
    );
  });
  afterEach(async () => f.close());

  const schedule = (size: unknown, minDays?: unknown, requestId?: string, user = f.team.specialist) =>
    f.run.formula<Schedule>("ScheduleAudits", [f.ledger, size, minDays, requestId], user);
  const recordAudit = (
    auditId: string,
    outcome: string,
    findings: string,
    evidence?: string,
    requestId?: string,
    user = f.team.specialist,
  ) => f.run.formula<Audit>("RecordAudit", [f.ledger, auditId, outcome, findings, evidence, requestId], user);
  const auditRows = () => records(f.emu.state, f.spreadsheetId, "Audits");
  const events = (type: string) => records(f.emu.state, f.spreadsheetId, "Events").filter((e) => e.Type === type);

  it("schedules a stratified sample whose draw the recorded seed reproduces", async () => {
    const before = records(f.emu.state, f.spreadsheetId, "Workers");
    const result = await schedule(5, 30, "req-1");
    expect(result.Drawn).to.equal(5);
    expect(result.Eligible).to.equal(9);
    expect(result.Seed).to.match(/^[0-9a-f]{16}$/);
    const rows = auditRows();
    expect(rows).to.have.length(5);
    expect(
      rows.every(
        (r) => r.SampleSeed === result.Seed && r.Status === "Scheduled" && r.Kind === "Conduct" && r.Version === 1,
      ),
    ).to.equal(true);
    expect(rows.map((r) => r.AuditId).sort()).to.deep.equal(result.Audits.map((a) => a.AuditId).sort());
    const scheduled = events("AuditScheduled");
    expect(scheduled.map((e) => [e.WorkerId, e.Seq])).to.deep.equal(rows.map((r) => [r.WorkerId, 0]));
    expect(scheduled.every((e) => String(e.Details).includes(`seed ${result.Seed}`))).to.equal(true);

    // Reproduce the draw from the seed on the rows, over the workers as they were.
    const workers = before.map((w) => ({
      workerId: String(w.WorkerId),
      status: w.Status as WorkerRecord["status"],
      country: String(w.Country),
      projects: String(w.Projects ?? ""),
    }));
    const again = drawSample(
      eligibleForAudit(workers, [], 30, new Date().toISOString()),
      5,
      String(rows[0]?.SampleSeed),
    );
    expect(again.picked.map((c) => c.workerId)).to.deep.equal(rows.map((r) => r.WorkerId));
    expect(again.picked.map((c) => `${c.country} · ${c.project}`)).to.deep.equal(rows.map((r) => r.Stratum));
    expect(result.Strata?.reduce((n, s) => n + Number(/: (\d+) of/.exec(s)?.[1]), 0)).to.equal(5);

    // Each audit holds its own lock.
    const named = [...(f.emu.state.spreadsheets.get(f.spreadsheetId)?.namedRanges.keys() ?? [])];
    for (const r of rows) {
      expect(named).to.include(recordLockId("a", String(r.AuditId), 1));
    }
  });

  it("records a repeated request once and returns what it scheduled", async () => {
    const first = await schedule(3, 30, "req-same");
    const second = await schedule(3, 30, "req-same");
    expect(second.Audits.map((a) => a.AuditId).sort()).to.deep.equal(first.Audits.map((a) => a.AuditId).sort());
    expect(second.Summary).to.match(/already scheduled 3 audits/);
    expect(auditRows()).to.have.length(3);
    expect(events("AuditScheduled")).to.have.length(3);
  });

  it("leaves out workers audited recently or already scheduled, and says so when nobody is left", async () => {
    await schedule(9, 30);
    await expectUserError(schedule(1, 30), /No Active worker is due for an audit.*Nothing was scheduled/);
    expect(auditRows()).to.have.length(9);
  });

  it("refuses viewers, outsiders and bad input, writing nothing", async () => {
    await expectUserError(schedule(2, 30, undefined, f.team.viewer), /ScheduleAudits needs the specialist role/);
    await expectUserError(schedule(2, 30, undefined, f.team.outsider), /not on this ledger's Staff tab/);
    await expectUserError(schedule(0), /sample size must be a whole number of at least 1/);
    await expectUserError(schedule(500), /at most 200 audits/);
    await expectUserError(schedule(2, -3), /minDaysSinceLast must be a whole number/);
    expect(auditRows()).to.deep.equal([]);
  });

  it("records an outcome: a failure suggests a step but never takes it", async () => {
    const {Audits} = await schedule(2, 30);
    const id = Audits[0]?.AuditId as string;
    const recorded = await recordAudit(
      id.toLowerCase(),
      "failed",
      "Copied answers in 4 of 20 tasks (12–14 March)",
      "https://drive.google.com/file/d/x",
    );
    expect(recorded).to.include({
      AuditId: id,
      Status: "Failed",
      SuggestedStep: "SuspendWorker",
      Auditor: f.team.specialist.email,
      Version: 2,
    });
    const row = auditRows().find((r) => r.AuditId === id);
    expect(row).to.include({Status: "Failed", SuggestedStep: "SuspendWorker", Version: 2});
    const worker = records(f.emu.state, f.spreadsheetId, "Workers").find((w) => w.WorkerId === recorded.WorkerId);
    expect(worker?.Status).to.equal("Active");
    const [event] = events("AuditRecorded");
    expect(event).to.include({
      WorkerId: recorded.WorkerId,
      Seq: 0,
      Reason: "Copied answers in 4 of 20 tasks (12–14 March)",
      Evidence: "https://drive.google.com/file/d/x",
    });
    expect(String(event?.Details)).to.match(/Suggested next step: SuspendWorker .*nothing was done to the worker/);
    const named = [...(f.emu.state.spreadsheets.get(f.spreadsheetId)?.namedRanges.keys() ?? [])];
    expect(named).to.include(recordLockId("a", id, 2));
    expect(named).to.not.include(recordLockId("a", id, 1));
  });

  it("suggests proposing a blacklist after an earlier failure", async () => {
    const {Audits} = await schedule(9, 30);
    const [a, b] = Audits;
    await recordAudit(a?.AuditId as string, "Failed", "first");
    const worker = auditRows().find((r) => r.AuditId === a?.AuditId)?.WorkerId;
    appendRecords(f.emu.state, f.spreadsheetId, AUDITS, [
      {
        ...emptyRecord(AUDITS),
        auditId: "A-HANDADDED1",
        workerId: worker as string,
        kind: "Conduct",
        status: "Scheduled",
        version: 1,
        lock: recordLockId("a", "A-HANDADDED1", 1),
      },
    ]);
    expect((await recordAudit("A-HANDADDED1", "Failed", "again")).SuggestedStep).to.equal("ProposeBlacklist");
    expect((await recordAudit(b?.AuditId as string, "Concerns", "slow")).SuggestedStep).to.equal(undefined);
  });

  it("records once: a repeat returns the row, a second outcome is refused", async () => {
    const {Audits} = await schedule(1, 30);
    const id = Audits[0]?.AuditId as string;
    const first = await recordAudit(id, "Passed", "", undefined, "rec-1");
    const again = await recordAudit(id, "Passed", "", undefined, "rec-1");
    expect(again).to.deep.equal(first);
    expect(events("AuditRecorded")).to.have.length(1);
    await expectUserError(
      recordAudit(id, "Failed", "changed my mind"),
      /Audit .* is already Passed \(recorded by sam.specialist@tns.example/,
    );
  });

  it("refuses unknown audits, malformed ids, bad outcomes and viewers", async () => {
    const {Audits} = await schedule(1, 30);
    const id = Audits[0]?.AuditId as string;
    await expectUserError(recordAudit("A-0000000000", "Passed", ""), /There is no audit A-0000000000/);
    await expectUserError(recordAudit("W-000001", "Passed", ""), /is not an audit id/);
    await expectUserError(
      recordAudit(id, "Great", "x"),
      /"Great" is not an audit outcome: use Passed, Concerns or Failed/,
    );
    await expectUserError(recordAudit(id, "Failed", ""), /The findings is required/);
    await expectUserError(
      recordAudit(id, "Passed", "", undefined, undefined, f.team.viewer),
      /RecordAudit needs the specialist role/,
    );
    expect(events("AuditRecorded")).to.deep.equal([]);
  });

  it("syncs audits page by page, filtered by status, with overdue ones flagged", async () => {
    const {Audits} = await schedule(3, 30);
    await recordAudit(Audits[0]?.AuditId as string, "Passed", "");
    const overdueRow = auditRows().find((r) => r.AuditId === Audits[1]?.AuditId)?._row as number;
    setCell(f.emu.state, f.spreadsheetId, AUDITS, overdueRow, "DueDate", "2020-01-01");
    const all = await f.run.sync<Audit>("Audits", [f.ledger], f.team.viewer);
    expect(all.rows).to.have.length(3);
    expect((await f.run.sync<Audit>("Audits", [f.ledger, ["scheduled"]], f.team.viewer)).rows).to.have.length(2);
    const overdue = await f.run.sync<Audit>("Audits", [f.ledger, ["Overdue"]], f.team.viewer);
    expect(overdue.rows.map((r) => [r.AuditId, r.Overdue])).to.deep.equal([[Audits[1]?.AuditId, true]]);
    await expectUserError(f.run.sync("Audits", [f.ledger, ["Done"]], f.team.viewer), /"Done" is not an audit status/);
    appendRecords(
      f.emu.state,
      f.spreadsheetId,
      AUDITS,
      Array.from({length: 2_100}, (_, i) => ({
        ...emptyRecord(AUDITS),
        auditId: `A-BULK${String(i).padStart(6, "0")}`,
        workerId: "W-000001",
        kind: "Conduct",
        status: "Passed",
        version: 1,
      })),
    );
    const paged = await f.run.sync<Audit>("Audits", [f.ledger], f.team.viewer);
    expect(paged.pages).to.equal(2);
    expect(paged.rows).to.have.length(2_103);
  });
});
