import {hmac} from "@noble/hashes/hmac";
import {sha256} from "@noble/hashes/sha2";
import {bytesToHex} from "@noble/hashes/utils";

/** SHA-256 of a UTF-8 string, lower-case hex. `sha256Hex("abc")` → "ba7816bf…". */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** HMAC-SHA256 of a UTF-8 string under a hex key, lower-case hex. */
export function hmacHex(keyHex: string, text: string): string {
  if (!/^[0-9a-f]{32,}$/i.test(keyHex)) {
    throw new Error("Fingerprint key must be at least 16 bytes of hex.");
  }
  return bytesToHex(hmac(sha256, hexToBytes(keyHex), utf8ToBytes(text)));
}

/** UTF-8 bytes of a string. Coda's runtime has no TextEncoder, so this is done by hand. */
export function utf8ToBytes(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) {
      out.push(cp);
    } else if (cp < 0x800) {
      out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    } else if (cp < 0x10000) {
      out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    } else {
      out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    }
  }
  return Uint8Array.from(out);
}

/** Bytes → lower-case hex. */
export function toHex(bytes: Uint8Array): string {
  return bytesToHex(bytes);
}

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  }
  return out;
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Crockford base32 of random bytes, `length` characters: no I, L, O or U, so ids read aloud well. */
export function randomCode(random: (n: number) => Uint8Array, length: number): string {
  const bytes = random(length);
  let out = "";
  for (let i = 0; i < length; i++) {
    out += CROCKFORD[(bytes[i] ?? 0) % 32];
  }
  return out;
}
