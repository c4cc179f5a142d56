// Loads what the monitoring rules look at, phase by phase, so a large ledger is checked across
// several sync executions, each well inside Coda's 60-second limit.
import type {Google} from "../google/http";
import type {AuditRecord, BlacklistRecord, DisputeRecord, EventRecord, WorkerRecord} from "../core/records";
import type {Finding, LogView, RuleFilter, RuleId} from "../core/rules";
import type {SheetRow} from "../core/records";
import {digestLog, evaluate} from "../core/rules";
import {trustFindings} from "./trust-findings";
import {foldAll} from "../core/fold";
import {DomainError} from "../core/errors";
import type {ColumnSpec} from "./store/columns";
import {columns, readColumns} from "./store/columns";
import type {SettingRecord} from "./store/layout";
import {AUDITS, BLACKLIST, DISPUTES, EVENTS, SETTINGS, WORKERS} from "./store/layout";
import {rawSetting, setting, settingsMap} from "./store/settings";
import {gridRowCount, readPage} from "./store/read";
import type {LedgerRef} from "./store/ref";
import type {ParsedRow} from "./store/rows";

// ---------- phases ----------

/** The phases of a monitoring pass, in order, and the rules each one runs. */
export const PHASES: ReadonlyArray<{name: string; rules: readonly RuleId[]}> = [
  {name: "identity", rules: ["shared-bank", "shared-phone", "shared-email"]},
  {
    name: "workers",
    rules: [
      "blacklist-match",
      "suspension-overdue",
      "vetting-incomplete",
      "documents-missing",
      "documents-expired",
      "inactive",
      "strike-threshold",
      "investigation-overdue",
      "external-steps-overdue",
    ],
  },
  {name: "disputes", rules: ["dispute-overdue"]},
  {name: "drift", rules: ["ledger-drift"]},
  {name: "trust", rules: ["log-integrity", "staff-integrity"]},
];

/**
 * How much one execution reads (tests lower these to exercise paging): Workers rows per page of
 * the per-worker rules, Disputes rows per page, decision-log rows per request in the drift phase,
 * and the largest log the drift phase folds whole (comparing every field).
 */
export const SLICES = {workers: 25_000, disputes: 20_000, logChunk: 100_000, fullFold: 20_000};

export interface MonitoringCursor {
  phase: number;
  row: number;
}

export interface MonitoringPage {
  findings: Finding[];
  /** Country of each worker read on this page, for reports. */
  countries: Map<string, string>;
  next?: MonitoringCursor;
  /** Every trust finding (log-integrity and staff-integrity, any severity) when this page ran the trust phase. */
  trust?: Finding[];
  /** For the benchmark: what the page read. */
  stats: {phase: string; rows: number};
}

const IDENTITY_KEYS: ReadonlyArray<keyof WorkerRecord & string> = [
  "workerId",
  "name",
  "status",
  "country",
  "emailKey",
  "phone",
  "bankFingerprint",
  "bankMasked",
  "screenedAt",
  "statusSince",
];
const WORKER_KEYS: ReadonlyArray<keyof WorkerRecord & string> = [
  "workerId",
  "name",
  "status",
  "country",
  "timezone",
  "statusSince",
  "suspendedUntil",
  "emailKey",
  "phone",
  "bankFingerprint",
  "idFingerprint",
  "bankVerification",
  "screeningVerdict",
  "screenedAt",
  "screeningSummary",
  "screeningClearance",
  "documentFolder",
  "lastActivityAt",
  "strikes",
  "suspensionKind",
  "reviewDueAt",
  "externalStepsOwed",
];
const BLACKLIST_KEYS: ReadonlyArray<keyof BlacklistRecord & string> = [
  "entryId",
  "workerId",
  "name",
  "emailKeys",
  "phones",
  "bankFingerprints",
  "idFingerprints",
  "reason",
  "policyClause",
  "approvedAt",
  "eventId",
  "liftedAt",
];
const AUDIT_KEYS: ReadonlyArray<keyof AuditRecord & string> = [
  "auditId",
  "workerId",
  "kind",
  "status",
  "completedAt",
  "missing",
  "documentsExpireOn",
];
const DISPUTE_KEYS: ReadonlyArray<keyof DisputeRecord & string> = [
  "disputeId",
  "workerId",
  "category",
  "openedAt",
  "dueAt",
  "status",
  "assignee",
];
const SETTING_SPEC: ColumnSpec<SettingRecord> = columns(SETTINGS, ["key", "value"]);

/** The Settings rows as a map; refuses a spreadsheet that is not a ledger. */
export function settingsFrom(rows: ReadonlyArray<ParsedRow<SettingRecord>>): Map<string, string> {
  const out = settingsMap(rows);
  if (!rawSetting(out, "SchemaVersion")) {
    throw new DomainError(
      "NOT_A_LEDGER",
      "This spreadsheet is not a Trust & Safety ledger: its Settings tab has no SchemaVersion. Create a ledger with CreateLedger and use its URL.",
    );
  }
  return out;
}

function countriesOf(rows: ReadonlyArray<SheetRow<WorkerRecord>>): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of rows) {
    if (r.record.workerId && !out.has(r.record.workerId)) {
      out.set(r.record.workerId, r.record.country.toUpperCase());
    }
  }
  return out;
}

/** The first phase at or after `phase` that runs a rule the filter asks for. */
function nextPhase(phase: number, filter: RuleFilter): number | undefined {
  for (let p = phase; p < PHASES.length; p++) {
    const rules = PHASES[p]?.rules ?? [];
    if (!filter.rules?.size || rules.some((r) => filter.rules?.has(r))) {
      return p;
    }
  }
  return undefined;
}

/**
 * Runs one page of a monitoring pass: the phase and row in `cursor` (the start when absent).
 * Each page returns its findings and where the next page starts; a finding is produced by
 * exactly one page, so pages never repeat one. `options.trust`: the trust findings an earlier
 * page of the same sync computed, used by the trust phase instead of verifying the log again.
 */
export async function monitoringPage(
  g: Google,
  ref: LedgerRef,
  cursor: MonitoringCursor | undefined,
  filter: RuleFilter,
  now: string,
  options: {countries?: boolean; trust?: readonly Finding[]} = {},
): Promise<MonitoringPage> {
  const phase = nextPhase(cursor?.phase ?? 0, filter);
  if (phase === undefined) {
    return {findings: [], countries: new Map(), stats: {phase: "none", rows: 0}};
  }
  const row = cursor && cursor.phase === phase ? cursor.row : 2;
  const name = PHASES[phase]?.name;
  const own = (PHASES[phase]?.rules ?? []).filter((r) => !filter.rules?.size || filter.rules.has(r));
  const wanted: RuleFilter = {severities: filter.severities, rules: new Set(own), modes: filter.modes};
  const after = (more: boolean, nextRow: number): MonitoringCursor | undefined => {
    if (more) {
      return {phase, row: nextRow};
    }
    const p = nextPhase(phase + 1, filter);
    return p === undefined ? undefined : {phase: p, row: 2};
  };
  if (name === "identity") {
    const [settings, workers] = await readColumns(
      g,
      ref,
      [SETTING_SPEC, columns(WORKERS, IDENTITY_KEYS)],
      "read the ledger's workers",
    );
    settingsFrom(settings.rows);
    const findings = evaluate({now, workers: workers.rows}, wanted);
    return {
      findings,
      countries: countriesOf(workers.rows),
      next: after(false, 2),
      stats: {phase: name, rows: workers.rows.length},
    };
  }
  if (name === "workers") {
    // One row past the slice tells whether another page follows.
    const last = row + SLICES.workers - 1;
    const [settingRows, slice, blacklist, audits] = await readColumns(
      g,
      ref,
      [
        SETTING_SPEC,
        columns(WORKERS, WORKER_KEYS, row, last + 1),
        columns(BLACKLIST, BLACKLIST_KEYS),
        columns(AUDITS, AUDIT_KEYS),
      ],
      "read the ledger's workers",
    );
    const workers = {rows: slice.rows.filter((r) => r.row <= last), more: slice.extent > SLICES.workers};
    const settings = settingsFrom(settingRows.rows);
    const findings = evaluate(
      {
        now,
        workers: workers.rows,
        blacklist: blacklist.rows,
        audits: audits.rows,
        inactivityDays: setting(settings, "InactivityDays"),
        strikeThreshold: setting(settings, "StrikeThreshold"),
        vettingGraceDays: setting(settings, "VettingGraceDays"),
      },
      wanted,
    );
    return {
      findings,
      countries: countriesOf(workers.rows),
      next: after(workers.more, last + 1),
      stats: {phase: name, rows: workers.rows.length},
    };
  }
  if (name === "disputes") {
    const last = row + SLICES.disputes - 1;
    const [settings, slice, workers] = options.countries
      ? await readColumns(
          g,
          ref,
          [SETTING_SPEC, columns(DISPUTES, DISPUTE_KEYS, row, last + 1), columns(WORKERS, ["workerId", "country"])],
          "read the ledger's disputes",
        )
      : [
          ...(await readColumns(
            g,
            ref,
            [SETTING_SPEC, columns(DISPUTES, DISPUTE_KEYS, row, last + 1)],
            "read the ledger's disputes",
          )),
          {rows: []},
        ];
    settingsFrom(settings.rows);
    const disputes = slice.rows.filter((r) => r.row <= last);
    const findings = evaluate({now, disputes}, wanted);
    return {
      findings,
      countries: countriesOf(workers.rows),
      next: after(slice.extent > SLICES.disputes, last + 1),
      stats: {phase: name, rows: disputes.length},
    };
  }
  if (name === "trust") {
    const findings = options.trust ? [...options.trust] : await trustFindings(g, ref, now);
    const kept = findings.filter(
      (f) => wanted.rules?.has(f.rule) !== false && (!wanted.severities?.size || wanted.severities.has(f.severity)),
    );
    return {
      findings: kept,
      countries: new Map(),
      next: after(false, 2),
      trust: findings,
      stats: {phase: name, rows: 0},
    };
  }
  const drift = await driftInput(g, ref);
  const findings = evaluate({now, workers: drift.workers, log: drift.log}, wanted);
  return {
    findings,
    countries: countriesOf(drift.workers),
    next: after(false, 2),
    stats: {phase: "drift", rows: drift.logRows},
  };
}

const DRIFT_WORKER_KEYS: ReadonlyArray<keyof WorkerRecord & string> = [
  "workerId",
  "name",
  "country",
  "status",
  "version",
  "lastEventId",
  "updatedAt",
];
const DIGEST_EVENT_KEYS: ReadonlyArray<keyof EventRecord & string> = ["eventId", "workerId", "seq", "toStatus"];

/**
 * What the drift rule compares. A log of up to SLICES.fullFold rows is read whole and
 * folded, so every field a decision sets is compared; a larger one is read as four narrow
 * columns (id, worker, sequence, status) in chunks and digested, so the status, version and
 * last decision of every worker are compared.
 */
export async function driftInput(
  g: Google,
  ref: LedgerRef,
): Promise<{workers: Array<ParsedRow<WorkerRecord>>; log: LogView; logRows: number}> {
  const grid = await gridRowCount(g, ref, EVENTS);
  if (grid <= SLICES.fullFold) {
    const [events, workers] = await Promise.all([
      readPage(g, ref, EVENTS, 2, Math.max(1, grid)),
      readPage(g, ref, WORKERS, 2, Math.max(1000, grid)),
    ]);
    const usable = events.rows.filter(
      (e) => !e.invalid.has("seq") && !e.invalid.has("changes") && !e.invalid.has("workerId"),
    );
    return {
      workers: workers.rows,
      log: {kind: "fold", folds: foldAll(usable.map((e) => e.record))},
      logRows: events.rows.length,
    };
  }
  const events: Array<Pick<EventRecord, "eventId" | "workerId" | "seq" | "toStatus">> = [];
  let workers: Array<ParsedRow<WorkerRecord>> = [];
  for (let first = 2; first <= Math.max(2, grid); first += SLICES.logChunk) {
    const log = columns(EVENTS, DIGEST_EVENT_KEYS, first, first + SLICES.logChunk - 1);
    let chunk;
    if (first === 2) {
      const [events, workerRead] = await readColumns(
        g,
        ref,
        [log, columns(WORKERS, DRIFT_WORKER_KEYS)],
        "read the decision log",
      );
      chunk = events;
      workers = workerRead.rows;
    } else {
      [chunk] = await readColumns(g, ref, [log], "read the decision log");
    }
    for (const r of chunk.rows) {
      if (!r.invalid.has("seq") && !r.invalid.has("workerId")) {
        events.push(r.record);
      }
    }
  }
  return {workers, log: {kind: "digest", digests: digestLog(events)}, logRows: events.length};
}
