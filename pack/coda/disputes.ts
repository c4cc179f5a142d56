import * as coda from "@codahq/packs-sdk";
import {DISPUTE_CHANNELS, disputeNextSteps, gmailThreadUrl} from "../core/disputes";
import {outcomeText, replyVia} from "../core/external";
import {DISPUTE_CATEGORIES, DISPUTE_OUTCOMES, DISPUTE_STATUSES} from "../core/records";
import type {DisputeRecord} from "../core/records";
import type {ThreadSummary} from "../ledger/disputes";
import type {ParsedRow} from "../ledger/store/rows";
import {compact, problemText, workerRef} from "./objects";
import type {Plain} from "./objects";
import {DISPUTES} from "../ledger/store/layout";
import {rowLink} from "../ledger/store/ref";
import {WorkerReferenceSchema} from "./workers";
import {count, dateTime as time, email, flag, id, list, select as choice, text, url} from "./props";

/** The Dispute object for a Disputes row; `now` decides Overdue. */
export function disputeObject(
  row: ParsedRow<DisputeRecord>,
  now: string,
  spreadsheetId?: string,
): Plain & {DisputeId: string; Title: string} {
  const d = row.record;
  const status =
    row.invalid.has("status") || !(DISPUTE_STATUSES as readonly string[]).includes(d.status) ? "" : d.status;
  const id = d.disputeId || `row-${row.row}`;
  const open = status === "Open" || status === "InReview";
  return compact({
    DisputeId: id,
    Title: `${id}: ${d.category || "dispute"}${d.workerId ? ` (${d.workerId})` : ""}`,
    Link: spreadsheetId ? rowLink(spreadsheetId, DISPUTES.sheetId, row.row) : undefined,
    Worker: workerRef(d.workerId),
    WorkerId: d.workerId,
    Category: d.category,
    Channel: d.channel,
    Source: d.source || d.zendeskTicketUrl,
    ThreadId: d.threadId,
    Summary: d.summary,
    OpenedAt: d.openedAt,
    OpenedBy: d.openedBy,
    DueAt: d.dueAt,
    Overdue: Boolean(open && d.dueAt && !d.respondedAt && d.dueAt < now),
    Assignee: d.assignee,
    Status: status,
    Outcome: d.outcome,
    Rationale: d.rationale,
    PolicyClause: d.policyClause,
    DecidedAt: d.decidedAt,
    DecidedBy: d.decidedBy,
    ReversalNeeded: d.reversalNeeded,
    NoticeStatus: d.noticeStatus,
    ReplyVia: replyVia(d),
    OutcomeText: outcomeText(d),
    RespondedAt: d.respondedAt,
    ClosedAt: d.closedAt,
    ZendeskTicketUrl: d.zendeskTicketUrl,
    DiscordUserId: d.discordUserId,
    NextSteps: status ? disputeNextSteps(status) : [],
    UpdatedAt: d.updatedAt,
    Problems: problemText(row),
  }) as Plain & {DisputeId: string; Title: string};
}
/** The DisputeEmail object for a thread, with its worker and dispute when known. */
export function disputeEmailObject(
  thread: ThreadSummary,
  worker: {workerId: string; name: string} | undefined,
  dispute: DisputeRecord | undefined,
): Plain & {ThreadId: string; Subject: string} {
  return compact({
    ThreadId: thread.threadId,
    Subject: thread.subject || "(no subject)",
    Sender: thread.sender,
    SenderEmail: thread.senderEmail,
    Snippet: thread.snippet,
    ReceivedAt: thread.receivedAt,
    LastMessageAt: thread.lastMessageAt,
    Messages: thread.messages,
    SenderVerified: thread.verified,
    Verification: thread.verification,
    // An unproven sender is never matched to a worker.
    Worker: worker && thread.verified ? workerRef(worker.workerId, worker.name) : undefined,
    WorkerId: thread.verified ? worker?.workerId : undefined,
    DisputeId: dispute?.disputeId,
    DisputeStatus: dispute?.status,
    HasOpenDispute: Boolean(dispute && dispute.status !== "Closed"),
    Link: gmailThreadUrl(thread.threadId),
  }) as Plain & {ThreadId: string; Subject: string};
}
/** One worker dispute, as the Disputes sync table and every dispute action show it. */
export const DisputeSchema = coda.makeObjectSchema({
  description: "A worker's dispute, from the moment it is flagged to its communicated outcome.",
  properties: {
    DisputeId: id("The dispute's id, like D-000012."),
    Title: id("Id, category and worker."),
    Link: url("Opens the dispute's row in the ledger."),
    Worker: {...WorkerReferenceSchema, description: "The worker concerned, as a row of the Workers table."},
    WorkerId: text("The worker who raised it."),
    Category: choice(
      DISPUTE_CATEGORIES,
      "Payment, SuspensionAppeal, BlacklistAppeal, QualityRating, ConductReport or Other.",
    ),
    Channel: choice(DISPUTE_CHANNELS, "Where it reached the team: Email, Zendesk, Discord or Other."),
    Source: text("A link to where it was raised (Gmail thread, Zendesk ticket, Discord message), or a note."),
    ThreadId: text("The Gmail thread it came from; the outcome is a reply in it."),
    Summary: text("What the worker disputes."),
    OpenedAt: time("When it was opened."),
    OpenedBy: email("Who opened it."),
    DueAt: time(
      "When a first response is due: business days in the worker's time zone (Settings DisputeResponseDays, Holidays, Weekend).",
    ),
    Overdue: flag("The due date passed before the worker heard back (at the last sync)."),
    Assignee: email("The specialist handling it."),
    Status: choice(DISPUTE_STATUSES, "Open, InReview, Decided or Closed."),
    Outcome: choice(DISPUTE_OUTCOMES, "Upheld, PartiallyUpheld or Rejected."),
    Rationale: text("Why the outcome was decided so; the worker is told this."),
    PolicyClause: text("The Code of Conduct clause the outcome rests on."),
    DecidedAt: time("When it was decided."),
    DecidedBy: email("Who decided it."),
    ReversalNeeded: text(
      "For an upheld appeal: the step to take, like ReinstateWorker W-000123. Nothing reverses automatically.",
    ),
    NoticeStatus: text("Whether the worker was told: sent, or pending and how to send it."),
    ReplyVia: choice(
      ["Zendesk", "Email"],
      "How the worker hears the outcome: Zendesk (opened from a ticket: reply there with the Zendesk pack's ReplyToTicket) or Email.",
    ),
    OutcomeText: text("The decided outcome in words for the worker, ready for ReplyToTicket; empty before a decision."),
    RespondedAt: time("When the worker first heard back."),
    ClosedAt: time("When it was closed."),
    ZendeskTicketUrl: url("The Zendesk ticket, to join with a Zendesk pack."),
    DiscordUserId: text("The worker's Discord user id, to join with a Discord pack."),
    NextSteps: list("Dispute actions the status allows."),
    UpdatedAt: time("When it last changed."),
    Problems: text("What is wrong with its ledger row, if anything."),
  },
  displayProperty: "Title",
  idProperty: "DisputeId",
  // Knowledge for Superhuman Go: what was disputed and decided, with its category and outcome to filter on.
  titleProperty: "Title",
  linkProperty: "Link",
  index: {
    properties: ["Summary", "Rationale"],
    contextProperties: ["Title", "Category", "Status", "Outcome", "PolicyClause"],
    filterableProperties: ["Category", "Status", "Outcome"],
  },
  featuredProperties: ["Worker", "Category", "Status", "DueAt", "Overdue", "Assignee", "Outcome", "NoticeStatus"],
});

/** One Gmail thread under the disputes label. */
export const DisputeEmailSchema = coda.makeObjectSchema({
  description: "An email thread in your Gmail under the disputes label, matched to a worker.",
  properties: {
    ThreadId: id("The Gmail thread id, for FlagDispute."),
    Subject: id("The thread's subject."),
    Sender: text("Who wrote it."),
    SenderEmail: email("The address it came from."),
    Snippet: text("The start of the latest message."),
    ReceivedAt: time("When the sender's first message arrived."),
    LastMessageAt: time("When the latest message arrived."),
    Messages: count("Messages in the thread."),
    SenderVerified: flag(
      "Gmail's authentication results prove the From address (DMARC, or an SPF or DKIM pass aligned with it). Only then is the sender matched to a worker, and only then can FlagDispute open a dispute from it.",
    ),
    Verification: text("What proved the sender, or why nothing did."),
    Worker: {
      ...WorkerReferenceSchema,
      description: "The worker concerned, as a row of the Workers table (only for a verified sender).",
    },
    WorkerId: text("The worker whose canonical email matches the sender, when the sender is verified."),
    DisputeId: text("The dispute opened for this thread, if any."),
    DisputeStatus: text("That dispute's status."),
    HasOpenDispute: flag("A dispute that is not Closed exists for this thread."),
    Link: url("Opens the thread in your Gmail."),
  },
  displayProperty: "Subject",
  idProperty: "ThreadId",
  featuredProperties: ["Sender", "ReceivedAt", "Worker", "HasOpenDispute", "DisputeId"],
});
