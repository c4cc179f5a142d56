import {hasErrorName, InputError} from "../../shared/core/errors";

/** Input the Zendesk companion refuses before calling Zendesk; `message` says what to do. */
export class ZendeskInputError extends InputError<
  "bad-id" | "bad-status" | "bad-tags" | "bad-text" | "bad-endpoint" | "bad-query"
> {
  override readonly name = "ZendeskInputError";
}

export const isZendeskInputError = (err: unknown): err is ZendeskInputError => hasErrorName(err, "ZendeskInputError");
