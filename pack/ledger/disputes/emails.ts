// Disputes that arrive by email: the threads under a Gmail label, matched to workers, and
// opening a dispute from one of them.
import {DomainError, refuse} from "../../core/errors";
import type {DisputeCategory} from "../../core/disputes";
import {GMAIL_THREAD_ID, parseCategory, requireDisputeRole} from "../../core/disputes";
import {emailKey} from "../../core/identity";
import {decodeWords, unescapeHtml} from "../../core/mime/codecs";
import {isMsgId, parseSender} from "../../core/address";
import {proveSender} from "../../core/auth-results";
import {maskNumbers} from "../../core/mask";
import {cleanText} from "../../core/text";
import type {Google} from "../../google/http";
import {
  getReceivedHeaders,
  getThread,
  headerOf,
  labelIdByName,
  listThreads,
  rawHeaderOf,
  rawHeadersOf,
} from "../../google/gmail";
import {currentUser} from "../../google/userinfo";
import type {MessageMeta} from "../../google/gmail";
import {a1, batchGetValues} from "../../google/sheets";
import type {DisputeRecord} from "../../core/records";
import {DISPUTES, WORKERS} from "../store/layout";
import {readPage} from "../store/read";
import type {LedgerRef} from "../store/ref";
import {parseLedgerRef} from "../store/ref";
import {columnLetter, mapHeader} from "../store/rows";
import {openSession} from "../store/session";
import type {DisputeResult} from "./store";
import {openDispute} from "./actions";

/** Worker ids and names by canonical email key, read from three columns of the Workers tab. */
export async function workerDirectory(
  g: Google,
  ref: LedgerRef,
): Promise<Map<string, {workerId: string; name: string}>> {
  const [head] = await batchGetValues(g, ref.spreadsheetId, [a1(WORKERS.name, "1:1")], {what: "read the Workers tab"});
  const header = mapHeader(WORKERS, head?.values?.[0]);
  const keys = ["workerId", "name", "emailKey"] as const;
  const missing = keys.filter((k) => !header.index.has(k));
  if (missing.length) {
    throw new DomainError(
      "LEDGER_HEADER",
      `The Workers tab has no ${missing.join(", ")} column in row 1. Restore the header, or run RepairLedger.`,
    );
  }
  const ranges = keys.map((k) => {
    const letter = columnLetter(header.index.get(k) ?? 0);
    return a1(WORKERS.name, `${letter}2:${letter}`);
  });
  const columns = await batchGetValues(g, ref.spreadsheetId, ranges, {
    majorDimension: "COLUMNS",
    what: "read the Workers tab",
  });
  const [ids, names, emailKeys] = columns.map((c) => (c.values?.[0] ?? []).map((v) => String(v).trim()));
  const directory = new Map<string, {workerId: string; name: string}>();
  (emailKeys ?? []).forEach((key, i) => {
    const workerId = ids?.[i] ?? "";
    if (key && workerId && !directory.has(key)) {
      directory.set(key, {workerId, name: names?.[i] ?? ""});
    }
  });
  return directory;
}

/** A Gmail thread read for disputes: who wrote, about what, when. */
export interface ThreadSummary {
  threadId: string;
  subject: string;
  sender: string;
  senderEmail: string;
  snippet: string;
  receivedAt: string;
  lastMessageAt: string;
  messages: number;
  /** The Message-ID of the sender's latest message; "" when it is not one RFC 5322 msg-id. */
  messageId: string;
  /** Whether Gmail's authentication results prove the sender's From address (see proveSender). */
  verified: boolean;
  /** What proved the sender, or why nothing did, in words. */
  verification: string;
  /** Gmail's id of the sender's first message: the one whose From and authentication are checked. */
  senderMessage: string;
}

function instant(message: MessageMeta | undefined): string {
  const ms = Number(message?.internalDate ?? "");
  return Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : "";
}

/**
 * Reads the facts of a thread; the "sender" is the first person in it who is not `me`. Addresses
 * are read from the raw From header by RFC 5322's grammar, so an address in a display name, a
 * comment or an encoded word is never the sender. Subject and snippet come back with bank, ID and
 * phone numbers masked.
 */
export function summarizeThread(
  thread: {id: string; snippet?: string; messages?: MessageMeta[]},
  me: string,
): ThreadSummary {
  const messages = thread.messages ?? [];
  const senderOf = (m: MessageMeta | undefined) => parseSender(rawHeaderOf(m, "From"), decodeWords);
  const fromOthers = messages.filter((m) => senderOf(m).email.toLowerCase() !== me.toLowerCase());
  const first = fromOthers[0] ?? messages[0];
  const latest = fromOthers[fromOthers.length - 1] ?? messages[messages.length - 1];
  const from = senderOf(first);
  const proof = from.email
    ? proveSender(rawHeadersOf(first, "Authentication-Results"), from.email)
    : {verified: false, reason: from.problem ?? "the email has no From address"};
  const messageId = rawHeaderOf(latest, "Message-ID");
  return {
    threadId: thread.id,
    subject: maskNumbers(headerOf(messages[0], "Subject")),
    sender: maskNumbers(from.name || from.email),
    senderEmail: from.email,
    snippet: maskNumbers(unescapeHtml(thread.snippet ?? messages[messages.length - 1]?.snippet ?? "")),
    receivedAt: instant(first),
    lastMessageAt: instant(messages[messages.length - 1]),
    messages: messages.length,
    messageId: isMsgId(messageId) ? messageId : "",
    verified: proof.verified,
    verification: proof.reason,
    senderMessage: first?.id ?? "",
  };
}

/**
 * A thread's sender read again from the sender's message as it was received (`raw`), which is
 * what counts: its From parsed by RFC 5322 before any RFC 2047 decoding, and proven by Gmail's
 * topmost Authentication-Results there. Gmail may return metadata header values decoded, so an
 * address hidden in an encoded word can look like the sender's in them (and a decoded display name
 * with a comma like several mailboxes); only this reading matches a sender to a worker.
 */
export async function confirmSender(g: Google, facts: ThreadSummary): Promise<ThreadSummary> {
  const fields = facts.senderMessage
    ? await getReceivedHeaders(g, facts.senderMessage, "read the sender's email as received")
    : undefined;
  if (!fields) {
    return {...facts, verified: false, verification: "Gmail did not give the email as it was received"};
  }
  const values = (name: string) =>
    fields.filter((f) => f.name.toLowerCase() === name.toLowerCase()).map((f) => f.value);
  const from = parseSender(values("From")[0] ?? "", decodeWords);
  const proof = from.email
    ? proveSender(values("Authentication-Results"), from.email)
    : {verified: false, reason: from.problem ?? "the email has no From address"};
  return {
    ...facts,
    sender: maskNumbers(from.name || from.email) || facts.sender,
    senderEmail: from.email,
    verified: proof.verified,
    verification: proof.reason,
  };
}

/** Opens a dispute from a Gmail thread of the signed-in mailbox, for the worker whose email wrote it. */
export async function flagDispute(
  g: Google,
  spec: {
    ledger: string;
    threadId: string;
    category: string;
    summary?: string;
    notify?: boolean;
    requestId?: string;
    workerFacts?: string;
  },
  now: string,
): Promise<DisputeResult> {
  const text = cleanText(spec.threadId, "thread id", {required: true, max: 200});
  const threadId = (/([0-9a-f]{10,24})$/i.exec(text)?.[1] ?? "").toLowerCase();
  if (!GMAIL_THREAD_ID.test(threadId)) {
    throw new DomainError(
      "INPUT_THREAD",
      `"${text.slice(0, 60)}" is not a Gmail thread id (the ThreadId column of the DisputeEmails table).`,
    );
  }
  const category: DisputeCategory = parseCategory(spec.category);
  // Roles first, so a viewer hears about their role rather than about their mailbox.
  const {actor} = await openSession(g, spec.ledger, now, {tabs: [], what: "flag a dispute"});
  requireDisputeRole(actor, "FlagDispute");
  const thread = await getThread(g, threadId, "read the email thread");
  if (!thread) {
    throw new DomainError(
      "THREAD_NOT_FOUND",
      `There is no thread ${threadId} in your Gmail. Resync DisputeEmails and use a thread from your own mailbox.`,
    );
  }
  const facts = await confirmSender(g, summarizeThread(thread, actor.email));
  // A sender Gmail could not authenticate is never matched to a worker: refused, not opened as unverified.
  if (!facts.verified) {
    throw refuse(
      "SENDER_UNVERIFIED",
      "sender-verified",
      `The email in thread ${threadId} does not prove who sent it: ${facts.verification.replace(/\.$/, "")}. No dispute was opened and nobody was written to. Confirm the worker's identity another way (reply from the worker's address on file, or their Zendesk or Discord account), then open the dispute with OpenDispute and the worker's id.`,
    );
  }
  const directory = await workerDirectory(g, parseLedgerRef(spec.ledger));
  const match = directory.get(emailKey(facts.senderEmail));
  if (!match) {
    throw new DomainError(
      "SENDER_UNKNOWN",
      `${facts.senderEmail || "The sender"} is not the email of any worker in this ledger (compared by canonical email). Open the dispute with OpenDispute and the worker's id instead.`,
    );
  }
  const summary = maskNumbers(
    spec.summary?.trim() || `${facts.subject || "(no subject)"}: ${facts.snippet}`.slice(0, 500),
  );
  return openDispute(
    g,
    {
      ledger: spec.ledger,
      workerId: match.workerId,
      category,
      summary,
      notify: spec.notify,
      requestId: spec.requestId,
      workerFacts: spec.workerFacts,
      params: [threadId, category],
      thread: {
        threadId,
        messageId: facts.messageId,
        subject: facts.subject,
        receivedAt: facts.receivedAt,
        fromEmail: facts.senderEmail,
      },
      action: "FlagDispute",
    },
    now,
  );
}

/** Threads per page of the DisputeEmails table: each needs its own threads.get. */
export const DISPUTE_EMAILS_PAGE = 25;
export const DEFAULT_DISPUTES_LABEL = "Disputes";

export interface DisputeEmailsCursor {
  [key: string]: string;
  labelId: string;
  pageToken: string;
}

/** A thread of the label, with the worker whose email wrote it and the dispute opened for it. */
export interface DisputeEmail {
  summary: ThreadSummary;
  worker?: {workerId: string; name: string};
  dispute?: DisputeRecord;
}

/** The dispute to show for a thread: one that is not Closed first, else the latest. */
export function disputeForThread(disputes: readonly DisputeRecord[], threadId: string): DisputeRecord | undefined {
  const mine = disputes.filter((d) => d.threadId === threadId);
  return mine.find((d) => d.status !== "Closed") ?? mine[mine.length - 1];
}

/**
 * One page of the signed-in mailbox's threads under a label (Disputes when none is given), newest
 * first, each matched to a worker by canonical email and to any dispute already opened for it.
 */
export async function disputeEmailsPage(
  g: Google,
  ref: LedgerRef,
  label: string | undefined,
  cursor: DisputeEmailsCursor | undefined,
): Promise<{emails: DisputeEmail[]; next: DisputeEmailsCursor | undefined}> {
  const name = (label ?? "").trim() || DEFAULT_DISPUTES_LABEL;
  const labelId = cursor?.labelId ?? (await labelIdByName(g, name, "list your Gmail labels"));
  if (!labelId) {
    throw new DomainError(
      "GMAIL_LABEL_MISSING",
      `Your Gmail has no label "${name}". Create it (or give the label you file disputes under) and label the workers' dispute emails with it.`,
    );
  }
  const page = await listThreads(g, {
    labelIds: [labelId],
    maxResults: DISPUTE_EMAILS_PAGE,
    pageToken: cursor?.pageToken,
    what: `list the threads labelled ${name}`,
  });
  const ids = (page.threads ?? []).map((t) => t.id);
  const next = page.nextPageToken ? {labelId, pageToken: page.nextPageToken} : undefined;
  if (!ids.length) {
    return {emails: [], next};
  }
  const [me, directory, disputes, threads] = await Promise.all([
    currentUser(g),
    workerDirectory(g, ref),
    readPage(g, ref, DISPUTES, 2, 20_000),
    Promise.all(ids.map((id) => getThread(g, id, "read a dispute email"))),
  ]);
  const records = disputes.rows.map((r) => r.record);
  const emails = threads
    .filter((t): t is NonNullable<typeof t> => Boolean(t))
    .map(async (t) => {
      const read = summarizeThread(t, me.email);
      // A sender that could match a worker is checked on the email as received (one more read);
      // an unproven sender is never matched.
      const candidate = !read.senderEmail || (read.verified && directory.has(emailKey(read.senderEmail)));
      const summary = candidate ? await confirmSender(g, read) : read;
      return {
        summary,
        worker: summary.verified ? directory.get(emailKey(summary.senderEmail)) : undefined,
        dispute: disputeForThread(records, summary.threadId),
      };
    });
  return {emails: await Promise.all(emails), next};
}
