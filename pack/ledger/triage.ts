// Findings with their triage: the Triage tab joined to what the rules find now, and the actions
// that acknowledge, assign, snooze and resolve a finding. Each action writes the finding's Triage
// row under its lock and one event in the decision log, in one commit.
import type {Google} from "../google/http";
import {DomainError, isDomainError} from "../core/errors";
import type {Finding, RuleFilter, RuleId, RuleMode} from "../core/rules";
import {RULE_IDS, SEVERITIES} from "../core/rules";
import {checkAssignee} from "../core/disputes";
import {requireRole} from "../core/lifecycle";
import {pushRecent, recordLockId} from "../core/fold";
import type {DueHours, FindingOutcome, FindingStatus, TriageRecord, TriageView} from "../core/triage";
import {evidenceLines, keepsStatus, triageView} from "../core/triage";
import {a1} from "../google/sheets";
import {commit, newEvent, retryOnConflict} from "./store/commit";
import {columns, readColumns} from "./store/columns";
import {findRepeat, requestKey} from "./store/ids";
import type {SettingRecord} from "./store/layout";
import {EVENTS, SETTINGS, TRIAGE} from "./store/layout";
import type {LedgerRef} from "./store/ref";
import {parseLedgerRef} from "./store/ref";
import type {ParsedRow} from "./store/rows";
import {parseRows} from "./store/rows";
import type {Settings} from "./store/settings";
import {setting, settingFor} from "./store/settings";
import type {Session} from "./store/session";
import {openSession} from "./store/session";
import type {MonitoringCursor} from "./monitoring";
import {monitoringPage, settingsFrom} from "./monitoring";
import {inTier, listingTier, nextTier, tierRules} from "../core/rules/order";
import type {SyncPosition} from "./trust-carry";
import {carriedFindings, carryAfter, runsTrust, trustLater} from "./trust-carry";

export interface TriagedFinding {
  finding: Finding;
  view: TriageView;
}

/** Each rule's mode from Settings `Rule.<id>` (on when not set). */
export function ruleModes(settings: Settings): Map<string, RuleMode> {
  return new Map(RULE_IDS.map((id) => [id, settingFor(settings, "Rule.", id) ?? "on"]));
}

/** Hours to deal with a finding of each severity, from Settings `FindingDueHours.<severity>`. */
export function dueHours(settings: Settings): DueHours {
  const out: DueHours = {};
  for (const s of SEVERITIES) {
    const h = setting(settings, `FindingDueHours.${s}`);
    if (h !== undefined) {
      out[s] = h;
    }
  }
  return out;
}

const TRIAGE_KEYS = ["findingId", "rule", "status", "assignee", "snoozedUntil", "outcome", "note", "evidence"] as const;

/** The Settings and the Triage rows (none on a ledger made before the Triage tab: RepairLedger adds it). */
export async function readTriage(
  g: Google,
  ref: LedgerRef,
): Promise<{settings: Map<string, string>; triage: Map<string, TriageRecord>}> {
  const settingSpec = columns<SettingRecord>(SETTINGS, ["key", "value"]);
  let settingRows: Array<ParsedRow<SettingRecord>>;
  let triageRows: Array<ParsedRow<TriageRecord>> = [];
  try {
    const [s, t] = await readColumns(g, ref, [settingSpec, columns(TRIAGE, TRIAGE_KEYS)], "read the ledger's triage");
    settingRows = s.rows;
    triageRows = t.rows;
  } catch (err) {
    if (!isDomainError(err) || err.code !== "LEDGER_TAB_MISSING" || !err.message.includes(`"${TRIAGE.name}"`)) {
      throw err;
    }
    [{rows: settingRows}] = await readColumns(g, ref, [settingSpec], "read the ledger's settings");
  }
  const triage = new Map<string, TriageRecord>();
  for (const r of triageRows) {
    if (r.record.findingId && !r.invalid.has("status") && !triage.has(r.record.findingId)) {
      triage.set(r.record.findingId, r.record);
    }
  }
  return {settings: settingsFrom(settingRows), triage};
}

/**
 * One page of Findings: the rules' findings on this page joined to their triage, kept when their
 * status is one asked for (open work when none is). `trust`: trust findings carried from an earlier
 * page of the sync (see monitoringPage); the page returns every trust finding it had.
 */
export async function triagedPage(
  g: Google,
  ref: LedgerRef,
  cursor: MonitoringCursor | undefined,
  filter: RuleFilter,
  statuses: ReadonlySet<FindingStatus>,
  now: string,
  trust?: readonly Finding[],
): Promise<{
  rows: TriagedFinding[];
  next?: MonitoringCursor;
  trust?: Finding[];
  /** Other findings joined to their triage and kept by status, as the page's own are. */
  join: (findings: readonly Finding[]) => TriagedFinding[];
}> {
  const {settings, triage} = await readTriage(g, ref);
  const hours = dueHours(settings);
  const page = await monitoringPage(g, ref, cursor, {...filter, modes: ruleModes(settings)}, now, {trust});
  const join = (findings: readonly Finding[]) =>
    findings
      .map((finding) => ({finding, view: triageView(finding, triage.get(finding.id), now, hours)}))
      .filter((r) => keepsStatus(r.view, statuses, now));
  return {rows: join(page.findings), next: page.next, trust: page.trust, join};
}

/**
 * Where a pass most severe first is: the tier (an index into TIERS) and the monitoring page in it;
 * the trust findings carried for later tiers (JSON, see trust-carry.ts; absent: verify again); the
 * tier whose trust findings the previous tier's trust page already listed.
 */
export interface OrderedCursor {
  tier: number;
  phase: number;
  row: number;
  trust?: string;
  early?: number;
}

/**
 * One page of Findings most severe first across the whole sync: every Critical finding comes
 * before any Warning, and so on, because each tier is its own paged pass over the rules that can
 * give that severity. A cursor from before tiers (no `tier`) starts at the first.
 *
 * The decision log is verified once per sync: the first trust phase verifies it. Being the last page
 * of its tier, it also lists the trust findings of the tier that comes right after (marked `early`):
 * the next tier of this pass in `rows`, or, when the pass ends here, the first tier of the pass under
 * `later[0]` in `ahead`, for the caller to list next. It carries the trust findings of the tiers after
 * that (of this pass and of the passes under `later`) in `trust`. Without a carry (past its bound, or a
 * cursor from before carrying) a trust phase verifies again. `trust` on the result is what to carry
 * on after the pass.
 */
export async function orderedPage(
  g: Google,
  ref: LedgerRef,
  cursor: Partial<OrderedCursor> | undefined,
  filter: RuleFilter,
  statuses: ReadonlySet<FindingStatus>,
  now: string,
  later: readonly RuleFilter[] = [],
): Promise<{
  rows: TriagedFinding[];
  next?: OrderedCursor;
  trust?: string;
  ahead?: {rows: TriagedFinding[]; early: number};
}> {
  const carried = carriedFindings(cursor?.trust);
  const tier = nextTier(cursor?.tier ?? 0, filter);
  if (tier === undefined) {
    return {rows: [], ...(carried ? {trust: cursor?.trust} : {})};
  }
  const inner =
    cursor && cursor.tier === tier && cursor.phase !== undefined
      ? {phase: cursor.phase, row: cursor.row ?? 2}
      : undefined;
  const passes = [filter, ...later];
  const early = cursor?.early === tier;
  // This tier's trust findings were listed early and nothing later needs the log: no need to verify it.
  const source = carried ?? (early && !trustLater({passes, pass: 0, tier}) ? [] : undefined);
  const page = await triagedPage(g, ref, inner, {rules: tierRules(tier, filter)}, statuses, now, source);
  let rows = page.rows.filter((r) => inTier(r.finding, tier, filter));
  const following = nextTier(tier + 1, filter);
  let carry: Pick<OrderedCursor, "trust" | "early"> = {
    ...(carried ? {trust: cursor?.trust} : {}),
    ...(cursor?.early !== undefined && cursor.early >= tier ? {early: cursor.early} : {}),
  };
  let ahead: {rows: TriagedFinding[]; early: number} | undefined;
  if (page.trust && !page.next) {
    const all = page.trust;
    const listed = (pass: number, t: number) => page.join(all.filter((f) => listingTier(f, passes[pass] ?? {}) === t));
    // Verified again (no carry) after the tier before listed this tier's trust findings early.
    if (early && !carried) {
      rows = [];
    }
    let at: SyncPosition = {passes, pass: 0, tier};
    const first = later[0] && nextTier(0, later[0]);
    if (following !== undefined && runsTrust(following, filter)) {
      rows = [...rows, ...listed(0, following)];
      at = {passes, pass: 0, tier: following};
    } else if (following === undefined && later[0] && first !== undefined && runsTrust(first, later[0])) {
      ahead = {rows: listed(1, first), early: first};
      at = {passes, pass: 1, tier: first};
    }
    const trust = carryAfter(all, at);
    carry = {
      ...(trust === undefined ? {} : {trust}),
      ...(at.pass === 0 && at.tier !== tier ? {early: at.tier} : {}),
    };
  }
  const out = {...(carry.trust === undefined ? {} : {trust: carry.trust}), ...(ahead ? {ahead} : {})};
  if (page.next) {
    return {rows, next: {tier, ...page.next, ...carry}, ...out};
  }
  return {rows, next: following === undefined ? undefined : {tier: following, phase: 0, row: 2, ...carry}, ...out};
}

/** Every finding of the rules named (or all), joined to its triage, whatever its status. */
export async function allTriaged(
  g: Google,
  ref: LedgerRef,
  now: string,
  filter: RuleFilter = {},
): Promise<TriagedFinding[]> {
  const all = new Set<FindingStatus>(["Open", "Acknowledged", "Snoozed", "Resolved", "Shadow"]);
  const out: TriagedFinding[] = [];
  let cursor: MonitoringCursor | undefined;
  do {
    const page = await triagedPage(g, ref, cursor, filter, all, now);
    out.push(...page.rows);
    cursor = page.next;
  } while (cursor);
  return out;
}

/** The finding with this id as the rules find it now, joined to its triage. */
export async function locateFinding(
  g: Google,
  ref: LedgerRef,
  findingId: string,
  now: string,
): Promise<TriagedFinding> {
  const rule = findingId.split(":")[0] as RuleId;
  const hit = (RULE_IDS as readonly string[]).includes(rule)
    ? (await allTriaged(g, ref, now, {rules: new Set([rule])})).find((r) => r.finding.id === findingId)
    : undefined;
  if (!hit) {
    throw new DomainError(
      "FINDING_NOT_FOUND",
      `The rules find no ${findingId} in this ledger now: check the FindingId (from the Findings table), or the condition has ended and there is nothing left to triage.`,
    );
  }
  return hit;
}

export type TriageStep =
  | {kind: "Acknowledge"; note: string}
  | {kind: "Assign"; assignee: string}
  | {kind: "Snooze"; until: string; note: string}
  | {kind: "Resolve"; outcome: FindingOutcome; note: string};

const EVENT_TYPE = {
  Acknowledge: "FindingAcknowledged",
  Assign: "FindingAssigned",
  Snooze: "FindingSnoozed",
  Resolve: "FindingResolved",
} as const;

/** The Triage row after the step: what the step sets, the rest kept. */
function applyStep(
  session: Session,
  before: TriageRecord | undefined,
  found: TriagedFinding,
  step: TriageStep,
): {next: Omit<TriageRecord, "version" | "lock" | "lastEventId" | "recent">; details: string} {
  const f = found.finding;
  const base = {
    findingId: f.id,
    rule: f.rule,
    workerIds: f.workers.map((w) => w.workerId).join(", "),
    status: (before?.status ?? "Open") as TriageRecord["status"],
    assignee: before?.assignee ?? "",
    snoozedUntil: before?.snoozedUntil ?? "",
    outcome: before?.outcome ?? "",
    note: before?.note ?? "",
    evidence: evidenceLines(f).join("\n"),
    resolvedAt: before?.resolvedAt ?? "",
    updatedAt: session.now,
    updatedBy: session.actor.email,
  };
  // A finding reopened by new evidence is open again, whatever was recorded.
  if (found.view.status === "Open" && base.status === "Resolved") {
    base.status = "Open";
    base.outcome = "";
  }
  switch (step.kind) {
    case "Acknowledge":
      return {
        next: {...base, status: "Acknowledged", snoozedUntil: "", note: step.note || base.note},
        details: `${f.id} acknowledged${step.note ? `: ${step.note}` : ""}.`,
      };
    case "Assign":
      return {
        next: {...base, assignee: step.assignee, status: base.status === "Resolved" ? "Open" : base.status},
        details: `${f.id} assigned to ${step.assignee}${base.assignee ? ` (was ${base.assignee})` : ""}.`,
      };
    case "Snooze":
      return {
        next: {...base, status: "Snoozed", snoozedUntil: step.until, note: step.note},
        details: `${f.id} snoozed until ${step.until}: ${step.note}`,
      };
    case "Resolve":
      return {
        next: {...base, status: "Resolved", outcome: step.outcome, note: step.note, resolvedAt: session.now},
        details: `${f.id} resolved as ${step.outcome}: ${step.note}`,
      };
  }
}

/** Records one triage step on a finding (specialists and leads) and returns the finding as it now shows. */
export async function triageFinding(
  g: Google,
  spec: {ledger: string; findingId: string; step: TriageStep; requestId?: string},
  now: string,
): Promise<TriagedFinding> {
  const findingId = spec.findingId.trim();
  const action = `${spec.step.kind}Finding`;
  const busyError = () =>
    new DomainError(
      "BUSY",
      `Finding ${findingId} was triaged by someone else at the same moment; nothing was recorded. Try again.`,
      "concurrency",
    );
  return retryOnConflict({busy: busyError}, async ({locks}) => {
    const session = await openSession(g, spec.ledger, now, {
      tabs: [TRIAGE, EVENTS],
      extraRanges: [a1(TRIAGE.name, "2:20001")],
      what: `triage ${findingId}`,
    });
    requireRole(session.actor, "specialist", action);
    const step =
      spec.step.kind === "Assign"
        ? {
            ...spec.step,
            assignee: checkAssignee(
              /^me$/i.test(spec.step.assignee.trim()) ? session.actor.email : spec.step.assignee,
              session.staff.map((s) => s.record),
              "findings",
            ),
          }
        : spec.step;
    const values = session.extra[0]?.values ?? [];
    const rows = parseRows(session.header(TRIAGE), values, 2);
    const stored = rows.find((r) => r.record.findingId === findingId);
    const before = stored?.record;
    const key = requestKey(action, session.actor.email, spec.requestId, [findingId, step]);
    const found = await locateFinding(g, session.ledger, findingId, now);
    if (before && findRepeat(before.recent, key, now)) {
      return found;
    }
    const {next, details} = applyStep(session, before, found, step);
    const version = (before?.version ?? 0) + 1;
    const event = newEvent(session, {
      workerId: found.finding.workers[0]?.workerId ?? "",
      type: EVENT_TYPE[step.kind],
      fromStatus: found.view.status,
      toStatus: next.status,
      reason: next.outcome,
      evidence: findingId,
      details,
      requestKey: key,
    });
    const record: TriageRecord = {
      ...next,
      version,
      lastEventId: event.eventId,
      lock: recordLockId("f", findingId, version),
      recent: pushRecent(before?.recent ?? [], {key, at: now, eventId: event.eventId}),
    };
    await commit(session, {
      writes: [
        {
          tab: TRIAGE,
          record,
          row: stored?.row,
          rowHint: stored ? undefined : values.length + 2,
          lockFrom: before ? await locks.lockFrom(session, before.version, before.lock) : "",
          lockTo: record.lock,
        },
      ],
      appends: [{tab: EVENTS, record: event}],
      what: `record the triage of ${findingId}`,
    });
    return {finding: found.finding, view: triageView(found.finding, record, now, dueHours(session.settings))};
  });
}

/** The triage rows alone, for reports: rule, status and outcome. */
export async function triageRows(g: Google, ledger: string): Promise<TriageRecord[]> {
  return [...(await readTriage(g, parseLedgerRef(ledger))).triage.values()];
}
