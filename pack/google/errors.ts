import * as coda from "@codahq/packs-sdk";

/**
 * A Google API call that failed for a reason retrying will not fix. Carries what the pack was
 * trying to do, so the sentence a specialist reads says it. The ledger layer inspects a few of
 * these (a lost commit race, a missing named range); everything else becomes a
 * `UserVisibleError` through {@link toUserVisibleError}.
 */
export class GoogleApiError extends Error {
  override readonly name = "GoogleApiError";
  constructor(
    readonly status: number,
    readonly googleMessage: string,
    readonly googleStatus: string,
    readonly what: string,
    readonly retriedOut = false,
    /** The error's reason (`errors[].reason` or `details[].reason`), e.g. userRateLimitExceeded; "" when none. */
    readonly reason = "",
  ) {
    super(`${status} ${googleStatus}: ${googleMessage}`);
  }
}

export function isGoogleApiError(err: unknown): err is GoogleApiError {
  return err instanceof Error && err.name === "GoogleApiError";
}

/**
 * What a GoogleApiError carries when Coda's fetcher refused Google's answer for its size
 * (`ResponseSizeTooLargeError` in the SDK). 413 is only a marker here: Google sent no such status.
 */
export const RESPONSE_TOO_LARGE = "RESPONSE_TOO_LARGE";
export const RESPONSE_TOO_LARGE_STATUS = 413;

/** True when Coda refused Google's answer as too large: read less, or say so. */
export function isResponseTooLarge(err: unknown): boolean {
  return isGoogleApiError(err) && err.googleStatus === RESPONSE_TOO_LARGE;
}

/** The connection dropped before a response arrived; whether the request took effect is unknown. */
export class ConnectionLostError extends Error {
  override readonly name = "ConnectionLostError";
  constructor(
    readonly what: string,
    cause: unknown,
  ) {
    super(`The connection to Google dropped while trying to ${what}.`, {cause});
  }
}

export function isConnectionLostError(err: unknown): err is ConnectionLostError {
  return err instanceof Error && err.name === "ConnectionLostError";
}

/** Google's error body: {"error": {"code": 400, "message": "...", "status": "INVALID_ARGUMENT"}}. */
export function readGoogleErrorBody(body: unknown): {message: string; status: string; reason: string} {
  let parsed = body;
  if (typeof body === "string") {
    try {
      parsed = JSON.parse(body);
    } catch {
      return {message: body.slice(0, 300), status: "", reason: ""};
    }
  }
  const error = (
    parsed as {error?: {message?: unknown; status?: unknown; details?: unknown; errors?: unknown}} | undefined
  )?.error;
  const details = Array.isArray(error?.details) ? (error?.details as Array<{reason?: unknown}>) : [];
  const errors = Array.isArray(error?.errors) ? (error?.errors as Array<{reason?: unknown}>) : [];
  const reason = [...details, ...errors].map((d) => d.reason).find((r): r is string => typeof r === "string") ?? "";
  return {
    message: typeof error?.message === "string" ? error.message : "",
    status: typeof error?.status === "string" ? error.status : "",
    reason,
  };
}

/**
 * Drive and Gmail answer some rate limits with 403 and reason userRateLimitExceeded or
 * rateLimitExceeded; like a 429, nothing was done and the request is to be retried with backoff
 * (https://developers.google.com/workspace/drive/api/guides/handle-errors).
 */
export function isRateLimit403(status: number, reason: string): boolean {
  return status === 403 && (reason === "userRateLimitExceeded" || reason === "rateLimitExceeded");
}

/** True when Google refused because the connection lacks an OAuth scope. */
export function isMissingScope(status: number, message: string, reason: string): boolean {
  return (
    status === 403 &&
    (reason === "ACCESS_TOKEN_SCOPE_INSUFFICIENT" || /insufficient authentication scopes/i.test(message))
  );
}

/**
 * The sentence a specialist reads for a failed Google call. HTTP 401 and missing scopes are
 * re-thrown as they are (Coda refreshes the token or asks to reconnect); everything else says
 * what failed and what to do.
 */
export function toUserVisibleError(err: GoogleApiError | ConnectionLostError): coda.UserVisibleError {
  if (isConnectionLostError(err)) {
    return new coda.UserVisibleError(
      `${err.message} Try again: repeating the same action is safe and will not record it twice.`,
    );
  }
  const {status, googleMessage, what} = err;
  if (isResponseTooLarge(err)) {
    return new coda.UserVisibleError(
      `Google's answer was larger than Coda lets a pack receive, so the pack could not ${what}. Narrow it down (a filter, a shorter period or fewer rows) and try again.`,
    );
  }
  if (status === 429 || isRateLimit403(status, err.reason)) {
    return new coda.UserVisibleError(
      `Google is limiting how fast your account can use its APIs (Sheets allows about 60 reads and 60 writes a minute), so the pack could not ${what}. Wait a minute and try again.`,
    );
  }
  if (status === 403) {
    return new coda.UserVisibleError(
      `Google refused to let your account ${what}: the spreadsheet is not shared with you as an editor, or it is protected. ` +
        `Ask the ledger's owner to share it with you (Editor).`,
    );
  }
  if (status === 404) {
    return new coda.UserVisibleError(
      `Google could not find what the pack needed to ${what}. Check the ledger URL or ID, and that the spreadsheet was not deleted or moved to the trash.`,
    );
  }
  if (status === 429) {
    return new coda.UserVisibleError(
      `Google is limiting how fast your account can use its APIs (Sheets allows about 60 reads and 60 writes a minute), so the pack could not ${what}. Wait a minute and try again.`,
    );
  }
  if (status >= 500) {
    return new coda.UserVisibleError(
      `Google had a temporary problem while the pack tried to ${what}. Try again in a minute.`,
    );
  }
  const detail = googleMessage ? `: ${googleMessage}` : ".";
  return new coda.UserVisibleError(`Google rejected the request to ${what}${detail}`);
}

/** The SDK's MissingScopesError (Coda then asks the user to reconnect), by the SDK's own guard. */
export function isMissingScopesError(err: unknown): err is coda.MissingScopesError {
  return typeof err === "object" && err !== null && coda.MissingScopesError.isMissingScopesError(err);
}
