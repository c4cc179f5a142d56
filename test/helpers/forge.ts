// What an insider writes by hand: an Events row hashed and chained exactly as the pack would, so
// that only the receipts, the replay and the Warnings can give it away.
import {eventHash} from "../../pack/core/chain";
import type {EventRecord} from "../../pack/core/records";
import type {LedgerFixture} from "./fixture";
import {tabRecords, tabRows} from "./fixture";

/** The cells of an Events row in the tab's header order, chained onto `subject`'s last event, and its hash. */
export function forgeEvent(
  f: LedgerFixture,
  fields: Partial<EventRecord> & {eventId: string; actor: string; type: string},
  subject: string,
  /** The previous hash to chain onto (default: the subject's last event's), to rewrite an event in place. */
  prevHash?: string,
): {cells: unknown[]; hash: string} {
  const header = tabRows(f, "Events")[0] as string[];
  const previous = tabRecords(f, "Events")
    .filter((e) => e.Subject === subject)
    .pop();
  const event = {
    time: new Date().toISOString(),
    workerId: "",
    fromStatus: "",
    toStatus: "",
    reason: "",
    policyClause: "",
    evidence: "",
    details: "",
    changes: {},
    seq: 0,
    requestKey: "",
    ...fields,
    subject,
    prevHash: prevHash ?? String(previous?.Hash ?? ""),
  } as EventRecord & {subject: string; prevHash: string};
  const hash = eventHash(event);
  const byHeader: Record<string, unknown> = {
    EventId: event.eventId,
    Time: event.time,
    Actor: event.actor,
    WorkerId: event.workerId,
    Type: event.type,
    FromStatus: event.fromStatus,
    ToStatus: event.toStatus,
    Reason: event.reason,
    PolicyClause: event.policyClause,
    Evidence: event.evidence,
    Details: event.details,
    Changes: Object.keys(event.changes).length ? JSON.stringify(event.changes) : "",
    Seq: event.seq,
    RequestKey: event.requestKey,
    Subject: subject,
    PrevHash: event.prevHash,
    Hash: hash,
  };
  return {cells: header.map((h) => byHeader[h] ?? ""), hash};
}
