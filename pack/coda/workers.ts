import * as coda from "@codahq/packs-sdk";
import {TRANSITIONS, WORKER_STATUSES, allowedSteps} from "../core/lifecycle";
import {currentClearance, screeningGap, screeningState} from "../core/screening-gate";
import type {StaffRole, WorkerStatus} from "../core/lifecycle";
import type {EventRecord, WorkerRecord} from "../core/records";
import {longDate} from "../core/dates";
import {activeStrikes} from "../core/casework";
import {SUSPENSION_KINDS} from "../core/records";
import {TIMELINE_KINDS} from "../core/worker-file";
import type {ParsedRow} from "../ledger/store/rows";
import {count, date, dateTime, email, id, list, select, text, url} from "./props";
import {compact, detailText, problemText, workerRef} from "./objects";
import type {Plain} from "./objects";

/** Who is looking at a Worker: their role decides NextSteps; follow-ups that just failed are shown with why. */
export interface WorkerView {
  /** The viewer's role on the Staff tab; undefined when they are not on it (NextSteps is then empty). */
  role: StaffRole | undefined;
  /** The time ActiveStrikes are counted at (UTC ISO); the execution's clock when absent. */
  now?: string;
  failed?: ReadonlyArray<{kind: string; reason: string}>;
}

/** The Worker an action returns, seen by the person who ran it. */
export function workerResult(result: {
  worker: ParsedRow<WorkerRecord>;
  session: {actor: {role: StaffRole | undefined}};
  followUps?: {failed: ReadonlyArray<{kind: string; reason: string}>};
}): Plain & {WorkerId: string; Name: string} {
  return workerObject(result.worker, {role: result.session.actor.role, failed: result.followUps?.failed});
}

/** The Worker object for a Workers row. Fields that could not be read are left blank. */
export function workerObject(row: ParsedRow<WorkerRecord>, view: WorkerView): Plain & {WorkerId: string; Name: string} {
  const w = row.record;
  const failures = (view.failed ?? []).map((f) => `Not done: ${f.kind}: ${f.reason}`);
  const ok = (key: keyof WorkerRecord & string) => !row.invalid.has(key);
  const status = ok("status") && WORKER_STATUSES.includes(w.status) ? w.status : "";
  return compact({
    WorkerId: w.workerId || `row-${row.row}`,
    Name: w.name || (w.workerId ? w.workerId : `Sheet row ${row.row}`),
    Status: status,
    StatusSince: w.statusSince,
    SuspendedUntil: w.suspendedUntil,
    SuspensionKind: status === "Suspended" ? w.suspensionKind || (w.suspendedUntil ? "Fixed" : "") : "",
    ReviewDueAt: status === "Suspended" ? w.reviewDueAt : "",
    ActiveStrikes: ok("strikes") ? activeStrikes(w.strikes, view.now ?? new Date().toISOString()) : undefined,
    Email: w.email,
    Phone: w.phone,
    Country: w.country,
    Timezone: w.timezone,
    Projects: w.projects ? w.projects.split(/\s*[,;]\s*/).filter(Boolean) : undefined,
    Source: w.source,
    BankAccount: w.bankMasked,
    BankScheme: w.bankScheme,
    BankCountry: w.bankCountry,
    BankVerification: w.bankVerification,
    ScreeningVerdict: w.screeningVerdict,
    ScreenedAt: w.screenedAt,
    ScreeningSummary: w.screeningSummary,
    ScreeningClearedBy: currentClearance(w)?.by,
    ScreeningGate: status === "Vetting" || status === "Applicant" ? screeningGap(w) : "",
    IdDocument: w.idMasked
      ? `${w.idType} ${w.idMasked}${w.idCountry ? ` (${w.idCountry})` : ""}${w.idExpiresOn ? `, expires ${w.idExpiresOn}` : ""}`
      : "",
    DocumentFolder: folderLink(w.documentFolder),
    DiscordUserId: w.discordUserId,
    ZendeskUserId: w.zendeskUserId,
    ZendeskTicketUrl: w.zendeskTicketUrl,
    RiskNotes: w.riskNotes,
    PendingBlacklist: w.pendingBlacklist
      ? `Proposed by ${w.pendingBlacklist.proposedBy} on ${longDate(w.pendingBlacklist.proposedAt)}: ${w.pendingBlacklist.reason} (${w.pendingBlacklist.policyClause})`
      : "",
    PendingActions: [
      ...w.pendingActions.map(
        (p) => `${p.kind} since ${longDate(p.since)}${p.detail ? `: ${detailText(p.detail)}` : ""}`,
      ),
      ...failures,
    ].join("\n"),
    PendingLift: w.pendingLift
      ? `Proposed by ${w.pendingLift.proposedBy} on ${longDate(w.pendingLift.proposedAt)}: ${w.pendingLift.reason}`
      : "",
    ExternalStepsOwed: ok("externalStepsOwed") ? w.externalStepsOwed.map((o) => o.step) : [],
    NextSteps: status ? nextSteps(status as WorkerStatus, Boolean(w.pendingBlacklist), view.role, w) : [],
    LastActivity: w.lastActivityAt,
    Version: ok("version") ? w.version : undefined,
    UpdatedAt: w.updatedAt,
    UpdatedBy: w.updatedBy,
    LastEventId: w.lastEventId,
    Problems: problemText(row),
  }) as Plain & {WorkerId: string; Name: string};
}

/**
 * The steps the viewer may take now (none for viewers and for people not on the Staff tab); before
 * approval, what screening still needs (ScreenWorker, ClearScreening) instead of ApproveWorker.
 */
function nextSteps(
  status: WorkerStatus,
  pendingProposal: boolean,
  role: StaffRole | undefined,
  w: WorkerRecord,
): string[] {
  const live = Boolean(role) && role !== "viewer" && (status === "Applicant" || status === "Vetting");
  const state = screeningState(w);
  const gate: string[] = !live
    ? []
    : state !== "current"
      ? ["ScreenWorker"]
      : w.screeningVerdict === "Match" && !currentClearance(w)
        ? ["ClearScreening"]
        : [];
  const blocked = state !== "current" || (w.screeningVerdict === "Match" && !currentClearance(w));
  const steps = allowedSteps(status, role).filter((step) => {
    if (step === "AddNote") {
      return false;
    }
    if (step === "ApproveLiftBlacklist") {
      return Boolean(w.pendingLift);
    }
    if (step === "ProposeLiftBlacklist") {
      return !w.pendingLift;
    }
    if (step === "ApproveWorker" && blocked) {
      return false;
    }
    if (step === "ApproveBlacklist" || step === "DeclineBlacklist") {
      return pendingProposal;
    }
    if (step === "ProposeBlacklist") {
      return !pendingProposal;
    }
    return TRANSITIONS[step].from.includes(status);
  });
  return [...steps, ...gate];
}

/** The Decision object for an Events row. */
export function decisionObject(row: ParsedRow<EventRecord>, names?: ReadonlyMap<string, string>): Plain {
  const e = row.record;
  return compact({
    EventId: e.eventId || `row-${row.row}`,
    Summary: decisionSummary(e),
    Time: e.time,
    Actor: e.actor,
    Worker: workerRef(e.workerId, names?.get(e.workerId)),
    WorkerId: e.workerId,
    Type: e.type,
    FromStatus: e.fromStatus,
    ToStatus: e.toStatus,
    Reason: e.reason,
    PolicyClause: e.policyClause,
    Evidence: e.evidence,
    Details: e.details,
    Seq: e.seq || undefined,
    SheetRow: row.row,
    Problems: problemText(row),
  });
}

/** "W-000123 Suspended: repeated plagiarism (CoC 4.2)". */
export function decisionSummary(e: EventRecord): string {
  const who = e.workerId ? `${e.workerId} ` : "";
  const why = e.reason
    ? `: ${e.reason}${e.policyClause ? ` (${e.policyClause})` : ""}`
    : e.details
      ? `: ${e.details}`
      : "";
  return `${who}${e.type || "Unknown event"}${why}`.slice(0, 300);
}

/** One worker as the Workers sync table and every lifecycle action show it. */
export const WorkerSchema = coda.makeObjectSchema({
  description: "A worker on the platform and their current Trust & Safety state.",
  properties: {
    WorkerId: id("The worker's id in the ledger, like W-000123."),
    Name: id("The worker's name as given at application."),
    Status: select(WORKER_STATUSES, "Applicant, Vetting, Active, Suspended, Offboarded, Blacklisted or Rejected."),
    StatusSince: dateTime("When the worker entered the current status."),
    SuspendedUntil: date("For a suspension: the first day the worker may work again."),
    SuspensionKind: select(
      SUSPENSION_KINDS,
      "For a suspension: Fixed (until SuspendedUntil) or PendingInvestigation (no end date yet, reviewed by ReviewDueAt).",
    ),
    ReviewDueAt: dateTime("For a suspension pending investigation: when it must be reviewed."),
    ActiveStrikes: count(
      "The weight of the worker's warnings that have not expired (Settings StrikeWeight.<clause>, StrikeExpiryDays).",
    ),
    Email: email("The email address the worker applied with."),
    Phone: text("Phone number in international (E.164) form."),
    Country: text("Country of residence, ISO 3166 two-letter code."),
    Timezone: text("The worker's time zone, used for dates in notices."),
    Projects: list("Projects the worker is on."),
    Source: text("Where the application came from (a recruiter sheet, a referral)."),
    BankAccount: text("The payout account, masked but for the last four characters. The full number is never stored."),
    BankScheme: text("The kind of account: IBAN, ABA, CLABE, IFSC, UK sort code or other."),
    BankCountry: text("The country of the payout account."),
    BankVerification: text("The result of the last bank details check."),
    ScreeningVerdict: text(
      "The latest screening verdict: Clear, Review or Match. A person decides; this only informs.",
    ),
    ScreenedAt: dateTime("When the worker was last screened."),
    ScreeningSummary: text("The last screening's matches: which record, which field, how and the score."),
    ScreeningClearedBy: email("The lead who cleared the current screening's Match or Review, if any."),
    ScreeningGate: text("What screening still needs before the worker can be approved; empty when nothing."),
    IdDocument: text(
      "The identity document: type, masked number, country and expiry. The number itself is never stored.",
    ),
    DocumentFolder: url("The worker's document folder in Google Drive."),
    DiscordUserId: text("The worker's Discord user id, to join with a Discord pack."),
    ZendeskUserId: text("The worker's Zendesk user id, to join with a Zendesk pack."),
    ZendeskTicketUrl: url("The Zendesk ticket about this worker, if any."),
    RiskNotes: text("Notes on risk recorded by specialists."),
    PendingBlacklist: text("A blacklist proposal waiting for a lead: who proposed it, when and why."),
    PendingLift: text("A proposal to lift the blacklisting waiting for a second lead: who proposed it, when and why."),
    PendingActions: text("Follow-ups a decision still owes, such as a notice not yet sent."),
    ExternalStepsOwed: list(
      "Steps decisions owe Discord and Zendesk, as <Tool>.<step> (Discord.ban, Discord.remove-roles:111,222): take each with the companion pack, then RecordExternalStep.",
    ),
    NextSteps: list(
      "Lifecycle actions the worker's status allows, for enabling buttons (roles are checked when a button runs).",
    ),
    LastActivity: dateTime("The last recorded activity of the worker."),
    Version: count("How many decisions the ledger holds about this worker."),
    UpdatedAt: dateTime("When the latest decision was recorded."),
    UpdatedBy: email("Who recorded the latest decision."),
    LastEventId: text("The id of the latest decision in the decision log."),
    Problems: text(
      "What is wrong with this worker's row in the ledger, with its sheet row number. Empty when the row is sound.",
    ),
  },
  displayProperty: "Name",
  idProperty: "WorkerId",
  featuredProperties: [
    "WorkerId",
    "Status",
    "Country",
    "ScreeningVerdict",
    "BankVerification",
    "SuspendedUntil",
    "UpdatedAt",
    "Problems",
  ],
});

/** A reference to a Worker row, for other tables' rows to point at. */
export const WorkerReferenceSchema = coda.makeReferenceSchemaFromObjectSchema(WorkerSchema, "Worker");

/** One decision in the append-only decision log. */
export const DecisionSchema = coda.makeObjectSchema({
  description: "One decision recorded in the ledger's append-only decision log.",
  properties: {
    EventId: text("The decision's id, like E-7K3M9QX2A4."),
    Summary: text("The decision in one line."),
    Time: dateTime("When the decision was recorded (stored in UTC)."),
    Actor: email("The Google account of the person who took the decision."),
    Worker: {...WorkerReferenceSchema, description: "The worker the decision is about, as a row of the Workers table."},
    WorkerId: text("The worker the decision is about."),
    Type: text("What kind of decision: Suspended, Reinstated, Blacklisted, …"),
    FromStatus: text("The worker's status before."),
    ToStatus: text("The worker's status after."),
    Reason: text("The reason given."),
    PolicyClause: text("The Code of Conduct clause the decision rests on."),
    Evidence: text("Links or references to the evidence, one per line."),
    Details: text("Anything else recorded with the decision."),
    Seq: count("The worker's version after this decision."),
    SheetRow: count("The decision's row in the Events tab."),
    Problems: text("What is wrong with this row of the log, if anything."),
  },
  displayProperty: "Summary",
  idProperty: "EventId",
  featuredProperties: ["Time", "Worker", "Type", "Reason", "Actor"],
});

/** One entry of a worker's file. */
export const TimelineEntrySchema = coda.makeObjectSchema({
  description: "One thing the ledger holds about the worker.",
  properties: {
    Kind: select(
      TIMELINE_KINDS,
      "Decision, Note, Screening, Bank check, ID check, Audit, Dispute, Notice, Access or Finding.",
    ),
    Time: dateTime("When it happened (for a finding: when its condition began)."),
    Actor: text("Who: a staff member's Google account, or the monitoring rules."),
    Text: text("What, in a sentence."),
    Ref: text("The decision id in the log, or the finding id."),
  },
  displayProperty: "Text",
});

/** WorkerFile's result: the worker and one timeline, newest first. */
export const WorkerFileSchema = coda.makeObjectSchema({
  description: "Everything the ledger holds about one worker, for a lead before a decision or a skill's case summary.",
  properties: {
    WorkerId: id("The worker's id."),
    Worker: {...WorkerSchema, description: "The worker's row as the Workers table shows it."},
    Timeline: {
      type: coda.ValueType.Array,
      items: TimelineEntrySchema,
      description:
        "Decisions, notes, screenings, bank and ID checks, audits, disputes, notices and current findings, newest first. Internal notes are never shown to the worker.",
    },
  },
  displayProperty: "WorkerId",
  idProperty: "WorkerId",
});
/** A Drive folder as a link: a bare folder id (as an import or a hand edit leaves it) becomes its URL; anything else is left out. */
export function folderLink(value: string): string | undefined {
  if (/^https:\/\/\S+$/.test(value)) {
    return value;
  }
  return /^[A-Za-z0-9_-]{10,}$/.test(value) ? `https://drive.google.com/drive/folders/${value}` : undefined;
}
