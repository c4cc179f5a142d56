import type {StaffRole, WorkerStatus} from "./lifecycle";

/** A blacklist proposal waiting for a lead. */
export interface PendingBlacklist {
  proposedBy: string;
  proposedAt: string;
  reason: string;
  policyClause: string;
  evidence: string;
  eventId: string;
}

/** A proposal to lift a blacklisting, waiting for a lead other than the proposer. */
export interface PendingLift {
  proposedBy: string;
  proposedAt: string;
  reason: string;
  evidence: string;
  eventId: string;
}

/** One warning's strike: its weight (Settings `StrikeWeight.<clause>`) counts until it expires. */
export interface Strike {
  eventId: string;
  at: string;
  policyClause: string;
  weight: number;
  expiresAt: string;
}

/** Fixed: until a date. PendingInvestigation: open, with a review due. */
export const SUSPENSION_KINDS = ["Fixed", "PendingInvestigation"] as const;
export type SuspensionKind = (typeof SUSPENSION_KINDS)[number];

/** A follow-up a decision still owes (a notice to send, access to remove), kept until done. */
export interface PendingAction {
  kind: string;
  eventId: string;
  since: string;
  detail?: string;
}

/** A step a decision owes another tool (Discord, Zendesk), kept on the worker until RecordExternalStep records it. */
export interface OwedStep {
  /** `<Tool>.<step>` as Settings write it: "Discord.ban", "Discord.remove-roles:111,222". */
  step: string;
  /** The decision (event type) that owes it. */
  decision: string;
  eventId: string;
  since: string;
}

/** A Drive permission the pack removed from a worker, with what is needed to grant it again. */
export interface AccessGrant {
  /** The project folder (a Drive file id). */
  folderId: string;
  /** The permission's id on that folder when it was removed. */
  permissionId: string;
  /** "user" or "group". */
  type: string;
  /** reader, commenter, writer, fileOrganizer or organizer. */
  role: string;
  emailAddress: string;
  /** When the grant was due to end (RFC 3339), kept so a restored grant ends when it would have. */
  expirationTime?: string;
}

/** A lead's clearance of a screening that found a Match, bound to that screening. */
export interface ScreeningClearance {
  by: string;
  at: string;
  reason: string;
  /** The ScreenedAt and ScreeningKey of the screening it clears: a later screening needs its own. */
  screenedAt: string;
  screeningKey: string;
  eventId: string;
}

/** One recent request on a record: lets a retried or double-clicked action return its first result. */
export interface RecentRequest {
  key: string;
  at: string;
  eventId: string;
}

/** The current state of one worker: the Workers tab row, a projection of the decision log. */
export interface WorkerRecord {
  workerId: string;
  name: string;
  email: string;
  emailKey: string;
  phone: string;
  country: string;
  timezone: string;
  status: WorkerStatus;
  statusSince: string;
  suspendedUntil: string;
  projects: string;
  source: string;
  bankFingerprint: string;
  bankMasked: string;
  bankScheme: string;
  bankCountry: string;
  bankVerification: string;
  idFingerprint: string;
  screeningVerdict: string;
  screenedAt: string;
  documentFolder: string;
  discordUserId: string;
  zendeskUserId: string;
  zendeskTicketUrl: string;
  riskNotes: string;
  pendingBlacklist: PendingBlacklist | null;
  pendingActions: PendingAction[];
  lastActivityAt: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
  lastEventId: string;
  lock: string;
  recent: RecentRequest[];
  /** Project-folder access a suspension removed, restored exactly by ReinstateWorker. */
  accessRemoved: AccessGrant[];
  /** The last screening's matches in brief. */
  screeningSummary: string;
  /** The identity (name, email, phone, account, ID) the last screening saw; another one means it is stale. */
  screeningKey: string;
  screeningClearance: ScreeningClearance | null;
  /** passport, national-id, driving-licence, tax-id or other. */
  idType: string;
  /** The ID number masked: "•••• 4567". The number itself is never stored. */
  idMasked: string;
  idCountry: string;
  idExpiresOn: string;
  /** Warnings' strikes not yet expired when last written (expired ones are dropped; the log keeps all). */
  strikes: Strike[];
  /** For a suspension: Fixed (until a date) or PendingInvestigation (open, with a review due). */
  suspensionKind: SuspensionKind | "";
  /** For an open suspension: when it must be reviewed (UTC ISO). */
  reviewDueAt: string;
  /** A proposal to lift the blacklisting, waiting for a second lead. */
  pendingLift: PendingLift | null;
  /** The status a blacklisting ended, to which lifting it returns the worker. */
  statusBeforeBlacklist: WorkerStatus | "";
  /** The hash of the worker's last event: the next event chains onto it. */
  chainHash?: string;
  /** Steps decisions owe the team's other tools (Discord, Zendesk), until RecordExternalStep records them. */
  externalStepsOwed: OwedStep[];
  /** Discord role ids a recorded remove-roles step removed: what a restore owes back. */
  discordRolesRemoved: string[];
}

/** Fields a decision may set; the bookkeeping fields follow from the event itself. */
export type WorkerChanges = Partial<
  Omit<WorkerRecord, "workerId" | "version" | "updatedAt" | "updatedBy" | "lastEventId" | "lock" | "recent">
>;

/** One row of the append-only decision log. */
export interface EventRecord {
  eventId: string;
  time: string;
  actor: string;
  workerId: string;
  type: string;
  fromStatus: string;
  toStatus: string;
  reason: string;
  policyClause: string;
  evidence: string;
  details: string;
  /** What the event changed on the worker: folding these in order rebuilds the Workers row. */
  changes: WorkerChanges;
  /** The worker's version after this event; 0 for events that do not change a worker. */
  seq: number;
  requestKey: string;
  /** The record whose history this event extends ("W-000123", "D-…", "staff:email"); set when committed. */
  subject?: string;
  /** The hash of the subject's previous event ("" for its first). */
  prevHash?: string;
  /** SHA-256 over this event's fields and `prevHash` (pack/core/chain.ts). */
  hash?: string;
}

export interface StaffRecord {
  email: string;
  role: StaffRole;
  addedBy: string;
  addedAt: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
  lock: string;
  /** "Removed" once RemoveStaff took effect: such a row grants nothing. */
  status?: string;
  /** A change of lead waiting for a second lead: the role to take, or "removed". */
  pendingRole?: string;
  pendingBy?: string;
  pendingAt?: string;
  chainHash?: string;
}

/** A blacklisted identity: only keys and fingerprints, never clear account or ID numbers. */
export interface BlacklistRecord {
  entryId: string;
  workerId: string;
  name: string;
  nameKey: string;
  emailKeys: string;
  phones: string;
  bankFingerprints: string;
  idFingerprints: string;
  country: string;
  reason: string;
  policyClause: string;
  evidence: string;
  proposedBy: string;
  approvedBy: string;
  approvedAt: string;
  eventId: string;
  /** When a lift of the blacklisting was approved: the entry stays as history and no longer matches. */
  liftedAt?: string;
  liftedBy?: string;
  liftReason?: string;
}

/** A worker with no history: the state before the first event. */
export function emptyWorker(workerId: string): WorkerRecord {
  return {
    workerId,
    name: "",
    email: "",
    emailKey: "",
    phone: "",
    country: "",
    timezone: "",
    status: "Applicant",
    statusSince: "",
    suspendedUntil: "",
    projects: "",
    source: "",
    bankFingerprint: "",
    bankMasked: "",
    bankScheme: "",
    bankCountry: "",
    bankVerification: "",
    idFingerprint: "",
    screeningVerdict: "",
    screenedAt: "",
    documentFolder: "",
    discordUserId: "",
    zendeskUserId: "",
    zendeskTicketUrl: "",
    riskNotes: "",
    pendingBlacklist: null,
    pendingActions: [],
    lastActivityAt: "",
    version: 0,
    updatedAt: "",
    updatedBy: "",
    lastEventId: "",
    lock: "",
    recent: [],
    accessRemoved: [],
    externalStepsOwed: [],
    discordRolesRemoved: [],
    screeningSummary: "",
    screeningKey: "",
    screeningClearance: null,
    idType: "",
    idMasked: "",
    idCountry: "",
    idExpiresOn: "",
    strikes: [],
    suspensionKind: "",
    reviewDueAt: "",
    pendingLift: null,
    statusBeforeBlacklist: "",
  };
}

export const AUDIT_KINDS = ["Conduct", "Documentation"] as const;
export const AUDIT_STATUSES = ["Scheduled", "Passed", "Concerns", "Failed", "Cancelled"] as const;

/** One audit of one worker: scheduled, then recorded with an outcome. */
export interface AuditRecord {
  auditId: string;
  workerId: string;
  kind: (typeof AUDIT_KINDS)[number] | "";
  status: (typeof AUDIT_STATUSES)[number] | "";
  scheduledAt: string;
  dueDate: string;
  sampleSeed: string;
  stratum: string;
  auditor: string;
  completedAt: string;
  findings: string;
  evidence: string;
  suggestedStep: string;
  missing: string;
  /** Documentation audits: the earliest expiry date among the documents found (YYYY-MM-DD). */
  documentsExpireOn: string;
  /** The idempotency key of the request that last wrote the audit. */
  requestKey: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
  lock: string;
  chainHash?: string;
  /** Who is to record it (AssignAudit); "" while nobody is. Only they or a lead may record it. */
  assignee: string;
}

export const DISPUTE_CATEGORIES = [
  "Payment",
  "SuspensionAppeal",
  "BlacklistAppeal",
  "QualityRating",
  "ConductReport",
  "Other",
] as const;
export const DISPUTE_STATUSES = ["Open", "InReview", "Decided", "Closed"] as const;
export const DISPUTE_OUTCOMES = ["Upheld", "PartiallyUpheld", "Rejected"] as const;

/** A notice a dispute still owes the worker (disputes keep their own, apart from the worker's). */
export interface PendingNotice {
  kind: string;
  /** The event that owes it: with the kind, it gives the notice its Message-ID. */
  eventId: string;
  since: string;
  /** The facts as the worker is told them (workerFacts), when the specialist gave them. */
  facts?: string;
}

/** A worker's dispute, from the moment it is flagged to its communicated outcome. */
export interface DisputeRecord {
  disputeId: string;
  workerId: string;
  category: (typeof DISPUTE_CATEGORIES)[number] | "";
  channel: string;
  source: string;
  threadId: string;
  /** The RFC 822 Message-ID of the worker's latest email when flagged, for replying in thread. */
  messageId: string;
  /** The subject of the worker's email thread. */
  subject: string;
  summary: string;
  openedAt: string;
  openedBy: string;
  dueAt: string;
  assignee: string;
  status: (typeof DISPUTE_STATUSES)[number] | "";
  outcome: (typeof DISPUTE_OUTCOMES)[number] | "";
  rationale: string;
  /** The Code of Conduct clause the outcome rests on, if any. */
  policyClause: string;
  decidedAt: string;
  decidedBy: string;
  reversalNeeded: string;
  noticeStatus: string;
  pendingNotice: PendingNotice | null;
  /** When the worker first heard back (an acknowledgement or the outcome). */
  respondedAt: string;
  closedAt: string;
  closedBy: string;
  zendeskTicketUrl: string;
  discordUserId: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
  lastEventId: string;
  lock: string;
  recent: RecentRequest[];
  chainHash?: string;
}

/**
 * A record read from a sheet row: its 1-based row number and what could not be read. The ledger
 * always fills `problems` and `invalid` (see ParsedRow); rows built in code may leave them out.
 */
export interface SheetRow<R> {
  row: number;
  record: R;
  /** What is wrong with the row, in words. */
  problems?: string[];
  /** Fields whose cell could not be read; they hold the empty value. */
  invalid?: ReadonlySet<string>;
}
