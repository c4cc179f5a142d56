// What Zendesk accepts, checked before the call so the user reads a sentence.
// Tickets: https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/
// Tags: https://developer.zendesk.com/api-reference/ticketing/ticket-management/tags/
import {ZendeskInputError} from "./errors";

/** Statuses an agent can set; "new" cannot be set back and Zendesk closes solved tickets itself. */
export const SETTABLE_STATUSES = ["open", "pending", "hold", "solved"] as const;
export type SettableStatus = (typeof SETTABLE_STATUSES)[number];
/** Zendesk keeps comment bodies up to 64 KB; stay well under it. */
export const MAX_COMMENT = 60_000;

/**
 * A Zendesk record id: a positive whole number, or a ticket URL ending in it.
 * @example recordId("https://acme.zendesk.com/agent/tickets/482", "ticket id") === 482
 */
export function recordId(value: number | string, what: string): number {
  const text = String(value ?? "").trim();
  const digits = /\/(\d+)\/?$/.exec(text)?.[1] ?? text;
  const n = Number(digits);
  if (!/^\d{1,16}$/.test(digits) || !Number.isSafeInteger(n) || n <= 0) {
    throw new ZendeskInputError(
      "bad-id",
      `The ${what} must be a Zendesk id (a whole number, as in …/agent/tickets/123); got "${text.slice(0, 60)}".`,
    );
  }
  return n;
}

export function status(value: string | undefined, optional: true): SettableStatus | undefined;
export function status(value: string, optional?: false): SettableStatus;
/** A status to set: open, pending, hold or solved. */
export function status(value: string | undefined, optional = false): SettableStatus | undefined {
  const s = String(value ?? "")
    .trim()
    .toLowerCase();
  if (!s && optional) {
    return undefined;
  }
  if (!(SETTABLE_STATUSES as readonly string[]).includes(s)) {
    throw new ZendeskInputError(
      "bad-status",
      `status must be one of ${SETTABLE_STATUSES.join(", ")}; got "${value ?? ""}". (Zendesk closes solved tickets itself.)`,
    );
  }
  return s as SettableStatus;
}

/**
 * Tags as Zendesk stores them: lowercase; a space would split one tag into two, so it is refused.
 * @example tags(["T&S-Appeal", "dispute"]) -> refused ("&"); tags(["TS-appeal", "dispute"]) -> ["ts-appeal", "dispute"]
 */
export function tags(values: readonly string[]): string[] {
  const list = values
    .flatMap((v) => String(v ?? "").split(","))
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean);
  if (!list.length) {
    throw new ZendeskInputError("bad-tags", "Give at least one tag.");
  }
  const bad = list.find((t) => !/^[\p{L}\p{N}_\-/:.?]+$/u.test(t));
  if (bad !== undefined) {
    throw new ZendeskInputError(
      "bad-tags",
      `"${bad}" is not a Zendesk tag: use letters, digits, _ - / : . ? and no spaces (Zendesk splits a tag at spaces).`,
    );
  }
  return [...new Set(list)];
}

/** A comment or note body: not empty, under Zendesk's limit. */
export function body(text: string, what: string): string {
  const t = String(text ?? "").trim();
  if (!t) {
    throw new ZendeskInputError("bad-text", `The ${what} is empty: give its text.`);
  }
  if (t.length > MAX_COMMENT) {
    throw new ZendeskInputError("bad-text", `The ${what} is ${t.length} characters; keep it under ${MAX_COMMENT}.`);
  }
  return t;
}

/**
 * The account's base URL from the connection's endpoint: https://<subdomain>.zendesk.com.
 * @example accountBase("https://acme.zendesk.com/") === "https://acme.zendesk.com"
 */
export function accountBase(endpoint: string | undefined): string {
  const m = /^https:\/\/([a-z0-9][a-z0-9-]*)\.zendesk\.com\/?$/i.exec(String(endpoint ?? "").trim());
  if (!m) {
    throw new ZendeskInputError(
      "bad-endpoint",
      `The Zendesk connection has no account address (got "${endpoint ?? ""}"). Reconnect and enter https://<your subdomain>.zendesk.com.`,
    );
  }
  return `https://${m[1]?.toLowerCase()}.zendesk.com`;
}

/** A line appended to a user's notes when suspending or reinstating, so the reason stays in Zendesk. */
export function noteLine(action: "Suspended" | "Unsuspended", reason: string, now: string): string {
  return `${now.slice(0, 10)} ${action}: ${body(reason, "reason")}`;
}
