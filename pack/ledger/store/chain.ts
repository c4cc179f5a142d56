import type {Request} from "../../google/sheets";
import {chainEvents, staffSubject} from "../../core/chain";
import type {EventRecord} from "../../core/records";
import type {AnyTab, ReceiptRecord} from "./layout";
import {AUDITS, DISPUTES, EVENTS, STAFF, WORKERS, receiptsTab} from "./layout";
import {layoutHeader, rowForAppend} from "./rows";
import type {HeaderMap} from "./rows";
import {textCell} from "../../google/sheets";

/** The subject a versioned record's events extend, or undefined for tabs without a chain. */
export function subjectOfRecord(tab: AnyTab, record: Record<string, unknown>): string | undefined {
  if (tab === WORKERS) {
    return String(record.workerId ?? "");
  }
  if (tab === DISPUTES) {
    return String(record.disputeId ?? "");
  }
  if (tab === AUDITS) {
    return String(record.auditId ?? "");
  }
  if (tab === STAFF) {
    return staffSubject(String(record.email ?? ""));
  }
  return undefined;
}

const heads = new WeakMap<object, string>();

/** A locked record a commit writes, as the chain sees it (the shape of commit.ts's LockedWrite). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Written = {tab: AnyTab; record: any};
type LockedWrite<R> = {tab: AnyTab; record: R};

/** The parts of a commit the chain reads (commit.ts's Commit). */
interface Commit {
  writes: Written[];
  appends: Array<{tab: AnyTab; record: unknown}>;
}

/**
 * Chains a commit's events before it is written: each event gets its subject (the record the
 * commit moves on under its lock), the hash of that subject's previous event (the record's
 * ChainHash) and its own hash; the record's ChainHash becomes its last event's hash. The
 * per-record locks the commit takes keep each chain in order. Events of no locked record (the
 * ledger's own) are hashed with no previous event. Does nothing on a ledger whose Events tab
 * has no Hash column yet (UpgradeLedger adds it).
 */
export function chainCommit(eventsHeader: HeaderMap<EventRecord>, change: Commit): EventRecord[] {
  const events = change.appends.filter((a) => a.tab === EVENTS).map((a) => a.record as EventRecord);
  if (!events.length || !eventsHeader.index.has("hash")) {
    return [];
  }
  const chained: Written[] = change.writes.filter((w) => subjectOfRecord(w.tab, w.record) !== undefined);
  const byWrite = new Map<LockedWrite<unknown>, EventRecord[]>();
  const loose: EventRecord[] = [];
  for (const event of events) {
    const write = writeOf(event, chained);
    if (write) {
      byWrite.set(write, [...(byWrite.get(write) ?? []), event]);
    } else {
      loose.push(event);
    }
  }
  for (const [write, list] of byWrite) {
    const record = write.record as Record<string, unknown>;
    const subject = subjectOfRecord(write.tab, record) ?? "";
    // The head before this commit, kept so a retried commit (a first receipt, a recreated tab) chains the same way.
    const head = heads.get(record) ?? String(record.chainHash ?? "");
    heads.set(record, head);
    record.chainHash = chainEvents(list, subject, head);
  }
  for (const event of loose) {
    chainEvents([event], event.subject ?? "", "");
  }
  return events;
}

/**
 * The locked record an event belongs to: the one it names as subject; else the worker it is
 * about; else the dispute whose last event it is; else the only audit or Staff row the commit
 * moves. None: the event is the ledger's own (a repair, an import summary).
 */
function writeOf(event: EventRecord, writes: Written[]): LockedWrite<unknown> | undefined {
  if (event.subject) {
    return writes.find((w) => subjectOfRecord(w.tab, w.record) === event.subject);
  }
  const only = (tab: AnyTab) => {
    const of = writes.filter((w) => w.tab === tab);
    return of.length === 1 ? of[0] : undefined;
  };
  return (
    (event.workerId ? writes.find((w) => w.tab === WORKERS && w.record.workerId === event.workerId) : undefined) ??
    writes.find((w) => w.tab === DISPUTES && w.record.lastEventId === event.eventId) ??
    (event.workerId ? only(AUDITS) : undefined) ??
    (!event.workerId ? only(STAFF) : undefined)
  );
}

/**
 * The receipts of a commit's events: one appendCells to the actor's own receipts tab, in the
 * same batchUpdate as the events, so a receipt costs no request.
 */
export function receiptRequests(actor: string, events: readonly EventRecord[], sheetIdOf?: number): Request[] {
  if (!events.length) {
    return [];
  }
  const tab = receiptsTab(actor);
  const header = layoutHeader(tab);
  return [
    {
      appendCells: {
        sheetId: sheetIdOf ?? tab.sheetId,
        rows: events.map((e) => ({
          values: rowForAppend<ReceiptRecord>(header, {eventId: e.eventId, hash: e.hash ?? "", time: e.time}),
        })),
        fields: "userEnteredValue",
      },
    },
  ];
}

/**
 * What an actor's first action adds before its receipts: their receipts tab, its header, and a
 * hard protection whose only editor is the actor (the spreadsheet's owner can always edit).
 */
export function receiptsTabRequests(actor: string): Request[] {
  const tab = receiptsTab(actor);
  return [
    {
      addSheet: {
        properties: {
          sheetId: tab.sheetId,
          title: tab.name,
          gridProperties: {rowCount: 1000, columnCount: tab.columns.length, frozenRowCount: 1},
        },
      },
    },
    {
      appendCells: {
        sheetId: tab.sheetId,
        rows: [{values: tab.columns.map((c) => textCell(c.header))}],
        fields: "userEnteredValue",
      },
    },
    {
      addProtectedRange: {
        protectedRange: {
          range: {sheetId: tab.sheetId},
          description: `Receipts of ${actor.toLowerCase()}: the hash of every event they recorded. Only they can write here.`,
          warningOnly: false,
          editors: {users: [actor.toLowerCase()]},
        },
      },
    },
  ];
}
