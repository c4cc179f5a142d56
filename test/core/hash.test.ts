import {strict as assert} from "node:assert";
import {sha256Hex, utf8ToBytes} from "../../pack/core/hash";

describe("core/hash", () => {
  it("utf8ToBytes encodes as Node's UTF-8 encoder does: ASCII, 2-, 3- and 4-byte characters", () => {
    for (const text of [
      "",
      "abc",
      "Zoë Ñúñez",
      "日本語のテキスト",
      "emoji \u{1F600} and \u{10FFFF}",
      'tns-event-v1\n["a","b"]',
    ]) {
      assert.deepEqual([...utf8ToBytes(text)], [...Buffer.from(text, "utf8")], JSON.stringify(text));
    }
  });

  it("utf8ToBytes keeps a lone surrogate as its own 3 bytes (the hashes already in ledgers depend on it)", () => {
    assert.deepEqual([...utf8ToBytes("a\ud800b")], [0x61, 0xed, 0xa0, 0x80, 0x62]);
    assert.deepEqual([...utf8ToBytes("\udc00")], [0xed, 0xb0, 0x80]);
    assert.deepEqual([...utf8ToBytes("\ud800")], [0xed, 0xa0, 0x80]);
  });

  it("sha256Hex is SHA-256 of the UTF-8 bytes", () => {
    assert.equal(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert.equal(sha256Hex("Zoë \u{1F600}"), "91b7847abee0482651039ac5e0fa8416d8eb9eb11de9f68e0c31c5ff7a0f0fec");
  });
});
