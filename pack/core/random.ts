import {sha256} from "@noble/hashes/sha2";
import {utf8ToBytes} from "./hash";

/**
 * A deterministic generator of numbers in [0, 1) from a text seed: the same seed always gives
 * the same sequence, on every runtime, so a recorded draw can be reproduced. The seed is hashed
 * (SHA-256) into the 128-bit state of sfc32 (Chris Doty-Humphrey's Small Fast Counter).
 * `seededRandom("a1b2")()` → the same number every time.
 */
export function seededRandom(seed: string): () => number {
  const h = sha256(utf8ToBytes(seed));
  const word = (i: number) =>
    ((h[i] ?? 0) | ((h[i + 1] ?? 0) << 8) | ((h[i + 2] ?? 0) << 16) | ((h[i + 3] ?? 0) << 24)) >>> 0;
  let a = word(0);
  let b = word(4);
  let c = word(8);
  let d = word(12);
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  // Discard the first outputs: they still carry the seed's structure.
  for (let i = 0; i < 12; i++) {
    next();
  }
  return next;
}

/** A whole number in [0, n) from a generator. */
export function randomIndex(random: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(random() * n));
}

/**
 * `k` items drawn without replacement, in draw order (a partial Fisher–Yates shuffle of a copy).
 * `sampleWithout(["a", "b", "c"], 2, seededRandom("s"))` → two of them, the same two for "s".
 */
export function sampleWithout<T>(items: readonly T[], k: number, random: () => number): T[] {
  const pool = items.slice();
  const take = Math.max(0, Math.min(k, pool.length));
  for (let i = 0; i < take; i++) {
    const j = i + randomIndex(random, pool.length - i);
    const tmp = pool[i] as T;
    pool[i] = pool[j] as T;
    pool[j] = tmp;
  }
  return pool.slice(0, take);
}
