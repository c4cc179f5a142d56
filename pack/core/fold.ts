import type {EventRecord, RecentRequest, WorkerRecord} from "./records";
import {emptyWorker} from "./records";
import {sha256Hex} from "./hash";

/** How many recent request keys a record remembers for idempotent replays. */
export const RECENT_REQUESTS_KEPT = 20;

/**
 * The named-range ID that holds a record at `version`. A commit deletes the current one and
 * adds the next in one atomic batchUpdate; Sheets refuses to add an ID that exists, so two
 * commits from the same version cannot both land. A new worker's first lock is keyed by the
 * email key, so two simultaneous AddApplicant calls for one person cannot both land either.
 */
export function workerLockId(workerId: string, version: number, emailKey: string): string {
  if (version === 1 && emailKey) {
    return `tse${sha256Hex(emailKey).slice(0, 24)}`;
  }
  return `ts${alnum(workerId)}v${version}`;
}

/** The named range that points at a worker's Workers row (its name is stable across versions). */
export function workerPointerName(workerId: string): string {
  return `ts_${workerId.replace(/[^A-Za-z0-9]/g, "_")}`;
}

/** Lock ID for any other versioned record (staff entries, audits, disputes). */
export function recordLockId(prefix: string, key: string, version: number): string {
  return `ts${prefix}${alnum(key).slice(0, 40)}v${version}`;
}

function alnum(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Adds a request key to a record's recent list, newest last, keeping the last {@link RECENT_REQUESTS_KEPT}. */
export function pushRecent(recent: readonly RecentRequest[], entry: RecentRequest): RecentRequest[] {
  if (!entry.key) {
    return [...recent];
  }
  return [...recent.filter((r) => r.key !== entry.key), entry].slice(-RECENT_REQUESTS_KEPT);
}

/** The worker after `event`: its changes applied and the bookkeeping fields advanced. */
export function applyEvent(state: WorkerRecord | undefined, event: EventRecord): WorkerRecord {
  const before = state ?? emptyWorker(event.workerId);
  const next: WorkerRecord = {
    ...before,
    ...event.changes,
    workerId: before.workerId || event.workerId,
    version: event.seq,
    updatedAt: event.time,
    updatedBy: event.actor,
    lastEventId: event.eventId,
    recent: pushRecent(before.recent, {key: event.requestKey, at: event.time, eventId: event.eventId}),
  };
  next.lock = workerLockId(next.workerId, next.version, next.emailKey);
  return next;
}

export interface FoldResult {
  worker: WorkerRecord | undefined;
  /** Gaps or repeats in the sequence numbers: the log itself was edited by hand. */
  problems: string[];
}

/** Rebuilds one worker from its events in log order. Events with `seq` 0 do not touch the worker. */
export function foldWorker(events: readonly EventRecord[]): FoldResult {
  let worker: WorkerRecord | undefined;
  const problems: string[] = [];
  for (const event of events) {
    if (event.seq === 0) {
      continue;
    }
    const expected = (worker?.version ?? 0) + 1;
    if (event.seq !== expected) {
      problems.push(`${event.eventId} has sequence ${event.seq} where ${expected} was expected.`);
      if (event.seq < expected) {
        continue;
      }
    }
    worker = applyEvent(worker, event);
  }
  return {worker, problems};
}

/** Folds a whole log: one worker per worker id, in first-seen order. */
export function foldAll(events: Iterable<EventRecord>): Map<string, FoldResult> {
  const byWorker = new Map<string, EventRecord[]>();
  for (const event of events) {
    if (!event.workerId || event.seq === 0) {
      continue;
    }
    const list = byWorker.get(event.workerId);
    if (list) {
      list.push(event);
    } else {
      byWorker.set(event.workerId, [event]);
    }
  }
  const out = new Map<string, FoldResult>();
  for (const [workerId, list] of byWorker) {
    out.set(workerId, foldWorker(list));
  }
  return out;
}
