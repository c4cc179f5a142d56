import {hasErrorName, InputError} from "../../shared/core/errors";

/** Input the Discord companion refuses before calling Discord; `code` names the check, `message` says what to do. */
export class DiscordInputError extends InputError<
  "bad-id" | "bad-reason" | "bad-timeout" | "bad-days" | "bad-text" | "bad-roles"
> {
  override readonly name = "DiscordInputError";
}

export const isDiscordInputError = (err: unknown): err is DiscordInputError => hasErrorName(err, "DiscordInputError");
