import {expect} from "chai";
import type {LedgerFixture} from "../helpers/fixture";
import {expectUserError, setupLedger} from "../helpers/fixture";
import {records, seedWorkers, setSetting} from "../helpers/ledger-rows";
import {EVENTS, TRIAGE} from "../../pack/ledger/store/layout";

type Finding = {
  FindingId: string;
  Rule: string;
  Severity: string;
  Status?: string;
  Assignee?: string;
  SnoozedUntil?: string;
  Outcome?: string;
  Note?: string;
  DueAt?: string;
  FirstSeen?: string;
  Reopened?: string;
};

const iso = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe("Triage of findings", function () {
  let f: LedgerFixture;
  beforeEach(async () => {
    f = await setupLedger();
    const base = {
      status: "Active" as const,
      statusSince: iso(-100),
      bankVerification: "Verified",
      screeningVerdict: "Clear",
      documentFolder: "1DocsFolder000001",
      lastActivityAt: iso(-1),
      country: "MX",
      bankMasked: "•••• 4321",
    };
    seedWorkers(
      f.emu.state,
      f.spreadsheetId,
      [
        {workerId: "W-000001", name: "Ana", ...base, bankFingerprint: "fp-shared"},
        {workerId: "W-000002", name: "Bea", ...base, bankFingerprint: "fp-shared"},
        {workerId: "W-000003", name: "Cy", ...base, bankFingerprint: "fp-other"},
      ],
      iso(-100),
    );
  });
  afterEach(async () => f.close());

  const BANK = "shared-bank:";
  const sync = async (params: unknown[] = []) =>
    (await f.run.sync<Finding>("Findings", [f.ledger, [], [], ...params], f.team.viewer)).rows;
  const bankFinding = async (status: string[] = []) => (await sync([status])).find((r) => r.Rule === "shared-bank");
  const act = (name: string, params: unknown[], user = f.team.specialist) =>
    f.run.formula<Finding>(name, [f.ledger, ...params], user);

  it("an untriaged finding is Open with a due time from its severity", async () => {
    const found = await bankFinding();
    expect(found?.Status).to.equal("Open");
    expect(found?.Severity).to.equal("Warning");
    expect(Date.parse(found?.DueAt ?? "") - Date.parse(found?.FirstSeen ?? "")).to.equal(72 * 3_600_000);
    setSetting(f.emu.state, f.spreadsheetId, "FindingDueHours.Warning", "none");
    expect((await bankFinding())?.DueAt).to.equal(undefined);
  });

  it("acknowledge, assign, snooze and resolve each last across syncs and are logged with their actor", async () => {
    const id = (await bankFinding())?.FindingId ?? "";
    expect(id.startsWith(BANK)).to.equal(true);

    const acked = await act("AcknowledgeFinding", [id, "Looking at their documents"]);
    expect(acked).to.include({FindingId: id, Status: "Acknowledged", Note: "Looking at their documents"});
    expect(await bankFinding()).to.include({Status: "Acknowledged", Note: "Looking at their documents"});

    const mine = await act("AssignFinding", [id, "me"]);
    expect(mine.Assignee).to.equal(f.team.specialist.email);
    expect((await bankFinding())?.Assignee).to.equal(f.team.specialist.email);

    const until = new Date(Date.now() + 5 * 86_400_000);
    const snoozed = await act("SnoozeFinding", [id, until, "Waiting for the bank's letter"]);
    expect(snoozed.Status).to.equal("Snoozed");
    // Snoozed into the future is not open work; it is listed when asked for.
    expect(await bankFinding()).to.equal(undefined);
    expect((await bankFinding(["Snoozed"]))?.SnoozedUntil).to.equal(until.toISOString());

    const resolved = await act("ResolveFinding", [id, "Expected", "A married couple's joint account, checked 3 March"]);
    expect(resolved).to.include({Status: "Resolved", Outcome: "Expected"});
    expect(await bankFinding()).to.equal(undefined);
    expect((await bankFinding(["Resolved"]))?.Outcome).to.equal("Expected");

    const log = records(f.emu.state, f.spreadsheetId, EVENTS).filter((e) => String(e.Type).startsWith("Finding"));
    expect(log.map((e) => [e.Type, e.Actor, e.Evidence])).to.deep.equal(
      ["FindingAcknowledged", "FindingAssigned", "FindingSnoozed", "FindingResolved"].map((t) => [
        t,
        f.team.specialist.email,
        id,
      ]),
    );
    expect(records(f.emu.state, f.spreadsheetId, TRIAGE)).to.have.length(1);
  });

  it("an evader joining the shared account reopens the resolved finding under the same id, saying what changed", async () => {
    const id = (await bankFinding())?.FindingId ?? "";
    await act("ResolveFinding", [id, "Expected", "Joint account"]);
    seedWorkers(
      f.emu.state,
      f.spreadsheetId,
      [{workerId: "W-000004", name: "New Name", status: "Active", statusSince: iso(-1), bankFingerprint: "fp-shared"}],
      iso(-1),
    );
    const reopened = await bankFinding();
    expect(reopened).to.include({FindingId: id, Status: "Open"});
    expect(reopened?.Reopened).to.match(/^New: Workers row \d+: W-000004$/);
    expect(reopened?.Outcome).to.equal(undefined);
  });

  it("refuses a viewer, an unknown finding, a bad outcome, a past snooze and a non-staff assignee", async () => {
    const id = (await bankFinding())?.FindingId ?? "";
    await expectUserError(act("AcknowledgeFinding", [id], f.team.viewer), /needs the specialist role/);
    await expectUserError(act("AcknowledgeFinding", ["shared-bank:nothing"]), /The rules find no shared-bank:nothing/);
    await expectUserError(act("ResolveFinding", [id, "Done", "x"]), /"Done" is not an outcome/);
    await expectUserError(act("SnoozeFinding", [id, new Date(Date.now() - 86_400_000), "x"]), /in the future/);
    await expectUserError(act("AssignFinding", [id, "outsider@evil.example"]), /not on this ledger's Staff tab/);
    expect(records(f.emu.state, f.spreadsheetId, TRIAGE)).to.have.length(0);
  });

  it("the same requestId records a step once", async () => {
    const id = (await bankFinding())?.FindingId ?? "";
    await act("AcknowledgeFinding", [id, "once", "req-1"]);
    await act("AcknowledgeFinding", [id, "once", "req-1"]);
    const log = records(f.emu.state, f.spreadsheetId, EVENTS).filter((e) => e.Type === "FindingAcknowledged");
    expect(log).to.have.length(1);
  });

  it("a shadow rule's findings show Status Shadow and are not open work; off rules find nothing", async () => {
    setSetting(f.emu.state, f.spreadsheetId, "Rule.shared-bank", "shadow");
    expect(await bankFinding()).to.equal(undefined);
    expect((await bankFinding(["Shadow"]))?.Status).to.equal("Shadow");
    setSetting(f.emu.state, f.spreadsheetId, "Rule.shared-bank", "off");
    expect(await bankFinding(["Shadow", "Open"])).to.equal(undefined);
    setSetting(f.emu.state, f.spreadsheetId, "Rule.shared-bank", "maybe");
    await expectUserError(sync(), /Rule.shared-bank = "maybe"; use on, shadow or off/);
  });

  it("Summary measures each rule's precision from resolved findings; a shadow rule stays out of Trends", async () => {
    seedWorkers(
      f.emu.state,
      f.spreadsheetId,
      [{workerId: "W-000005", name: "Eve", status: "Active", statusSince: iso(-100), bankFingerprint: "fp-other"}],
      iso(-100),
    );
    const ids = (await sync()).filter((r) => r.Rule === "shared-bank" || r.Rule === "vetting-incomplete");
    const bank = ids.filter((r) => r.Rule === "shared-bank").map((r) => r.FindingId);
    expect(bank).to.have.length(2);
    await act("ResolveFinding", [bank[0], "FalsePositive", "Different accounts, a fingerprint typo"]);
    await act("ResolveFinding", [bank[1], "ActionTaken", "Second account offboarded"]);
    const summary = await f.run.formula<{RulePrecision: unknown[]}>("Summary", [f.ledger], f.team.viewer);
    expect(summary.RulePrecision).to.deep.equal([{Rule: "shared-bank", Resolved: 2, FalsePositive: 1, Precision: 0.5}]);

    const trends = async () =>
      (await f.run.sync<{Metric: string; Count: number}>("Trends", [f.ledger], f.team.viewer)).rows.filter((r) =>
        r.Metric.includes("shared-bank"),
      );
    // A pair that began sharing an account this week shows in the weekly counts.
    seedWorkers(
      f.emu.state,
      f.spreadsheetId,
      ["W-000006", "W-000007"].map((workerId) => ({
        workerId,
        name: workerId,
        status: "Active" as const,
        statusSince: iso(-1),
        bankFingerprint: "fp-new",
      })),
      iso(-1),
    );
    expect(await trends()).to.have.length.greaterThan(0);
    setSetting(f.emu.state, f.spreadsheetId, "Rule.shared-bank", "shadow");
    expect(await trends()).to.deep.equal([]);
  });

  it('Queue(ledger, "me") shows a specialist what is assigned to them, with due times; shadow findings stay out', async () => {
    const id = (await bankFinding())?.FindingId ?? "";
    await act("AssignFinding", [id, "me"]);
    await f.run.formula("OpenDispute", [f.ledger, "W-000003", "Payment", "Late payout"], f.team.lead);
    await f.run.formula("AssignDispute", [f.ledger, "D-000001", f.team.specialist.email], f.team.lead);
    type Item = {
      WorkItemId: string;
      Kind: string;
      Assignee?: string;
      DueAt?: string;
      Overdue?: boolean;
      Action: string;
    };
    const queue = async (assignee?: string, user = f.team.specialist) =>
      (await f.run.sync<Item>("Queue", [f.ledger, assignee], user)).rows;
    const mine = await queue("me");
    expect(mine.map((i) => [i.WorkItemId, i.Kind, i.Assignee])).to.deep.equal([
      ["dispute:D-000001", "Dispute", f.team.specialist.email],
      [`finding:${id}`, "Finding", f.team.specialist.email],
    ]);
    expect(mine.every((i) => i.DueAt && i.Action)).to.equal(true);
    expect(await queue("me", f.team.lead)).to.deep.equal([]);
    // Without an assignee: everything, assigned or not.
    await f.run.formula("OpenDispute", [f.ledger, "W-000002", "Payment", "Missing bonus"], f.team.lead);
    const all = (await queue()).filter((i) => i.Kind === "Dispute" || i.Kind === "Finding");
    expect(all.map((i) => [i.WorkItemId, i.Assignee ?? ""])).to.deep.include.members([
      ["dispute:D-000001", f.team.specialist.email],
      ["dispute:D-000002", ""],
      [`finding:${id}`, f.team.specialist.email],
    ]);
    setSetting(f.emu.state, f.spreadsheetId, "Rule.shared-bank", "shadow");
    expect((await queue()).some((i) => i.WorkItemId.startsWith("finding:shared-bank"))).to.equal(false);
  });
});
