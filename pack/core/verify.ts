// VerifyLedger's checks of a decision log: every event's hash, its receipt from its actor, receipts
// whose event is gone, each subject's chain, each seal's digest, and a replay through the rules.
// The log is checked part by part in log order (LogVerifier.add), keeping only compact state
// between parts, so a log far larger than a pack's memory can be checked in one execution.
import {eventHash, sealDigest} from "./chain";
import type {StaffRole} from "./lifecycle";
import type {EventRecord} from "./records";
import type {StaffSignal} from "./replay";
import {Replay} from "./replay";

export type {StaffSignal} from "./replay";
export {replay} from "./replay";

/** One thing VerifyLedger found, at a sheet row of a tab. */
export interface LedgerProblem {
  /** The sheet row (of Events unless the explanation names another tab). */
  row: number;
  /** edited-event, no-receipt, receipt-mismatch, deleted-event, broken-chain, seal-mismatch, replay, unhashed. */
  rule: string;
  explanation: string;
  /** The event concerned, when there is one. */
  eventId: string;
  /** The worker concerned, when there is one. */
  workerId: string;
}

export interface ReceiptRow {
  row: number;
  eventId: string;
  hash: string;
}

export interface SealRow {
  row: number;
  sealedThrough: number;
  digest: string;
  sealedAt: string;
  sealedBy: string;
  note: string;
}

export interface VerifyInput {
  events: ReadonlyArray<{row: number; record: EventRecord}>;
  /** Receipts by actor (lower-case email); an actor with no tab is absent. */
  receipts: ReadonlyMap<string, readonly ReceiptRow[]>;
  seals: readonly SealRow[];
}

export interface VerifyResult {
  problems: LedgerProblem[];
  eventsChecked: number;
  sealedThrough: number;
  lastSealAt: string;
  /** Events that fail any check, by id: RepairLedger rebuilds nothing from them. */
  failing: Set<string>;
  /**
   * Events the rules allowed but a person should look at, by sheet row: each blacklisting or change
   * of lead approved by a lead whom the proposer made lead (second-account). They do not make the log unverified:
   * nothing was tampered with and no rule was broken. (Findings also shows each single-lead grant.)
   */
  warnings: LedgerProblem[];
  /** The same, as replay found them (for Findings). */
  signals: StaffSignal[];
  /** The team the staff events describe at the end of the log: role by email. */
  roles: Map<string, StaffRole>;
}

/** The seal note UpgradeLedger writes: events up to it predate receipts. */
export const UPGRADE_SEAL_NOTE = "UpgradeLedger";

/** Rows past the log's last event a seal may cover and still be computed (one written on a longer log). */
const MAX_SEALED_BEYOND_LOG = 1_000_000;

/** Subjects without a lock of their own: their events are hashed but not chained. */
function unchained(subject: string): boolean {
  return subject === "" || subject === "ledger";
}

/**
 * A SHA-256 hex digest as two numbers (its first 104 bits), so hundreds of thousands of hashes
 * fit in typed arrays; anything else gives NaN, which equals nothing.
 */
function hashKey(hash: string): [number, number] {
  if (hash.length !== 64 || !/^[0-9a-f]{64}$/.test(hash)) {
    return [NaN, NaN];
  }
  return [parseInt(hash.slice(0, 13), 16), parseInt(hash.slice(13, 26), 16)];
}

/** Grows a typed array to hold index `i`. */
function grown<T extends Float64Array | Int32Array | Uint8Array | Uint16Array>(
  a: T,
  i: number,
  make: (n: number) => T,
): T {
  if (i < a.length) {
    return a;
  }
  const b = make(Math.max(1024, a.length * 2, i + 1));
  b.set(a);
  return b;
}

/**
 * Every receipt of every actor, compactly: the event id (the map's key), the actor, the sheet row
 * and the hash's first 104 bits (a forged event would need a SHA-256 matching them). About 80
 * bytes a receipt, against several hundred as objects.
 */
export class ReceiptBook {
  private readonly index = new Map<string, number>();
  private readonly actors: string[] = [];
  private actorOf = new Uint16Array(0);
  private rowOf = new Int32Array(0);
  private high = new Float64Array(0);
  private low = new Float64Array(0);
  private seen = new Uint8Array(0);
  private size = 0;

  add(actor: string, rows: Iterable<ReceiptRow>): void {
    let a = this.actors.indexOf(actor);
    if (a < 0) {
      a = this.actors.push(actor) - 1;
    }
    for (const r of rows) {
      const i = this.size++;
      this.actorOf = grown(this.actorOf, i, (n) => new Uint16Array(n));
      this.rowOf = grown(this.rowOf, i, (n) => new Int32Array(n));
      this.high = grown(this.high, i, (n) => new Float64Array(n));
      this.low = grown(this.low, i, (n) => new Float64Array(n));
      this.seen = grown(this.seen, i, (n) => new Uint8Array(n));
      const [h, l] = hashKey(r.hash);
      this.actorOf[i] = a;
      this.rowOf[i] = r.row;
      this.high[i] = h;
      this.low[i] = l;
      this.index.set(r.eventId, i); // A later receipt of the same id wins, as before.
    }
  }

  /** Notes that the log has an event of this id (its receipt is then no deleted event's). */
  see(eventId: string): void {
    const i = this.index.get(eventId);
    if (i !== undefined) {
      this.seen[i] = 1;
    }
  }

  /** The receipt of this event id. */
  find(eventId: string): {actor: string; row: number; matches: (hash: string) => boolean} | undefined {
    const i = this.index.get(eventId);
    if (i === undefined) {
      return undefined;
    }
    return {
      actor: this.actors[this.actorOf[i] ?? 0] ?? "",
      row: this.rowOf[i] ?? 0,
      matches: (hash) => {
        const [h, l] = hashKey(hash);
        return h === this.high[i] && l === this.low[i];
      },
    };
  }

  /** Receipts whose event never came: the event was deleted. */
  *unseen(): Iterable<{eventId: string; actor: string; row: number}> {
    for (const [eventId, i] of this.index) {
      if (!this.seen[i]) {
        yield {eventId, actor: this.actors[this.actorOf[i] ?? 0] ?? "", row: this.rowOf[i] ?? 0};
      }
    }
  }
}

/**
 * Verifies a decision log given part by part in log order (`add`), then `finish`. Between parts
 * it keeps each subject's chain head (104 bits and a row), the seal digest being computed, the
 * replay's state and the problems found: never the events themselves.
 */
export class LogVerifier {
  private readonly problems: LedgerProblem[] = [];
  private readonly failing = new Set<string>();
  private readonly heads = new Map<string, number>();
  private headHigh = new Float64Array(0);
  private headLow = new Float64Array(0);
  private headRow = new Int32Array(0);
  /** Heads that are not SHA-256 hex (an edited Hash cell), compared as text. */
  private readonly oddHeads = new Map<string, string>();
  private readonly legacyThrough: number;
  private readonly seals: SealRow[];
  private readonly replay = new Replay();
  private seal = 0;
  private digest = "";
  /** The next sheet row the seal digest takes. */
  private sealRow = 2;
  private checked = 0;
  private lastRow = 1;

  constructor(
    private readonly receipts: ReceiptBook,
    seals: readonly SealRow[],
  ) {
    this.seals = [...seals].sort((a, b) => a.sealedThrough - b.sealedThrough);
    this.legacyThrough = seals.find((s) => s.note.startsWith(UPGRADE_SEAL_NOTE))?.sealedThrough ?? 0;
  }

  /** The next events of the log, in order (rows with nothing in them left out). */
  add(events: Iterable<{row: number; record: EventRecord}>): void {
    for (const {row, record} of events) {
      if (row <= this.lastRow) {
        throw new Error(`LogVerifier: Events row ${row} given after row ${this.lastRow}.`);
      }
      this.lastRow = row;
      this.checked++;
      this.receipts.see(record.eventId);
      this.toSeals(row, record.hash ?? "");
      this.check(row, record);
      this.replay.step(row, record);
    }
  }

  finish(): VerifyResult {
    this.toSeals(Number.MAX_SAFE_INTEGER, "");
    for (const r of this.receipts.unseen()) {
      this.problems.push({
        row: r.row,
        rule: "deleted-event",
        explanation: `"Receipts ${r.actor}" row ${r.row} is the receipt of ${r.eventId}, which is no longer in the Events tab: the event was deleted.`,
        eventId: r.eventId,
        workerId: "",
      });
    }
    for (const p of this.replay.problems) {
      this.report(p.row, "replay", p.explanation, p.event);
    }
    this.problems.sort((a, b) => a.row - b.row || a.rule.localeCompare(b.rule));
    const warnings = this.replay.signals
      .filter((s) => s.kind === "second-account")
      .map((s): LedgerProblem => ({
        row: s.row,
        rule: s.kind,
        explanation: s.explanation,
        eventId: s.event.eventId,
        workerId: s.event.workerId,
      }));
    const done = this.seals.slice(0, this.seal);
    return {
      problems: this.problems,
      eventsChecked: this.checked,
      sealedThrough: done.at(-1)?.sealedThrough ?? 0,
      lastSealAt: done.at(-1)?.sealedAt ?? "",
      failing: this.failing,
      warnings,
      signals: this.replay.signals,
      roles: this.replay.roles,
    };
  }

  private report(row: number, rule: string, explanation: string, event?: EventRecord): void {
    this.problems.push({row, rule, explanation, eventId: event?.eventId ?? "", workerId: event?.workerId ?? ""});
    if (event?.eventId) {
      this.failing.add(event.eventId);
    }
  }

  /** Feeds the seal digests every sheet row up to `row` (rows without an event count as ""), then `row`'s hash. */
  private toSeals(row: number, hash: string): void {
    for (;;) {
      const seal = this.seals[this.seal];
      if (!seal) {
        return;
      }
      if (row === Number.MAX_SAFE_INTEGER && seal.sealedThrough - this.sealRow > MAX_SEALED_BEYOND_LOG) {
        this.sealRow = seal.sealedThrough + 1; // Far past the log's last event: it cannot match (below).
        this.digest = "";
      }
      while (this.sealRow < row && this.sealRow <= seal.sealedThrough) {
        this.digest = sealDigest(this.digest, [""]);
        this.sealRow++;
      }
      if (this.sealRow === row && row <= seal.sealedThrough) {
        this.digest = sealDigest(this.digest, [hash]);
        this.sealRow++;
      }
      if (this.sealRow <= seal.sealedThrough) {
        return;
      }
      if (this.digest !== seal.digest) {
        const from = (this.seals[this.seal - 1]?.sealedThrough ?? 1) + 1;
        this.problems.push({
          row: seal.row,
          rule: "seal-mismatch",
          explanation: `Seals row ${seal.row} (by ${seal.sealedBy}, ${seal.sealedAt}) no longer matches Events rows ${from}–${seal.sealedThrough}: sealed history was edited, deleted or reordered.`,
          eventId: "",
          workerId: "",
        });
      }
      this.digest = seal.digest;
      this.seal++;
    }
  }

  private check(row: number, e: EventRecord): void {
    if (!e.hash) {
      this.report(
        row,
        "unhashed",
        `Events row ${row} (${e.type || "no type"}) has no hash: it was not written by the pack, or the ledger needs UpgradeLedger.`,
        e,
      );
      return;
    }
    if (eventHash(e) !== e.hash) {
      this.report(
        row,
        "edited-event",
        `Events row ${row} (${e.eventId}, ${e.type}) was changed after it was written: its hash no longer matches its cells.`,
        e,
      );
    }
    const subject = e.subject ?? "";
    if (!unchained(subject)) {
      this.chain(row, e, subject, e.hash);
    }
    if (row <= this.legacyThrough) {
      return; // Written before receipts existed: the upgrade seal covers it.
    }
    const receipt = this.receipts.find(e.eventId);
    const actor = e.actor.toLowerCase();
    if (!receipt || receipt.actor !== actor) {
      this.report(
        row,
        "no-receipt",
        `Events row ${row} (${e.eventId}, ${e.type}) names ${e.actor} as its actor, but ${e.actor}'s receipts do not list it: ${e.actor} did not record it.`,
        e,
      );
    } else if (!receipt.matches(e.hash)) {
      this.report(
        row,
        "receipt-mismatch",
        `Events row ${row} (${e.eventId}) differs from what ${e.actor} recorded (their receipt at "Receipts ${actor}" row ${receipt.row} has another hash).`,
        e,
      );
    }
  }

  /** Checks that the event follows its subject's previous one, and makes it the subject's head. */
  private chain(row: number, e: EventRecord, subject: string, hash: string): void {
    const prev = e.prevHash ?? "";
    const at = this.heads.get(subject);
    const odd = this.oddHeads.get(subject);
    let follows: boolean;
    if (at === undefined) {
      follows = prev === "";
    } else if (odd !== undefined) {
      follows = prev === odd;
    } else {
      const [h, l] = hashKey(prev);
      follows = h === this.headHigh[at] && l === this.headLow[at];
    }
    if (!follows) {
      const headRow = at === undefined ? 0 : (this.headRow[at] ?? 0);
      this.report(
        row,
        "broken-chain",
        at !== undefined
          ? `Events row ${row} (${e.eventId}) does not follow ${subject}'s previous event at row ${headRow}: an event of ${subject} was edited, deleted or inserted in between.`
          : `Events row ${row} (${e.eventId}) is ${subject}'s first event in the log but chains onto an earlier one: an earlier event of ${subject} was deleted.`,
        e,
      );
    }
    const i = at ?? this.heads.size;
    if (at === undefined) {
      this.heads.set(subject, i);
      this.headHigh = grown(this.headHigh, i, (n) => new Float64Array(n));
      this.headLow = grown(this.headLow, i, (n) => new Float64Array(n));
      this.headRow = grown(this.headRow, i, (n) => new Int32Array(n));
    }
    const [h, l] = hashKey(hash);
    this.headHigh[i] = h;
    this.headLow[i] = l;
    this.headRow[i] = row;
    if (Number.isNaN(h)) {
      this.oddHeads.set(subject, hash);
    } else {
      this.oddHeads.delete(subject);
    }
  }
}

/** Verifies a whole log given at once (see LogVerifier). */
export function verifyLog(input: VerifyInput): VerifyResult {
  const book = new ReceiptBook();
  for (const [actor, rows] of input.receipts) {
    book.add(actor, rows);
  }
  const verifier = new LogVerifier(book, input.seals);
  verifier.add(input.events);
  return verifier.finish();
}
