import * as coda from "@codahq/packs-sdk";
import {WORKER_STATUSES, STAFF_ROLES} from "./core/lifecycle";

const statusOptions = [...WORKER_STATUSES];

/** One worker as the Workers sync table and every lifecycle action show it. */
export const WorkerSchema = coda.makeObjectSchema({
  description: "A worker on the platform and their current Trust & Safety state.",
  properties: {
    WorkerId: {type: coda.ValueType.String, required: true, description: "The worker's id in the ledger, like W-000123."},
    Name: {type: coda.ValueType.String, required: true, description: "The worker's name as given at application."},
    Status: {
      type: coda.ValueType.String,
      codaType: coda.ValueHintType.SelectList,
      options: statusOptions,
      description: "Applicant, Vetting, Active, Suspended, Offboarded, Blacklisted or Rejected.",
    },
    StatusSince: {type: coda.ValueType.String, codaType: coda.ValueHintType.DateTime, description: "When the worker entered the current status."},
    SuspendedUntil: {type: coda.ValueType.String, codaType: coda.ValueHintType.Date, description: "For a suspension: the first day the worker may work again."},
    Email: {type: coda.ValueType.String, codaType: coda.ValueHintType.Email, description: "The email address the worker applied with."},
    Phone: {type: coda.ValueType.String, description: "Phone number in international (E.164) form."},
    Country: {type: coda.ValueType.String, description: "Country of residence, ISO 3166 two-letter code."},
    Timezone: {type: coda.ValueType.String, description: "The worker's time zone, used for dates in notices."},
    Projects: {type: coda.ValueType.Array, items: {type: coda.ValueType.String}, description: "Projects the worker is on."},
    Source: {type: coda.ValueType.String, description: "Where the application came from (a recruiter sheet, a referral)."},
    BankAccount: {type: coda.ValueType.String, description: "The payout account, masked but for the last four characters. The full number is never stored."},
    BankScheme: {type: coda.ValueType.String, description: "The kind of account: IBAN, ABA, CLABE, IFSC, UK sort code or other."},
    BankCountry: {type: coda.ValueType.String, description: "The country of the payout account."},
    BankVerification: {type: coda.ValueType.String, description: "The result of the last bank details check."},
    ScreeningVerdict: {type: coda.ValueType.String, description: "The latest screening verdict: Clear, Review or Match. A person decides; this only informs."},
    ScreenedAt: {type: coda.ValueType.String, codaType: coda.ValueHintType.DateTime, description: "When the worker was last screened."},
    DocumentFolder: {type: coda.ValueType.String, codaType: coda.ValueHintType.Url, description: "The worker's document folder in Google Drive."},
    DiscordUserId: {type: coda.ValueType.String, description: "The worker's Discord user id, to join with a Discord pack."},
    ZendeskUserId: {type: coda.ValueType.String, description: "The worker's Zendesk user id, to join with a Zendesk pack."},
    ZendeskTicketUrl: {type: coda.ValueType.String, codaType: coda.ValueHintType.Url, description: "The Zendesk ticket about this worker, if any."},
    RiskNotes: {type: coda.ValueType.String, description: "Notes on risk recorded by specialists."},
    PendingBlacklist: {type: coda.ValueType.String, description: "A blacklist proposal waiting for a lead: who proposed it, when and why."},
    PendingActions: {type: coda.ValueType.String, description: "Follow-ups a decision still owes, such as a notice not yet sent."},
    NextSteps: {
      type: coda.ValueType.Array,
      items: {type: coda.ValueType.String},
      description: "Lifecycle actions the worker's status allows, for enabling buttons (roles are checked when a button runs).",
    },
    LastActivity: {type: coda.ValueType.String, codaType: coda.ValueHintType.DateTime, description: "The last recorded activity of the worker."},
    Version: {type: coda.ValueType.Number, description: "How many decisions the ledger holds about this worker."},
    UpdatedAt: {type: coda.ValueType.String, codaType: coda.ValueHintType.DateTime, description: "When the latest decision was recorded."},
    UpdatedBy: {type: coda.ValueType.String, codaType: coda.ValueHintType.Email, description: "Who recorded the latest decision."},
    LastEventId: {type: coda.ValueType.String, description: "The id of the latest decision in the decision log."},
    Problems: {type: coda.ValueType.String, description: "What is wrong with this worker's row in the ledger, with its sheet row number. Empty when the row is sound."},
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
    EventId: {type: coda.ValueType.String, description: "The decision's id, like E-7K3M9QX2A4."},
    Summary: {type: coda.ValueType.String, description: "The decision in one line."},
    Time: {type: coda.ValueType.String, codaType: coda.ValueHintType.DateTime, description: "When the decision was recorded (stored in UTC)."},
    Actor: {type: coda.ValueType.String, codaType: coda.ValueHintType.Email, description: "The Google account of the person who took the decision."},
    Worker: {...WorkerReferenceSchema, description: "The worker the decision is about, as a row of the Workers table."},
    WorkerId: {type: coda.ValueType.String, description: "The worker the decision is about."},
    Type: {type: coda.ValueType.String, description: "What kind of decision: Suspended, Reinstated, Blacklisted, …"},
    FromStatus: {type: coda.ValueType.String, description: "The worker's status before."},
    ToStatus: {type: coda.ValueType.String, description: "The worker's status after."},
    Reason: {type: coda.ValueType.String, description: "The reason given."},
    PolicyClause: {type: coda.ValueType.String, description: "The Code of Conduct clause the decision rests on."},
    Evidence: {type: coda.ValueType.String, description: "Links or references to the evidence, one per line."},
    Details: {type: coda.ValueType.String, description: "Anything else recorded with the decision."},
    Seq: {type: coda.ValueType.Number, description: "The worker's version after this decision."},
    SheetRow: {type: coda.ValueType.Number, description: "The decision's row in the Events tab."},
    Problems: {type: coda.ValueType.String, description: "What is wrong with this row of the log, if anything."},
  },
  displayProperty: "Summary",
  idProperty: "EventId",
  featuredProperties: ["Time", "Worker", "Type", "Reason", "Actor"],
});

/** One blacklisted identity. */
export const BlacklistEntrySchema = coda.makeObjectSchema({
  description: "A blacklisted person: the identity keys that screening matches new applicants against.",
  properties: {
    EntryId: {type: coda.ValueType.String, description: "The entry's id."},
    Name: {type: coda.ValueType.String, description: "The blacklisted person's name."},
    Worker: {...WorkerReferenceSchema, description: "The worker the entry came from, as a row of the Workers table."},
    WorkerId: {type: coda.ValueType.String, description: "The worker the entry came from."},
    Country: {type: coda.ValueType.String, description: "The person's country."},
    Reason: {type: coda.ValueType.String, description: "Why the person was blacklisted."},
    PolicyClause: {type: coda.ValueType.String, description: "The Code of Conduct clause."},
    Evidence: {type: coda.ValueType.String, description: "Links or references to the evidence."},
    EmailKeys: {type: coda.ValueType.String, description: "Canonical email keys screened against."},
    Phones: {type: coda.ValueType.String, description: "Phone numbers screened against."},
    Identifiers: {type: coda.ValueType.String, description: "How many bank and ID fingerprints the entry holds (the numbers themselves are never stored)."},
    ProposedBy: {type: coda.ValueType.String, codaType: coda.ValueHintType.Email, description: "Who proposed the blacklisting."},
    ApprovedBy: {type: coda.ValueType.String, codaType: coda.ValueHintType.Email, description: "The lead who approved it."},
    ApprovedAt: {type: coda.ValueType.String, codaType: coda.ValueHintType.DateTime, description: "When it was approved."},
    Problems: {type: coda.ValueType.String, description: "What is wrong with this row, if anything."},
  },
  displayProperty: "Name",
  idProperty: "EntryId",
  featuredProperties: ["Worker", "Reason", "PolicyClause", "ApprovedBy", "ApprovedAt"],
});

/** A member of the T&S team and their role in this ledger. */
export const StaffMemberSchema = coda.makeObjectSchema({
  description: "A person allowed to act on the ledger, and their role.",
  properties: {
    Email: {type: coda.ValueType.String, codaType: coda.ValueHintType.Email, description: "The person's Google account."},
    Role: {type: coda.ValueType.String, codaType: coda.ValueHintType.SelectList, options: [...STAFF_ROLES], description: "viewer, specialist or lead."},
    AddedBy: {type: coda.ValueType.String, codaType: coda.ValueHintType.Email, description: "Who added them."},
    AddedAt: {type: coda.ValueType.String, codaType: coda.ValueHintType.DateTime, description: "When they were added."},
    UpdatedAt: {type: coda.ValueType.String, codaType: coda.ValueHintType.DateTime, description: "When their role last changed."},
    UpdatedBy: {type: coda.ValueType.String, codaType: coda.ValueHintType.Email, description: "Who last changed their role."},
    Problems: {type: coda.ValueType.String, description: "What is wrong with this row of the Staff tab, if anything (such a row grants no role)."},
  },
  displayProperty: "Email",
  idProperty: "Email",
  featuredProperties: ["Role", "AddedBy", "AddedAt"],
});

/** What RepairLedger found and fixed. */
export const RepairReportSchema = coda.makeObjectSchema({
  description: "What RepairLedger compared, fixed and left alone.",
  properties: {
    Summary: {type: coda.ValueType.String, description: "The repair in words, as recorded in the decision log."},
    Checked: {type: coda.ValueType.Number, description: "Workers rows compared with the decision log."},
    Fixed: {type: coda.ValueType.Array, items: {type: coda.ValueType.String}, description: "Rows rewritten to match the log, each with its differences."},
    AddedBack: {type: coda.ValueType.Array, items: {type: coda.ValueType.String}, description: "Workers the log knows that had no row, added back."},
    LeftAlone: {type: coda.ValueType.Array, items: {type: coda.ValueType.String}, description: "Rows with no decisions behind them or repeating another id: left for a person to look at."},
    NotRepaired: {type: coda.ValueType.Array, items: {type: coda.ValueType.String}, description: "Workers whose own log rows are damaged, so their row was not rewritten."},
    TabsCreated: {type: coda.ValueType.Array, items: {type: coda.ValueType.String}, description: "Tabs that were missing and were recreated."},
    HeadersRestored: {type: coda.ValueType.Array, items: {type: coda.ValueType.String}, description: "Header cells that were missing and were written back."},
    EventId: {type: coda.ValueType.String, description: "The LedgerRepaired decision that records this repair."},
  },
  displayProperty: "Summary",
  idProperty: "EventId",
  featuredProperties: ["Checked", "Fixed", "AddedBack", "LeftAlone", "NotRepaired"],
});

/** What BankAccountCheck finds about payout details. */
export const BankCheckSchema = coda.makeObjectSchema({
  description: "The offline check of payout details: scheme, country, canonical form and problems in words.",
  properties: {
    Valid: {type: coda.ValueType.Boolean, description: "True when every check passed (format, length, check digits, BIC country)."},
    Scheme: {type: coda.ValueType.String, description: "IBAN, ABA (US), CLABE (Mexico), IFSC (India), UK (sort code) or Account (a plain account number)."},
    Country: {type: coda.ValueType.String, description: "The account's country, ISO 3166 two-letter code."},
    Normalized: {
      type: coda.ValueType.String,
      description: "The details in canonical form (an IBAN without spaces; routing code then account). Shown only here: the ledger keeps a fingerprint and the masked form.",
    },
    Display: {type: coda.ValueType.String, description: "The account masked but for its last four characters, like •••• 3000."},
    BIC: {type: coda.ValueType.String, description: "The BIC (SWIFT code) given, normalised, when it is valid."},
    Problems: {type: coda.ValueType.Array, items: {type: coda.ValueType.String}, description: "What is wrong, one sentence per problem. Empty when valid."},
  },
  displayProperty: "Display",
  idProperty: "Display",
  featuredProperties: ["Valid", "Scheme", "Country", "Problems"],
});

/** One thing a screened person shares with a worker or a Blacklist entry. */
export const ScreeningMatchSchema = coda.makeObjectSchema({
  description: "A record that shares an identifier or a similar name with the person screened.",
  properties: {
    MatchId: {type: coda.ValueType.String, description: "Where the match is and on what: source, record and field."},
    Field: {type: coda.ValueType.String, description: "What matched: Email, Phone, BankAccount, IdNumber or Name."},
    Score: {type: coda.ValueType.Number, description: "How strong the match is, 0 to 1 (1 for an identical identifier)."},
    Explanation: {type: coda.ValueType.String, description: "The match in one line."},
    Source: {type: coda.ValueType.String, description: "Workers or Blacklist."},
    Worker: {...WorkerReferenceSchema, description: "The matching worker, as a row of the Workers table."},
    WorkerId: {type: coda.ValueType.String, description: "The worker matched (for a Blacklist entry, the worker it came from)."},
    EntryId: {type: coda.ValueType.String, description: "The Blacklist entry matched, if any."},
    MatchedName: {type: coda.ValueType.String, description: "The name on the matched record."},
    SheetRow: {type: coda.ValueType.Number, description: "The matched record's row in its ledger tab."},
  },
  displayProperty: "Explanation",
  idProperty: "MatchId",
  featuredProperties: ["Field", "Score", "Worker", "Source"],
});

/** What ScreeningReport finds. */
export const ScreeningReportSchema = coda.makeObjectSchema({
  description: "A screening of a person against every worker and the Blacklist. It informs a specialist; it decides nothing.",
  properties: {
    ReportId: {type: coda.ValueType.String, description: "An id for this report."},
    Verdict: {
      type: coda.ValueType.String,
      codaType: coda.ValueHintType.SelectList,
      options: ["Clear", "Review", "Match"],
      description: "Clear (nothing found), Review (a similar name or a shared phone) or Match (a shared email, bank account or ID number, or a phone with a similar name).",
    },
    Summary: {type: coda.ValueType.String, description: "The verdict and what was found, in a sentence."},
    Matches: {type: coda.ValueType.Array, items: ScreeningMatchSchema, description: "Each match with its field, score and explanation, strongest first (at most 50)."},
    MoreMatches: {type: coda.ValueType.Number, description: "How many weaker matches are not listed."},
    Checked: {type: coda.ValueType.String, description: "What the person was compared with."},
    NotChecked: {type: coda.ValueType.Array, items: {type: coda.ValueType.String}, description: "Details that could not be screened and why (an invalid phone or account)."},
    Notice: {type: coda.ValueType.String, description: "What the report is for: it informs, a person decides."},
    ScreenedAt: {type: coda.ValueType.String, codaType: coda.ValueHintType.DateTime, description: "When the screening ran."},
  },
  displayProperty: "Summary",
  idProperty: "ReportId",
  featuredProperties: ["Verdict", "Matches", "NotChecked"],
});

/** What ImportApplicants did. */
export const ImportSummarySchema = coda.makeObjectSchema({
  description: "The result of importing a recruiter's sheet: who was added, who was skipped and why, and rows with problems.",
  properties: {
    Summary: {type: coda.ValueType.String, description: "The import in one sentence."},
    Source: {type: coda.ValueType.String, description: "The recruiter sheet and tab, as recorded in each new worker's Source."},
    Added: {type: coda.ValueType.Number, description: "How many people were added as Applicants."},
    Skipped: {type: coda.ValueType.Number, description: "How many rows were skipped because the person is already in the ledger or earlier in the sheet."},
    Problems: {type: coda.ValueType.Number, description: "How many rows could not be read (missing name, bad email, unknown country…)."},
    Remaining: {type: coda.ValueType.Number, description: "New people left for another run (an import adds at most 2,000 at a time)."},
    AddedWorkers: {type: coda.ValueType.Array, items: WorkerReferenceSchema, description: "The workers added."},
    SkippedRows: {type: coda.ValueType.Array, items: {type: coda.ValueType.String}, description: "Each skipped row with its sheet row number and reason."},
    ProblemRows: {type: coda.ValueType.Array, items: {type: coda.ValueType.String}, description: "Each row with a problem, by sheet row number, and what to fix."},
    Notes: {type: coda.ValueType.Array, items: {type: coda.ValueType.String}, description: "Rows added with a remark (a bank account that could not be checked for duplicates)."},
  },
  displayProperty: "Summary",
  idProperty: "Summary",
  featuredProperties: ["Added", "Skipped", "Problems", "SkippedRows", "ProblemRows"],
});
