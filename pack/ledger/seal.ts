import type {Google} from "../google/http";
import {sealDigest} from "../core/chain";
import {DomainError} from "../core/errors";
import {requireRole} from "../core/lifecycle";
import type {EventRecord} from "../core/records";
import {UPGRADE_SEAL_NOTE} from "../core/verify";
import {commit, CommitConflict, refusedRider} from "./store/commit";
import {newId, requestKey} from "./store/ids";
import type {SealRecord} from "./store/layout";
import {EVENTS, SEALS} from "./store/layout";
import {columns, readColumns} from "./store/columns";
import {gridRowCount} from "./store/read";
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
    const key = requestKey("SealLog", session.actor.email, spec.requestId, []);
    const {seals, earlier, seal} = await scanLog(session, key, note, now);
    const earlierSeal = earlier && seals.find((s) => s.eventId === earlier);
    if (earlierSeal && key.startsWith("r:")) {
      return earlierSeal;
    }
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

/** Decision-log rows read per request while sealing (four narrow columns, about 6 MB at most); tests lower it. */
export const SEAL_PART = {rows: 50_000};

/**
 * Reads the seals, then the log's id, type, hash and request-key columns part by part (never the
 * whole log at once): the LogSealed event of an earlier call with this request key, if any, and
 * the seal that follows the last one: every event hash since it (rows without an event count as
 * ""), chained onto its digest, through the log's last event.
 */
async function scanLog(
  session: Session,
  key: string,
  note: string,
  now: string,
): Promise<{seals: Array<SealRecord & {eventId: string}>; earlier?: string; seal: SealRecord}> {
  const {g, ledger} = session;
  const [sealRead] = await readColumns(g, ledger, [columns(SEALS, SEAL_KEYS)], "read the seals");
  const seals = sealRead.rows
    .filter((s) => s.record.sealId)
    .map((s) => ({...s.record, eventId: /E-[0-9A-Z]+/.exec(s.record.note)?.[0] ?? ""}))
    .sort((a, b) => a.sealedThrough - b.sealedThrough);
  const last = seals[seals.length - 1];
  const from = (last?.sealedThrough ?? 1) + 1;
  let digest = last?.digest ?? "";
  let next = from; // The next row the digest takes.
  let through = last?.sealedThrough ?? 1;
  let earlier: string | undefined;
  const grid = await gridRowCount(g, ledger, EVENTS);
  for (let first = 2; first <= grid; first += SEAL_PART.rows) {
    const [part] = await readColumns(
      g,
      ledger,
      [columns(EVENTS, ["eventId", "type", "hash", "requestKey"], first, Math.min(grid, first + SEAL_PART.rows - 1))],
      "read the decision log to seal it",
    );
    for (const {row, record: e} of part.rows) {
      if (!e.eventId && !e.hash) {
        continue;
      }
      if (e.type === "LogSealed" && e.requestKey === key) {
        earlier = e.eventId;
      }
      if (row >= from) {
        digest = sealDigest(digest, [...Array.from({length: row - next}, () => ""), e.hash ?? ""]);
        next = row + 1;
        through = row;
      }
    }
  }
  return {
    seals,
    earlier,
    seal: {
      sealId: newId("S"),
      sealedThrough: through,
      digest,
      sealedAt: now,
      sealedBy: session.actor.email,
      events: Math.max(0, through - from + 1),
      note,
    },
  };
}

const SEAL_KEYS = ["sealId", "sealedThrough", "digest", "sealedAt", "sealedBy", "events", "note"] as const;

export {UPGRADE_SEAL_NOTE};
