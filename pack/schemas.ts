import * as coda from "@codahq/packs-sdk";
import {WORKER_STATUSES, STAFF_ROLES} from "./core/lifecycle";
import {count, dateTime, date, email, flag, id, list, select, text, url} from "./schema-props";

/** One worker as the Workers sync table and every lifecycle action show it. */
export const WorkerSchema = coda.makeObjectSchema({
  description: "A worker on the platform and their current Trust & Safety state.",
  properties: {
    WorkerId: id("The worker's id in the ledger, like W-000123."),
    Name: id("The worker's name as given at application."),
    Status: select(WORKER_STATUSES, "Applicant, Vetting, Active, Suspended, Offboarded, Blacklisted or Rejected."),
    StatusSince: dateTime("When the worker entered the current status."),
    SuspendedUntil: date("For a suspension: the first day the worker may work again."),
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
    ScreeningVerdict: text("The latest screening verdict: Clear, Review or Match. A person decides; this only informs."),
    ScreenedAt: dateTime("When the worker was last screened."),
    DocumentFolder: url("The worker's document folder in Google Drive."),
    DiscordUserId: text("The worker's Discord user id, to join with a Discord pack."),
    ZendeskUserId: text("The worker's Zendesk user id, to join with a Zendesk pack."),
    ZendeskTicketUrl: url("The Zendesk ticket about this worker, if any."),
    RiskNotes: text("Notes on risk recorded by specialists."),
    PendingBlacklist: text("A blacklist proposal waiting for a lead: who proposed it, when and why."),
    PendingActions: text("Follow-ups a decision still owes, such as a notice not yet sent."),
    NextSteps: list("Lifecycle actions the worker's status allows, for enabling buttons (roles are checked when a button runs)."),
    LastActivity: dateTime("The last recorded activity of the worker."),
    Version: count("How many decisions the ledger holds about this worker."),
    UpdatedAt: dateTime("When the latest decision was recorded."),
    UpdatedBy: email("Who recorded the latest decision."),
    LastEventId: text("The id of the latest decision in the decision log."),
    Problems: text("What is wrong with this worker's row in the ledger, with its sheet row number. Empty when the row is sound."),
  },
  displayProperty: "Name",
  idProperty: "WorkerId",
  featuredProperties: ["WorkerId", "Status", "Country", "ScreeningVerdict", "BankVerification", "SuspendedUntil", "UpdatedAt", "Problems"],
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

/** One blacklisted identity. */
export const BlacklistEntrySchema = coda.makeObjectSchema({
  description: "A blacklisted person: the identity keys that screening matches new applicants against.",
  properties: {
    EntryId: text("The entry's id."),
    Name: text("The blacklisted person's name."),
    Worker: {...WorkerReferenceSchema, description: "The worker the entry came from, as a row of the Workers table."},
    WorkerId: text("The worker the entry came from."),
    Country: text("The person's country."),
    Reason: text("Why the person was blacklisted."),
    PolicyClause: text("The Code of Conduct clause."),
    Evidence: text("Links or references to the evidence."),
    EmailKeys: text("Canonical email keys screened against."),
    Phones: text("Phone numbers screened against."),
    Identifiers: text("How many bank and ID fingerprints the entry holds (the numbers themselves are never stored)."),
    ProposedBy: email("Who proposed the blacklisting."),
    ApprovedBy: email("The lead who approved it."),
    ApprovedAt: dateTime("When it was approved."),
    Problems: text("What is wrong with this row, if anything."),
  },
  displayProperty: "Name",
  idProperty: "EntryId",
  featuredProperties: ["Worker", "Reason", "PolicyClause", "ApprovedBy", "ApprovedAt"],
});

/** A member of the T&S team and their role in this ledger. */
export const StaffMemberSchema = coda.makeObjectSchema({
  description: "A person allowed to act on the ledger, and their role.",
  properties: {
    Email: email("The person's Google account."),
    Role: select(STAFF_ROLES, "viewer, specialist or lead."),
    AddedBy: email("Who added them."),
    AddedAt: dateTime("When they were added."),
    UpdatedAt: dateTime("When their role last changed."),
    UpdatedBy: email("Who last changed their role."),
    Problems: text("What is wrong with this row of the Staff tab, if anything (such a row grants no role)."),
  },
  displayProperty: "Email",
  idProperty: "Email",
  featuredProperties: ["Role", "AddedBy", "AddedAt"],
});

/** What RepairLedger found and fixed. */
export const RepairReportSchema = coda.makeObjectSchema({
  description: "What RepairLedger compared, fixed and left alone.",
  properties: {
    Summary: text("The repair in words, as recorded in the decision log."),
    Checked: count("Workers rows compared with the decision log."),
    Fixed: list("Rows rewritten to match the log, each with its differences."),
    AddedBack: list("Workers the log knows that had no row, added back."),
    LeftAlone: list("Rows with no decisions behind them or repeating another id: left for a person to look at."),
    NotRepaired: list("Workers whose own log rows are damaged, so their row was not rewritten."),
    TabsCreated: list("Tabs that were missing and were recreated."),
    HeadersRestored: list("Header cells that were missing and were written back."),
    EventId: text("The LedgerRepaired decision that records this repair."),
  },
  displayProperty: "Summary",
  idProperty: "EventId",
  featuredProperties: ["Checked", "Fixed", "AddedBack", "LeftAlone", "NotRepaired"],
});

/** What BankAccountCheck finds about payout details. */
export const BankCheckSchema = coda.makeObjectSchema({
  description: "The offline check of payout details: scheme, country, canonical form and problems in words.",
  properties: {
    Valid: flag("True when every check passed (format, length, check digits, BIC country)."),
    Scheme: text("IBAN, ABA (US), CLABE (Mexico), IFSC (India), UK (sort code) or Account (a plain account number)."),
    Country: text("The account's country, ISO 3166 two-letter code."),
    Normalized: text("The details in canonical form (an IBAN without spaces; routing code then account). Shown only here: the ledger keeps a fingerprint and the masked form."),
    Display: text("The account masked but for its last four characters, like •••• 3000."),
    BIC: text("The BIC (SWIFT code) given, normalised, when it is valid."),
    Problems: list("What is wrong, one sentence per problem. Empty when valid."),
  },
  displayProperty: "Display",
  idProperty: "Display",
  featuredProperties: ["Valid", "Scheme", "Country", "Problems"],
});

/** One thing a screened person shares with a worker or a Blacklist entry. */
export const ScreeningMatchSchema = coda.makeObjectSchema({
  description: "A record that shares an identifier or a similar name with the person screened.",
  properties: {
    MatchId: text("Where the match is and on what: source, record and field."),
    Field: text("What matched: Email, Phone, BankAccount, IdNumber or Name."),
    Score: count("How strong the match is, 0 to 1 (1 for an identical identifier)."),
    Explanation: text("The match in one line."),
    Source: text("Workers or Blacklist."),
    Worker: {...WorkerReferenceSchema, description: "The matching worker, as a row of the Workers table."},
    WorkerId: text("The worker matched (for a Blacklist entry, the worker it came from)."),
    EntryId: text("The Blacklist entry matched, if any."),
    MatchedName: text("The name on the matched record."),
    SheetRow: count("The matched record's row in its ledger tab."),
  },
  displayProperty: "Explanation",
  idProperty: "MatchId",
  featuredProperties: ["Field", "Score", "Worker", "Source"],
});

/** What ScreeningReport finds. */
export const ScreeningReportSchema = coda.makeObjectSchema({
  description: "A screening of a person against every worker and the Blacklist. It informs a specialist; it decides nothing.",
  properties: {
    ReportId: text("An id for this report."),
    Verdict: select(["Clear", "Review", "Match"], "Clear (nothing found), Review (a similar name or a shared phone) or Match (a shared email, bank account or ID number, or a phone with a similar name)."),
    Summary: text("The verdict and what was found, in a sentence."),
    Matches: {type: coda.ValueType.Array, items: ScreeningMatchSchema, description: "Each match with its field, score and explanation, strongest first (at most 50)."},
    MoreMatches: count("How many weaker matches are not listed."),
    Checked: text("What the person was compared with."),
    NotChecked: list("Details that could not be screened and why (an invalid phone or account)."),
    Notice: text("What the report is for: it informs, a person decides."),
    ScreenedAt: dateTime("When the screening ran."),
  },
  displayProperty: "Summary",
  idProperty: "ReportId",
  featuredProperties: ["Verdict", "Matches", "NotChecked"],
});

/** What ImportApplicants did. */
export const ImportSummarySchema = coda.makeObjectSchema({
  description: "The result of importing a recruiter's sheet: who was added, who was skipped and why, and rows with problems.",
  properties: {
    Summary: text("The import in one sentence."),
    Source: text("The recruiter sheet and tab, as recorded in each new worker's Source."),
    Added: count("How many people were added as Applicants."),
    Skipped: count("How many rows were skipped because the person is already in the ledger or earlier in the sheet."),
    Problems: count("How many rows could not be read (missing name, bad email, unknown country…)."),
    Remaining: count("New people left for another run (an import adds at most 2,000 at a time)."),
    AddedWorkers: {type: coda.ValueType.Array, items: WorkerReferenceSchema, description: "The workers added."},
    SkippedRows: list("Each skipped row with its sheet row number and reason."),
    ProblemRows: list("Each row with a problem, by sheet row number, and what to fix."),
    Notes: list("Rows added with a remark (a bank account that could not be checked for duplicates)."),
  },
  displayProperty: "Summary",
  idProperty: "Summary",
  featuredProperties: ["Added", "Skipped", "Problems", "SkippedRows", "ProblemRows"],
});
