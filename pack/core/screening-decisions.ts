// The decisions screening records: a Screened event, and a lead's ClearScreening.
import type {Decision} from "./decisions";
import type {Actor} from "./lifecycle";
import {requireRole} from "./lifecycle";
import type {WorkerRecord} from "./records";
import type {ScreeningOutcome} from "./screening";
import {refuse} from "./errors";
import {longDate} from "./dates";
import {cleanText} from "./text";
import {SCREENING_NOTICE} from "./screening-text";
import {identityKey, screeningGap, screeningState, screeningSummary} from "./screening-gate";

/** The Screened decision: the verdict, the matches in words, and the identity it saw. */
export function screenedDecision(
  w: WorkerRecord,
  outcome: ScreeningOutcome,
  now: string,
  notes: readonly string[] = [],
): Decision {
  const summary = screeningSummary(outcome, notes);
  return {
    type: "Screened",
    fromStatus: w.status,
    toStatus: w.status,
    reason: "",
    policyClause: "",
    evidence: "",
    details: `Verdict ${summary}\n${SCREENING_NOTICE}`.slice(0, 45_000),
    changes: {
      screeningVerdict: outcome.verdict,
      screenedAt: now,
      screeningSummary: summary,
      screeningKey: identityKey(w),
      screeningClearance: null,
    },
  };
}

/** A lead clears the worker's current screening (a Match, or a Review) with the reason; the approver must be someone else. */
export function planClearScreening(w: WorkerRecord, actor: Actor, reasonText: unknown, now: string): Decision {
  requireRole(actor, "lead", "ClearScreening");
  const reason = cleanText(reasonText, "reason", {required: true, max: 2_000});
  const state = screeningState(w);
  if (state !== "current") {
    throw refuse("NOT_SCREENED", "screening", `${w.workerId} has no current screening to clear: ${screeningGap(w)}`);
  }
  if (w.screeningVerdict === "Clear") {
    throw refuse(
      "SCREENING_CLEAR",
      "screening",
      `${w.workerId}'s screening of ${longDate(w.screenedAt)} is Clear: there is nothing to clear.`,
    );
  }
  return {
    type: "ScreeningCleared",
    fromStatus: w.status,
    toStatus: w.status,
    reason,
    policyClause: "",
    evidence: "",
    details: `Cleared the ${w.screeningVerdict} of the screening of ${longDate(w.screenedAt)}: ${w.screeningSummary.split("\n").slice(0, 3).join(" ")}`,
    changes: {
      screeningClearance: {
        by: actor.email,
        at: now,
        reason,
        screenedAt: w.screenedAt,
        screeningKey: w.screeningKey,
        eventId: "",
      },
    },
  };
}
