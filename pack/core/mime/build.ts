// A complete Internet message (RFC 5322, RFC 2045/2046 MIME) built by hand: ASCII only, CRLF line ends.
import {utf8ToBytes} from "../hash";
import {oneLine, requireSafeHeaders} from "../headers";
import {base64UrlEncode, encodeQuotedPrintable, encodeWords, formatAddress} from "./codecs";

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
