// One worker's file: everything the ledger holds about them as one timeline, newest first.
import type {EventRecord, SheetRow} from "./records";
import type {Finding} from "./rules";

export const TIMELINE_KINDS = [
  "Decision",
  "Note",
  "Screening",
  "Bank check",
  "ID check",
  "Audit",
  "Dispute",
  "Notice",
  "Access",
  "Finding",
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEntry {
  Kind: TimelineKind;
  Time: string;
  Actor: string;
  Text: string;
  /** The decision-log id, or the finding id. */
  Ref: string;
}

/** The kind of entry an event is, by its type. */
export function kindOf(event: EventRecord): TimelineKind {
  const type = event.type;
  if (type === "NoteAdded" || (type === "WorkerDetailsUpdated" && /\bNote: /.test(event.details))) {
    return "Note";
  }
  if (type === "Screened" || type.startsWith("Screening")) {
    return "Screening";
  }
  if (type.startsWith("Bank")) {
    return "Bank check";
  }
  if (type.startsWith("IdDocument") || type.startsWith("Id")) {
    return "ID check";
  }
  if (type.startsWith("Audit")) {
    return "Audit";
  }
  if (type.startsWith("Dispute")) {
    return "Dispute";
  }
  if (type === "NoticeSent") {
    return "Notice";
  }
  if (type.startsWith("Access")) {
    return "Access";
  }
  return "Decision";
}

/** "Suspended (Active → Suspended): copied answers (CoC 4.2). Suspended until …". */
function eventText(e: EventRecord): string {
  const moved = e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? ` (${e.fromStatus} → ${e.toStatus})` : "";
  const why = e.reason ? `: ${e.reason}${e.policyClause ? ` (${e.policyClause})` : ""}` : "";
  const more = e.details ? `${why ? "." : ":"} ${e.details}` : "";
  return kindOf(e) === "Note" && e.type === "NoteAdded" ? e.details : `${e.type}${moved}${why}${more}`;
}

/**
 * The worker's events and current findings as one timeline, newest first (ties keep log order,
 * newest first). Every event about the worker counts, with or without a status change.
 */
export function workerTimeline(
  events: ReadonlyArray<SheetRow<EventRecord>>,
  findings: readonly Finding[],
  workerId: string,
): TimelineEntry[] {
  const entries: Array<TimelineEntry & {order: number}> = events
    .filter((r) => r.record.workerId === workerId && r.record.eventId)
    .map((r) => ({
      Kind: kindOf(r.record),
      Time: r.record.time,
      Actor: r.record.actor,
      Text: eventText(r.record),
      Ref: r.record.eventId,
      order: r.row,
    }));
  for (const f of findings) {
    entries.push({
      Kind: "Finding",
      Time: f.firstSeen,
      Actor: "monitoring rules",
      Text: `${f.severity}: ${f.title}. ${f.advice}`,
      Ref: f.id,
      order: Number.MAX_SAFE_INTEGER,
    });
  }
  return entries
    .sort((a, b) => (Date.parse(b.Time) || 0) - (Date.parse(a.Time) || 0) || b.order - a.order)
    .map(({order: _order, ...entry}) => entry);
}
