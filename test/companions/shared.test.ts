// companions/shared: the one retry loop both companions call their service through, and the sentences both say
// for a failed call. A scripted fetcher answers each attempt in turn.
import {expect} from "chai";
import * as coda from "@codahq/packs-sdk";
import type {Failure, Retrying} from "../../companions/shared/api/http";
import {fetchRetrying} from "../../companions/shared/api/http";
import {transientSentence} from "../../companions/shared/coda/boundary";
import {errorBody, header} from "../../companions/shared/core/http";
import {failureOf} from "../helpers/fixture";

type Answer = {status: number; body?: unknown; headers?: Record<string, string>} | "drop";

function scripted(answers: Answer[]) {
  const sent: coda.FetchRequest[] = [];
  const fetcher = {
    fetch: async (request: coda.FetchRequest) => {
      sent.push(request);
      const answer = answers.shift();
      if (!answer) {
        throw new Error("the test's script ran out");
      }
      if (answer === "drop") {
        throw new Error("socket hang up");
      }
      if (answer.status >= 300) {
        throw new coda.StatusCodeError(answer.status, answer.body, request, {
          body: answer.body,
          headers: answer.headers ?? {},
        });
      }
      return {status: answer.status, body: answer.body, headers: answer.headers ?? {}};
    },
  } as unknown as coda.Fetcher;
  return {fetcher, sent};
}

class Failed extends Error {
  constructor(readonly failure: Failure) {
    super(failure.kind);
  }
}

const REQUEST: coda.FetchRequest = {method: "GET", url: "https://service.example/api/thing"};

function call(answers: Answer[], overrides: Partial<Retrying<unknown>> = {}) {
  const {fetcher, sent} = scripted(answers);
  const promise = fetchRetrying(fetcher, REQUEST, {
    deadline: Date.now() + 5_000,
    repeatable: true,
    maxAttempts: 4,
    retryAfterMs: () => 10,
    fail: (failure) => new Failed(failure),
    read: (body) => body,
    ...overrides,
  });
  return {promise, sent};
}

describe("companions/shared: the retry loop", () => {
  it("returns the read body of the first answer that is not an error", async () => {
    const {promise, sent} = call([{status: 200, body: '{"a":1}'}], {read: (b) => JSON.parse(String(b))});
    expect(await promise).to.deep.equal({a: 1});
    expect(sent).to.have.length(1);
  });

  it("waits out 429s up to maxAttempts, then fails with the wait the last one asked for", async () => {
    const ok = call([{status: 429}, {status: 429}, {status: 200, body: "done"}]);
    expect(await ok.promise).to.equal("done");
    expect(ok.sent).to.have.length(3);

    const spent = call([{status: 429}, {status: 429}, {status: 429}, {status: 429, body: "slow down"}]);
    const err = (await failureOf(spent.promise)) as unknown as Failed;
    expect(err.failure).to.deep.equal({kind: "answer", status: 429, body: "slow down", retryAfterMs: 10});
    expect(spent.sent).to.have.length(4);
  });

  it("a wait that would end after the deadline fails at once as out of time", async () => {
    const {promise, sent} = call([{status: 429}], {retryAfterMs: () => 60_000});
    const err = (await failureOf(promise)) as unknown as Failed;
    expect(err.failure).to.deep.equal({kind: "out-of-time", waitMs: 60_000});
    expect(sent).to.have.length(1);
  });

  it("retries 5xx and dropped connections three times in all, for repeatable requests only", async () => {
    const repeated = call([{status: 503}, "drop", {status: 200, body: "ok"}]);
    expect(await repeated.promise).to.equal("ok");
    expect(repeated.sent).to.have.length(3);

    const threeFailures = call([{status: 502}, {status: 502}, {status: 502, body: "bad gateway"}]);
    const err = (await failureOf(threeFailures.promise)) as unknown as Failed;
    expect(err.failure).to.deep.equal({kind: "answer", status: 502, body: "bad gateway", retryAfterMs: undefined});

    const once = call([{status: 503, body: "down"}], {repeatable: false});
    expect(((await failureOf(once.promise)) as unknown as Failed).failure.kind).to.equal("answer");
    expect(once.sent).to.have.length(1);

    const dropped = call(["drop"], {repeatable: false});
    expect(((await failureOf(dropped.promise)) as unknown as Failed).failure).to.deep.equal({
      kind: "dropped",
      message: "the connection dropped (socket hang up)",
    });
    expect(dropped.sent).to.have.length(1);
  });

  it("passes a 401 through untouched, so Coda can refresh the credential, without showing its headers", async () => {
    const seen: unknown[] = [];
    const {promise} = call([{status: 401, headers: {"x-ratelimit-bucket": "b"}}], {saw: (h) => seen.push(h)});
    const err = await failureOf(promise);
    expect(coda.StatusCodeError.isStatusCodeError(err)).to.equal(true);
    expect(seen).to.deep.equal([]);
  });

  it("waits before sending when asked to, and shows every other answer's headers", async () => {
    const seen: unknown[] = [];
    const waits = [30, 0];
    const t0 = Date.now();
    const {promise} = call(
      [
        {status: 429, headers: {"X-A": "1"}},
        {status: 200, body: "ok", headers: {"X-A": "2"}},
      ],
      {
        waitBefore: () => waits.shift() ?? 0,
        saw: (h) => seen.push(h),
      },
    );
    expect(await promise).to.equal("ok");
    expect(Date.now() - t0).to.be.at.least(30);
    expect(seen).to.deep.equal([{"X-A": "1"}, {"X-A": "2"}]);
  });
});

describe("companions/shared: sentences and answers", () => {
  it("says what a rate limit, a dropped connection and a 5xx mean, and leaves the service's own answers alone", () => {
    const could = "Zendesk could not read the user";
    expect(transientSentence("Zendesk", could, {status: 429, retryAfterMs: 61_500}, "")).to.equal(
      `${could}: Zendesk asks to wait 62 s (rate limit), longer than one run allows. Try again in 62 s.`,
    );
    expect(transientSentence("Zendesk", could, {status: 0}, "the connection dropped (reset)")).to.equal(
      `${could}: the connection dropped (reset). Try again.`,
    );
    expect(transientSentence("Discord", could, {status: 503}, "")).to.equal(
      `${could}: Discord did not answer (HTTP 503). Try again in a minute.`,
    );
    expect(transientSentence("Discord", could, {status: 404}, "Unknown")).to.equal(undefined);
  });

  it("reads headers by any case and error bodies as JSON or their first 200 characters", () => {
    expect(header({"Retry-After": ["7", "8"]}, "retry-after")).to.equal("7");
    expect(header({}, "retry-after")).to.equal(undefined);
    expect(errorBody('{"code":1}')).to.deep.equal({json: {code: 1}});
    expect(errorBody({code: 2})).to.deep.equal({json: {code: 2}});
    expect(errorBody("x".repeat(300))).to.deep.equal({text: "x".repeat(200)});
  });
});
