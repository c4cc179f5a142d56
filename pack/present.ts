// Turns ledger records into the objects Coda shows. Empty values are left out, so Coda shows blanks.
import {allowedSteps, TRANSITIONS, WORKER_STATUSES} from "./core/lifecycle";
import type {WorkerStatus} from "./core/lifecycle";
import type {BlacklistRecord, EventRecord, StaffRecord, WorkerRecord} from "./core/records";
import {longDate} from "./core/dates";
import type {BankCheck, BankProblem} from "./core/banking";
import {countryName} from "./core/countries";
import type {ScreeningMatch, ScreeningOutcome} from "./core/screening";
import type {ParsedRow} from "./ledger/rows";

/** An object as Coda receives it for a schema. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Plain = Record<string, any>;

/** The object without its empty values, so Coda shows blanks. */
export function compact(object: Plain): Plain {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== "" && v !== undefined && v !== null));
}

/** "Sheet row 57: Status: "Actve" is not one of …" or "". */
export function problemText(row: {row: number; problems: readonly string[]}): string {
  return row.problems.length ? `Sheet row ${row.row}: ${row.problems.join("; ")}.` : "";
}

/** The Worker object for a Workers row. Fields that could not be read are left blank. */
export function workerObject(row: ParsedRow<WorkerRecord>): Plain & {WorkerId: string; Name: string} {
  const w = row.record;
  const ok = (key: keyof WorkerRecord & string) => !row.invalid.has(key);
  const status = ok("status") && WORKER_STATUSES.includes(w.status) ? w.status : "";
  return compact({
    WorkerId: w.workerId || `row-${row.row}`,
    Name: w.name || (w.workerId ? w.workerId : `Sheet row ${row.row}`),
    Status: status,
    StatusSince: w.statusSince,
    SuspendedUntil: w.suspendedUntil,
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
    DocumentFolder: w.documentFolder,
    DiscordUserId: w.discordUserId,
    ZendeskUserId: w.zendeskUserId,
    ZendeskTicketUrl: w.zendeskTicketUrl,
    RiskNotes: w.riskNotes,
    PendingBlacklist: w.pendingBlacklist
      ? `Proposed by ${w.pendingBlacklist.proposedBy} on ${longDate(w.pendingBlacklist.proposedAt)}: ${w.pendingBlacklist.reason} (${w.pendingBlacklist.policyClause})`
      : "",
    PendingActions: w.pendingActions.map((p) => `${p.kind} since ${longDate(p.since)}${p.detail ? `: ${detailText(p.detail)}` : ""}`).join("\n"),
    NextSteps: status ? nextSteps(status as WorkerStatus, Boolean(w.pendingBlacklist)) : [],
    LastActivity: w.lastActivityAt,
    Version: ok("version") ? w.version : undefined,
    UpdatedAt: w.updatedAt,
    UpdatedBy: w.updatedBy,
    LastEventId: w.lastEventId,
    Problems: problemText(row),
  }) as Plain & {WorkerId: string; Name: string};
}

/** A follow-up's detail for people: its `summary` when the detail is JSON that has one. */
export function detailText(detail: string): string {
  if (detail.startsWith("{")) {
    try {
      const summary = (JSON.parse(detail) as {summary?: unknown}).summary;
      if (typeof summary === "string" && summary) {
        return summary;
      }
    } catch {
      // Not JSON after all: shown as it is.
    }
  }
  return detail;
}

function nextSteps(status: WorkerStatus, pendingProposal: boolean): string[] {
  return allowedSteps(status, "lead").filter((step) => {
    if (step === "ApproveBlacklist" || step === "DeclineBlacklist") {
      return pendingProposal;
    }
    if (step === "ProposeBlacklist") {
      return !pendingProposal;
    }
    return TRANSITIONS[step].from.includes(status);
  });
}

/** A reference to a worker, for rows of other tables. */
export function workerRef(workerId: string, name?: string): Plain | undefined {
  return workerId ? {WorkerId: workerId, Name: name || workerId} : undefined;
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
  const why = e.reason ? `: ${e.reason}${e.policyClause ? ` (${e.policyClause})` : ""}` : e.details ? `: ${e.details}` : "";
  return `${who}${e.type || "Unknown event"}${why}`.slice(0, 300);
}

/** The BlacklistEntry object for a Blacklist row. */
export function blacklistObject(row: ParsedRow<BlacklistRecord>): Plain {
  const b = row.record;
  const count = (list: string) => list.split(/\s+/).filter(Boolean).length;
  const banks = count(b.bankFingerprints);
  const ids = count(b.idFingerprints);
  return compact({
    EntryId: b.entryId || `row-${row.row}`,
    Name: b.name || b.workerId || `Sheet row ${row.row}`,
    Worker: workerRef(b.workerId, b.name),
    WorkerId: b.workerId,
    Country: b.country,
    Reason: b.reason,
    PolicyClause: b.policyClause,
    Evidence: b.evidence,
    EmailKeys: b.emailKeys,
    Phones: b.phones,
    Identifiers: `${banks} bank fingerprint${banks === 1 ? "" : "s"}, ${ids} ID fingerprint${ids === 1 ? "" : "s"}`,
    ProposedBy: b.proposedBy,
    ApprovedBy: b.approvedBy,
    ApprovedAt: b.approvedAt,
    Problems: problemText(row),
  });
}

export function staffObject(s: StaffRecord, problems = ""): Plain & {Email: string} {
  return compact({Email: s.email, Role: s.role, AddedBy: s.addedBy, AddedAt: s.addedAt, UpdatedAt: s.updatedAt, UpdatedBy: s.updatedBy, Problems: problems}) as Plain & {Email: string};
}

// ---------- vetting ----------

const SCHEME_NAMES: Readonly<Record<string, string>> = {
  IBAN: "IBAN",
  ABA: "US account with ABA routing number",
  CLABE: "Mexican CLABE",
  IFSC: "Indian account with IFSC",
  UK: "UK sort code and account number",
  Account: "account number",
};

/** What a bank scheme is called in sentences. */
export function schemeName(scheme: string): string {
  return SCHEME_NAMES[scheme] ?? "account";
}

/**
 * The problems a bank check found, one sentence each. Sentences name the country and the kind of
 * number but never repeat the number. `bankProblemText(checkBankAccount({account: "DE89…01"}))`
 * → ["The IBAN's check digits do not match: a character is probably mistyped."].
 */
export function bankProblemText(check: Pick<BankCheck, "codes" | "country" | "scheme" | "normalized">): string[] {
  const where = check.country ? countryName(check.country) : "the account's country";
  const ibanCountry = check.scheme === "IBAN" && /^[A-Z]{2}/.test(check.normalized) ? countryName(check.normalized.slice(0, 2)) : where;
  const text: Record<BankProblem, string> = {
    ACCOUNT_EMPTY: "The account number is empty.",
    ACCOUNT_CHARS: "The account number may only hold letters and digits (spaces, dots and hyphens are ignored).",
    ACCOUNT_LENGTH:
      check.scheme === "ABA"
        ? "A US account number has 4 to 17 digits."
        : check.scheme === "IFSC"
          ? "An Indian account number has 9 to 18 digits."
          : "The account number is too short or too long (4 to 34 letters and digits).",
    COUNTRY_UNKNOWN: "The country is not one the pack knows: use its two-letter ISO code (DE, MX, IN) or its English name.",
    COUNTRY_REQUIRED: "Give the account's country: only an IBAN carries its own.",
    IBAN_COUNTRY: "The IBAN starts with a country code that has no IBAN format.",
    IBAN_LENGTH: `The IBAN has the wrong length for ${ibanCountry}: a character is missing or extra.`,
    IBAN_FORMAT: `The IBAN does not have ${ibanCountry}'s format (letters where digits belong, or the reverse).`,
    IBAN_CHECKSUM: "The IBAN's check digits do not match: a character is probably mistyped.",
    IBAN_NATIONAL_CHECKSUM: "The national check digits inside the IBAN do not match: the bank, branch or account number is probably mistyped.",
    IBAN_COUNTRY_MISMATCH: `The IBAN is from ${ibanCountry}, not ${where}: check the country or the IBAN.`,
    IBAN_EXPECTED: `Accounts in ${where} are given as an IBAN (it starts with ${check.country}); ask for the IBAN.`,
    BIC_FORMAT: "The BIC (SWIFT code) is not valid: it has 8 or 11 letters and digits, like DEUTDEFF or DEUTDEFF500.",
    BIC_COUNTRY_MISMATCH: `The BIC belongs to a bank outside ${where}: check the BIC or the account's country.`,
    ROUTING_REQUIRED:
      check.scheme === "ABA"
        ? "A US account needs its 9-digit ABA routing number: give it as routingCode."
        : check.scheme === "IFSC"
          ? "An Indian account needs its IFSC (like HDFC0001234): give it as routingCode."
          : "A UK account needs its 6-digit sort code: give it as routingCode.",
    ABA_FORMAT: "The ABA routing number must have 9 digits.",
    ABA_PREFIX: "The ABA routing number starts with two digits no US bank routing number starts with.",
    ABA_CHECKSUM: "The ABA routing number's check digit does not match: a digit is probably mistyped.",
    CLABE_LENGTH: "A Mexican CLABE has 18 digits.",
    CLABE_CHECKSUM: "The CLABE's control digit does not match: a digit is probably mistyped.",
    IFSC_FORMAT: "The IFSC must have 11 characters: 4 letters, a 0, then 6 letters or digits (like HDFC0001234).",
    SORT_CODE_FORMAT: "The UK sort code must have 6 digits (like 60-16-13).",
    UK_ACCOUNT_FORMAT: "A UK account number has 8 digits.",
  };
  return check.codes.map((code) => text[code]);
}

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

/** How a holder's name compares with the worker's: score 0..1 and a word. */
export function holderVerdict(score: number): string {
  return score >= 0.9 ? "matches" : score >= 0.75 ? "partly matches" : "does not match";
}

/** The ScreeningReport object: the verdict, each match with its explanation, and what was not checked. */
export function screeningObject(outcome: ScreeningOutcome, extra: {notChecked: readonly string[]; workers: number; blacklist: number; now: string; reportId: string}): Plain {
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
    Checked: `Compared with ${extra.workers} worker rows and ${extra.blacklist} Blacklist entries on email, phone, bank account and ID number; names compared with ${outcome.nameCandidates} similar-sounding candidates.`,
    NotChecked: extra.notChecked.length ? [...extra.notChecked] : undefined,
    Notice: SCREENING_NOTICE,
    ScreenedAt: extra.now,
  });
}

export const SCREENING_NOTICE =
  "Screening finds records that share identifiers or similar names; it decides nothing. A specialist reviews every match (people share names, families share phones) before any step is taken.";

const MAX_MATCHES_SHOWN = 50;

const FIELD_WORDS: Readonly<Record<string, string>> = {Email: "email", Phone: "phone", BankAccount: "bank account", IdNumber: "ID number", Name: "a similar name"};

export function matchObject(m: ScreeningMatch): Plain {
  return compact({
    MatchId: `${m.source}:${m.id || `row${m.row}`}:${m.field}`,
    Field: m.field,
    Score: m.score,
    Explanation: m.explanation,
    Source: m.source,
    Worker: workerRef(m.workerId, m.source === "Workers" ? m.name : undefined),
    WorkerId: m.workerId,
    EntryId: m.source === "Blacklist" ? m.id : undefined,
    MatchedName: m.name,
    SheetRow: m.row,
  });
}

/** One line per match for the decision log, at most `max` lines. */
export function matchLines(matches: readonly ScreeningMatch[], max = 10): string {
  const lines = matches.slice(0, max).map((m) => `${m.field} (${m.score.toFixed(2)}): ${m.explanation}`);
  if (matches.length > max) {
    lines.push(`…and ${matches.length - max} more.`);
  }
  return lines.join("\n");
}
