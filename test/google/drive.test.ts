import {expect} from "chai";
import {startEmulator} from "../../emulator/server";
import type {Emulator} from "../../emulator/server";
import type {User} from "../../emulator/state";
import {BASE_SCOPES, DRIVE_FILE_SCOPE, DRIVE_SCOPE, SPREADSHEETS_SCOPE} from "../../emulator/state";
import {addDriveFile, addFolder, DRIVE_READONLY_SCOPE, driveStore, permissionIdFor} from "../../emulator/drive";
import {EmulatorFetcher} from "../helpers/fetcher";
import {
  createPermission,
  deletePermission,
  getFile,
  listChildren,
  listPermissions,
  requireDriveReach,
} from "../../pack/google/drive";

describe("Drive emulator", () => {
  let emu: Emulator;
  let owner: User;
  let reader: User;
  let stranger: User;
  let noDrive: User;
  let folder: string;

  beforeEach(async () => {
    emu = await startEmulator();
    owner = emu.state.addUser("owner@tns.example", {scopes: [...BASE_SCOPES, DRIVE_SCOPE]});
    reader = emu.state.addUser("reader@tns.example", {scopes: [...BASE_SCOPES, DRIVE_READONLY_SCOPE]});
    stranger = emu.state.addUser("stranger@tns.example", {scopes: [...BASE_SCOPES, DRIVE_SCOPE]});
    noDrive = emu.state.addUser("nodrive@tns.example");
    folder = addFolder(emu.state, "W-000001 documents", owner.email, {
      id: "1FolderDocs00001",
      shareWith: [{email: reader.email, role: "reader"}],
    }).id;
    addDriveFile(emu.state, {
      id: "1FilePassport001",
      name: "Passport exp 2030-01-01.pdf",
      owner: owner.email,
      parents: [folder],
      modifiedTime: "2026-01-02T00:00:00.000Z",
      properties: {docType: "passport"},
    });
    addDriveFile(emu.state, {
      id: "1FileW9000000001",
      name: "W-9.pdf",
      owner: owner.email,
      parents: [folder],
      modifiedTime: "2026-01-03T00:00:00.000Z",
    });
    addDriveFile(emu.state, {
      id: "1FileTrashed0001",
      name: "Old NDA.pdf",
      owner: owner.email,
      parents: [folder],
      trashed: true,
    });
    addDriveFile(emu.state, {
      id: "1FileElsewhere01",
      name: "Unrelated.pdf",
      owner: owner.email,
      appProperties: {expires: "2027-01-01"},
    });
  });
  afterEach(async () => emu.close());

  async function call(
    user: User,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{status: number; body: Record<string, unknown>}> {
    const res = await fetch(`${emu.url}/www.googleapis.com/drive/v3${path}`, {
      method,
      headers: {Authorization: `Bearer ${user.token}`, ...(body ? {"Content-Type": "application/json"} : {})},
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return {status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}};
  }
  const q = (query: string, extra = "") => `/files?q=${encodeURIComponent(query)}${extra}`;
  const names = (body: Record<string, unknown>) => (body.files as Array<{name: string}>).map((f) => f.name).sort();

  it("lists a folder's children, excluding trashed files only when asked, with the default fields", async () => {
    const all = await call(owner, "GET", q(`'${folder}' in parents`));
    expect(names(all.body)).to.deep.equal(["Old NDA.pdf", "Passport exp 2030-01-01.pdf", "W-9.pdf"]);
    expect(Object.keys((all.body.files as object[])[0] as object).sort()).to.deep.equal([
      "id",
      "kind",
      "mimeType",
      "name",
    ]);
    const live = await call(owner, "GET", q(`'${folder}' in parents and trashed = false`));
    expect(names(live.body)).to.deep.equal(["Passport exp 2030-01-01.pdf", "W-9.pdf"]);
  });

  it("understands or, not, parentheses, names, MIME types, dates and properties", async () => {
    const cases: Array<[string, string[]]> = [
      [
        `('${folder}' in parents or name contains 'unrelated') and not trashed = true`,
        ["Passport exp 2030-01-01.pdf", "Unrelated.pdf", "W-9.pdf"],
      ],
      [`mimeType = 'application/vnd.google-apps.folder'`, ["W-000001 documents"]],
      [`mimeType != 'application/vnd.google-apps.folder' and name = 'W-9.pdf'`, ["W-9.pdf"]],
      [`modifiedTime > '2026-01-02T12:00:00' and modifiedTime < '2026-02-01' and '${folder}' in parents`, ["W-9.pdf"]],
      [`properties has { key='docType' and value='passport' }`, ["Passport exp 2030-01-01.pdf"]],
      [`appProperties has { key='expires' and value='2027-01-01' }`, ["Unrelated.pdf"]],
      [`'owner@tns.example' in owners and name contains 'old'`, ["Old NDA.pdf"]],
    ];
    for (const [query, expected] of cases) {
      const res = await call(owner, "GET", q(query));
      expect(res.status, query).to.equal(200);
      expect(names(res.body), query).to.deep.equal(expected);
    }
    for (const bad of [
      `'${folder}' in children`,
      `name > 'a'`,
      `trashed = 'no'`,
      `(name = 'x'`,
      `name = 'unterminated`,
      `colour = 'red'`,
    ]) {
      const res = await call(owner, "GET", q(bad));
      expect(res.status, bad).to.equal(400);
      expect((res.body.error as {message: string; errors: Array<{reason: string}>}).errors[0]?.reason).to.equal(
        "invalid",
      );
    }
  });

  it("pages with pageSize and pageToken, and applies field masks", async () => {
    const first = await call(
      owner,
      "GET",
      q(
        `'${folder}' in parents`,
        "&pageSize=2&orderBy=name&fields=nextPageToken,files(id,name,parents,modifiedTime,properties)",
      ),
    );
    expect((first.body.files as Array<{name: string}>).map((f) => f.name)).to.deep.equal([
      "Old NDA.pdf",
      "Passport exp 2030-01-01.pdf",
    ]);
    expect((first.body.files as Array<Record<string, unknown>>)[1]).to.deep.equal({
      id: "1FilePassport001",
      name: "Passport exp 2030-01-01.pdf",
      parents: [folder],
      modifiedTime: "2026-01-02T00:00:00.000Z",
      properties: {docType: "passport"},
    });
    const second = await call(
      owner,
      "GET",
      q(
        `'${folder}' in parents`,
        `&pageSize=2&orderBy=name&pageToken=${encodeURIComponent(String(first.body.nextPageToken))}`,
      ),
    );
    expect(names(second.body)).to.deep.equal(["W-9.pdf"]);
    expect(second.body.nextPageToken).to.equal(undefined);
    expect((await call(owner, "GET", "/files?pageSize=1001")).status).to.equal(400);
  });

  it("shows each user only what is shared with them, inherited from folders", async () => {
    expect(names((await call(reader, "GET", q(`'${folder}' in parents and trashed = false`))).body)).to.deep.equal([
      "Passport exp 2030-01-01.pdf",
      "W-9.pdf",
    ]);
    expect(names((await call(stranger, "GET", q(`'${folder}' in parents`))).body)).to.deep.equal([]);
    const hidden = await call(stranger, "GET", "/files/1FilePassport001");
    expect(hidden.status).to.equal(404);
    expect((hidden.body.error as {message: string}).message).to.equal("File not found: 1FilePassport001.");
    expect((await call(reader, "GET", "/files/1FilePassport001?fields=id,name")).body).to.deep.equal({
      id: "1FilePassport001",
      name: "Passport exp 2030-01-01.pdf",
    });
  });

  it("enforces scopes like Google", async () => {
    const none = await call(noDrive, "GET", q(`'${folder}' in parents`));
    expect(none.status).to.equal(403);
    expect(JSON.stringify(none.body)).to.include("ACCESS_TOKEN_SCOPE_INSUFFICIENT");
    const readonly = await call(reader, "POST", `/files/${folder}/permissions`, {
      type: "user",
      role: "reader",
      emailAddress: "x@y.z",
    });
    expect(readonly.status).to.equal(403);
    expect(JSON.stringify(readonly.body)).to.include("ACCESS_TOKEN_SCOPE_INSUFFICIENT");
  });

  // drives.list needs drive or drive.readonly; drive.file alone is refused at the scope check, while files.get on a
  // folder shared with the user but not opened through the app answers 404, as for a missing one.
  it("drives.list tells a drive.file-only connection apart, and requireDriveReach asks Coda for the scope", async () => {
    const fileOnly = emu.state.addUser("fileonly@tns.example", {scopes: [...BASE_SCOPES, DRIVE_FILE_SCOPE]});
    driveStore(emu.state)
      .files.get(folder)
      ?.permissions.push({id: "pfo", type: "user", role: "reader", emailAddress: fileOnly.email});
    expect((await call(fileOnly, "GET", `/files/${folder}`)).status).to.equal(404);
    const refused = await call(fileOnly, "GET", "/drives?pageSize=1");
    expect(refused.status).to.equal(403);
    expect(JSON.stringify(refused.body)).to.include("ACCESS_TOKEN_SCOPE_INSUFFICIENT");
    expect(await call(reader, "GET", "/drives?pageSize=1&fields=kind")).to.deep.equal({
      status: 200,
      body: {kind: "drive#driveList"},
    });
    expect((await call(reader, "GET", "/drives?pageSize=0")).status).to.equal(400);
    const as = (u: User) => ({
      fetcher: new EmulatorFetcher({baseUrl: emu.url, token: u.token, mode: "node"}),
      deadline: Date.now() + 30_000,
    });
    const missing = await getFile(as(fileOnly), folder, "open the folder").catch((err: Error) => err);
    expect((missing as Error).name).to.equal("MissingScopesError");
    expect((missing as Error).message).to.match(/needs more permission to open the folder/);
    await requireDriveReach(as(reader), "open the folder");
    // With read access, a folder that is not shared stays "not found or not shared", in words.
    const stranger2 = emu.state.addUser("reader2@tns.example", {scopes: [...BASE_SCOPES, DRIVE_READONLY_SCOPE]});
    const notShared = await getFile(as(stranger2), folder, "open the folder").catch((err: Error) => err);
    expect((notShared as Error).message).to.match(/could not find file 1FolderDocs00001, or it is not shared with you/);
  });

  it("lists, creates and deletes permissions, as writers may and readers may not", async () => {
    expect((await call(reader, "GET", `/files/${folder}/permissions`)).status).to.equal(403);
    const listed = await call(
      owner,
      "GET",
      `/files/${folder}/permissions?fields=permissions(id,type,role,emailAddress)`,
    );
    expect(listed.body.permissions).to.deep.equal([
      {id: permissionIdFor(owner.email), type: "user", role: "owner", emailAddress: owner.email},
      {id: permissionIdFor(reader.email), type: "user", role: "reader", emailAddress: reader.email},
    ]);
    const created = await call(
      owner,
      "POST",
      `/files/${folder}/permissions?sendNotificationEmail=false&fields=id,role,emailAddress`,
      {type: "user", role: "writer", emailAddress: "Ana@Example.com"},
    );
    expect(created.body).to.deep.equal({
      id: permissionIdFor("ana@example.com"),
      role: "writer",
      emailAddress: "ana@example.com",
    });
    expect((await call(stranger, "GET", `/files/${folder}`)).status).to.equal(404);
    const removed = await call(owner, "DELETE", `/files/${folder}/permissions/${permissionIdFor(reader.email)}`);
    expect(removed.status).to.equal(200);
    expect((await call(reader, "GET", `/files/${folder}`)).status).to.equal(404);
    expect(
      (await call(owner, "DELETE", `/files/${folder}/permissions/${permissionIdFor(reader.email)}`)).status,
    ).to.equal(404);
    const ownerRemoval = await call(owner, "DELETE", `/files/${folder}/permissions/${permissionIdFor(owner.email)}`);
    expect(ownerRemoval.status).to.equal(403);
    expect(
      (await call(owner, "POST", `/files/${folder}/permissions`, {type: "user", role: "owner", emailAddress: "x@y.z"}))
        .status,
    ).to.equal(403);
    expect((await call(owner, "POST", `/files/${folder}/permissions`, {type: "user", role: "writer"})).status).to.equal(
      400,
    );
    expect(driveStore(emu.state).changes).to.deep.equal([
      `create ${folder} ${permissionIdFor("ana@example.com")} writer ana@example.com`,
      `delete ${folder} ${permissionIdFor(reader.email)} reader ${reader.email}`,
    ]);
  });

  it("shows spreadsheets from the Sheets emulator as Drive files, sharing included", async () => {
    const sheetsUser = emu.state.addUser("sheets@tns.example", {
      scopes: [...BASE_SCOPES, SPREADSHEETS_SCOPE, DRIVE_SCOPE],
    });
    const res = await fetch(`${emu.url}/sheets.googleapis.com/v4/spreadsheets`, {
      method: "POST",
      headers: {Authorization: `Bearer ${sheetsUser.token}`, "Content-Type": "application/json"},
      body: JSON.stringify({properties: {title: "Ledger"}}),
    });
    const {spreadsheetId} = (await res.json()) as {spreadsheetId: string};
    const file = await call(sheetsUser, "GET", `/files/${spreadsheetId}?fields=id,name,mimeType`);
    expect(file.body).to.deep.equal({
      id: spreadsheetId,
      name: "Ledger",
      mimeType: "application/vnd.google-apps.spreadsheet",
    });
    await call(sheetsUser, "POST", `/files/${spreadsheetId}/permissions`, {
      type: "user",
      role: "writer",
      emailAddress: stranger.email,
    });
    expect(emu.state.spreadsheets.get(spreadsheetId)?.permissions.get(stranger.email)).to.equal("writer");
  });

  it("pack wrappers: listChildren asks twenty folders per query; listPermissions follows pages", async () => {
    const folders = Array.from(
      {length: 25},
      (_, i) => addFolder(emu.state, `F${i}`, owner.email, {id: `1Folder${String(i).padStart(9, "0")}`}).id,
    );
    folders.forEach((f, i) => addDriveFile(emu.state, {name: `doc ${i}.pdf`, owner: owner.email, parents: [f]}));
    const g = {
      fetcher: new EmulatorFetcher({baseUrl: emu.url, token: owner.token, mode: "node"}),
      deadline: Date.now() + 30_000,
    };
    const before = emu.log.length;
    const files = await listChildren(g, folders, "list");
    expect(files.map((f) => f.name).sort()).to.have.length(25);
    expect(files.every((f) => f.parents?.length === 1)).to.equal(true);
    expect(emu.log.slice(before).filter((r) => r.host === "www.googleapis.com")).to.have.length(2);
    for (let i = 0; i < 120; i++) {
      driveStore(emu.state)
        .files.get(folder)
        ?.permissions.push({id: `p${i}`, type: "user", role: "reader", emailAddress: `u${i}@x.com`});
    }
    expect(await listPermissions(g, folder, "list")).to.have.length(122);
  });

  // Drive answers some rate limits with 403 userRateLimitExceeded / rateLimitExceeded: retried like a 429
  // (https://developers.google.com/workspace/drive/api/guides/handle-errors).
  it("pack wrappers retry Drive's 403 rate limits like a 429, reads and writes alike", async () => {
    const child = addFolder(emu.state, "Child", owner.email, {id: "1ChildFolder0001", parents: [folder]});
    const g = {
      fetcher: new EmulatorFetcher({baseUrl: emu.url, token: owner.token, mode: "node"}),
      deadline: Date.now() + 30_000,
    };
    let refusals = 0;
    emu.setFaults({rateLimit403Rate: 1, match: (c) => c.host === "www.googleapis.com" && refusals++ < 2});
    expect((await listPermissions(g, child.id, "list")).length).to.be.greaterThan(0);
    refusals = 0;
    const created = await createPermission(
      g,
      child.id,
      {type: "user", role: "reader", emailAddress: "r@x.com"},
      "grant",
    );
    expect(created.emailAddress).to.equal("r@x.com");
    expect(emu.log.filter((r) => r.fault === "status-403-rate")).to.have.length(4);
  });

  // permissions.list shows inherited access with permissionDetails; it cannot be deleted on the child.
  it("lists inherited permissions with permissionDetails and refuses to delete them on the child", async () => {
    const child = addFolder(emu.state, "Child", owner.email, {id: "1ChildFolder0002", parents: [folder]});
    const g = {
      fetcher: new EmulatorFetcher({baseUrl: emu.url, token: owner.token, mode: "node"}),
      deadline: Date.now() + 30_000,
    };
    driveStore(emu.state)
      .files.get(folder)
      ?.permissions.push({id: permissionIdFor("kid@x.com"), type: "user", role: "reader", emailAddress: "kid@x.com"});
    const listed = await listPermissions(g, child.id, "list");
    const kid = listed.find((p) => p.emailAddress === "kid@x.com");
    expect(kid?.permissionDetails).to.deep.equal([{inherited: true, inheritedFrom: folder, role: "reader"}]);
    const err = await deletePermission(g, child.id, kid?.id ?? "", "remove").catch((e: unknown) => e);
    expect((err as {status?: number}).status).to.equal(403);
  });
});
