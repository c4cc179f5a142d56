import type {Request} from "../../google/sheets";
import {chainEvents, staffSubject} from "../../core/chain";
import type {EventRecord} from "../../core/records";
import type {AnyTab, ReceiptRecord} from "./layout";
import {AUDITS, DISPUTES, EVENTS, STAFF, WORKERS, receiptsTab} from "./layout";
import type {Commit, LockedWrite} from "./commit";
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
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const chained = change.writes.filter((w) => subjectOfRecord(w.tab, w.record) !== undefined) as Array<
    LockedWrite<any>
  >;
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
    record.chainHash = chainEvents(list, subject, String(record.chainHash ?? ""));
  }
  for (const event of loose) {
    chainEvents([event], event.subject ?? "", "");
  }
  return events;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function writeOf(event: EventRecord, writes: Array<LockedWrite<any>>): LockedWrite<unknown> | undefined {
  if (event.subject) {
    return writes.find((w) => subjectOfRecord(w.tab, w.record) === event.subject);
  }
  if (writes.length === 1) {
    return writes[0];
  }
  return (
    writes.find((w) => w.tab === WORKERS && w.record.workerId === event.workerId) ??
    writes.find((w) => w.record.lastEventId === event.eventId) ??
    undefined
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
