// The subset of Gmail API v1 the pack uses, with Google's semantics:
// https://developers.google.com/workspace/gmail/api/reference/rest
// Mail is kept per mailbox; every message sent is also kept, decoded, exactly as it was received.
import {ApiError, badRequest, forbidden, insufficientScopes, notFound} from "./errors";
import type {EmulatorState, User} from "./state";
import type {Call} from "./sheets";

export const GMAIL_SEND = "https://www.googleapis.com/auth/gmail.send";
export const GMAIL_READONLY = "https://www.googleapis.com/auth/gmail.readonly";
export const GMAIL_SCOPES = [GMAIL_SEND, GMAIL_READONLY, "https://www.googleapis.com/auth/gmail.compose"];
const GMAIL_COMPOSE = "https://www.googleapis.com/auth/gmail.compose";
const GMAIL_MODIFY = "https://www.googleapis.com/auth/gmail.modify";
const GMAIL_METADATA = "https://www.googleapis.com/auth/gmail.metadata";
const GMAIL_LABELS = "https://www.googleapis.com/auth/gmail.labels";
const GMAIL_INSERT = "https://www.googleapis.com/auth/gmail.insert";
const FULL = "https://mail.google.com/";

export {GMAIL_COMPOSE};
const SEND_SCOPES = [GMAIL_SEND, GMAIL_COMPOSE, GMAIL_MODIFY, FULL];
// users.drafts.create/send: "Requires one of the following OAuth scopes: gmail.compose, gmail.modify,
// https://mail.google.com/" (gmail.send alone does not reach drafts).
const DRAFT_SCOPES = [GMAIL_COMPOSE, GMAIL_MODIFY, FULL];
const READ_SCOPES = [GMAIL_READONLY, GMAIL_MODIFY, FULL];
const SYSTEM_LABELS = [
  "INBOX",
  "SENT",
  "DRAFT",
  "SPAM",
  "TRASH",
  "UNREAD",
  "STARRED",
  "IMPORTANT",
  "CATEGORY_PERSONAL",
];

export interface Header {
  name: string;
  value: string;
}

export interface StoredMessage {
  id: string;
  threadId: string;
  labelIds: Set<string>;
  /** The message as Gmail holds it: the received bytes as text. */
  mime: string;
  internalDate: number;
  /** Header values decoded (RFC 2047) and unfolded: what the emulator matches searches and threads on. */
  headers: Header[];
  /** Header values verbatim, encoded words and folding kept; the API serves them through {@link apiHeaderValue}. */
  rawHeaders: Header[];
  text: string;
  snippet: string;
  historyId: string;
}

export interface Label {
  id: string;
  name: string;
  type: "system" | "user";
}

export class Mailbox {
  readonly messages = new Map<string, StoredMessage>();
  /** Draft id → the id of its message (which carries the DRAFT label). */
  readonly drafts = new Map<string, string>();
  readonly labels = new Map<string, Label>(SYSTEM_LABELS.map((id) => [id, {id, name: id, type: "system" as const}]));
  constructor(readonly email: string) {}

  labelByName(name: string): Label | undefined {
    return [...this.labels.values()].find((l) => l.name.toLowerCase() === name.toLowerCase());
  }

  /** Creates a user label (as labels.create does); returns the existing one with that name. */
  createLabel(name: string): Label {
    const existing = this.labelByName(name);
    if (existing) {
      return existing;
    }
    const label: Label = {id: `Label_${this.labels.size - SYSTEM_LABELS.length + 1}`, name, type: "user"};
    this.labels.set(label.id, label);
    return label;
  }

  thread(threadId: string): StoredMessage[] {
    return [...this.messages.values()]
      .filter((m) => m.threadId === threadId)
      .sort((a, b) => a.internalDate - b.internalDate);
  }
}

/** A message as it left the pack: who sent it, and the decoded MIME exactly as received. */
export interface SentRecord {
  from: string;
  id: string;
  threadId: string;
  /** The decoded `raw`, byte for byte (as UTF-8 text). */
  mime: string;
  /** The threadId the request asked for, if any. */
  requestedThreadId?: string;
  at: number;
}

/** Everything the Gmail emulator holds, kept in the emulator's state. */
export class GmailState {
  readonly mailboxes = new Map<string, Mailbox>();
  /** Every message sent through messages.send, in order. */
  readonly outbox: SentRecord[] = [];
  /**
   * How `payload.headers` values come back: "decoded" (RFC 2047 words decoded, as real responses
   * show) or "encoded" (as the message carries them); unfolded either way. See {@link apiHeaderValue}.
   * Tests of what a sender can hide in a header run in both.
   */
  headerValues: HeaderValues = "decoded";
  private counter = 0;
  private clock = Date.UTC(2026, 0, 1);

  mailbox(email: string): Mailbox {
    const key = email.toLowerCase();
    let box = this.mailboxes.get(key);
    if (!box) {
      box = new Mailbox(key);
      this.mailboxes.set(key, box);
    }
    return box;
  }

  /** Gmail ids are 16 hex digits that grow with time. */
  nextId(): string {
    this.counter++;
    return (0x18c0000000000000n + BigInt(this.counter) * 0x1000n).toString(16);
  }

  /** internalDate for a new message: now, but always after the previous one. */
  nextDate(at?: number): number {
    this.clock = Math.max(this.clock + 1, at ?? Date.now());
    return this.clock;
  }

  /**
   * Puts a message into a mailbox, threading it as Gmail does (a reply whose References or
   * In-Reply-To name a message of a thread with the same subject joins it). For tests: the mail a
   * worker sends in. Mail received from outside gets the Authentication-Results header Gmail
   * writes on receipt (see {@link authenticationResults}); `auth: false` stores the bytes as
   * given (sent mail, messages.insert). Returns the stored message.
   */
  deliver(
    email: string,
    mime: string,
    options: {labels?: string[]; threadId?: string; at?: number; auth?: ReceivedAuth | false} = {},
  ): StoredMessage {
    const box = this.mailbox(email);
    if (options.auth !== false) {
      mime = `${authenticationResults(parseMessage(Buffer.from(mime, "utf8")).headers, options.auth ?? {})}\r\n${mime}`;
    }
    const parsed = parseMessage(Buffer.from(mime, "utf8"));
    const id = this.nextId();
    const threadId = options.threadId ?? findThread(box, parsed.headers) ?? id;
    // Label ids, or (for tests) names of user labels, created when missing.
    const labelIds = new Set(
      options.labels?.map((l) => (box.labels.has(l) ? l : box.createLabel(l).id)) ?? ["INBOX", "UNREAD"],
    );
    const message: StoredMessage = {
      id,
      threadId,
      labelIds,
      mime,
      internalDate: this.nextDate(options.at),
      headers: parsed.headers,
      rawHeaders: parsed.root.rawHeaders,
      text: parsed.text,
      snippet: snippetOf(parsed.text),
      historyId: String(1000 + this.counter),
    };
    box.messages.set(id, message);
    return message;
  }

  /** The sent messages addressed to an address (its To header holds it). */
  sentTo(email: string): SentRecord[] {
    return this.outbox.filter((s) =>
      headerValue(parseMessage(Buffer.from(s.mime, "utf8")).headers, "To")
        .toLowerCase()
        .includes(email.toLowerCase()),
    );
  }
}

/** The Gmail emulator's state inside an emulator's state. */
export function gmailOf(state: EmulatorState): GmailState {
  let gmail = state.extensions.get("gmail") as GmailState | undefined;
  if (!gmail) {
    gmail = new GmailState();
    state.extensions.set("gmail", gmail);
  }
  return gmail;
}

// ---------------------------------------------------------------------------------------------
// MIME, read independently of the pack's own code (Node's Buffer does the decoding here).

export interface ParsedPart {
  /** Values unfolded and RFC 2047-decoded, for the emulator's own matching. */
  headers: Header[];
  /** Values verbatim (folding and encoded words kept), as Gmail's API returns them. */
  rawHeaders: Header[];
  mimeType: string;
  /** Decoded content bytes (transfer encoding removed) for a leaf part. */
  content: Buffer;
  parts: ParsedPart[];
}

export function headerValue(headers: readonly Header[], name: string): string {
  return headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value ?? "";
}

/** RFC 2047 encoded-words decoded, as Gmail shows header values. */
export function decodeHeader(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, "$1")
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset: string, enc: string, data: string) => {
      const bytes =
        enc.toUpperCase() === "B"
          ? Buffer.from(data, "base64")
          : Buffer.from(
              data
                .replace(/_/g, " ")
                .replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
              "latin1",
            );
      return bytes.toString(/^utf-?8$/i.test(charset) ? "utf8" : "latin1");
    });
}

/**
 * The header fields of a block. Gmail's API returns each value as the message carries it: RFC 2047
 * encoded words are not decoded and folded lines keep their CRLF (messages.get's `payload.headers`
 * is documented only as "the standard RFC 2822 email headers"; messages seen from the API keep
 * `=?UTF-8?B?…?=` subjects and folded References). `raw` gives that form; otherwise values are
 * unfolded and decoded for the emulator's own matching.
 */
function splitHeaders(block: string, raw = false): Header[] {
  return block
    .split(/\r?\n(?![ \t])/)
    .filter((l) => l.includes(":"))
    .map((field) => {
      const i = field.indexOf(":");
      const value = Buffer.from(field.slice(i + 1).replace(/^[ \t]+/, ""), "latin1").toString("utf8");
      return {
        name: field.slice(0, i).trim(),
        value: raw ? value.replace(/[ \t\r\n]+$/, "") : decodeHeader(value.replace(/\r?\n(?=[ \t])/g, "").trim()),
      };
    });
}

function contentType(headers: readonly Header[]): {type: string; params: Record<string, string>} {
  const [type = "text/plain", ...rest] = (headerValue(headers, "Content-Type") || "text/plain").split(";");
  const params: Record<string, string> = {};
  for (const p of rest) {
    const m = /^\s*([^=\s]+)\s*=\s*"?([^"]*)"?\s*$/.exec(p);
    if (m?.[1]) {
      params[m[1].toLowerCase()] = m[2] ?? "";
    }
  }
  return {type: type.trim().toLowerCase(), params};
}

/** Parses raw message bytes into a part tree. */
export function parsePart(raw: Buffer): ParsedPart {
  const text = raw.toString("latin1");
  const split = /\r?\n\r?\n/.exec(text);
  const block = split ? text.slice(0, split.index) : text;
  const headers = splitHeaders(block);
  const rawHeaders = splitHeaders(block, true);
  const body = split ? text.slice(split.index + split[0].length) : "";
  const {type, params} = contentType(headers);
  if (type.startsWith("multipart/") && params.boundary) {
    const lines = body.split(/\r?\n/);
    const parts: ParsedPart[] = [];
    let current: string[] | undefined;
    for (const line of lines) {
      const bare = line.trimEnd();
      if (bare === `--${params.boundary}` || bare === `--${params.boundary}--`) {
        if (current) {
          parts.push(parsePart(Buffer.from(current.join("\r\n"), "latin1")));
        }
        current = bare.endsWith(`${params.boundary}--`) ? undefined : [];
        if (!current) {
          break;
        }
      } else if (current) {
        current.push(line);
      }
    }
    return {headers, rawHeaders, mimeType: type, content: Buffer.alloc(0), parts};
  }
  const encoding = headerValue(headers, "Content-Transfer-Encoding").toLowerCase();
  let content: Buffer;
  if (encoding === "base64") {
    content = Buffer.from(body.replace(/\s+/g, ""), "base64");
  } else if (encoding === "quoted-printable") {
    const joined = body.replace(/[ \t]+(?=\r?\n)/g, "").replace(/=\r?\n/g, "");
    content = Buffer.from(
      joined.replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
      "latin1",
    );
  } else {
    content = Buffer.from(body, "latin1");
  }
  return {headers, rawHeaders, mimeType: type, content, parts: []};
}

/** A message's top-level headers and its plain text (the first text/plain part). */
export function parseMessage(raw: Buffer): {headers: Header[]; text: string; root: ParsedPart} {
  const root = parsePart(raw);
  const find = (p: ParsedPart, type: string): ParsedPart | undefined =>
    p.mimeType === type && !p.parts.length ? p : p.parts.map((c) => find(c, type)).find(Boolean);
  const plain = find(root, "text/plain");
  const html = find(root, "text/html");
  const charsetOf = (p: ParsedPart) =>
    /^utf-?8$/i.test(contentType(p.headers).params.charset ?? "") ? "utf8" : "latin1";
  const text = plain
    ? plain.content.toString(charsetOf(plain))
    : html
      ? html.content.toString(charsetOf(html)).replace(/<[^>]+>/g, " ")
      : "";
  return {headers: root.headers, text, root};
}

/** Gmail's snippet: the start of the text, whitespace collapsed, HTML-escaped as Gmail sends it. */
function snippetOf(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 200)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function normalizeSubject(subject: string): string {
  return subject
    .replace(/^\s*((re|fwd?|aw|sv)\s*:\s*)+/i, "")
    .trim()
    .toLowerCase();
}

function idsIn(value: string): string[] {
  return value.match(/<[^<>\s]+>/g) ?? [];
}

/** The thread a message joins: one holding a message it refers to, with the same subject. */
function findThread(box: Mailbox, headers: readonly Header[]): string | undefined {
  const refs = [...idsIn(headerValue(headers, "References")), ...idsIn(headerValue(headers, "In-Reply-To"))];
  if (!refs.length) {
    return undefined;
  }
  const subject = normalizeSubject(headerValue(headers, "Subject"));
  for (const message of box.messages.values()) {
    if (
      refs.includes(headerValue(message.headers, "Message-ID")) &&
      normalizeSubject(headerValue(box.thread(message.threadId)[0]?.headers ?? [], "Subject")) === subject
    ) {
      return message.threadId;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Authentication-Results, as Gmail's receiving servers write it

type Verdict = "pass" | "fail" | "softfail" | "neutral" | "none" | "temperror" | "permerror";

/** How a received message authenticated. Defaults: SPF and DKIM pass for the From domain, so DMARC passes. */
export interface ReceivedAuth {
  spf?: Verdict;
  /** The envelope sender (smtp.mailfrom); the From address by default. */
  mailFrom?: string;
  dkim?: Verdict;
  /** The DKIM signing domain (d=); the From domain by default. */
  dkimDomain?: string;
  /** Computed from SPF, DKIM and alignment unless given (fail when neither aligns, as for a domain with a DMARC record). */
  dmarc?: "pass" | "fail" | "none";
}

function addressIn(from: string): string {
  return (/<([^<>]+)>\s*$/.exec(from)?.[1] ?? from).trim();
}

function alignedDomains(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x === y || x.endsWith(`.${y}`) || y.endsWith(`.${x}`);
}

/**
 * The Authentication-Results header Gmail prepends to mail it receives (RFC 8601; DMARC and
 * alignment per RFC 7489 §3.1, §6.6.2), in the layout Gmail uses:
 *   Authentication-Results: mx.google.com;
 *          dkim=pass header.i=@example.com header.s=20230601 header.b=AbCdEf12;
 *          spf=pass (google.com: domain of ana@example.com designates 209.85.220.41 as permitted sender) smtp.mailfrom=ana@example.com;
 *          dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=example.com
 * (Gmail Help, "Check if an email is authentic": https://support.google.com/mail/answer/180707 ,
 * whose "Show original" view lists these SPF, DKIM and DMARC results.)
 */
export function authenticationResults(headers: readonly Header[], auth: ReceivedAuth): string {
  const from = addressIn(headerValue(headers, "From"));
  const fromDomain = from.includes("@") ? from.slice(from.lastIndexOf("@") + 1).toLowerCase() : "";
  const mailFrom = auth.mailFrom ?? from;
  const mailDomain = mailFrom.slice(mailFrom.lastIndexOf("@") + 1).toLowerCase();
  const spf = auth.spf ?? "pass";
  const dkim = auth.dkim ?? "pass";
  const dkimDomain = (auth.dkimDomain ?? fromDomain).toLowerCase();
  const dmarc =
    auth.dmarc ??
    ((spf === "pass" && alignedDomains(mailDomain, fromDomain)) ||
    (dkim === "pass" && alignedDomains(dkimDomain, fromDomain))
      ? "pass"
      : "fail");
  const spfWords: Record<string, string> = {
    pass: `domain of ${mailFrom} designates 209.85.220.41 as permitted sender`,
    fail: `domain of ${mailFrom} does not designate 198.51.100.7 as permitted sender`,
    softfail: `domain of transitioning ${mailFrom} does not designate 198.51.100.7 as permitted sender`,
  };
  const lines = [
    ...(dkim === "none" ? [] : [`dkim=${dkim} header.i=@${dkimDomain} header.s=20230601 header.b=Qx7rT2pL`]),
    `spf=${spf} (google.com: ${spfWords[spf] ?? `domain of ${mailFrom} has no SPF verdict`}) smtp.mailfrom=${mailFrom}`,
    `dmarc=${dmarc} (p=NONE sp=NONE dis=NONE) header.from=${fromDomain}`,
  ];
  return `Authentication-Results: mx.google.com;\r\n       ${lines.join(";\r\n       ")}`;
}

// ---------------------------------------------------------------------------------------------
// Base64url both ways

/** Decodes a `raw` field: URL-safe base64, padded or not. Standard base64's + and / are refused. */
export function decodeRaw(raw: unknown, field = "raw"): Buffer {
  if (typeof raw !== "string" || !raw) {
    throw badRequest("'raw' RFC822 payload message string or uploading message via /upload/* URL required");
  }
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(raw)) {
    throw badRequest(
      `Invalid value at 'message.${field}' (TYPE_BYTES), Base64 decoding failed for "${raw.slice(0, 20)}..."`,
    );
  }
  return Buffer.from(raw.replace(/-/g, "+").replace(/_/g, "/"), "base64");
}

export function encodeRaw(bytes: Buffer): string {
  return bytes.toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

// ---------------------------------------------------------------------------------------------
// The API

function requireScope(user: User, scopes: readonly string[]): void {
  if (!scopes.some((s) => user.scopes.has(s))) {
    throw insufficientScopes();
  }
}

export type HeaderValues = "decoded" | "encoded";

/**
 * A header value as Gmail's API returns it in `payload.headers`: unfolded, each fold's CRLF
 * removed and the whitespace after it kept ("mx.google.com;       dkim=pass …"), and RFC 2047
 * encoded words decoded ("Re: Distribución de horas", a display name re-quoted). Google documents
 * the field only as "the standard RFC 2822 email headers"
 * (https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages#MessagePart);
 * what it holds is taken from responses published with client code: unfolded Received, ARC and
 * Authentication-Results values with their folding whitespace, and a Subject and To sent encoded by
 * Exchange returned decoded (docs/google-behaviour.md, "Gmail: received mail and its headers").
 */
export function apiHeaderValue(value: string, mode: HeaderValues): string {
  const unfolded = value.replace(/\r?\n(?=[ \t])/g, "");
  return mode === "decoded" ? decodeHeader(unfolded) : unfolded;
}

function formatPart(part: ParsedPart, partId: string, mode: HeaderValues): Record<string, unknown> {
  const leaf = !part.parts.length;
  return {
    partId,
    mimeType: part.mimeType,
    filename: "",
    headers: part.rawHeaders.map((h) => ({name: h.name, value: apiHeaderValue(h.value, mode)})),
    body: leaf
      ? {size: part.content.length, ...(part.content.length ? {data: encodeRaw(part.content)} : {})}
      : {size: 0},
    ...(leaf ? {} : {parts: part.parts.map((p, i) => formatPart(p, partId ? `${partId}.${i}` : String(i), mode))}),
  };
}

function formatMessage(
  message: StoredMessage,
  format: string,
  wanted: readonly string[],
  mode: HeaderValues = "decoded",
): Record<string, unknown> {
  const base = {
    id: message.id,
    threadId: message.threadId,
    labelIds: [...message.labelIds],
    snippet: message.snippet,
    historyId: message.historyId,
    internalDate: String(message.internalDate),
    sizeEstimate: Buffer.byteLength(message.mime),
  };
  switch (format) {
    case "minimal":
      return base;
    case "raw":
      return {...base, raw: encodeRaw(Buffer.from(message.mime, "utf8"))};
    case "metadata": {
      const lower = wanted.map((w) => w.toLowerCase());
      const headers = lower.length
        ? message.rawHeaders.filter((h) => lower.includes(h.name.toLowerCase()))
        : message.rawHeaders;
      return {
        ...base,
        payload: {
          mimeType: contentType(message.headers).type,
          headers: headers.map((h) => ({name: h.name, value: apiHeaderValue(h.value, mode)})),
        },
      };
    }
    default:
      return {...base, payload: formatPart(parsePart(Buffer.from(message.mime, "utf8")), "", mode)};
  }
}

function tokens(q: string): string[] {
  return q.match(/(?:[^\s"]+:)?"[^"]*"|\S+/g) ?? [];
}

/** Whether a message matches Gmail search terms (rfc822msgid:, label:, in:, from:, to:, subject:, words). */
export function matches(box: Mailbox, message: StoredMessage, q: string, includeSpamTrash: boolean): boolean {
  let spamTrashAsked = includeSpamTrash;
  for (const raw of tokens(q)) {
    const token = raw.replace(/"/g, "");
    const colon = token.indexOf(":");
    const op = colon > 0 ? token.slice(0, colon).toLowerCase() : "";
    const value = (colon > 0 ? token.slice(colon + 1) : token).toLowerCase();
    const header = (name: string) => headerValue(message.headers, name).toLowerCase();
    switch (op) {
      case "rfc822msgid":
        if (header("Message-ID").replace(/^<|>$/g, "") !== value.replace(/^<|>$/g, "")) {
          return false;
        }
        break;
      case "label": {
        const label = [...box.labels.values()].find(
          (l) => l.name.toLowerCase().replace(/[\s/]+/g, "-") === value || l.id.toLowerCase() === value,
        );
        if (!label || !message.labelIds.has(label.id)) {
          return false;
        }
        break;
      }
      case "in":
        if (value === "anywhere") {
          spamTrashAsked = true;
        } else if (!message.labelIds.has(value.toUpperCase())) {
          return false;
        } else if (value === "trash" || value === "spam") {
          spamTrashAsked = true;
        }
        break;
      case "from":
      case "to":
      case "subject":
        if (!header(op).includes(value)) {
          return false;
        }
        break;
      default:
        if (!`${header("subject")} ${message.text.toLowerCase()}`.includes(value)) {
          return false;
        }
    }
  }
  return spamTrashAsked || !(message.labelIds.has("SPAM") || message.labelIds.has("TRASH"));
}

function listed(box: Mailbox, query: URLSearchParams, user: User): StoredMessage[] {
  const q = query.get("q") ?? "";
  if (
    q &&
    !user.scopes.has(GMAIL_READONLY) &&
    !user.scopes.has(GMAIL_MODIFY) &&
    !user.scopes.has(FULL) &&
    user.scopes.has(GMAIL_METADATA)
  ) {
    throw forbidden("Metadata scope does not support 'q' parameter");
  }
  const labelIds = query.getAll("labelIds");
  const include = query.get("includeSpamTrash") === "true";
  return [...box.messages.values()]
    .filter((m) => labelIds.every((l) => m.labelIds.has(l)) && matches(box, m, q, include))
    .sort((a, b) => b.internalDate - a.internalDate);
}

function page<T>(items: T[], query: URLSearchParams, max: number): {items: T[]; next?: string} {
  const size = Math.min(Number(query.get("maxResults") ?? 100) || 100, max);
  const start = Number(query.get("pageToken") ?? 0) || 0;
  const slice = items.slice(start, start + size);
  return {items: slice, next: start + size < items.length ? String(start + size) : undefined};
}

/** Checks a message to be sent and the thread it asks to join; returns its parsed headers and that thread. */
function checkOutgoing(box: Mailbox, raw: unknown, askedThread: unknown): {mime: string; threadId?: string} {
  const bytes = decodeRaw(raw);
  const parsed = parseMessage(bytes);
  if (
    !/@/.test(
      `${headerValue(parsed.headers, "To")} ${headerValue(parsed.headers, "Cc")} ${headerValue(parsed.headers, "Bcc")}`,
    )
  ) {
    throw badRequest("Invalid To header");
  }
  let threadId: string | undefined;
  if (askedThread !== undefined) {
    const asked = String(askedThread);
    if (!box.thread(asked).length) {
      throw notFound();
    }
    // Gmail's rule: the reply names messages of the thread (References/In-Reply-To) and the subjects match.
    threadId = findThread(box, parsed.headers) === asked ? asked : undefined;
  }
  return {mime: bytes.toString("utf8"), threadId};
}

/**
 * Gmail gives a message sent through the API a Message-ID of its own, replacing the one the
 * client set: reported by teams who send through the API (issue 16; e.g. FlowCrypt's
 * flowcrypt-browser#4269 asks "if Gmail respects message id constructed by us") and not settled
 * by Google's documentation, so the emulator takes the unfavourable side. The sent copy, the
 * recipients' copies and the outbox all carry Gmail's id; the client's is kept in
 * X-Google-Original-Message-ID.
 */
function withGmailMessageId(gmail: GmailState, mime: string): string {
  const split = mime.search(/\r?\n\r?\n/);
  const head = split < 0 ? mime : mime.slice(0, split);
  const rest = split < 0 ? "" : mime.slice(split);
  const lines = head.split(/\r?\n/);
  const kept: string[] = [];
  let original = "";
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (/^message-id:/i.test(line)) {
      original = line.slice(line.indexOf(":") + 1).trim();
      while (/^[ \t]/.test(lines[i + 1] ?? "")) {
        i++;
      }
      continue;
    }
    kept.push(line);
  }
  const ours = `Message-ID: <CA${gmail.nextId()}${gmail.nextId()}@mail.gmail.com>`;
  return [ours, ...(original ? [`X-Google-Original-Message-ID: ${original}`] : []), ...kept].join("\r\n") + rest;
}

/** Sends `mime` from `box`: Sent copy (reusing `reuseId` for a sent draft), outbox record, recipients' copies. */
function dispatch(
  gmail: GmailState,
  box: Mailbox,
  received: string,
  threadId: string | undefined,
  requestedThreadId: string | undefined,
  reuseId?: string,
): StoredMessage {
  const mime = withGmailMessageId(gmail, received);
  const stored = gmail.deliver(box.email, mime, {labels: ["SENT"], threadId, auth: false});
  if (reuseId) {
    // A sent draft keeps its message id (what Gmail's web client shows; the API reference does not say).
    box.messages.delete(stored.id);
    stored.id = reuseId;
    box.messages.set(reuseId, stored);
  }
  if (!threadId) {
    // A message that joined no thread starts its own, named after itself.
    stored.threadId = stored.id;
  }
  gmail.outbox.push({
    from: box.email,
    id: stored.id,
    threadId: stored.threadId,
    mime,
    requestedThreadId,
    at: stored.internalDate,
  });
  // Recipients with a mailbox here receive a copy, threaded on their side.
  const to = headerValue(stored.headers, "To").toLowerCase();
  for (const [email] of gmail.mailboxes) {
    if (email !== box.email && to.includes(email)) {
      gmail.deliver(email, mime);
    }
  }
  return stored;
}

function send(gmail: GmailState, box: Mailbox, call: Call & {body: unknown}): unknown {
  const body = (call.body ?? {}) as {raw?: unknown; threadId?: unknown};
  const {mime, threadId} = checkOutgoing(box, body.raw, body.threadId);
  const stored = dispatch(gmail, box, mime, threadId, body.threadId === undefined ? undefined : String(body.threadId));
  return {id: stored.id, threadId: stored.threadId, labelIds: [...stored.labelIds]};
}

/**
 * users.drafts: create "Creates a new draft with the DRAFT label"; send "Sends the specified,
 * existing draft to the recipients in the To, Cc, and Bcc headers", after which the draft no
 * longer exists, so sending it again answers 404
 * (https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.drafts).
 */
function drafts(gmail: GmailState, box: Mailbox, call: Call & {body: unknown}, id: string | undefined): unknown {
  const body = (call.body ?? {}) as {id?: unknown; message?: {raw?: unknown; threadId?: unknown}};
  if (id === undefined && call.method === "POST") {
    const raw = body.message?.raw;
    const stored = gmail.deliver(box.email, decodeRaw(raw).toString("utf8"), {labels: ["DRAFT"], auth: false});
    const draftId = `r${BigInt(`0x${stored.id}`).toString(10)}`;
    if (body.message?.threadId !== undefined) {
      stored.threadId = String(body.message.threadId);
    } else {
      stored.threadId = stored.id;
    }
    box.drafts.set(draftId, stored.id);
    return {id: draftId, message: {id: stored.id, threadId: stored.threadId, labelIds: ["DRAFT"]}};
  }
  if (id === "send" && call.method === "POST") {
    const draftId = String(body.id ?? "");
    const messageId = box.drafts.get(draftId);
    const draft = messageId ? box.messages.get(messageId) : undefined;
    if (!draft || !messageId) {
      throw notFound();
    }
    const asked = draft.threadId !== draft.id ? draft.threadId : undefined;
    const {mime, threadId} = checkOutgoing(box, encodeRaw(Buffer.from(draft.mime, "utf8")), asked);
    box.drafts.delete(draftId);
    box.messages.delete(messageId);
    const stored = dispatch(gmail, box, mime, threadId, asked, messageId);
    return {id: stored.id, threadId: stored.threadId, labelIds: [...stored.labelIds]};
  }
  if (id !== undefined && call.method === "DELETE") {
    const messageId = box.drafts.get(id);
    if (!messageId) {
      throw notFound();
    }
    box.drafts.delete(id);
    box.messages.delete(messageId);
    return {};
  }
  if (id !== undefined && call.method === "GET") {
    const messageId = box.drafts.get(id);
    const message = messageId ? box.messages.get(messageId) : undefined;
    if (!message) {
      throw notFound();
    }
    return {id, message: formatMessage(message, "minimal", [])};
  }
  throw notFound();
}

/** Routes /gmail/v1/users/{userId}/… calls. */
export function handleGmail(state: EmulatorState, call: Call): unknown {
  const gmail = gmailOf(state);
  const match = /^\/gmail\/v1\/users\/([^/]+)\/(.*)$/.exec(call.path);
  if (!match) {
    throw notFound();
  }
  const userId = decodeURIComponent(match[1] ?? "");
  if (userId !== "me" && userId.toLowerCase() !== call.user.email) {
    throw new ApiError(403, `Delegation denied for ${call.user.email}`, "PERMISSION_DENIED");
  }
  if (call.user.noGmail) {
    // Reported, not in the reference: an account without Gmail gets 400, status FAILED_PRECONDITION,
    // reason failedPrecondition, "Mail service not enabled" (github.com/FlowCrypt/flowcrypt-browser/issues/435,
    // github.com/WPManageNinja/fluent-smtp/issues/152).
    throw new ApiError(400, "Mail service not enabled", "FAILED_PRECONDITION", "failedPrecondition");
  }
  const box = gmail.mailbox(call.user.email);
  const rest = match[2] ?? "";
  const [collection = "", id, extra] = rest.split("/").map(decodeURIComponent);
  const format = (call.query.get("format") ?? "full").toLowerCase();
  const wanted = call.query.getAll("metadataHeaders");
  const readScopes = format === "metadata" || format === "minimal" ? [...READ_SCOPES, GMAIL_METADATA] : READ_SCOPES;

  if (collection === "messages") {
    if (id === "send" && call.method === "POST") {
      requireScope(call.user, SEND_SCOPES);
      return send(gmail, box, call);
    }
    if ((id === "insert" || id === "import") && call.method === "POST") {
      requireScope(call.user, [GMAIL_INSERT, GMAIL_MODIFY, FULL]);
      const body = (call.body ?? {}) as {raw?: unknown; labelIds?: unknown};
      const labels = Array.isArray(body.labelIds)
        ? body.labelIds.map(String)
        : id === "import"
          ? ["INBOX", "UNREAD"]
          : [];
      const unknown = labels.find((l) => !box.labels.has(l));
      if (unknown) {
        throw badRequest(`Invalid label: ${unknown}`);
      }
      // insert and import add no Authentication-Results: nothing was received over SMTP.
      const stored = gmail.deliver(box.email, decodeRaw(body.raw).toString("utf8"), {labels, auth: false});
      return formatMessage(stored, "minimal", []);
    }
    if (id === undefined && call.method === "GET") {
      requireScope(call.user, [...READ_SCOPES, GMAIL_METADATA]);
      const all = listed(box, call.query, call.user);
      const {items, next} = page(all, call.query, 500);
      return {
        ...(items.length ? {messages: items.map((m) => ({id: m.id, threadId: m.threadId}))} : {}),
        ...(next ? {nextPageToken: next} : {}),
        resultSizeEstimate: all.length,
      };
    }
    if (id && !extra && call.method === "GET") {
      requireScope(call.user, readScopes);
      const message = box.messages.get(id);
      if (!message) {
        throw notFound();
      }
      return formatMessage(message, format, wanted, gmail.headerValues);
    }
  }
  if (collection === "drafts") {
    requireScope(call.user, DRAFT_SCOPES);
    return drafts(gmail, box, call, id);
  }
  if (collection === "threads" && call.method === "GET") {
    if (id === undefined) {
      requireScope(call.user, [...READ_SCOPES, GMAIL_METADATA]);
      const byThread = new Map<string, StoredMessage>();
      for (const m of listed(box, call.query, call.user)) {
        if (!byThread.has(m.threadId)) {
          byThread.set(m.threadId, m);
        }
      }
      const threads = [...byThread.keys()].map((threadId) => {
        const messages = box.thread(threadId);
        const last = messages[messages.length - 1];
        return {id: threadId, snippet: last?.snippet ?? "", historyId: last?.historyId ?? ""};
      });
      const {items, next} = page(threads, call.query, 500);
      return {
        ...(items.length ? {threads: items} : {}),
        ...(next ? {nextPageToken: next} : {}),
        resultSizeEstimate: threads.length,
      };
    }
    requireScope(call.user, readScopes);
    const messages = box.thread(id);
    if (!messages.length) {
      throw notFound();
    }
    return {
      id,
      historyId: messages[messages.length - 1]?.historyId,
      messages: messages.map((m) => formatMessage(m, format, wanted, gmail.headerValues)),
    };
  }
  if (collection === "labels") {
    if (id === undefined && call.method === "GET") {
      requireScope(call.user, [...READ_SCOPES, GMAIL_METADATA, GMAIL_LABELS]);
      return {labels: [...box.labels.values()]};
    }
    if (id === undefined && call.method === "POST") {
      requireScope(call.user, [GMAIL_LABELS, GMAIL_MODIFY, FULL]);
      const name = String((call.body as {name?: unknown} | undefined)?.name ?? "").trim();
      if (!name) {
        throw badRequest("Invalid label name");
      }
      if (box.labelByName(name)) {
        throw new ApiError(409, "Label name exists or conflicts", "ALREADY_EXISTS");
      }
      return box.createLabel(name);
    }
  }
  throw notFound();
}
