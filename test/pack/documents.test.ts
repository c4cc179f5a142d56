import {DRIVE_FILE_SCOPE} from "../../emulator/state";
import {expect} from "chai";
import type {LedgerFixture} from "../helpers/fixture";
import {expectUserError, setupLedger} from "../helpers/fixture";
import {records, seedWorkers, setCell, setSetting} from "../helpers/ledger-rows";
import {addDriveFile, addFolder, DRIVE_READONLY_SCOPE} from "../../emulator/drive";
import {WORKERS} from "../../pack/ledger/store/layout";

type Audit = {
  AuditId: string;
  WorkerId: string;
  Kind: string;
  Status: string;
  Missing?: string;
  DocumentsExpireOn?: string;
  Findings?: string;
  Evidence?: string;
};
type Doc = {
  DocumentId: string;
  Name: string;
  WorkerId: string;
  Kind: string;
  Status: string;
  ExpiresOn?: string;
  Note?: string;
  Folder?: string;
};

describe("documentation audits through Drive", function () {
  let f: LedgerFixture;
  const FOLDER = "1DocsAnaFolder01";
  beforeEach(async () => {
    f = await setupLedger();
    for (const u of [f.team.specialist, f.team.viewer]) {
      u.scopes.add(DRIVE_READONLY_SCOPE);
    }
    addFolder(f.emu.state, "Ana documents", f.team.lead.email, {
      id: FOLDER,
      shareWith: [
        {email: f.team.specialist.email, role: "reader"},
        {email: f.team.viewer.email, role: "reader"},
      ],
    });
    addDriveFile(f.emu.state, {
      name: "Passport exp 2020-05-01.pdf",
      owner: f.team.lead.email,
      parents: [FOLDER],
      id: "1FileOldPassport",
    });
    addDriveFile(f.emu.state, {
      name: "Passport exp 2031-05-01.pdf",
      owner: f.team.lead.email,
      parents: [FOLDER],
      id: "1FileNewPassport",
    });
    addDriveFile(f.emu.state, {
      name: "W-8BEN.pdf",
      owner: f.team.lead.email,
      parents: [FOLDER],
      id: "1FileTaxForm0001",
    });
    addDriveFile(f.emu.state, {
      name: "scan 3.pdf",
      owner: f.team.lead.email,
      parents: [FOLDER],
      id: "1FileContract001",
      properties: {docType: "contract"},
    });
    addFolder(f.emu.state, "Private", f.team.lead.email, {id: "1PrivateFolder01"});
    seedWorkers(
      f.emu.state,
      f.spreadsheetId,
      [
        {
          workerId: "W-000001",
          name: "Ana",
          status: "Active",
          documentFolder: `https://drive.google.com/drive/folders/${FOLDER}?usp=sharing`,
        },
        {workerId: "W-000002", name: "Bo", status: "Active", documentFolder: ""},
        {workerId: "W-000003", name: "Cy", status: "Active", documentFolder: "1PrivateFolder01"},
        {workerId: "W-000004", name: "Di", status: "Applicant", documentFolder: ""},
      ],
      new Date(Date.now() - 10 * 86_400_000).toISOString(),
    );
  });
  afterEach(async () => f.close());

  const auditDocs = (workerId: string, requestId?: string, user = f.team.specialist) =>
    f.run.formula<Audit>("AuditDocuments", [f.ledger, workerId, requestId], user);

  it("records what is missing, judging the current document of each kind", async () => {
    const audit = await auditDocs("w-1");
    expect(audit).to.include({
      WorkerId: "W-000001",
      Kind: "Documentation",
      Status: "Failed",
      Missing: "bank proof",
      DocumentsExpireOn: "2031-05-01",
      Evidence: `https://drive.google.com/drive/folders/${FOLDER}`,
    });
    expect(audit.Findings).to.match(
      /^4 files in the folder\. Current: identity document "Passport exp 2031-05-01.pdf"; tax form "W-8BEN.pdf"; contract or NDA "scan 3.pdf"\. Missing: bank proof\.$/,
    );
    const [event] = records(f.emu.state, f.spreadsheetId, "Events").filter((e) => e.Type === "DocumentationAudited");
    expect(event).to.include({WorkerId: "W-000001", Seq: 0, Reason: "Missing: bank proof"});
    const findings = await f.run.sync<{FindingId: string; Explanation: string}>(
      "Findings",
      [f.ledger, [], ["documents-missing"]],
      f.team.viewer,
    );
    // W-000002 has no folder at all: that is one of its vetting gaps (vetting-incomplete), not this rule's.
    expect(findings.rows.map((r) => r.FindingId)).to.deep.equal(["documents-missing:W-000001"]);
    expect(findings.rows[0]?.Explanation).to.match(/documentation audit A-\w+ .* found missing: bank proof/);
  });

  it("passes once the folder is complete, and repeats a request once", async () => {
    addDriveFile(f.emu.state, {name: "Bank statement.pdf", owner: f.team.lead.email, parents: [FOLDER]});
    const first = await auditDocs("W-000001", "docs-1");
    expect(first).to.include({Status: "Passed"});
    expect(first.Missing).to.equal(undefined);
    expect(await auditDocs("W-000001", "docs-1")).to.deep.equal(first);
    expect(records(f.emu.state, f.spreadsheetId, "Audits")).to.have.length(1);
    setSetting(f.emu.state, f.spreadsheetId, "RequiredDocuments", "identity, tax, contract, bank, selfie");
    expect((await auditDocs("W-000001")).Status).to.equal("Passed");
  });

  it("records a failed audit for a worker with no folder, and refuses a folder it cannot open or read", async () => {
    const none = await auditDocs("W-000002");
    expect(none).to.include({Status: "Failed", Missing: "identity document; tax form; contract or NDA; bank proof"});
    expect(none.Findings).to.match(/^No document folder is recorded/);
    await expectUserError(
      auditDocs("W-000003"),
      /Google Drive could not find file 1PrivateFolder01, or it is not shared with you/,
    );
    setCell(f.emu.state, f.spreadsheetId, WORKERS, 2, "DocumentFolder", "my folder");
    await expectUserError(auditDocs("W-000001"), /DocumentFolder "my folder" is not a Google Drive folder link or id/);
    await expectUserError(auditDocs("W-000001", undefined, f.team.viewer), /AuditDocuments needs the specialist role/);
  });

  // With drive.file (which AddStaff and the Findings sync ask for), Drive answers 404 for the shared folder, as
  // for a missing one: the pack must still ask for Drive read access, not say the folder is not shared.
  for (const keepsDriveFile of [false, true]) {
    it(`without the Drive scope${keepsDriveFile ? " (holding only drive.file)" : ""} the call fails for Coda to ask for it, recording nothing`, async () => {
      f.team.specialist.scopes.delete(DRIVE_READONLY_SCOPE);
      if (!keepsDriveFile) {
        f.team.specialist.scopes.delete(DRIVE_FILE_SCOPE);
      }
      let caught: {name?: string; isUserVisible?: boolean; message?: string} | undefined;
      try {
        await auditDocs("W-000001");
      } catch (err) {
        caught = err as typeof caught;
      }
      expect(caught?.name, caught?.message).to.equal("MissingScopesError");
      expect(caught?.isUserVisible).to.not.equal(true);
      expect(records(f.emu.state, f.spreadsheetId, "Audits")).to.deep.equal([]);
      // WorkerDocuments would list the folder as empty (every document missing): it asks for the scope too.
      const sync = await f.run.sync<Doc>("WorkerDocuments", [f.ledger, "W-000001"], f.team.specialist).then(
        () => undefined,
        (err: {name?: string}) => err,
      );
      expect(sync?.name).to.equal("MissingScopesError");
    });
  }

  it("WorkerDocuments lists each live worker's files, with missing and expired ones flagged", async () => {
    const one = await f.run.sync<Doc>("WorkerDocuments", [f.ledger, "W-000001"], f.team.viewer);
    expect(one.rows.map((d) => [d.DocumentId, d.Kind, d.Status])).to.deep.equal([
      ["1FileOldPassport", "identity document", "Superseded"],
      ["1FileNewPassport", "identity document", "Valid"],
      ["1FileTaxForm0001", "tax form", "Valid"],
      ["1FileContract001", "contract or NDA", "Valid"],
      ["W-000001:missing:bank", "bank proof", "Missing"],
    ]);
    expect(one.rows[0]?.Note).to.match(
      /Expired on 1 May 2020\. A newer identity document \(Passport exp 2031-05-01.pdf\) replaces it\./,
    );
    const all = await f.run.sync<Doc>("WorkerDocuments", [f.ledger], f.team.viewer);
    expect([...new Set(all.rows.map((d) => d.WorkerId))]).to.deep.equal(["W-000001", "W-000002", "W-000003"]);
    expect(all.rows.filter((d) => d.WorkerId === "W-000002").map((d) => d.DocumentId)).to.deep.equal([
      "W-000002:missing:folder",
    ]);
    expect(all.rows.filter((d) => d.WorkerId === "W-000003").map((d) => d.Status)).to.deep.equal([
      "Missing",
      "Missing",
      "Missing",
      "Missing",
    ]);
    await expectUserError(f.run.sync("WorkerDocuments", [f.ledger, "nobody"], f.team.viewer), /is not a worker id/);
  });
});
