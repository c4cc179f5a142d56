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

/**
 * UTF-8 bytes of a string. Coda's runtime has no TextEncoder, so this is done by hand: one pass
 * to size the buffer, one to fill it (VerifyLedger hashes every event of the log). A lone
 * surrogate is encoded as its own 3 bytes, as it always was here.
 */
export function utf8ToBytes(text: string): Uint8Array {
  let size = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) {
      size += 1;
    } else if (unit < 0x800) {
      size += 2;
    } else if (isPair(text, i)) {
      size += 4;
      i++;
    } else {
      size += 3;
    }
  }
  const out = new Uint8Array(size);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp < 0x80) {
      out[n++] = cp;
    } else if (cp < 0x800) {
      out[n++] = 0xc0 | (cp >> 6);
      out[n++] = 0x80 | (cp & 63);
    } else if (isPair(text, i)) {
      cp = 0x10000 + ((cp - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00);
      out[n++] = 0xf0 | (cp >> 18);
      out[n++] = 0x80 | ((cp >> 12) & 63);
      out[n++] = 0x80 | ((cp >> 6) & 63);
      out[n++] = 0x80 | (cp & 63);
    } else {
      out[n++] = 0xe0 | (cp >> 12);
      out[n++] = 0x80 | ((cp >> 6) & 63);
      out[n++] = 0x80 | (cp & 63);
    }
  }
  return out;
}

/** A high surrogate at `i` followed by a low one: one code point above U+FFFF. */
function isPair(text: string, i: number): boolean {
  const high = text.charCodeAt(i);
  const low = text.charCodeAt(i + 1);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
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
