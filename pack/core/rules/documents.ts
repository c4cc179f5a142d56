// Active workers whose documents are missing or expired, by their latest documentation audit.
import type {AuditRecord, SheetRow} from "../records";
import {localDate, longDate} from "../dates";
import {day, perWorker, rowOf, who} from "./make";

const latestCache = new WeakMap<object, Map<string, SheetRow<AuditRecord>>>();

/** Each worker's latest completed Documentation audit, by completion time (computed once per list). */
export function latestDocumentationAudits(
  audits: ReadonlyArray<SheetRow<AuditRecord>> = [],
): Map<string, SheetRow<AuditRecord>> {
  const cached = latestCache.get(audits);
  if (cached) {
    return cached;
  }
  const out = new Map<string, SheetRow<AuditRecord>>();
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

const auditRef = (a: SheetRow<AuditRecord>) => `Audits row ${a.row}: ${a.record.auditId}`;

/**
 * Active, and the latest documentation audit found required documents missing (a missing folder
 * is one of the gaps vetting-incomplete lists). First seen: the audit's completion.
 */
export const documentsMissing = perWorker(
  "documents-missing",
  "Warning",
  "Get the missing documents from the worker, then run AuditDocuments.",
  ["Active"],
  (r, input) => {
    const audit = latestDocumentationAudits(input.audits).get(r.record.workerId);
    const missing = audit?.record.missing ?? "";
    if (!audit || !missing) {
      return undefined;
    }
    return {
      title: `${r.record.workerId} is missing: ${missing}`,
      firstSeen: audit.record.completedAt,
      explanation: `${who(r)} is Active, but documentation audit ${audit.record.auditId} (${longDate(audit.record.completedAt)}) found missing: ${missing}.`,
      evidence: [rowOf(r), auditRef(audit)],
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
