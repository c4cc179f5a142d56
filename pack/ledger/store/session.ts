import type {Google} from "../../google/http";
import {isGoogleApiError} from "../../google/errors";
import type {CellValue, ValueRange} from "../../google/sheets";
import {a1, batchGetValues} from "../../google/sheets";
import {currentUser} from "../../google/userinfo";
import {DomainError} from "../../core/errors";
import type {Actor, StaffRole} from "../../core/lifecycle";
import {STAFF_ROLES} from "../../core/lifecycle";
import {isActiveStaff} from "../../core/staff";
import type {StaffRecord, WorkerRecord} from "../../core/records";
import {workerPointerName} from "../../core/fold";
import type {AnyTab, TabDef} from "./layout";
import {SCHEMA_VERSION, SETTINGS, STAFF, WORKERS} from "./layout";
import type {Settings} from "./settings";
import {rawSetting, settingsMap} from "./settings";
import type {HeaderMap, ParsedRow} from "./rows";
import {columnLetter, lastColumnLetter, mapHeader, parseRow, parseRows} from "./rows";
import type {LedgerRef} from "./ref";
import {parseLedgerRef} from "./ref";
import {absentTab, tabOfRange} from "./read";

/** Everything one action needs from the ledger, read in as few requests as possible. */
export interface Session {
  g: Google;
  ledger: LedgerRef;
  /** The time of this execution, UTC ISO: every record the action writes uses it. */
  now: string;
  actor: Actor;
  settings: Settings;
  staff: ReadonlyArray<ParsedRow<StaffRecord>>;
  /** Row-1 headers of the tabs the action writes. */
  header<R>(tab: TabDef<R>): HeaderMap<R>;
  /** The worker asked for, when one was. */
  worker?: ParsedRow<WorkerRecord>;
  /** The extra ranges asked for, in order. */
  extra: ValueRange[];
  /** The fingerprint key, when the action asked for it (needsKey) and the actor may read it. */
  fingerprintKey?: string;
  /** Why the key could not be read, when it could not. */
  keyProblem?: string;
}

export interface OpenOptions {
  /** Tabs whose header row is needed (to write them, or to read columns by name). */
  tabs: readonly AnyTab[];
  workerId?: string;
  extraRanges?: string[];
  /** What the action is, for messages: "suspend W-000123". */
  what: string;
  /** Read the fingerprint key from its own file (one more request; only specialists and leads can). */
  needsKey?: boolean;
}

/** Reads who is acting, the staff list, settings, headers and (optionally) one worker's row. */
export async function openSession(g: Google, ledgerInput: string, now: string, options: OpenOptions): Promise<Session> {
  const ledger = parseLedgerRef(ledgerInput);
  const tabs = uniqueTabs([STAFF, SETTINGS, ...options.tabs]);
  const baseRanges = [
    a1(STAFF.name, "A1:Z"),
    a1(SETTINGS.name, "A1:C"),
    ...tabs.filter((t) => t !== STAFF && t !== SETTINGS).map((t) => a1(t.name, "1:1")),
  ];
  const extra = options.extraRanges ?? [];
  const pointer = options.workerId ? workerPointerName(options.workerId) : undefined;

  const userPromise = currentUser(g);
  // Awaited below; marked handled now so a failed read first does not leave it unobserved.
  userPromise.catch(() => undefined);
  const tabNames = [...new Set([...tabs.map((t) => t.name), ...extra.flatMap((r) => tabOfRange(r) ?? [])])];
  let ranges: ValueRange[];
  let pointerRange: ValueRange | undefined;
  if (pointer) {
    try {
      ranges = await batchGetValues(g, ledger.spreadsheetId, [...baseRanges, ...extra, pointer], {
        what: `read the ledger to ${options.what}`,
      });
      pointerRange = ranges.pop();
    } catch (err) {
      if (!isGoogleApiError(err) || err.status !== 400) {
        throw err;
      }
      // A worker added by hand, or a pointer deleted in the Named ranges panel: find the row by id
      // instead. Google's 400 does not say which range it could not read (its wording is not part
      // of the API), so the ledger is read again without the pointer; a missing tab fails again, named.
      ranges = await readRanges(g, ledger, [...baseRanges, ...extra], tabNames, options.what);
    }
  } else {
    ranges = await readRanges(g, ledger, [...baseRanges, ...extra], tabNames, options.what);
  }
  const user = await userPromise;

  const staffValues = ranges[0]?.values ?? [];
  const staffHeader = mapHeader(STAFF, staffValues[0]);
  const staff = parseRows(staffHeader, staffValues.slice(1), 2);
  const settingsValues = ranges[1]?.values ?? [];
  const settings = readSettings(settingsValues);
  const headers = new Map<string, HeaderMap<unknown>>([
    [STAFF.name, staffHeader as HeaderMap<unknown>],
    [SETTINGS.name, mapHeader(SETTINGS, settingsValues[0]) as HeaderMap<unknown>],
  ]);
  tabs
    .filter((t) => t !== STAFF && t !== SETTINGS)
    .forEach((tab, i) => headers.set(tab.name, mapHeader(tab, ranges[2 + i]?.values?.[0])));
  const extraValues = ranges.slice(baseRanges.length, baseRanges.length + extra.length);

  if (
    !rawSetting(settings, "SchemaVersion") ||
    (!rawSetting(settings, "FingerprintKey") && !rawSetting(settings, "KeyFile"))
  ) {
    throw new DomainError(
      "NOT_A_LEDGER",
      "This spreadsheet is not a Trust & Safety ledger: its Settings tab has no SchemaVersion, or neither a KeyFile nor a FingerprintKey. Create a ledger with CreateLedger and use its URL.",
    );
  }
  const version = Number(settings.get("SchemaVersion"));
  if (!(version <= SCHEMA_VERSION)) {
    throw new DomainError(
      "SCHEMA_NEWER",
      `This ledger uses layout version ${settings.get("SchemaVersion")}, newer than this pack understands (${SCHEMA_VERSION}). Update the pack before changing the ledger.`,
    );
  }

  const session: Session = {
    g,
    ledger,
    now,
    actor: {email: user.email, role: roleOf(staff, user.email)},
    settings,
    staff,
    header<R>(tab: TabDef<R>): HeaderMap<R> {
      const found = headers.get(tab.name);
      if (!found) {
        throw new DomainError("LEDGER_HEADER", `The ${tab.name} header was not loaded for this action.`);
      }
      return found as unknown as HeaderMap<R>;
    },
    extra: extraValues,
  };
  if (options.workerId) {
    session.worker = await locateWorker(session, options.workerId, pointerRange);
  }
  if (options.needsKey) {
    Object.assign(session, await readFingerprintKey(g, settings));
  }
  return session;
}

async function readRanges(
  g: Google,
  ledger: LedgerRef,
  ranges: string[],
  tabs: readonly string[],
  what: string,
): Promise<ValueRange[]> {
  try {
    return await batchGetValues(g, ledger.spreadsheetId, ranges, {what: `read the ledger to ${what}`});
  } catch (err) {
    throw (await absentTab(g, ledger, err, tabs)) ?? err;
  }
}

function readSettings(values: ReadonlyArray<readonly CellValue[]>): Settings {
  return settingsMap(parseRows(mapHeader(SETTINGS, values[0]), values.slice(1), 2));
}

/** The actor's role; with several rows for one person, the weakest counts. A broken row grants nothing. */
export function roleOf(staff: ReadonlyArray<ParsedRow<StaffRecord>>, email: string): StaffRole | undefined {
  // A removed member's row grants nothing.
  const mine = staff.filter((s) => s.record.email.toLowerCase() === email.toLowerCase() && isActiveStaff(s.record));
  if (!mine.length || mine.some((s) => s.invalid.has("role"))) {
    return undefined;
  }
  return mine.map((s) => s.record.role).sort((x, y) => STAFF_ROLES.indexOf(x) - STAFF_ROLES.indexOf(y))[0];
}

/** A 1-based row number from a resolved A1 range such as "'Workers'!A57:AH57". */
export function rowOfRange(range: string): number | undefined {
  const match = /![A-Z]*(\d+)/.exec(range);
  return match?.[1] ? Number(match[1]) : undefined;
}

async function locateWorker(
  session: Session,
  workerId: string,
  pointerRange: ValueRange | undefined,
): Promise<ParsedRow<WorkerRecord> | undefined> {
  const header = session.header(WORKERS);
  if (header.missing.some((c) => c.key === "workerId")) {
    throw new DomainError(
      "LEDGER_HEADER",
      `The Workers tab has no WorkerId column in row 1. Restore the header, or run RepairLedger.`,
    );
  }
  if (pointerRange) {
    const row = rowOfRange(pointerRange.range);
    const cells = pointerRange.values?.[0];
    if (row && cells) {
      const parsed = parseRow(header, cells, row);
      if (parsed.record.workerId === workerId) {
        return parsed;
      }
    }
  }
  // The pointer is missing or stale (rows sorted by hand): scan the id column.
  const idColumn = columnLetter(header.index.get("workerId") ?? 0);
  const [ids] = await batchGetValues(
    session.g,
    session.ledger.spreadsheetId,
    [a1(WORKERS.name, `${idColumn}2:${idColumn}`)],
    {
      majorDimension: "COLUMNS",
      what: `find ${workerId} in the ledger`,
    },
  );
  const index = (ids?.values?.[0] ?? []).findIndex((cell) => String(cell).trim() === workerId);
  if (index < 0) {
    // Said by the caller after its role check, so only staff learn which ids exist.
    return undefined;
  }
  const row = index + 2;
  const [values] = await batchGetValues(
    session.g,
    session.ledger.spreadsheetId,
    [a1(WORKERS.name, `A${row}:${lastColumnLetter(header)}${row}`)],
    {what: `read ${workerId}`},
  );
  return parseRow(header, values?.values?.[0] ?? [], row);
}

function uniqueTabs(tabs: readonly AnyTab[]): AnyTab[] {
  return tabs.filter((t, i) => tabs.findIndex((u) => u.name === t.name) === i);
}

/** The tab and cell of the key file that hold the fingerprint key. */
export const KEY_RANGE = "'Key'!A1:B1";

/**
 * Reads the fingerprint key: from its own file (shared only with specialists and leads), or
 * from Settings on a ledger not yet upgraded. Someone the file is not shared with gets Google's
 * refusal, turned into a reason.
 */
export async function readFingerprintKey(
  g: Google,
  settings: ReadonlyMap<string, string>,
): Promise<{fingerprintKey?: string; keyProblem?: string}> {
  const legacy = rawSetting(settings, "FingerprintKey");
  const file = rawSetting(settings, "KeyFile");
  if (!file) {
    return legacy ? {fingerprintKey: legacy} : {keyProblem: "the ledger's Settings name no KeyFile"};
  }
  try {
    const [range] = await batchGetValues(g, file, [KEY_RANGE], {what: "read the ledger's fingerprint key"});
    const key = String(range?.values?.[0]?.[1] ?? "").trim();
    return key ? {fingerprintKey: key} : {keyProblem: "the key file holds no key"};
  } catch (err) {
    if (isGoogleApiError(err) && (err.status === 403 || err.status === 404)) {
      return {keyProblem: "the fingerprint key file is shared only with specialists and leads, and not with you"};
    }
    throw err;
  }
}
