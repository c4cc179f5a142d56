// The work queue: one list of what waits for someone, built from findings, disputes, audits and
// workers' pending steps. Pure: the ledger reads the rows; this turns them into work items.
import type {AuditRecord, DisputeRecord, PendingAction, PendingBlacklist, PendingNotice} from "./records";

export const WORK_KINDS = ["Finding", "Dispute", "Audit", "BlacklistProposal", "PendingStep", "Notice"] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

export interface WorkItem {
  id: string;
  kind: WorkKind;
  title: string;
  workerId: string;
  workerName: string;
  assignee: string;
  /** When it is due, UTC ISO; "" when nothing sets a due time. */
  dueAt: string;
  overdue: boolean;
  /** Whole days since it began waiting. */
  ageDays: number;
  /** The step that completes it. */
  action: string;
}

const DAY = 86_400_000;

function age(since: string, now: string): number {
  const t = Date.parse(since);
  return Number.isFinite(t) ? Math.max(0, Math.floor((Date.parse(now) - t) / DAY)) : 0;
}

function item(now: string, fields: Omit<WorkItem, "overdue" | "ageDays"> & {since: string}): WorkItem {
  const {since, ...rest} = fields;
  return {...rest, overdue: Boolean(rest.dueAt) && Date.parse(rest.dueAt) < Date.parse(now), ageDays: age(since, now)};
}

/** Disputes Open or InReview: the assignee's, due at their first-response time. */
export function disputeItems(rows: readonly DisputeRecord[], now: string): WorkItem[] {
  return rows.flatMap((d) => {
    const out: WorkItem[] = [];
    if (d.status === "Open" || d.status === "InReview") {
      out.push(
        item(now, {
          id: `dispute:${d.disputeId}`,
          kind: "Dispute",
          title: `${d.disputeId} (${d.category || "dispute"}) from ${d.workerId}: ${d.status}`,
          workerId: d.workerId,
          workerName: "",
          assignee: d.assignee,
          dueAt: d.dueAt,
          since: d.openedAt,
          action: d.assignee ? "ResolveDispute" : "AssignDispute",
        }),
      );
    }
    const notice: PendingNotice | null = d.pendingNotice;
    if (notice) {
      out.push(
        item(now, {
          id: `notice:${d.disputeId}:${notice.kind}`,
          kind: "Notice",
          title: `${notice.kind} notice for ${d.disputeId} not sent yet`,
          workerId: d.workerId,
          workerName: "",
          assignee: d.assignee,
          dueAt: "",
          since: notice.since,
          action: "SendNotice",
        }),
      );
    }
    return out;
  });
}

/** Scheduled audits: the auditor's when one is named, due at the end of their due date (UTC). */
export function auditItems(rows: readonly AuditRecord[], now: string): WorkItem[] {
  return rows
    .filter((a) => a.status === "Scheduled")
    .map((a) =>
      item(now, {
        id: `audit:${a.auditId}`,
        kind: "Audit",
        title: `${a.kind || "Conduct"} audit ${a.auditId} of ${a.workerId}`,
        workerId: a.workerId,
        workerName: "",
        assignee: a.auditor,
        dueAt: a.dueDate ? `${a.dueDate}T23:59:59.999Z` : "",
        since: a.scheduledAt,
        action: "RecordAudit",
      }),
    );
}

/** A worker's blacklist proposal (waiting for a second lead) and the steps a decision still owes. */
export function workerItems(
  rows: ReadonlyArray<{
    workerId: string;
    name: string;
    pendingBlacklist: PendingBlacklist | null;
    pendingActions: PendingAction[];
  }>,
  now: string,
): WorkItem[] {
  return rows.flatMap((w) => [
    ...(w.pendingBlacklist
      ? [
          item(now, {
            id: `blacklist:${w.workerId}`,
            kind: "BlacklistProposal",
            title: `Blacklist proposal for ${w.workerId} by ${w.pendingBlacklist.proposedBy} waits for a second lead`,
            workerId: w.workerId,
            workerName: w.name,
            assignee: "",
            dueAt: "",
            since: w.pendingBlacklist.proposedAt,
            action: "ApproveBlacklist or DeclineBlacklist (a lead other than the proposer)",
          }),
        ]
      : []),
    ...w.pendingActions.map((p) =>
      item(now, {
        id: `pending:${w.workerId}:${p.kind}:${p.eventId}`,
        kind: p.kind.toLowerCase().includes("notice") ? ("Notice" as const) : ("PendingStep" as const),
        title: `${w.workerId}: ${p.kind} still pending${p.detail ? ` (${p.detail})` : ""}`,
        workerId: w.workerId,
        workerName: w.name,
        assignee: "",
        dueAt: "",
        since: p.since,
        action: p.kind.toLowerCase().includes("notice") ? "SendNotice" : `Finish ${p.kind}`,
      }),
    ),
  ]);
}

/** Keeps the items of one person (an email, compared case-blind); everything when none is named. */
export function forAssignee(items: readonly WorkItem[], assignee: string): WorkItem[] {
  const who = assignee.trim().toLowerCase();
  return who ? items.filter((i) => i.assignee.toLowerCase() === who) : [...items];
}
