// Where a worker's status says something is overdue: a suspension past its end, vetting left
// incomplete, no activity for too long.
import {daysBetween, localDate, longDate} from "../dates";
import {and, day, ok, perWorker, rowOf, who} from "./make";

/**
 * Still Suspended on or after SuspendedUntil (the first day the worker may work again, in their
 * time zone). First seen: the start of that day.
 */
export const suspensionOverdue = perWorker(
  "suspension-overdue",
  "Warning",
  "Reinstate the worker, or record the decision that keeps them out.",
  ["Suspended"],
  (r, input) => {
    const until = ok(r, "suspendedUntil") ? r.record.suspendedUntil : "";
    const today = localDate(input.now, r.record.timezone);
    if (!until || today < until) {
      return undefined;
    }
    const days = daysBetween(day(until), day(today));
    return {
      title: `${r.record.workerId}'s suspension ended ${days ? `${days} day${days === 1 ? "" : "s"} ago` : "today"}`,
      firstSeen: day(until),
      explanation: `${who(r)} is still Suspended (Workers row ${r.row}) though they may work again from ${longDate(day(until))} (SuspendedUntil).`,
      evidence: [rowOf(r)],
    };
  },
);

/**
 * Active, past the vetting grace period (Settings VettingGraceDays after StatusSince), with gaps:
 * no bank verification, no screening result, no document folder. One finding per worker lists
 * them all. First seen: the end of the grace period.
 */
export const vettingIncomplete = perWorker(
  "vetting-incomplete",
  "Warning",
  "Record what is missing (RecordBankDetails, ScreenWorker, the document folder); suspend the worker if they cannot be vetted.",
  ["Active"],
  (r, input) => {
    const missing = [
      r.record.bankVerification ? "" : "bank verification",
      r.record.screeningVerdict ? "" : "screening result",
      r.record.documentFolder ? "" : "document folder",
    ].filter(Boolean);
    const since = ok(r, "statusSince") ? r.record.statusSince : "";
    const graceEnds = since ? Date.parse(since) + (input.vettingGraceDays ?? 0) * 86_400_000 : NaN;
    if (!missing.length || (Number.isFinite(graceEnds) && graceEnds > Date.parse(input.now))) {
      return undefined;
    }
    return {
      title: `${r.record.workerId} is Active without ${and(missing)}`,
      firstSeen: Number.isFinite(graceEnds) ? new Date(graceEnds).toISOString() : "",
      explanation: `${who(r)} is Active${since ? ` since ${longDate(since)}` : ""} (Workers row ${r.row}) with no ${and(missing)} recorded${input.vettingGraceDays ? `, past the ${input.vettingGraceDays} days of Settings VettingGraceDays` : ""}.`,
      evidence: [rowOf(r), ...missing.map((m) => `Missing: ${m}`)],
    };
  },
);

/**
 * Active with no recorded activity (LastActivityAt, else StatusSince) for more than Settings
 * InactivityDays. First seen: the day the limit passed.
 */
export const inactive = perWorker(
  "inactive",
  "Info",
  "Check with the worker or their project; offboard them if they left.",
  ["Active"],
  (r, input) => {
    const limit = input.inactivityDays ?? 0;
    const since =
      (ok(r, "lastActivityAt") && r.record.lastActivityAt) || (ok(r, "statusSince") && r.record.statusSince) || "";
    const days = since ? daysBetween(since, input.now) : 0;
    if (!(limit > 0) || days <= limit) {
      return undefined;
    }
    return {
      title: `${r.record.workerId} inactive for ${days} days`,
      firstSeen: new Date(Date.parse(since) + limit * 86_400_000).toISOString(),
      explanation: `${who(r)} is Active with no activity recorded since ${longDate(since)} (${r.record.lastActivityAt ? "LastActivityAt" : "StatusSince"}, Workers row ${r.row}): ${days} days, over the ${limit} of Settings InactivityDays.`,
      evidence: [rowOf(r)],
    };
  },
);
