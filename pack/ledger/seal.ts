import type {Google} from "../google/http";
import {a1, batchGetValues} from "../google/sheets";
import {sealDigest} from "../core/chain";
import {DomainError} from "../core/errors";
import {requireRole} from "../core/lifecycle";
import type {EventRecord} from "../core/records";
import {UPGRADE_SEAL_NOTE} from "../core/verify";
import {commit, CommitConflict, refusedRider} from "./store/commit";
import {newId, requestKey} from "./store/ids";
import type {SealRecord} from "./store/layout";
import {EVENTS, SEALS} from "./store/layout";
import {mapHeader, parseRows} from "./store/rows";
import type {Session} from "./store/session";
import {openSession} from "./store/session";
import {LEDGER_SUBJECT} from "./create";

/** The named-range lock of the n-th seal: two leads sealing at once cannot both chain onto the same seal. */
export function sealLockId(n: number): string {
  return `tsseal${n}`;
}

/**
 * Writes a seal into the lead-protected Seals tab (leads only): the last Events row it covers,
 * a digest chained over every event hash since the previous seal, the lead and the time, with a
 * LogSealed event. History before a seal cannot then change without VerifyLedger saying so.
 */
export async function sealLog(
  g: Google,
  spec: {ledger: string; requestId?: string},
  now: string,
  note = "",
): Promise<SealRecord> {
  for (let attempt = 1; attempt <= 4; attempt++) {
    const session = await openSession(g, spec.ledger, now, {tabs: [EVENTS, SEALS], what: "seal the decision log"});
    requireRole(session.actor, "lead", "SealLog");
    const {events, seals} = await readLogAndSeals(session);
    const key = requestKey("SealLog", session.actor.email, spec.requestId, []);
    const earlier = events.find((e) => e.record.type === "LogSealed" && e.record.requestKey === key);
    const earlierSeal = earlier && seals.find((s) => s.eventId === earlier.record.eventId);
    if (earlierSeal && key.startsWith("r:")) {
      return earlierSeal;
    }
    const seal = nextSeal(events, seals, session.actor.email, now, note);
    const event: EventRecord = {
      eventId: newId("E"),
      time: now,
      actor: session.actor.email,
      workerId: "",
      type: "LogSealed",
      fromStatus: "",
      toStatus: "",
      reason: "",
      policyClause: "",
      evidence: seal.sealId,
      details: `Sealed Events rows 2–${seal.sealedThrough} (${seal.events} events): digest ${seal.digest}.`,
      changes: {},
      seq: 0,
      requestKey: key,
      subject: LEDGER_SUBJECT,
    };
    seal.note = [note, event.eventId].filter(Boolean).join(" ");
    const n = seals.length;
    try {
      await commit(session, {
        writes: [],
        appends: [
          {tab: SEALS, record: seal},
          {tab: EVENTS, record: event},
        ],
        requests: [
          ...(n ? [{deleteNamedRange: {namedRangeId: sealLockId(n)}}] : []),
          {
            addNamedRange: {
              namedRange: {
                namedRangeId: sealLockId(n + 1),
                name: `ts_${sealLockId(n + 1)}`,
                range: {sheetId: SEALS.sheetId, startRowIndex: 0, endRowIndex: 1},
              },
            },
          },
        ],
        what: "write the seal",
      });
      return seal;
    } catch (err) {
      // The seal lock rides along: if the previous seal's lock is gone or the next one exists, another
      // lead sealed first. Which subrequest failed says so (its wording is not documented).
      const raced = refusedRider(err) !== undefined;
      if (!(err instanceof CommitConflict) && !raced) {
        throw err;
      }
    }
  }
  throw new DomainError("BUSY", "Another lead sealed the log at the same moment; nothing was written. Try again.");
}

/** The seal that follows the last one: every event hash since it, chained onto its digest. */
export function nextSeal(
  events: ReadonlyArray<{row: number; record: EventRecord}>,
  seals: readonly SealRecord[],
  lead: string,
  now: string,
  note: string,
): SealRecord {
  const last = seals[seals.length - 1];
  const from = (last?.sealedThrough ?? 1) + 1;
  const through = Math.max(last?.sealedThrough ?? 1, ...events.map((e) => e.row));
  const byRow = new Map(events.map((e) => [e.row, e.record.hash ?? ""]));
  const hashes: string[] = [];
  for (let r = from; r <= through; r++) {
    hashes.push(byRow.get(r) ?? "");
  }
  return {
    sealId: newId("S"),
    sealedThrough: through,
    digest: sealDigest(last?.digest ?? "", hashes),
    sealedAt: now,
    sealedBy: lead,
    events: hashes.length,
    note,
  };
}

/** The decision log (rows with their numbers) and the seals, in one request. */
export async function readLogAndSeals(
  session: Session,
): Promise<{events: Array<{row: number; record: EventRecord}>; seals: Array<SealRecord & {eventId: string}>}> {
  const [ev, se] = await batchGetValues(session.g, session.ledger.spreadsheetId, [a1(EVENTS.name), a1(SEALS.name)], {
    what: "read the decision log and its seals",
    large: true,
  });
  const table = <R>(
    tab: Parameters<typeof mapHeader<R>>[0],
    values: ReadonlyArray<ReadonlyArray<string | number | boolean>>,
  ) => parseRows(mapHeader(tab, values[0]), values.slice(1), 2);
  const events = table<EventRecord>(EVENTS, ev?.values ?? [])
    .filter((e) => e.record.eventId || e.record.hash)
    .map((e) => ({row: e.row, record: e.record}));
  const seals = table<SealRecord>(SEALS, se?.values ?? [])
    .filter((s) => s.record.sealId)
    .map((s) => ({...s.record, eventId: /E-[0-9A-Z]+/.exec(s.record.note)?.[0] ?? ""}))
    .sort((a, b) => a.sealedThrough - b.sealedThrough);
  return {events, seals};
}

export {UPGRADE_SEAL_NOTE};
