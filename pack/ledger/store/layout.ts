import type {Codec} from "./codecs";
import * as z from "zod/mini";
import {date, dateTime, int, json, oneOf, text} from "./codecs";
import {WORKER_STATUSES} from "../../core/lifecycle";
import type {WorkerStatus} from "../../core/lifecycle";
import type {
  AccessGrant,
  BlacklistRecord,
  EventRecord,
  PendingAction,
  PendingBlacklist,
  PendingLift,
  RecentRequest,
  ScreeningClearance,
  Strike,
  SuspensionKind,
  WorkerChanges,
  WorkerRecord,
} from "../../core/records";
import {SUSPENSION_KINDS} from "../../core/records";
import type {OwedStep} from "../../core/external";
import {column, recentSchema} from "./tab";
import type {AnyTab, TabDef} from "./tab";
import {AUDITS, DISPUTES, TRIAGE} from "./layout-casework";
import {SEALS, SETTINGS, STAFF} from "./layout-admin";

// The tabs live in three files: the worker's own tabs here, casework and administration beside.
export * from "./tab";
export * from "./layout-casework";
export * from "./layout-admin";

/**
 * The ledger's layout version, written to Settings by CreateLedger and UpgradeLedger. Readers find
 * columns by header name, so columns may be moved by hand; a new version may add tabs, and columns
 * at the end (UpgradeLedger adds them from the tab definitions). A pack refuses a ledger of a newer
 * version, so an older pack build cannot act on a ledger whose rules it does not know (it would
 * approve past the onboarding gate). Version 3: the onboarding gate's screening and ID columns on
 * Workers (ScreeningSummary, ScreeningKey, ScreeningClearance, IdType, IdDocument, IdCountry,
 * IdExpiresOn), IdFingerprints on Blacklist, the Triage tab. Version 4: Assignee on Audits (only
 * the assignee or a lead records an assigned audit, so an older build must not record one).
 * Version 5: warnings, open suspensions and lifts (Strikes, SuspensionKind, ReviewDueAt,
 * PendingLift, StatusBeforeBlacklist on Workers; LiftedAt, LiftedBy, LiftReason on Blacklist), so
 * an older build cannot screen against a lifted entry or reinstate past a pending lift unknowingly.
 */
export const SCHEMA_VERSION = 5;

/** The first layout version with hashed events, receipts, seals and lead-protected tabs. */
export const TRUST_VERSION = 2;

// A worker's status must be readable: an empty or unknown status is a problem, reported as such.
const status: Codec<WorkerStatus> = {
  ...(oneOf(WORKER_STATUSES) as unknown as Codec<WorkerStatus>),
  empty: "Applicant",
};

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

export {dateTime, date, text, int};
