// The one retry loop both companions call their service through; what differs (Discord's buckets, the error each
// service gives back) is passed in.
import * as coda from "@codahq/packs-sdk";
import type {Headers} from "../core/http";

/** Coda gives an execution about 60 s; no wait is started that would end after this budget. */
export const EXECUTION_BUDGET_MS = 50_000;
/** Dropped connections and 5xx answers are tried this many times in all (repeatable requests only). */
const TRANSIENT_ATTEMPTS = 3;

/** Why a call ends without an answer to return: the service turns each into its own error. */
export type Failure =
  | {kind: "dropped"; message: string}
  | {kind: "out-of-time"; waitMs: number}
  | {kind: "answer"; status: number; body: unknown; retryAfterMs?: number};

export interface Retrying<T> {
  /** Date.now() after which no wait may end. */
  deadline: number;
  /** True when repeating the request cannot do it twice: then dropped connections and 5xx are retried. */
  repeatable: boolean;
  /** 429s are waited out until this many attempts have been made. */
  maxAttempts: number;
  /** How long a 429 asks to wait, ms. */
  retryAfterMs(body: unknown, headers: Headers, attempt: number): number;
  /** The service's error for a call that ends without an answer. */
  fail(failure: Failure): Error;
  /** Reads a successful answer's body. */
  read(body: unknown): T;
  /** ms to wait before sending (Discord: a bucket the last answer said was spent). */
  waitBefore?(): number;
  /** Sees every answer's headers but a 401's (Discord: its buckets). */
  saw?(headers: Headers): void;
}

/**
 * Sends a request and returns its read body. Waits out a 429 for as long as the service says; retries 5xx and
 * dropped connections for repeatable requests; a 401 goes back to Coda untouched so it can refresh the credential.
 */
export async function fetchRetrying<T>(fetcher: coda.Fetcher, request: coda.FetchRequest, r: Retrying<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const early = r.waitBefore?.() ?? 0;
    if (early > 0) {
      waitOrFail(r, early);
    }
    try {
      const response = await fetcher.fetch(request);
      r.saw?.((response.headers ?? {}) as Headers);
      return r.read(response.body);
    } catch (err) {
      if (!coda.StatusCodeError.isStatusCodeError(err)) {
        if (!r.repeatable || attempt >= TRANSIENT_ATTEMPTS) {
          throw r.fail({kind: "dropped", message: `the connection dropped (${(err as Error).message})`});
        }
        continue;
      }
      const status = err.statusCode;
      if (status === 401) {
        throw err;
      }
      const headers = (err.response?.headers ?? {}) as Headers;
      const body = err.body ?? err.response?.body;
      r.saw?.(headers);
      if (status === 429 && attempt < r.maxAttempts) {
        waitOrFail(r, r.retryAfterMs(body, headers, attempt));
        continue;
      }
      if (status >= 500 && r.repeatable && attempt < TRANSIENT_ATTEMPTS) {
        waitOrFail(r, 500 * attempt);
        continue;
      }
      const retryAfterMs = status === 429 ? r.retryAfterMs(body, headers, attempt) : undefined;
      throw r.fail({kind: "answer", status, body, retryAfterMs});
    }
  }
}

function waitOrFail(r: Retrying<unknown>, ms: number): void {
  if (Date.now() + ms > r.deadline) {
    throw r.fail({kind: "out-of-time", waitMs: ms});
  }
  pause(ms);
}

/** Coda's runtime has no timers: a bounded busy wait. */
function pause(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // wait
  }
}
