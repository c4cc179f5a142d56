import {expect} from "chai";
import type {Emulator} from "../../emulator/server";
import {startEmulator} from "../../emulator/server";
import type {User} from "../../emulator/state";
import {DRIVE_FILE_SCOPE} from "../../emulator/state";
import {addFolder, driveStore} from "../../emulator/drive";

describe("emulator: Drive multipart upload", () => {
  let emu: Emulator;
  let lead: User;
  let other: User;

  const body = (metadata: unknown, type: string, content: string, boundary = "b0undary") =>
    [
      `--${boundary}`,
      "Content-Type: application/json; charset=UTF-8",
      "",
      JSON.stringify(metadata),
      `--${boundary}`,
      `Content-Type: ${type}`,
      "",
      content,
      `--${boundary}--`,
      "",
    ].join("\r\n");

  async function upload(user: User, payload: string, query = "uploadType=multipart", boundary = "b0undary") {
    const res = await fetch(
      `${emu.url}/www.googleapis.com/upload/drive/v3/files?${query}&fields=id,mimeType,webViewLink`,
      {
        method: "POST",
        headers: {Authorization: `Bearer ${user.token}`, "Content-Type": `multipart/related; boundary=${boundary}`},
        body: payload,
      },
    );
    return {status: res.status, body: (await res.json()) as Record<string, unknown>};
  }

  beforeEach(async () => {
    emu = await startEmulator();
    lead = emu.state.addUser("lead@x.example", {scopes: ["openid", "email", DRIVE_FILE_SCOPE]});
    other = emu.state.addUser("other@x.example", {scopes: ["openid", "email"]});
  });
  afterEach(async () => emu.close());

  it("creates the file with its content, owned by the caller; HTML for a Google Doc is imported as one", async () => {
    const r = await upload(
      lead,
      body({name: "Export", mimeType: "application/vnd.google-apps.document"}, "text/html", "<p>Ana Pérez</p>"),
    );
    expect(r.status).to.equal(200);
    expect(r.body.mimeType).to.equal("application/vnd.google-apps.document");
    expect(r.body.webViewLink).to.equal(`https://docs.google.com/document/d/${String(r.body.id)}/edit?usp=drivesdk`);
    const file = driveStore(emu.state).files.get(String(r.body.id));
    expect(file).to.deep.include({content: "<p>Ana Pérez</p>", parents: ["root"], appCreated: true});
    expect(file?.permissions.map((p) => `${p.emailAddress}:${p.role}`)).to.deep.equal(["lead@x.example:owner"]);
  });

  it("refuses another upload type, a missing Drive scope, a Doc from JSON and a parent outside drive.file", async () => {
    const ok = body({name: "x.json", mimeType: "application/json"}, "application/json", "{}");
    expect((await upload(lead, ok, "uploadType=media")).status).to.equal(400);
    expect((await upload(other, ok)).status).to.equal(403);
    const doc = body({name: "x", mimeType: "application/vnd.google-apps.document"}, "application/json", "{}");
    expect((await upload(lead, doc)).status).to.equal(400);
    // A folder shared with the lead but not created by the app: drive.file does not reach it.
    const folder = addFolder(emu.state, "Exports", "boss@x.example", {
      shareWith: [{email: "lead@x.example", role: "writer"}],
    });
    const inFolder = await upload(lead, body({name: "y", parents: [folder.id]}, "text/plain", "y"));
    expect(inFolder.status).to.equal(404);
    expect(driveStore(emu.state).files.size).to.equal(1);
  });
});
