// WorkerFile: the worker and everything about them, read in one pass over the decision log.
import {requireRole} from "../core/lifecycle";
import type {WorkerRecord} from "../core/records";
import type {Finding} from "../core/rules";
import {evaluate} from "../core/rules";
import type {TimelineEntry} from "../core/worker-file";
import {workerTimeline} from "../core/worker-file";
import type {Google} from "../google/http";
import {EVENTS, WORKERS} from "./store/layout";
import {requireWorker} from "./store/commit";
import {readPage} from "./store/read";
import type {ParsedRow} from "./store/rows";
import type {Session} from "./store/session";
import {openSession} from "./store/session";
import {setting} from "./store/settings";
import {normalizeWorkerId} from "./workers";

/** The rules that look at one worker's row alone. */
const WORKER_RULES = new Set([
  "suspension-overdue",
  "vetting-incomplete",
  "inactive",
  "strike-threshold",
  "investigation-overdue",
] as const);

/** The most decision-log rows one WorkerFile reads. */
export const FILE_LOG_ROWS = 400_000;

/** Specialists and leads only: the file holds internal notes. */
export async function workerFile(
  g: Google,
  ledger: string,
  workerIdInput: string,
  now: string,
): Promise<{worker: ParsedRow<WorkerRecord>; timeline: TimelineEntry[]}> {
  const workerId = normalizeWorkerId(workerIdInput);
  const session = await openSession(g, ledger, now, {
    tabs: [WORKERS, EVENTS],
    workerId,
    what: `read the file of ${workerId}`,
  });
  requireRole(session.actor, "specialist", "WorkerFile");
  const worker = requireWorker(session.worker, workerId, "reads");
  const log = await readPage(g, session.ledger, EVENTS, 2, FILE_LOG_ROWS);
  return {worker, timeline: workerTimeline(log.rows, workerFindings(session, worker, now), workerId)};
}

/** The current findings of the rules that look at this worker's row alone. */
export function workerFindings(session: Session, worker: ParsedRow<WorkerRecord>, now: string): Finding[] {
  return evaluate(
    {
      now,
      workers: [worker],
      inactivityDays: setting(session.settings, "InactivityDays"),
      strikeThreshold: setting(session.settings, "StrikeThreshold"),
    },
    {rules: WORKER_RULES},
  );
}
