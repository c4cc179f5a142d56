// Where warnings and open suspensions call for a person: strikes reaching the threshold, an
// investigation past its review date. Each suggests a step and takes none.
import {daysBetween, longDate} from "../dates";
import {activeStrikes} from "../casework";
import {ok, perWorker, rowOf, who} from "./make";

/**
 * A live worker whose unexpired strikes reach Settings StrikeThreshold. It suggests a suspension
 * and never takes one. First seen: the warning that reached the threshold.
 */
export const strikeThreshold = perWorker(
  "strike-threshold",
  "Warning",
  "Consider SuspendWorker (a person decides; this finding takes no step), or record why not with AddNote.",
  ["Active", "Applicant", "Vetting"],
  (r, input) => {
    const threshold = input.strikeThreshold;
    if (!threshold || !ok(r, "strikes")) {
      return undefined;
    }
    const live = r.record.strikes
      .filter((s) => Date.parse(s.expiresAt) > Date.parse(input.now))
      .sort((a, b) => a.at.localeCompare(b.at));
    const total = activeStrikes(live, input.now);
    if (total < threshold) {
      return undefined;
    }
    let sum = 0;
    const reached = live.find((s) => (sum += s.weight) >= threshold);
    const list = live.map((s) => `${s.policyClause} on ${longDate(s.at)}: ${s.weight}`).join("; ");
    return {
      title: `${r.record.workerId} has ${total} active strikes (threshold ${threshold})`,
      firstSeen: reached?.at ?? "",
      explanation: `${who(r)} has ${live.length} unexpired warning${live.length === 1 ? "" : "s"} weighing ${total} strikes (${list}), at or over Settings StrikeThreshold ${threshold}. A suspension is suggested, not taken.`,
      evidence: [rowOf(r), ...live.map((s) => `Decision ${s.eventId}`)],
    };
  },
);

/** A suspension pending investigation whose review date has passed. First seen: the review date. */
export const investigationOverdue = perWorker(
  "investigation-overdue",
  "Warning",
  "Review the investigation: ReinstateWorker, ExtendSuspension with a new review date, or a lasting decision.",
  ["Suspended"],
  (r, input) => {
    const due = ok(r, "reviewDueAt") ? r.record.reviewDueAt : "";
    if (r.record.suspensionKind !== "PendingInvestigation" || !due || Date.parse(due) > Date.parse(input.now)) {
      return undefined;
    }
    const days = daysBetween(due, input.now);
    return {
      title: `${r.record.workerId}'s investigation review is ${days ? `${days} day${days === 1 ? "" : "s"} ` : ""}overdue`,
      firstSeen: due,
      explanation: `${who(r)} is Suspended pending investigation (Workers row ${r.row}); the review was due ${longDate(due)} (ReviewDueAt).`,
      evidence: [rowOf(r)],
    };
  },
);
