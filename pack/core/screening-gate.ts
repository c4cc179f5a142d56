// The onboarding gate: nobody becomes Active on a missing, stale or uncleared screening.
import type {Actor} from "./lifecycle";
import type {ScreeningClearance, WorkerRecord} from "./records";
import type {ScreeningOutcome} from "./screening";
import {refuse} from "./errors";
import {sha256Hex} from "./hash";
import {nameKey} from "./identity";
import {longDate} from "./dates";

/** The identity a screening saw: name, email key, phone, account and ID fingerprints, hashed. */
export function identityKey(
  w: Pick<WorkerRecord, "name" | "emailKey" | "phone" | "bankFingerprint" | "idFingerprint">,
): string {
  return sha256Hex([nameKey(w.name), w.emailKey, w.phone, w.bankFingerprint, w.idFingerprint].join("\n")).slice(0, 16);
}

export type ScreeningState = "none" | "stale" | "current";

/** Whether the worker was screened on the identity the ledger holds now. */
export function screeningState(w: WorkerRecord): ScreeningState {
  if (!w.screenedAt || !w.screeningVerdict) {
    return "none";
  }
  return w.screeningKey === identityKey(w) ? "current" : "stale";
}

/** A lead's clearance that applies to the worker's current screening, if any. */
export function currentClearance(w: WorkerRecord): ScreeningClearance | undefined {
  const c = w.screeningClearance;
  return c && c.screenedAt === w.screenedAt && c.screeningKey === w.screeningKey ? c : undefined;
}

/** The strongest match of the last screening, in one line. */
function strongest(w: WorkerRecord): string {
  const lines = w.screeningSummary.split("\n");
  return (lines[1] ?? lines[0] ?? "").replace(/^(Match|Review) · /, "");
}

/** A note says what was checked when it has a few words, not just "ok". */
function saysWhatWasChecked(note: string): boolean {
  return note.split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w)).length >= 3 && note.length >= 15;
}

/**
 * What still stands between the worker and approval, in words; "" when nothing does (for a Review,
 * the approval's note must say what was checked). Ignores who approves: see {@link approvalScreening}.
 */
export function screeningGap(w: WorkerRecord): string {
  const state = screeningState(w);
  if (state === "none") {
    return "Not screened: run ScreenWorker.";
  }
  if (state === "stale") {
    return `The screening of ${longDate(w.screenedAt)} is stale: the name, email, phone, bank account or ID changed since. Run ScreenWorker.`;
  }
  if (w.screeningVerdict === "Match" && !currentClearance(w)) {
    return "Screening found a Match: a lead must review it and record ClearScreening before anyone else approves.";
  }
  if (w.screeningVerdict === "Review") {
    return "Screening asks for review: the approval's note must say what was checked.";
  }
  return "";
}

/**
 * Refuses an approval the screening does not allow (rule `screening`), or returns the sentence the
 * approval records: the verdict, and who cleared a Match and why, or what the approver checked.
 */
export function approvalScreening(w: WorkerRecord, actor: Actor, note: string): string {
  const state = screeningState(w);
  if (state !== "current") {
    throw refuse(
      state === "none" ? "NOT_SCREENED" : "SCREENING_STALE",
      "screening",
      `${w.workerId} cannot be approved: ${screeningGap(w)}`,
    );
  }
  const when = longDate(w.screenedAt);
  if (w.screeningVerdict === "Match") {
    const c = currentClearance(w);
    if (!c) {
      throw refuse(
        "SCREENING_MATCH",
        "screening",
        `${w.workerId} cannot be approved: the screening of ${when} found a Match (${strongest(w)}). A lead other than the approver must review it and record ClearScreening first.`,
      );
    }
    if (c.by.toLowerCase() === actor.email.toLowerCase()) {
      throw refuse(
        "SCREENING_FOUR_EYES",
        "screening",
        `${actor.email} cleared the screening of ${w.workerId}, so someone else must approve the worker.`,
      );
    }
    return `Screening of ${when}: Match, cleared by ${c.by} on ${longDate(c.at)} (${c.eventId}): ${c.reason}`;
  }
  if (w.screeningVerdict === "Review") {
    if (!saysWhatWasChecked(note)) {
      throw refuse(
        "SCREENING_REVIEW",
        "screening",
        `${w.workerId}'s screening of ${when} asks for review (${strongest(w)}). Approve with a note that says what you checked, e.g. "Called the worker; ID and bank holder differ from W-000123".`,
      );
    }
    return `Screening of ${when}: Review, checked by ${actor.email}: ${note}`;
  }
  return `Screening of ${when}: ${w.screeningVerdict}.`;
}

/** One line per matched row, strongest first: "Match · Blacklist entry B-1 for W-3 Ana Pérez: Phone 0.85 (one reading…); Name 0.93 (nickname…)". */
export function screeningSummary(outcome: ScreeningOutcome, notes: readonly string[] = []): string {
  const rows = new Map<string, ScreeningOutcome["matches"]>();
  for (const m of outcome.matches) {
    const key = `${m.source}:${m.id || m.row}`;
    rows.set(key, [...(rows.get(key) ?? []), m]);
  }
  const lines = [...rows.values()].slice(0, 8).map((ms) => {
    const m = ms[0];
    const hard = ms.some((x) => x.hard) || (ms.some((x) => x.field === "Phone") && ms.some((x) => x.field === "Name"));
    const who = m
      ? m.source === "Blacklist"
        ? `Blacklist entry ${m.id}${m.workerId || m.name ? ` for ${`${m.workerId} ${m.name}`.trim()}` : ""}`
        : `${m.workerId} ${m.name}${m.status ? ` (${m.status})` : ""}`
      : "";
    return `${hard ? "Match" : "Review"} · ${who}: ${ms.map((x) => `${x.field} ${x.score.toFixed(2)} (${x.how})`).join("; ")}`;
  });
  if (rows.size > 8) {
    lines.push(`…and ${rows.size - 8} more.`);
  }
  const head = `${outcome.verdict}${outcome.matches.length ? "" : ": no worker or Blacklist entry shares an identifier or a similar name"}.`;
  return [head, ...lines, ...notes].join("\n").slice(0, 4_000);
}
