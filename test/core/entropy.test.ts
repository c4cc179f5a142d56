import {expect} from "chai";
// The SDK's crypto shim inside isolated-vm draws from this package, seeded with 32 bits
// (node_modules/@codahq/packs-sdk/dist/testing/injections/crypto_shim.js).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MersenneTwister = require("mersenne-twister") as new (seed: number) => {random(): number};
import {EntropyPool} from "../../pack/core/entropy";
import type {EntropySources} from "../../pack/core/entropy";
import {toHex} from "../../pack/core/hash";
import {randomBytes, resetRandom, runtimeSources} from "../../pack/ledger/store/ids";

/** getRandomValues as the SDK's shim does it: a Mersenne Twister with a 32-bit seed. */
function shim(seed: number): (bytes: Uint8Array) => void {
  const twister = new MersenneTwister(seed);
  return (bytes) => {
    for (let i = bytes.length - 1; i >= 0; i--) {
      bytes[i] = Math.floor(twister.random() * 256);
    }
  };
}

function fixed(seed: number): EntropySources {
  let t = 1_700_000_000_000;
  let r = 0;
  return {randomValues: shim(seed), mathRandom: () => (r = (r * 9301 + 49297) % 233280) / 233280, now: () => t++};
}

describe("core: the key and id generator", () => {
  afterEach(() => resetRandom());

  it("gives different keys in two isolates whose crypto shim has the same 32-bit seed", () => {
    // An insider who knows (or tries all 2^32 of) the shim's seed still cannot tell the key.
    const keys = [1, 2, 3].map(() => toHex(new EntropyPool({...runtimeSources(), randomValues: shim(42)}).bytes(32)));
    expect(new Set(keys).size).to.equal(3);
    for (const key of keys) {
      expect(key).to.match(/^[0-9a-f]{64}$/);
    }
  });

  it("is deterministic only when every source is, so the test above shows the other sources count", () => {
    const a = toHex(new EntropyPool(fixed(42)).bytes(32));
    expect(toHex(new EntropyPool(fixed(42)).bytes(32))).to.equal(a);
    expect(toHex(new EntropyPool(fixed(43)).bytes(32))).to.not.equal(a);
    const other: EntropySources = {...fixed(42), mathRandom: () => 0.5};
    expect(toHex(new EntropyPool(other).bytes(32))).to.not.equal(a);
  });

  it("never hands out the shim's own bytes, and successive draws differ", () => {
    const raw = new Uint8Array(32);
    shim(7)(raw);
    const pool = new EntropyPool(fixed(7));
    const first = pool.bytes(32);
    const second = pool.bytes(32);
    expect(toHex(first)).to.not.equal(toHex(raw));
    expect(toHex(second)).to.not.equal(toHex(first));
    expect(pool.bytes(100)).to.have.length(100);
  });

  it("works where the runtime has no crypto at all", () => {
    resetRandom({mathRandom: Math.random, now: Date.now});
    expect(randomBytes(16)).to.have.length(16);
  });
});
