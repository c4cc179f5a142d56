// Reading an Internet message with the pack's own codecs: the pack builds mail and reads only Gmail's
// metadata, so this reader serves the tests (the emulator's Gmail reads mail with Node's Buffer instead).
import {utf8ToBytes} from "../../pack/core/hash";
import {
  base64Decode,
  decodeCharset,
  decodeQuotedPrintable,
  decodeWords,
  unescapeHtml,
  utf8Decode,
} from "../../pack/core/mime/codecs";

/** Bytes from a "binary string" (one char per byte, as a parsed message holds them). */
function binaryToBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0) & 0xff);
}

function bytesToBinary(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("latin1");
}

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
  const tagless = html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, "")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|h\d|li|tr)>/gi, "\n")
    .replace(/<li[^>]*>/gi, "- ")
    .replace(/<[^>]+>/g, "")
    .replace(/&nbsp;/g, " ");
  return unescapeHtml(tagless)
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
