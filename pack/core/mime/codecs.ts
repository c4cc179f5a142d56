// The codecs of Internet mail: base64 (the bundle's Buffer), UTF-8, quoted-printable (RFC 2045 §6.7),
// RFC 2047 encoded-words and addresses (RFC 5322; reading them is pack/core/address.ts). Coda's runtime has no TextEncoder,
// TextDecoder, atob or btoa, and its Buffer (the `buffer` package the SDK injects) cannot write base64url.
import {utf8ToBytes} from "../hash";

const NOT_BASE64 = /[^A-Za-z0-9+/_-]/;

/** Standard base64 with padding. `base64Encode(utf8ToBytes("hé"))` → "aMOp". */
export function base64Encode(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64");
}

/** URL-safe base64 without padding, as Gmail's `raw` field wants it: `+` → `-`, `/` → `_`, no `=`. */
export function base64UrlEncode(bytes: Uint8Array): string {
  return base64Encode(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Decodes standard or URL-safe base64, padded or not; whitespace is ignored. Throws on other characters. */
export function base64Decode(text: string): Uint8Array {
  const clean = text.replace(/[\s=]+/g, "");
  const bad = NOT_BASE64.exec(clean);
  if (bad) {
    throw new Error(`"${bad[0]}" is not a base64 character`);
  }
  return Uint8Array.from(Buffer.from(clean.replace(/-/g, "+").replace(/_/g, "/"), "base64"));
}

/** UTF-8 bytes as a string; malformed sequences become U+FFFD as the WHATWG decoder does. */
export function utf8Decode(bytes: Uint8Array): string {
  let out = "";
  let needed = 0;
  let seen = 0;
  let cp = 0;
  let lower = 0x80;
  let upper = 0xbf;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (needed === 0) {
      if (b <= 0x7f) {
        out += String.fromCharCode(b);
      } else if (b >= 0xc2 && b <= 0xdf) {
        needed = 1;
        cp = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        lower = b === 0xe0 ? 0xa0 : 0x80;
        upper = b === 0xed ? 0x9f : 0xbf;
        needed = 2;
        cp = b & 0xf;
      } else if (b >= 0xf0 && b <= 0xf4) {
        lower = b === 0xf0 ? 0x90 : 0x80;
        upper = b === 0xf4 ? 0x8f : 0xbf;
        needed = 3;
        cp = b & 0x7;
      } else {
        out += "\ufffd";
      }
      continue;
    }
    if (b < lower || b > upper) {
      // The broken sequence becomes one U+FFFD; this byte starts afresh.
      needed = seen = cp = 0;
      lower = 0x80;
      upper = 0xbf;
      out += "\ufffd";
      i--;
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    cp = (cp << 6) | (b & 0x3f);
    if (++seen === needed) {
      out += String.fromCodePoint(cp);
      needed = seen = cp = 0;
    }
  }
  return needed ? `${out}\ufffd` : out;
}

function bytesToBinary(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) {
    out += String.fromCharCode(b);
  }
  return out;
}

/** Text of `bytes` in a MIME charset: UTF-8 and the ASCII/Latin-1 family; others are read as UTF-8. */
export function decodeCharset(bytes: Uint8Array, charset: string): string {
  const cs = charset.trim().toLowerCase();
  if (/^(us-ascii|ascii|iso-8859-1|latin1|iso_8859-1|windows-1252|cp1252)$/.test(cs)) {
    return bytesToBinary(bytes);
  }
  return utf8Decode(bytes);
}

// ---------------------------------------------------------------------------------------------
// Quoted-printable (RFC 2045 §6.7)

const HEX = "0123456789ABCDEF";

function hexByte(b: number): string {
  return `=${HEX[b >> 4]}${HEX[b & 15]}`;
}

/**
 * Quoted-printable of `text` as UTF-8, lines ending CRLF, none longer than 76 characters.
 * `encodeQuotedPrintable("café")` → "caf=C3=A9".
 */
export function encodeQuotedPrintable(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  return lines
    .map((line) => {
      const bytes = utf8ToBytes(line);
      const tokens: string[] = [];
      bytes.forEach((b, i) => {
        const last = i === bytes.length - 1;
        const literal = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !last);
        tokens.push(literal ? String.fromCharCode(b) : hexByte(b));
      });
      // A leading "." or "From " is encoded so no relay mangles it.
      if (tokens[0] === ".") {
        tokens[0] = hexByte(46);
      } else if (line.startsWith("From ")) {
        tokens[0] = hexByte(70);
      }
      const out: string[] = [];
      let current = "";
      for (const token of tokens) {
        if (current.length + token.length > 75) {
          out.push(`${current}=`);
          current = "";
        }
        current += token;
      }
      out.push(current);
      return out.join("\r\n");
    })
    .join("\r\n");
}

/** Bytes of a quoted-printable body; soft line breaks removed, bad escapes kept as they are. */
export function decodeQuotedPrintable(text: string): Uint8Array {
  const joined = text.replace(/[ \t]+(?=\r?\n)/g, "").replace(/=\r?\n/g, "");
  const out: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const ch = joined.charCodeAt(i);
    if (ch === 61 && /^[0-9A-Fa-f]{2}$/.test(joined.slice(i + 1, i + 3))) {
      out.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      out.push(ch & 0xff);
    }
  }
  return Uint8Array.from(out);
}

// ---------------------------------------------------------------------------------------------
// Header encoding (RFC 2047, RFC 5322 folding)

const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;
const Q_SAFE = /[A-Za-z0-9!*+\-/]/;
// Longest encoded-word RFC 2047 allows.
const MAX_WORD = 75;

/**
 * A header value made only of ASCII: returned as it is when it already is, otherwise as
 * RFC 2047 encoded-words (Q when mostly ASCII, B otherwise), each at most 75 characters and each
 * holding whole characters, separated by folding whitespace.
 * `encodeWords("Décision")` → "=?UTF-8?Q?D=C3=A9cision?=".
 */
export function encodeWords(value: string): string {
  if (ASCII_PRINTABLE.test(value) && !value.includes("=?")) {
    return value;
  }
  const chars = [...value];
  const nonAscii = chars.filter((c) => c > "\x7e" || c < " ").length;
  const useQ = nonAscii * 3 < chars.length;
  const words: string[] = [];
  let chunk: string[] = [];
  const flush = () => {
    if (chunk.length) {
      words.push(wordOf(chunk.join(""), useQ));
      chunk = [];
    }
  };
  for (const ch of chars) {
    if (wordOf([...chunk, ch].join(""), useQ).length > MAX_WORD) {
      flush();
    }
    chunk.push(ch);
  }
  flush();
  return words.join("\r\n ");
}

function wordOf(text: string, useQ: boolean): string {
  const bytes = utf8ToBytes(text);
  if (!useQ) {
    return `=?UTF-8?B?${base64Encode(bytes)}?=`;
  }
  let q = "";
  for (const b of bytes) {
    const ch = String.fromCharCode(b);
    q += b === 32 ? "_" : b < 128 && Q_SAFE.test(ch) ? ch : hexByte(b);
  }
  return `=?UTF-8?Q?${q}?=`;
}

/** Decodes RFC 2047 encoded-words in a header value; adjacent words join without the space between them. */
export function decodeWords(value: string): string {
  const word = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;
  const joined = value.replace(/(=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)\s+(?==\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)/g, "$1");
  return joined.replace(word, (whole, charset: string, enc: string, data: string) => {
    try {
      const bytes = enc.toUpperCase() === "B" ? base64Decode(data) : decodeQuotedPrintable(data.replace(/_/g, " "));
      return decodeCharset(bytes, charset.split("*")[0] ?? "utf-8");
    } catch {
      return whole;
    }
  });
}

// Characters that force a display name into quotes (RFC 5322 "specials").
const SPECIALS = /[()<>[\]:;@\\,."]/;

/** "Ana Pérez <ana@example.com>" with the name encoded when it is not plain ASCII. */
export function formatAddress(name: string, email: string): string {
  const clean = name.replace(/[\r\n]+/g, " ").trim();
  if (!clean) {
    return `<${email}>`;
  }
  if (!ASCII_PRINTABLE.test(clean) || clean.includes("=?")) {
    return `${encodeWords(clean)} <${email}>`;
  }
  const phrase = SPECIALS.test(clean) ? `"${clean.replace(/(["\\])/g, "\\$1")}"` : clean;
  return `${phrase} <${email}>`;
}

function unescapeEntity(entity: string, name: string): string {
  const named: Record<string, string> = {lt: "<", gt: ">", quot: '"', amp: "&"};
  return named[name] ?? (name.startsWith("#") ? String.fromCodePoint(Number(name.slice(1))) : entity);
}

/** Text from HTML-escaped text, such as Gmail's snippets ("I&#39;m" → "I'm"). */
export function unescapeHtml(text: string): string {
  return text.replace(/&(lt|gt|quot|amp|#\d+);/g, unescapeEntity);
}

/** Text safe inside HTML. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
