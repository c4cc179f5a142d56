import {expect} from "chai";
import {parseCells, splitSheet} from "../../emulator/a1";
import type {Emulator} from "../../emulator/server";
import {startEmulator} from "../../emulator/server";
import type {User} from "../../emulator/state";

describe("emulator: A1 notation", () => {
  it("parses the ranges the pack and people use", () => {
    expect(parseCells("A1:B2")).to.deep.equal({startRow: 0, endRow: 2, startCol: 0, endCol: 2});
    expect(parseCells("A:A")).to.deep.equal({startRow: 0, endRow: Infinity, startCol: 0, endCol: 1});
    expect(parseCells("2:5")).to.deep.equal({startRow: 1, endRow: 5, startCol: 0, endCol: Infinity});
    expect(parseCells("B3")).to.deep.equal({startRow: 2, endRow: 3, startCol: 1, endCol: 2});
    expect(parseCells("A2:AH")).to.deep.equal({startRow: 1, endRow: Infinity, startCol: 0, endCol: 34});
    expect(parseCells("ts_W_1")).to.equal(undefined);
    expect(splitSheet("'It''s mine'!A1")).to.deep.equal({title: "It's mine", cells: "A1"});
    expect(splitSheet("Workers!1:1")).to.deep.equal({title: "Workers", cells: "1:1"});
  });
});

describe("emulator: Sheets v4 over HTTP", () => {
  let emu: Emulator;
  let owner: User;
  let other: User;
  let id: string;

  async function call(user: User | undefined, method: string, path: string, body?: unknown) {
    const res = await fetch(`${emu.url}/sheets.googleapis.com/v4/spreadsheets${path}`, {
      method,
      headers: {
        ...(user ? {Authorization: `Bearer ${user.token}`} : {}),
        ...(body ? {"Content-Type": "application/json"} : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    return {status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown>};
  }
  const q = (ranges: string[], extra = "") =>
    `?${ranges.map((r) => `ranges=${encodeURIComponent(r)}`).join("&")}${extra}`;

  beforeEach(async () => {
    emu = await startEmulator();
    owner = emu.state.addUser("owner@x.example");
    other = emu.state.addUser("other@x.example");
    const created = await call(owner, "POST", "", {
      properties: {title: "Book"},
      sheets: [
        {properties: {sheetId: 7, title: "Data", gridProperties: {rowCount: 10, columnCount: 5}}},
        {properties: {title: "My tab"}},
      ],
    });
    id = String(created.body.spreadsheetId);
  });
  afterEach(async () => emu.close());

  it("omits trailing empty cells and rows, keeps inner blanks", async () => {
    await call(owner, "PUT", `/${id}/values/${encodeURIComponent("Data!A1")}?valueInputOption=RAW`, {
      values: [["a", "", "c", "", ""], [], ["", "x"], ["", ""]],
    });
    const r = await call(owner, "GET", `/${id}/values:batchGet${q(["Data!A1:E10"])}`);
    expect(r.body.valueRanges).to.deep.equal([
      {range: "Data!A1:E10", majorDimension: "ROWS", values: [["a", "", "c"], [], ["", "x"]]},
    ]);
    const cols = await call(owner, "GET", `/${id}/values:batchGet${q(["Data!A1:C"], "&majorDimension=COLUMNS")}`);
    expect((cols.body.valueRanges as Array<{values: unknown}>)[0]?.values).to.deep.equal([["a"], ["", "", "x"], ["c"]]);
    const empty = await call(owner, "GET", `/${id}/values:batchGet${q(["'My tab'!A1:B2"])}`);
    expect(empty.body.valueRanges).to.deep.equal([{range: "'My tab'!A1:B2", majorDimension: "ROWS"}]);
  });

  it("stores RAW text as typed and USER_ENTERED as Sheets would parse it", async () => {
    const row = ['=IMPORTXML("http://x","//a")', "2026-01-05", "007", "TRUE", "'=keep"];
    await call(owner, "PUT", `/${id}/values/${encodeURIComponent("Data!A1")}?valueInputOption=RAW`, {values: [row]});
    await call(owner, "PUT", `/${id}/values/${encodeURIComponent("Data!A2")}?valueInputOption=USER_ENTERED`, {
      values: [row],
    });
    const formatted = await call(owner, "GET", `/${id}/values/${encodeURIComponent("Data!A1:E2")}`);
    expect(formatted.body.values).to.deep.equal([row, ["#NAME?", "1/5/2026", "7", "TRUE", "=keep"]]);
    const raw = await call(
      owner,
      "GET",
      `/${id}/values/${encodeURIComponent("Data!A1:E2")}?valueRenderOption=UNFORMATTED_VALUE`,
    );
    expect(raw.body.values).to.deep.equal([row, ["#NAME?", 46027, 7, true, "=keep"]]);
    const formulas = await call(
      owner,
      "GET",
      `/${id}/values/${encodeURIComponent("Data!A2")}?valueRenderOption=FORMULA`,
    );
    expect(formulas.body.values).to.deep.equal([['=IMPORTXML("http://x","//a")']]);
  });

  it("appends after the table and reports where", async () => {
    await call(owner, "PUT", `/${id}/values/${encodeURIComponent("Data!A1")}?valueInputOption=RAW`, {
      values: [
        ["h1", "h2"],
        ["a", "b"],
      ],
    });
    const r = await call(
      owner,
      "POST",
      `/${id}/values/${encodeURIComponent("Data!A1")}:append?valueInputOption=RAW&insertDataOption=INSERT_ROWS`,
      {values: [["c", "d"]]},
    );
    expect(r.body).to.deep.equal({
      spreadsheetId: id,
      tableRange: "Data!A1:B2",
      updates: {spreadsheetId: id, updatedRange: "Data!A3:B3", updatedRows: 1, updatedColumns: 2, updatedCells: 2},
    });
  });

  it("answers errors in Google's shape", async () => {
    const bad = await call(owner, "GET", `/${id}/values/${encodeURIComponent("Nope!A1")}`);
    expect(bad.status).to.equal(400);
    expect(bad.body).to.deep.equal({
      error: {code: 400, message: "Unable to parse range: Nope!A1", status: "INVALID_ARGUMENT"},
    });
    expect((await call(owner, "GET", `/nonexistent`)).body).to.deep.equal({
      error: {code: 404, message: "Requested entity was not found.", status: "NOT_FOUND"},
    });
    expect((await call(other, "GET", `/${id}`)).status).to.equal(403);
    expect((await call(undefined, "GET", `/${id}`)).status).to.equal(401);
    const grid = await call(owner, "PUT", `/${id}/values/${encodeURIComponent("Data!A11")}?valueInputOption=RAW`, {
      values: [["x"]],
    });
    expect(grid.body.error).to.deep.include({
      message: "Range (Data!A11) exceeds grid limits. Max rows: 10, max columns: 5",
    });
    const noOption = await call(owner, "PUT", `/${id}/values/${encodeURIComponent("Data!A1")}`, {values: [["x"]]});
    expect(noOption.status).to.equal(400);
  });

  it("needs the spreadsheets scope, and says so like Google", async () => {
    const limited = emu.state.addUser("limited@x.example", {scopes: ["openid", "email"]});
    emu.state.share(id, limited.email, "writer");
    const r = await call(limited, "GET", `/${id}`);
    expect(r.status).to.equal(403);
    expect(r.body).to.deep.nested.include({
      "error.message": "Request had insufficient authentication scopes.",
      "error.details[0].reason": "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
    });
  });

  it("a reader can read but not write", async () => {
    emu.state.share(id, other.email, "reader");
    expect((await call(other, "GET", `/${id}/values/${encodeURIComponent("Data!A1")}`)).status).to.equal(200);
    expect(
      (
        await call(other, "PUT", `/${id}/values/${encodeURIComponent("Data!A1")}?valueInputOption=RAW`, {
          values: [["x"]],
        })
      ).status,
    ).to.equal(403);
  });

  // Ranges that start beyond a tab's grid are refused (client threads quote "exceeds grid limits";
  // docs/google-behaviour.md), for reads and for GridRange requests; a read that starts inside is clipped.
  it("refuses reads and named ranges that start beyond the grid, clips reads that only end beyond it", async () => {
    const beyondRow = await call(owner, "GET", `/${id}/values:batchGet${q(["Data!A11:B12"])}`);
    expect(beyondRow.status).to.equal(400);
    expect(beyondRow.body.error).to.deep.include({
      message: "Range (Data!A11) exceeds grid limits. Max rows: 10, max columns: 5",
    });
    expect((await call(owner, "GET", `/${id}/values:batchGet${q(["Data!ZY2:ZY"])}`)).status).to.equal(400);
    const inside = await call(owner, "GET", `/${id}/values:batchGet${q(["Data!E9:Z20"])}`);
    expect(inside.status).to.equal(200);
    expect((inside.body.valueRanges as Array<{range: string}>)[0]?.range).to.equal("Data!E9:E10");
    const named = (row: number) => ({
      requests: [
        {
          addNamedRange: {
            namedRange: {
              namedRangeId: `g${row}`,
              name: `ts_g${row}`,
              range: {sheetId: 7, startRowIndex: row, endRowIndex: row + 1},
            },
          },
        },
      ],
    });
    expect((await call(owner, "POST", `/${id}:batchUpdate`, named(10))).status).to.equal(400);
    // Subrequests apply in order: a row appended first makes the same range valid.
    const append = {
      appendCells: {
        sheetId: 7,
        rows: Array.from({length: 11}, () => ({values: [{userEnteredValue: {stringValue: "r"}}]})),
        fields: "userEnteredValue",
      },
    };
    const grown = await call(owner, "POST", `/${id}:batchUpdate`, {requests: [append, ...named(10).requests]});
    expect(grown.status).to.equal(200);
  });

  it("inserts columns (cells and ranges from the index move right, straddling ranges grow) and appends them", async () => {
    const put = await call(owner, "PUT", `/${id}/values/${encodeURIComponent("Data!A1:D2")}?valueInputOption=RAW`, {
      values: [
        ["a", "b", "", "note"],
        ["1", "2", "3", "4"],
      ],
    });
    expect(put.status).to.equal(200);
    const nr = (namedRangeId: string, startColumnIndex: number, endColumnIndex: number) => ({
      addNamedRange: {
        namedRange: {namedRangeId, name: `ts_${namedRangeId}`, range: {sheetId: 7, startColumnIndex, endColumnIndex}},
      },
    });
    await call(owner, "POST", `/${id}:batchUpdate`, {
      requests: [nr("across", 0, 4), nr("after", 2, 3), nr("before", 0, 2)],
    });
    const insert = (startIndex: number, endIndex: number, dimension = "COLUMNS") => ({
      insertDimension: {range: {sheetId: 7, dimension, startIndex, endIndex}, inheritFromBefore: startIndex > 0},
    });
    const done = await call(owner, "POST", `/${id}:batchUpdate`, {requests: [insert(2, 4)]});
    expect(done.status).to.equal(200);
    const read = await call(owner, "GET", `/${id}/values:batchGet${q(["Data!A1:H2"])}`);
    expect((read.body.valueRanges as Array<{values: unknown[][]}>)[0]?.values).to.deep.equal([
      ["a", "b", "", "", "", "note"],
      ["1", "2", "", "", "3", "4"],
    ]);
    const book = emu.state.spreadsheets.get(id);
    const range = (rid: string) => book?.namedRanges.get(rid)?.range;
    expect(
      [range("across"), range("after"), range("before")].map((r) => [r?.startColumnIndex, r?.endColumnIndex]),
    ).to.deep.equal([
      [0, 6],
      [4, 5],
      [0, 2],
    ]);
    const grid = () => book?.sheets.find((s) => s.properties.sheetId === 7)?.properties.gridProperties.columnCount;
    expect(grid()).to.equal(7);
    // Past the last column is appendDimension's job; rows are not modelled.
    expect((await call(owner, "POST", `/${id}:batchUpdate`, {requests: [insert(7, 8)]})).status).to.equal(400);
    expect((await call(owner, "POST", `/${id}:batchUpdate`, {requests: [insert(1, 2, "ROWS")]})).status).to.equal(400);
    const append = {appendDimension: {sheetId: 7, dimension: "COLUMNS", length: 3}};
    expect((await call(owner, "POST", `/${id}:batchUpdate`, {requests: [append]})).status).to.equal(200);
    expect(grid()).to.equal(10);
    // A writer who is not an editor of a whole-tab hard protection cannot widen it.
    emu.state.share(id, other.email, "writer");
    await call(owner, "POST", `/${id}:batchUpdate`, {
      requests: [{addProtectedRange: {protectedRange: {range: {sheetId: 7}, warningOnly: false}}}],
    });
    const refused = await call(other, "POST", `/${id}:batchUpdate`, {requests: [insert(3, 4)]});
    expect(refused.status).to.equal(400);
    expect(String((refused.body.error as {message: string}).message)).to.match(/protected cell/);
    expect(grid()).to.equal(10);
  });

  // values.batchGetByDataFilter is a read sent as POST: readers may use it; A1 filters come back in order.
  it("answers values.batchGetByDataFilter with A1 filters, for readers too", async () => {
    await call(owner, "PUT", `/${id}/values/${encodeURIComponent("Data!A1")}?valueInputOption=RAW`, {
      values: [
        ["a", "b"],
        ["c", "d"],
      ],
    });
    emu.state.share(id, other.email, "reader");
    const r = await call(other, "POST", `/${id}/values:batchGetByDataFilter`, {
      dataFilters: [{a1Range: "Data!B1:B2"}, {a1Range: "Data!A2"}],
      majorDimension: "COLUMNS",
    });
    expect(r.status).to.equal(200);
    expect(r.body.valueRanges).to.deep.equal([
      {
        valueRange: {range: "Data!B1:B2", majorDimension: "COLUMNS", values: [["b", "d"]]},
        dataFilters: [{a1Range: "Data!B1:B2"}],
      },
      {valueRange: {range: "Data!A2", majorDimension: "COLUMNS", values: [["c"]]}, dataFilters: [{a1Range: "Data!A2"}]},
    ]);
  });

  // No URL limit is published; clients that sent ~20,000-character batchGet URLs were refused
  // (github.com/dust-tt/dust/pull/4042). The emulator refuses URLs over 8 KB.
  it("refuses a request URL over 8 KB", async () => {
    const ranges = Array.from({length: 600}, (_, i) => `Data!A${(i % 10) + 1}`);
    const res = await fetch(`${emu.url}/sheets.googleapis.com/v4/spreadsheets/${id}/values:batchGet${q(ranges)}`, {
      headers: {Authorization: `Bearer ${owner.token}`},
    });
    expect(res.status).to.equal(414);
  });

  it("applies a batchUpdate atomically: one bad request and nothing changes", async () => {
    const add = (namedRangeId: string, name: string) => ({
      addNamedRange: {namedRange: {namedRangeId, name, range: {sheetId: 7, startRowIndex: 0, endRowIndex: 1}}},
    });
    const cells = {
      appendCells: {
        sheetId: 7,
        rows: [{values: [{userEnteredValue: {stringValue: "=1+1"}}]}],
        fields: "userEnteredValue",
      },
    };
    expect(
      (await call(owner, "POST", `/${id}:batchUpdate`, {requests: [add("lk1", "ts_lk1"), cells]})).status,
    ).to.equal(200);
    const twice = await call(owner, "POST", `/${id}:batchUpdate`, {requests: [cells, add("lk1", "ts_other")]});
    expect(twice.status).to.equal(400);
    expect(String((twice.body.error as {message: string}).message)).to.match(
      /^Invalid requests\[1\]\.addNamedRange: A named range with ID lk1 already exists\.$/,
    );
    const sameName = await call(owner, "POST", `/${id}:batchUpdate`, {requests: [add("lk2", "TS_LK1")]});
    expect(String((sameName.body.error as {message: string}).message)).to.match(/name TS_LK1 already exists/);
    const missing = await call(owner, "POST", `/${id}:batchUpdate`, {
      requests: [{deleteNamedRange: {namedRangeId: "nope"}}],
    });
    expect(String((missing.body.error as {message: string}).message)).to.match(/No named range with id: nope/);
    const values = await call(owner, "GET", `/${id}/values/${encodeURIComponent("Data!A1:A5")}`);
    expect(values.body.values).to.deep.equal([["=1+1"]]);
    const byName = await call(owner, "GET", `/${id}/values/ts_lk1?valueRenderOption=UNFORMATTED_VALUE`);
    expect(byName.body).to.deep.include({range: "Data!A1:E1", values: [["=1+1"]]});
  });

  it("enforces hard protections on API writes, but not warning-only ones", async () => {
    emu.state.share(id, other.email, "writer");
    const protect = (warningOnly: boolean) => ({
      addProtectedRange: {protectedRange: {range: {sheetId: 7, startRowIndex: 0, endRowIndex: 1}, warningOnly}},
    });
    await call(owner, "POST", `/${id}:batchUpdate`, {requests: [protect(true)]});
    const put = () =>
      call(other, "PUT", `/${id}/values/${encodeURIComponent("Data!A1")}?valueInputOption=RAW`, {values: [["x"]]});
    expect((await put()).status).to.equal(200);
    await call(owner, "POST", `/${id}:batchUpdate`, {requests: [protect(false)]});
    const refused = await put();
    expect(refused.status).to.equal(400);
    expect(String((refused.body.error as {message: string}).message)).to.match(/protected cell/);
    const append = await call(other, "POST", `/${id}:batchUpdate`, {
      requests: [
        {
          appendCells: {
            sheetId: 7,
            rows: [{values: [{userEnteredValue: {stringValue: "y"}}]}],
            fields: "userEnteredValue",
          },
        },
      ],
    });
    expect(append.status).to.equal(200);
  });

  it("lets only a protection's editors (and the owner) change, delete or see the editors of it", async () => {
    const third = emu.state.addUser("third@x.example");
    emu.state.share(id, other.email, "writer");
    emu.state.share(id, third.email, "writer");
    const added = await call(other, "POST", `/${id}:batchUpdate`, {
      requests: [{addProtectedRange: {protectedRange: {range: {sheetId: 7}, editors: {users: []}}}}],
    });
    const pid = (added.body.replies as Array<{addProtectedRange: {protectedRange: {protectedRangeId: number}}}>)[0]
      ?.addProtectedRange.protectedRange.protectedRangeId;
    // The requester and the owner edit what they protect; a third editor of the document does not.
    const asThird = await call(third, "GET", `/${id}?fields=sheets.protectedRanges`);
    const seen = (asThird.body.sheets as Array<{protectedRanges?: Array<Record<string, unknown>>}>)[0]
      ?.protectedRanges?.[0];
    expect(seen).to.include({requestingUserCanEdit: false});
    expect(seen).to.not.have.property("editors");
    const grab = await call(third, "POST", `/${id}:batchUpdate`, {
      requests: [
        {
          updateProtectedRange: {
            protectedRange: {protectedRangeId: pid, editors: {users: [third.email]}},
            fields: "editors",
          },
        },
      ],
    });
    expect(grab.status).to.equal(400);
    const drop = await call(third, "POST", `/${id}:batchUpdate`, {
      requests: [{deleteProtectedRange: {protectedRangeId: pid}}],
    });
    expect(drop.status).to.equal(400);
    const deleteTab = await call(third, "POST", `/${id}:batchUpdate`, {requests: [{deleteSheet: {sheetId: 7}}]});
    expect(deleteTab.status).to.equal(400);
    const rename = await call(third, "POST", `/${id}:batchUpdate`, {
      requests: [{updateSheetProperties: {properties: {sheetId: 7, title: "Mine"}, fields: "title"}}],
    });
    expect(rename.status).to.equal(400);
    // An editor of the protection hands it over; the owner stays an editor.
    const handOver = await call(other, "POST", `/${id}:batchUpdate`, {
      requests: [
        {
          updateProtectedRange: {
            protectedRange: {protectedRangeId: pid, editors: {users: [third.email]}},
            fields: "editors",
          },
        },
      ],
    });
    expect(handOver.status).to.equal(200);
    const asOwner = await call(owner, "GET", `/${id}?fields=sheets.protectedRanges`);
    expect(
      (asOwner.body.sheets as Array<{protectedRanges?: Array<{editors?: {users: string[]}}>}>)[0]?.protectedRanges?.[0]
        ?.editors?.users,
    ).to.have.members([third.email, owner.email]);
    const put = (user: User) =>
      call(user, "PUT", `/${id}/values/${encodeURIComponent("Data!A1")}?valueInputOption=RAW`, {values: [["x"]]});
    expect((await put(other)).status).to.equal(400);
    expect((await put(third)).status).to.equal(200);
    expect((await put(owner)).status).to.equal(200);
    expect(
      (await call(third, "POST", `/${id}:batchUpdate`, {requests: [{deleteProtectedRange: {protectedRangeId: pid}}]}))
        .status,
    ).to.equal(200);
  });

  it("answers a reader's write and a stranger's read as Google does", async () => {
    emu.state.share(id, other.email, "reader");
    const stranger = emu.state.addUser("stranger@x.example");
    expect((await call(other, "GET", `/${id}/values/${encodeURIComponent("Data!A1")}`)).status).to.equal(200);
    const write = await call(other, "PUT", `/${id}/values/${encodeURIComponent("Data!A1")}?valueInputOption=RAW`, {
      values: [["x"]],
    });
    expect(write.status).to.equal(403);
    const read = await call(stranger, "GET", `/${id}/values/${encodeURIComponent("Data!A1")}`);
    expect(read.status).to.equal(403);
    expect(read.body.error).to.deep.include({status: "PERMISSION_DENIED"});
  });

  it("keeps a spreadsheet under the 10 million cell limit", async () => {
    const big = await call(owner, "POST", `/${id}:batchUpdate`, {
      requests: [{appendDimension: {sheetId: 7, dimension: "ROWS", length: 2_000_000}}],
    });
    expect(big.status).to.equal(400);
    expect(String((big.body.error as {message: string}).message)).to.match(/above the limit of 10000000 cells/);
  });

  it("returns only the fields asked for", async () => {
    const r = await call(owner, "GET", `/${id}?fields=${encodeURIComponent("sheets.properties(sheetId,title)")}`);
    expect(r.body).to.deep.equal({
      sheets: [
        {properties: {sheetId: 7, title: "Data"}},
        {
          properties: {
            sheetId: (r.body.sheets as Array<{properties: {sheetId: number}}>)[1]?.properties.sheetId,
            title: "My tab",
          },
        },
      ],
    });
  });

  it("injects faults: 429 with Retry-After, and dropped connections", async () => {
    emu.setFaults({errorRates: {429: 1}, retryAfterSeconds: 3});
    const r = await call(owner, "GET", `/${id}`);
    expect(r.status).to.equal(429);
    expect(r.headers.get("retry-after")).to.equal("3");
    expect(r.body).to.deep.nested.include({"error.status": "RESOURCE_EXHAUSTED"});
    emu.setFaults({dropAfterRate: 1});
    let dropped = false;
    try {
      await call(owner, "PUT", `/${id}/values/${encodeURIComponent("Data!B2")}?valueInputOption=RAW`, {
        values: [["applied"]],
      });
    } catch {
      dropped = true;
    }
    expect(dropped).to.equal(true);
    emu.setFaults({});
    expect((await call(owner, "GET", `/${id}/values/${encodeURIComponent("Data!B2")}`)).body.values).to.deep.equal([
      ["applied"],
    ]);
    expect(emu.log.filter((l) => l.fault).map((l) => l.fault)).to.deep.equal(["status-429", "drop-after"]);
  });
});
