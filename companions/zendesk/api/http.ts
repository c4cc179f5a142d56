import type * as coda from "@codahq/packs-sdk";
import {accountBase} from "../core/rules";
import {EXECUTION_BUDGET_MS, fetchRetrying} from "../../shared/api/http";
import {hasErrorName} from "../../shared/core/errors";
import type {Headers} from "../../shared/core/http";
import {errorBody, header} from "../../shared/core/http";

const MAX_ATTEMPTS = 5;

/** One execution's access to one Zendesk account. */
export interface Zendesk {
  fetcher: coda.Fetcher;
  base: string;
  deadline: number;
}

export function zendeskFrom(context: coda.ExecutionContext, now = Date.now()): Zendesk {
  return {fetcher: context.fetcher, base: accountBase(context.endpoint), deadline: now + EXECUTION_BUDGET_MS};
}

export interface ZendeskRequest {
  method: "GET" | "PUT" | "POST";
  /** A path under the account (/api/v2/...), or a next-page URL Zendesk gave on the same account. */
  path: string;
  body?: unknown;
  what: string;
}

/** An answer from Zendesk that retrying will not change. */
export class ZendeskApiError extends Error {
  override readonly name = "ZendeskApiError";
  constructor(
    readonly status: number,
    readonly error: string,
    readonly detail: string,
    readonly what: string,
    readonly retryAfterMs?: number,
  ) {
    super(`${status} ${error}: ${detail}`);
  }
}

export const isZendeskApiError = (err: unknown): err is ZendeskApiError => hasErrorName(err, "ZendeskApiError");

/**
 * Zendesk's error bodies: {"error": "RecordNotFound", "description": "Not found"}, with
 * "details": {"field": [{"description": "..."}]} for RecordInvalid; 429s are plain text.
 */
export function readZendeskError(body: unknown): {error: string; detail: string} {
  const read = errorBody(body);
  if ("text" in read) {
    return {error: "", detail: read.text};
  }
  const b = (read.json ?? {}) as {
    error?: unknown;
    description?: unknown;
    details?: Record<string, Array<{description?: string}>>;
  };
  const error =
    typeof b.error === "string"
      ? b.error
      : typeof (b.error as {title?: unknown})?.title === "string"
        ? String((b.error as {title: string}).title)
        : "";
  const firstDetail = Object.values(b.details ?? {})[0]?.[0]?.description;
  const detail = firstDetail ?? (typeof b.description === "string" ? b.description : "");
  return {error, detail};
}

/** Zendesk's Retry-After, or (when Coda redacts it) a growing wait: 2 s, 4 s, 6 s… */
function retryAfterMs(headers: Headers, attempt: number): number {
  const seconds = Number(header(headers, "retry-after"));
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds * 1000) : 2000 * attempt;
}

/**
 * Calls Zendesk and returns the parsed body. A 429 is waited out for the Retry-After Zendesk
 * sends (https://developer.zendesk.com/api-reference/introduction/rate-limits/); 5xx on reads is
 * retried. 401 goes back to Coda untouched.
 */
export async function callZendesk<T>(z: Zendesk, req: ZendeskRequest): Promise<T> {
  const url = req.path.startsWith("https://") ? req.path : `${z.base}${req.path}`;
  if (!url.startsWith(`${z.base}/api/v2/`)) {
    throw new ZendeskApiError(0, "", `refused to follow a link outside ${z.base}`, req.what);
  }
  const request: coda.FetchRequest = {
    method: req.method,
    url,
    headers: req.body === undefined ? {} : {"Content-Type": "application/json"},
    body: req.body === undefined ? undefined : JSON.stringify(req.body),
    cacheTtlSecs: 0,
  };
  return fetchRetrying(z.fetcher, request, {
    deadline: z.deadline,
    repeatable: req.method === "GET",
    maxAttempts: MAX_ATTEMPTS,
    retryAfterMs: (_body, headers, attempt) => retryAfterMs(headers, attempt),
    read: (body) => (typeof body === "string" ? JSON.parse(body) : body) as T,
    fail: (failure) => {
      switch (failure.kind) {
        case "dropped":
          return new ZendeskApiError(0, "", failure.message, req.what);
        case "out-of-time":
          return new ZendeskApiError(
            429,
            "TooManyRequests",
            "rate limited beyond this run's time",
            req.what,
            failure.waitMs,
          );
        case "answer": {
          const {error, detail} = readZendeskError(failure.body);
          return new ZendeskApiError(failure.status, error, detail, req.what, failure.retryAfterMs);
        }
      }
    },
  });
}
