// Discord's rate limits (https://discord.com/developers/docs/topics/rate-limits): every answer may
// carry the route's bucket (X-RateLimit-Bucket, -Remaining, -Reset-After); a 429's JSON body says
// how long to wait (`retry_after`, seconds, with decimals). Coda may redact the headers: then the
// 429 body alone drives the wait.

import type {Headers} from "../../shared/core/http";
import {errorBody, header} from "../../shared/core/http";

/** How long a 429 asks to wait, ms: the body's retry_after, else the Retry-After header, else 1 s. */
export function retryAfterMs(body: unknown, headers: Headers): number {
  const read = errorBody(body);
  const fromBody = ("json" in read ? (read.json as {retry_after?: unknown} | undefined) : undefined)?.retry_after;
  if (typeof fromBody === "number" && Number.isFinite(fromBody) && fromBody >= 0) {
    return Math.ceil(fromBody * 1000);
  }
  const fromHeader = Number(header(headers, "retry-after"));
  return Number.isFinite(fromHeader) && fromHeader >= 0 ? Math.ceil(fromHeader * 1000) : 1000;
}

/** The buckets one execution has seen: route key -> bucket, bucket -> when it may be used again. */
export class Buckets {
  private readonly routeBucket = new Map<string, string>();
  private readonly blockedUntil = new Map<string, number>();

  /** Reads a response's bucket headers (if Coda passed them on). */
  note(route: string, headers: Headers, now: number): void {
    const bucket = header(headers, "x-ratelimit-bucket");
    if (!bucket) {
      return;
    }
    this.routeBucket.set(route, bucket);
    const remaining = Number(header(headers, "x-ratelimit-remaining"));
    const resetAfter = Number(header(headers, "x-ratelimit-reset-after"));
    if (remaining === 0 && Number.isFinite(resetAfter)) {
      this.blockedUntil.set(bucket, now + Math.ceil(resetAfter * 1000));
    } else {
      this.blockedUntil.delete(bucket);
    }
  }

  /** ms to wait before the next request on `route`, 0 when its bucket has requests left. */
  waitBefore(route: string, now: number): number {
    const bucket = this.routeBucket.get(route);
    const until = bucket ? this.blockedUntil.get(bucket) : undefined;
    return until === undefined ? 0 : Math.max(0, until - now);
  }
}
