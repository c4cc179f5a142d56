// The work queue on the ledger: a first page of disputes, audits and workers' pending steps, then
// the open findings page by page (the monitoring phases), each page within one execution.
import type {Google} from "../google/http";
import {currentUser} from "../google/userinfo";
import type {WorkItem} from "../core/queue";
import {auditItems, disputeItems, forAssignee, workerItems} from "../core/queue";
import {columns, readColumns} from "./store/columns";
import {AUDITS, DISPUTES, WORKERS} from "./store/layout";
import type {LedgerRef} from "./store/ref";
import type {MonitoringCursor} from "./monitoring";
import {triagedPage} from "./triage";

/** Phase 0: disputes, audits, workers; phase n > 0: monitoring phase n - 1. */
export interface QueueCursor {
  phase: number;
  row: number;
}

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
  if (!cursor || cursor.phase === 0) {
    const [disputes, audits, workers] = await readColumns(
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
        columns(AUDITS, ["auditId", "workerId", "kind", "status", "dueDate", "scheduledAt", "auditor"]),
        columns(WORKERS, ["workerId", "name", "pendingBlacklist", "pendingActions"]),
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
        workers.rows.filter((r) => r.record.workerId).map((r) => r.record),
        now,
      ),
    ].map((i) => ({...i, workerName: i.workerName || names.get(i.workerId) || ""}));
    return {items: forAssignee(items, assignee), next: {phase: 1, row: 2}};
  }
  const monitoring: MonitoringCursor = {phase: cursor.phase - 1, row: cursor.row};
  const page = await triagedPage(g, ref, monitoring, {}, new Set(), now);
  const items: WorkItem[] = page.rows.map(({finding, view}) => ({
    id: `finding:${finding.id}`,
    kind: "Finding",
    title: finding.title,
    workerId: finding.workers[0]?.workerId ?? "",
    workerName: finding.workers[0]?.name ?? "",
    assignee: view.assignee,
    dueAt: view.dueAt,
    overdue: Boolean(view.dueAt) && Date.parse(view.dueAt) < Date.parse(now),
    ageDays: finding.firstSeen
      ? Math.max(0, Math.floor((Date.parse(now) - Date.parse(finding.firstSeen)) / 86_400_000))
      : 0,
    action: `ResolveFinding once done: ${finding.advice}`,
  }));
  return {
    items: forAssignee(items, assignee),
    next: page.next ? {phase: page.next.phase + 1, row: page.next.row} : undefined,
  };
}
