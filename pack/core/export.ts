// A person's right of access: everything the ledger holds about one worker, as a document they
// can read and a JSON copy. Another person's data never appears: a match against another account
// says "matched another account", and other people's ids, names and emails are replaced wherever
// free text holds them. Staff appear by role. Pure: the caller reads the ledger and passes it in.
import type {AuditRecord, BlacklistRecord, DisputeRecord, EventRecord, WorkerRecord} from "./records";
import type {Finding} from "./rules";
import {escapeHtml} from "./mime/codecs";
import {kindOf} from "./worker-file";
import {SCREENING_NOTICE} from "./screening-text";

/** Who else the ledger knows: what must never appear in the export. */
export interface OtherPeople {
  names: readonly string[];
  emails: readonly string[];
  /** Blacklist entry ids that are not the worker's own. */
  entryIds: readonly string[];
  /** Staff emails and their roles: staff appear as "a Trust & Safety lead". */
  staff: ReadonlyMap<string, string>;
}

export interface ExportInput {
  worker: WorkerRecord;
  /** The worker's events, in log order. */
  events: readonly EventRecord[];
  disputes: readonly DisputeRecord[];
  audits: readonly AuditRecord[];
  /** The worker's own Blacklist entries. */
  blacklist: readonly BlacklistRecord[];
  findings: readonly Finding[];
  others: OtherPeople;
  now: string;
  strikeExpiryDays: number;
}

export const ANOTHER_ACCOUNT = "another account";
const ANOTHER_PERSON = "another person";

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Replaces other people's ids, names and emails in free text, and staff emails by their role. */
export function redactor(self: WorkerRecord, others: OtherPeople): (text: string) => string {
  const own = `${self.name} ${self.email} ${self.emailKey}`.toLowerCase();
  const foreignEntries = new Set(others.entryIds.filter(Boolean));
  const words = (list: readonly string[], min: number) =>
    [...new Set(list.map((s) => s.trim()).filter((s) => s.length >= min && !own.includes(s.toLowerCase())))].sort(
      (a, b) => b.length - a.length,
    );
  const alternation = (list: string[]) =>
    list.length
      ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${list.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}])`, "giu")
      : null;
  const emails = alternation(words(others.emails, 3));
  const staff = alternation(words([...others.staff.keys()], 3));
  const names = alternation(words(others.names, 4));
  const staffRole = new Map([...others.staff].map(([email, role]) => [email.toLowerCase(), role]));
  return (text: string) => {
    if (!text) {
      return text;
    }
    let out = text
      // A screening line about another record: "Review · W-000002 Ana Pérez (Blacklisted): Name 1.00 (…)".
      .replace(/^(Match|Review|Clear) · ([^\n]*?): /gmu, (line, verdict: string, subject: string) =>
        /\b[WB]-[A-Z0-9]+/.test(subject) ? `${verdict} · matched ${ANOTHER_ACCOUNT}: ` : line,
      )
      // Any worker id but the person's own (a number typed by hand included).
      .replace(/\bW-\d{1,9}\b/g, (id) => (id === self.workerId ? id : ANOTHER_ACCOUNT))
      .replace(/\bB-[A-Z0-9]{6,}\b/g, (id) => (foreignEntries.has(id) ? ANOTHER_ACCOUNT : id));
    out = staff
      ? out.replace(staff, (e) => `a Trust & Safety ${staffRole.get(e.toLowerCase()) ?? "team member"}`)
      : out;
    out = emails ? out.replace(emails, ANOTHER_ACCOUNT) : out;
    out = names ? out.replace(names, ANOTHER_PERSON) : out;
    return out;
  };
}

/** Why the ledger holds each kind of data. */
export const PURPOSES: ReadonlyArray<readonly [string, string]> = [
  [
    "Name, email, phone, country, time zone",
    "To identify you, contact you, and send you notices about decisions on your account.",
  ],
  [
    "Bank account and ID document (masked), with keyed fingerprints",
    "To pay you and to detect one person holding several accounts. Full numbers are never stored: only the last digits and a keyed fingerprint that cannot be turned back into the number.",
  ],
  [
    "Screening results",
    "To detect duplicate accounts and people who may not work on the platform. A person reviews every match.",
  ],
  [
    "Decisions, warnings, strikes and suspensions",
    "The record of each decision about your account with its reasons and Code of Conduct clause, so it can be explained and appealed.",
  ],
  ["Internal notes", "What the team checked or observed while handling your account."],
  ["Audits", "Quality and documentation checks of your work."],
  ["Disputes", "Your appeals and questions, and their outcomes."],
  [
    "Projects, document folder, Discord and Zendesk ids",
    "To give you, and take away, access to the projects and tools you work with.",
  ],
];

/** How the automated checks work, in words. */
export function automatedChecks(strikeExpiryDays: number): string[] {
  return [
    `Screening compares your name, email, phone and the fingerprints of your bank account and ID with other accounts and with the Blacklist, and gives Clear, Review or Match. ${SCREENING_NOTICE}`,
    "Bank account checks verify the format and check digits of the account number; they do not contact your bank.",
    "Monitoring rules flag patterns for a person to review, for example a suspension past its end, a review of an open suspension that is overdue, or warnings reaching the strike threshold. A rule never decides anything.",
    `Each warning counts as a strike, weighted by the Code of Conduct clause, for ${strikeExpiryDays} days.`,
    "Every decision about your account was taken by a person.",
  ];
}

const RECORD_FIELDS: ReadonlyArray<readonly [keyof WorkerRecord, string]> = [
  ["workerId", "Account id"],
  ["name", "Name"],
  ["email", "Email"],
  ["phone", "Phone"],
  ["country", "Country"],
  ["timezone", "Time zone"],
  ["status", "Status"],
  ["statusSince", "Status since"],
  ["suspensionKind", "Suspension"],
  ["suspendedUntil", "Suspended until"],
  ["reviewDueAt", "Suspension review due"],
  ["projects", "Projects"],
  ["source", "How you applied"],
  ["bankMasked", "Bank account"],
  ["bankScheme", "Bank account kind"],
  ["bankCountry", "Bank country"],
  ["bankVerification", "Bank account check"],
  ["bankFingerprint", "Bank account fingerprint"],
  ["idType", "ID document kind"],
  ["idMasked", "ID document"],
  ["idCountry", "ID document country"],
  ["idExpiresOn", "ID document expires"],
  ["idFingerprint", "ID document fingerprint"],
  ["screeningVerdict", "Screening verdict"],
  ["screenedAt", "Screened at"],
  ["screeningSummary", "Screening result"],
  ["documentFolder", "Document folder"],
  ["discordUserId", "Discord user id"],
  ["zendeskUserId", "Zendesk user id"],
  ["zendeskTicketUrl", "Zendesk ticket"],
  ["riskNotes", "Internal risk notes"],
  ["lastActivityAt", "Last activity"],
];

export interface WorkerExport {
  json: Record<string, unknown>;
  html: string;
  counts: {decisions: number; notes: number; disputes: number; audits: number; findings: number};
}

/** Builds the readable document and its JSON copy. */
export function buildExport(input: ExportInput): WorkerExport {
  const r = redactor(input.worker, input.others);
  // Staff appear by role; someone no longer on the Staff tab, as a team member.
  const who = (email: string) => {
    const shown = r(email);
    return shown.includes("@") ? "a Trust & Safety team member" : shown;
  };
  const w = input.worker;
  const record = RECORD_FIELDS.map(([key, label]) => [label, r(String(w[key] ?? ""))] as const).filter(([, v]) => v);
  const strikes = w.strikes.map((s) => ({
    at: s.at,
    policyClause: s.policyClause,
    weight: s.weight,
    countsUntil: s.expiresAt,
  }));
  const entries = [...input.events].reverse().map((e) => ({
    kind: kindOf(e),
    time: e.time,
    type: e.type,
    by: who(e.actor),
    from: e.fromStatus,
    to: e.toStatus,
    reason: r(e.reason),
    policyClause: e.policyClause,
    evidence: r(e.evidence),
    details: r(e.details),
  }));
  const notes = entries.filter((e) => e.kind === "Note");
  const decisions = entries.filter((e) => e.kind !== "Note");
  const disputes = input.disputes.map((d) => ({
    disputeId: d.disputeId,
    category: d.category,
    openedAt: d.openedAt,
    summary: r(d.summary),
    status: d.status,
    outcome: d.outcome,
    rationale: r(d.rationale),
    policyClause: d.policyClause,
    decidedAt: d.decidedAt,
    decidedBy: who(d.decidedBy),
  }));
  const audits = input.audits.map((a) => ({
    auditId: a.auditId,
    kind: a.kind,
    status: a.status,
    scheduledAt: a.scheduledAt,
    completedAt: a.completedAt,
    findings: r(a.findings),
    missing: a.missing,
  }));
  const blacklist = input.blacklist.map((b) => ({
    reason: r(b.reason),
    policyClause: b.policyClause,
    approvedAt: b.approvedAt,
    liftedAt: b.liftedAt ?? "",
    liftReason: r(b.liftReason ?? ""),
  }));
  const findings = input.findings.map((f) => ({
    rule: f.rule,
    severity: f.severity,
    firstSeen: f.firstSeen,
    title: r(f.title),
    explanation: r(f.explanation),
  }));
  const checks = automatedChecks(input.strikeExpiryDays);
  const json = {
    exportedAt: input.now,
    workerId: w.workerId,
    record: Object.fromEntries(record),
    strikes,
    decisions,
    internalNotes: notes,
    disputes,
    audits,
    blacklistEntries: blacklist,
    currentFindings: findings,
    purposes: PURPOSES.map(([data, purpose]) => ({data, purpose})),
    automatedChecks: checks,
    otherPeople: `Where a check compared you with another record, this export says "${ANOTHER_ACCOUNT}": another person's data is never included.`,
  };
  return {
    json,
    html: renderHtml(w.workerId, input.now, {
      record,
      strikes,
      decisions,
      notes,
      disputes,
      audits,
      blacklist,
      findings,
      checks,
    }),
    counts: {
      decisions: decisions.length,
      notes: notes.length,
      disputes: disputes.length,
      audits: audits.length,
      findings: findings.length,
    },
  };
}

type Row = Record<string, unknown>;

function table(rows: readonly Row[], columns: ReadonlyArray<readonly [string, string]>): string {
  if (!rows.length) {
    return "<p>None.</p>";
  }
  const head = columns.map(([, label]) => `<th>${escapeHtml(label)}</th>`).join("");
  const body = rows
    .map((row) => `<tr>${columns.map(([key]) => `<td>${escapeHtml(String(row[key] ?? ""))}</td>`).join("")}</tr>`)
    .join("\n");
  return `<table border="1" cellpadding="4">\n<tr>${head}</tr>\n${body}\n</table>`;
}

function renderHtml(
  workerId: string,
  now: string,
  p: {
    record: ReadonlyArray<readonly [string, string]>;
    strikes: Row[];
    decisions: Row[];
    notes: Row[];
    disputes: Row[];
    audits: Row[];
    blacklist: Row[];
    findings: Row[];
    checks: string[];
  },
): string {
  const h2 = (t: string) => `<h2>${escapeHtml(t)}</h2>`;
  const EVENT_COLUMNS = [
    ["time", "When (UTC)"],
    ["type", "What"],
    ["by", "By"],
    ["from", "From"],
    ["to", "To"],
    ["reason", "Reason"],
    ["policyClause", "Clause"],
    ["details", "Details"],
  ] as const;
  return [
    "<!DOCTYPE html>",
    `<html><head><meta charset="utf-8"><title>Your data: ${escapeHtml(workerId)}</title></head><body>`,
    `<h1>Everything the Trust &amp; Safety team holds about account ${escapeHtml(workerId)}</h1>`,
    `<p>Prepared on ${escapeHtml(now.slice(0, 10))}. Where a check compared you with another record, this document says "${ANOTHER_ACCOUNT}": another person's data is never included. Team members appear by their role.</p>`,
    h2("Your record"),
    table(
      p.record.map(([label, value]) => ({label, value})),
      [
        ["label", "Field"],
        ["value", "Value"],
      ],
    ),
    h2("Strikes"),
    table(p.strikes, [
      ["at", "Given"],
      ["policyClause", "Clause"],
      ["weight", "Weight"],
      ["countsUntil", "Counts until"],
    ]),
    h2("Decisions and checks, newest first"),
    table(p.decisions, EVENT_COLUMNS),
    h2("Internal notes"),
    table(p.notes, [
      ["time", "When (UTC)"],
      ["by", "By"],
      ["details", "Note"],
    ]),
    h2("Disputes"),
    table(p.disputes, [
      ["openedAt", "Opened"],
      ["category", "Kind"],
      ["summary", "About"],
      ["status", "Status"],
      ["outcome", "Outcome"],
      ["rationale", "Reasons"],
    ]),
    h2("Audits"),
    table(p.audits, [
      ["scheduledAt", "Scheduled"],
      ["kind", "Kind"],
      ["status", "Result"],
      ["findings", "Findings"],
    ]),
    h2("Blacklist entries"),
    table(p.blacklist, [
      ["approvedAt", "Since"],
      ["reason", "Reason"],
      ["policyClause", "Clause"],
      ["liftedAt", "Lifted"],
      ["liftReason", "Why lifted"],
    ]),
    h2("Current findings of the monitoring rules"),
    table(p.findings, [
      ["firstSeen", "Since"],
      ["severity", "Severity"],
      ["title", "Finding"],
    ]),
    h2("Why we hold this data"),
    table(
      PURPOSES.map(([data, purpose]) => ({data, purpose})),
      [
        ["data", "Data"],
        ["purpose", "Purpose"],
      ],
    ),
    h2("How the automated checks work"),
    `<ul>\n${p.checks.map((c) => `<li>${escapeHtml(c)}</li>`).join("\n")}\n</ul>`,
    "</body></html>",
  ].join("\n");
}
