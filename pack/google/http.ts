import * as coda from "@codahq/packs-sdk";
import type {z} from "zod/mini";
import {
  ConnectionLostError,
  GoogleApiError,
  isMissingScope,
  isMissingScopesError,
  isRateLimit403,
  readGoogleErrorBody,
  RESPONSE_TOO_LARGE,
  RESPONSE_TOO_LARGE_STATUS,
} from "./errors";

/** One execution's access to Google: the fetcher and the time it must finish by. */
export interface Google {
  fetcher: coda.Fetcher;
  /** Epoch milliseconds after which no retry is started. */
  deadline: number;
}

/** Coda gives each execution about 60 s; keep a margin for the work after the last call. */
const EXECUTION_BUDGET_MS = 50_000;

export function googleFrom(context: coda.ExecutionContext, now = Date.now()): Google {
  return {fetcher: context.fetcher, deadline: now + EXECUTION_BUDGET_MS};
}

/**
 * - `idempotent`: reads, and writes whose repeat cannot double anything (the ledger's commits,
 *   which carry a version lock): retried on 429, 5xx and dropped connections.
 * - `once`: writes that would happen twice if repeated (sending mail, creating a file): retried
 *   only on 429, which Google returns before doing anything.
 */
export type RetryPolicy = "idempotent" | "once";

export interface GoogleRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** 0 for reads that must see the latest writes. Omit to let Coda cache a GET for 5 minutes. */
  cacheTtlSecs?: number;
  /** Said in errors: "read the ledger", "save the decision". */
  what: string;
  retry: RetryPolicy;
}

/** Query parameters in order; a name may repeat (`labelIds`, `ranges`). */
export type QueryParams = ReadonlyArray<readonly [string, string | number | boolean | undefined]>;

/**
 * The one query-string builder of the three APIs: `withQuery(base, [["q", "a b"], ["pageToken", undefined]])`
 * → "base?q=a%20b". Names and values are percent-encoded; undefined and empty values are left out.
 */
export function withQuery(base: string, query: QueryParams = []): string {
  const parts = query
    .filter(([, v]) => v !== undefined && v !== "")
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `${base}?${parts.join("&")}` : base;
}

/**
 * The URL asking Google for compact JSON: its APIs pretty-print answers by default (system parameter
 * `prettyPrint`, "true (default), false", https://cloud.google.com/apis/docs/system-parameters), which
 * makes a 100,000-row read several MB larger against Coda's response cap.
 */
export function compact(url: string): string {
  return /[?&]prettyPrint=/.test(url) ? url : `${url}${url.includes("?") ? "&" : "?"}prettyPrint=false`;
}

const RETRYABLE = new Set([429, 500, 502, 503, 504]);
const MAX_ATTEMPTS = 6;
const BASE_DELAY_MS = 400;
const MAX_DELAY_MS = 8_000;

/**
 * Calls a Google API and returns its parsed body, validated by `schema` when given.
 * Retries with exponential backoff and full jitter, honouring `Retry-After`, while the
 * execution budget allows. HTTP 401 is re-thrown untouched so Coda can refresh the token.
 */
export async function callGoogle<T>(g: Google, request: GoogleRequest, schema?: z.ZodMiniType<T>): Promise<T> {
  let lastAnswer: GoogleApiError | undefined;
  for (let attempt = 1; ; attempt++) {
    let response: coda.FetchResponse;
    try {
      response = await g.fetcher.fetch({
        method: request.method,
        url: compact(request.url),
        headers: {...(request.body === undefined ? {} : {"Content-Type": "application/json"}), ...request.headers},
        body:
          request.body === undefined
            ? undefined
            : typeof request.body === "string"
              ? request.body
              : JSON.stringify(request.body),
        cacheTtlSecs: request.cacheTtlSecs,
      });
    } catch (err) {
      const failure = classify(err, request.what);
      if (failure === "rethrow") {
        throw err;
      }
      const retryable =
        failure instanceof ConnectionLostError ? request.retry === "idempotent" : isRetryable(failure, request.retry);
      const wait = retryable
        ? backoff(attempt, failure instanceof GoogleApiError ? retryAfterOf(err) : undefined)
        : undefined;
      if (failure instanceof GoogleApiError) {
        lastAnswer = failure;
      }
      if (wait === undefined || attempt >= MAX_ATTEMPTS || Date.now() + wait > g.deadline) {
        // Out of retries: report what Google last said, which tells more than a dropped connection.
        const final = retryable && lastAnswer ? lastAnswer : failure;
        if (final instanceof GoogleApiError && retryable) {
          throw new GoogleApiError(
            final.status,
            final.googleMessage,
            final.googleStatus,
            final.what,
            true,
            final.reason,
          );
        }
        throw final;
      }
      pause(wait);
      continue;
    }
    const body = parseBody(response.body);
    if (!schema) {
      return body as T;
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new GoogleApiError(
        response.status,
        `unexpected response shape (${parsed.error.issues[0]?.message ?? "invalid"})`,
        "UNEXPECTED_RESPONSE",
        request.what,
      );
    }
    return parsed.data;
  }
}

/** A 429, or Drive's and Gmail's 403 rate limits, come before anything is done: any request may repeat. */
function isRetryable(err: GoogleApiError, policy: RetryPolicy): boolean {
  if (err.status === 429 || isRateLimit403(err.status, err.reason)) {
    return true;
  }
  return policy === "idempotent" && RETRYABLE.has(err.status);
}

/** Turns what the fetcher threw into a GoogleApiError, a ConnectionLostError, or "rethrow". */
function classify(err: unknown, what: string): GoogleApiError | ConnectionLostError | "rethrow" {
  if (err && typeof err === "object" && coda.StatusCodeError.isStatusCodeError(err)) {
    const status = err.statusCode;
    if (status === 401) {
      return "rethrow";
    }
    const {message, status: googleStatus, reason} = readGoogleErrorBody(err.body ?? err.response?.body);
    if (isMissingScope(status, message, reason)) {
      // Coda asks the user to reconnect and grant the scope when it sees this error.
      throw new coda.MissingScopesError(
        `Your Google connection needs more permission to ${what}. Reconnect the pack and allow the requested access.`,
      );
    }
    return new GoogleApiError(status, message, googleStatus, what, false, reason);
  }
  if (isMissingScopesError(err)) {
    return "rethrow";
  }
  if (err && typeof err === "object" && coda.ResponseSizeTooLargeError.isResponseSizeTooLargeError(err)) {
    // Coda's fetcher refuses an answer over its size cap: asking again gets the same answer, so a
    // caller that can read less does (isResponseTooLarge), and the rest say so.
    return new GoogleApiError(RESPONSE_TOO_LARGE_STATUS, err.message, RESPONSE_TOO_LARGE, what);
  }
  return new ConnectionLostError(what, err);
}

function retryAfterOf(err: unknown): number | undefined {
  const headers = (err as coda.StatusCodeError).response?.headers ?? {};
  const raw = Object.entries(headers).find(([key]) => key.toLowerCase() === "retry-after")?.[1];
  const value = Array.isArray(raw) ? raw[0] : raw;
  const seconds = value === undefined ? NaN : Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/** Full-jitter exponential backoff, never shorter than Google's Retry-After. */
function backoff(attempt: number, retryAfterMs: number | undefined, random = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt - 1));
  const jittered = Math.round(ceiling / 2 + (random() * ceiling) / 2);
  return Math.max(jittered, retryAfterMs ?? 0);
}

/** Waits `ms`. Coda's runtime has no timers, so this is a bounded busy wait: keep it short. */
export function pause(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // wait
  }
}

function parseBody(body: unknown): unknown {
  if (typeof body === "string" && body && /^[[{]/.test(body.trim())) {
    try {
      return JSON.parse(body);
    } catch {
      return body;
    }
  }
  return body;
}
