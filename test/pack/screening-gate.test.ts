import {expect} from "chai";
import type {LedgerFixture} from "../helpers/fixture";
import {expectUserError, setupLedger, tabRecords} from "../helpers/fixture";
import {addSpreadsheet} from "../helpers/sheet-seed";

type Worker = Record<string, unknown> & {WorkerId: string; Status: string};

describe("the onboarding gate: screening at intake, staleness and ApproveWorker", function () {
  this.timeout(60_000);
  let f: LedgerFixture;
  beforeEach(async () => {
    f = await setupLedger();
  });
  afterEach(async () => f.close());

  const add = (name: string, email: string, phone = "", country = "MX") =>
    f.run.formula<Worker>("AddApplicant", [f.ledger, name, email, country, phone], f.team.specialist);
  /** Ana Pérez, blacklisted by two leads. */
  const blacklisted = async () => {
    const w = await add("Ana Pérez", "ana.perez@gmail.com", "55 1234 5678");
    await f.run.formula(
      "ProposeBlacklist",
      [f.ledger, w.WorkerId, "Sold her account", "CoC 1.3", "https://drive.example/e1"],
      f.team.specialist,
    );
    await f.run.formula("ApproveBlacklist", [f.ledger, w.WorkerId, "", false], f.team.lead);
    return w;
  };

  it("records the verdict at intake, refuses an unscreened or stale worker, and lets a Clear one through", async () => {
    const w = await add("Kwame Mensah", "kwame.mensah@example.com");
    expect(w).to.deep.include({ScreeningVerdict: "Clear", Version: 1});
    expect(w.ScreenedAt).to.be.a("string");
    const events = tabRecords(f, "Events").filter((e) => e.WorkerId === w.WorkerId);
    expect(events.map((e) => e.Type)).to.deep.equal(["ApplicantAdded", "Screened"]);
    await f.run.formula("StartVetting", [f.ledger, w.WorkerId], f.team.specialist);
    // Payout details change the identity: the screening is stale until ScreenWorker runs again.
    const banked = await f.run.formula<Worker>(
      "RecordBankDetails",
      [f.ledger, w.WorkerId, "032180000118359719", "MX"],
      f.team.specialist,
    );
    expect(banked.NextSteps).to.include("ScreenWorker").and.not.include("ApproveWorker");
    expect(String(banked.ScreeningGate)).to.match(/stale/);
    const stale = await expectUserError(
      f.run.formula("ApproveWorker", [f.ledger, w.WorkerId], f.team.specialist),
      /stale.*rule: screening/,
    );
    expect(stale.message).to.match(/ScreenWorker/);
    await f.run.formula("ScreenWorker", [f.ledger, w.WorkerId], f.team.specialist);
    const approved = await f.run.formula<Worker>("ApproveWorker", [f.ledger, w.WorkerId], f.team.specialist);
    expect(approved.Status).to.equal("Active");
    const approval = tabRecords(f, "Events").find((e) => e.Type === "Approved");
    expect(String(approval?.Details)).to.match(/Screening of .*: Clear/);
  });

  it("an evader with a new email and the same phone: Match at intake, a Critical finding, refused until a second lead clears", async () => {
    const original = await blacklisted();
    // A nickname, a zero-width space and a new address; the phone written without "+".
    const evader = await add("Anita Pe\u200brez", "a.perez.new@example.com", "52 55 1234 5678", "US");
    expect(evader.Status).to.equal("Applicant");
    expect(evader.ScreeningVerdict).to.equal("Match");
    expect(String(evader.ScreeningSummary)).to.match(/Blacklist entry B-\w+ for W-000001 Ana Pérez/);
    expect(String(evader.ScreeningSummary)).to.match(/Phone 0\.\d\d \(one reading of an ambiguous number\)/);
    expect(evader.NextSteps).to.include("ClearScreening").and.not.include("ApproveWorker");
    const findings = await f.run.sync<Record<string, unknown>>("Findings", [f.ledger], f.team.lead);
    const critical = findings.rows.filter((x) => x.Rule === "blacklist-match" && x.Severity === "Critical");
    expect(critical.map((x) => String(x.Title))).to.satisfy((t: string[]) =>
      t.some((s) => s.includes(evader.WorkerId)),
    );

    await f.run.formula("StartVetting", [f.ledger, evader.WorkerId], f.team.specialist);
    await expectUserError(
      f.run.formula("ApproveWorker", [f.ledger, evader.WorkerId, "Looks fine"], f.team.specialist),
      /found a Match.*ClearScreening.*rule: screening/,
    );
    // Only a lead clears, with a reason; that lead may not approve too.
    await expectUserError(
      f.run.formula("ClearScreening", [f.ledger, evader.WorkerId, "Checked"], f.team.specialist),
      /needs the lead role/,
    );
    const cleared = await f.run.formula<Worker>(
      "ClearScreening",
      [f.ledger, evader.WorkerId, "Called both numbers: a different person sharing a relative's phone"],
      f.team.lead,
    );
    expect(cleared.ScreeningClearedBy).to.equal(f.team.lead.email);
    await expectUserError(
      f.run.formula("ApproveWorker", [f.ledger, evader.WorkerId], f.team.lead),
      /cleared the screening.*someone else must approve.*rule: screening/,
    );
    const approved = await f.run.formula<Worker>("ApproveWorker", [f.ledger, evader.WorkerId], f.team.specialist);
    expect(approved.Status).to.equal("Active");
    const approval = tabRecords(f, "Events").find((e) => e.Type === "Approved" && e.WorkerId === evader.WorkerId);
    expect(String(approval?.Details)).to.match(
      new RegExp(`Match, cleared by ${f.team.lead.email.replace(/\./g, "\\.")} .*: Called both numbers`),
    );
    expect(original.WorkerId).to.equal("W-000001");
  });

  it("refuses only the same canonical email, and says when that worker is Blacklisted", async () => {
    await blacklisted();
    await expectUserError(
      f.run.formula("AddApplicant", [f.ledger, "Ana P", "A.N.A.Perez+x@googlemail.com", "MX"], f.team.specialist),
      /already in the ledger as W-000001 Ana Pérez \(Blacklisted\).*Blacklisted: do not add this person again.*rule: duplicate/,
    );
    // Same phone, other name and email: added, with the attempt on record.
    const other = await add("Luis Gómez", "luis.gomez@example.com", "55 1234 5678");
    expect(other.ScreeningVerdict).to.equal("Review");
  });

  it("ImportApplicants: the same email as a Blacklisted worker is skipped saying so; the same phone is added as a Match", async () => {
    const ana = await blacklisted();
    const id = addSpreadsheet(f.emu, f.team.specialist.email, "Recruiter pipeline", [
      {
        title: "Pipeline",
        rows: [
          ["Full Name", "E-mail", "Country", "Mobile"],
          ["Ana P", "A.N.A.Perez+x@googlemail.com", "MX", ""],
          ["Anna Peres", "anna.peres.2@example.com", "US", "52 55 1234 5678"],
        ],
      },
    ]);
    const summary = await f.run.formula<Record<string, unknown>>(
      "ImportApplicants",
      [f.ledger, `https://docs.google.com/spreadsheets/d/${id}/edit`],
      f.team.specialist,
    );
    expect(summary).to.include({Added: 1, Skipped: 1, Matches: 1});
    expect(summary.SkippedRows).to.deep.equal([
      `Row 2: A.N.A.Perez+x@googlemail.com is already in the ledger as ${ana.WorkerId} Ana Pérez (Blacklisted) (same canonical email anaperez@gmail.com). That worker is Blacklisted: do not add this person again; if this is an appeal, open a dispute on ${ana.WorkerId}.`,
    ]);
    const added = tabRecords(f, "Workers").find((w) => w.Name === "Anna Peres");
    expect(added?.ScreeningVerdict).to.equal("Match");
    expect(String(added?.ScreeningSummary)).to.match(/Blacklist entry B-\w+ for W-000001 Ana Pérez/);
    expect(String(added?.ScreeningSummary)).to.match(/one reading of an ambiguous number/);
    const findings = await f.run.sync<Record<string, unknown>>("Findings", [f.ledger], f.team.lead);
    expect(
      findings.rows.some(
        (x) =>
          x.Rule === "blacklist-match" &&
          x.Severity === "Critical" &&
          String(x.Title).includes(String(added?.WorkerId)),
      ),
    ).to.equal(true);
  });

  it("ScreeningReport reads a phone written without + every way it may be meant, and says it was ambiguous", async () => {
    await blacklisted();
    const report = await f.run.formula<Record<string, unknown> & {Matches?: Array<Record<string, unknown>>}>(
      "ScreeningReport",
      [f.ledger, "Someone Else", "someone.else@example.org", "52 55 1234 5678", "US"],
      f.team.specialist,
    );
    expect(report.Verdict).to.equal("Review");
    expect(report.Matches?.map((m) => [m.Field, m.Source])).to.deep.include.members([["Phone", "Blacklist"]]);
    expect(String(report.Matches?.[0]?.Explanation)).to.match(/ambiguous number/);
    expect(String(report.Checked)).to.match(
      /The phone is ambiguous: "52 55 1234 5678" has no "\+" and reads as \+525512345678 \(as an international number without its \+\)/,
    );
    expect(report.NotChecked).to.equal(undefined);
    // Written with "+", the number has one reading and nothing is said.
    const plain = await f.run.formula<Record<string, unknown>>(
      "ScreeningReport",
      [f.ledger, "Someone Else", "someone.else@example.org", "+52 55 1234 5678", "US"],
      f.team.specialist,
    );
    expect(String(plain.Checked)).not.to.match(/ambiguous/);
  });

  it("on a Review, the approval's note must say what was checked", async () => {
    await add("Ana Pérez", "ana.perez@gmail.com", "55 1234 5678");
    const namesake = await add("Ana Perez", "ana.p.other@example.com");
    expect(namesake.ScreeningVerdict).to.equal("Review");
    await f.run.formula("StartVetting", [f.ledger, namesake.WorkerId], f.team.specialist);
    await expectUserError(
      f.run.formula("ApproveWorker", [f.ledger, namesake.WorkerId, "ok"], f.team.specialist),
      /note that says what you checked.*rule: screening/,
    );
    const approved = await f.run.formula<Worker>(
      "ApproveWorker",
      [f.ledger, namesake.WorkerId, "Video call: different birth date and ID from W-000001"],
      f.team.specialist,
    );
    expect(approved.Status).to.equal("Active");
  });

  it("RecordIdDocument keeps only a fingerprint and a masked number, and the ID look-alike matches the Blacklist", async () => {
    const w = await add("Kwame Mensah", "kwame.mensah@example.com");
    const recorded = await f.run.formula<Worker>(
      "RecordIdDocument",
      [f.ledger, w.WorkerId, "passport", "G1O5-8123", "GH", new Date("2031-05-01T00:00:00Z")],
      f.team.specialist,
    );
    expect(recorded.IdDocument).to.equal("passport •••• 8123 (GH), expires 2031-05-01");
    expect(recorded.NextSteps).to.include("ScreenWorker");
    const cells = JSON.stringify([tabRecords(f, "Workers"), tabRecords(f, "Events")]);
    expect(cells).not.to.match(/G1O5|G1058123|G10588123/i);
    await f.run.formula(
      "ProposeBlacklist",
      [f.ledger, w.WorkerId, "Fake ID", "CoC 1.1", "https://e/1"],
      f.team.specialist,
    );
    await f.run.formula("ApproveBlacklist", [f.ledger, w.WorkerId, "", false], f.team.lead2);
    const report = await f.run.formula<Record<string, unknown>>(
      "ScreeningReport",
      [f.ledger, "Someone Else", "someone@example.org", undefined, "GH", undefined, "g105 8I23"],
      f.team.specialist,
    );
    expect(report.Verdict).to.equal("Match");
  });
});
