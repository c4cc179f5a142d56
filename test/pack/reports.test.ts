import {expect} from "chai";
import type {LedgerFixture} from "../helpers/fixture";
import {daysFromNow, expectUserError, setupLedger} from "../helpers/fixture";
import {appendRecords, seedWorkers, sheetOf} from "../helpers/ledger-rows";
import {DISPUTES, EVENTS} from "../../pack/ledger/store/layout";
import {emptyRecord} from "../../pack/ledger/store/rows";
import {weekStart} from "../../pack/core/reports";
import {REPORT_LOG_CHUNK} from "../../pack/ledger/reports";

type Trend = {RowId: string; Week: string; Metric: string; Country: string; Count: number};
type Summary = Record<string, unknown> & {Period: string; TopReasons: string[]};

describe("reports against the emulator", function () {
  let f: LedgerFixture;
  const now = new Date().toISOString();
  beforeEach(async () => {
    f = await setupLedger();
    const add = (name: string, email: string, country: string) =>
      f.run.formula<{WorkerId: string}>("AddApplicant", [f.ledger, name, email, country], f.team.specialist);
    const a = await add("Ana", "ana@example.com", "MX");
    const b = await add("Bo", "bo@example.com", "IN");
    await add("Cy", "cy@example.com", "IN");
    for (const w of [a, b]) {
      await f.run.formula("StartVetting", [f.ledger, w.WorkerId], f.team.specialist);
      await f.run.formula("ApproveWorker", [f.ledger, w.WorkerId], f.team.specialist);
      await f.run.formula(
        "SuspendWorker",
        [f.ledger, w.WorkerId, "Copied answers", "CoC 4.2", daysFromNow(5)],
        f.team.specialist,
      );
    }
    await f.run.formula(
      "ProposeBlacklist",
      [f.ledger, b.WorkerId, "Two accounts", "CoC 1.3", "https://x"],
      f.team.specialist,
    );
    appendRecords(f.emu.state, f.spreadsheetId, DISPUTES, [
      {
        ...emptyRecord(DISPUTES),
        disputeId: "D-1",
        workerId: a.WorkerId,
        status: "Open",
        openedAt: now,
        dueAt: new Date(Date.now() - 3_600_000).toISOString(),
      },
    ]);
  });
  afterEach(async () => f.close());

  it("Trends counts this week's decisions per metric and country, then open findings per rule", async () => {
    const {rows, pages} = await f.run.sync<Trend>("Trends", [f.ledger, 4], f.team.viewer);
    expect(pages).to.equal(6);
    const week = weekStart(now);
    const counts = rows
      .filter((r) => !r.Metric.startsWith("Findings"))
      .map((r) => `${r.Metric}/${r.Country}/${r.Count}`)
      .sort();
    expect(counts).to.deep.equal(
      [
        "Applicants/IN/2",
        "Applicants/MX/1",
        "Approvals/IN/1",
        "Approvals/MX/1",
        "Disputes opened/MX/1",
        "Dispute due-date breaches/MX/1",
        "Suspensions/IN/1",
        "Suspensions/MX/1",
      ].sort(),
    );
    expect(rows.every((r) => r.Week === week)).to.equal(true);
    const findings = rows.filter((r) => r.Metric.startsWith("Findings"));
    expect(findings.map((r) => `${r.Metric}/${r.Country}/${r.Count}`).sort()).to.deep.equal([
      "Findings: dispute-overdue/MX/1",
    ]);
    expect(new Set(rows.map((r) => r.RowId)).size).to.equal(rows.length);
    await expectUserError(
      f.run.sync("Trends", [f.ledger, 0], f.team.viewer),
      /weeks must be a whole number from 1 to 104/,
    );
  });

  it("Summary counts a period, the open work now and the top reasons", async () => {
    const s = await f.run.formula<Summary>("Summary", [f.ledger], f.team.viewer);
    expect(s).to.include({
      Applicants: 3,
      Approvals: 2,
      Suspensions: 2,
      Blacklistings: 0,
      DisputesOpened: 1,
      DisputeDueDateBreaches: 1,
      PendingBlacklistApprovals: 1,
      OpenDisputes: 1,
      OverdueDisputes: 1,
      ScheduledAudits: 0,
    });
    // The pending blacklist proposal is no decision yet: its reason counts only once a lead approves it.
    expect(s.TopReasons).to.deep.equal(["CoC 4.2: 2 (latest: Copied answers)"]);
    const past = await f.run.formula<Summary>(
      "Summary",
      [f.ledger, new Date("2020-01-01T00:00:00Z"), new Date("2020-02-01T00:00:00Z")],
      f.team.viewer,
    );
    expect(past).to.include({Period: "1 January 2020 to 31 January 2020", Applicants: 0, PendingBlacklistApprovals: 1});
    await expectUserError(
      f.run.formula(
        "Summary",
        [f.ledger, new Date("2020-02-01T00:00:00Z"), new Date("2020-01-01T00:00:00Z")],
        f.team.viewer,
      ),
      /must start before it ends/,
    );
  });

  it("reads a long log from its end back to the period's start only", async () => {
    // An older history before this test's decisions, as an append-only log would hold it.
    const events = sheetOf(f.emu.state, f.spreadsheetId, EVENTS);
    const recent = events.rows.splice(1);
    seedWorkers(
      f.emu.state,
      f.spreadsheetId,
      Array.from({length: REPORT_LOG_CHUNK + 10}, (_, i) => ({
        workerId: `W-9${String(i).padStart(6, "0")}`,
        name: "Old",
      })),
      "2020-01-01T00:00:00.000Z",
    );
    events.rows.push(...recent);
    events.properties.gridProperties.rowCount = events.rows.length;
    const before = f.emu.log.length;
    const s = await f.run.formula<Summary>("Summary", [f.ledger], f.team.viewer);
    expect(s.Applicants).to.equal(3);
    const reads = f.emu.log.slice(before).filter((r) => r.host === "sheets.googleapis.com").length;
    // The grid size, then one read whose last chunk already reaches 2020; and the Triage tab (rule precision).
    expect(reads).to.equal(3);
  });
});
