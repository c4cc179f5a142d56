// Issue 17 against the emulator: warnings and strikes, open suspensions and extensions.
import {expect} from "chai";
import type {LedgerFixture} from "../helpers/fixture";
import {daysFromNow, expectUserError, tabRecords} from "../helpers/fixture";
import type {Row} from "../helpers/gmail";
import {outbox, read, setSetting, ledgerWithActiveWorker} from "../helpers/gmail";

type Finding = {Rule: string; Title: string; Advice: string; Explanation: string; Workers?: unknown};

describe("warnings, strikes and open suspensions", function () {
  let f: LedgerFixture;
  let id: string;
  beforeEach(async () => {
    ({f, id} = await ledgerWithActiveWorker());
  });
  afterEach(async () => f.close());

  const warn = (clause: string, notify?: boolean, reason = "Missed the review deadline on 3 tasks on 2 November") =>
    f.run.formula<Row>("IssueWarning", [f.ledger, id, reason, clause, "", notify], f.team.specialist);
  const findings = async (rule: string) =>
    (await f.run.sync<Finding>("Findings", [f.ledger, undefined, [rule]], f.team.viewer)).rows;
  const events = (type: string) => tabRecords(f, "Events").filter((e) => e.WorkerId === id && e.Type === type);

  it("a warning keeps the status, counts a strike weighted by StrikeWeight.<clause>, and tells the worker", async () => {
    setSetting(f, "StrikeWeight.CoC 4.2", "2");
    const first = await warn("CoC 4.2");
    expect(first).to.deep.include({WorkerId: id, Status: "Active", ActiveStrikes: 2});
    const [event] = events("Warned");
    expect(event).to.deep.include({FromStatus: "Active", ToStatus: "Active", PolicyClause: "CoC 4.2"});
    const [sent, ...more] = outbox(f);
    expect(more).to.have.length(0);
    const mail = read(sent?.mime ?? "");
    expect(mail.header("Subject")).to.equal("A formal warning about your work");
    expect(mail.text).to.include("Decision: you receive a formal warning. Your account stays active.");
    expect(mail.text).to.include("the 2 strikes you now have; at 3 strikes a suspension may be considered");
    expect(mail.text).to.include("Code of Conduct clause: CoC 4.2");
    expect(mail.text).to.include("How to appeal: ");
    // Another clause weighs 1 by default.
    const second = await warn("CoC 2.1", false);
    expect(second.ActiveStrikes).to.equal(3);
    expect(outbox(f)).to.have.length(1);
  });

  it("reaching StrikeThreshold raises strike-threshold, which suggests a suspension and takes none", async () => {
    setSetting(f, "StrikeThreshold", "2");
    await warn("CoC 4.2", false);
    expect(await findings("strike-threshold")).to.deep.equal([]);
    await warn("CoC 4.3", false);
    const [found, ...more] = await findings("strike-threshold");
    expect(more).to.have.length(0);
    expect(found?.Title).to.equal(`${id} has 2 active strikes (threshold 2)`);
    expect(found?.Advice).to.match(/Consider SuspendWorker/);
    const worker = await f.run.formula<Row>("AddNote", [f.ledger, id, "Checked the strikes"], f.team.specialist);
    expect(worker.Status).to.equal("Active");
    expect(tabRecords(f, "Events").filter((e) => e.Type === "Suspended")).to.deep.equal([]);
  });

  it("strikes expire after StrikeExpiryDays", async () => {
    setSetting(f, "StrikeExpiryDays", "1");
    await warn("CoC 4.2", false);
    // Age the strike by hand: a day and a second ago.
    const book = f.emu.state.spreadsheets.get(f.spreadsheetId);
    const sheet = book?.sheets.find((s) => s.properties.title === "Workers");
    const header = (sheet?.rows[0] ?? []) as string[];
    const col = header.indexOf("Strikes");
    const row = sheet?.rows.find((r) => r?.[0] === id) as unknown[];
    const strikes = JSON.parse(String(row[col])) as Array<{expiresAt: string}>;
    row[col] = JSON.stringify(strikes.map((s) => ({...s, expiresAt: new Date(Date.now() - 1000).toISOString()})));
    const synced = await f.run.sync<Row>("Workers", [f.ledger], f.team.viewer);
    expect(synced.rows.find((w) => w.WorkerId === id)?.ActiveStrikes).to.equal(0);
  });

  it("Summary and Trends show warnings, the open suspension, and a worker at the strike threshold", async () => {
    setSetting(f, "StrikeThreshold", "1");
    await warn("CoC 4.2", false);
    await f.run.formula(
      "SuspendWorker",
      [f.ledger, id, "Account shared with another person, reported on 28 November", "CoC 1.3", undefined, "", false],
      f.team.specialist,
    );
    const summary = await f.run.formula<Row>("Summary", [f.ledger], f.team.viewer);
    expect(summary).to.deep.include({
      Warnings: 1,
      Suspensions: 1,
      OpenSuspensions: 1,
      OverdueSuspensionReviews: 0,
      AtStrikeThreshold: 1,
      PendingLiftApprovals: 0,
    });
    expect(summary.TopReasons).to.include("CoC 4.2: 1 (latest: Missed the review deadline on 3 tasks on 2 November)");
    const trends = (await f.run.sync<{Metric: string; Count: number}>("Trends", [f.ledger, 1], f.team.viewer)).rows;
    expect(trends.filter((t) => t.Metric === "Warnings").map((t) => t.Count)).to.deep.equal([1]);
  });

  it("a suspension without until is pending investigation, with a review due and a truthful notice", async () => {
    setSetting(f, "InvestigationReviewDays", "10");
    const worker = await f.run.formula<Row>(
      "SuspendWorker",
      [f.ledger, id, "Account shared with another person, reported on 28 November", "CoC 1.3"],
      f.team.specialist,
    );
    expect(worker).to.deep.include({Status: "Suspended", SuspensionKind: "PendingInvestigation"});
    expect(worker.SuspendedUntil).to.equal(undefined);
    const due = Date.parse(String(worker.ReviewDueAt));
    expect(due - Date.now()).to.be.within(10 * 86_400_000 - 120_000, 10 * 86_400_000 + 1000);
    const mail = read(outbox(f)[0]?.mime ?? "");
    expect(mail.header("Subject")).to.equal("Your account is suspended while we investigate");
    expect(mail.text).to.match(/Duration: from .* until our investigation ends\. We will review it by /);
    expect(mail.text).to.not.match(/may work again from/);
  });

  it("investigation-overdue appears once the review date has passed", async () => {
    await f.run.formula<Row>(
      "SuspendWorker",
      [f.ledger, id, "Reported on 28 November", "CoC 1.3", undefined, "", false],
      f.team.specialist,
    );
    expect(await findings("investigation-overdue")).to.deep.equal([]);
    const sheet = f.emu.state.spreadsheets.get(f.spreadsheetId)?.sheets.find((s) => s.properties.title === "Workers");
    const col = ((sheet?.rows[0] ?? []) as string[]).indexOf("ReviewDueAt");
    const row = sheet?.rows.find((r) => r?.[0] === id) as unknown[];
    row[col] = new Date(Date.now() - 3 * 86_400_000).toISOString();
    const [found] = await findings("investigation-overdue");
    expect(found?.Title).to.equal(`${id}'s investigation review is 3 days overdue`);
  });

  it("ExtendSuspension moves a fixed end later and says from when to when; an earlier end is refused", async () => {
    await f.run.formula<Row>(
      "SuspendWorker",
      [f.ledger, id, "Copied answers on 2 November", "CoC 4.2", daysFromNow(10), "", false],
      f.team.specialist,
    );
    await expectUserError(
      f.run.formula("ExtendSuspension", [f.ledger, id, daysFromNow(5), "More found"], f.team.specialist),
      /an extension must end later than that.*rule: extension/,
    );
    const extended = await f.run.formula<Row>(
      "ExtendSuspension",
      [f.ledger, id, daysFromNow(30), "Further copied answers found on 20 November"],
      f.team.specialist,
    );
    expect(extended).to.deep.include({
      Status: "Suspended",
      SuspensionKind: "Fixed",
      SuspendedUntil: daysFromNow(30).toISOString().slice(0, 10),
    });
    const mail = read(outbox(f)[0]?.mime ?? "");
    expect(mail.header("Subject")).to.match(/^Your suspension is extended until /);
    expect(mail.text).to.match(/Duration: you may work again from .* instead of /);
    expect(mail.text).to.not.match(/active again/);
    expect(events("SuspensionExtended")).to.have.length(1);
  });

  it("ExtendSuspension of an open suspension moves its review and keeps it open", async () => {
    await f.run.formula<Row>(
      "SuspendWorker",
      [f.ledger, id, "Reported on 28 November", "CoC 1.3", undefined, "", false],
      f.team.specialist,
    );
    const extended = await f.run.formula<Row>(
      "ExtendSuspension",
      [f.ledger, id, daysFromNow(40), "Waiting for the bank's answer"],
      f.team.specialist,
    );
    expect(extended).to.deep.include({
      SuspensionKind: "PendingInvestigation",
      ReviewDueAt: `${daysFromNow(40).toISOString().slice(0, 10)}T00:00:00.000Z`,
    });
    const mail = read(outbox(f)[0]?.mime ?? "");
    expect(mail.header("Subject")).to.equal("Your suspension continues while we investigate");
    expect(mail.text).to.match(/We will now review it by .* instead of /);
  });

  it("ExtendSuspension is refused for a worker who is not suspended", async () => {
    await expectUserError(
      f.run.formula("ExtendSuspension", [f.ledger, id, daysFromNow(30), "More found"], f.team.specialist),
      /ExtendSuspension is not allowed for W-000001: the worker is Active.*rule: transition/,
    );
    expect(events("SuspensionExtended")).to.have.length(0);
  });

  it("a viewer cannot warn, and a warning needs a clause", async () => {
    await expectUserError(
      f.run.formula("IssueWarning", [f.ledger, id, "Late", "CoC 4.2"], f.team.viewer),
      /rule: role/,
    );
    await expectUserError(
      f.run.formula("IssueWarning", [f.ledger, id, "Late", "  "], f.team.specialist),
      /policy clause is required/,
    );
  });
});

describe("lifting a blacklisting, and re-applying", function () {
  let f: LedgerFixture;
  let id: string;
  beforeEach(async () => {
    ({f, id} = await ledgerWithActiveWorker());
  });
  afterEach(async () => f.close());

  const blacklist = async () => {
    await f.run.formula(
      "ProposeBlacklist",
      [f.ledger, id, "Two accounts with one bank account", "CoC 1.3", "https://drive/e"],
      f.team.specialist,
    );
    await f.run.formula("ApproveBlacklist", [f.ledger, id, "", false], f.team.lead);
  };
  const screen = () =>
    f.run.formula<{Verdict: string; Matches?: unknown}>(
      "ScreeningReport",
      [f.ledger, "Ana Pérez", "ana.perez@gmail.com", "MX"],
      f.team.specialist,
    );

  it("an upheld blacklist appeal names the lift; approving your own lift is refused; the second lead's approval restores the status, keeps the entry as history and lets the appeal close", async () => {
    await blacklist();
    const before = await screen();
    expect((before.Matches as Array<{Source: string}>).map((m) => m.Source)).to.include("Blacklist");
    const d = await f.run.formula<Row>(
      "OpenDispute",
      [f.ledger, id, "BlacklistAppeal", "The second account is my sister's"],
      f.team.specialist,
    );
    const decided = await f.run.formula<Row>(
      "ResolveDispute",
      [f.ledger, d.DisputeId, "Upheld", "Her sister's ID and bank statement of 3 March 2026 were checked.", false],
      f.team.lead2,
    );
    expect(decided.ReversalNeeded).to.equal(`ProposeLiftBlacklist ${id}, then ApproveLiftBlacklist by a second lead`);
    await expectUserError(
      f.run.formula("CloseDispute", [f.ledger, d.DisputeId], f.team.lead),
      /its reversal has not been taken yet: ProposeLiftBlacklist/,
    );
    const proposed = await f.run.formula<Row>(
      "ProposeLiftBlacklist",
      [f.ledger, id, "Appeal upheld: the second account is her sister's"],
      f.team.lead,
    );
    expect(proposed.Status).to.equal("Blacklisted");
    expect(String(proposed.PendingLift)).to.match(/^Proposed by .* Appeal upheld/);
    expect(proposed.NextSteps).to.deep.equal(["ApproveLiftBlacklist"]);
    await expectUserError(
      f.run.formula("ApproveLiftBlacklist", [f.ledger, id], f.team.lead),
      /another lead must approve it.*rule: four-eyes/,
    );
    await expectUserError(f.run.formula("ApproveLiftBlacklist", [f.ledger, id], f.team.specialist), /rule: role/);
    const lifted = await f.run.formula<Row>("ApproveLiftBlacklist", [f.ledger, id, "Documents seen"], f.team.lead2);
    expect(lifted).to.deep.include({Status: "Active"});
    expect(lifted.PendingLift).to.equal(undefined);
    const [entry, ...others] = tabRecords(f, "Blacklist");
    expect(others).to.have.length(0);
    expect(entry).to.deep.include({
      WorkerId: id,
      LiftedBy: f.team.lead2.email,
      LiftReason: "Appeal upheld: the second account is her sister's",
    });
    expect(String(entry?.LiftedAt)).to.match(/^\d{4}-\d{2}-\d{2}T/);
    expect(String(entry?.EmailKeys)).to.not.equal("");
    const [event] = tabRecords(f, "Events").filter((e) => e.Type === "BlacklistLifted");
    expect(event).to.deep.include({FromStatus: "Blacklisted", ToStatus: "Active", Actor: f.team.lead2.email});
    const mail = read(outbox(f).at(-1)?.mime ?? "");
    expect(mail.header("Subject")).to.equal("The permanent closure of your account is lifted");
    // The entry no longer matches: the same person screens without a blacklist match.
    const report = await screen();
    const sources = (report.Matches as Array<{Source: string}>).map((m) => m.Source);
    expect(sources).to.deep.equal(["Workers", "Workers"]);
    expect((await f.run.formula<Row>("CloseDispute", [f.ledger, d.DisputeId], f.team.lead)).Status).to.equal("Closed");
    // A second approval has nothing to approve.
    await expectUserError(
      f.run.formula("ApproveLiftBlacklist", [f.ledger, id, "again"], f.team.lead2),
      /rule: transition/,
    );
  });

  it("Reapply: too early is refused naming the date, Blacklisted never, and after ReapplyAfterDays the same record is an Applicant again with its history", async () => {
    await f.run.formula("OffboardWorker", [f.ledger, id, "Project ended on 30 November", false], f.team.specialist);
    await expectUserError(
      f.run.formula("Reapply", [f.ledger, id], f.team.specialist),
      /they may apply again from .* \(Settings ReapplyAfterDays: 90\).*rule: reapply-wait/,
    );
    setSetting(f, "ReapplyAfterDays", "0");
    const again = await f.run.formula<Row>("Reapply", [f.ledger, id, "New campaign"], f.team.specialist);
    expect(again).to.deep.include({WorkerId: id, Status: "Applicant", Name: "Ana Pérez"});
    // Screened afresh, as AddApplicant screens: a new verdict at the re-application's time.
    expect(again.ScreeningVerdict).to.equal("Clear");
    const mine = tabRecords(f, "Events").filter((e) => e.WorkerId === id);
    const types = mine.filter((e) => Number(e.Seq) > 0).map((e) => e.Type);
    expect(types).to.deep.equal(["ApplicantAdded", "VettingStarted", "Approved", "Offboarded", "Reapplied"]);
    const reapplied = mine.find((e) => e.Type === "Reapplied");
    expect(mine.at(-1)).to.deep.include({Type: "Screened", Seq: 0, Time: reapplied?.Time});
    expect(mine.filter((e) => e.Type === "Screened")).to.have.length(2);
    expect(tabRecords(f, "Workers").filter((w) => w.WorkerId === id)).to.have.length(1);
    // Blacklisted: never, whatever ReapplyAfterDays says.
    await f.run.formula("RejectApplicant", [f.ledger, id, "ID not verified", "", false], f.team.specialist);
    await blacklist();
    await expectUserError(
      f.run.formula("Reapply", [f.ledger, id], f.team.lead),
      /is Blacklisted and can never apply again.*rule: blacklisted/,
    );
  });

  it("Reapply screens again: an identity blacklisted since the first screening now matches, and ApproveWorker asks what was checked", async () => {
    setSetting(f, "ReapplyAfterDays", "0");
    const first = tabRecords(f, "Workers").find((w) => w.WorkerId === id);
    expect(first?.ScreeningVerdict).to.equal("Clear");
    await f.run.formula("OffboardWorker", [f.ledger, id, "Project ended on 30 November", false], f.team.specialist);
    // The evader: a second account under another email with Ana's name, blacklisted after Ana left.
    const other = await f.run.formula<Row>(
      "AddApplicant",
      [f.ledger, "Ana Pérez", "a.perez.work@example.org", "MX", "", "America/Mexico_City", "Referral"],
      f.team.specialist,
    );
    await f.run.formula(
      "ProposeBlacklist",
      [f.ledger, other.WorkerId, "Fraudulent submissions", "CoC 1.3", "https://drive/e"],
      f.team.specialist,
    );
    await f.run.formula("ApproveBlacklist", [f.ledger, other.WorkerId, "", false], f.team.lead);
    const again = await f.run.formula<Row>("Reapply", [f.ledger, id], f.team.specialist);
    expect(again.ScreeningVerdict).to.equal("Review");
    expect(String(again.ScreeningSummary)).to.include(`Blacklist entry`);
    // New request ids: the same calls as the first application's would otherwise replay it.
    await f.run.formula("StartVetting", [f.ledger, id, "", "vet-2"], f.team.specialist);
    await expectUserError(
      f.run.formula("ApproveWorker", [f.ledger, id, "", false, "approve-2"], f.team.specialist),
      /asks for review \(Blacklist entry B-\w+ for W-000002 Ana Pérez: Name 1\.00.*\(rule: screening\)/,
    );
  });

  it("AddApplicant for a rejected or offboarded person names Reapply", async () => {
    await f.run.formula("OffboardWorker", [f.ledger, id, "Project ended", false], f.team.specialist);
    await expectUserError(
      f.run.formula("AddApplicant", [f.ledger, "Ana Pérez", "ana.perez@gmail.com", "MX"], f.team.specialist),
      new RegExp(`Offboarded.*Reapply\\(ledger, "${id}"\\)`),
    );
  });

  it("rejection and offboarding notices say when and how to apply again", async () => {
    setSetting(f, "ReapplyAfterDays", "30");
    await f.run.formula("OffboardWorker", [f.ledger, id, "Project ended on 30 November"], f.team.specialist);
    const mail = read(outbox(f)[0]?.mime ?? "");
    expect(mail.text).to.match(/You may apply again from \d+ \w+ \d{4}, by replying to this email/);
    expect(mail.text).to.not.match(/permanently/);
  });
});

describe("internal notes and the worker's file", function () {
  let f: LedgerFixture;
  let id: string;
  beforeEach(async () => {
    ({f, id} = await ledgerWithActiveWorker());
  });
  afterEach(async () => f.close());

  type File = {
    WorkerId: string;
    Worker: Row;
    Timeline: Array<{Kind: string; Time: string; Actor: string; Text: string}>;
  };

  it("notes append with author and time, never reach the worker, and WorkerFile interleaves everything newest first", async () => {
    await f.run.formula(
      "AddNote",
      [f.ledger, id, "Called her on 2 December: the new bank account is hers"],
      f.team.specialist,
    );
    await f.run.formula(
      "UpdateWorkerDetails",
      [f.ledger, id, undefined, undefined, undefined, undefined, undefined, "Watch payouts"],
      f.team.specialist,
    );
    await f.run.formula(
      "UpdateWorkerDetails",
      [f.ledger, id, undefined, undefined, undefined, undefined, undefined, "Second note"],
      f.team.lead,
    );
    const row = tabRecords(f, "Workers").find((w) => w.WorkerId === id);
    expect(String(row?.RiskNotes).split("\n")).to.deep.equal([
      `${new Date().toISOString().slice(0, 10)} ${f.team.specialist.email}: Watch payouts`,
      `${new Date().toISOString().slice(0, 10)} ${f.team.lead.email}: Second note`,
    ]);
    await f.run.formula("IssueWarning", [f.ledger, id, "Late on 3 tasks on 2 November", "CoC 4.2"], f.team.specialist);
    const mail = read(outbox(f).at(-1)?.mime ?? "");
    expect(mail.text).to.not.match(/Called her|Watch payouts|Second note/);
    const file = await f.run.formula<File>("WorkerFile", [f.ledger, id], f.team.lead);
    expect(file.Worker).to.deep.include({WorkerId: id, Status: "Active", ActiveStrikes: 1});
    const kinds = file.Timeline.map((e) => e.Kind);
    expect(kinds.slice(0, 5)).to.deep.equal(["Notice", "Decision", "Note", "Note", "Note"]);
    // Oldest last: the application itself (AddApplicant screens at intake, so a Screening follows it).
    expect(kinds.at(-1)).to.equal("Decision");
    expect(kinds).to.include("Screening");
    const times = file.Timeline.map((e) => Date.parse(e.Time));
    expect([...times].sort((a, b) => b - a)).to.deep.equal(times);
    expect(file.Timeline.find((e) => e.Kind === "Note")?.Actor).to.equal(f.team.lead.email);
    expect(file.Timeline.some((e) => e.Text === "Called her on 2 December: the new bank account is hers")).to.equal(
      true,
    );
    await expectUserError(f.run.formula("WorkerFile", [f.ledger, id], f.team.viewer), /rule: role/);
  });
});

describe("a ledger made before issue 17 (no Strikes, SuspensionKind, ReviewDueAt, PendingLift, StatusBeforeBlacklist, LiftedAt, LiftedBy, LiftReason)", function () {
  let f: LedgerFixture;
  let id: string;
  const NEW_WORKER_COLUMNS = ["Strikes", "SuspensionKind", "ReviewDueAt", "PendingLift", "StatusBeforeBlacklist"];
  const NEW_BLACKLIST_COLUMNS = ["LiftedAt", "LiftedBy", "LiftReason"];
  /** Removes whole columns from a tab, as a ledger of the earlier layout has them. */
  const dropColumns = (tab: string, headers: string[]) => {
    const sheet = f.emu.state.spreadsheets.get(f.spreadsheetId)?.sheets.find((s) => s.properties.title === tab);
    const header = (sheet?.rows[0] ?? []).map(String);
    const gone = headers.map((h) => header.indexOf(h)).filter((i) => i >= 0);
    expect(gone, `${tab} has the columns to drop`).to.have.length(headers.length);
    sheet?.rows.forEach((row, r) => {
      if (row) {
        (sheet.rows as unknown[][])[r] = (row as unknown[]).filter((_, c) => !gone.includes(c));
      }
    });
  };
  beforeEach(async () => {
    ({f, id} = await ledgerWithActiveWorker());
  });
  afterEach(async () => f.close());

  it("still syncs and takes the older steps; a step that needs a new column is refused whole, naming UpgradeLedger", async () => {
    dropColumns("Workers", NEW_WORKER_COLUMNS);
    dropColumns("Blacklist", NEW_BLACKLIST_COLUMNS);
    const workers = await f.run.sync<Row>("Workers", [f.ledger], f.team.viewer);
    expect(workers.rows.find((w) => w.WorkerId === id)).to.deep.include({Status: "Active", ActiveStrikes: 0});
    expect(workers.rows.every((w) => !w.Problems)).to.equal(true);
    expect(
      (await f.run.formula<Row>("AddNote", [f.ledger, id, "Checked the old ledger"], f.team.specialist)).Status,
    ).to.equal("Active");
    const before = tabRecords(f, "Events").length;
    await expectUserError(
      f.run.formula("IssueWarning", [f.ledger, id, "Late", "CoC 4.2", "", false], f.team.specialist),
      /the Workers tab has no Strikes column in row 1, so what this action records there would be lost.*UpgradeLedger/,
    );
    expect(tabRecords(f, "Events")).to.have.length(before);
    // A fixed suspension needs no new column to hold a value; an open one does.
    await expectUserError(
      f.run.formula(
        "SuspendWorker",
        [f.ledger, id, "Shared account", "CoC 1.3", undefined, "", false],
        f.team.specialist,
      ),
      /the Workers tab has no SuspensionKind, ReviewDueAt column/,
    );
    await f.run.formula("UpgradeLedger", [f.ledger], f.team.lead);
    const warned = await f.run.formula<Row>(
      "IssueWarning",
      [f.ledger, id, "Late", "CoC 4.2", "", false],
      f.team.specialist,
    );
    expect(warned.ActiveStrikes).to.equal(1);
  });

  it("a lift is refused while the Blacklist cannot mark the entry lifted (it would go on matching)", async () => {
    dropColumns("Blacklist", NEW_BLACKLIST_COLUMNS);
    await f.run.formula(
      "ProposeBlacklist",
      [f.ledger, id, "Two accounts", "CoC 1.3", "https://drive/e"],
      f.team.specialist,
    );
    await f.run.formula("ApproveBlacklist", [f.ledger, id, "", false], f.team.lead);
    await f.run.formula("ProposeLiftBlacklist", [f.ledger, id, "Appeal upheld"], f.team.lead);
    await expectUserError(
      f.run.formula("ApproveLiftBlacklist", [f.ledger, id, "", false], f.team.lead2),
      /the Blacklist tab has no LiftedAt, LiftedBy, LiftReason column in row 1.*UpgradeLedger/,
    );
    expect(tabRecords(f, "Events").filter((e) => e.Type === "BlacklistLifted")).to.have.length(0);
    await f.run.formula("UpgradeLedger", [f.ledger], f.team.lead);
    const lifted = await f.run.formula<Row>("ApproveLiftBlacklist", [f.ledger, id, "", false], f.team.lead2);
    expect(lifted.Status).to.equal("Active");
    expect(tabRecords(f, "Blacklist")[0]?.LiftedBy).to.equal(f.team.lead2.email);
  });
});
