// ExportWorkerData: a person's right of access. Reads everything the ledger holds about one worker,
// writes a readable Google Doc and a JSON copy into the exporting lead's own My Drive (nobody else
// can open them until the lead shares them), then records a DataExported event naming both files.
// A repeat of the same request returns the first export's link and writes nothing.
import type {OtherPeople} from "../core/export";
import {buildExport} from "../core/export";
import {requireRole} from "../core/lifecycle";
import type {EventRecord, WorkerRecord} from "../core/records";
import {createFile} from "../google/drive";
import type {Google} from "../google/http";
import {requireWorker} from "./store/commit";
import {findRepeat, requestKey} from "./store/ids";
import {AUDITS, BLACKLIST, DISPUTES, EVENTS, WORKERS} from "./store/layout";
import {readPage} from "./store/read";
import type {Session} from "./store/session";
import {openSession} from "./store/session";
import {setting} from "./store/settings";
import {FILE_LOG_ROWS, workerFindings} from "./worker-file";
import {normalizeWorkerId, runWorkerAction} from "./workers";

const ACTION = "ExportWorkerData";
/** The most rows read from each of Workers, Blacklist, Disputes and Audits. */
const TAB_ROWS = 100_000;

export const DOC_MIME = "application/vnd.google-apps.document";

export interface ExportResult {
  /** The readable Google Doc. */
  link: string;
  jsonLink: string;
  worker: WorkerRecord;
  replayed: boolean;
}

/** The first line of a DataExported event's evidence is the readable file, the second the JSON copy. */
function linksOf(event: EventRecord | undefined): {link: string; jsonLink: string} | undefined {
  const [link, jsonLink = ""] = (event?.evidence ?? "").split("\n");
  return link ? {link, jsonLink} : undefined;
}

async function eventById(session: Session, eventId: string): Promise<EventRecord | undefined> {
  const log = await readPage(session.g, session.ledger, EVENTS, 2, FILE_LOG_ROWS);
  return log.rows.find((r) => r.record.eventId === eventId)?.record;
}

/** Everyone the ledger holds but this worker, for the export to leave out. */
async function othersThan(session: Session, worker: WorkerRecord): Promise<OtherPeople> {
  const [workers, blacklist] = await Promise.all([
    readPage(session.g, session.ledger, WORKERS, 2, TAB_ROWS),
    readPage(session.g, session.ledger, BLACKLIST, 2, TAB_ROWS),
  ]);
  const others = workers.rows.map((r) => r.record).filter((w) => w.workerId !== worker.workerId);
  const foreignEntries = blacklist.rows.map((r) => r.record).filter((b) => b.workerId !== worker.workerId);
  return {
    names: [...others.map((w) => w.name), ...foreignEntries.map((b) => b.name)],
    emails: others.flatMap((w) => [w.email, w.emailKey]),
    entryIds: foreignEntries.map((b) => b.entryId),
    staff: new Map(session.staff.map((s) => [s.record.email, s.record.role || "team member"])),
  };
}

/**
 * Exports everything the ledger holds about one worker (leads only). The files are written before
 * the event: if recording fails, the ledger is unchanged and a new run writes new files.
 */
export async function exportWorkerData(
  g: Google,
  spec: {ledger: string; workerId: string; requestId?: string},
  now: string,
): Promise<ExportResult> {
  const workerId = normalizeWorkerId(spec.workerId);
  const session = await openSession(g, spec.ledger, now, {
    tabs: [WORKERS, EVENTS, BLACKLIST, DISPUTES, AUDITS],
    workerId,
    what: `export the data of ${workerId}`,
  });
  requireRole(session.actor, "lead", ACTION);
  const worker = requireWorker(session.worker, workerId, "reads");
  const key = requestKey(ACTION, session.actor.email, spec.requestId, [workerId]);
  const repeat = findRepeat(worker.record.recent, key, now);
  const earlier = repeat ? linksOf(await eventById(session, repeat.eventId)) : undefined;
  if (earlier) {
    return {...earlier, worker: worker.record, replayed: true};
  }
  const [log, blacklist, disputes, audits, others] = await Promise.all([
    readPage(g, session.ledger, EVENTS, 2, FILE_LOG_ROWS),
    readPage(g, session.ledger, BLACKLIST, 2, TAB_ROWS),
    readPage(g, session.ledger, DISPUTES, 2, TAB_ROWS),
    readPage(g, session.ledger, AUDITS, 2, TAB_ROWS),
    othersThan(session, worker.record),
  ]);
  const mine = <R extends {workerId: string}>(rows: ReadonlyArray<{record: R}>) =>
    rows.map((r) => r.record).filter((r) => r.workerId === workerId);
  const built = buildExport({
    worker: worker.record,
    events: mine(log.rows),
    disputes: mine(disputes.rows),
    audits: mine(audits.rows),
    blacklist: mine(blacklist.rows),
    findings: workerFindings(session, worker, now),
    others,
    now,
    strikeExpiryDays: setting(session.settings, "StrikeExpiryDays"),
  });
  const title = `Data held about ${workerId} (${now.slice(0, 10)})`;
  const what = `write the data export of ${workerId} to your Google Drive`;
  const appProperties = {tnsExport: workerId};
  const doc = await createFile(
    g,
    {name: title, mimeType: DOC_MIME, contentType: "text/html; charset=UTF-8", content: built.html, appProperties},
    what,
  );
  const json = await createFile(
    g,
    {
      name: `${title}.json`,
      mimeType: "application/json",
      contentType: "application/json; charset=UTF-8",
      content: JSON.stringify(built.json, null, 2),
      appProperties,
    },
    what,
  );
  const link = doc.webViewLink ?? `https://docs.google.com/document/d/${doc.id}/edit`;
  const jsonLink = json.webViewLink ?? `https://drive.google.com/file/d/${json.id}/view`;
  const c = built.counts;
  const result = await runWorkerAction(
    g,
    {
      action: ACTION,
      ledger: spec.ledger,
      workerId,
      requestId: spec.requestId,
      params: [],
      minimumRole: "lead",
      plan: (s, w) => ({
        decision: {
          type: "DataExported",
          fromStatus: w.record.status,
          toStatus: w.record.status,
          reason: "",
          policyClause: "",
          evidence: `${link}\n${jsonLink}`,
          details: `Exported the worker's data to ${s.actor.email}'s Google Drive (a readable Google Doc and a JSON copy): ${c.decisions} decisions and checks, ${c.notes} internal notes, ${c.disputes} disputes, ${c.audits} audits, ${c.findings} current findings. Other people's data left out.`,
          changes: {},
        },
      }),
    },
    now,
  );
  if (result.replayed) {
    // The same request landed first from another click: its files are the export of record.
    const first = linksOf(await eventById(result.session, result.worker.record.lastEventId));
    if (first) {
      return {...first, worker: result.worker.record, replayed: true};
    }
  }
  return {link, jsonLink, worker: result.worker.record, replayed: false};
}
