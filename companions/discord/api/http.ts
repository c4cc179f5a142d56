import type * as coda from "@codahq/packs-sdk";
import {Buckets, retryAfterMs} from "../core/rate";
import {EXECUTION_BUDGET_MS, fetchRetrying} from "../../shared/api/http";
import {hasErrorName} from "../../shared/core/errors";
import {errorBody} from "../../shared/core/http";

/** Discord's REST API, version 10 (https://discord.com/developers/docs/reference#api-versioning). */
export const API_BASE = "https://discord.com/api/v10";

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

export const isDiscordApiError = (err: unknown): err is DiscordApiError => hasErrorName(err, "DiscordApiError");

/** Discord's error body: {"message": "Unknown Member", "code": 10007, "errors"?: {...}}. */
export function readDiscordError(body: unknown): {code: number; message: string} {
  const read = errorBody(body);
  if ("text" in read) {
    return {code: 0, message: read.text};
  }
  const b = (read.json ?? {}) as {code?: unknown; message?: unknown; errors?: unknown};
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
export function callDiscord<T>(d: Discord, req: DiscordRequest): Promise<T> {
  const request: coda.FetchRequest = {
    method: req.method,
    url: `${API_BASE}${req.path}`,
    headers: {
      ...(req.body === undefined ? {} : {"Content-Type": "application/json"}),
      ...(req.reason ? {"X-Audit-Log-Reason": req.reason} : {}),
    },
    body: req.body === undefined ? undefined : JSON.stringify(req.body),
    cacheTtlSecs: 0,
  };
  return fetchRetrying(d.fetcher, request, {
    deadline: d.deadline,
    repeatable: req.idempotent,
    maxAttempts: MAX_ATTEMPTS,
    retryAfterMs: (body, headers) => retryAfterMs(body, headers),
    waitBefore: () => d.buckets.waitBefore(req.route, Date.now()),
    saw: (headers) => d.buckets.note(req.route, headers, Date.now()),
    read: (body) => parse(body) as T,
    fail: (failure) => {
      switch (failure.kind) {
        case "dropped":
          return new DiscordApiError(0, 0, failure.message, req.what);
        case "out-of-time":
          return new DiscordApiError(429, 0, "rate limited beyond this run's time", req.what, failure.waitMs);
        case "answer": {
          const {code, message} = readDiscordError(failure.body);
          return new DiscordApiError(failure.status, code, message, req.what, failure.retryAfterMs);
        }
      }
    },
  });
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
