// Disputes that arrive by email: the threads under a Gmail label, matched to workers, and
// opening a dispute from one of them.
import {DomainError} from "../../core/errors";
import type {DisputeCategory} from "../../core/disputes";
import {GMAIL_THREAD_ID, parseCategory, requireDisputeRole} from "../../core/disputes";
import {emailKey} from "../../core/identity";
import {parseAddress, unescapeHtml} from "../../core/mime";
import {cleanText} from "../../core/text";
import type {Google} from "../../google/http";
import {getThread, headerOf} from "../../google/gmail";
import type {MessageMeta} from "../../google/gmail";
import {a1, batchGetValues} from "../../google/sheets";
import {WORKERS} from "../store/layout";
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
  /** The Message-ID of the sender's latest message. */
  messageId: string;
}

function instant(message: MessageMeta | undefined): string {
  const ms = Number(message?.internalDate ?? "");
  return Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : "";
}

/** Reads the facts of a thread; the "sender" is the first person in it who is not `me`. */
export function summarizeThread(
  thread: {id: string; snippet?: string; messages?: MessageMeta[]},
  me: string,
): ThreadSummary {
  const messages = thread.messages ?? [];
  const fromOthers = messages.filter((m) => parseAddress(headerOf(m, "From")).email.toLowerCase() !== me.toLowerCase());
  const first = fromOthers[0] ?? messages[0];
  const latest = fromOthers[fromOthers.length - 1] ?? messages[messages.length - 1];
  const from = parseAddress(headerOf(first, "From"));
  return {
    threadId: thread.id,
    subject: headerOf(messages[0], "Subject"),
    sender: from.name || from.email,
    senderEmail: from.email,
    snippet: unescapeHtml(thread.snippet ?? messages[messages.length - 1]?.snippet ?? ""),
    receivedAt: instant(first),
    lastMessageAt: instant(messages[messages.length - 1]),
    messages: messages.length,
    messageId: headerOf(latest, "Message-ID"),
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
    me: string;
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
  requireDisputeRole((await openSession(g, spec.ledger, now, {tabs: [], what: "flag a dispute"})).actor, "FlagDispute");
  const thread = await getThread(g, threadId, "read the email thread");
  if (!thread) {
    throw new DomainError(
      "THREAD_NOT_FOUND",
      `There is no thread ${threadId} in your Gmail. Resync DisputeEmails and use a thread from your own mailbox.`,
    );
  }
  const facts = summarizeThread(thread, spec.me);
  const directory = await workerDirectory(g, parseLedgerRef(spec.ledger));
  const match = directory.get(emailKey(facts.senderEmail));
  if (!match) {
    throw new DomainError(
      "SENDER_UNKNOWN",
      `${facts.senderEmail || "The sender"} is not the email of any worker in this ledger (compared by canonical email). Open the dispute with OpenDispute and the worker's id instead.`,
    );
  }
  const summary = spec.summary?.trim() || `${facts.subject || "(no subject)"}: ${facts.snippet}`.slice(0, 500);
  return openDispute(
    g,
    {
      ledger: spec.ledger,
      workerId: match.workerId,
      category,
      summary,
      notify: spec.notify,
      requestId: spec.requestId,
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
