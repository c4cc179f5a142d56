// Assigning an audit: who is to record it. The Audits row's Assignee changes under the audit's
// lock, with one AuditAssigned event on the audit's chain, in one commit.
import type {Google} from "../google/http";
import type {AuditRecord} from "../core/records";
import {DomainError} from "../core/errors";
import {requireRole} from "../core/lifecycle";
import {recordLockId} from "../core/fold";
import {checkAuditAssignment, requireScheduled} from "../core/audits";
import {checkAssignee} from "../core/disputes";
import {busy, commit, retryOnConflict} from "./store/commit";
import {findRepeat, requestKey} from "./store/ids";
import {AUDITS, EVENTS} from "./store/layout";
import type {AuditRow} from "./audits";
import {auditEvent, normalizeAuditId, openAudit} from "./audits";

/**
 * Assigns a scheduled audit to a current specialist or lead (`me` for yourself). A specialist may
 * assign an audit nobody holds or hand on their own; taking one from someone else takes a lead.
 */
export async function assignAudit(
  g: Google,
  spec: {ledger: string; auditId: string; assignee: string; requestId?: string},
  now: string,
): Promise<AuditRow> {
  const auditId = normalizeAuditId(spec.auditId);
  return retryOnConflict({busy: () => busy(`Audit ${auditId}`), attempts: 4}, async ({locks}) => {
    const {session, audit} = await openAudit(g, spec.ledger, auditId, now, `assign audit ${auditId}`);
    requireRole(session.actor, "specialist", "AssignAudit");
    if (session.header(AUDITS).missing.some((c) => c.key === "assignee")) {
      throw new DomainError(
        "LEDGER_HEADER",
        "The Audits tab has no Assignee column yet, so the assignment cannot be kept. A lead runs UpgradeLedger once to add it.",
      );
    }
    const wanted = /^me$/i.test((spec.assignee ?? "").trim()) ? session.actor.email : spec.assignee;
    const assignee = checkAssignee(
      wanted,
      session.staff.filter((s) => !s.invalid.has("role")).map((s) => s.record),
      "audits",
    );
    const key = requestKey("AssignAudit", session.actor.email, spec.requestId, [auditId, assignee]);
    if (audit.record.requestKey === key && findRepeat([{key, at: audit.record.updatedAt, eventId: ""}], key, now)) {
      return audit;
    }
    requireScheduled(audit.record);
    if (checkAuditAssignment(audit.record, session.actor, assignee) === "unchanged") {
      return audit;
    }
    const version = audit.record.version + 1;
    const next: AuditRecord = {
      ...audit.record,
      assignee,
      requestKey: key,
      version,
      updatedAt: now,
      updatedBy: session.actor.email,
      lock: recordLockId("a", auditId, version),
    };
    const was = audit.record.assignee;
    const event = auditEvent(
      session,
      next,
      session.worker?.record.status ?? "",
      "AuditAssigned",
      `${next.kind || "Conduct"} audit ${auditId} assigned to ${assignee}${was ? ` (was ${was})` : ""}.`,
      key,
    );
    await commit(session, {
      writes: [await locks.update(session, AUDITS, audit, next)],
      appends: [{tab: EVENTS, record: event}],
      what: `assign audit ${auditId}`,
    });
    return {...audit, record: next, problems: [], invalid: new Set()};
  });
}
