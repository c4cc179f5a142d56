// Monitoring rules: pure checks over ledger rows. A finding names its evidence; it never decides.
import type {AuditRecord, BlacklistRecord, DisputeRecord, EventRecord, WorkerRecord} from "./records";
import {emptyWorker} from "./records";
import type {FoldResult} from "./fold";
import {LIVE_STATUSES} from "./lifecycle";
import {daysBetween, localDate, longDate} from "./dates";
import {sha256Hex} from "./hash";
import {activeStrikes} from "./casework";

/** Weakest first. `Review` is the most a signal innocent people share (a household phone) gives. */
export const SEVERITIES = ["Review", "Warning", "Critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const RULE_IDS = [
  "blacklist-match",
  "shared-bank",
  "shared-email",
  "shared-phone",
  "suspension-overdue",
  "vetting-incomplete",
  "documents-missing",
  "documents-expired",
  "dispute-overdue",
  "inactive",
  "ledger-drift",
  "strike-threshold",
  "investigation-overdue",
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** A row with its 1-based sheet row number; `invalid` names fields whose cell could not be read. */
export interface Located<R> {
  row: number;
  record: R;
  invalid?: ReadonlySet<string>;
}

export interface Finding {
  /** Stable across runs: the rule id and the sorted keys of what the finding concerns. */
  id: string;
  rule: RuleId;
  severity: Severity;
  title: string;
  /** The workers involved, sorted by id. */
  workers: Array<{workerId: string; name: string}>;
  /** When the condition began, as far as the evidence shows (each rule says how). "" when unknown. */
  firstSeen: string;
  explanation: string;
  /** Where to look: sheet rows, decision, audit and dispute ids. */
  evidence: string[];
  /** What a person may do next. Rules never act. */
  advice: string;
}

/** One worker's decisions in brief: enough to check a Workers row without the whole log. */
export interface LogDigest {
  workerId: string;
  maxSeq: number;
  lastEventId: string;
  /** The status the last decision left the worker in. */
  lastStatus: string;
  lastTime: string;
  /** Gaps or repeats in the sequence numbers. */
  problems: string[];
}

/** The log as the drift rule sees it: whole folds when it was read in full, digests otherwise. */
export type LogView =
  {kind: "fold"; folds: ReadonlyMap<string, FoldResult>} | {kind: "digest"; digests: ReadonlyMap<string, LogDigest>};

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
  /** Active strikes at which a suspension is suggested (Settings StrikeThreshold); absent turns the rule off. */
  strikeThreshold?: number;
}

export interface Rule {
  id: RuleId;
  /** The highest severity the rule gives. */
  severity: Severity;
  advice: string;
  check(input: RuleInput): Finding[];
}

/** "rule:key1+key2", keys sorted; long key lists become a hash so the id stays short. */
export function findingId(rule: RuleId, keys: readonly string[]): string {
  const joined = [...new Set(keys)].sort().join("+");
  return `${rule}:${joined.length > 80 ? `h${sha256Hex(joined).slice(0, 20)}` : joined}`;
}

type W = Located<WorkerRecord>;

const ok = <R>(row: Located<R>, field: keyof R & string) => !row.invalid?.has(field);
const person = (w: WorkerRecord) => ({workerId: w.workerId, name: w.name || w.workerId});
const who = (r: W) => `${r.record.workerId}${r.record.name ? ` (${r.record.name})` : ""}`;
const rowOf = (r: W) => `Workers row ${r.row}: ${r.record.workerId}`;
const day = (date: string) => `${date.slice(0, 10)}T00:00:00.000Z`;
const statusIs = (r: W, ...statuses: readonly string[]) => ok(r, "status") && statuses.includes(r.record.status);

function and(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function latest(times: readonly string[]): string {
  return times.filter(Boolean).reduce((a, b) => (!a || Date.parse(b) > Date.parse(a) ? b : a), "");
}

/** The first row per worker id: a row copied by hand must not double a finding. */
function unique(rows: readonly W[] = [], ...statuses: readonly string[]): W[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const id = r.record.workerId;
    const keep = Boolean(id) && !seen.has(id) && (!statuses.length || statusIs(r, ...statuses));
    seen.add(id);
    return keep;
  });
}

function make(
  rule: Rule,
  keys: string[],
  parts: Omit<Finding, "id" | "rule" | "severity" | "advice"> & {severity?: Severity; advice?: string},
): Finding {
  return {id: findingId(rule.id, keys), rule: rule.id, severity: rule.severity, advice: rule.advice, ...parts};
}

/** A rule over one worker at a time. */
function perWorker(
  id: RuleId,
  severity: Severity,
  advice: string,
  statuses: readonly string[],
  test: (r: W, input: RuleInput) => Omit<Finding, "id" | "rule" | "severity" | "advice" | "workers"> | undefined,
): Rule {
  const rule: Rule = {
    id,
    severity,
    advice,
    check: (input) =>
      unique(input.workers, ...statuses).flatMap((r) => {
        const found = test(r, input);
        return found ? [make(rule, [r.record.workerId], {...found, workers: [person(r.record)]})] : [];
      }),
  };
  return rule;
}

// ---------- shared identifiers ----------

/**
 * Live workers (Applicant to Suspended) sharing an identifier. The key is the shared value,
 * hashed, so the finding keeps its row when another worker joins. First seen: the latest
 * member's screening (where a collision shows), or its StatusSince if never screened.
 */
function shared(
  id: RuleId,
  severity: Severity,
  field: "bankFingerprint" | "phone" | "emailKey",
  what: string,
  why: string,
  advice: string,
): Rule {
  const rule: Rule = {
    id,
    severity,
    advice,
    check(input) {
      const groups = new Map<string, W[]>();
      for (const r of unique(input.workers, ...LIVE_STATUSES)) {
        const value = ok(r, field) ? r.record[field] : "";
        if (value) {
          groups.set(value, [...(groups.get(value) ?? []), r]);
        }
      }
      return [...groups]
        .filter(([, members]) => members.length > 1)
        .map(([value, members]) => {
          members.sort((a, b) => (a.record.workerId < b.record.workerId ? -1 : 1));
          const shown = field === "bankFingerprint" ? members[0]?.record.bankMasked || "masked account unknown" : value;
          return make(rule, [`h${sha256Hex(`${field}\n${value}`).slice(0, 16)}`], {
            title: `${and(members.map((m) => m.record.workerId))} share a ${what}`,
            workers: members.map((m) => person(m.record)),
            firstSeen: latest(members.map((m) => m.record.screenedAt || m.record.statusSince)),
            explanation: `${and(members.map((m) => `${who(m)}, ${m.record.status}, Workers row ${m.row}`))} have the same ${what} (${shown}). ${why}`,
            evidence: members.map(rowOf),
          });
        });
    },
  };
  return rule;
}

export const sharedBank = shared(
  "shared-bank",
  "Warning",
  "bankFingerprint",
  "payout account",
  "One account paying several workers is how duplicate accounts are run; a couple's joint account is the innocent case.",
  "Compare their documents and account holder names; if one person, propose blacklisting the copies.",
);
export const sharedEmail = shared(
  "shared-email",
  "Warning",
  "emailKey",
  "mailbox",
  "Their addresses reach one mailbox: one person holds several records (added or edited by hand).",
  "Keep the person's real record; offboard or blacklist the copies.",
);
export const sharedPhone = shared(
  "shared-phone",
  "Review",
  "phone",
  "phone number",
  "Households share phones, so this alone shows nothing.",
  "Look for other shared signals before doing anything.",
);

// ---------- blacklist ----------

const split = (text: string) => text.split(/[\s,;]+/).filter(Boolean);

/**
 * An Active worker sharing an email key, payout account or ID fingerprint with a Blacklist entry
 * (Critical), or only a phone (Review: households share phones). Names are left to ScreeningReport.
 * First seen: the later of the entry's approval and the worker's StatusSince.
 */
export const blacklistMatch: Rule = {
  id: "blacklist-match",
  severity: "Critical",
  advice: "Check the match against the entry's evidence; if it is the same person, suspend and propose blacklisting.",
  check(input) {
    const index = new Map<string, Array<[Located<BlacklistRecord>, string]>>();
    for (const e of input.blacklist ?? []) {
      const add = (text: string, prefix: string, field: string) =>
        split(text).forEach((k) =>
          index.set(prefix + k.toLowerCase(), [...(index.get(prefix + k.toLowerCase()) ?? []), [e, field]]),
        );
      add(e.record.emailKeys, "e:", "email key");
      add(e.record.bankFingerprints, "b:", "payout account");
      add(e.record.idFingerprints, "i:", "ID fingerprint");
      add(e.record.phones, "p:", "phone");
    }
    return unique(input.workers, "Active").flatMap((r) => {
      const w = r.record;
      const hits = new Map<string, {entry: Located<BlacklistRecord>; fields: Set<string>}>();
      for (const probe of [`e:${w.emailKey}`, `b:${w.bankFingerprint}`, `i:${w.idFingerprint}`, `p:${w.phone}`]) {
        for (const [entry, field] of probe.length > 2 ? (index.get(probe.toLowerCase()) ?? []) : []) {
          const key = entry.record.entryId || `row ${entry.row}`;
          if (entry.record.workerId !== w.workerId) {
            const slot = hits.get(key) ?? {entry, fields: new Set<string>()};
            hits.set(key, slot);
            slot.fields.add(field);
          }
        }
      }
      return [...hits].map(([key, {entry, fields}]) => {
        const b = entry.record;
        const by = and([...fields].sort());
        const strong = by !== "phone";
        return make(blacklistMatch, [w.workerId, key], {
          severity: strong ? "Critical" : "Review",
          advice: strong
            ? blacklistMatch.advice
            : "Households share phones: review the other identifiers before doing anything.",
          title: `${w.workerId} matches Blacklist entry ${key} by ${by}`,
          workers: [person(w)],
          firstSeen: latest([b.approvedAt, w.statusSince]),
          explanation: `${who(r)}, Active (Workers row ${r.row}), has the same ${by} as Blacklist entry ${key}${b.workerId ? ` (${b.workerId})` : ""}${b.approvedAt ? `, blacklisted ${longDate(b.approvedAt)}` : ""}: ${b.reason || "no reason recorded"}${b.policyClause ? ` (${b.policyClause})` : ""}.`,
          evidence: [rowOf(r), `Blacklist row ${entry.row}: ${key}`],
        });
      });
    });
  },
};

// ---------- lifecycle state ----------

/**
 * Still Suspended on or after SuspendedUntil (the first day the worker may work again, in their
 * time zone). First seen: the start of that day.
 */
export const suspensionOverdue = perWorker(
  "suspension-overdue",
  "Warning",
  "Reinstate the worker, or record the decision that keeps them out.",
  ["Suspended"],
  (r, input) => {
    const until = ok(r, "suspendedUntil") ? r.record.suspendedUntil : "";
    const today = localDate(input.now, r.record.timezone);
    if (!until || today < until) {
      return undefined;
    }
    const days = daysBetween(day(until), day(today));
    return {
      title: `${r.record.workerId}'s suspension ended ${days ? `${days} day${days === 1 ? "" : "s"} ago` : "today"}`,
      firstSeen: day(until),
      explanation: `${who(r)} is still Suspended (Workers row ${r.row}) though they may work again from ${longDate(day(until))} (SuspendedUntil).`,
      evidence: [rowOf(r)],
    };
  },
);

/** Active without a bank verification or a screening result. First seen: when they became Active. */
export const vettingIncomplete = perWorker(
  "vetting-incomplete",
  "Warning",
  "Record the bank details and screen the worker; suspend them if they cannot be vetted.",
  ["Active"],
  (r) => {
    const missing = [
      r.record.bankVerification ? "" : "no bank verification",
      r.record.screeningVerdict ? "" : "no screening result",
    ].filter(Boolean);
    return missing.length
      ? {
          title: `${r.record.workerId} is Active with ${and(missing)}`,
          firstSeen: r.record.statusSince,
          explanation: `${who(r)} is Active${r.record.statusSince ? ` since ${longDate(r.record.statusSince)}` : ""} (Workers row ${r.row}) with ${and(missing)} recorded.`,
          evidence: [rowOf(r)],
        }
      : undefined;
  },
);

const latestCache = new WeakMap<object, Map<string, Located<AuditRecord>>>();

/** Each worker's latest completed Documentation audit, by completion time (computed once per list). */
export function latestDocumentationAudits(
  audits: ReadonlyArray<Located<AuditRecord>> = [],
): Map<string, Located<AuditRecord>> {
  const cached = latestCache.get(audits);
  if (cached) {
    return cached;
  }
  const out = new Map<string, Located<AuditRecord>>();
  latestCache.set(audits, out);
  for (const row of audits) {
    const a = row.record;
    if (
      a.kind === "Documentation" &&
      a.workerId &&
      ["Passed", "Concerns", "Failed"].includes(a.status) &&
      a.completedAt >= (out.get(a.workerId)?.record.completedAt ?? "")
    ) {
      out.set(a.workerId, row);
    }
  }
  return out;
}

const auditRef = (a: Located<AuditRecord>) => `Audits row ${a.row}: ${a.record.auditId}`;

/**
 * Active with no document folder, or whose latest documentation audit found required documents
 * missing. First seen: StatusSince (no folder) or the audit's completion.
 */
export const documentsMissing = perWorker(
  "documents-missing",
  "Warning",
  "Get the missing documents from the worker, record the folder if needed, then run AuditDocuments.",
  ["Active"],
  (r, input) => {
    const audit = latestDocumentationAudits(input.audits).get(r.record.workerId);
    const missing = audit?.record.missing ?? "";
    if (r.record.documentFolder && !missing) {
      return undefined;
    }
    return r.record.documentFolder
      ? {
          title: `${r.record.workerId} is missing: ${missing}`,
          firstSeen: audit?.record.completedAt ?? "",
          explanation: `${who(r)} is Active, but documentation audit ${audit?.record.auditId} (${longDate(audit?.record.completedAt ?? "")}) found missing: ${missing}.`,
          evidence: [rowOf(r), ...(audit ? [auditRef(audit)] : [])],
        }
      : {
          title: `${r.record.workerId} has no document folder`,
          firstSeen: r.record.statusSince,
          explanation: `${who(r)} is Active, but DocumentFolder is empty on Workers row ${r.row}.`,
          evidence: [rowOf(r)],
        };
  },
);

/** Active, and the earliest expiry the latest documentation audit recorded has passed. First seen: the expiry. */
export const documentsExpired = perWorker(
  "documents-expired",
  "Warning",
  "Get a current document from the worker, then run AuditDocuments.",
  ["Active"],
  (r, input) => {
    const audit = latestDocumentationAudits(input.audits).get(r.record.workerId);
    const expires = audit?.record.documentsExpireOn ?? "";
    if (!audit || !expires || localDate(input.now, r.record.timezone) <= expires) {
      return undefined;
    }
    return {
      title: `A document of ${r.record.workerId} expired on ${longDate(day(expires))}`,
      firstSeen: day(expires),
      explanation: `${who(r)} is Active; documentation audit ${audit.record.auditId} recorded a document expiring ${longDate(day(expires))}.`,
      evidence: [rowOf(r), auditRef(audit)],
    };
  },
);

/** Open or InReview past its due time. First seen: the due time. */
export const disputeOverdue: Rule = {
  id: "dispute-overdue",
  severity: "Warning",
  advice: "Answer the worker now, or reassign the dispute.",
  check(input) {
    const seen = new Set<string>();
    return (input.disputes ?? []).flatMap((row) => {
      const d = row.record;
      const key = d.disputeId || `row${row.row}`;
      if (
        seen.has(key) ||
        !ok(row, "status") ||
        !["Open", "InReview"].includes(d.status) ||
        !d.dueAt ||
        !(Date.parse(d.dueAt) < Date.parse(input.now))
      ) {
        return [];
      }
      seen.add(key);
      const days = daysBetween(d.dueAt, input.now);
      return [
        make(disputeOverdue, [key], {
          title: `Dispute ${key} is ${days ? `${days} day${days === 1 ? "" : "s"} ` : ""}overdue`,
          workers: d.workerId ? [{workerId: d.workerId, name: d.workerId}] : [],
          firstSeen: d.dueAt,
          explanation: `Dispute ${key}${d.category ? ` (${d.category})` : ""}${d.workerId ? ` from ${d.workerId}` : ""} was due ${longDate(d.dueAt)} and is still ${d.status}; ${d.assignee ? `assigned to ${d.assignee}` : "nobody is assigned"}.`,
          evidence: [`Disputes row ${row.row}: ${key}`],
        }),
      ];
    });
  },
};

/**
 * Active with no recorded activity (LastActivityAt, else StatusSince) for more than Settings
 * InactivityDays. First seen: the day the limit passed.
 */
export const inactive = perWorker(
  "inactive",
  "Review",
  "Check with the worker or their project; offboard them if they left.",
  ["Active"],
  (r, input) => {
    const limit = input.inactivityDays ?? 0;
    const since =
      (ok(r, "lastActivityAt") && r.record.lastActivityAt) || (ok(r, "statusSince") && r.record.statusSince) || "";
    const days = since ? daysBetween(since, input.now) : 0;
    if (!(limit > 0) || days <= limit) {
      return undefined;
    }
    return {
      title: `${r.record.workerId} inactive for ${days} days`,
      firstSeen: new Date(Date.parse(since) + limit * 86_400_000).toISOString(),
      explanation: `${who(r)} is Active with no activity recorded since ${longDate(since)} (${r.record.lastActivityAt ? "LastActivityAt" : "StatusSince"}, Workers row ${r.row}): ${days} days, over the ${limit} of Settings InactivityDays.`,
      evidence: [rowOf(r)],
    };
  },
);

/**
 * A live worker whose unexpired strikes reach Settings StrikeThreshold. It suggests a suspension
 * and never takes one. First seen: the warning that reached the threshold.
 */
export const strikeThreshold = perWorker(
  "strike-threshold",
  "Warning",
  "Consider SuspendWorker (a person decides; this finding takes no step), or record why not with AddNote.",
  ["Active", "Applicant", "Vetting"],
  (r, input) => {
    const threshold = input.strikeThreshold;
    if (!threshold || !ok(r, "strikes")) {
      return undefined;
    }
    const live = r.record.strikes
      .filter((s) => Date.parse(s.expiresAt) > Date.parse(input.now))
      .sort((a, b) => a.at.localeCompare(b.at));
    const total = activeStrikes(live, input.now);
    if (total < threshold) {
      return undefined;
    }
    let sum = 0;
    const reached = live.find((s) => (sum += s.weight) >= threshold);
    return {
      title: `${r.record.workerId} has ${total} active strikes (threshold ${threshold})`,
      firstSeen: reached?.at ?? "",
      explanation: `${who(r)} has ${live.length} unexpired warning${live.length === 1 ? "" : "s"} weighing ${total} strikes (${live.map((s) => `${s.policyClause} on ${longDate(s.at)}: ${s.weight}`).join("; ")}), at or over Settings StrikeThreshold ${threshold}. A suspension is suggested, not taken.`,
      evidence: [rowOf(r), ...live.map((s) => `Decision ${s.eventId}`)],
    };
  },
);

/** A suspension pending investigation whose review date has passed. First seen: the review date. */
export const investigationOverdue = perWorker(
  "investigation-overdue",
  "Warning",
  "Review the investigation: ReinstateWorker, ExtendSuspension with a new review date, or a lasting decision.",
  ["Suspended"],
  (r, input) => {
    const due = ok(r, "reviewDueAt") ? r.record.reviewDueAt : "";
    if (r.record.suspensionKind !== "PendingInvestigation" || !due || Date.parse(due) > Date.parse(input.now)) {
      return undefined;
    }
    const days = daysBetween(due, input.now);
    return {
      title: `${r.record.workerId}'s investigation review is ${days ? `${days} day${days === 1 ? "" : "s"} ` : ""}overdue`,
      firstSeen: due,
      explanation: `${who(r)} is Suspended pending investigation (Workers row ${r.row}); the review was due ${longDate(due)} (ReviewDueAt).`,
      evidence: [rowOf(r)],
    };
  },
);

// ---------- ledger drift ----------

/** Fields a decision can set: everything but the id and the lock and request bookkeeping. */
const COMPARED = Object.keys(emptyWorker("")).filter((k) => !["workerId", "lock", "recent"].includes(k)) as Array<
  keyof WorkerRecord & string
>;

/** JSON with sorted keys, no undefined, and "" for empty values: equal values compare equal however built. */
export function canonical(value: unknown): string {
  if (value === undefined || value === null || (Array.isArray(value) && !value.length)) {
    return "";
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(",")}]`;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${k}:${JSON.stringify(canonical(v))}`)
      .join(",")}}`;
  }
  return typeof value === "string" ? value : JSON.stringify(value);
}

const shown = (v: unknown) => {
  const t = canonical(v);
  return t ? `"${t.length > 60 ? `${t.slice(0, 57)}…` : t}"` : "empty";
};

/**
 * Each worker's decisions in brief, from log rows in log order, with foldWorker's sequence
 * checks. Events with sequence 0 do not touch a worker.
 */
export function digestLog(
  events: Iterable<Pick<EventRecord, "eventId" | "workerId" | "seq" | "toStatus"> & {time?: string}>,
): Map<string, LogDigest> {
  const out = new Map<string, LogDigest>();
  for (const e of events) {
    if (!e.workerId || !(e.seq > 0)) {
      continue;
    }
    const d = out.get(e.workerId) ?? {
      workerId: e.workerId,
      maxSeq: 0,
      lastEventId: "",
      lastStatus: "",
      lastTime: "",
      problems: [],
    };
    out.set(e.workerId, d);
    if (e.seq !== d.maxSeq + 1) {
      d.problems.push(`${e.eventId} has sequence ${e.seq} where ${d.maxSeq + 1} was expected`);
      if (e.seq <= d.maxSeq) {
        continue;
      }
    }
    Object.assign(d, {
      maxSeq: e.seq,
      lastEventId: e.eventId,
      lastStatus: e.toStatus || d.lastStatus,
      lastTime: e.time ?? "",
    });
  }
  return out;
}

/**
 * A Workers row that disagrees with its decisions, a worker in the log without a row, or a row
 * without decisions. With the whole log (`fold`) every decision-set field is compared; with
 * digests (a large log) the status, version and last decision. First seen: the time of the
 * worker's last decision (the row disagrees since at least then); with digests read without
 * times, the row's UpdatedAt, which a correct row shares with its last decision.
 */
export const ledgerDrift: Rule = {
  id: "ledger-drift",
  severity: "Warning",
  advice:
    "Find who edited the row (the sheet's version history); restore it from the log or record the change as a decision.",
  check(input) {
    const log = input.log;
    if (!log || !input.workers) {
      return [];
    }
    const latestOf = new Map<
      string,
      {lastId: string; time: string; name: string; problems: string[]; diffs(r: W): string[]}
    >();
    if (log.kind === "fold") {
      for (const [id, fold] of log.folds) {
        const f = fold.worker;
        if (f) {
          latestOf.set(id, {
            lastId: f.lastEventId,
            time: f.updatedAt,
            name: f.name,
            problems: fold.problems,
            diffs: (r) =>
              COMPARED.filter((k) => ok(r, k) && canonical(r.record[k]) !== canonical(f[k])).map(
                (k) => `${k} is ${shown(r.record[k])} on the row but ${shown(f[k])} in the log`,
              ),
          });
        }
      }
    } else {
      for (const [id, d] of log.digests) {
        latestOf.set(id, {
          lastId: d.lastEventId,
          time: d.lastTime,
          name: "",
          problems: d.problems,
          diffs: (r) =>
            [
              ok(r, "status") && d.lastStatus && r.record.status !== d.lastStatus
                ? `status is "${r.record.status}" on the row but the last decision leaves "${d.lastStatus}"`
                : "",
              ok(r, "version") && r.record.version !== d.maxSeq
                ? `version is ${r.record.version} on the row but the last decision has sequence ${d.maxSeq}`
                : "",
              r.record.lastEventId !== d.lastEventId
                ? `lastEventId is ${shown(r.record.lastEventId)} on the row but the last decision is ${d.lastEventId}`
                : "",
            ].filter(Boolean),
        });
      }
    }
    const rows = unique(input.workers);
    const out = rows.flatMap((r) => {
      const l = latestOf.get(r.record.workerId);
      const diffs = l
        ? [...l.diffs(r), ...l.problems.slice(0, 3).map((p) => `the log has a gap or repeat: ${p}`)]
        : [`no decision about ${r.record.workerId} is in the log (row added or renamed by hand)`];
      if (!diffs.length) {
        return [];
      }
      return [
        make(ledgerDrift, [r.record.workerId], {
          title: `${r.record.workerId}'s Workers row disagrees with the decision log`,
          workers: [person(r.record)],
          firstSeen: (l && l.time) || r.record.updatedAt,
          explanation: `Workers row ${r.row} (${r.record.workerId}): ${diffs.slice(0, 5).join("; ")}${diffs.length > 5 ? `; and ${diffs.length - 5} more` : ""}.`,
          evidence: [rowOf(r), ...(l ? [`Decision ${l.lastId} (the last about ${r.record.workerId})`] : [])],
        }),
      ];
    });
    const present = new Set(rows.map((r) => r.record.workerId));
    for (const [id, l] of latestOf) {
      if (!present.has(id)) {
        out.push(
          make(ledgerDrift, [id], {
            title: `${id} is in the decision log but has no Workers row`,
            workers: [{workerId: id, name: l.name || id}],
            firstSeen: l.time,
            explanation: `The log holds decisions about ${id} (the last is ${l.lastId}) but no Workers row has that id: it was deleted or renamed by hand.`,
            evidence: [`Decision ${l.lastId}`],
          }),
        );
      }
    }
    return out;
  },
};

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
  strikeThreshold,
  investigationOverdue,
  ledgerDrift,
];

export interface RuleFilter {
  rules?: ReadonlySet<RuleId>;
  severities?: ReadonlySet<Severity>;
}

/** Runs the rules (all, or those the filter names): most severe first, one per finding id. */
export function evaluate(input: RuleInput, filter: RuleFilter = {}): Finding[] {
  const ids = new Set<string>();
  const out = RULES.filter((r) => !filter.rules?.size || filter.rules.has(r.id))
    .flatMap((r) => r.check(input))
    .filter((f) => !ids.has(f.id) && ids.add(f.id) && (!filter.severities?.size || filter.severities.has(f.severity)));
  const rank = (f: Finding) => SEVERITIES.indexOf(f.severity) * 100 - RULE_IDS.indexOf(f.rule);
  return out.sort((a, b) => rank(b) - rank(a) || (a.id < b.id ? -1 : 1));
}
