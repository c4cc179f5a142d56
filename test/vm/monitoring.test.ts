import {expect} from "chai";
import type {LedgerFixture} from "../helpers/fixture";
import {setupLedger} from "../helpers/fixture";
import {records, seedWorkers, setSetting} from "../helpers/ledger-rows";
import {addDriveFile, addFolder, DRIVE_READONLY_SCOPE} from "../../emulator/drive";

// The built bundle in isolated-vm, as Coda runs it (run `npm run build` first).
describe("monitoring in the VM", function () {
  this.timeout(120_000);
  let f: LedgerFixture;
  before(async () => {
    f = await setupLedger({mode: "vm"});
    f.team.specialist.scopes.add(DRIVE_READONLY_SCOPE);
    addFolder(f.emu.state, "Docs", f.team.lead.email, {
      id: "1VmDocsFolder001",
      shareWith: [{email: f.team.specialist.email, role: "reader"}],
    });
    addDriveFile(f.emu.state, {
      name: "Passport exp 2020-01-01.pdf",
      owner: f.team.lead.email,
      parents: ["1VmDocsFolder001"],
    });
    seedWorkers(
      f.emu.state,
      f.spreadsheetId,
      [
        {
          workerId: "W-000001",
          name: "Ana",
          status: "Active",
          country: "MX",
          bankFingerprint: "fp",
          documentFolder: "1VmDocsFolder001",
        },
        {
          workerId: "W-000002",
          name: "Bo",
          status: "Active",
          country: "IN",
          bankFingerprint: "fp",
          bankVerification: "Verified",
          screeningVerdict: "Clear",
        },
      ],
      new Date(Date.now() - 86_400_000).toISOString(),
    );
    // The workers became Active yesterday: no grace period, so their vetting gaps show now.
    setSetting(f.emu.state, f.spreadsheetId, "VettingGraceDays", "0");
  });
  after(async () => f.close());

  it("schedules and records an audit, and audits documents through Drive", async () => {
    const scheduled = await f.run.formula<{Seed: string; Drawn: number; Audits: Array<{AuditId: string}>}>(
      "ScheduleAudits",
      [f.ledger, 1, 0],
      f.team.specialist,
    );
    expect(scheduled.Drawn).to.equal(1);
    expect(scheduled.Seed).to.match(/^[0-9a-f]{16}$/);
    const recorded = await f.run.formula<{Status: string; SuggestedStep: string}>(
      "RecordAudit",
      [f.ledger, scheduled.Audits[0]?.AuditId, "Failed", "Copied answers"],
      f.team.specialist,
    );
    expect(recorded).to.include({Status: "Failed", SuggestedStep: "SuspendWorker"});
    const docs = await f.run.formula<{Status: string; Missing: string; DocumentsExpireOn: string}>(
      "AuditDocuments",
      [f.ledger, "W-000001"],
      f.team.specialist,
    );
    expect(docs).to.include({
      Status: "Failed",
      Missing: "tax form; contract or NDA; bank proof",
      DocumentsExpireOn: "2020-01-01",
    });
    expect(records(f.emu.state, f.spreadsheetId, "Audits")).to.have.length(2);
  });

  it("runs a Findings sync page", async () => {
    const page = await f.run.syncPage<{FindingId: string; Severity: string}>("Findings", [f.ledger], f.team.viewer);
    expect(page.result.map((r) => r.FindingId)).to.have.length(1);
    expect(page.result[0]?.FindingId).to.match(/^shared-bank:h[0-9a-f]{16}$/);
    expect(page.continuation).to.deep.equal({phase: 1, row: 2});
    const next = await f.run.syncPage<{FindingId: string}>("Findings", [f.ledger], f.team.viewer, page.continuation);
    expect(next.result.map((r) => r.FindingId).sort()).to.deep.equal([
      "documents-expired:W-000001",
      "documents-missing:W-000001",
      "vetting-incomplete:W-000001",
      "vetting-incomplete:W-000002",
    ]);
  });
});
