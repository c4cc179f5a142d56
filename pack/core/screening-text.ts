import type {ScreeningMatch} from "./screening";

/** How a holder's name compares with the worker's: score 0..1 and a word. */
export function holderVerdict(score: number): string {
  return score >= 0.9 ? "matches" : score >= 0.75 ? "partly matches" : "does not match";
}

export const SCREENING_NOTICE =
  "Screening finds records that share identifiers or similar names; it decides nothing. A specialist reviews every match (people share names, families share phones) before any step is taken.";

/** One line per match for the decision log, at most `max` lines. */
export function matchLines(matches: readonly ScreeningMatch[], max = 10): string {
  const lines = matches.slice(0, max).map((m) => `${m.field} (${m.score.toFixed(2)}): ${m.explanation}`);
  if (matches.length > max) {
    lines.push(`…and ${matches.length - max} more.`);
  }
  return lines.join("\n");
}

/** The duplicate refusal: the existing worker by id and name, their status, and what to do when they are Blacklisted. */
export function duplicateMessage(email: string, emailK: string, existing: string, status: string): string {
  const next =
    status === "Blacklisted"
      ? ` That worker is Blacklisted: do not add this person again; if this is an appeal, open a dispute on ${existing.split(" ")[0]}.`
      : status === "Rejected" || status === "Offboarded"
        ? ` That worker is ${status}: to take a new application from them on the same record, use Reapply(ledger, "${existing.split(" ")[0]}") once Settings ReapplyAfterDays have passed.`
        : " Open that worker instead of adding a second one.";
  return `${email} is already in the ledger as ${existing}${status ? ` (${status})` : ""} (same canonical email ${emailK}).${next}`;
}
