import {randomCode, sha256Hex} from "../../core/hash";
import type {EntropySources} from "../../core/entropy";
import {EntropyPool} from "../../core/entropy";
import type {RecentRequest} from "../../core/records";

let pool: EntropyPool | undefined;

/** Every unpredictable source the runtime has (the isolate's crypto is the SDK's 32-bit-seeded shim). */
export function runtimeSources(): EntropySources {
  const g = globalThis as unknown as {
    crypto?: {getRandomValues?(a: Uint8Array): Uint8Array};
    performance?: {now?(): number};
  };
  return {
    randomValues: g.crypto?.getRandomValues ? (b) => g.crypto?.getRandomValues?.(b) : undefined,
    mathRandom: Math.random,
    now: Date.now,
    hrNow: g.performance?.now ? () => g.performance?.now?.() ?? 0 : undefined,
  };
}

/** Unpredictable bytes for keys and ids, from a hash-based generator over every source (pack/core/entropy.ts). */
export function randomBytes(n: number): Uint8Array {
  pool ??= new EntropyPool(runtimeSources());
  return pool.bytes(n);
}

/** Starts the generator again from fresh readings (tests play a new isolate with it). */
export function resetRandom(sources?: EntropySources): void {
  pool = sources ? new EntropyPool(sources) : undefined;
}

/** A new id with a prefix: "E-7K3M9QX2A4". Ten Crockford characters: 50 random bits. */
export function newId(prefix: string): string {
  return `${prefix}-${randomCode(randomBytes, 10)}`;
}

/** How long an identical call counts as a repeat of the first when no requestId is given. */
export const DUPLICATE_WINDOW_MS = 60_000;

/**
 * The idempotency key of a call, scoped to the actor, the action and every parameter. With a
 * requestId the key also holds the id, and a retried click (same person, same action, same
 * parameters, same id) is the same request for as long as the record remembers it; the same id
 * from another person, for another worker, or with other parameters is a new request, decided on
 * its own merits. Without a requestId an identical call counts as a repeat only within a minute.
 */
export function requestKey(
  action: string,
  actor: string,
  requestId: string | undefined,
  params: readonly unknown[],
): string {
  const who = `${actor.toLowerCase()}\n${action}`;
  if (requestId && requestId.trim()) {
    return `r:${sha256Hex(`${who}\n${JSON.stringify(params)}\n${requestId.trim()}`).slice(0, 24)}`;
  }
  return `d:${sha256Hex(`${who}\n${JSON.stringify(params)}`).slice(0, 24)}`;
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
