import * as coda from "@codahq/packs-sdk";

/**
 * A companion's boundary: every formula's body runs inside it, and an error `sentenceOf` can say in words (the
 * companion's refusals, its service's answers) reaches the user as that sentence; anything else, a 401 included,
 * passes through untouched.
 */
export function boundaryFor(sentenceOf: (err: unknown) => string | undefined) {
  return async function boundary<T>(body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (err) {
      const sentence = sentenceOf(err);
      if (sentence !== undefined) {
        throw new coda.UserVisibleError(sentence);
      }
      throw err;
    }
  };
}

/** What any service's failed call says when it is not the service's own refusal: undefined when it is. */
export function transientSentence(
  service: string,
  could: string,
  err: {status: number; retryAfterMs?: number | undefined},
  message: string,
): string | undefined {
  if (err.status === 429) {
    const seconds = Math.ceil((err.retryAfterMs ?? 1000) / 1000);
    return `${could}: ${service} asks to wait ${seconds} s (rate limit), longer than one run allows. Try again in ${seconds} s.`;
  }
  if (err.status === 0) {
    return `${could}: ${message}. Try again.`;
  }
  if (err.status >= 500) {
    return `${could}: ${service} did not answer (HTTP ${err.status}). Try again in a minute.`;
  }
  return undefined;
}
