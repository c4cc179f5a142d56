import {expect} from "chai";
import type {Google} from "../../pack/google/http";
import {batchGetValues, MAX_GET_URL, splitRows, withinGrid} from "../../pack/google/sheets";
import type {GoogleApiError} from "../../pack/google/errors";
import {toUserVisibleError} from "../../pack/google/errors";
import {MAX_URL_BYTES, startEmulator} from "../../emulator/server";
import type {Emulator} from "../../emulator/server";
import type {User} from "../../emulator/state";
import {EmulatorFetcher} from "../helpers/fetcher";

describe("sheets wrapper against the emulator", () => {
  let emu: Emulator;
  let owner: User;
  let g: Google;
  let id: string;

  beforeEach(async () => {
    emu = await startEmulator();
    owner = emu.state.addUser("owner@x.example");
    g = {
      fetcher: new EmulatorFetcher({baseUrl: emu.url, token: owner.token, mode: "node"}),
      deadline: Date.now() + 30_000,
    };
    const created = await g.fetcher.fetch<{spreadsheetId: string}>({
      method: "POST",
      url: "https://sheets.googleapis.com/v4/spreadsheets",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify({
        sheets: [{properties: {sheetId: 1, title: "Workers", gridProperties: {rowCount: 700, columnCount: 8}}}],
      }),
    });
    id = created.body?.spreadsheetId ?? "";
    await g.fetcher.fetch({
      method: "PUT",
      url: `https://sheets.googleapis.com/v4/spreadsheets/${id}/values/${encodeURIComponent("'Workers'!A1")}?valueInputOption=RAW`,
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify({values: Array.from({length: 600}, (_, i) => [`W-${i + 1}`, i])}),
    });
  });
  afterEach(async () => emu.close());

  it("reads 600 single-row ranges in one POST (values.batchGetByDataFilter); no URL nears 8 KB", async () => {
    const ranges = Array.from({length: 600}, (_, i) => `'Workers'!A${i + 1}:B${i + 1}`);
    const from = emu.log.length;
    const got = await batchGetValues(g, id, ranges, {what: "read"});
    expect(got.map((v) => v.values?.[0]?.[0])).to.deep.equal(ranges.map((_, i) => `W-${i + 1}`));
    const calls = emu.log.slice(from);
    expect(calls.map((c) => `${c.method} ${c.path}`)).to.deep.equal([
      `POST /v4/spreadsheets/${id}/values:batchGetByDataFilter`,
    ]);
    expect(Math.max(...emu.log.map((c) => c.path.length + c.query.length))).to.be.below(MAX_GET_URL);
    expect(MAX_GET_URL).to.be.below(MAX_URL_BYTES);
    // A few ranges still go by GET.
    await batchGetValues(g, id, ["'Workers'!A1:B2"], {what: "read"});
    expect(emu.log[emu.log.length - 1]?.method).to.equal("GET");
  });

  it("reads a range that starts beyond a tab's grid as empty, and the rest as asked", async () => {
    // An import on a Workers tab whose columns were moved by hand used to read 'Workers'!ZY2:ZY: refused by Google.
    const got = await batchGetValues(g, id, ["'Workers'!ZY2:ZY", "'Workers'!A2:A3", "'Workers'!A701:B702"], {
      what: "read",
      majorDimension: "COLUMNS",
    });
    expect(got.map((v) => v.values ?? [])).to.deep.equal([[], [["W-2", "W-3"]], []]);
  });

  it("still reports a missing tab", async () => {
    const err = await batchGetValues(g, id, ["'Nope'!A1"], {what: "read"}).catch((e: unknown) => e);
    expect((err as {status?: number}).status).to.equal(400);
  });

  it("withinGrid keeps ranges that start inside, drops those that start beyond, leaves named ranges", () => {
    const grids = new Map([["It's", {rows: 10, columns: 3}]]);
    expect(withinGrid("'It''s'!C10", grids)).to.equal("'It''s'!C10");
    expect(withinGrid("'It''s'!D1:D", grids)).to.equal(undefined);
    expect(withinGrid("'It''s'!A11:B", grids)).to.equal(undefined);
    expect(withinGrid("'It''s'!1:1", grids)).to.equal("'It''s'!1:1");
    expect(withinGrid("ts_w1", grids)).to.equal("ts_w1");
  });

  // ResponseSizeTooLargeError "can be caught and retried by requesting less data" (packs-sdk api.d.ts).
  it("reads a range too large for Coda's response cap in row halves, joined as one answer", async () => {
    const whole = async (majorDimension?: "COLUMNS") =>
      batchGetValues(g, id, ["'Workers'!A1:B", "'Workers'!A590:B"], {what: "read", majorDimension});
    const expected = [await whole(), await whole("COLUMNS")];
    const capped: Google = {
      fetcher: new EmulatorFetcher({baseUrl: emu.url, token: owner.token, mode: "node", maxResponseBytes: 4_000}),
      deadline: Date.now() + 30_000,
    };
    const from = emu.log.length;
    const rows = await batchGetValues(capped, id, ["'Workers'!A1:B", "'Workers'!A590:B"], {what: "read"});
    expect(rows.map((v) => v.values)).to.deep.equal(expected[0]?.map((v) => v.values));
    expect(emu.log.length - from).to.be.greaterThan(4);
    const columns = await batchGetValues(capped, id, ["'Workers'!A1:B"], {what: "read", majorDimension: "COLUMNS"});
    expect(columns[0]?.values).to.deep.equal(expected[1]?.[0]?.values);
    const tiny: Google = {
      fetcher: new EmulatorFetcher({baseUrl: emu.url, token: owner.token, mode: "node", maxResponseBytes: 10}),
      deadline: Date.now() + 30_000,
    };
    const err = await batchGetValues(tiny, id, ["'Workers'!A1:B"], {what: "read the ledger"}).catch((e: unknown) => e);
    expect(toUserVisibleError(err as GoogleApiError).message).to.match(
      /^Google's answer was larger than Coda lets a pack receive, so the pack could not read the ledger\./,
    );
  });

  it("reads many ranges refused together in two requests of every other range, not one request per range", async () => {
    // AddApplicant's session and identity columns (20 ranges) took 22 requests when each was read alone.
    const ranges = Array.from({length: 12}, (_, k) => `'Workers'!A${k * 50 + 1}:B${k * 50 + 50}`);
    const from = emu.log.length;
    const expected = await batchGetValues(g, id, ranges, {what: "read"});
    const wholeBytes = emu.log[from]?.bytes ?? 0;
    expect(wholeBytes).to.be.greaterThan(2_000);
    const capped: Google = {
      fetcher: new EmulatorFetcher({
        baseUrl: emu.url,
        token: owner.token,
        mode: "node",
        maxResponseBytes: Math.floor(wholeBytes * 0.7),
      }),
      deadline: Date.now() + 30_000,
    };
    const start = emu.log.length;
    const got = await batchGetValues(capped, id, ranges, {what: "read"});
    expect(got.map((v) => v.values)).to.deep.equal(expected.map((v) => v.values));
    expect(got.map((v) => v.range)).to.deep.equal(expected.map((v) => v.range));
    // The refused whole, then the even and the odd ranges.
    expect(emu.log.length - start).to.equal(3);
  });

  it("splitRows halves a range within its tab's grid", () => {
    const grids = new Map([["W", {rows: 1000, columns: 8}]]);
    const halves = (range: string) => {
      const split = splitRows(range, grids);
      return split && {first: split.first, second: split.second, firstRows: split.firstRows};
    };
    expect(halves("'W'!A2:C")).to.deep.equal({
      first: "'W'!A2:C501",
      second: "'W'!A502:C1000",
      firstRows: 500,
    });
    expect(halves("'W'!B:B")).to.deep.equal({first: "'W'!B1:B500", second: "'W'!B501:B1000", firstRows: 500});
    // A whole tab, as VerifyLedger reads the decision log.
    expect(halves("'W'")).to.deep.equal({first: "'W'!1:500", second: "'W'!501:1000", firstRows: 500});
    expect(halves("'W'!1:1")).to.equal(undefined);
    expect(halves("ts_w1")).to.equal(undefined);
  });
});
