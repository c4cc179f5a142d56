// Gmail API v1 wrappers: https://developers.google.com/workspace/gmail/api/reference/rest
import * as z from "zod/mini";
import {DomainError} from "../core/errors";
import type {OutgoingMail} from "../core/mime/build";
import {buildMime, toRaw} from "../core/mime/build";
import {base64Decode, decodeWords, utf8Decode} from "../core/mime/codecs";
import type {Google, QueryParams} from "./http";
import {callGoogle, withQuery} from "./http";
import {headerFields, unfold} from "../core/address";
import {isGoogleApiError} from "./errors";

const API = "https://gmail.googleapis.com/gmail/v1/users/me";

/** Builds every Gmail URL: `apiUrl("/threads", [["labelIds", "Label_1"]])`. */
export function apiUrl(path: string, query: QueryParams = []): string {
  return withQuery(`${API}${path}`, query);
}

const headerSchema = z.object({name: z.optional(z.nullable(z.string())), value: z.optional(z.nullable(z.string()))});
const messageSchema = z.object({
  id: z.string(),
  threadId: z.optional(z.string()),
  labelIds: z.optional(z.array(z.string())),
  snippet: z.optional(z.string()),
  internalDate: z.optional(z.string()),
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
  // An account without Gmail: 400 FAILED_PRECONDITION, reason failedPrecondition (the status and
  // reason, never the wording, "Mail service not enabled", which Google does not document).
  if (err.status === 400 && (err.googleStatus === "FAILED_PRECONDITION" || err.reason === "failedPrecondition")) {
    return new DomainError(
      "GMAIL_DISABLED",
      `Gmail refused because a precondition failed: usually your Google account has no Gmail, so the pack cannot ${what}. Use an account with Gmail.`,
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

const draftSchema = z.object({
  id: z.string(),
  message: z.optional(z.object({id: z.string(), threadId: z.optional(z.string())})),
});

/** A draft in the signed-in mailbox. */
export interface Draft {
  draftId: string;
  messageId: string;
}

/**
 * users.drafts.create: "Creates a new draft with the DRAFT label"
 * (https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.drafts/create).
 * Retried only on 429: a repeat would leave a second draft, never a second email.
 */
export async function createDraft(g: Google, mail: OutgoingMail, threadId: string | undefined, what: string) {
  const draft = await gmail(
    g,
    {
      method: "POST",
      url: apiUrl("/drafts"),
      body: {message: {raw: toRaw(buildMime(mail)), ...(threadId ? {threadId} : {})}},
      what,
      retry: "once",
    },
    draftSchema,
  );
  return {draftId: draft.id, messageId: draft.message?.id ?? ""};
}

/**
 * users.drafts.send: "Sends the specified, existing draft"; afterwards the draft no longer exists,
 * so a repeat answers 404 and can never send it twice. That makes retrying safe, and "gone" means
 * it was sent already (by a repeat whose first answer was lost, or by another attempt) or deleted
 * by hand (https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.drafts/send).
 */
export async function sendDraft(
  g: Google,
  draftId: string,
  what: string,
): Promise<{id: string; threadId: string} | "gone"> {
  try {
    const sent = await gmail(
      g,
      {method: "POST", url: apiUrl("/drafts/send"), body: {id: draftId}, what, retry: "idempotent"},
      messageSchema,
    );
    return {id: sent.id, threadId: sent.threadId ?? ""};
  } catch (err) {
    if (isGoogleApiError(err) && err.status === 404) {
      return "gone";
    }
    throw err;
  }
}

/**
 * users.drafts.delete: "deleted", "gone" (Gmail no longer has it: sent, or deleted before) or
 * "failed" (no answer, or another refusal). Callers treat it as best effort unless told otherwise.
 */
export async function deleteDraft(g: Google, draftId: string, what: string): Promise<"deleted" | "gone" | "failed"> {
  try {
    await gmail(g, {
      method: "DELETE",
      url: apiUrl(`/drafts/${encodeURIComponent(draftId)}`),
      what,
      retry: "idempotent",
    });
    return "deleted";
  } catch (err) {
    return isGoogleApiError(err) && err.status === 404 ? "gone" : "failed";
  }
}

/** Builds and sends a mail; see {@link buildMime}. */
export async function sendMail(g: Google, mail: OutgoingMail, threadId: string | undefined, what: string) {
  return sendMessage(g, buildMime(mail), threadId, what);
}

const listMessagesSchema = z.object({
  messages: z.optional(z.array(z.object({id: z.string(), threadId: z.optional(z.string())}))),
  nextPageToken: z.optional(z.string()),
});

/** What users.messages.list and users.threads.list both take. */
interface ListOptions {
  /** Gmail's search-box syntax. */
  q?: string;
  labelIds?: string[];
  maxResults?: number;
  pageToken?: string;
  includeSpamTrash?: boolean;
  what: string;
}

/** A list call (`/messages` or `/threads`), never cached. */
function list<T>(g: Google, path: string, options: ListOptions, schema: z.ZodMiniType<T>): Promise<T> {
  const query: QueryParams = [
    ...(options.labelIds ?? []).map((id): [string, string] => ["labelIds", id]),
    ["q", options.q],
    ["maxResults", options.maxResults],
    ["pageToken", options.pageToken],
    ["includeSpamTrash", options.includeSpamTrash],
  ];
  const what = options.what;
  return gmail(g, {method: "GET", url: apiUrl(path, query), cacheTtlSecs: 0, what, retry: "idempotent"}, schema);
}

/** users.messages.list with a search query (Gmail's search-box syntax), never cached. */
export async function listMessages(g: Google, options: ListOptions) {
  return list(g, "/messages", options, listMessagesSchema);
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

const listThreadsSchema = z.object({
  threads: z.optional(z.array(z.object({id: z.string(), snippet: z.optional(z.string())}))),
  nextPageToken: z.optional(z.string()),
});

/** users.threads.list by label ids and/or a search query. */
export async function listThreads(g: Google, options: Omit<ListOptions, "includeSpamTrash">) {
  return list(g, "/threads", options, listThreadsSchema);
}

const threadSchema = z.object({
  id: z.string(),
  snippet: z.optional(z.string()),
  messages: z.optional(z.array(messageSchema)),
});

/** The headers this pack reads from thread messages. */
const THREAD_HEADERS = [
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

const rawSchema = z.object({id: z.string(), raw: z.optional(z.string())});

/**
 * users.messages.get in `raw` form: the message's header fields exactly as it was received
 * (folding undone, encoded words kept), or undefined when it is not in this mailbox. The metadata
 * form is not enough to know who sent a message: its header values may come back with RFC 2047
 * words decoded, and then an address hidden in an encoded word looks like the sender's.
 */
export async function getReceivedHeaders(
  g: Google,
  messageId: string,
  what: string,
): Promise<Array<{name: string; value: string}> | undefined> {
  try {
    const body = await gmail(
      g,
      {
        method: "GET",
        url: apiUrl(`/messages/${encodeURIComponent(messageId)}`, [["format", "raw"]]),
        cacheTtlSecs: 0,
        what,
        retry: "idempotent",
      },
      rawSchema,
    );
    return headerFields(utf8Decode(base64Decode(body.raw ?? "")));
  } catch (err) {
    if (isGoogleApiError(err) && (err.status === 404 || err.status === 400)) {
      return undefined;
    }
    throw err;
  }
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
