// Discord ids are snowflakes: 64-bit integers sent as strings, beyond a JavaScript number's 53 bits
// (https://discord.com/developers/docs/reference#snowflakes). They stay text from parameter to URL.
import {DiscordInputError} from "./errors";

const MAX_SNOWFLAKE = (1n << 64n) - 1n;

/**
 * The snowflake in `value` as text: digits, or a mention as Discord writes one (`<@123>`, `<@&123>`).
 * @example snowflake("<@&1100000000000000010>", "role id") === "1100000000000000010"
 */
export function snowflake(value: string, what: string): string {
  const text = String(value ?? "").trim();
  const digits = /^<@[!&]?(\d+)>$/.exec(text)?.[1] ?? text;
  if (!/^\d{1,20}$/.test(digits) || BigInt(digits) === 0n || BigInt(digits) > MAX_SNOWFLAKE) {
    throw new DiscordInputError(
      "bad-id",
      `The ${what} must be a Discord id, the number Discord copies with "Copy ID" (Developer Mode on); got "${text.slice(0, 40)}".`,
    );
  }
  return BigInt(digits).toString();
}

/** Several snowflakes: a list, each item possibly comma-separated, without repeats, in the order given. */
export function snowflakes(values: readonly string[], what: string): string[] {
  const ids = values
    .flatMap((v) => String(v ?? "").split(","))
    .map((v) => v.trim())
    .filter(Boolean)
    .map((v) => snowflake(v, what));
  if (!ids.length) {
    throw new DiscordInputError("bad-roles", `Give at least one ${what}.`);
  }
  return [...new Set(ids)];
}

/** When a snowflake was made, from its top 42 bits (ms since 2015-01-01, Discord's epoch). */
export function snowflakeTime(id: string): string {
  return new Date(Number(BigInt(id) >> 22n) + 1_420_070_400_000).toISOString();
}
