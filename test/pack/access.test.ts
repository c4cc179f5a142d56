import {DRIVE_FILE_SCOPE} from "../../emulator/state";
import {expect} from "chai";
import type {LedgerFixture} from "../helpers/fixture";
import {daysFromNow, setupLedger} from "../helpers/fixture";
import {grantGmail} from "../helpers/gmail";
import {records, setSetting} from "../helpers/ledger-rows";
import {addFolder, driveStore, permissionIdFor} from "../../emulator/drive";
import {DRIVE_SCOPE} from "../../emulator/state";

type Worker = {WorkerId: string; Status: string; PendingActions?: string};

describe("project access follow-ups", function () {
  let f: LedgerFixture;
  let workerId: string;
  const ALPHA = "1ProjectAlpha001";
  const BETA = "1ProjectBeta0001";
  const ANA = "ana.perez@gmail.com";
  const ANA_ALIAS = "ana.perez+work@googlemail.com";

  beforeEach(async () => {
    f = await setupLedger();
    for (const u of [f.team.lead, f.team.lead2, f.team.specialist]) {
      u.scopes.add(DRIVE_SCOPE);
    }
    // Notices go out too (the staff allowed Gmail), so only access is left pending when Drive refuses.
    grantGmail(f.team.lead, f.team.lead2, f.team.specialist);
    const staff = [f.team.specialist, f.team.lead2].map((u) => ({email: u.email, role: "writer" as const}));
    addFolder(f.emu.state, "Project Alpha", f.team.lead.email, {
      id: ALPHA,
      shareWith: [...staff, {email: ANA, role: "writer"}, {email: "bystander@x.com", role: "reader"}],
    });
    addFolder(f.emu.state, "Project Beta", f.team.lead.email, {
      id: BETA,
      shareWith: [...staff, {email: ANA_ALIAS, role: "reader"}],
    });
    setSetting(
      f.emu.state,
      f.spreadsheetId,
      "ProjectFolders",
      `https://drive.google.com/drive/folders/${ALPHA}?usp=sharing, ${BETA}`,
    );
    const w = await f.run.formula<Worker>("AddApplicant", [f.ledger, "Ana Pérez", ANA, "MX"], f.team.specialist);
    workerId = w.WorkerId;
    await f.run.formula("StartVetting", [f.ledger, workerId], f.team.specialist);
    await f.run.formula("ApproveWorker", [f.ledger, workerId], f.team.specialist);
  });
  afterEach(async () => f.close());

  const who = (folder: string) =>
    driveStore(f.emu.state)
      .files.get(folder)
      ?.permissions.map((p) => `${p.emailAddress}:${p.role}`)
      .sort();
  const events = (type: string) =>
    records(f.emu.state, f.spreadsheetId, "Events").filter((e) => e.Type === type && e.WorkerId === workerId);
  const workerRow = () => records(f.emu.state, f.spreadsheetId, "Workers").find((r) => r.WorkerId === workerId);
  const driveCalls = () => f.emu.log.filter((r) => r.host === "www.googleapis.com").length;
  const staffAccess = ["omar.lead@tns.example:writer", "sam.specialist@tns.example:writer"];

  it("offboarding removes the worker's access to every project folder and records exactly what", async () => {
    const w = await f.run.formula<Worker>("OffboardWorker", [f.ledger, workerId, "Project ended"], f.team.specialist);
    expect(w.Status).to.equal("Offboarded");
    expect(w.PendingActions).to.equal(undefined);
    expect(who(ALPHA)).to.deep.equal(["bystander@x.com:reader", "lena.lead@tns.example:owner", ...staffAccess]);
    expect(who(BETA)).to.deep.equal(["lena.lead@tns.example:owner", ...staffAccess]);
    const [removed] = events("AccessRemoved");
    expect(removed?.Details).to.equal(
      `Removed 2 Drive permissions from ${workerId}: writer for ${ANA} on folder ${ALPHA} (permission ${permissionIdFor(ANA)}); reader for ${ANA_ALIAS} on folder ${BETA} (permission ${permissionIdFor(ANA_ALIAS)}).`,
    );
    expect(removed?.Evidence).to.equal(
      `https://drive.google.com/drive/folders/${ALPHA}\nhttps://drive.google.com/drive/folders/${BETA}`,
    );
    expect(workerRow()?.AccessRemoved).to.equal(undefined);
    expect(events("Offboarded")).to.have.length(1);
  });

  it("a suspension removes access when Settings say so, and reinstating restores exactly it", async () => {
    setSetting(f.emu.state, f.spreadsheetId, "SuspensionRemovesAccess", "TRUE");
    await f.run.formula(
      "SuspendWorker",
      [f.ledger, workerId, "Copied answers on 2 March", "CoC 4.2", daysFromNow(7)],
      f.team.specialist,
    );
    expect(who(ALPHA)).to.not.include(`${ANA}:writer`);
    const kept = JSON.parse(String(workerRow()?.AccessRemoved)) as Array<{
      folderId: string;
      role: string;
      emailAddress: string;
    }>;
    expect(kept.map((g) => [g.folderId, g.role, g.emailAddress])).to.deep.equal([
      [ALPHA, "writer", ANA],
      [BETA, "reader", ANA_ALIAS],
    ]);
    expect(String(events("AccessRemoved")[0]?.Details)).to.match(/ReinstateWorker restores exactly these\.$/);
    // Changing the settings in between does not change what is restored.
    setSetting(f.emu.state, f.spreadsheetId, "ProjectFolders", "");
    setSetting(f.emu.state, f.spreadsheetId, "SuspensionRemovesAccess", "FALSE");
    const back = await f.run.formula<Worker>("ReinstateWorker", [f.ledger, workerId, "served"], f.team.specialist);
    expect(back).to.include({Status: "Active"});
    expect(back.PendingActions).to.equal(undefined);
    expect(who(ALPHA)).to.deep.equal(
      [`${ANA}:writer`, "bystander@x.com:reader", "lena.lead@tns.example:owner", ...staffAccess].sort(),
    );
    expect(who(BETA)).to.deep.equal([`${ANA_ALIAS}:reader`, "lena.lead@tns.example:owner", ...staffAccess].sort());
    expect(String(events("AccessRestored")[0]?.Details)).to.equal(
      `Restored 2 Drive permissions to ${workerId}: writer for ${ANA} on folder ${ALPHA} (permission ${permissionIdFor(ANA)}); reader for ${ANA_ALIAS} on folder ${BETA} (permission ${permissionIdFor(ANA_ALIAS)}).`,
    );
    expect(workerRow()?.AccessRemoved).to.equal(undefined);
    expect((await f.run.sync("Findings", [f.ledger, [], ["ledger-drift"]], f.team.viewer)).rows).to.deep.equal([]);
  });

  // Drive: inherited permissions cannot be removed on a child; permissionDetails tells them apart
  // (https://developers.google.com/workspace/drive/api/reference/rest/v3/permissions).
  it("removes the worker's own grant on a project folder and names the folder their inherited access comes from", async () => {
    const parent = addFolder(f.emu.state, "All projects", f.team.lead.email, {
      id: "1AllProjects0001",
      shareWith: [{email: ANA, role: "reader"}],
    });
    const alpha = driveStore(f.emu.state).files.get(ALPHA);
    alpha?.parents.splice(0, alpha.parents.length, parent.id);
    const w = await f.run.formula<Worker>("OffboardWorker", [f.ledger, workerId, "Project ended"], f.team.specialist);
    expect(w.PendingActions).to.equal(undefined);
    expect(who(ALPHA)).to.not.include(`${ANA}:writer`);
    expect(who(parent.id)).to.include(`${ANA}:reader`);
    const details = String(events("AccessRemoved")[0]?.Details);
    expect(details).to.include(`writer for ${ANA} on folder ${ALPHA}`);
    expect(details, details).to.include(
      `${ANA} can still open folder ${ALPHA} as reader through folder ${parent.id}: Drive removes inherited access only there`,
    );
  });

  it("reads the folder's permissions again and reports a grant that came back, without recording it as removed", async () => {
    // Someone re-shares the folder with the worker right after the pack removed it: Drive keeps the last change.
    let deleted = false;
    f.emu.setFaults({
      match: (c) => {
        if (c.method === "DELETE" && c.path.includes(`/files/${ALPHA}/permissions/`)) {
          deleted = true;
        } else if (deleted && c.method === "GET" && c.path.endsWith(`/files/${ALPHA}/permissions`)) {
          deleted = false;
          driveStore(f.emu.state)
            .files.get(ALPHA)
            ?.permissions.push({id: permissionIdFor(ANA), type: "user", role: "writer", emailAddress: ANA});
        }
        return false;
      },
    });
    await f.run.formula<Worker>("OffboardWorker", [f.ledger, workerId, "Project ended"], f.team.specialist);
    const details = String(events("AccessRemoved")[0]?.Details);
    expect(details).to.match(
      new RegExp(
        `^Removed 1 Drive permission from ${workerId}: reader for ${ANA_ALIAS.replace(/[+.]/g, "\\$&")} on folder ${BETA}`,
      ),
    );
    expect(details).to.include(`Could not remove writer on folder ${ALPHA} (still there when read back)`);
  });

  it("a restored grant keeps its expirationTime; one already past it is not restored", async () => {
    const later = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const alpha = driveStore(f.emu.state).files.get(ALPHA);
    const mine = alpha?.permissions.find((p) => p.emailAddress === ANA);
    if (mine) {
      mine.expirationTime = later;
    }
    const beta = driveStore(f.emu.state)
      .files.get(BETA)
      ?.permissions.find((p) => p.emailAddress === ANA_ALIAS);
    if (beta) {
      beta.expirationTime = new Date(Date.now() + 1000).toISOString();
    }
    setSetting(f.emu.state, f.spreadsheetId, "SuspensionRemovesAccess", "TRUE");
    await f.run.formula("SuspendWorker", [f.ledger, workerId, "Late", "CoC 2.1", daysFromNow(3)], f.team.specialist);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await f.run.formula("ReinstateWorker", [f.ledger, workerId], f.team.specialist);
    expect(
      driveStore(f.emu.state)
        .files.get(ALPHA)
        ?.permissions.find((p) => p.emailAddress === ANA)?.expirationTime,
    ).to.equal(later);
    expect(who(BETA)).to.not.include(`${ANA_ALIAS}:reader`);
    expect(String(events("AccessRestored")[0]?.Details)).to.include(`was due to end on`);
  });

  it("by default a suspension leaves Drive alone", async () => {
    const before = driveCalls();
    await f.run.formula("SuspendWorker", [f.ledger, workerId, "Late", "CoC 2.1", daysFromNow(3)], f.team.specialist);
    await f.run.formula("ReinstateWorker", [f.ledger, workerId], f.team.specialist);
    expect(driveCalls()).to.equal(before);
    expect(who(ALPHA)).to.include(`${ANA}:writer`);
  });

  it("an approved blacklisting removes access; offboarding a suspended worker ends what the suspension kept", async () => {
    await f.run.formula(
      "ProposeBlacklist",
      [f.ledger, workerId, "Two accounts, one bank account", "CoC 1.3", "https://drive.google.com/file/d/e"],
      f.team.specialist,
    );
    await f.run.formula("ApproveBlacklist", [f.ledger, workerId, "Reviewed"], f.team.lead);
    expect(who(ALPHA)).to.not.include(`${ANA}:writer`);
    expect(events("AccessRemoved")).to.have.length(1);

    const other = await f.run.formula<Worker>(
      "AddApplicant",
      [f.ledger, "Bo", "bo@example.com", "MX"],
      f.team.specialist,
    );
    await f.run.formula("StartVetting", [f.ledger, other.WorkerId], f.team.specialist);
    await f.run.formula("ApproveWorker", [f.ledger, other.WorkerId], f.team.specialist);
    setSetting(f.emu.state, f.spreadsheetId, "SuspensionRemovesAccess", "yes");
    driveStore(f.emu.state)
      .files.get(ALPHA)
      ?.permissions.push({
        id: permissionIdFor("bo@example.com"),
        type: "user",
        role: "commenter",
        emailAddress: "bo@example.com",
      });
    await f.run.formula(
      "SuspendWorker",
      [f.ledger, other.WorkerId, "Late", "CoC 2.1", daysFromNow(3)],
      f.team.specialist,
    );
    expect(
      records(f.emu.state, f.spreadsheetId, "Workers").find((r) => r.WorkerId === other.WorkerId)?.AccessRemoved,
    ).to.be.a("string");
    await f.run.formula("OffboardWorker", [f.ledger, other.WorkerId, "Left"], f.team.specialist);
    expect(
      records(f.emu.state, f.spreadsheetId, "Workers").find((r) => r.WorkerId === other.WorkerId)?.AccessRemoved,
    ).to.equal(undefined);
  });

  // Holding only drive.file (which AddStaff and the Findings sync ask for), Drive answers 404 for the project
  // folder, as for a deleted one: the removal must stay pending, never be recorded as "nothing to remove".
  for (const keepsDriveFile of [false, true]) {
    it(`when Drive refuses${keepsDriveFile ? " (holding only drive.file)" : ""}, the decision stands, the follow-up stays pending, and a repeat finishes it`, async () => {
      f.team.specialist.scopes.delete(DRIVE_SCOPE);
      if (!keepsDriveFile) {
        f.team.specialist.scopes.delete(DRIVE_FILE_SCOPE);
      }
      const w = await f.run.formula<Worker>(
        "OffboardWorker",
        [f.ledger, workerId, "Project ended", undefined, "req-off"],
        f.team.specialist,
      );
      expect(w.Status).to.equal("Offboarded");
      expect(w.PendingActions).to.match(/^RemoveAccess since/);
      expect(who(ALPHA)).to.include(`${ANA}:writer`);
      f.team.specialist.scopes.add(DRIVE_SCOPE);
      const again = await f.run.formula<Worker>(
        "OffboardWorker",
        [f.ledger, workerId, "Project ended", undefined, "req-off"],
        f.team.specialist,
      );
      expect(again.PendingActions).to.equal(undefined);
      expect(who(ALPHA)).to.not.include(`${ANA}:writer`);
      expect(events("Offboarded")).to.have.length(1);
      expect(events("AccessRemoved")).to.have.length(1);
    });
  }

  it("records a folder that disappeared before reinstatement instead of failing", async () => {
    setSetting(f.emu.state, f.spreadsheetId, "SuspensionRemovesAccess", "TRUE");
    await f.run.formula("SuspendWorker", [f.ledger, workerId, "Late", "CoC 2.1", daysFromNow(3)], f.team.specialist);
    driveStore(f.emu.state).files.delete(BETA);
    const back = await f.run.formula<Worker>("ReinstateWorker", [f.ledger, workerId], f.team.specialist);
    expect(back.PendingActions).to.equal(undefined);
    expect(String(events("AccessRestored")[0]?.Details)).to.match(
      new RegExp(
        `^Restored 1 Drive permission to ${workerId}: writer for ${ANA} on folder ${ALPHA} .*folder ${BETA} no longer exists or is not shared with sam.specialist@tns.example, so reader for .* was not restored`,
      ),
    );
  });
});
