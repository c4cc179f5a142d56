// Disputes past their due time.
import {daysBetween, longDate} from "../dates";
import type {Rule} from "./types";
import {make, ok} from "./make";

/** Open or InReview past its due time. First seen: the due time. */
export const disputeOverdue: Rule = {
  id: "dispute-overdue",
  severity: "Warning",
  advice: "Answer the worker now, or reassign the dispute.",
  check(input) {
    const seen = new Set<string>();
    return (input.disputes ?? []).flatMap((row) => {
      const d = row.record;
      const key = d.disputeId || `row${row.row}`;
      if (
        seen.has(key) ||
        !ok(row, "status") ||
        !["Open", "InReview"].includes(d.status) ||
        !d.dueAt ||
        !(Date.parse(d.dueAt) < Date.parse(input.now))
      ) {
        return [];
      }
      seen.add(key);
      const days = daysBetween(d.dueAt, input.now);
      return [
        make(disputeOverdue, [key], {
          title: `Dispute ${key} is ${days ? `${days} day${days === 1 ? "" : "s"} ` : ""}overdue`,
          workers: d.workerId ? [{workerId: d.workerId, name: d.workerId}] : [],
          firstSeen: d.dueAt,
          explanation: `Dispute ${key}${d.category ? ` (${d.category})` : ""}${d.workerId ? ` from ${d.workerId}` : ""} was due ${longDate(d.dueAt)} and is still ${d.status}; ${d.assignee ? `assigned to ${d.assignee}` : "nobody is assigned"}.`,
          evidence: [`Disputes row ${row.row}: ${key}`],
        }),
      ];
    });
  },
};
