// Issue 16, item 6: an answer Coda's fetcher refuses for its size (ResponseSizeTooLargeError, "can be
// caught and retried by requesting less data", packs-sdk dist/api.d.ts) costs a whole answer that
// Google builds and Coda downloads before refusing it. These cases count the refusals and requests a
// read in parts takes (the test fetcher's counters), and check the joined answer against one answer.
import {expect} from "chai";
import type {Google} from "../../pack/google/http";
import type {ValueRange} from "../../pack/google/sheets";
import {batchGetValues} from "../../pack/google/sheets";
import {answerBytes, PART_TARGET_BYTES} from "../../pack/google/sheets-parts";
import type {GoogleApiError} from "../../pack/google/errors";
import {toUserVisibleError} from "../../pack/google/errors";
import {startEmulator} from "../../emulator/server";
import type {Emulator} from "../../emulator/server";
import type {User} from "../../emulator/state";
import type {Value} from "../../emulator/model";
import type {FetchCounters} from "../helpers/fetcher";
import {EmulatorFetcher, newCounters} from "../helpers/fetcher";

/** Rows of the big tab: ten cells of 50 plain characters, about 540 bytes a row in compact JSON. */
const BIG_ROWS = 26_000;
const SMALL_TABS = ["S1", "S2", "S3", "S4"];

describe("reading what Coda refuses for its size, in parts (issue 16, item 6)", function () {
  this.timeout(120_000);
  let emu: Emulator;
  let owner: User;
  let id: string;
  let wholeBytes: number;

  before(async () => {
    emu = await startEmulator();
    owner = emu.state.addUser("owner@x.example");
    const created = await google().fetcher.fetch<{spreadsheetId: string}>({
      method: "POST",
      url: "https://sheets.googleapis.com/v4/spreadsheets",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify({
        sheets: [
          {properties: {title: "Big", gridProperties: {rowCount: BIG_ROWS + 40, columnCount: 12}}},
          ...SMALL_TABS.map((title) => ({properties: {title, gridProperties: {rowCount: 100, columnCount: 5}}})),
          {properties: {title: "Ragged", gridProperties: {rowCount: 3_200, columnCount: 8}}},
        ],
      }),
    });
    id = created.body?.spreadsheetId ?? "";
    const book = emu.state.spreadsheets.get(id);
    const tab = (title: string) => {
      const sheet = book?.sheets.find((s) => s.properties.title === title);
      if (!sheet) {
        throw new Error(`no tab ${title}`);
      }
      return sheet;
    };
    tab("Big").rows = Array.from({length: BIG_ROWS}, (_, r) =>
      Array.from({length: 10}, (_, c) => `r${r}c${c}`.padEnd(50, "x")),
    );
    for (const title of SMALL_TABS) {
      tab(title).rows = Array.from({length: 60}, (_, r) => [title, r, r % 2 === 0, `${title} row ${r}`]);
    }
    // Ragged rows, empty cells inside, empty rows, numbers and booleans, nothing in the grid's last rows.
    tab("Ragged").rows = Array.from({length: 3_000}, (_, r): Value[] | undefined => {
      if (r % 97 === 5 || (r > 1_200 && r < 1_500)) {
        return undefined;
      }
      const width = 1 + ((r * 7) % 8);
      return Array.from({length: width}, (_, c): Value => {
        if ((r + c) % 5 === 0) {
          return "";
        }
        return c % 3 === 0 ? r * 10 + c : c % 3 === 1 ? `v${r}-${c}` : (r + c) % 2 === 0;
      });
    });
    const from = emu.log.length;
    await batchGetValues(google(), id, ["'Big'"], {what: "read"});
    wholeBytes = emu.log[from]?.bytes ?? 0;
  });
  after(async () => emu.close());

  function google(maxResponseBytes?: number, counters?: FetchCounters): Google {
    return {
      fetcher: new EmulatorFetcher({baseUrl: emu.url, token: owner.token, mode: "node", maxResponseBytes, counters}),
      deadline: Date.now() + 120_000,
    };
  }

  /** Reads `ranges` under `cap`; the answers, the fetcher's counts and the bytes Google sent (refused or not). */
  async function capped(ranges: string[], cap: number, majorDimension?: "COLUMNS", large?: boolean) {
    const counters = newCounters();
    const from = emu.log.length;
    const got = await batchGetValues(google(cap, counters), id, ranges, {what: "read", majorDimension, large});
    const calls = emu.log.slice(from);
    return {got, counters, calls, bytes: calls.reduce((n, c) => n + (c.bytes ?? 0), 0)};
  }

  it("a big tab under a cap above the part target: one refused answer, then parts that grow to the target", async () => {
    // The cases rely on the big tab being a few times the part target (about 14 MB).
    expect(wholeBytes).to.be.within(2.2 * PART_TARGET_BYTES, 4 * PART_TARGET_BYTES);
    const expected = await batchGetValues(google(), id, ["'Big'"], {what: "read"});
    const cap = Math.round(1.2 * PART_TARGET_BYTES);
    const {got, counters, calls, bytes} = await capped(["'Big'"], cap);
    expect(got).to.deep.equal(expected);
    // Halving refused the whole and then its half (each over 1.2 × the target): 7 requests, 2 refused, 2.5 × the bytes.
    expect(counters.tooLarge).to.equal(1);
    // The refused whole, the grid, and parts of at most the target after a first, smaller one (6 here).
    expect(counters.requests).to.be.at.most(2 + Math.ceil(wholeBytes / PART_TARGET_BYTES) + 1);
    const parts = calls.slice(2).map((c) => c.bytes ?? 0);
    expect(Math.max(...parts)).to.be.at.most(PART_TARGET_BYTES);
    expect(parts[1]).to.be.greaterThan(1.3 * (parts[0] ?? 0));
    expect(bytes).to.be.below(2.1 * wholeBytes);
  });

  it("a big tab under a cap well below the part target: at most two refused answers", async () => {
    const expected = await batchGetValues(google(), id, ["'Big'"], {what: "read"});
    const cap = Math.round(PART_TARGET_BYTES / 3);
    const {got, counters, bytes} = await capped(["'Big'"], cap);
    expect(got).to.deep.equal(expected);
    // Halving from the whole was refused four times (14 MB, 7, 3.5, 1.75 over a 1.67 MB cap): 21 requests, 2.9 × the bytes.
    expect(counters.tooLarge).to.be.at.most(2);
    // The refused whole and one refused part, the grid, and parts of half the refused part's size (17 here).
    expect(counters.requests).to.be.at.most(4 + Math.ceil(wholeBytes / (cap / 2)));
    expect(counters.largestResponse).to.be.at.most(cap);
    expect(bytes).to.be.below(2.3 * wholeBytes);
  });

  it("one big and several small tabs refused together: the small ones in one request, the big one in parts", async () => {
    const ranges = ["'Big'", ...SMALL_TABS.map((t) => `'${t}'`)];
    const expected = await batchGetValues(google(), id, ranges, {what: "read"});
    const {got, counters, calls} = await capped(ranges, Math.round(1.2 * PART_TARGET_BYTES));
    expect(got).to.deep.equal(expected);
    // Every other range, halved again and again: 13 requests, 5 refused, the small tabs in 3 requests.
    expect(counters.tooLarge).to.equal(1);
    const asking = (tab: string) => calls.slice(1).filter((c) => decodeURIComponent(c.query).includes(`'${tab}'`));
    const small = asking("S1");
    expect(small.length, "requests for the small tabs after the refused whole").to.equal(1);
    for (const t of SMALL_TABS) {
      expect(asking(t)).to.deep.equal(small);
    }
    expect(decodeURIComponent(small[0]?.query ?? "")).to.not.include("'Big'");
    expect(counters.requests).to.be.at.most(3 + Math.ceil(wholeBytes / PART_TARGET_BYTES) + 1);
  });

  it("a read marked large plans its parts from the grids: nothing refused, small tabs still in one request", async () => {
    const ranges = ["'Big'", ...SMALL_TABS.map((t) => `'${t}'`)];
    const expected = await batchGetValues(google(), id, ranges, {what: "read"});
    const {got, counters, calls} = await capped(ranges, Math.round(1.2 * PART_TARGET_BYTES), undefined, true);
    expect(got).to.deep.equal(expected);
    // Without the mark, Google builds the 14 MB whole and Coda refuses it before any part is asked.
    expect(counters.tooLarge).to.equal(0);
    expect(counters.requests).to.be.at.most(1 + Math.ceil(wholeBytes / PART_TARGET_BYTES) + 1 + 1);
    expect(calls.filter((c) => decodeURIComponent(c.query).includes("'S1'"))).to.have.length(1);
    // Small tabs marked large: the grids, then one request as asked.
    const small = await capped(
      SMALL_TABS.map((t) => `'${t}'`),
      1_000_000,
      undefined,
      true,
    );
    expect(small.got).to.deep.equal(expected.slice(1));
    expect(small.counters.requests).to.equal(2);
  });

  it("joins parts exactly as one answer: ragged rows, empty rows and cells, explicit rows and columns, by rows and by columns", async () => {
    const ranges = ["'Ragged'", "'Ragged'!A2:D90000", "'Ragged'!B:C", "'Ragged'!C10:F", "'Ragged'!A1190:H1600"];
    for (const majorDimension of [undefined, "COLUMNS"] as const) {
      const expected = await batchGetValues(google(), id, ranges, {what: "read", majorDimension});
      const together = await capped(ranges, 20_000, majorDimension);
      expect(together.counters.tooLarge).to.be.greaterThan(0);
      expect(together.got, `together, ${majorDimension ?? "ROWS"}`).to.deep.equal(expected);
      for (const [i, range] of ranges.entries()) {
        const alone = await capped([range], 3_000, majorDimension);
        expect(alone.counters.tooLarge, range).to.be.greaterThan(0);
        expect(alone.got, `${range}, ${majorDimension ?? "ROWS"}`).to.deep.equal([expected[i]] as ValueRange[]);
      }
    }
  });

  it("a row that alone is over the cap is named in the message", async () => {
    const rows = emu.state.spreadsheets.get(id)?.sheets.find((s) => s.properties.title === "Ragged")?.rows ?? [];
    const row = rows[2_500];
    rows[2_500] = ["y".repeat(30_000)];
    try {
      const err = await batchGetValues(google(20_000), id, ["'Ragged'!A2490:H2520"], {what: "read the ledger"}).catch(
        (e: unknown) => e,
      );
      expect(toUserVisibleError(err as GoogleApiError).message).to.match(
        /^Google's answer was larger than Coda lets a pack receive, so the pack could not read the ledger: row 2501 of 'Ragged' alone is larger than that/,
      );
    } finally {
      rows[2_500] = row;
    }
  });

  it("measures a part as Google's compact JSON in UTF-8, erring large on characters Google may escape", () => {
    expect(answerBytes([["abc", 12, true], []])).to.equal(JSON.stringify([["abc", 12, true], []]).length);
    // é is two bytes, 가 three, 😀 four; < and = may come as \u003c and \u003d (six bytes each).
    expect(answerBytes([["é가😀"]])).to.equal(6 + 2 + 3 + 4);
    expect(answerBytes([["<="]])).to.equal(6 + 12);
  });
});
