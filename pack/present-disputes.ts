// Turns disputes and Gmail threads into the objects Coda shows. Empty values are left out.
import {disputeNextSteps} from "./core/disputes";
import type {DisputeRecord} from "./core/records";
import {DISPUTE_STATUSES} from "./core/records";
import {gmailThreadUrl} from "./core/disputes";
import type {ThreadSummary} from "./ledger/disputes";
import type {ParsedRow} from "./ledger/rows";
import type {Plain} from "./present";
import {compact, problemText, workerRef} from "./present";
import {DISPUTES} from "./ledger/layout";
import {rowLink} from "./ledger/ref";

/** The Dispute object for a Disputes row; `now` decides Overdue. */
export function disputeObject(row: ParsedRow<DisputeRecord>, now: string, spreadsheetId?: string): Plain & {DisputeId: string; Title: string} {
  const d = row.record;
  const status = row.invalid.has("status") || !(DISPUTE_STATUSES as readonly string[]).includes(d.status) ? "" : d.status;
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
    Worker: worker ? workerRef(worker.workerId, worker.name) : undefined,
    WorkerId: worker?.workerId,
    DisputeId: dispute?.disputeId,
    DisputeStatus: dispute?.status,
    HasOpenDispute: Boolean(dispute && dispute.status !== "Closed"),
    Link: gmailThreadUrl(thread.threadId),
  }) as Plain & {ThreadId: string; Subject: string};
}
