// Recording an audit's outcome: only the assignee or a lead records an assigned audit, and
// Concerns or Failed (or a pass that names what to change) queue the worker's AuditFeedback notice.
import type {Google} from "../google/http";
import type {AuditRecord, WorkerRecord} from "../core/records";
import {DomainError, isDomainError} from "../core/errors";
import {requireRole} from "../core/lifecycle";
import {recordLockId} from "../core/fold";
import {checkAuditResult, requireAuditTaker, requireScheduled, suggestStep} from "../core/audits";
import {cleanText} from "../core/text";
import {busy, commit, retryOnConflict} from "./store/commit";
import {findRepeat, requestKey} from "./store/ids";
import {AUDITS, EVENTS} from "./store/layout";
import {queueAuditFeedback} from "./audit-feedback";
import type {AuditRow} from "./audits";
import {auditEvent, normalizeAuditId, openAudit} from "./audits";

/**
 * Records a scheduled audit's outcome. A failure suggests the next lifecycle step (suspend, or
 * propose blacklisting after earlier failures) but never takes it: a person decides.
 */
export async function recordAudit(
  g: Google,
  spec: {
    ledger: string;
    auditId: string;
    outcome: unknown;
    findings: unknown;
    evidence?: unknown;
    requestId?: string;
    improvements?: unknown;
  },
  now: string,
): Promise<AuditRow> {
  const auditId = normalizeAuditId(spec.auditId);
  const result = checkAuditResult(spec);
  const improvements = cleanText(spec.improvements, "improvements", {max: 2_000});
  const audit = await recordOutcome(g, spec, auditId, result, improvements, now);
  if (feedbackOwed(result.outcome, result.findings, improvements)) {
    try {
      await queueAuditFeedback(g, {ledger: spec.ledger, audit: audit.record, improvements}, now);
    } catch (err) {
      if (!isDomainError(err)) {
        throw err;
      }
      throw new DomainError(
        err.code,
        `Audit ${auditId} was recorded, but its feedback to the worker could not be queued: ${err.message.replace(/\.$/, "")}. Run RecordAudit again with the same values to queue it, or send it with SendNotice (AuditFeedback).`,
      );
    }
  }
  return audit;
}

/** Feedback is owed for Concerns and Failed, and for a pass when the auditor names something to change. */
function feedbackOwed(outcome: string, findings: string, improvements: string): boolean {
  return Boolean(findings) && (outcome !== "Passed" || Boolean(improvements));
}

async function recordOutcome(
  g: Google,
  spec: {ledger: string; requestId?: string},
  auditId: string,
  result: ReturnType<typeof checkAuditResult>,
  improvements: string,
  now: string,
): Promise<AuditRow> {
  return retryOnConflict({busy: () => busy(`Audit ${auditId}`), attempts: 4}, async ({locks}) => {
    const {index, hit, session, audit} = await openAudit(g, spec.ledger, auditId, now, `record audit ${auditId}`);
    requireRole(session.actor, "specialist", "RecordAudit");
    const key = requestKey("RecordAudit", session.actor.email, spec.requestId, [
      auditId,
      result.outcome,
      result.findings,
      result.evidence,
      ...(improvements ? [improvements] : []),
    ]);
    if (audit.record.requestKey === key && findRepeat([{key, at: audit.record.updatedAt, eventId: ""}], key, now)) {
      return audit;
    }
    requireScheduled(audit.record);
    requireAuditTaker(audit.record, session.actor);
    const status: WorkerRecord["status"] | "" =
      session.worker && !session.worker.invalid.has("status") ? session.worker.record.status : "";
    const failures = index.rows.filter(
      (r) => r.row !== hit.row && r.record.workerId === hit.record.workerId && r.record.status === "Failed",
    ).length;
    const suggestion = suggestStep(result.outcome, status, failures);
    const version = audit.record.version + 1;
    const next: AuditRecord = {
      ...audit.record,
      status: result.outcome,
      auditor: session.actor.email,
      completedAt: now,
      findings: result.findings,
      evidence: result.evidence,
      suggestedStep: suggestion.step,
      requestKey: key,
      version,
      updatedAt: now,
      updatedBy: session.actor.email,
      lock: recordLockId("a", auditId, version),
    };
    const said = suggestion.step
      ? ` Suggested next step: ${suggestion.step} (${suggestion.why}); nothing was done to the worker.`
      : suggestion.why
        ? ` No step suggested: ${suggestion.why}.`
        : "";
    const event = auditEvent(
      session,
      next,
      status,
      "AuditRecorded",
      `${next.kind} audit ${auditId} recorded as ${result.outcome}.${said}${feedbackOwed(result.outcome, result.findings, improvements) ? ` Feedback to the worker queued (SendNotice AuditFeedback)${improvements ? `; what to change: ${improvements}` : ""}.` : ""}`,
      key,
      result.findings,
      result.evidence,
    );
    await commit(session, {
      writes: [await locks.update(session, AUDITS, audit, next)],
      appends: [{tab: EVENTS, record: event}],
      what: `record audit ${auditId}`,
    });
    return {...audit, record: next, problems: [], invalid: new Set()};
  });
}
