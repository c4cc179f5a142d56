import {foldWorker} from "./fold";
import type {EventRecord, SheetRow, WorkerRecord} from "./records";

/** What rebuilding the Workers tab from the log would change. */
export interface RepairPlan {
  /** Rows that disagree with their worker's events, with the differences in words. */
  fixes: Array<{workerId: string; row: number; expected: WorkerRecord; differences: string[]}>;
  /** Workers the log knows but the tab has no row for. */
  missing: WorkerRecord[];
  /** Rows with no events behind them, or repeating another row's id: reported, left as they are. */
  leftAlone: Array<{row: number; workerId: string; why: string}>;
  /** Workers whose own log has gaps or unreadable rows: not rewritten, since the log cannot be trusted. */
  unsafe: Array<{workerId: string; why: string}>;
}

// The fields a Workers row holds, compared as they would be written.
const FIELDS: ReadonlyArray<keyof WorkerRecord> = [
  "name",
  "email",
  "emailKey",
  "phone",
  "country",
  "timezone",
  "status",
  "statusSince",
  "suspendedUntil",
  "projects",
  "source",
  "bankFingerprint",
  "bankMasked",
  "bankScheme",
  "bankCountry",
  "bankVerification",
  "idFingerprint",
  "screeningVerdict",
  "screenedAt",
  "documentFolder",
  "discordUserId",
  "zendeskUserId",
  "zendeskTicketUrl",
  "riskNotes",
  "pendingBlacklist",
  "pendingActions",
  "lastActivityAt",
  "version",
  "updatedAt",
  "updatedBy",
  "lastEventId",
  "lock",
  "recent",
  "externalStepsOwed",
  "discordRolesRemoved",
];

function shown(value: unknown): string {
  if (value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) {
    return "(empty)";
  }
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** The differences between a row and the worker its events describe, field by field. */
export function workerDifferences(actual: SheetRow<WorkerRecord>, expected: WorkerRecord): string[] {
  const out: string[] = [];
  for (const field of FIELDS) {
    const unreadable = actual.invalid?.has(field) ?? false;
    const same = !unreadable && JSON.stringify(actual.record[field] ?? "") === JSON.stringify(expected[field] ?? "");
    if (!same) {
      out.push(`${field}: ${unreadable ? "(unreadable)" : shown(actual.record[field])} → ${shown(expected[field])}`);
    }
  }
  return out;
}

/**
 * Plans rebuilding the Workers tab from the decision log. Pure: the caller reads the rows and
 * writes the fixes. `badEventWorkers` names workers with unreadable log rows.
 */
export function planRepair(
  events: readonly EventRecord[],
  rows: ReadonlyArray<SheetRow<WorkerRecord>>,
  badEventWorkers: ReadonlyMap<string, string>,
): RepairPlan {
  const byWorker = new Map<string, EventRecord[]>();
  for (const event of events) {
    if (event.workerId && event.seq > 0) {
      const list = byWorker.get(event.workerId) ?? [];
      list.push(event);
      byWorker.set(event.workerId, list);
    }
  }
  const plan: RepairPlan = {fixes: [], missing: [], leftAlone: [], unsafe: []};
  const seen = new Map<string, number>();
  for (const row of rows) {
    const id = row.record.workerId;
    if (!id) {
      plan.leftAlone.push({row: row.row, workerId: "", why: "no WorkerId"});
      continue;
    }
    if (seen.has(id)) {
      plan.leftAlone.push({row: row.row, workerId: id, why: `repeats the WorkerId of sheet row ${seen.get(id)}`});
      continue;
    }
    seen.set(id, row.row);
    const list = byWorker.get(id);
    if (!list) {
      plan.leftAlone.push({row: row.row, workerId: id, why: "no decisions in the log"});
      continue;
    }
    const folded = foldWorker(list);
    const bad = badEventWorkers.get(id);
    if (bad || folded.problems.length || !folded.worker) {
      plan.unsafe.push({workerId: id, why: bad ?? folded.problems.join(" ")});
      continue;
    }
    const differences = workerDifferences(row, folded.worker);
    if (differences.length) {
      plan.fixes.push({workerId: id, row: row.row, expected: folded.worker, differences});
    }
  }
  for (const [id, list] of byWorker) {
    if (seen.has(id)) {
      continue;
    }
    const folded = foldWorker(list);
    const bad = badEventWorkers.get(id);
    if (bad || folded.problems.length || !folded.worker) {
      plan.unsafe.push({workerId: id, why: bad ?? folded.problems.join(" ")});
    } else {
      plan.missing.push(folded.worker);
    }
  }
  plan.missing.sort((a, b) => a.workerId.localeCompare(b.workerId));
  return plan;
}
