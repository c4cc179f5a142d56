// Turns findings, audits, documents and report rows into the objects Coda shows.
import type {AuditRecord} from "./core/records";
import type {Finding} from "./core/rules";
import type {AssessedDocument} from "./core/documents";
import {KIND_LABELS} from "./core/documents";
import type {Summary, TrendRow} from "./core/reports";
import {AUDIT_BREACHES, DISPUTE_BREACHES, DISPUTES_OPENED, DISPUTES_RESOLVED} from "./core/reports";
import {longDate} from "./core/dates";
import type {Draw} from "./core/audits";
import type {ParsedRow} from "./ledger/rows";
import type {Plain} from "./present";
import {compact, problemText, workerRef} from "./present";
import {AUDITS, WORKERS} from "./ledger/layout";
import {rowLink} from "./ledger/ref";


export function findingObject(f: Finding, spreadsheetId?: string): Plain & {FindingId: string; Title: string} {
  return compact({
    FindingId: f.id,
    Title: f.title,
    Link: spreadsheetId ? rowLink(spreadsheetId, WORKERS.sheetId) : undefined,
    Rule: f.rule,
    Severity: f.severity,
    Workers: f.workers.map((w) => workerRef(w.workerId, w.name)).filter(Boolean),
    WorkerIds: f.workers.map((w) => w.workerId),
    FirstSeen: f.firstSeen,
    Explanation: f.explanation,
    Evidence: f.evidence.join("\n"),
    Advice: f.advice,
  }) as Plain & {FindingId: string; Title: string};
}

export function auditObject(row: ParsedRow<AuditRecord>, today: string, spreadsheetId?: string): Plain & {AuditId: string; Title: string} {
  const a = row.record;
  return compact({
    AuditId: a.auditId || `row-${row.row}`,
    Link: spreadsheetId ? rowLink(spreadsheetId, AUDITS.sheetId, row.row) : undefined,
    Title: `${a.kind || "Audit"} audit of ${a.workerId || "an unknown worker"}${a.status && a.status !== "Scheduled" ? `: ${a.status}` : ""}`,
    Worker: workerRef(a.workerId),
    WorkerId: a.workerId,
    Kind: a.kind,
    Status: a.status,
    Overdue: a.status === "Scheduled" && Boolean(a.dueDate) && a.dueDate < today,
    ScheduledAt: a.scheduledAt,
    DueDate: a.dueDate,
    Stratum: a.stratum,
    SampleSeed: a.sampleSeed,
    Auditor: a.auditor,
    CompletedAt: a.completedAt,
    Findings: a.findings,
    Evidence: a.evidence,
    SuggestedStep: a.suggestedStep,
    Missing: a.missing,
    DocumentsExpireOn: a.documentsExpireOn,
    Version: row.invalid.has("version") ? undefined : a.version,
    UpdatedAt: a.updatedAt,
    UpdatedBy: a.updatedBy,
    Problems: problemText(row),
  }) as Plain & {AuditId: string; Title: string};
}

export function scheduleObject(result: {audits: AuditRecord[]; draw: Draw; eligible: number; dueDate: string; replayed: boolean}): Plain & {Summary: string; Seed: string} {
  const n = result.audits.length;
  const seed = result.draw.seed || result.audits[0]?.sampleSeed || "";
  return compact({
    Summary: result.replayed
      ? `This request already scheduled ${n} audit${n === 1 ? "" : "s"} (seed ${seed}); nothing new was scheduled.`
      : `Scheduled ${n} conduct audit${n === 1 ? "" : "s"} due ${longDate(`${result.dueDate}T00:00:00Z`)}, drawn from ${result.eligible} eligible Active workers stratified by country and project (seed ${seed}).`,
    Seed: seed,
    Eligible: result.replayed ? undefined : result.eligible,
    Drawn: n,
    DueDate: result.dueDate,
    Strata: result.draw.strata.filter((s) => s.drawn > 0).map((s) => `${s.stratum}: ${s.drawn} of ${s.eligible}`),
    Audits: result.audits.map((a) => ({AuditId: a.auditId, Title: `${a.kind} audit of ${a.workerId}`})),
  }) as Plain & {Summary: string; Seed: string};
}

export function documentObject(d: AssessedDocument, workerId: string, name: string, folderId: string): Plain & {DocumentId: string; Name: string} {
  return compact({
    DocumentId: d.status === "Missing" ? `${workerId}:${d.id}` : d.id,
    Name: d.name,
    Worker: workerRef(workerId, name),
    WorkerId: workerId,
    Kind: KIND_LABELS[d.kind],
    Status: d.status,
    ExpiresOn: d.expiresOn,
    ModifiedAt: d.modifiedTime,
    Link: d.link,
    Folder: folderId ? `https://drive.google.com/drive/folders/${folderId}` : "",
    Note: d.note,
  }) as Plain & {DocumentId: string; Name: string};
}

export function trendObject(t: TrendRow, part = ""): Plain & {RowId: string; Label: string} {
  return {
    RowId: `${t.week}|${t.metric}|${t.country}${part ? `|${part}` : ""}`,
    Label: `Week of ${longDate(`${t.week}T00:00:00Z`)}: ${t.count} ${t.metric.toLowerCase()} (${t.country})`,
    Week: t.week,
    Metric: t.metric,
    Country: t.country,
    Count: t.count,
  };
}

/** The Summary object: counts by metric, the open work now, and "CoC 4.2: 7 (latest: …)" per top reason. */
export function summaryObject(s: Summary): Plain & {Period: string} {
  const c = s.counts;
  return {
    Period: `${longDate(s.from)} to ${longDate(new Date(Date.parse(s.to) - 1).toISOString())}`,
    From: s.from,
    To: s.to,
    ...Object.fromEntries(["Applicants", "Approvals", "Rejections", "Suspensions", "Reinstatements", "Blacklistings", "Offboardings"].map((m) => [m, c[m] ?? 0])),
    DisputesOpened: c[DISPUTES_OPENED] ?? 0,
    DisputesResolved: c[DISPUTES_RESOLVED] ?? 0,
    DisputeDueDateBreaches: c[DISPUTE_BREACHES] ?? 0,
    AuditDueDateBreaches: c[AUDIT_BREACHES] ?? 0,
    PendingBlacklistApprovals: s.pendingBlacklistApprovals,
    OpenDisputes: s.openDisputes,
    OverdueDisputes: s.overdueDisputes,
    ScheduledAudits: s.scheduledAudits,
    OverdueAudits: s.overdueAudits,
    TopReasons: s.topReasons.map((r) => `${r.label}: ${r.count}${r.example && r.example !== r.label ? ` (latest: ${r.example})` : ""}`),
  };
}
