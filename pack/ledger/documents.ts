// Worker documents in Drive, listed folder by folder for the WorkerDocuments table.
import type {Google} from "../google/http";
import type {WorkerRecord} from "../core/records";
import type {AssessedDocument} from "../core/documents";
import type {DocumentKind} from "../core/documents";
import {assessDocuments, driveFolderId} from "../core/documents";
import {LIVE_STATUSES} from "../core/lifecycle";
import {DomainError} from "../core/errors";
import {getFile, listChildren, requireDriveReach} from "../google/drive";
import {columns, readColumns} from "./store/columns";
import {SETTINGS, WORKERS} from "./store/layout";
import {settingsFrom} from "./monitoring";
import {setting} from "./store/settings";
import type {LedgerRef} from "./store/ref";
import type {ParsedRow} from "./store/rows";
import {openSession} from "./store/session";
import {normalizeWorkerId} from "./workers";
import {appendAudits, auditEvent, newAudit, repeated} from "./audits";
import type {AuditRow} from "./audits";
import {requireWorker} from "./store/commit";
import {AUDITS, EVENTS} from "./store/layout";
import {requestKey} from "./store/ids";
import {requireRole} from "../core/lifecycle";
import {badInput} from "../core/errors";
import {KIND_LABELS} from "../core/documents";

/** Workers rows read per page when listing every worker's documents. */
export const DOCUMENT_SCAN_ROWS = 2_000;
/** Document folders listed per page (three Drive queries of twenty folders). */
export const FOLDERS_PER_PAGE = 60;

export interface WorkerDocuments {
  workerId: string;
  name: string;
  folderId: string;
  documents: AssessedDocument[];
}

export interface DocumentsPage {
  workers: WorkerDocuments[];
  /** The Workers row the next page starts at. */
  next?: number;
}

interface Options {
  now: string;
  required: DocumentKind[];
  staleDays: number;
}

function problemRow(id: string, name: string, note: string): AssessedDocument {
  return {id, name, kind: "other", status: "Missing", expiresOn: "", modifiedTime: "", link: "", note};
}

/** Lists and judges the folders of the given workers; a worker without a usable folder gets one row saying so. */
async function judge(
  g: Google,
  workers: ReadonlyArray<ParsedRow<WorkerRecord>>,
  options: Options,
): Promise<WorkerDocuments[]> {
  const folders = new Map<string, string>();
  for (const w of workers) {
    const id = driveFolderId(w.record.documentFolder);
    if (id) {
      folders.set(w.record.workerId, id);
    }
  }
  const what = "list the workers' document folders";
  if (folders.size) {
    // A connection without Drive read access lists every folder as empty: ask for it instead.
    await requireDriveReach(g, what);
  }
  const files = await listChildren(g, [...new Set(folders.values())], what);
  return workers.map((w) => {
    const {workerId, name, documentFolder} = w.record;
    const folderId = folders.get(workerId) ?? "";
    if (!folderId) {
      const note = documentFolder
        ? `DocumentFolder "${documentFolder.slice(0, 80)}" is not a Google Drive folder link or id (Workers row ${w.row}).`
        : `No document folder is recorded (Workers row ${w.row}).`;
      return {workerId, name, folderId, documents: [problemRow("missing:folder", "Missing: document folder", note)]};
    }
    const mine = files.filter((f) => f.parents?.includes(folderId)).map((f) => ({...f, name: f.name ?? f.id}));
    return {workerId, name, folderId, documents: assessDocuments(mine, options).documents};
  });
}

/**
 * One page of WorkerDocuments: a single worker when `workerId` is given, otherwise the next live
 * workers with a document folder (and Active workers without one), up to {@link FOLDERS_PER_PAGE}.
 */
export async function documentsPage(
  g: Google,
  ref: LedgerRef,
  first: number,
  workerId: string | undefined,
  now: string,
): Promise<DocumentsPage> {
  if (workerId) {
    const id = normalizeWorkerId(workerId);
    const session = await openSession(g, ref.spreadsheetId, now, {
      tabs: [WORKERS],
      workerId: id,
      what: `list ${id}'s documents`,
    });
    if (!session.worker) {
      throw new DomainError("WORKER_NOT_FOUND", `There is no worker ${id} in this ledger.`);
    }
    return {workers: await judge(g, [session.worker], options(session.settings, now))};
  }
  const last = first + DOCUMENT_SCAN_ROWS - 1;
  const [settingRows, workers] = await readColumns(
    g,
    ref,
    [
      columns(SETTINGS, ["key", "value"]),
      columns(WORKERS, ["workerId", "name", "status", "documentFolder"], first, last),
    ],
    "read the workers' document folders",
  );
  const settings = settingsFrom(settingRows.rows);
  const wanted: Array<ParsedRow<WorkerRecord>> = [];
  let next: number | undefined = workers.extent >= DOCUMENT_SCAN_ROWS ? last + 1 : undefined;
  const seen = new Set<string>();
  for (const w of workers.rows) {
    const {workerId: id, status, documentFolder} = w.record;
    const live = !w.invalid.has("status") && (LIVE_STATUSES as readonly string[]).includes(status);
    if (!id || seen.has(id) || !live || (!documentFolder && status !== "Active")) {
      continue;
    }
    if (wanted.length === FOLDERS_PER_PAGE) {
      next = w.row;
      break;
    }
    seen.add(id);
    wanted.push(w);
  }
  return {workers: await judge(g, wanted, options(settings, now)), next};
}

function options(settings: ReadonlyMap<string, string>, now: string): Options {
  return {
    now,
    required: setting(settings, "RequiredDocuments"),
    staleDays: setting(settings, "DocumentStaleDays"),
  };
}

/**
 * Lists the worker's document folder in Drive, judges each document and records a completed
 * Documentation audit: Passed, Concerns (expiring or stale) or Failed (missing or expired).
 */
export async function auditDocuments(
  g: Google,
  spec: {ledger: string; workerId: string; requestId?: string},
  now: string,
): Promise<AuditRow> {
  const workerId = normalizeWorkerId(spec.workerId);
  const session = await openSession(g, spec.ledger, now, {
    tabs: [AUDITS, EVENTS, WORKERS],
    workerId,
    what: `audit ${workerId}'s documents`,
  });
  requireRole(session.actor, "specialist", "AuditDocuments");
  const worker = requireWorker(session.worker, workerId, "reads").record;
  const key = requestKey("AuditDocuments", session.actor.email, spec.requestId, [workerId]);
  const [audits] = await readColumns(
    g,
    session.ledger,
    [columns(AUDITS, ["auditId", "requestKey", "updatedAt"])],
    "read the audits",
  );
  const [earlier] = await repeated(g, session, audits.rows, key);
  if (earlier) {
    return earlier;
  }
  const folder = driveFolderId(worker.documentFolder);
  if (worker.documentFolder && !folder) {
    throw badInput(
      "DOCUMENT_FOLDER",
      `${workerId}'s DocumentFolder "${worker.documentFolder.slice(0, 80)}" is not a Google Drive folder link or id; correct it first.`,
    );
  }
  if (folder) {
    // Drive lists a folder the caller cannot open as empty: open it first so that is an error, not "all missing".
    await getFile(g, folder, `open ${workerId}'s document folder`);
  }
  const files = folder ? await listChildren(g, [folder], `list ${workerId}'s document folder`) : [];
  const a = assessDocuments(
    files.map((f) => ({...f, name: f.name ?? f.id})),
    {
      now,
      required: setting(session.settings, "RequiredDocuments"),
      staleDays: setting(session.settings, "DocumentStaleDays"),
    },
  );
  const audit = newAudit(session, {
    workerId,
    kind: "Documentation",
    status: a.outcome,
    dueDate: now.slice(0, 10),
    auditor: session.actor.email,
    completedAt: now,
    findings: `${folder ? "" : "No document folder is recorded. "}${a.summary}`,
    evidence: folder ? `https://drive.google.com/drive/folders/${folder}` : "",
    missing: a.missing.map((k) => KIND_LABELS[k]).join("; "),
    documentsExpireOn: a.expiresOn,
    requestKey: key,
  });
  const event = auditEvent(
    session,
    audit,
    worker.status,
    "DocumentationAudited",
    `Documentation audit ${audit.auditId}: ${a.outcome}. ${audit.findings}`.slice(0, 5_000),
    key,
    audit.missing && `Missing: ${audit.missing}`,
    audit.evidence,
  );
  await appendAudits(session, [audit], [event], 1 + audits.extent);
  return {row: 2 + audits.extent, record: audit, problems: [], invalid: new Set()};
}
