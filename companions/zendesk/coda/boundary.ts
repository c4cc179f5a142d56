import * as coda from "@codahq/packs-sdk";
import {isZendeskInputError} from "../core/errors";
import type {ZendeskApiError} from "../api/http";
import {isZendeskApiError} from "../api/http";

/** Every formula's body runs inside this: refusals and Zendesk's answers become sentences. */
export async function boundary<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    if (isZendeskInputError(err)) {
      throw new coda.UserVisibleError(err.message);
    }
    if (isZendeskApiError(err)) {
      throw new coda.UserVisibleError(sentence(err));
    }
    throw err;
  }
}

/** Zendesk's answers (https://developer.zendesk.com/api-reference/introduction/requests/#response-format) as sentences. */
export function sentence(err: ZendeskApiError): string {
  const could = `Zendesk could not ${err.what}`;
  if (err.status === 404) {
    return `${could}: there is no such record in this Zendesk account (check the id).`;
  }
  if (err.status === 403) {
    return `${could}: the connected agent is not allowed to (${err.detail || "Forbidden"}). Connect as an agent or admin who may.`;
  }
  if (err.status === 422) {
    return `${could}: ${err.detail || err.error}.`;
  }
  if (err.status === 429) {
    const seconds = Math.ceil((err.retryAfterMs ?? 1000) / 1000);
    return `${could}: Zendesk asks to wait ${seconds} s (rate limit), longer than one run allows. Try again in ${seconds} s.`;
  }
  if (err.status === 0) {
    return `${could}: ${err.detail}. Try again.`;
  }
  if (err.status >= 500) {
    return `${could}: Zendesk did not answer (HTTP ${err.status}). Try again in a minute.`;
  }
  return `${could}: ${err.detail || err.error || `HTTP ${err.status}`}.`;
}
