import {listNamedRanges} from "../../google/sheets-ranges";
import {pause} from "../../google/http";
import {DomainError} from "../../core/errors";
import type {Session} from "./session";
import type {TabDef} from "./tab";

/**
 * A versioned record written under its lock. The commit deletes `lockFrom` and adds `lockTo`
 * (named-range IDs) in the same atomic batchUpdate as the row write: if another commit already
 * moved the record on, Sheets refuses the whole batch and nothing is written.
 */
export interface LockedWrite<R> {
  tab: TabDef<R>;
  record: R;
  /** Sheet row to update; omitted to append a new row. */
  row?: number;
  /** Where an appended row is expected to land, for its pointer. */
  rowHint?: number;
  /** The lock the record holds now; "" for a new record or one whose lock was lost. */
  lockFrom: string;
  lockTo: string;
  /** A stable named range that points at the row (workers), so the row can be read in one request. */
  pointerName?: string;
}

// Losing a race: how a commit says so, how a record's lock is followed, and the one retry loop.

/** The index of the subrequest a batchUpdate refusal names ("requests[3]"), or undefined. */
export function failingRequest(message: string): number | undefined {
  const match = /requests\[(\d+)\]/.exec(message);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** Another commit moved one of the records on first: re-read and decide again. */
export class CommitConflict extends Error {
  override readonly name = "CommitConflict";
}

/** A record's lock is gone (deleted by hand in the Named ranges panel). */
export class LockMissing extends Error {
  override readonly name = "LockMissing";
}

/**
 * The lock ID a named range actually has, found by its name; "" when there is none. Used only to
 * recover a record whose Lock cell no longer names its lock (edited or deleted by hand).
 */
export async function lockIdByName(session: Session, name: string): Promise<string> {
  return (await namedRangeIds(session, "repair a record's lock")).get(name) ?? "";
}

/** Every named range's id by its name (locks and worker pointers). */
export async function namedRangeIds(session: Session, what: string): Promise<Map<string, string>> {
  const ranges = await listNamedRanges(session.g, session.ledger.spreadsheetId, what);
  return new Map(
    ranges.filter((n) => n.name && n.namedRangeId).map((n) => [n.name as string, n.namedRangeId as string]),
  );
}

/**
 * Follows one record's lock across re-reads. A failed delete of the lock means either that
 * another commit moved the record on (a race: the re-read shows a new version) or that the lock
 * is gone or mislabelled by hand (the re-read shows the same version): then the real lock is
 * looked up by the record's stable range name.
 */
export class LockTracker {
  private missingAt: number | undefined;
  private actual: string | undefined;
  /** The version whose lock this attempt deletes, if any. */
  private asked: number | undefined;

  constructor(private readonly pointerName: string | undefined) {}

  /** The lock to delete when writing the record at `version`, whose Lock cell says `recorded`. */
  async lockFrom(session: Session, version: number, recorded: string): Promise<string> {
    this.asked = version;
    if (this.missingAt !== version) {
      this.missingAt = undefined;
      this.actual = undefined;
      return recorded;
    }
    this.actual ??= this.pointerName ? await lockIdByName(session, this.pointerName) : "";
    return this.actual;
  }

  /** The write that moves a stored record on to `next`, under the lock the stored one holds. */
  async update<R extends {version: number; lock: string}>(
    session: Session,
    tab: TabDef<R>,
    stored: {row: number; record: R},
    next: R,
  ): Promise<LockedWrite<R>> {
    const lockFrom = await this.lockFrom(session, stored.record.version, stored.record.lock);
    return {
      tab,
      record: next,
      row: stored.row,
      lockFrom,
      lockTo: next.lock,
      ...(this.pointerName ? {pointerName: this.pointerName} : {}),
    };
  }

  /** A new attempt: nothing asked yet. */
  begin(): void {
    this.asked = undefined;
  }

  /**
   * Notes that deleting the lock asked for failed. The next attempt at the same version looks the
   * lock up by name; if the looked-up lock failed too, it was a race and is left as it is.
   */
  failed(): void {
    if (this.asked === undefined || (this.missingAt === this.asked && this.actual !== undefined)) {
      return;
    }
    this.missingAt = this.asked;
  }
}

/** How many times an action re-reads and decides again after losing a race, unless it says otherwise. */
export const ATTEMPTS = 8;

/** A short random wait before deciding again, so racing callers spread out instead of colliding again. */
function afterConflict(attempt: number): void {
  pause(Math.floor(Math.random() * 120 * attempt));
}

export interface Attempt {
  /** 1 for the first attempt. */
  number: number;
  /** The lock of the record the attempt writes, followed across attempts. */
  locks: LockTracker;
}

export interface RetryOptions {
  /** The refusal when every attempt lost the race; nothing was recorded. */
  busy(): DomainError;
  /** Attempts in all (default {@link ATTEMPTS}). */
  attempts?: number;
  /** The stable range name of the record whose lock `locks` follows (workers). */
  pointerName?: string;
}

/**
 * Runs `body` (read, decide, commit) until its commit lands. A commit that loses the race
 * (another commit moved a record on, or a lock is missing) is re-read and decided again on the
 * new state after a short random wait; after the last attempt the caller's `busy` refusal is thrown.
 */
export async function retryOnConflict<T>(options: RetryOptions, body: (attempt: Attempt) => Promise<T>): Promise<T> {
  const attempts = options.attempts ?? ATTEMPTS;
  const locks = new LockTracker(options.pointerName);
  for (let number = 1; ; number++) {
    locks.begin();
    try {
      return await body({number, locks});
    } catch (err) {
      if (!(err instanceof CommitConflict || err instanceof LockMissing)) {
        throw err;
      }
      if (err instanceof LockMissing) {
        locks.failed();
      }
      if (number >= attempts) {
        throw options.busy();
      }
      afterConflict(number);
    }
  }
}

/** The refusal when a record kept changing under an action: "W-000123 was changed by someone else…". */
export function busy(what: string): DomainError {
  return new DomainError(
    "BUSY",
    `${what} was changed by someone else at the same moment, several times in a row. Nothing was recorded for this request; resync and try again.`,
    "concurrency",
  );
}
