// Internet mail by hand (RFC 5322 messages, RFC 2045/2046 MIME, RFC 2047 encoded-words): Coda's
// runtime has no TextEncoder, TextDecoder, atob or btoa, and its Buffer cannot write base64url.
import {oneLine, requireSafeHeaders} from "./headers";
import {utf8ToBytes} from "./hash";

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_INDEX: Record<string, number> = Object.fromEntries([...B64].map((c, i) => [c, i]));
B64_INDEX["-"] = 62;
B64_INDEX["_"] = 63;

/** Standard base64 with padding. `base64Encode(utf8ToBytes("hé"))` → "aMOp". */
export function base64Encode(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(n >> 18) & 63];
    out += B64[(n >> 12) & 63];
    out += b === undefined ? "=" : B64[(n >> 6) & 63];
    out += c === undefined ? "=" : B64[n & 63];
  }
  return out;
}

/** URL-safe base64 without padding, as Gmail's `raw` field wants it: `+` → `-`, `/` → `_`, no `=`. */
export function base64UrlEncode(bytes: Uint8Array): string {
  return base64Encode(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Decodes standard or URL-safe base64, padded or not; whitespace is ignored. Throws on other characters. */
export function base64Decode(text: string): Uint8Array {
  const clean = text.replace(/[\s=]+/g, "");
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of clean) {
    const value = B64_INDEX[ch];
    if (value === undefined) {
      throw new Error(`"${ch}" is not a base64 character`);
    }
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
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

/** Bytes from a "binary string" (one char per byte, as a parsed message holds them). */
function binaryToBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    out[i] = text.charCodeAt(i) & 0xff;
  }
  return out;
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

/** The name and address of "Ana Pérez <ana@example.com>", "\"Pérez, Ana\" <a@x>" or "ana@example.com". */
export function parseAddress(value: string): {name: string; email: string} {
  const text = decodeWords(value).trim();
  const angle = /^(.*?)<([^<>]+)>\s*$/.exec(text);
  if (angle) {
    const name = (angle[1] ?? "")
      .trim()
      .replace(/^"(.*)"$/, "$1")
      .replace(/\\(.)/g, "$1");
    return {name, email: (angle[2] ?? "").trim()};
  }
  const bare = /[^\s<>"]+@[^\s<>"]+/.exec(text);
  return {name: "", email: bare ? bare[0] : text};
}

/** An ASCII header folded at spaces so no line passes 78 characters. */
function foldAscii(name: string, value: string): string {
  const words = value.split(" ");
  const lines: string[] = [];
  let line = `${name}:`;
  for (const word of words) {
    if (line.length + 1 + word.length > 78 && line.length > name.length + 1) {
      lines.push(line);
      line = "";
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines.join("\r\n");
}

/** A header line for an unstructured value (Subject): encoded-words when needed, folded either way. */
export function headerLine(name: string, value: string): string {
  const single = value.replace(/[\r\n]+/g, " ");
  const encoded = encodeWords(single);
  return encoded === single ? foldAscii(name, single) : `${name}: ${encoded}`;
}

/** An RFC 5322 date in UTC: `mailDate("2026-01-05T10:00:00Z")` → "Mon, 05 Jan 2026 10:00:00 +0000". */
export function mailDate(iso: string): string {
  const d = new Date(iso);
  const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const two = (n: number) => String(n).padStart(2, "0");
  return `${days[d.getUTCDay()]}, ${two(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

// ---------------------------------------------------------------------------------------------
// Building a message

export interface Mailbox {
  name: string;
  email: string;
}

export interface OutgoingMail {
  from: Mailbox;
  to: Mailbox;
  replyTo?: string;
  subject: string;
  text: string;
  html?: string;
  /** "<id@domain>", with the angle brackets. */
  messageId: string;
  /** ISO instant for the Date header. */
  date: string;
  /** For a reply: the Message-ID replied to, and the chain before it. */
  inReplyTo?: string;
  references?: readonly string[];
}

/**
 * A complete RFC 5322 message: ASCII only, CRLF line ends, UTF-8 text (and HTML as
 * multipart/alternative) in quoted-printable. The boundary derives from the Message-ID, so the
 * same mail is built byte for byte the same every time.
 */
export function buildMime(mail: OutgoingMail): string {
  requireSafeHeaders(mail);
  const headers = [
    `From: ${formatAddress(oneLine(mail.from.name), mail.from.email)}`,
    `To: ${formatAddress(oneLine(mail.to.name), mail.to.email)}`,
    ...(mail.replyTo ? [`Reply-To: ${mail.replyTo}`] : []),
    headerLine("Subject", oneLine(mail.subject)),
    `Date: ${mailDate(mail.date)}`,
    `Message-ID: ${mail.messageId}`,
    ...(mail.inReplyTo ? [`In-Reply-To: ${mail.inReplyTo}`] : []),
    ...(mail.references?.length ? [foldAscii("References", mail.references.join(" "))] : []),
    "MIME-Version: 1.0",
  ];
  const textPart = [
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: quoted-printable",
    "",
    encodeQuotedPrintable(mail.text),
  ];
  if (!mail.html) {
    return [...headers, ...textPart].join("\r\n") + "\r\n";
  }
  const boundary = `=_alt_${mail.messageId.replace(/[^A-Za-z0-9]/g, "").slice(0, 40)}`;
  const htmlPart = [
    "Content-Type: text/html; charset=UTF-8",
    "Content-Transfer-Encoding: quoted-printable",
    "",
    encodeQuotedPrintable(mail.html),
  ];
  return (
    [
      ...headers,
      `Content-Type: multipart/alternative; boundary="${boundary}"`,
      "",
      `--${boundary}`,
      ...textPart,
      `--${boundary}`,
      ...htmlPart,
      `--${boundary}--`,
    ].join("\r\n") + "\r\n"
  );
}

/** A built message as Gmail's `raw` field: UTF-8 bytes (it is ASCII anyway), base64url. */
export function toRaw(mime: string): string {
  return base64UrlEncode(utf8ToBytes(mime));
}

// ---------------------------------------------------------------------------------------------
// Reading a message

export interface ParsedMail {
  /** Header names lower-cased, values unfolded and decoded; the first occurrence of each. */
  headers: Map<string, string>;
  /** The plain-text body: the text/plain part, or the HTML part reduced to text. */
  text: string;
  html: string;
}

interface Part {
  headers: Map<string, string>;
  body: string;
}

function splitPart(binary: string): Part {
  const match = /\r?\n\r?\n/.exec(binary);
  const head = match ? binary.slice(0, match.index) : binary;
  const body = match ? binary.slice(match.index + match[0].length) : "";
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) {
      const name = line.slice(0, colon).trim().toLowerCase();
      if (!headers.has(name)) {
        // Raw 8-bit header bytes (RFC 6532) are UTF-8; encoded-words are decoded too.
        headers.set(name, decodeWords(utf8Decode(binaryToBytes(line.slice(colon + 1).trim()))));
      }
    }
  }
  return {headers, body};
}

/** `text/plain; charset="utf-8"` → {type: "text/plain", params: {charset: "utf-8"}}. */
export function parseContentType(value: string | undefined): {type: string; params: Map<string, string>} {
  const [type = "text/plain", ...rest] = (value || "text/plain").split(";");
  const params = new Map<string, string>();
  for (const p of rest) {
    const eq = p.indexOf("=");
    if (eq > 0) {
      params.set(
        p.slice(0, eq).trim().toLowerCase(),
        p
          .slice(eq + 1)
          .trim()
          .replace(/^"(.*)"$/, "$1"),
      );
    }
  }
  return {type: type.trim().toLowerCase(), params};
}

function partBytes(part: Part): Uint8Array {
  const encoding = (part.headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  if (encoding === "base64") {
    return base64Decode(part.body);
  }
  if (encoding === "quoted-printable") {
    return decodeQuotedPrintable(part.body);
  }
  return binaryToBytes(part.body);
}

function collect(part: Part, found: {text: string[]; html: string[]}, depth: number): void {
  const {type, params} = parseContentType(part.headers.get("content-type"));
  if (type.startsWith("multipart/") && depth < 10) {
    const boundary = params.get("boundary");
    for (const section of boundary ? splitMultipart(part.body, boundary) : []) {
      collect(splitPart(section), found, depth + 1);
    }
    return;
  }
  if ((part.headers.get("content-disposition") ?? "").toLowerCase().startsWith("attachment")) {
    return;
  }
  if (type === "text/plain" || type === "text/html") {
    const text = decodeCharset(partBytes(part), params.get("charset") ?? "us-ascii");
    (type === "text/plain" ? found.text : found.html).push(text.replace(/\r\n/g, "\n"));
  }
}

/** The body parts between `--boundary` lines; the preamble and epilogue are dropped. */
function splitMultipart(body: string, boundary: string): string[] {
  const parts: string[] = [];
  let current: string[] | undefined;
  for (const line of body.split(/\r?\n/)) {
    const bare = line.replace(/[ \t]+$/, "");
    if (bare === `--${boundary}` || bare === `--${boundary}--`) {
      if (current) {
        parts.push(current.join("\r\n"));
      }
      current = bare.endsWith("--") && bare !== `--${boundary}` ? undefined : [];
      if (!current) {
        return parts;
      }
      continue;
    }
    current?.push(line);
  }
  if (current) {
    parts.push(current.join("\r\n"));
  }
  return parts;
}

/**
 * Reads a message (as base64url from Gmail's `format=raw`, or as the message text): headers, and
 * the plain text found in nested multiparts, base64 and quoted-printable parts in any of the
 * charsets {@link decodeCharset} reads.
 */
export function parseMime(input: {raw: string} | {text: string}): ParsedMail {
  const binary = "raw" in input ? bytesToBinary(base64Decode(input.raw)) : bytesToBinary(utf8ToBytes(input.text));
  const top = splitPart(binary);
  const found = {text: [] as string[], html: [] as string[]};
  collect(top, found, 0);
  const html = found.html.join("\n");
  const text = found.text.length ? found.text.join("\n") : htmlToText(html);
  return {headers: top.headers, text: text.replace(/\s+$/, ""), html};
}

/** HTML reduced to readable text: tags dropped, blocks on their own lines, entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, "")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|h\d|li|tr)>/gi, "\n")
    .replace(/<li[^>]*>/gi, "- ")
    .replace(/<[^>]+>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&(lt|gt|quot|amp|#\d+);/g, unescapeEntity)
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
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

/** The Message-IDs in a References or In-Reply-To header, in order. */
export function messageIds(value: string | undefined): string[] {
  return (value ?? "").match(/<[^<>\s]+>/g) ?? [];
}
