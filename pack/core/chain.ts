import type {EventRecord} from "./records";
import {sha256Hex} from "./hash";

/** The fields an event's hash covers, in order: every column of the log but the hash itself. */
export const HASHED_FIELDS = [
  "eventId",
  "time",
  "actor",
  "workerId",
  "type",
  "fromStatus",
  "toStatus",
  "reason",
  "policyClause",
  "evidence",
  "details",
  "changes",
  "seq",
  "requestKey",
  "subject",
  "prevHash",
] as const;

/** An event as the chain sees it: its subject and the hash of the subject's previous event. */
export type ChainedEvent = EventRecord & {subject: string; prevHash: string; hash: string};

/**
 * The hash of an event: SHA-256 over its fields (as the log stores them: text trimmed, the
 * changes as JSON) and the previous hash of its subject, so editing any field or any earlier
 * event of the subject shows. `eventHash(e)` → 64 hex characters.
 */
export function eventHash(event: EventRecord & {subject?: string; prevHash?: string}): string {
  const values = HASHED_FIELDS.map((key) => {
    const value = (event as unknown as Record<string, unknown>)[key];
    if (key === "changes") {
      const changes = (value ?? {}) as Record<string, unknown>;
      return Object.keys(changes).length ? JSON.stringify(changes) : "";
    }
    if (key === "seq") {
      return String(value ?? 0);
    }
    return String(value ?? "").trim();
  });
  return sha256Hex(`tns-event-v1\n${JSON.stringify(values)}`);
}

/**
 * Chains events of one subject onto `head` (the hash of the subject's last event, "" for none),
 * in order, setting each event's subject, previous hash and hash. Returns the new head.
 */
export function chainEvents(events: ReadonlyArray<EventRecord>, subject: string, head: string): string {
  let prev = head;
  for (const event of events) {
    const chained = event as ChainedEvent;
    chained.subject = subject;
    chained.prevHash = prev;
    chained.hash = eventHash(chained);
    prev = chained.hash;
  }
  return prev;
}

/**
 * A seal's digest: chained over every event hash since the previous seal, in log order,
 * starting from the previous seal's digest ("" for the first seal).
 */
export function sealDigest(previous: string, hashes: readonly string[]): string {
  let digest = previous;
  for (const h of hashes) {
    digest = sha256Hex(`tns-seal-v1\n${digest}\n${h}`);
  }
  return digest;
}

/** The subject key of a record: "W-000123", "D-…", "A-…", or "staff:lena@x.example". */
export function staffSubject(email: string): string {
  return `staff:${email.toLowerCase()}`;
}
