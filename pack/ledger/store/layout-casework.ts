import * as z from "zod/mini";
import {dateTime, date, int, json, oneOf, text} from "./codecs";
import type {Codec} from "./codecs";
import {column, recentSchema} from "./tab";
import type {TabDef} from "./tab";
import type {AuditRecord, DisputeRecord, PendingNotice, RecentRequest} from "../../core/records";
import {AUDIT_KINDS, AUDIT_STATUSES, DISPUTE_CATEGORIES, DISPUTE_OUTCOMES, DISPUTE_STATUSES} from "../../core/records";
import type {TriageRecord, TriageStatus} from "../../core/triage";

/** The casework tabs: audits, disputes and the triage of findings. */

const a = column<AuditRecord>();
export const AUDITS: TabDef<AuditRecord> = {
  name: "Audits",
  sheetId: 104,
  idKey: "auditId",
  frozenColumns: 2,
  columns: [
    a("auditId", "AuditId", text, {required: true}),
    a("workerId", "WorkerId", text, {required: true}),
    a("kind", "Kind", oneOf(AUDIT_KINDS)),
    a("status", "Status", oneOf(AUDIT_STATUSES), {required: true}),
    a("scheduledAt", "ScheduledAt", dateTime),
    a("dueDate", "DueDate", date),
    a("sampleSeed", "SampleSeed", text),
    a("stratum", "Stratum", text),
    a("auditor", "Auditor", text),
    a("completedAt", "CompletedAt", dateTime),
    a("findings", "Findings", text),
    a("evidence", "Evidence", text),
    a("suggestedStep", "SuggestedStep", text),
    a("missing", "Missing", text),
    a("documentsExpireOn", "DocumentsExpireOn", date),
    a("requestKey", "RequestKey", text),
    a("version", "Version", int),
    a("updatedAt", "UpdatedAt", dateTime),
    a("updatedBy", "UpdatedBy", text),
    a("lock", "Lock", text),
    a("chainHash", "ChainHash", text),
  ],
};

const pendingNoticeSchema = z.nullable(
  z.object({kind: z.string(), eventId: z.string(), since: z.string(), facts: z.optional(z.string())}),
);
const d = column<DisputeRecord>();
export const DISPUTES: TabDef<DisputeRecord> = {
  name: "Disputes",
  sheetId: 105,
  idKey: "disputeId",
  frozenColumns: 2,
  columns: [
    d("disputeId", "DisputeId", text, {required: true}),
    d("workerId", "WorkerId", text),
    d("category", "Category", oneOf(DISPUTE_CATEGORIES)),
    d("channel", "Channel", text),
    d("source", "Source", text),
    d("threadId", "ThreadId", text),
    d("messageId", "MessageId", text),
    d("subject", "Subject", text),
    d("summary", "Summary", text),
    d("openedAt", "OpenedAt", dateTime),
    d("openedBy", "OpenedBy", text),
    d("dueAt", "DueAt", dateTime),
    d("assignee", "Assignee", text),
    d("status", "Status", oneOf(DISPUTE_STATUSES), {required: true}),
    d("outcome", "Outcome", oneOf(DISPUTE_OUTCOMES)),
    d("rationale", "Rationale", text),
    d("policyClause", "PolicyClause", text),
    d("decidedAt", "DecidedAt", dateTime),
    d("decidedBy", "DecidedBy", text),
    d("reversalNeeded", "ReversalNeeded", text),
    d("noticeStatus", "NoticeStatus", text),
    d("pendingNotice", "PendingNotice", json<PendingNotice | null>(pendingNoticeSchema, null)),
    d("respondedAt", "RespondedAt", dateTime),
    d("closedAt", "ClosedAt", dateTime),
    d("closedBy", "ClosedBy", text),
    d("zendeskTicketUrl", "ZendeskTicketUrl", text),
    d("discordUserId", "DiscordUserId", text),
    d("version", "Version", int, {required: true}),
    d("updatedAt", "UpdatedAt", dateTime),
    d("updatedBy", "UpdatedBy", text),
    d("lastEventId", "LastEventId", text),
    d("lock", "Lock", text),
    d("recent", "RecentRequests", json<RecentRequest[]>(recentSchema, [])),
    d("chainHash", "ChainHash", text),
  ],
};

const triageStatus = oneOf(["Open", "Acknowledged", "Snoozed", "Resolved"] as const) as unknown as Codec<TriageStatus>;
const g = column<TriageRecord>();
/** One row per triaged finding: what people decided about it (a finding nobody triaged has none). */
export const TRIAGE: TabDef<TriageRecord> = {
  name: "Triage",
  sheetId: 108,
  idKey: "findingId",
  frozenColumns: 1,
  columns: [
    g("findingId", "FindingId", text, {required: true}),
    g("rule", "Rule", text),
    g("workerIds", "WorkerIds", text),
    g("status", "Status", triageStatus, {required: true}),
    g("assignee", "Assignee", text),
    g("snoozedUntil", "SnoozedUntil", dateTime),
    g("outcome", "Outcome", text),
    g("note", "Note", text),
    g("evidence", "Evidence", text),
    g("resolvedAt", "ResolvedAt", dateTime),
    g("version", "Version", int, {required: true}),
    g("updatedAt", "UpdatedAt", dateTime),
    g("updatedBy", "UpdatedBy", text),
    g("lastEventId", "LastEventId", text),
    g("lock", "Lock", text),
    g("recent", "RecentRequests", json<RecentRequest[]>(recentSchema, [])),
  ],
};
