// Monitoring rules: pure checks over ledger rows that produce findings for a person to review.
// A finding never decides anything; it names its evidence so a specialist can check it.
import type {AuditRecord, BlacklistRecord, DisputeRecord, EventRecord, WorkerRecord} from "./records";
import type {FoldResult} from "./fold";
import {LIVE_STATUSES} from "./lifecycle";
import {daysBetween, localDate, longDate} from "./dates";
import {sha256Hex} from "./hash";

/** How serious a finding is, weakest first. `Review` is the most a signal innocent people share can give. */
export const SEVERITIES = ["Review", "Warning", "Critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const RULE_IDS = [
  "shared-bank",
  "shared-phone",
  "shared-email",
  "blacklist-match",
  "suspension-overdue",
  "vetting-incomplete",
  "documents-missing",
  "documents-expired",
  "dispute-overdue",
  "inactive",
  "ledger-drift",
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** A row with its 1-based sheet row number; `invalid` names fields whose cell could not be read. */
export interface Located<R> {
  row: number;
  record: R;
  invalid?: ReadonlySet<string>;
}

/** What one finding concerns and why, in words a specialist can check against the ledger. */
export interface Finding {
  /** Stable across runs: the rule id and the sorted keys of what the finding concerns. */
  id: string;
  rule: RuleId;
  severity: Severity;
  /** One line: "W-000003 and W-000017 share a payout account". */
  title: string;
  /** The workers involved, sorted by id. */
  workers: Array<{workerId: string; name: string}>;
  /** When the condition began, as far as the evidence shows (see each rule). "" when unknown. */
  firstSeen: string;
  explanation: string;
  /** Where to look: sheet rows, decision ids, audit and dispute ids. */
  evidence: string[];
  /** What a person may do next. Rules never act. */
  advice: string;
}

/** A digest of one worker's decisions: enough to check a Workers row without the whole log. */
export interface LogDigest {
  workerId: string;
  /** Decisions that changed the worker (sequence above 0). */
  count: number;
  maxSeq: number;
  lastEventId: string;
  /** The status the last decision left the worker in. */
  lastStatus: string;
  lastTime: string;
  /** Gaps or repeats in the sequence numbers. */
  problems: string[];
}

/** The decision log as a rule sees it: whole folds when the log was read in full, digests otherwise. */
export type LogView = {kind: "fold"; folds: ReadonlyMap<string, FoldResult>} | {kind: "digest"; digests: ReadonlyMap<string, LogDigest>};

/** Everything the rules may look at. A rule whose inputs are absent finds nothing. */
export interface RuleInput {
  now: string;
  workers?: ReadonlyArray<Located<WorkerRecord>>;
  blacklist?: ReadonlyArray<Located<BlacklistRecord>>;
  audits?: ReadonlyArray<Located<AuditRecord>>;
  disputes?: ReadonlyArray<Located<DisputeRecord>>;
  log?: LogView;
  /** Days without activity after which an Active worker is flagged; 0 turns the rule off. */
  inactivityDays?: number;
}

export interface Rule {
  id: RuleId;
  /** The highest severity the rule gives. */
  severity: Severity;
  description: string;
  advice: string;
  check(input: RuleInput): Finding[];
}

/** "rule:key1+key2", keys sorted; long keys are shortened to a hash so the id stays short. */
export function findingId(rule: RuleId, keys: readonly string[]): string {
  const joined = [...new Set(keys)].sort().join("+");
  return `${rule}:${joined.length > 80 ? `h${sha256Hex(joined).slice(0, 20)}` : joined}`;
}

function ok<R>(row: Located<R>, field: keyof R & string): boolean {
  return !row.invalid?.has(field);
}

function person(w: WorkerRecord): {workerId: string; name: string} {
  return {workerId: w.workerId, name: w.name || w.workerId};
}

function who(row: Located<WorkerRecord>): string {
  const w = row.record;
  return `${w.workerId}${w.name ? ` (${w.name})` : ""}`;
}

function listAnd(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function latest(times: readonly string[]): string {
  return times.filter(Boolean).reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a), "");
}

function dayStart(date: string): string {
  return `${date.slice(0, 10)}T00:00:00.000Z`;
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * 86_400_000).toISOString();
}

function isLive(row: Located<WorkerRecord>): boolean {
  return ok(row, "status") && (LIVE_STATUSES as readonly string[]).includes(row.record.status);
}

function isActive(row: Located<WorkerRecord>): boolean {
  return ok(row, "status") && row.record.status === "Active";
}

/** The first row per worker id: a copied row must not double a finding. */
function uniqueWorkers(rows: ReadonlyArray<Located<WorkerRecord>>): Array<Located<WorkerRecord>> {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const id = r.record.workerId;
    if (!id || seen.has(id)) {
      return false;
    }
    seen.add(id);
    return true;
  });
}

// ---------- shared identifiers ----------

interface SharedKey {
  id: "shared-bank" | "shared-phone" | "shared-email";
  severity: Severity;
  field: "bankFingerprint" | "phone" | "emailKey";
  what: string;
  show(w: WorkerRecord): string;
  why: string;
  advice: string;
}

/**
 * Live workers (Applicant, Vetting, Active, Suspended) that share an identifier. The finding's
 * key is the shared value (hashed), so it keeps its row when another worker joins the group.
 * First seen: the latest of the members' screening times (a collision shows at screening),
 * falling back to a member's StatusSince when it was never screened.
 */
function sharedKeyRule(spec: SharedKey): Rule {
  return {
    id: spec.id,
    severity: spec.severity,
    description: `Live workers with the same ${spec.what}.`,
    advice: spec.advice,
    check(input) {
      const groups = new Map<string, Array<Located<WorkerRecord>>>();
      for (const row of uniqueWorkers((input.workers ?? []).filter(isLive))) {
        const value = ok(row, spec.field) ? row.record[spec.field].trim() : "";
        if (!value) {
          continue;
        }
        const list = groups.get(value);
        if (list) {
          list.push(row);
        } else {
          groups.set(value, [row]);
        }
      }
      const out: Finding[] = [];
      for (const [value, members] of groups) {
        if (members.length < 2) {
          continue;
        }
        members.sort((a, b) => (a.record.workerId < b.record.workerId ? -1 : 1));
        const ids = members.map((m) => m.record.workerId);
        out.push({
          id: findingId(spec.id, [`h${sha256Hex(`${spec.field}\n${value}`).slice(0, 16)}`]),
          rule: spec.id,
          severity: spec.severity,
          title: `${listAnd(ids)} share ${spec.what === "phone number" ? "a phone number" : spec.what === "payout account" ? "a payout account" : "a mailbox"}`,
          workers: members.map((m) => person(m.record)),
          firstSeen: latest(members.map((m) => m.record.screenedAt || m.record.statusSince)),
          explanation: `${listAnd(members.map((m) => `${who(m)}, ${m.record.status}, Workers row ${m.row}`))} have the same ${spec.what} (${spec.show(members[0]?.record as WorkerRecord)}). ${spec.why}`,
          evidence: members.map((m) => `Workers row ${m.row}: ${m.record.workerId} ${spec.field === "bankFingerprint" ? `BankFingerprint ${value.slice(0, 12)}…` : `${spec.field === "phone" ? "Phone" : "EmailKey"} ${value}`}`),
          advice: spec.advice,
        });
      }
      return out;
    },
  };
}

export const sharedBank = sharedKeyRule({
  id: "shared-bank",
  severity: "Warning",
  field: "bankFingerprint",
  what: "payout account",
  show: (w) => `${w.bankMasked || "masked account unknown"}, one fingerprint`,
  why: "One account paying several worker accounts is how duplicate accounts are usually run; a joint account of a couple is the innocent case.",
  advice: "Compare the workers' identity documents and account holder names; if it is one person, propose blacklisting the copies with the evidence.",
});

export const sharedPhone = sharedKeyRule({
  id: "shared-phone",
  severity: "Review",
  field: "phone",
  what: "phone number",
  show: (w) => w.phone,
  why: "People in one household often share a phone, so this alone shows nothing; it matters only next to other signals.",
  advice: "Look for other shared signals (payout account, documents, work patterns) before doing anything.",
});

export const sharedEmail = sharedKeyRule({
  id: "shared-email",
  severity: "Warning",
  field: "emailKey",
  what: "canonical email key",
  show: (w) => w.emailKey,
  why: "Their addresses reach the same mailbox, so one person holds several worker records (AddApplicant refuses this, so a row was added or edited by hand).",
  advice: "Find out which record is the person's real one; offboard or blacklist the copies with the evidence.",
});

// ---------- blacklist ----------

function keys(text: string): string[] {
  return text.split(/[\s,;]+/).map((k) => k.trim()).filter(Boolean);
}

/**
 * An Active worker whose email key, payout account or ID fingerprint is on the Blacklist
 * (Critical), or only whose phone is (Review: households share phones). Names are not matched
 * here: different people share names (ScreeningReport weighs names). First seen: the later of the
 * entry's approval and the worker's StatusSince.
 */
export const blacklistMatch: Rule = {
  id: "blacklist-match",
  severity: "Critical",
  description: "Active workers who match a Blacklist entry by email key, payout account, ID fingerprint or phone.",
  advice: "Check the match against the entry's evidence; if it is the same person, suspend them and propose blacklisting with the entry as evidence.",
  check(input) {
    const index = new Map<string, Array<{entry: Located<BlacklistRecord>; field: string}>>();
    const add = (key: string, entry: Located<BlacklistRecord>, field: string) => {
      const list = index.get(key) ?? [];
      list.push({entry, field});
      index.set(key, list);
    };
    for (const entry of input.blacklist ?? []) {
      const b = entry.record;
      keys(b.emailKeys).forEach((k) => add(`e:${k.toLowerCase()}`, entry, "email key"));
      keys(b.bankFingerprints).forEach((k) => add(`b:${k}`, entry, "payout account"));
      keys(b.idFingerprints).forEach((k) => add(`i:${k}`, entry, "ID fingerprint"));
      keys(b.phones).forEach((k) => add(`p:${k}`, entry, "phone"));
    }
    if (!index.size) {
      return [];
    }
    const out: Finding[] = [];
    for (const row of uniqueWorkers((input.workers ?? []).filter(isActive))) {
      const w = row.record;
      const probes = [
        w.emailKey ? `e:${w.emailKey.toLowerCase()}` : "",
        w.bankFingerprint ? `b:${w.bankFingerprint}` : "",
        w.idFingerprint ? `i:${w.idFingerprint}` : "",
        w.phone ? `p:${w.phone}` : "",
      ].filter(Boolean);
      const byEntry = new Map<string, {entry: Located<BlacklistRecord>; fields: Set<string>}>();
      for (const probe of probes) {
        for (const hit of index.get(probe) ?? []) {
          if (hit.entry.record.workerId === w.workerId) {
            continue;
          }
          const id = hit.entry.record.entryId || `row ${hit.entry.row}`;
          const slot = byEntry.get(id) ?? {entry: hit.entry, fields: new Set<string>()};
          slot.fields.add(hit.field);
          byEntry.set(id, slot);
        }
      }
      for (const [entryId, {entry, fields}] of byEntry) {
        const strong = [...fields].some((f) => f !== "phone");
        const b = entry.record;
        out.push({
          id: findingId("blacklist-match", [w.workerId, entryId]),
          rule: "blacklist-match",
          severity: strong ? "Critical" : "Review",
          title: `${w.workerId} matches Blacklist entry ${entryId} by ${listAnd([...fields].sort())}`,
          workers: [person(w)],
          firstSeen: latest([b.approvedAt, w.statusSince]),
          explanation:
            `${who(row)} is Active (Workers row ${row.row}) and has the same ${listAnd([...fields].sort())} as Blacklist entry ${entryId}` +
            `${b.name ? ` (${b.name}` : " ("}${b.workerId ? `${b.name ? ", " : ""}from ${b.workerId}` : ""}), blacklisted${b.approvedAt ? ` on ${longDate(b.approvedAt)}` : ""}: ${b.reason || "no reason recorded"}${b.policyClause ? ` (${b.policyClause})` : ""}.` +
            (strong ? "" : " Only the phone matches, which people in one household share: review, do not act on this alone."),
          evidence: [`Workers row ${row.row}: ${w.workerId}`, `Blacklist row ${entry.row}: ${entryId}`, ...(b.eventId ? [`Decision ${b.eventId}`] : [])],
          advice: strong ? blacklistMatch.advice : "Review the worker's other identifiers against the entry before doing anything.",
        });
      }
    }
    return out;
  },
};

// ---------- lifecycle state ----------

/**
 * A Suspended worker whose suspension has ended: SuspendedUntil is the first day they may work
 * again, in their own time zone. First seen: the start of that day.
 */
export const suspensionOverdue: Rule = {
  id: "suspension-overdue",
  severity: "Warning",
  description: "Suspended workers whose suspension has ended (SuspendedUntil is today or earlier) but who were not reinstated.",
  advice: "Reinstate the worker with ReinstateWorker, or record the decision that keeps them out (a new suspension, offboarding or blacklisting).",
  check(input) {
    const out: Finding[] = [];
    for (const row of uniqueWorkers(input.workers ?? [])) {
      const w = row.record;
      if (!ok(row, "status") || w.status !== "Suspended" || !w.suspendedUntil || !ok(row, "suspendedUntil")) {
        continue;
      }
      const today = localDate(input.now, w.timezone);
      if (today < w.suspendedUntil) {
        continue;
      }
      const days = daysBetween(dayStart(w.suspendedUntil), dayStart(today));
      out.push({
        id: findingId("suspension-overdue", [w.workerId]),
        rule: "suspension-overdue",
        severity: "Warning",
        title: `${w.workerId}'s suspension ended ${days === 0 ? "today" : `${days} day${days === 1 ? "" : "s"} ago`}`,
        workers: [person(w)],
        firstSeen: dayStart(w.suspendedUntil),
        explanation: `${who(row)} is still Suspended (Workers row ${row.row}) although the suspension ended: they may work again from ${longDate(dayStart(w.suspendedUntil))} (SuspendedUntil)${w.timezone ? `, in their time zone ${w.timezone}` : ""}.`,
        evidence: [`Workers row ${row.row}: ${w.workerId} SuspendedUntil ${w.suspendedUntil}`, ...(w.lastEventId ? [`Decision ${w.lastEventId}`] : [])],
        advice: suspensionOverdue.advice,
      });
    }
    return out;
  },
};

/** An Active worker without a bank verification or a screening result. First seen: when they became Active. */
export const vettingIncomplete: Rule = {
  id: "vetting-incomplete",
  severity: "Warning",
  description: "Active workers whose vetting is incomplete: no bank verification or no screening recorded.",
  advice: "Record the bank details (RecordBankDetails) and screen the worker (ScreeningReport); suspend them if they cannot be vetted.",
  check(input) {
    const out: Finding[] = [];
    for (const row of uniqueWorkers((input.workers ?? []).filter(isActive))) {
      const w = row.record;
      const missing = [!w.bankVerification ? "no bank verification" : "", !w.screeningVerdict ? "no screening result" : ""].filter(Boolean);
      if (!missing.length) {
        continue;
      }
      out.push({
        id: findingId("vetting-incomplete", [w.workerId]),
        rule: "vetting-incomplete",
        severity: "Warning",
        title: `${w.workerId} is Active with ${listAnd(missing)}`,
        workers: [person(w)],
        firstSeen: w.statusSince,
        explanation: `${who(row)} is Active${w.statusSince ? ` since ${longDate(w.statusSince)}` : ""} (Workers row ${row.row}) but the ledger has ${listAnd(missing)} (${[!w.bankVerification ? "BankVerification" : "", !w.screeningVerdict ? "ScreeningVerdict" : ""].filter(Boolean).join(" and ")} empty).`,
        evidence: [`Workers row ${row.row}: ${w.workerId}`],
        advice: vettingIncomplete.advice,
      });
    }
    return out;
  },
};

/**
 * The latest completed Documentation audit of each worker, by completion time (sheet order breaks ties).
 */
export function latestDocumentationAudits(audits: ReadonlyArray<Located<AuditRecord>>): Map<string, Located<AuditRecord>> {
  const out = new Map<string, Located<AuditRecord>>();
  for (const row of audits) {
    const a = row.record;
    if (a.kind !== "Documentation" || !a.workerId || !["Passed", "Concerns", "Failed"].includes(a.status)) {
      continue;
    }
    const prior = out.get(a.workerId);
    if (!prior || (a.completedAt || "") >= (prior.record.completedAt || "")) {
      out.set(a.workerId, row);
    }
  }
  return out;
}

/**
 * An Active worker with no document folder, or whose latest documentation audit found required
 * documents missing. First seen: when they became Active (no folder) or the audit's completion.
 */
export const documentsMissing: Rule = {
  id: "documents-missing",
  severity: "Warning",
  description: "Active workers with no document folder, or whose latest documentation audit found required documents missing.",
  advice: "Ask the worker for the missing documents, then run AuditDocuments again.",
  check(input) {
    const latestAudit = latestDocumentationAudits(input.audits ?? []);
    const out: Finding[] = [];
    for (const row of uniqueWorkers((input.workers ?? []).filter(isActive))) {
      const w = row.record;
      const audit = latestAudit.get(w.workerId);
      const noFolder = !w.documentFolder;
      const missing = audit && audit.record.missing ? audit.record.missing : "";
      if (!noFolder && !missing) {
        continue;
      }
      const reasons = [
        noFolder ? `no document folder is recorded (DocumentFolder is empty on Workers row ${row.row})` : "",
        missing && audit ? `documentation audit ${audit.record.auditId}${audit.record.completedAt ? ` on ${longDate(audit.record.completedAt)}` : ""} found missing: ${missing}` : "",
      ].filter(Boolean);
      out.push({
        id: findingId("documents-missing", [w.workerId]),
        rule: "documents-missing",
        severity: "Warning",
        title: noFolder ? `${w.workerId} has no document folder` : `${w.workerId} is missing ${missing}`,
        workers: [person(w)],
        firstSeen: noFolder ? w.statusSince : (audit?.record.completedAt ?? ""),
        explanation: `${who(row)} is Active, but ${listAnd(reasons)}.`,
        evidence: [`Workers row ${row.row}: ${w.workerId}`, ...(audit && missing ? [`Audits row ${audit.row}: ${audit.record.auditId}`] : [])],
        advice: noFolder ? "Record the worker's document folder, then run AuditDocuments." : documentsMissing.advice,
      });
    }
    return out;
  },
};

/**
 * An Active worker one of whose current documents has expired, by the earliest expiry the latest
 * documentation audit recorded. First seen: the expiry date.
 */
export const documentsExpired: Rule = {
  id: "documents-expired",
  severity: "Warning",
  description: "Active workers one of whose documents has expired, by the latest documentation audit.",
  advice: "Ask the worker for a current document, then run AuditDocuments again.",
  check(input) {
    const latestAudit = latestDocumentationAudits(input.audits ?? []);
    const out: Finding[] = [];
    for (const row of uniqueWorkers((input.workers ?? []).filter(isActive))) {
      const w = row.record;
      const audit = latestAudit.get(w.workerId);
      const expires = audit?.record.documentsExpireOn ?? "";
      if (!audit || !expires || localDate(input.now, w.timezone) <= expires) {
        continue;
      }
      out.push({
        id: findingId("documents-expired", [w.workerId]),
        rule: "documents-expired",
        severity: "Warning",
        title: `A document of ${w.workerId} expired on ${longDate(dayStart(expires))}`,
        workers: [person(w)],
        firstSeen: dayStart(expires),
        explanation: `${who(row)} is Active, and documentation audit ${audit.record.auditId}${audit.record.completedAt ? ` (${longDate(audit.record.completedAt)})` : ""} recorded a document expiring on ${longDate(dayStart(expires))}, which has passed.`,
        evidence: [`Workers row ${row.row}: ${w.workerId}`, `Audits row ${audit.row}: ${audit.record.auditId} DocumentsExpireOn ${expires}`],
        advice: documentsExpired.advice,
      });
    }
    return out;
  },
};

/** An open dispute (Open or InReview) past its due time. First seen: the due time. */
export const disputeOverdue: Rule = {
  id: "dispute-overdue",
  severity: "Warning",
  description: "Open disputes past their due date.",
  advice: "Answer the worker now, or reassign the dispute to someone who can (AssignDispute).",
  check(input) {
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (const row of input.disputes ?? []) {
      const d = row.record;
      if (!ok(row, "status") || !(d.status === "Open" || d.status === "InReview") || !d.dueAt || !ok(row, "dueAt")) {
        continue;
      }
      if (Date.parse(d.dueAt) >= Date.parse(input.now)) {
        continue;
      }
      const key = d.disputeId || `row${row.row}`;
      if (seen.has(key)) {
        continue;
      }
      seen.add(key);
      const days = daysBetween(d.dueAt, input.now);
      out.push({
        id: findingId("dispute-overdue", [key]),
        rule: "dispute-overdue",
        severity: "Warning",
        title: `Dispute ${key} is ${days < 1 ? "overdue" : `${days} day${days === 1 ? "" : "s"} overdue`}`,
        workers: d.workerId ? [{workerId: d.workerId, name: d.workerId}] : [],
        firstSeen: d.dueAt,
        explanation: `Dispute ${key}${d.category ? ` (${d.category})` : ""}${d.workerId ? ` from ${d.workerId}` : ""}${d.openedAt ? `, opened ${longDate(d.openedAt)}` : ""}, was due ${longDate(d.dueAt)} and is still ${d.status}${d.assignee ? `; assigned to ${d.assignee}` : "; nobody is assigned"}.`,
        evidence: [`Disputes row ${row.row}: ${key}`],
        advice: disputeOverdue.advice,
      });
    }
    return out;
  },
};

/**
 * An Active worker with no recorded activity for more than the configured number of days
 * (LastActivityAt, or StatusSince when no activity was ever recorded). First seen: the day the
 * limit passed.
 */
export const inactive: Rule = {
  id: "inactive",
  severity: "Review",
  description: "Active workers with no recorded activity for more days than Settings InactivityDays.",
  advice: "Check with the worker or their project; offboard them if they have left.",
  check(input) {
    const limit = input.inactivityDays ?? 0;
    if (!(limit > 0)) {
      return [];
    }
    const out: Finding[] = [];
    for (const row of uniqueWorkers((input.workers ?? []).filter(isActive))) {
      const w = row.record;
      const since = (ok(row, "lastActivityAt") && w.lastActivityAt) || (ok(row, "statusSince") && w.statusSince) || "";
      if (!since) {
        continue;
      }
      const days = daysBetween(since, input.now);
      if (days <= limit) {
        continue;
      }
      out.push({
        id: findingId("inactive", [w.workerId]),
        rule: "inactive",
        severity: "Review",
        title: `${w.workerId} inactive for ${days} days`,
        workers: [person(w)],
        firstSeen: addDays(since, limit),
        explanation: `${who(row)} is Active but has no recorded activity since ${longDate(since)} (${w.lastActivityAt ? "LastActivityAt" : "StatusSince; no activity was ever recorded"}, Workers row ${row.row}): ${days} days, more than the ${limit} set in Settings (InactivityDays).`,
        evidence: [`Workers row ${row.row}: ${w.workerId}`],
        advice: inactive.advice,
      });
    }
    return out;
  },
};

// ---------- ledger drift ----------

/** The worker fields a decision can set; bookkeeping (lock, recent requests) is not compared. */
const COMPARED: ReadonlyArray<keyof WorkerRecord & string> = [
  "name",
  "email",
  "emailKey",
  "phone",
  "country",
  "timezone",
  "status",
  "statusSince",
  "suspendedUntil",
  "projects",
  "source",
  "bankFingerprint",
  "bankMasked",
  "bankScheme",
  "bankCountry",
  "bankVerification",
  "idFingerprint",
  "screeningVerdict",
  "screenedAt",
  "documentFolder",
  "discordUserId",
  "zendeskUserId",
  "zendeskTicketUrl",
  "riskNotes",
  "pendingBlacklist",
  "pendingActions",
  "lastActivityAt",
  "accessRemoved",
  "version",
  "updatedAt",
  "updatedBy",
  "lastEventId",
];

/** JSON with sorted keys and without undefined, so equal values compare equal however they were built. */
export function canonical(value: unknown): string {
  if (value === undefined || value === null) {
    return "";
  }
  if (Array.isArray(value)) {
    return value.length ? `[${value.map(canonical).join(",")}]` : "";
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v) || '""'}`).join(",")}}`;
  }
  return typeof value === "string" ? value : JSON.stringify(value);
}

function shown(value: unknown): string {
  const text = canonical(value);
  if (!text) {
    return "empty";
  }
  return `"${text.length > 60 ? `${text.slice(0, 57)}…` : text}"`;
}

/**
 * Builds the digest of each worker's decisions from log rows in log order: the same sequence
 * checks as foldWorker, without the changes. Events with sequence 0 do not touch a worker.
 */
export function digestLog(events: Iterable<Pick<EventRecord, "eventId" | "workerId" | "seq" | "toStatus" | "time">>): Map<string, LogDigest> {
  const out = new Map<string, LogDigest>();
  for (const e of events) {
    if (!e.workerId || !(e.seq > 0)) {
      continue;
    }
    let d = out.get(e.workerId);
    if (!d) {
      d = {workerId: e.workerId, count: 0, maxSeq: 0, lastEventId: "", lastStatus: "", lastTime: "", problems: []};
      out.set(e.workerId, d);
    }
    const expected = d.maxSeq + 1;
    if (e.seq !== expected) {
      d.problems.push(`${e.eventId} has sequence ${e.seq} where ${expected} was expected`);
      if (e.seq < expected) {
        continue;
      }
    }
    d.count++;
    d.maxSeq = e.seq;
    d.lastEventId = e.eventId;
    d.lastStatus = e.toStatus || d.lastStatus;
    d.lastTime = e.time;
  }
  return out;
}

/**
 * A Workers row that disagrees with its decisions in the log, a worker in the log without a row,
 * or a row without decisions. With the whole log (`fold`) every decision-set field is compared;
 * with a digest (large logs) the status, version and last decision are. First seen: the time of
 * the worker's last decision (the row disagrees since at least then).
 */
export const ledgerDrift: Rule = {
  id: "ledger-drift",
  severity: "Warning",
  description: "Workers rows that disagree with the decision log they are a projection of.",
  advice: "Find out who edited the Workers row by hand (the sheet's version history); restore it from the log (RepairLedger) or record the change as a decision.",
  check(input) {
    const log = input.log;
    if (!log) {
      return [];
    }
    const out: Finding[] = [];
    const rows = uniqueWorkers(input.workers ?? []);
    const seen = new Set<string>();
    for (const row of rows) {
      const w = row.record;
      seen.add(w.workerId);
      const diffs: string[] = [];
      let lastId = "";
      let lastTime = "";
      let problems: string[] = [];
      if (log.kind === "fold") {
        const fold = log.folds.get(w.workerId);
        if (fold?.worker) {
          const f = fold.worker;
          lastId = f.lastEventId;
          lastTime = f.updatedAt;
          problems = fold.problems;
          for (const field of COMPARED) {
            if (row.invalid?.has(field)) {
              continue;
            }
            if (canonical(w[field]) !== canonical(f[field])) {
              diffs.push(`${field} is ${shown(w[field])} on the row but ${shown(f[field])} in the log`);
            }
          }
        }
      } else {
        const d = log.digests.get(w.workerId);
        if (d) {
          lastId = d.lastEventId;
          lastTime = d.lastTime;
          problems = d.problems;
          if (ok(row, "status") && d.lastStatus && w.status !== d.lastStatus) {
            diffs.push(`status is "${w.status}" on the row but the last decision leaves it "${d.lastStatus}"`);
          }
          if (ok(row, "version") && w.version !== d.maxSeq) {
            diffs.push(`version is ${w.version} on the row but the log's last decision has sequence ${d.maxSeq}`);
          }
          if (w.lastEventId !== d.lastEventId) {
            diffs.push(`lastEventId is ${shown(w.lastEventId)} on the row but the last decision is ${d.lastEventId}`);
          }
        }
      }
      if (!lastId) {
        out.push(driftFinding(w, row.row, w.updatedAt, `the decision log holds no decision about ${w.workerId}: the row was added or renamed by hand`, [`Workers row ${row.row}: ${w.workerId}`]));
        continue;
      }
      if (!diffs.length && !problems.length) {
        continue;
      }
      const parts = [
        diffs.length ? `${diffs.slice(0, 5).join("; ")}${diffs.length > 5 ? `; and ${diffs.length - 5} more field${diffs.length - 5 === 1 ? "" : "s"}` : ""}` : "",
        problems.length ? `the log itself has a gap or repeat (${problems.slice(0, 3).join("; ")})` : "",
      ].filter(Boolean);
      out.push(driftFinding(w, row.row, lastTime, parts.join(". Also, "), [`Workers row ${row.row}: ${w.workerId}`, `Decision ${lastId} (the last about ${w.workerId})`]));
    }
    const logged = log.kind === "fold" ? [...log.folds.entries()].filter(([, f]) => f.worker).map(([id, f]) => ({id, lastId: f.worker?.lastEventId ?? "", time: f.worker?.updatedAt ?? "", name: f.worker?.name ?? ""})) : [...log.digests.values()].map((d) => ({id: d.workerId, lastId: d.lastEventId, time: d.lastTime, name: ""}));
    for (const l of logged) {
      if (seen.has(l.id) || !input.workers) {
        continue;
      }
      out.push({
        id: findingId("ledger-drift", [l.id]),
        rule: "ledger-drift",
        severity: "Warning",
        title: `${l.id} is in the decision log but has no Workers row`,
        workers: [{workerId: l.id, name: l.name || l.id}],
        firstSeen: l.time,
        explanation: `The decision log holds decisions about ${l.id} (the last is ${l.lastId}), but the Workers tab has no row for ${l.id}: the row was deleted or its id changed by hand.`,
        evidence: [`Decision ${l.lastId}`],
        advice: ledgerDrift.advice,
      });
    }
    return out;
  },
};

function driftFinding(w: WorkerRecord, row: number, firstSeen: string, what: string, evidence: string[]): Finding {
  return {
    id: findingId("ledger-drift", [w.workerId]),
    rule: "ledger-drift",
    severity: "Warning",
    title: `${w.workerId}'s Workers row disagrees with the decision log`,
    workers: [person(w)],
    firstSeen,
    explanation: `Workers row ${row} (${w.workerId}) disagrees with the decision log: ${what}.`,
    evidence,
    advice: ledgerDrift.advice,
  };
}

/** Every rule, in the order findings are listed within a severity. */
export const RULES: readonly Rule[] = [
  blacklistMatch,
  sharedBank,
  sharedEmail,
  sharedPhone,
  suspensionOverdue,
  vettingIncomplete,
  documentsMissing,
  documentsExpired,
  disputeOverdue,
  inactive,
  ledgerDrift,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}

export interface RuleFilter {
  rules?: ReadonlySet<RuleId>;
  severities?: ReadonlySet<Severity>;
}

/**
 * Runs the rules (all, or those the filter names) and returns their findings, most severe first,
 * one per finding id.
 */
export function evaluate(input: RuleInput, filter: RuleFilter = {}): Finding[] {
  const out: Finding[] = [];
  const ids = new Set<string>();
  for (const rule of RULES) {
    if (filter.rules?.size && !filter.rules.has(rule.id)) {
      continue;
    }
    for (const finding of rule.check(input)) {
      if (ids.has(finding.id) || (filter.severities?.size && !filter.severities.has(finding.severity))) {
        continue;
      }
      ids.add(finding.id);
      out.push(finding);
    }
  }
  const rank = (f: Finding) => SEVERITIES.indexOf(f.severity);
  const order = (f: Finding) => RULES.findIndex((r) => r.id === f.rule);
  return out.sort((a, b) => rank(b) - rank(a) || order(a) - order(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A rule id or severity as typed by a person ("Shared Bank", "critical"), or undefined. */
export function parseRuleId(text: string): RuleId | undefined {
  const t = text.trim().toLowerCase().replace(/[\s_]+/g, "-");
  return RULE_IDS.find((r) => r === t);
}

export function parseSeverity(text: string): Severity | undefined {
  const t = text.trim().toLowerCase();
  return SEVERITIES.find((s) => s.toLowerCase() === t);
}
