import {randomCode, sha256Hex} from "../../core/hash";
import type {RecentRequest} from "../../core/records";

/** Random bytes from the runtime (crypto.getRandomValues exists in Coda's isolate and in Node). */
export function randomBytes(n: number): Uint8Array {
  const bytes = new Uint8Array(n);
  (globalThis as unknown as {crypto: {getRandomValues(a: Uint8Array): Uint8Array}}).crypto.getRandomValues(bytes);
  return bytes;
}

/** A new id with a prefix: "E-7K3M9QX2A4". Ten Crockford characters: 50 random bits. */
export function newId(prefix: string): string {
  return `${prefix}-${randomCode(randomBytes, 10)}`;
}

/** How long an identical call counts as a repeat of the first when no requestId is given. */
export const DUPLICATE_WINDOW_MS = 60_000;

/**
 * The idempotency key of a call. With a requestId it is that id (per action); without one it is
 * the call itself (actor, action and parameters), which counts as a repeat only within a minute.
 */
export function requestKey(
  action: string,
  actor: string,
  requestId: string | undefined,
  params: readonly unknown[],
): string {
  if (requestId && requestId.trim()) {
    return `r:${sha256Hex(`${action}\n${requestId.trim()}`).slice(0, 24)}`;
  }
  return `d:${sha256Hex(`${actor}\n${action}\n${JSON.stringify(params)}`).slice(0, 24)}`;
}

/** The earlier request this call repeats, if any. */
export function findRepeat(recent: readonly RecentRequest[], key: string, now: string): RecentRequest | undefined {
  const hit = recent.find((r) => r.key === key);
  if (!hit) {
    return undefined;
  }
  if (key.startsWith("r:")) {
    return hit;
  }
  return Date.parse(now) - Date.parse(hit.at) <= DUPLICATE_WINDOW_MS ? hit : undefined;
}
