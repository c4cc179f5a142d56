// What Discord accepts, checked before the call so the user reads a sentence instead of an error code.
import {DiscordInputError} from "./errors";

/** Discord's longest timeout: communication_disabled_until "up to 28 days in the future". */
export const MAX_TIMEOUT_DAYS = 28;
const DAY_MS = 86_400_000;
/** Audit-log reasons are 1 to 512 characters. */
export const MAX_REASON = 512;
/** A message's content is at most 2000 characters. */
export const MAX_MESSAGE = 2000;

/** The reason as Discord requires it in X-Audit-Log-Reason: URL-encoded. */
export function auditReason(reason: string): {text: string; header: string} {
  const text = String(reason ?? "").trim();
  if (!text) {
    throw new DiscordInputError(
      "bad-reason",
      "Give a reason: it is written in the server's audit log with the action.",
    );
  }
  if (text.length > MAX_REASON) {
    throw new DiscordInputError(
      "bad-reason",
      `The reason is ${text.length} characters; Discord's audit log keeps at most ${MAX_REASON}. Shorten it.`,
    );
  }
  return {text, header: encodeURIComponent(text)};
}

/** deleteMessageDays (0 to 7, default 0) as Discord's delete_message_seconds. */
export function deleteMessageSeconds(days: number | undefined): number {
  const d = days ?? 0;
  if (!Number.isInteger(d) || d < 0 || d > 7) {
    throw new DiscordInputError(
      "bad-days",
      `deleteMessageDays must be a whole number from 0 to 7 (Discord deletes at most 7 days of messages); got ${d}.`,
    );
  }
  return (d * DAY_MS) / 1000;
}

/**
 * The end of a timeout as Discord's ISO timestamp: in the future and at most 28 days from `now`.
 * @example timeoutUntil(new Date("2026-03-09T00:00:00Z"), "2026-03-02T00:00:00Z") === "2026-03-09T00:00:00.000Z"
 */
export function timeoutUntil(until: Date, now: string): string {
  const end = until instanceof Date ? until.getTime() : NaN;
  const start = Date.parse(now);
  if (!Number.isFinite(end)) {
    throw new DiscordInputError("bad-timeout", "until must be a date and time: when the timeout ends.");
  }
  if (end <= start) {
    throw new DiscordInputError(
      "bad-timeout",
      `until (${new Date(end).toISOString()}) is not in the future: a timeout must end after now.`,
    );
  }
  const latest = start + MAX_TIMEOUT_DAYS * DAY_MS;
  if (end > latest) {
    const days = Math.ceil((end - start) / DAY_MS);
    throw new DiscordInputError(
      "bad-timeout",
      `Discord allows a timeout of at most ${MAX_TIMEOUT_DAYS} days; until is ${days} days away. Pick a time no later than ${new Date(latest).toISOString()}, or remove roles or ban instead.`,
    );
  }
  return new Date(end).toISOString();
}

/** A direct message's text: 1 to 2000 characters. */
export function messageText(text: string): string {
  const t = String(text ?? "").trim();
  if (!t) {
    throw new DiscordInputError("bad-text", "The message is empty: give the text to send.");
  }
  if (t.length > MAX_MESSAGE) {
    throw new DiscordInputError(
      "bad-text",
      `The message is ${t.length} characters; Discord sends at most ${MAX_MESSAGE}. Shorten it or send a link.`,
    );
  }
  return t;
}

/** Which of the requested roles a member holds (to remove) and which not (nothing to do). */
export function rolesToRemove(
  held: readonly string[],
  requested: readonly string[],
): {remove: string[]; notHeld: string[]} {
  const has = new Set(held);
  return {remove: requested.filter((r) => has.has(r)), notHeld: requested.filter((r) => !has.has(r))};
}

/** Which of the requested roles a member lacks (to add) and which they already hold. */
export function rolesToAdd(
  held: readonly string[],
  requested: readonly string[],
): {add: string[]; alreadyHeld: string[]} {
  const has = new Set(held);
  return {add: requested.filter((r) => !has.has(r)), alreadyHeld: requested.filter((r) => has.has(r))};
}
