/** Input the Discord companion refuses before calling Discord; `code` names the check, `message` says what to do. */
export class DiscordInputError extends Error {
  override readonly name = "DiscordInputError";
  constructor(
    readonly code: "bad-id" | "bad-reason" | "bad-timeout" | "bad-days" | "bad-text" | "bad-roles",
    message: string,
  ) {
    super(message);
  }
}

export function isDiscordInputError(err: unknown): err is DiscordInputError {
  return err instanceof Error && err.name === "DiscordInputError";
}
