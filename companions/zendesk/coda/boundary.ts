import {isZendeskInputError} from "../core/errors";
import type {ZendeskApiError} from "../api/http";
import {isZendeskApiError} from "../api/http";
import {boundaryFor, transientSentence} from "../../shared/coda/boundary";

/** Every formula's body runs inside this: refusals and Zendesk's answers become sentences. */
export const boundary = boundaryFor((err) =>
  isZendeskInputError(err) ? err.message : isZendeskApiError(err) ? sentence(err) : undefined,
);

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
  return (
    transientSentence("Zendesk", could, err, err.detail) ??
    `${could}: ${err.detail || err.error || `HTTP ${err.status}`}.`
  );
}
