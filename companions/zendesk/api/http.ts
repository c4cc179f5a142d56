import * as coda from "@codahq/packs-sdk";
import {accountBase} from "../core/rules";

/** Coda gives an execution about 60 s; no wait is started that would end after this budget. */
export const EXECUTION_BUDGET_MS = 50_000;
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

export function isZendeskApiError(err: unknown): err is ZendeskApiError {
  return err instanceof Error && err.name === "ZendeskApiError";
}

/**
 * Zendesk's error bodies: {"error": "RecordNotFound", "description": "Not found"}, with
 * "details": {"field": [{"description": "..."}]} for RecordInvalid; 429s are plain text.
 */
export function readZendeskError(body: unknown): {error: string; detail: string} {
  let parsed = body;
  if (typeof body === "string") {
    try {
      parsed = JSON.parse(body);
    } catch {
      return {error: "", detail: body.slice(0, 200)};
    }
  }
  const b = (parsed ?? {}) as {
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
function retryAfterMs(headers: Record<string, string | string[] | undefined>, attempt: number): number {
  const raw = Object.entries(headers).find(([k]) => k.toLowerCase() === "retry-after")?.[1];
  const seconds = Number(Array.isArray(raw) ? raw[0] : raw);
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
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await z.fetcher.fetch({
        method: req.method,
        url,
        headers: req.body === undefined ? {} : {"Content-Type": "application/json"},
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        cacheTtlSecs: 0,
      });
      return (typeof response.body === "string" ? JSON.parse(response.body) : response.body) as T;
    } catch (err) {
      if (!coda.StatusCodeError.isStatusCodeError(err)) {
        if (req.method !== "GET" || attempt >= 3) {
          throw new ZendeskApiError(0, "", `the connection dropped (${(err as Error).message})`, req.what);
        }
        continue;
      }
      const status = err.statusCode;
      if (status === 401) {
        throw err;
      }
      const headers = (err.response?.headers ?? {}) as Record<string, string>;
      if (status === 429 && attempt < MAX_ATTEMPTS) {
        wait(z, retryAfterMs(headers, attempt), req.what);
        continue;
      }
      if (status >= 500 && req.method === "GET" && attempt < 3) {
        wait(z, 500 * attempt, req.what);
        continue;
      }
      const {error, detail} = readZendeskError(err.body ?? err.response?.body);
      throw new ZendeskApiError(
        status,
        error,
        detail,
        req.what,
        status === 429 ? retryAfterMs(headers, attempt) : undefined,
      );
    }
  }
}

function wait(z: Zendesk, ms: number, what: string): void {
  if (Date.now() + ms > z.deadline) {
    throw new ZendeskApiError(429, "TooManyRequests", "rate limited beyond this run's time", what, ms);
  }
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // Coda's runtime has no timers: a bounded busy wait.
  }
}
