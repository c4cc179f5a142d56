import {hmac} from "@noble/hashes/hmac";
import {sha256} from "@noble/hashes/sha2";
import {utf8ToBytes} from "./hash";

/**
 * Where unpredictable bytes come from. Inside Coda's isolate `crypto.getRandomValues` is the
 * SDK's shim, a Mersenne Twister seeded with 32 bits, so it is one source among several and
 * never the only one.
 */
export interface EntropySources {
  /** crypto.getRandomValues, when the runtime has it. */
  randomValues?: (bytes: Uint8Array) => void;
  /** Math.random (V8 seeds it per isolate from its own entropy). */
  mathRandom: () => number;
  /** Wall clock, ms. */
  now: () => number;
  /** A high-resolution clock, when the runtime has one (its low bits jitter). */
  hrNow?: () => number;
}

/**
 * A hash-based generator (HMAC-SHA256 in counter mode over a SHA-256 pool). The pool is seeded
 * with every source given, and each draw mixes in fresh clock and Math.random readings and then
 * moves the pool on through the hash, so no output reveals the pool or any source's state, and
 * knowing the shim's 32-bit seed does not determine an output.
 */
export class EntropyPool {
  private pool: Uint8Array;
  private counter = 0;

  constructor(private readonly sources: EntropySources) {
    this.pool = sha256(this.sample(64));
  }

  /** `n` unpredictable bytes. */
  bytes(n: number): Uint8Array {
    this.pool = sha256(concat(this.pool, this.sample(16)));
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      const block = hmac(sha256, this.pool, utf8ToBytes(`out:${this.counter++}`));
      out.set(block.subarray(0, Math.min(block.length, n - filled)), filled);
      filled += block.length;
    }
    // Forward secrecy: the pool that produced these bytes is gone.
    this.pool = sha256(concat(this.pool, utf8ToBytes("next")));
    return out;
  }

  /** Readings of every source: shim bytes, Math.random, the clocks and the counter. */
  private sample(shimBytes: number): Uint8Array {
    const parts: number[] = [];
    const shim = new Uint8Array(shimBytes);
    try {
      this.sources.randomValues?.(shim);
    } catch {
      // A runtime without crypto: the other sources remain.
    }
    for (let i = 0; i < 8; i++) {
      parts.push(Math.floor(this.sources.mathRandom() * 2 ** 32), Math.floor(this.sources.mathRandom() * 2 ** 21));
    }
    parts.push(this.sources.now(), this.counter);
    const hr = this.sources.hrNow?.();
    const text = `${parts.join(",")},${hr ?? ""}`;
    return concat(shim, utf8ToBytes(text));
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
