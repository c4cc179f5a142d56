// The test fetcher behaves as Coda documents its own (issue 16, item 6).
import * as coda from "@codahq/packs-sdk";
import {expect} from "chai";
import type {Emulator} from "../../emulator/server";
import {startEmulator} from "../../emulator/server";
import type {User} from "../../emulator/state";
import {EmulatorFetcher, REDACTED, newCounters} from "../helpers/fetcher";

describe("test fetcher: as Coda's", () => {
  let emu: Emulator;
  let owner: User;
  let id: string;
  const sheetsUrl = (path: string) => `https://sheets.googleapis.com/v4/spreadsheets${path}`;

  beforeEach(async () => {
    emu = await startEmulator();
    owner = emu.state.addUser("owner@x.example");
    const f = new EmulatorFetcher({baseUrl: emu.url, token: owner.token, mode: "node"});
    const created = await f.fetch<{spreadsheetId: string}>({
      method: "POST",
      url: sheetsUrl(""),
      body: JSON.stringify({properties: {title: "Book"}, sheets: [{properties: {title: "Data"}}]}),
      headers: {"Content-Type": "application/json"},
    });
    id = created.body?.spreadsheetId ?? "";
  });
  afterEach(async () => emu.close());

  // community.coda.io/t/improvements-to-timeout-and-retry-behavior-in-packs/56848: "When you hit an
  // API rate limit and get a 429 response, Coda will automatically retry the request".
  it("retries a 429 itself, and hands the pack the last 429 when it gives up", async () => {
    const counters = newCounters();
    let n = 0;
    emu.setFaults({errorRates: {429: 1}, retryAfterSeconds: 1, match: () => n++ < 2});
    const f = new EmulatorFetcher({baseUrl: emu.url, token: owner.token, mode: "node", counters});
    const ok = await f.fetch({method: "GET", url: sheetsUrl(`/${id}`), cacheTtlSecs: 0});
    expect(ok.status).to.equal(200);
    expect(counters.requests).to.equal(3);

    emu.setFaults({errorRates: {429: 1}, retryAfterSeconds: 1});
    const err = await f.fetch({method: "GET", url: sheetsUrl(`/${id}`), cacheTtlSecs: 0}).catch((e: unknown) => e);
    expect(coda.StatusCodeError.isStatusCodeError(err) && err.statusCode).to.equal(429);
    expect(counters.requests).to.equal(6);
  });

  // packs-sdk FetchResponse.headers: "The contents of many headers will be redacted for security reasons."
  it("redacts response headers outside its safe list, Retry-After among them", async () => {
    emu.setFaults({errorRates: {429: 1}, retryAfterSeconds: 7});
    const f = new EmulatorFetcher({baseUrl: emu.url, token: owner.token, mode: "vm", tries429: 1});
    const res = await f.fetch({method: "GET", url: sheetsUrl(`/${id}`), cacheTtlSecs: 0});
    expect(res.status).to.equal(429);
    expect(res.headers["retry-after"]).to.equal(REDACTED);
    expect(res.headers["content-type"]).to.match(/json/);
  });

  // packs-sdk ResponseSizeTooLargeError: thrown "when the response body from the external system
  // exceeds packs platform limits"; "can be caught and retried by requesting less data".
  it("throws ResponseSizeTooLargeError above its cap", async () => {
    const f = new EmulatorFetcher({baseUrl: emu.url, token: owner.token, mode: "node", maxResponseBytes: 200});
    const err = await f.fetch({method: "GET", url: sheetsUrl(`/${id}`), cacheTtlSecs: 0}).catch((e: unknown) => e);
    expect(coda.ResponseSizeTooLargeError.isResponseSizeTooLargeError(err)).to.equal(true);
    const roomy = new EmulatorFetcher({baseUrl: emu.url, token: owner.token, mode: "node"});
    expect((await roomy.fetch({method: "GET", url: sheetsUrl(`/${id}`), cacheTtlSecs: 0})).status).to.equal(200);
  });
});
