import * as coda from "@codahq/packs-sdk";
import type {BankCheck} from "../core/banking";
import type {ScreeningMatch, ScreeningOutcome} from "../core/screening";
import {count, dateTime, flag, list, select, text} from "./props";
import {compact, workerRef} from "./objects";
import type {Plain} from "./objects";
import {bankProblemText} from "../core/banking-text";
import {SCREENING_NOTICE} from "../core/screening-text";
import {WorkerReferenceSchema} from "./workers";
import {sha256Hex} from "../core/hash";
import type {ImportSummary} from "../core/imports";
import type {ScreeningRun} from "../ledger/screening";

/** The BankAccountCheck object. Normalized holds the full details the user typed; it is never stored. */
export function bankCheckObject(check: BankCheck): Plain {
  return compact({
    Valid: check.valid,
    Scheme: check.scheme,
    Country: check.country,
    Normalized: check.normalized,
    Display: check.masked,
    BIC: check.bic,
    Problems: bankProblemText(check),
  });
}

/** The ScreeningReport object: the verdict, each match with its explanation, and what was not checked. */
export function screeningObject(
  outcome: ScreeningOutcome,
  extra: {
    notChecked: readonly string[];
    workers: number;
    blacklist: number;
    now: string;
    reportId: string;
    /** How a phone written without "+" was read, when it has several readings. */
    phoneNote?: string;
  },
): Plain {
  const shown = outcome.matches.slice(0, MAX_MATCHES_SHOWN);
  const targets = new Set(outcome.matches.map((m) => `${m.source}:${m.id || m.row}`));
  const fields = [...new Set(outcome.matches.map((m) => FIELD_WORDS[m.field]))];
  const lead =
    outcome.verdict === "Clear"
      ? "Clear: no worker or Blacklist entry shares an identifier or a similar name."
      : `${outcome.verdict}: ${targets.size} ${targets.size === 1 ? "record shares" : "records share"} ${fields.join(", ")} (see Matches).`;
  return compact({
    ReportId: extra.reportId,
    Verdict: outcome.verdict,
    Summary: `${lead} This report informs a person; it decides nothing.`,
    Matches: shown.map(matchObject),
    MoreMatches: outcome.matches.length > shown.length ? outcome.matches.length - shown.length : undefined,
    Checked: `Compared with ${extra.workers} worker rows and ${extra.blacklist} Blacklist entries on email, phone, bank account and ID number; names compared with ${outcome.nameCandidates} similar-sounding candidates.${extra.phoneNote ? ` The phone is ambiguous: ${extra.phoneNote}` : ""}`,
    NotChecked: extra.notChecked.length ? [...extra.notChecked] : undefined,
    Notice: SCREENING_NOTICE,
    ScreenedAt: extra.now,
  });
}

const MAX_MATCHES_SHOWN = 50;

const FIELD_WORDS: Readonly<Record<string, string>> = {
  Email: "email",
  Phone: "phone",
  BankAccount: "bank account",
  IdNumber: "ID number",
  Name: "a similar name",
};

export function matchObject(m: ScreeningMatch): Plain {
  return compact({
    MatchId: `${m.source}:${m.id || `row${m.row}`}:${m.field}`,
    Field: m.field,
    Score: m.score,
    Explanation: m.explanation,
    Source: m.source,
    Worker: workerRef(m.workerId, m.name || undefined),
    WorkerId: m.workerId,
    EntryId: m.source === "Blacklist" ? m.id : undefined,
    MatchedName: m.name,
    SheetRow: m.row,
  });
}

/** What BankAccountCheck finds about payout details. */
export const BankCheckSchema = coda.makeObjectSchema({
  description: "The offline check of payout details: scheme, country, canonical form and problems in words.",
  properties: {
    Valid: flag("True when every check passed (format, length, check digits, BIC country)."),
    Scheme: text("IBAN, ABA (US), CLABE (Mexico), IFSC (India), UK (sort code) or Account (a plain account number)."),
    Country: text("The account's country, ISO 3166 two-letter code."),
    Normalized: text(
      "The details in canonical form (an IBAN without spaces; routing code then account). Shown only here: the ledger keeps a fingerprint and the masked form.",
    ),
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
  description:
    "A screening of a person against every worker and the Blacklist. It informs a specialist; it decides nothing.",
  properties: {
    ReportId: text("An id for this report."),
    Verdict: select(
      ["Clear", "Review", "Match"],
      "Clear (nothing found), Review (a similar name or a shared phone) or Match (a shared email, bank account or ID number, or a phone with a similar name).",
    ),
    Summary: text("The verdict and what was found, in a sentence."),
    Matches: {
      type: coda.ValueType.Array,
      items: ScreeningMatchSchema,
      description: "Each match with its field, score and explanation, strongest first (at most 50).",
    },
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
  description:
    "The result of importing a recruiter's sheet: who was added, who was skipped and why, and rows with problems.",
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
    Notes: list("Rows added with a remark (a bank account that could not be screened, a phone read several ways)."),
    Matches: count("How many people added were screened Match (a hard identifier, or a phone and a similar name)."),
    Reviews: count("How many people added were screened Review."),
    ScreenedRows: list("Each person added whose screening was Review or Match, with what it found."),
  },
  displayProperty: "Summary",
  idProperty: "Summary",
  featuredProperties: ["Added", "Skipped", "Problems", "SkippedRows", "ProblemRows"],
});

/** What ScreeningReport shows for a run, with an id made of the person screened and the time. */
export function screeningReportObject(run: ScreeningRun, now: string): Plain {
  const reportId = `S-${sha256Hex(`${run.built.probe.name}\n${run.built.probe.emailKey}\n${now}`).slice(0, 12)}`;
  return screeningObject(run.outcome, {
    notChecked: run.built.notChecked,
    phoneNote: run.built.probe.phoneNote,
    workers: run.counts.workers,
    blacklist: run.counts.blacklist,
    now,
    reportId,
  });
}

/** Lines of a list, the first 200 and how many more. */
function capped<T>(list: readonly T[], line: (x: T) => string): string[] {
  return [...list.slice(0, 200).map(line), ...(list.length > 200 ? [`…and ${list.length - 200} more.`] : [])];
}

/** What ImportApplicants shows: the counts in a sentence, the people added, and each row skipped or screened. */
export function importSummaryObject(s: ImportSummary): Plain {
  const matches = s.screened.filter((x) => x.verdict === "Match").length;
  const reviews = s.screened.filter((x) => x.verdict === "Review").length;
  return {
    Summary: `Added ${s.added.length} (screened: ${matches} Match, ${reviews} Review), skipped ${s.skipped.length} already in the ledger or repeated, ${s.problems.length} ${s.problems.length === 1 ? "row" : "rows"} with problems${s.remaining ? `; ${s.remaining} left: run the import again` : ""}.`,
    Source: s.source,
    Added: s.added.length,
    Skipped: s.skipped.length,
    Problems: s.problems.length,
    Remaining: s.remaining,
    AddedWorkers: s.added.map((a) => workerRef(a.workerId, a.name)),
    SkippedRows: capped(s.skipped, (x) => `Row ${x.row}: ${x.reason}`),
    ProblemRows: capped(s.problems, (x) => `Row ${x.row}: ${x.problem}`),
    Notes: capped(s.notes, (x) => `Row ${x.row}: ${x.note}`),
    Matches: matches,
    Reviews: reviews,
    ScreenedRows: capped(s.screened, (x) => `Row ${x.row} (${x.workerId}): ${x.summary.replace(/\n/g, " / ")}`),
  };
}
