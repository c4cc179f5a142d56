// The work queue: one list of what waits for someone, built from findings, disputes, audits and
// workers' pending steps. Pure: the ledger reads the rows; this turns them into work items.
import type {AuditRecord, DisputeRecord, PendingAction, PendingNotice, StaffRecord, WorkerRecord} from "./records";
import {LIVE_STATUSES} from "./lifecycle";
import {currentClearance, screeningState} from "./screening-gate";
import {isActiveStaff} from "./staff";

export const WORK_KINDS = [
  "Finding",
  "Dispute",
  "Audit",
  "BlacklistProposal",
  "LiftProposal",
  "StaffProposal",
  "Screening",
  "PendingStep",
  "Notice",
] as const;
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

/** Scheduled audits: the assignee's when one is named, due at the end of their due date (UTC). */
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
        assignee: a.assignee ?? "",
        dueAt: a.dueDate ? `${a.dueDate}T23:59:59.999Z` : "",
        since: a.scheduledAt,
        action: a.assignee ? "RecordAudit" : "AssignAudit, then RecordAudit",
      }),
    );
}

/** A proposal to lift a blacklisting (issue 17's ProposeLiftBlacklist), when the ledger keeps one. */
export interface PendingLiftLike {
  proposedBy: string;
  proposedAt: string;
  reason?: string;
}

/** The notice kind a pending Notice step holds (its detail is the notice as JSON); "" when unreadable. */
function noticeKindOf(p: PendingAction): string {
  if (p.kind !== "Notice" || !p.detail?.startsWith("{")) {
    return "";
  }
  try {
    const kind = (JSON.parse(p.detail) as {notice?: unknown}).notice;
    return typeof kind === "string" ? kind : "";
  } catch {
    return "";
  }
}

/**
 * A live worker's screening that blocks or needs a person: stale (the identity changed since it
 * ran: run ScreenWorker again) or a Match no lead has cleared (ClearScreening).
 */
function screeningItem(w: QueueWorker, now: string): WorkItem | undefined {
  if (!w.status || !(LIVE_STATUSES as readonly string[]).includes(w.status) || !w.screenedAt) {
    return undefined;
  }
  const state = screeningState(w as WorkerRecord);
  const base = {
    id: `screening:${w.workerId}`,
    kind: "Screening" as const,
    workerId: w.workerId,
    workerName: w.name,
    assignee: "",
    dueAt: "",
  };
  if (state === "stale") {
    return item(now, {
      ...base,
      title: `${w.workerId}'s screening is stale: the name, email, phone, bank account or ID changed since it ran`,
      since: w.updatedAt || w.screenedAt,
      action: `ScreenWorker ${w.workerId}`,
    });
  }
  if (state === "current" && w.screeningVerdict === "Match" && !currentClearance(w as WorkerRecord)) {
    return item(now, {
      ...base,
      title: `${w.workerId}'s screening found a Match that no lead has cleared`,
      since: w.screenedAt,
      action: `A lead reviews it: ClearScreening ${w.workerId}, or RejectApplicant / ProposeBlacklist`,
    });
  }
  return undefined;
}

/** The Workers fields the queue reads. */
export type QueueWorker = Pick<
  WorkerRecord,
  | "workerId"
  | "name"
  | "status"
  | "pendingBlacklist"
  | "pendingActions"
  | "emailKey"
  | "phone"
  | "bankFingerprint"
  | "idFingerprint"
  | "screeningVerdict"
  | "screenedAt"
  | "screeningKey"
  | "screeningClearance"
  | "updatedAt"
> & {pendingLift?: PendingLiftLike | null};

/**
 * A worker's blacklist or lift proposal (waiting for a second lead), a screening that needs a
 * person, and the steps a decision still owes (notices first of all).
 */
export function workerItems(rows: readonly QueueWorker[], now: string): WorkItem[] {
  return rows.flatMap((w) => {
    const out: WorkItem[] = [];
    if (w.pendingBlacklist) {
      out.push(
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
      );
    }
    if (w.pendingLift) {
      out.push(
        item(now, {
          id: `lift:${w.workerId}`,
          kind: "LiftProposal",
          title: `Proposal to lift ${w.workerId}'s blacklisting by ${w.pendingLift.proposedBy} waits for a second lead`,
          workerId: w.workerId,
          workerName: w.name,
          assignee: "",
          dueAt: "",
          since: w.pendingLift.proposedAt,
          action: "ApproveLiftBlacklist (a lead other than the proposer)",
        }),
      );
    }
    const screening = screeningItem(w, now);
    if (screening) {
      out.push(screening);
    }
    for (const p of w.pendingActions) {
      const notice = noticeKindOf(p);
      out.push(
        item(now, {
          id: `pending:${w.workerId}:${p.kind}:${p.eventId}${notice ? `:${notice}` : ""}`,
          kind: p.kind === "Notice" ? "Notice" : "PendingStep",
          title: notice
            ? `${notice} notice to ${w.workerId} not sent yet`
            : `${w.workerId}: ${p.kind} still pending${p.detail && !p.detail.startsWith("{") ? ` (${p.detail})` : ""}`,
          workerId: w.workerId,
          workerName: w.name,
          assignee: "",
          dueAt: "",
          since: p.since,
          action:
            p.kind === "Notice"
              ? `SendNotice ${w.workerId} ${notice || "(the notice's kind)"}`
              : `Repeat the decision that owes it (same requestId) to finish ${p.kind}`,
        }),
      );
    }
    return out;
  });
}

/**
 * Changes of lead waiting for a second lead (granting the lead role, demoting or removing a
 * lead): ApproveStaffChange by a lead other than the proposer.
 */
export function staffItems(rows: readonly StaffRecord[], now: string): WorkItem[] {
  return rows
    .filter((s) => isActiveStaff(s) && s.pendingRole)
    .map((s) =>
      item(now, {
        id: `staff:${s.email.toLowerCase()}:${s.pendingRole}`,
        kind: "StaffProposal",
        title:
          s.pendingRole === "removed"
            ? `Removing lead ${s.email}, proposed by ${s.pendingBy}, waits for a second lead`
            : `${s.pendingRole === "lead" ? "Granting the lead role to" : `Making ${s.pendingRole} of`} ${s.email}, proposed by ${s.pendingBy}, waits for a second lead`,
        workerId: "",
        workerName: "",
        assignee: "",
        dueAt: "",
        since: s.pendingAt ?? "",
        action: `ApproveStaffChange ${s.email} (a lead other than ${s.pendingBy})`,
      }),
    );
}

/** Most urgent first: overdue, then by due time (none last), then the longest waiting. */
export function byUrgency(items: readonly WorkItem[]): WorkItem[] {
  const due = (i: WorkItem) => (i.dueAt ? Date.parse(i.dueAt) : Number.POSITIVE_INFINITY);
  return [...items].sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      due(a) - due(b) ||
      b.ageDays - a.ageDays ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** Keeps the items of one person (an email, compared case-blind); everything when none is named. */
export function forAssignee(items: readonly WorkItem[], assignee: string): WorkItem[] {
  const who = assignee.trim().toLowerCase();
  return who ? items.filter((i) => i.assignee.toLowerCase() === who) : [...items];
}
