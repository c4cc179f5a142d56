import * as coda from "@codahq/packs-sdk";
import {isDomainError} from "../core/errors";
import {isConnectionLostError, isGoogleApiError, toUserVisibleError} from "../google/errors";

/**
 * Every formula's body runs inside this: a refusal or bad input from the core, and an expected
 * Google failure, reach the user as a `UserVisibleError` sentence. HTTP 401 and missing scopes
 * pass through untouched so Coda can refresh the token or ask to reconnect.
 */
export async function boundary<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    throw toCodaError(err);
  }
}

export function toCodaError(err: unknown): unknown {
  if (isDomainError(err)) {
    return new coda.UserVisibleError(err.message);
  }
  if (isGoogleApiError(err) || isConnectionLostError(err)) {
    return toUserVisibleError(err);
  }
  return err;
}

/** The execution's time, as the one clock reading pure code receives. */
export function nowIso(): string {
  return new Date().toISOString();
}
