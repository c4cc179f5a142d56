// AuditFeedback through SendNotice: the feedback of the worker's latest recorded audit, written
// from that audit alone (its findings, what is missing) and sent at most once per audit: its
// Message-ID derives from the audit's id, and Sent mail is searched for it before any send.
import {DomainError, refuse} from "../core/errors";
import type {AuditRecord, WorkerRecord} from "../core/records";
import type {Google} from "../google/http";
import {columns, readColumns} from "./store/columns";
import {AUDITS} from "./store/layout";
import {parseLedgerRef} from "./store/ref";
import type {ParsedRow} from "./store/rows";
import {noticeRequest} from "../core/notices";
import {DOCUMENTS_AUDIT_WORDS} from "../core/worker-facts";
import type {WorkerResult} from "./workers";
import {runWorkerAction} from "./workers";

const DONE: ReadonlyArray<AuditRecord["status"]> = ["Passed", "Concerns", "Failed"];

/** The worker's most recently completed audit, or undefined. */
export function latestAudit(rows: ReadonlyArray<ParsedRow<AuditRecord>>, workerId: string): AuditRecord | undefined {
  return rows
    .map((r) => r.record)
    .filter((a) => a.workerId === workerId && DONE.includes(a.status) && a.completedAt)
    .sort((a, b) => (a.completedAt < b.completedAt ? 1 : -1))[0];
}

/** "What to change" an audit implies on its own: documents to supply for a documentation audit. */
function improvementsOf(audit: AuditRecord): string {
  if (audit.kind === "Documentation" && audit.missing.trim()) {
    return `upload to your document folder: ${audit.missing.trim()}.`;
  }
  return "";
}

/**
 * Queues and sends the AuditFeedback notice of the worker's latest recorded audit. Refuses when
 * the worker has no recorded audit. Records an AuditFeedbackOwed event (the worker's status does
 * not change), then the notice follow-up sends it; a failure leaves it pending like any notice.
 */
export async function sendAuditFeedback(
  g: Google,
  spec: {ledger: string; workerId: string; requestId?: string},
  now: string,
): Promise<WorkerResult> {
  const [audits] = await readColumns(
    g,
    parseLedgerRef(spec.ledger),
    [columns(AUDITS, ["auditId", "workerId", "kind", "status", "completedAt", "findings", "missing"])],
    `find the audits of ${spec.workerId}`,
  );
  const audit = latestAudit(audits.rows, spec.workerId);
  if (!audit) {
    throw refuse(
      "NOTHING_PENDING",
      "pending-notice",
      `${spec.workerId} has no recorded audit (Passed, Concerns or Failed), so there is no feedback to send. Record the audit with RecordAudit first.`,
    );
  }
  if (!audit.findings.trim()) {
    throw new DomainError(
      "NOTICE_FINDINGS",
      `Audit ${audit.auditId} has no findings recorded, so its feedback would say nothing. Add the findings to the Audits row, then try again.`,
    );
  }
  return runWorkerAction(
    g,
    {
      action: "SendNotice",
      ledger: spec.ledger,
      workerId: spec.workerId,
      // One queued feedback per audit: the same audit asked again replays instead of queueing twice.
      requestId: spec.requestId || `audit-feedback:${audit.auditId}`,
      params: ["AuditFeedback", audit.auditId],
      plan: (session, worker) => {
        const w: WorkerRecord = worker.record;
        return {
          decision: {
            type: "AuditFeedbackOwed",
            fromStatus: w.status,
            toStatus: w.status,
            reason: "",
            policyClause: "",
            evidence: audit.auditId,
            details: `AuditFeedback notice of ${audit.kind} audit ${audit.auditId} (${audit.status}) to be sent by ${session.actor.email}.`,
            changes: {},
          },
          followUps: [
            noticeRequest(
              {
                notice: "AuditFeedback",
                auditId: audit.auditId,
                findings: audit.findings,
                improvements: improvementsOf(audit),
                automated: audit.kind === "Documentation" ? DOCUMENTS_AUDIT_WORDS : "",
              },
              w,
            ),
          ],
        };
      },
    },
    now,
  );
}
