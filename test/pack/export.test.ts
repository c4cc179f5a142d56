// ExportWorkerData against the emulator: the person's data in a readable Google Doc and a JSON copy,
// and never another person's, even when they matched a blacklisted account.
import {expect} from "chai";
import type {LedgerFixture} from "../helpers/fixture";
import {expectUserError, setupLedger, tabRecords} from "../helpers/fixture";
import type {Row} from "../helpers/gmail";
import {grantGmail} from "../helpers/gmail";
import {driveStore} from "../../emulator/drive";

describe("ExportWorkerData: a person's right of access", function () {
  this.timeout(60_000);
  let f: LedgerFixture;
  let ana: string;
  let juan: string;
  const files = () => [...driveStore(f.emu.state).files.values()].filter((d) => d.appProperties.tnsExport);

  before(async () => {
    f = await setupLedger({timezone: "UTC"});
    grantGmail(f.team.lead, f.team.lead2, f.team.specialist);
    const phone = "+52 55 1234 5678";
    // The other person first: blacklisted, sharing Ana's phone.
    const other = await f.run.formula<Row>(
      "AddApplicant",
      [f.ledger, "Juan Ortega", "juan.ortega@example.org", "MX", phone, "America/Mexico_City", "Referral"],
      f.team.specialist,
    );
    juan = String(other.WorkerId);
    await f.run.formula(
      "ProposeBlacklist",
      [f.ledger, juan, "Sold his account to others", "CoC 1.3", "https://drive.google.com/e"],
      f.team.specialist,
    );
    await f.run.formula("ApproveBlacklist", [f.ledger, juan, "", false], f.team.lead);
    const w = await f.run.formula<Row>(
      "AddApplicant",
      [f.ledger, "Ana Pérez", "ana.perez@gmail.com", "MX", phone, "America/Mexico_City", "Referral"],
      f.team.specialist,
    );
    ana = String(w.WorkerId);
    expect(w.ScreeningVerdict).to.not.equal("Clear");
    await f.run.formula(
      "AddNote",
      [f.ledger, ana, `Same phone as ${juan} Juan Ortega (juan.ortega@example.org); called Ana on 2 December`],
      f.team.specialist,
    );
    await f.run.formula("StartVetting", [f.ledger, ana], f.team.specialist);
    await f.run.formula(
      "ApproveWorker",
      [f.ledger, ana, "Called the worker: the phone was her brother's, ID checked", false],
      f.team.specialist,
    );
    await f.run.formula(
      "IssueWarning",
      [f.ledger, ana, "Missed the review deadline on 3 tasks on 2 November", "CoC 4.2", "", false],
      f.team.specialist,
    );
  });
  after(async () => f.close());

  it("is for leads only", async () => {
    await expectUserError(f.run.formula("ExportWorkerData", [f.ledger, ana], f.team.specialist), /rule: role/);
    await expectUserError(f.run.formula("ExportWorkerData", [f.ledger, ana], f.team.outsider), /is not on t/);
    expect(files()).to.deep.equal([]);
  });

  it("writes a Google Doc and a JSON copy to the lead's own Drive, records the export and returns the link", async () => {
    const link = await f.run.formula<string>("ExportWorkerData", [f.ledger, ana, "export-1"], f.team.lead);
    const [doc, json, ...more] = files();
    expect(more).to.have.length(0);
    expect(link).to.equal(`https://docs.google.com/document/d/${doc?.id}/edit?usp=drivesdk`);
    expect(doc).to.deep.include({mimeType: "application/vnd.google-apps.document", parents: ["root"]});
    expect(json).to.deep.include({mimeType: "application/json", parents: ["root"]});
    // Nobody but the exporting lead can open them until the lead shares them.
    for (const file of [doc, json]) {
      expect(file?.permissions.map((p) => `${p.emailAddress}:${p.role}`)).to.deep.equal([`${f.team.lead.email}:owner`]);
    }
    const [event, ...others] = tabRecords(f, "Events").filter((e) => e.Type === "DataExported");
    expect(others).to.have.length(0);
    expect(event).to.deep.include({WorkerId: ana, Actor: f.team.lead.email, FromStatus: "Active", ToStatus: "Active"});
    expect(String(event?.Evidence).split("\n")).to.deep.equal([
      link,
      `https://drive.google.com/file/d/${json?.id}/view?usp=drivesdk`,
    ]);

    const text = doc?.content ?? "";
    const data = JSON.parse(json?.content ?? "{}") as Record<string, unknown>;
    // The person's own data: the record, the decisions with reasons, the notes, purposes and checks.
    expect(text).to.include("Ana Pérez").and.include("ana.perez@gmail.com");
    expect(text).to.include("Missed the review deadline on 3 tasks on 2 November").and.include("CoC 4.2");
    expect(text).to.include("called Ana on 2 December");
    expect(text).to.include("Why we hold this data").and.include("How the automated checks work");
    expect(text).to.include("matched another account");
    expect((data.record as Record<string, string>).Name).to.equal("Ana Pérez");
    expect((data.internalNotes as unknown[]).length).to.equal(1);
    expect((data.strikes as unknown[]).length).to.equal(1);
    // Another person's data never: not the blacklisted person's name, email, ids or Blacklist entry.
    const entry = String(tabRecords(f, "Blacklist")[0]?.EntryId);
    for (const content of [text, json?.content ?? ""]) {
      for (const secret of ["Juan", "Ortega", "juan.ortega", juan, entry, "Sold his account"]) {
        expect(content, secret).to.not.include(secret);
      }
      // Staff appear by role.
      for (const email of [f.team.lead.email, f.team.specialist.email]) {
        expect(content, email).to.not.include(email);
      }
    }
    expect(text).to.include("a Trust &amp; Safety specialist");
  });

  it("a repeat of the same request returns the first export's link and writes nothing; the log still verifies", async () => {
    const before = files().length;
    const link = await f.run.formula<string>("ExportWorkerData", [f.ledger, ana, "export-1"], f.team.lead);
    expect(files()).to.have.length(before);
    expect(link).to.equal(
      String(tabRecords(f, "Events").find((e) => e.Type === "DataExported")?.Evidence).split("\n")[0],
    );
    expect(tabRecords(f, "Events").filter((e) => e.Type === "DataExported")).to.have.length(1);
    const verified = await f.run.formula<{Verified: boolean; Problems: unknown[]}>(
      "VerifyLedger",
      [f.ledger],
      f.team.lead,
    );
    expect(verified.Problems).to.deep.equal([]);
  });

  it("an export written by hand in a specialist's name is reported by VerifyLedger's replay", async () => {
    const book = f.emu.state.spreadsheets.get(f.spreadsheetId);
    const events = book?.sheets.find((sh) => sh.properties.title === "Events");
    const header = (events?.rows[0] ?? []).map(String);
    const row = new Array<string | number>(header.length).fill("");
    const set = (name: string, value: string | number) => (row[header.indexOf(name)] = value);
    set("EventId", "E-FORGED0001");
    set("Time", new Date().toISOString());
    set("Actor", f.team.specialist.email);
    set("WorkerId", ana);
    set("Type", "DataExported");
    set("Seq", 0);
    events?.rows.push(row);
    const verified = await f.run.formula<{Problems: Array<{Rule: string; Explanation: string}>}>(
      "VerifyLedger",
      [f.ledger],
      f.team.lead,
    );
    const replay = verified.Problems.filter((p) => p.Rule === "replay").map((p) => p.Explanation);
    expect(replay.join("\n")).to.match(
      /ExportWorkerData needs the lead role; sam\.specialist@tns\.example was a specialist/,
    );
  });
});
