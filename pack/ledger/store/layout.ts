import type {Codec} from "./codecs";
import * as z from "zod/mini";
import {date, dateTime, int, json, oneOf, text} from "./codecs";
import {STAFF_ROLES, WORKER_STATUSES} from "../../core/lifecycle";
import type {WorkerStatus, StaffRole} from "../../core/lifecycle";
import type {
  AccessGrant,
  AuditRecord,
  BlacklistRecord,
  DisputeRecord,
  EventRecord,
  PendingAction,
  PendingBlacklist,
  PendingLift,
  PendingNotice,
  RecentRequest,
  ScreeningClearance,
  StaffRecord,
  Strike,
  SuspensionKind,
  WorkerChanges,
  WorkerRecord,
} from "../../core/records";
import {
  AUDIT_KINDS,
  AUDIT_STATUSES,
  DISPUTE_CATEGORIES,
  DISPUTE_OUTCOMES,
  DISPUTE_STATUSES,
  SUSPENSION_KINDS,
} from "../../core/records";
import {sha256Hex} from "../../core/hash";
import type {TriageRecord, TriageStatus} from "../../core/triage";
import type {OwedStep} from "../../core/external";

/**
 * The ledger's layout version, written to Settings by CreateLedger. Readers find columns by
 * header name, so columns may be moved by hand; a new version may add columns at the end.
 */
export const SCHEMA_VERSION = 2;

/** The first layout version with hashed events, receipts, seals and lead-protected tabs. */
export const TRUST_VERSION = 2;

/** One column of a ledger tab: its header, the record field it holds, and how cells are read and written. */
export interface Column<R> {
  key: keyof R & string;
  header: string;
  codec: Codec<never>;
  /** A row whose cell here is empty is reported. */
  required: boolean;
  /** Other header spellings accepted when reading, for a column renamed by hand. */
  aliases: readonly string[];
}

/** A ledger tab: its name and columns, in the order CreateLedger writes them. */
export interface TabDef<R> {
  name: string;
  columns: ReadonlyArray<Column<R>>;
  /** The field that identifies a row, reported with problems. */
  idKey: keyof R & string;
  /** Columns shown frozen at the left (ids, names). */
  frozenColumns: number;
  /** The sheet id CreateLedger gives the tab; batchUpdate requests address tabs by it. */
  sheetId: number;
}

/** Any tab, for code that handles tabs generically. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTab = TabDef<any>;

function column<R>() {
  return <K extends keyof R & string>(
    key: K,
    header: string,
    codec: Codec<R[K]>,
    options: {required?: boolean; aliases?: string[]} = {},
  ): Column<R> => ({
    key,
    header,
    codec: codec as unknown as Codec<never>,
    required: options.required ?? false,
    aliases: options.aliases ?? [],
  });
}

// A worker's status must be readable: an empty or unknown status is a problem, reported as such.
const status: Codec<WorkerStatus> = {
  ...(oneOf(WORKER_STATUSES) as unknown as Codec<WorkerStatus>),
  empty: "Applicant",
};

const role: Codec<StaffRole> = {...(oneOf(STAFF_ROLES) as unknown as Codec<StaffRole>), empty: "viewer"};

const pendingBlacklistSchema = z.nullable(
  z.object({
    proposedBy: z.string(),
    proposedAt: z.string(),
    reason: z.string(),
    policyClause: z.string(),
    evidence: z.string(),
    eventId: z.string(),
  }),
);
const pendingActionsSchema = z.array(
  z.object({kind: z.string(), eventId: z.string(), since: z.string(), detail: z.optional(z.string())}),
);
const recentSchema = z.array(z.object({key: z.string(), at: z.string(), eventId: z.string()}));
const accessSchema = z.array(
  z.object({
    folderId: z.string(),
    permissionId: z.string(),
    type: z.string(),
    role: z.string(),
    emailAddress: z.string(),
    expirationTime: z.optional(z.string()),
  }),
);
const pendingLiftSchema = z.nullable(
  z.object({
    proposedBy: z.string(),
    proposedAt: z.string(),
    reason: z.string(),
    evidence: z.string(),
    eventId: z.string(),
  }),
);
const strikesSchema = z.array(
  z.object({
    eventId: z.string(),
    at: z.string(),
    policyClause: z.string(),
    weight: z.number(),
    expiresAt: z.string(),
  }),
);
const suspensionKind: Codec<SuspensionKind | ""> = oneOf(SUSPENSION_KINDS);
const priorStatus: Codec<WorkerStatus | ""> = oneOf(WORKER_STATUSES);
const owedStepsSchema = z.array(
  z.object({step: z.string(), decision: z.string(), eventId: z.string(), since: z.string()}),
);
const idListSchema = z.array(z.string());
const clearanceSchema = z.nullable(
  z.object({
    by: z.string(),
    at: z.string(),
    reason: z.string(),
    screenedAt: z.string(),
    screeningKey: z.string(),
    eventId: z.string(),
  }),
);
// The changes an event made: any worker field. Unknown keys are dropped by the object schema.
const changesSchema = z.record(z.string(), z.unknown());

const w = column<WorkerRecord>();
export const WORKERS: TabDef<WorkerRecord> = {
  name: "Workers",
  sheetId: 101,
  idKey: "workerId",
  frozenColumns: 2,
  columns: [
    w("workerId", "WorkerId", text, {required: true, aliases: ["Worker Id", "ID"]}),
    w("name", "Name", text, {required: true}),
    w("email", "Email", text),
    w("emailKey", "EmailKey", text),
    w("phone", "Phone", text),
    w("country", "Country", text),
    w("timezone", "Timezone", text, {aliases: ["Time zone"]}),
    w("status", "Status", status, {required: true}),
    w("statusSince", "StatusSince", dateTime),
    w("suspendedUntil", "SuspendedUntil", date),
    w("projects", "Projects", text),
    w("source", "Source", text),
    w("bankFingerprint", "BankFingerprint", text),
    w("bankMasked", "BankAccount", text),
    w("bankScheme", "BankScheme", text),
    w("bankCountry", "BankCountry", text),
    w("bankVerification", "BankVerification", text),
    w("idFingerprint", "IdFingerprint", text),
    w("screeningVerdict", "ScreeningVerdict", text),
    w("screenedAt", "ScreenedAt", dateTime),
    w("documentFolder", "DocumentFolder", text),
    w("discordUserId", "DiscordUserId", text),
    w("zendeskUserId", "ZendeskUserId", text),
    w("zendeskTicketUrl", "ZendeskTicketUrl", text),
    w("riskNotes", "RiskNotes", text),
    w("pendingBlacklist", "PendingBlacklist", json<PendingBlacklist | null>(pendingBlacklistSchema, null)),
    w("pendingActions", "PendingActions", json<PendingAction[]>(pendingActionsSchema, [])),
    w("lastActivityAt", "LastActivityAt", dateTime),
    w("version", "Version", int, {required: true}),
    w("updatedAt", "UpdatedAt", dateTime),
    w("updatedBy", "UpdatedBy", text),
    w("lastEventId", "LastEventId", text),
    w("lock", "Lock", text),
    w("recent", "RecentRequests", json<RecentRequest[]>(recentSchema, [])),
    w("accessRemoved", "AccessRemoved", json<AccessGrant[]>(accessSchema, [])),
    w("chainHash", "ChainHash", text),
    w("externalStepsOwed", "ExternalStepsOwed", json<OwedStep[]>(owedStepsSchema, [])),
    w("discordRolesRemoved", "DiscordRolesRemoved", json<string[]>(idListSchema, [])),
    w("screeningSummary", "ScreeningSummary", text),
    w("screeningKey", "ScreeningKey", text),
    w("screeningClearance", "ScreeningClearance", json<ScreeningClearance | null>(clearanceSchema, null)),
    w("idType", "IdType", text),
    w("idMasked", "IdDocument", text),
    w("idCountry", "IdCountry", text),
    w("idExpiresOn", "IdExpiresOn", date),
    w("strikes", "Strikes", json<Strike[]>(strikesSchema, [])),
    w("suspensionKind", "SuspensionKind", suspensionKind),
    w("reviewDueAt", "ReviewDueAt", dateTime),
    w("pendingLift", "PendingLift", json<PendingLift | null>(pendingLiftSchema, null)),
    w("statusBeforeBlacklist", "StatusBeforeBlacklist", priorStatus),
  ],
};

const e = column<EventRecord>();
export const EVENTS: TabDef<EventRecord> = {
  name: "Events",
  sheetId: 102,
  idKey: "eventId",
  frozenColumns: 1,
  columns: [
    e("eventId", "EventId", text, {required: true}),
    e("time", "Time", dateTime, {required: true}),
    e("actor", "Actor", text, {required: true}),
    e("workerId", "WorkerId", text),
    e("type", "Type", text, {required: true}),
    e("fromStatus", "FromStatus", text),
    e("toStatus", "ToStatus", text),
    e("reason", "Reason", text),
    e("policyClause", "PolicyClause", text),
    e("evidence", "Evidence", text),
    e("details", "Details", text),
    e("changes", "Changes", json<WorkerChanges>(changesSchema as unknown as z.ZodMiniType<WorkerChanges>, {})),
    e("seq", "Seq", int),
    e("requestKey", "RequestKey", text),
    e("subject", "Subject", text),
    e("prevHash", "PrevHash", text),
    e("hash", "Hash", text),
  ],
};

const b = column<BlacklistRecord>();
export const BLACKLIST: TabDef<BlacklistRecord> = {
  name: "Blacklist",
  sheetId: 103,
  idKey: "entryId",
  frozenColumns: 1,
  columns: [
    b("entryId", "EntryId", text, {required: true}),
    b("workerId", "WorkerId", text),
    b("name", "Name", text),
    b("nameKey", "NameKey", text),
    b("emailKeys", "EmailKeys", text),
    b("phones", "Phones", text),
    b("bankFingerprints", "BankFingerprints", text),
    b("idFingerprints", "IdFingerprints", text),
    b("country", "Country", text),
    b("reason", "Reason", text, {required: true}),
    b("policyClause", "PolicyClause", text),
    b("evidence", "Evidence", text),
    b("proposedBy", "ProposedBy", text),
    b("approvedBy", "ApprovedBy", text),
    b("approvedAt", "ApprovedAt", dateTime),
    b("eventId", "EventId", text),
    b("liftedAt", "LiftedAt", dateTime),
    b("liftedBy", "LiftedBy", text),
    b("liftReason", "LiftReason", text),
  ],
};

const s = column<StaffRecord>();
export const STAFF: TabDef<StaffRecord> = {
  name: "Staff",
  sheetId: 106,
  idKey: "email",
  frozenColumns: 1,
  columns: [
    s("email", "Email", text, {required: true}),
    s("role", "Role", role, {required: true}),
    s("addedBy", "AddedBy", text),
    s("addedAt", "AddedAt", dateTime),
    s("version", "Version", int),
    s("updatedAt", "UpdatedAt", dateTime),
    s("updatedBy", "UpdatedBy", text),
    s("lock", "Lock", text),
    s("status", "Status", text),
    s("pendingRole", "PendingRole", text),
    s("pendingBy", "PendingBy", text),
    s("pendingAt", "PendingAt", dateTime),
    s("chainHash", "ChainHash", text),
  ],
};

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

export interface SettingRecord {
  key: string;
  value: string;
  note: string;
}

const st = column<SettingRecord>();
export const SETTINGS: TabDef<SettingRecord> = {
  name: "Settings",
  sheetId: 107,
  idKey: "key",
  frozenColumns: 1,
  columns: [st("key", "Key", text, {required: true}), st("value", "Value", text), st("note", "Note", text)],
};

/** A lead's seal over the log: every event hash up to a row, chained into one digest. */
export interface SealRecord {
  sealId: string;
  sealedThrough: number;
  digest: string;
  sealedAt: string;
  sealedBy: string;
  events: number;
  note: string;
}

const se = column<SealRecord>();
export const SEALS: TabDef<SealRecord> = {
  name: "Seals",
  sheetId: 109,
  idKey: "sealId",
  frozenColumns: 1,
  columns: [
    se("sealId", "SealId", text, {required: true}),
    se("sealedThrough", "SealedThrough", int, {required: true}),
    se("digest", "Digest", text, {required: true}),
    se("sealedAt", "SealedAt", dateTime),
    se("sealedBy", "SealedBy", text),
    se("events", "Events", int),
    se("note", "Note", text),
  ],
};

/** Every tab CreateLedger makes, in tab order. */
export const ALL_TABS: readonly AnyTab[] = [
  WORKERS,
  EVENTS,
  BLACKLIST,
  AUDITS,
  DISPUTES,
  STAFF,
  SETTINGS,
  TRIAGE,
  SEALS,
];

/** Tabs only the current leads may edit: a hard protection each, its editors the leads. */
export const LEAD_TABS: readonly AnyTab[] = [STAFF, SETTINGS, BLACKLIST, SEALS];

/** One row of a staff member's receipts tab: an event they appended, and its hash. */
export interface ReceiptRecord {
  eventId: string;
  hash: string;
  time: string;
}

const rc = column<ReceiptRecord>();
const RECEIPT_COLUMNS = [
  rc("eventId", "EventId", text, {required: true}),
  rc("hash", "Hash", text, {required: true}),
  rc("time", "Time", dateTime),
];

/** The prefix of every receipts tab's name: "Receipts lena@x.example". */
export const RECEIPTS_PREFIX = "Receipts ";

/**
 * A staff member's receipts tab: a hard protection only they (and the owner) can edit, created
 * by their own first action. Its sheet id follows from the email, so a commit can address it
 * without looking it up.
 */
export function receiptsTab(email: string): TabDef<ReceiptRecord> {
  const lower = email.toLowerCase();
  return {
    name: `${RECEIPTS_PREFIX}${lower}`,
    sheetId: 1_000_000 + (parseInt(sha256Hex(`receipts:${lower}`).slice(0, 7), 16) % 1_000_000_000),
    idKey: "eventId",
    frozenColumns: 1,
    columns: RECEIPT_COLUMNS,
  };
}

export {dateTime, date, text, int};

/**
 * The grid a new tab gets: its columns and two spare for notes. A workbook holds at most ten
 * million cells and every appended row costs a full grid row, so unused columns cost capacity.
 */
export function tabGrid(tab: AnyTab): {
  rowCount: number;
  columnCount: number;
  frozenRowCount: number;
  frozenColumnCount: number;
} {
  return {rowCount: 1000, columnCount: tab.columns.length + 2, frozenRowCount: 1, frozenColumnCount: tab.frozenColumns};
}
