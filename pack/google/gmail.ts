// Gmail API v1 wrappers: https://developers.google.com/workspace/gmail/api/reference/rest
import type {gmail_v1} from "@googleapis/gmail";
import * as z from "zod/mini";
import {DomainError} from "../core/errors";
import type {OutgoingMail, ParsedMail} from "../core/mime";
import {buildMime, decodeWords, parseMime, toRaw} from "../core/mime";
import {unfold} from "../core/address";
import type {Google} from "./http";
import {callGoogle} from "./http";
import {isGoogleApiError} from "./errors";

export type GmailMessage = gmail_v1.Schema$Message;
export type GmailThread = gmail_v1.Schema$Thread;

export const GMAIL_SEND_SCOPE = "https://www.googleapis.com/auth/gmail.send";
export const GMAIL_READONLY_SCOPE = "https://www.googleapis.com/auth/gmail.readonly";
/** Sending a notice needs both: reading finds an earlier copy in Sent mail, so none goes twice. */
export const GMAIL_NOTICE_SCOPES = [GMAIL_SEND_SCOPE, GMAIL_READONLY_SCOPE];

const API = "https://gmail.googleapis.com/gmail/v1/users/me";

/** Builds every Gmail URL: `apiUrl("/threads", [["labelIds", "Label_1"]])`. */
export function apiUrl(path: string, query: Array<[string, string | number | boolean | undefined]> = []): string {
  const parts = query
    .filter(([, v]) => v !== undefined && v !== "")
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `${API}${path}?${parts.join("&")}` : `${API}${path}`;
}

const headerSchema = z.object({name: z.optional(z.nullable(z.string())), value: z.optional(z.nullable(z.string()))});
const messageSchema = z.object({
  id: z.string(),
  threadId: z.optional(z.string()),
  labelIds: z.optional(z.array(z.string())),
  snippet: z.optional(z.string()),
  internalDate: z.optional(z.string()),
  raw: z.optional(z.string()),
  payload: z.optional(z.object({headers: z.optional(z.array(headerSchema))})),
});
export type MessageMeta = z.infer<typeof messageSchema>;

/** Refines what callGoogle raised into a sentence about Gmail; 404 is left for callers to read. */
function gmailError(err: unknown, what: string): unknown {
  if (!isGoogleApiError(err)) {
    return err;
  }
  if (err.status === 403) {
    return new DomainError(
      "GMAIL_FORBIDDEN",
      `Gmail refused to let your account ${what}: ${err.googleMessage || "permission denied"}. Check that your Google account has Gmail and that the pack is allowed to use it.`,
    );
  }
  if (
    err.status === 400 &&
    /failedPrecondition|mail service not enabled/i.test(`${err.googleStatus} ${err.googleMessage}`)
  ) {
    return new DomainError(
      "GMAIL_DISABLED",
      `Your Google account has no Gmail, so the pack cannot ${what}. Use an account with Gmail.`,
    );
  }
  return err;
}

async function gmail<T>(g: Google, request: Parameters<typeof callGoogle>[1], schema?: z.ZodMiniType<T>): Promise<T> {
  try {
    return await callGoogle(g, request, schema);
  } catch (err) {
    throw gmailError(err, request.what);
  }
}

/**
 * users.messages.send. Not idempotent: retried only on 429 (Google answers it before doing
 * anything). A reply joins `threadId` when its References/In-Reply-To and Subject match.
 */
export async function sendMessage(
  g: Google,
  mime: string,
  threadId: string | undefined,
  what: string,
): Promise<{id: string; threadId: string}> {
  const sent = await gmail(
    g,
    {
      method: "POST",
      url: apiUrl("/messages/send"),
      body: {raw: toRaw(mime), ...(threadId ? {threadId} : {})},
      what,
      retry: "once",
    },
    messageSchema,
  );
  return {id: sent.id, threadId: sent.threadId ?? ""};
}

/** Builds and sends a mail; see {@link buildMime}. */
export async function sendMail(g: Google, mail: OutgoingMail, threadId: string | undefined, what: string) {
  return sendMessage(g, buildMime(mail), threadId, what);
}

const listMessagesSchema = z.object({
  messages: z.optional(z.array(z.object({id: z.string(), threadId: z.optional(z.string())}))),
  nextPageToken: z.optional(z.string()),
});

/** users.messages.list with a search query (Gmail's search-box syntax), never cached. */
export async function listMessages(
  g: Google,
  options: {
    q?: string;
    labelIds?: string[];
    maxResults?: number;
    pageToken?: string;
    includeSpamTrash?: boolean;
    what: string;
  },
) {
  const query: Array<[string, string | number | boolean | undefined]> = [
    ["q", options.q],
    ...(options.labelIds ?? []).map((id): [string, string] => ["labelIds", id]),
    ["maxResults", options.maxResults],
    ["pageToken", options.pageToken],
    ["includeSpamTrash", options.includeSpamTrash],
  ];
  return gmail(
    g,
    {method: "GET", url: apiUrl("/messages", query), cacheTtlSecs: 0, what: options.what, retry: "idempotent"},
    listMessagesSchema,
  );
}

/** "<a.b@c>" → "a.b@c", the form `rfc822msgid:` searches for. */
function bareId(messageId: string): string {
  return messageId.trim().replace(/^<|>$/g, "");
}

/**
 * The message in the signed-in mailbox with this RFC 822 Message-ID (trash and spam included),
 * or undefined. This is how a notice is known to have gone even when Gmail's answer was lost.
 */
export async function findByMessageId(
  g: Google,
  messageId: string,
  what: string,
): Promise<{id: string; threadId: string} | undefined> {
  const found = await listMessages(g, {
    q: `rfc822msgid:${bareId(messageId)}`,
    includeSpamTrash: true,
    maxResults: 5,
    what,
  });
  const first = found.messages?.[0];
  return first ? {id: first.id, threadId: first.threadId ?? ""} : undefined;
}

/** users.messages.get in metadata form: labels, snippet, time and the named headers. */
export async function getMessageMeta(g: Google, id: string, headers: string[], what: string): Promise<MessageMeta> {
  return gmail(
    g,
    {
      method: "GET",
      url: apiUrl(`/messages/${encodeURIComponent(id)}`, [
        ["format", "metadata"],
        ...headers.map((h): [string, string] => ["metadataHeaders", h]),
      ]),
      cacheTtlSecs: 0,
      what,
      retry: "idempotent",
    },
    messageSchema,
  );
}

/** A message's headers and plain-text body, read from its raw form (nested multiparts, base64 and quoted-printable parts). */
export async function readMessage(
  g: Google,
  id: string,
  what: string,
): Promise<ParsedMail & {id: string; threadId: string; internalDate: string}> {
  const message = await gmail(
    g,
    {
      method: "GET",
      url: apiUrl(`/messages/${encodeURIComponent(id)}`, [["format", "raw"]]),
      cacheTtlSecs: 0,
      what,
      retry: "idempotent",
    },
    messageSchema,
  );
  if (!message.raw) {
    throw new DomainError("GMAIL_NO_RAW", `Gmail returned message ${id} without its content.`);
  }
  return {
    ...parseMime({raw: message.raw}),
    id: message.id,
    threadId: message.threadId ?? "",
    internalDate: message.internalDate ?? "",
  };
}

const listThreadsSchema = z.object({
  threads: z.optional(z.array(z.object({id: z.string(), snippet: z.optional(z.string())}))),
  nextPageToken: z.optional(z.string()),
});

/** users.threads.list by label ids and/or a search query. */
export async function listThreads(
  g: Google,
  options: {labelIds?: string[]; q?: string; maxResults?: number; pageToken?: string; what: string},
) {
  const query: Array<[string, string | number | undefined]> = [
    ...(options.labelIds ?? []).map((id): [string, string] => ["labelIds", id]),
    ["q", options.q],
    ["maxResults", options.maxResults],
    ["pageToken", options.pageToken],
  ];
  return gmail(
    g,
    {method: "GET", url: apiUrl("/threads", query), cacheTtlSecs: 0, what: options.what, retry: "idempotent"},
    listThreadsSchema,
  );
}

const threadSchema = z.object({
  id: z.string(),
  snippet: z.optional(z.string()),
  messages: z.optional(z.array(messageSchema)),
});

/** The headers this pack reads from thread messages. */
export const THREAD_HEADERS = [
  "From",
  "To",
  "Subject",
  "Date",
  "Message-ID",
  "References",
  "In-Reply-To",
  "Authentication-Results",
];

/** users.threads.get in metadata form; undefined when the thread is not in this mailbox. */
export async function getThread(
  g: Google,
  threadId: string,
  what: string,
): Promise<z.infer<typeof threadSchema> | undefined> {
  try {
    return await gmail(
      g,
      {
        method: "GET",
        url: apiUrl(`/threads/${encodeURIComponent(threadId)}`, [
          ["format", "metadata"],
          ...THREAD_HEADERS.map((h): [string, string] => ["metadataHeaders", h]),
        ]),
        cacheTtlSecs: 0,
        what,
        retry: "idempotent",
      },
      threadSchema,
    );
  } catch (err) {
    if (isGoogleApiError(err) && (err.status === 404 || err.status === 400)) {
      return undefined;
    }
    throw err;
  }
}

/**
 * Every value of a header of a metadata message, in the message's order, unfolded but otherwise
 * as Gmail returns it (encoded words not decoded): what structured headers (From, Message-ID,
 * References, Authentication-Results) must be parsed from.
 */
export function rawHeadersOf(message: MessageMeta | undefined, name: string): string[] {
  const lower = name.toLowerCase();
  return (message?.payload?.headers ?? [])
    .filter((h) => (h.name ?? "").toLowerCase() === lower)
    .map((h) => unfold(h.value ?? "").trim());
}

/** The first value of a header, unfolded, not decoded; "" when absent. */
export function rawHeaderOf(message: MessageMeta | undefined, name: string): string {
  return rawHeadersOf(message, name)[0] ?? "";
}

/** An unstructured header (Subject) for reading: unfolded, RFC 2047 words decoded once; "" when absent. */
export function headerOf(message: MessageMeta | undefined, name: string): string {
  return decodeWords(rawHeaderOf(message, name));
}

const labelsSchema = z.object({
  labels: z.optional(z.array(z.object({id: z.string(), name: z.string(), type: z.optional(z.string())}))),
});

/** users.labels.list: the mailbox's labels (system and user). */
export async function listLabels(g: Google, what: string) {
  const body = await gmail(
    g,
    {method: "GET", url: apiUrl("/labels"), cacheTtlSecs: 0, what, retry: "idempotent"},
    labelsSchema,
  );
  return body.labels ?? [];
}

/** The id of a label by its name (case-insensitive), or of a system label such as INBOX. */
export async function labelIdByName(g: Google, name: string, what: string): Promise<string | undefined> {
  const labels = await listLabels(g, what);
  const lower = name.trim().toLowerCase();
  return labels.find((l) => l.name.toLowerCase() === lower || l.id.toLowerCase() === lower)?.id;
}
