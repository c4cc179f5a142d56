import * as coda from "@codahq/packs-sdk";
import {isDomainError} from "../core/errors";
import {isConnectionLostError, isGoogleApiError, toUserVisibleError} from "../google/errors";
import type {Google} from "../google/http";
import {googleFrom} from "../google/http";

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

function toCodaError(err: unknown): unknown {
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

/** What a formula's body works with: Google through the user's connection, and the one clock reading. */
export interface FormulaRun {
  g: Google;
  /** The execution's time (UTC ISO), read once before the body runs. */
  now: string;
}

/**
 * Runs a formula's or sync table's body inside {@link boundary} with its Google handle and clock:
 * `execute: ([ledger], context) => withGoogle(context, ({g, now}) => readWorkers(g, ledger, now))`.
 */
export async function withGoogle<T>(context: coda.ExecutionContext, body: (run: FormulaRun) => Promise<T>): Promise<T> {
  return boundary(() => body({g: googleFrom(context), now: nowIso()}));
}
