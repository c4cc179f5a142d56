import {expect} from "chai";
import type {LifecycleStep} from "../../pack/core/lifecycle";
import type {AccessGrant} from "../../pack/core/records";
import {
  accessFollowUpsFor,
  describeGrants,
  isYes,
  parseFolderList,
  parseRemoveDetail,
  parseRestoreDetail,
  workerPermissions,
} from "../../pack/core/access";

const FOLDERS = ["1ProjectAlpha000", "1ProjectBeta0000"];
const GRANT: AccessGrant = {
  folderId: "1ProjectAlpha000",
  permissionId: "0123",
  type: "user",
  role: "writer",
  emailAddress: "ana@gmail.com",
};

describe("access follow-ups", () => {
  type Row = [
    string,
    LifecycleStep,
    {email: string; accessRemoved: AccessGrant[]},
    {folders: string[]; suspensionRemovesAccess: boolean},
    string[],
  ];
  const cases: Row[] = [
    [
      "offboarding removes",
      "OffboardWorker",
      {email: "ana@gmail.com", accessRemoved: []},
      {folders: FOLDERS, suspensionRemovesAccess: false},
      ["RemoveAccess"],
    ],
    [
      "blacklisting removes",
      "ApproveBlacklist",
      {email: "ana@gmail.com", accessRemoved: []},
      {folders: FOLDERS, suspensionRemovesAccess: false},
      ["RemoveAccess"],
    ],
    [
      "no folders configured",
      "OffboardWorker",
      {email: "ana@gmail.com", accessRemoved: []},
      {folders: [], suspensionRemovesAccess: true},
      [],
    ],
    [
      "no email address",
      "OffboardWorker",
      {email: "", accessRemoved: []},
      {folders: FOLDERS, suspensionRemovesAccess: true},
      [],
    ],
    [
      "offboarding a suspended worker ends what the suspension kept",
      "OffboardWorker",
      {email: "ana@gmail.com", accessRemoved: [GRANT]},
      {folders: [], suspensionRemovesAccess: true},
      ["RemoveAccess"],
    ],
    [
      "suspension removes when Settings say so",
      "SuspendWorker",
      {email: "ana@gmail.com", accessRemoved: []},
      {folders: FOLDERS, suspensionRemovesAccess: true},
      ["RemoveAccess"],
    ],
    [
      "suspension leaves access by default",
      "SuspendWorker",
      {email: "ana@gmail.com", accessRemoved: []},
      {folders: FOLDERS, suspensionRemovesAccess: false},
      [],
    ],
    [
      "reinstating restores what was kept, whatever the setting now",
      "ReinstateWorker",
      {email: "ana@gmail.com", accessRemoved: [GRANT]},
      {folders: [], suspensionRemovesAccess: false},
      ["RestoreAccess"],
    ],
    [
      "reinstating with nothing kept",
      "ReinstateWorker",
      {email: "ana@gmail.com", accessRemoved: []},
      {folders: FOLDERS, suspensionRemovesAccess: true},
      [],
    ],
    [
      "other steps",
      "ApproveWorker",
      {email: "ana@gmail.com", accessRemoved: []},
      {folders: FOLDERS, suspensionRemovesAccess: true},
      [],
    ],
  ];
  for (const [name, step, worker, settings, kinds] of cases) {
    it(name, () => expect(accessFollowUpsFor(step, worker, settings).map((f) => f.kind)).to.deep.equal(kinds));
  }

  it("puts everything the handler needs in the detail", () => {
    const [remove] = accessFollowUpsFor(
      "SuspendWorker",
      {email: "ana@gmail.com", accessRemoved: []},
      {folders: FOLDERS, suspensionRemovesAccess: true},
    );
    expect(parseRemoveDetail(remove?.detail)).to.deep.equal({folders: FOLDERS, email: "ana@gmail.com", restore: true});
    const [offboard] = accessFollowUpsFor(
      "OffboardWorker",
      {email: "ana@gmail.com", accessRemoved: []},
      {folders: FOLDERS, suspensionRemovesAccess: true},
    );
    expect(parseRemoveDetail(offboard?.detail)?.restore).to.equal(false);
    const [restore] = accessFollowUpsFor(
      "ReinstateWorker",
      {email: "ana@gmail.com", accessRemoved: [GRANT]},
      {folders: [], suspensionRemovesAccess: false},
    );
    expect(parseRestoreDetail(restore?.detail)).to.deep.equal({grants: [GRANT]});
    expect(parseRemoveDetail("not json")).to.equal(undefined);
    expect(parseRestoreDetail(JSON.stringify({grants: [{folderId: 1}]}))).to.equal(undefined);
  });

  it("reads folder lists and yes/no settings", () => {
    expect(
      parseFolderList(
        "https://drive.google.com/drive/folders/1ProjectAlpha000?usp=sharing,\n1ProjectBeta0000; 1ProjectAlpha000 junk",
      ),
    ).to.deep.equal(FOLDERS);
    expect(parseFolderList(undefined)).to.deep.equal([]);
    expect(["TRUE", "yes", "1", "On", "false", "", "no"].map(isYes)).to.deep.equal([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it("finds the worker's permissions by mailbox, keeping owners apart", () => {
    const perms = [
      {id: "1", type: "user", role: "writer", emailAddress: "Ana.Perez+x@googlemail.com"},
      {id: "2", type: "user", role: "reader", emailAddress: "bo@x.com"},
      {id: "3", type: "user", role: "owner", emailAddress: "anaperez@gmail.com"},
      {id: "4", type: "anyone", role: "reader"},
    ];
    const {remove, owner} = workerPermissions(perms, "ana.perez@gmail.com");
    expect(remove.map((p) => p.id)).to.deep.equal(["1"]);
    expect(owner.map((p) => p.id)).to.deep.equal(["3"]);
    expect(describeGrants([GRANT])).to.equal("writer for ana@gmail.com on folder 1ProjectAlpha000 (permission 0123)");
  });
});
