import * as coda from "@codahq/packs-sdk";
import type {Headers} from "../core/rate";
import {Buckets, retryAfterMs} from "../core/rate";

/** Discord's REST API, version 10 (https://discord.com/developers/docs/reference#api-versioning). */
export const API_BASE = "https://discord.com/api/v10";

/** Coda gives an execution about 60 s; no wait is started that would end after this budget. */
export const EXECUTION_BUDGET_MS = 50_000;
const MAX_ATTEMPTS = 6;

/** One execution's access to Discord: the fetcher, its deadline and the buckets it has seen. */
export interface Discord {
  fetcher: coda.Fetcher;
  deadline: number;
  buckets: Buckets;
}

export function discordFrom(context: coda.ExecutionContext, now = Date.now()): Discord {
  return {fetcher: context.fetcher, deadline: now + EXECUTION_BUDGET_MS, buckets: new Buckets()};
}

export interface DiscordRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path under /api/v10, ids already checked by core. */
  path: string;
  /** The route with its top-level id, for bucket tracking: "PUT /guilds/1/members/:id/roles/:id". */
  route: string;
  body?: unknown;
  /** Already URL-encoded, sent in X-Audit-Log-Reason. */
  reason?: string;
  /** Said in errors: "ban the member". */
  what: string;
  /** True when repeating the request cannot do it twice (every call here but sending a message). */
  idempotent: boolean;
}

/** An answer from Discord that retrying will not change; `code` is Discord's JSON error code. */
export class DiscordApiError extends Error {
  override readonly name = "DiscordApiError";
  constructor(
    readonly status: number,
    readonly code: number,
    readonly discordMessage: string,
    readonly what: string,
    readonly retryAfterMs?: number,
  ) {
    super(`${status} ${code}: ${discordMessage}`);
  }
}

export function isDiscordApiError(err: unknown): err is DiscordApiError {
  return err instanceof Error && err.name === "DiscordApiError";
}

/** Discord's error body: {"message": "Unknown Member", "code": 10007, "errors"?: {...}}. */
export function readDiscordError(body: unknown): {code: number; message: string} {
  let parsed = body;
  if (typeof body === "string") {
    try {
      parsed = JSON.parse(body);
    } catch {
      return {code: 0, message: body.slice(0, 200)};
    }
  }
  const b = (parsed ?? {}) as {code?: unknown; message?: unknown; errors?: unknown};
  const detail = firstFieldError(b.errors);
  return {
    code: typeof b.code === "number" ? b.code : 0,
    message: `${typeof b.message === "string" ? b.message : ""}${detail ? ` (${detail})` : ""}`,
  };
}

/** The first `_errors` message in Discord's nested form-body errors, with its field path. */
function firstFieldError(errors: unknown, path: string[] = []): string | undefined {
  if (!errors || typeof errors !== "object") {
    return undefined;
  }
  const list = (errors as {_errors?: Array<{message?: string}>})._errors;
  if (Array.isArray(list) && list[0]?.message) {
    return `${path.join(".")}: ${list[0].message}`;
  }
  for (const [key, value] of Object.entries(errors)) {
    const found = firstFieldError(value, [...path, key]);
    if (found) {
      return found;
    }
  }
  return undefined;
}

/**
 * Calls Discord and returns the parsed body (undefined for 204). Waits out a 429 for as long as
 * Discord says, and waits before a request whose bucket the last answer said was spent. 5xx and
 * dropped connections are retried for idempotent requests. 401 goes back to Coda untouched.
 */
export async function callDiscord<T>(d: Discord, req: DiscordRequest): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const early = d.buckets.waitBefore(req.route, Date.now());
    if (early > 0) {
      waitOrGiveUp(d, early, req.what);
    }
    try {
      const response = await d.fetcher.fetch({
        method: req.method,
        url: `${API_BASE}${req.path}`,
        headers: {
          ...(req.body === undefined ? {} : {"Content-Type": "application/json"}),
          ...(req.reason ? {"X-Audit-Log-Reason": req.reason} : {}),
        },
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        cacheTtlSecs: 0,
      });
      d.buckets.note(req.route, (response.headers ?? {}) as Headers, Date.now());
      return parse(response.body) as T;
    } catch (err) {
      if (!coda.StatusCodeError.isStatusCodeError(err)) {
        if (!req.idempotent || attempt >= 3) {
          throw new DiscordApiError(0, 0, `the connection dropped (${(err as Error).message})`, req.what);
        }
        continue;
      }
      const status = err.statusCode;
      const headers = (err.response?.headers ?? {}) as Headers;
      const body = err.body ?? err.response?.body;
      if (status === 401) {
        throw err;
      }
      d.buckets.note(req.route, headers, Date.now());
      if (status === 429 && attempt < MAX_ATTEMPTS) {
        waitOrGiveUp(d, retryAfterMs(body, headers), req.what);
        continue;
      }
      if (status >= 500 && req.idempotent && attempt < 3) {
        waitOrGiveUp(d, 500 * attempt, req.what);
        continue;
      }
      const {code, message} = readDiscordError(body);
      throw new DiscordApiError(
        status,
        code,
        message,
        req.what,
        status === 429 ? retryAfterMs(body, headers) : undefined,
      );
    }
  }
}

function waitOrGiveUp(d: Discord, ms: number, what: string): void {
  if (Date.now() + ms > d.deadline) {
    throw new DiscordApiError(429, 0, "rate limited beyond this run's time", what, ms);
  }
  pause(ms);
}

/** Coda's runtime has no timers: a bounded busy wait. */
export function pause(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // wait
  }
}

function parse(body: unknown): unknown {
  if (typeof body === "string" && /^[[{]/.test(body.trim())) {
    try {
      return JSON.parse(body);
    } catch {
      return body;
    }
  }
  return body === "" ? undefined : body;
}
