// Issue 17 against the emulator: warnings and strikes, open suspensions and extensions.
import {expect} from "chai";
import type {LedgerFixture} from "../helpers/fixture";
import {daysFromNow, expectUserError, setupLedger, tabRecords} from "../helpers/fixture";
import type {Row} from "../helpers/gmail";
import {activeWorker, grantGmail, outbox, read, setSetting} from "../helpers/gmail";

type Finding = {Rule: string; Title: string; Advice: string; Explanation: string; Workers?: unknown};

describe("warnings, strikes and open suspensions", function () {
  let f: LedgerFixture;
  let id: string;
  beforeEach(async () => {
    f = await setupLedger({timezone: "UTC"});
    grantGmail(f.team.lead, f.team.lead2, f.team.specialist, f.team.viewer);
    id = await activeWorker(f);
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
