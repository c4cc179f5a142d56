// The work queue on the ledger: the Critical findings first, then a page of disputes, audits,
// proposals, screenings and pending steps, then the other open findings most severe first; each
// page within one execution.
import type {Google} from "../google/http";
import {currentUser} from "../google/userinfo";
import type {QueueWorker, WorkItem} from "../core/queue";
import {auditItems, byUrgency, disputeItems, forAssignee, staffItems, workerItems} from "../core/queue";
import type {WorkerRecord} from "../core/records";
import {columns, readColumns} from "./store/columns";
import {AUDITS, DISPUTES, STAFF, WORKERS} from "./store/layout";
import type {LedgerRef} from "./store/ref";
import type {RuleFilter} from "../core/rules";
import type {TriagedFinding} from "./triage";
import {orderedPage} from "./triage";
import {CARRY} from "./trust-carry";

/**
 * The Workers columns the queue reads. A lift proposal (issue 17's PendingLift column) is read
 * when this layout has one, so the queue lists lifts as soon as that column exists.
 */
const WORKER_KEYS = [
  "workerId",
  "name",
  "status",
  "pendingBlacklist",
  "pendingActions",
  "emailKey",
  "phone",
  "bankFingerprint",
  "idFingerprint",
  "screeningVerdict",
  "screenedAt",
  "screeningKey",
  "screeningClearance",
  "updatedAt",
  ...WORKERS.columns.filter((c) => (c.key as string) === "pendingLift").map((c) => c.key),
] as ReadonlyArray<keyof WorkerRecord & string>;

/**
 * Part 0: the Critical findings (a paged pass, see orderedPage); part 1: disputes, audits,
 * proposals, screenings, notices and pending steps (one page); part 2: the other findings, most
 * severe first. `tier`, `phase` and `row` say where the findings pass is; `trust` carries the trust
 * findings part 0 found for part 2, so the log is verified once per sync, and `early` is part 2's tier
 * whose trust findings part 0's last page listed (with part 1, after the Critical findings).
 */
export interface QueueCursor {
  part: number;
  tier: number;
  phase: number;
  row: number;
  trust?: string;
  early?: number;
  /** Part 2's first trust findings as work items (JSON), listed after the other work in part 1. */
  ahead?: string;
}

const CRITICAL: RuleFilter = {severities: new Set(["Critical"])};
const LESS: RuleFilter = {severities: new Set(["Warning", "Review", "Info"])};

/** The assignee asked for: "me" is the signed-in account; "" keeps everything. */
export async function queueAssignee(g: Google, assignee: string | undefined): Promise<string> {
  const wanted = (assignee ?? "").trim();
  return /^me$/i.test(wanted) ? (await currentUser(g)).email : wanted;
}

export async function queuePage(
  g: Google,
  ref: LedgerRef,
  cursor: QueueCursor | undefined,
  assignee: string,
  now: string,
): Promise<{items: WorkItem[]; next?: QueueCursor}> {
  const part = cursor?.part ?? 0;
  if (part === 1) {
    const ahead = aheadItems(cursor?.ahead);
    // Findings carried here that do not read as work items are not listed, and part 2 verifies the log
    // again (no carry) so it lists them itself.
    const lost = cursor?.ahead !== undefined && !ahead;
    const early = ahead && cursor?.early !== undefined ? {early: cursor.early} : {};
    return {
      items: [...(await casework(g, ref, assignee, now)), ...(ahead ?? [])],
      next: {part: 2, tier: 0, phase: 0, row: 2, ...(lost ? {} : carried(cursor?.trust)), ...early},
    };
  }
  const filter = part === 0 ? CRITICAL : LESS;
  const page = await orderedPage(
    g,
    ref,
    cursor?.part === part ? cursor : undefined,
    filter,
    new Set(),
    now,
    part === 0 ? [LESS] : [],
  );
  const items = forAssignee(
    page.rows.map((r) => findingItem(r, now)),
    assignee,
  );
  if (page.next) {
    return {items, next: {part, ...page.next}};
  }
  if (part === 2) {
    return {items};
  }
  if (!page.ahead) {
    return {items, next: {part: 1, tier: 0, phase: 0, row: 2, ...carried(page.trust)}};
  }
  // The Critical pass ended on its trust page, which also found part 2's first trust findings: they
  // follow the other work. The page that verified the log is the slowest of the sync, so the other
  // work is its own page, carrying those findings, unless they are too many to carry.
  const first = forAssignee(
    page.ahead.rows.map((r) => findingItem(r, now)),
    assignee,
  );
  const ahead = JSON.stringify(first);
  if (ahead.length <= CARRY.maxChars) {
    return {items, next: {part: 1, tier: 0, phase: 0, row: 2, ...carried(page.trust), early: page.ahead.early, ahead}};
  }
  return {
    items: [...items, ...(await casework(g, ref, assignee, now)), ...first],
    next: {part: 2, tier: 0, phase: 0, row: 2, ...carried(page.trust), early: page.ahead.early},
  };
}

/** Part 1: open disputes, audits, proposals, screenings, notices and pending steps, most urgent first. */
async function casework(g: Google, ref: LedgerRef, assignee: string, now: string): Promise<WorkItem[]> {
  const [disputes, audits, workers, staff] = await readColumns(
    g,
    ref,
    [
      columns(DISPUTES, [
        "disputeId",
        "workerId",
        "category",
        "status",
        "dueAt",
        "assignee",
        "openedAt",
        "pendingNotice",
      ]),
      columns(AUDITS, ["auditId", "workerId", "kind", "status", "dueDate", "scheduledAt", "assignee"]),
      columns(WORKERS, WORKER_KEYS),
      columns(STAFF, ["email", "role", "status", "pendingRole", "pendingBy", "pendingAt"]),
    ],
    "read the ledger's open work",
  );
  const names = new Map(workers.rows.map((w) => [w.record.workerId, w.record.name]));
  const items = [
    ...disputeItems(
      disputes.rows.filter((r) => !r.invalid.has("status")).map((r) => r.record),
      now,
    ),
    ...auditItems(
      audits.rows.filter((r) => !r.invalid.has("status")).map((r) => r.record),
      now,
    ),
    ...workerItems(
      workers.rows.filter((r) => r.record.workerId).map((r) => r.record as QueueWorker),
      now,
    ),
    ...staffItems(
      staff.rows.filter((r) => r.record.email && !r.invalid.has("role")).map((r) => r.record),
      now,
    ),
  ].map((i) => ({...i, workerName: i.workerName || names.get(i.workerId) || ""}));
  return byUrgency(forAssignee(items, assignee));
}

const carried = (trust: string | undefined) => (trust === undefined ? {} : {trust});

/** The work items a continuation carries to part 1; undefined when none, or when they do not read as work items. */
function aheadItems(json: string | undefined): WorkItem[] | undefined {
  if (json === undefined) {
    return undefined;
  }
  try {
    const items: unknown = JSON.parse(json);
    const ok =
      Array.isArray(items) &&
      items.every((i: Partial<WorkItem>) => typeof i?.id === "string" && typeof i.title === "string");
    return ok ? (items as WorkItem[]) : undefined;
  } catch {
    return undefined;
  }
}

/** An open finding as work: its assignee, due time and the step that completes it. */
function findingItem({finding, view}: TriagedFinding, now: string): WorkItem {
  return {
    id: `finding:${finding.id}`,
    kind: "Finding",
    title: `${finding.severity}: ${finding.title}`,
    workerId: finding.workers[0]?.workerId ?? "",
    workerName: finding.workers[0]?.name ?? "",
    assignee: view.assignee,
    dueAt: view.dueAt,
    overdue: Boolean(view.dueAt) && Date.parse(view.dueAt) < Date.parse(now),
    ageDays: finding.firstSeen
      ? Math.max(0, Math.floor((Date.parse(now) - Date.parse(finding.firstSeen)) / 86_400_000))
      : 0,
    action: `ResolveFinding once done: ${finding.advice}`,
  };
}
