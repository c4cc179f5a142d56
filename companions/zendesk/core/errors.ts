/** Input the Zendesk companion refuses before calling Zendesk; `message` says what to do. */
export class ZendeskInputError extends Error {
  override readonly name = "ZendeskInputError";
  constructor(
    readonly code: "bad-id" | "bad-status" | "bad-tags" | "bad-text" | "bad-endpoint" | "bad-query",
    message: string,
  ) {
    super(message);
  }
}

export function isZendeskInputError(err: unknown): err is ZendeskInputError {
  return err instanceof Error && err.name === "ZendeskInputError";
}
