// Steps decisions owe the team's other tools (Discord, Zendesk), still owed after a day.
import {longDate} from "../dates";
import {overdueSteps} from "../external";
import {ok, perWorker, rowOf, who} from "./make";

/**
 * Steps a decision owes Discord or Zendesk (ExternalStepsOwed) for more than a day: the worker may
 * still be in the community or able to file tickets. First seen: when the oldest step became owed.
 */
export const externalStepsOverdue = perWorker(
  "external-steps-overdue",
  "Warning",
  "Take each step with the Discord or Zendesk companion pack, then RecordExternalStep (NotNeeded if there is nothing to do).",
  [],
  (r, input) => {
    const late = ok(r, "externalStepsOwed") ? overdueSteps(r.record.externalStepsOwed ?? [], input.now) : [];
    const first = late[0];
    if (!first) {
      return undefined;
    }
    return {
      title: `${r.record.workerId} owes ${late.length} external step${late.length === 1 ? "" : "s"} for more than a day`,
      firstSeen: first.since,
      explanation: `${who(r)} still owes ${late.map((o) => `${o.step} (since ${longDate(o.since)}, for ${o.decision})`).join("; ")} (Workers row ${r.row}).`,
      evidence: [rowOf(r), ...late.filter((o) => o.eventId).map((o) => `Decision ${o.eventId}`)],
    };
  },
);
