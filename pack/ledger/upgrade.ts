import type {Google} from "../google/http";
import {a1, batchGetValues, batchUpdate, batchUpdateValues, getSpreadsheet} from "../google/sheets";
import {listProtections} from "../google/sheets-ranges";
import {chainEvents} from "../core/chain";
import {requireRole} from "../core/lifecycle";
import type {EventRecord, WorkerRecord} from "../core/records";
import {currentLeads, isActiveStaff} from "../core/staff";
import {UPGRADE_SEAL_NOTE} from "../core/verify";
import {commit} from "./store/commit";
import {newId, requestKey} from "./store/ids";
import {DomainError} from "../core/errors";
import {EVENTS, LEAD_TABS, SCHEMA_VERSION, SEALS, SETTINGS, WORKERS} from "./store/layout";
import {planStructure} from "./store/structure";
import {columnLetter, mapHeader, parseRows} from "./store/rows";
import type {Session} from "./store/session";
import {openSession} from "./store/session";
import {rawSetting} from "./store/settings";
import {createKeyFile, LEDGER_SUBJECT} from "./create";
import {keyFileRole, leadProtectionRequests, shareFile} from "./sharing";
import {sealLog} from "./seal";

export interface UpgradeReport {
  changed: string[];
  eventId: string;
}

/**
 * Brings a ledger made by an earlier version to this layout (leads only): adds every tab and
 * column of the layout it lacks (columns at the end of row 1, data untouched), protects Staff,
 * Settings, Blacklist and Seals for the leads, moves the fingerprint key into its own file
 * shared with every specialist and lead, hashes and chains the existing events
 * and seals them under a first seal. Every step checks first, so running it twice changes nothing.
 * Run it when nobody else is acting: events written while it runs may need a second run.
 */
export async function upgradeLedger(
  g: Google,
  spec: {ledger: string; requestId?: string},
  now: string,
): Promise<UpgradeReport> {
  const first = await openSession(g, spec.ledger, now, {tabs: [], what: "upgrade the ledger"});
  requireRole(first.actor, "lead", "UpgradeLedger");
  const changed: string[] = [];
  changed.push(...(await upgradeStructure(first)));
  const session = await openSession(g, spec.ledger, now, {tabs: [EVENTS, WORKERS, SEALS], what: "upgrade the ledger"});
  const staff = session.staff.filter((s) => !s.invalid.has("role")).map((s) => s.record);
  const leads = currentLeads(staff);

  // Lead-only protections.
  const tabs = await listProtections(g, session.ledger.spreadsheetId, "read the ledger's protections");
  const unprotected = LEAD_TABS.filter((t) => {
    const tab = tabs.find((x) => x.title === t.name);
    return tab && !tab.protections.some((p) => !p.warningOnly && p.wholeTab);
  });
  if (unprotected.length) {
    await batchUpdate(
      g,
      session.ledger.spreadsheetId,
      leadProtectionRequests(tabs, leads),
      "protect the lead-only tabs",
    );
    changed.push(`Protected ${unprotected.map((t) => t.name).join(", ")} for the leads (${leads.join(", ")}).`);
  }

  // The fingerprint key moves to its own file.
  const settingValues =
    (
      await batchGetValues(g, session.ledger.spreadsheetId, [a1(SETTINGS.name, "A1:C")], {
        what: "read the ledger's settings",
      })
    )[0]?.values ?? [];
  const rowOf = (key: string) => settingValues.findIndex((r, i) => i > 0 && String(r[0] ?? "").trim() === key) + 1;
  const writes: Array<{range: string; values: string[][]}> = [];
  let appendAt = settingValues.length + 1;
  const put = (key: string, value: string) => {
    const row = rowOf(key) || appendAt++;
    writes.push({range: a1(SETTINGS.name, `A${row}:B${row}`), values: [[key, value]]});
  };
  const legacyKey = rawSetting(session.settings, "FingerprintKey");
  let keyFile = rawSetting(session.settings, "KeyFile");
  if (legacyKey && !keyFile) {
    const title = await spreadsheetTitle(session);
    keyFile = await createKeyFile(g, title, legacyKey);
    put("KeyFile", keyFile);
    put("FingerprintKey", "");
    changed.push(
      "Moved the fingerprint key out of Settings into its own file, shared only with specialists and leads.",
    );
  }
  if (keyFile) {
    for (const s of staff.filter((x) => isActiveStaff(x))) {
      const done = await shareFile(g, keyFile, s.email, keyFileRole(s.role), "share the fingerprint key file");
      if (done) {
        changed.push(`Key file: ${done}.`);
      }
    }
  }
  if (rawSetting(session.settings, "SchemaVersion") !== String(SCHEMA_VERSION)) {
    put("SchemaVersion", String(SCHEMA_VERSION));
    changed.push(`Layout version ${rawSetting(session.settings, "SchemaVersion")} → ${SCHEMA_VERSION}.`);
  }
  if (writes.length) {
    await batchUpdateValues(g, session.ledger.spreadsheetId, writes, "update the ledger's settings");
  }

  // Hashes for the events written before them, chained per worker, under a first seal.
  const hashed = await hashExistingEvents(session);
  if (hashed) {
    changed.push(`Hashed and chained ${hashed} earlier events.`);
    const seal = await sealLog(g, {ledger: spec.ledger}, now, UPGRADE_SEAL_NOTE);
    changed.push(`Sealed Events rows 2–${seal.sealedThrough} (they predate receipts; the seal vouches for them).`);
  }
  if (!changed.length) {
    return {changed, eventId: ""};
  }
  const last = await openSession(g, spec.ledger, now, {tabs: [EVENTS], what: "record the upgrade"});
  const event: EventRecord = {
    eventId: newId("E"),
    time: now,
    actor: last.actor.email,
    workerId: "",
    type: "LedgerUpgraded",
    fromStatus: "",
    toStatus: "",
    reason: "",
    policyClause: "",
    evidence: "",
    details: changed.join(" ").slice(0, 45_000),
    changes: {},
    seq: 0,
    requestKey: requestKey("UpgradeLedger", last.actor.email, spec.requestId, []),
    subject: LEDGER_SUBJECT,
  };
  await commit(last, {writes: [], appends: [{tab: EVENTS, record: event}], what: "record the upgrade"});
  return {changed, eventId: event.eventId};
}

async function spreadsheetTitle(session: Session): Promise<string> {
  const info = await getSpreadsheet(
    session.g,
    session.ledger.spreadsheetId,
    "properties.title",
    "read the ledger's title",
  );
  return info.properties?.title ?? "Trust & Safety ledger";
}

/**
 * Adds every tab and column of this layout the ledger lacks, in one atomic batchUpdate, from the
 * layout's tab definitions (so a column added to any TabDef is added here with no other change);
 * see planStructure for where the columns go. Data rows are not touched. Refuses when the Events
 * tab is gone: an upgrade must not stand in for a lost decision log.
 */
async function upgradeStructure(session: Session): Promise<string[]> {
  const plan = await planStructure(session, () => true);
  if (plan.absent.includes(EVENTS)) {
    throw new DomainError(
      "TAB_UNRECOVERABLE",
      `The ledger has no "${EVENTS.name}" tab, which cannot be rebuilt from anything else. Restore it from the spreadsheet's version history (File › Version history), then run UpgradeLedger again.`,
    );
  }
  if (plan.requests.length) {
    await batchUpdate(session.g, session.ledger.spreadsheetId, plan.requests, "add the new tabs and columns");
  }
  return [
    ...plan.absent.map((tab) => `Added the ${tab.name} tab.`),
    ...plan.columns.map((c) => `${c.tab.name}: added ${c.headers.join(", ")} (${columnLetter(c.at)}1 on).`),
  ];
}

/**
 * Hashes every event that has no hash yet, in log order, each on its worker's chain (the ledger's
 * own events unchained), and writes each worker's chain head to its row. Returns how many.
 */
async function hashExistingEvents(session: Session): Promise<number> {
  const [ev, wk] = await batchGetValues(session.g, session.ledger.spreadsheetId, [a1(EVENTS.name), a1(WORKERS.name)], {
    what: "read the decision log to hash it",
  });
  const evHeader = mapHeader(EVENTS, ev?.values?.[0]);
  const events = parseRows(evHeader, (ev?.values ?? []).slice(1), 2).filter((e) => e.record.eventId);
  const heads = new Map<string, string>();
  const writes: Array<{range: string; values: string[][]}> = [];
  let count = 0;
  for (const e of events) {
    const record = e.record;
    if (record.hash) {
      if (record.subject) {
        heads.set(record.subject, record.hash);
      }
      continue;
    }
    const subject = record.workerId || LEDGER_SUBJECT;
    const chained = subject === LEDGER_SUBJECT ? "" : (heads.get(subject) ?? "");
    const head = chainEvents([record], subject, chained);
    if (subject !== LEDGER_SUBJECT) {
      heads.set(subject, head);
    }
    writes.push(...hashCells(evHeader.index, record, e.row));
    count++;
  }
  if (!count) {
    return 0;
  }
  const wkHeader = mapHeader(WORKERS, wk?.values?.[0]);
  const chainAt = wkHeader.index.get("chainHash");
  if (chainAt === undefined) {
    throw new DomainError(
      "LEDGER_HEADER",
      "The Workers tab lost its ChainHash column while UpgradeLedger ran. Run UpgradeLedger again.",
    );
  }
  const chainCol = columnLetter(chainAt);
  for (const w of parseRows(wkHeader, (wk?.values ?? []).slice(1), 2)) {
    const head = heads.get((w.record as WorkerRecord).workerId);
    if (head && head !== w.record.chainHash) {
      writes.push({range: a1(WORKERS.name, `${chainCol}${w.row}`), values: [[head]]});
    }
  }
  await batchUpdateValues(session.g, session.ledger.spreadsheetId, writes, "write the events' hashes");
  return count;
}

/**
 * The writes of an event's Subject, PrevHash and Hash: one range when their columns sit side by
 * side (UpgradeLedger adds them so), else a cell each, wherever the header puts them.
 */
function hashCells(
  index: ReadonlyMap<string, number>,
  record: EventRecord,
  row: number,
): Array<{range: string; values: string[][]}> {
  const cells = (["subject", "prevHash", "hash"] as const)
    .map((k) => ({at: index.get(k) ?? -1, value: String(record[k] ?? "")}))
    .sort((x, y) => x.at - y.at);
  const first = cells[0]?.at ?? -1;
  if (first < 0) {
    throw new DomainError(
      "LEDGER_HEADER",
      "The Events tab lost its Subject, PrevHash or Hash column while UpgradeLedger ran. Run UpgradeLedger again.",
    );
  }
  if (cells.every((c, i) => c.at === first + i)) {
    return [
      {
        range: a1(EVENTS.name, `${columnLetter(first)}${row}:${columnLetter(first + 2)}${row}`),
        values: [cells.map((c) => c.value)],
      },
    ];
  }
  return cells.map((c) => ({range: a1(EVENTS.name, `${columnLetter(c.at)}${row}`), values: [[c.value]]}));
}
