import * as coda from "@codahq/packs-sdk";

/** Coda caches GET responses for five minutes unless a request says otherwise. */
const DEFAULT_CACHE_TTL_SECS = 300;

/**
 * The response cap. Coda publishes no number: the SDK says only that `fetch` throws
 * ResponseSizeTooLargeError "when the response body from the external system exceeds packs platform
 * limits" (packs-sdk dist/api.d.ts, added in coda/packs-sdk#3020), and its local CLI fetcher refuses
 * bodies of 25 MiB (dist/testing/fetcher.js, MaxContentLengthBytes). Issue 16: 10 MB unless
 * Coda's number is known. `FETCHER_MAX_RESPONSE_BYTES` overrides it for a whole run.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = Number(process.env.FETCHER_MAX_RESPONSE_BYTES) || 10_000_000;

/**
 * Response headers pack code sees unredacted. The SDK says "the contents of many headers will be
 * redacted for security reasons" (FetchResponse.headers in dist/api_types.d.ts) without listing
 * them, so this keeps only the plain content headers: `Retry-After` is among the redacted ones.
 */
export const SAFE_RESPONSE_HEADERS = new Set([
  "content-type",
  "content-length",
  "content-encoding",
  "content-language",
  "date",
  "etag",
  "last-modified",
  "location",
]);
export const REDACTED = "<<REDACTED BY CODA>>";

/**
 * Coda retries a 429 itself "after a few seconds", and when no time is left for another wait it
 * answers the last 429 to the pack (community.coda.io/t/improvements-to-timeout-and-retry-behavior-in-packs/56848).
 * The waits here are short so the suite stays fast; the number of tries is what matters.
 */
const FETCHER_429_TRIES = 3;
const FETCHER_429_WAIT_MS = 20;

export interface FetchCounters {
  requests: number;
  cached: number;
  byHost: Map<string, number>;
  /** The largest response body the pack received (under the cap), in bytes, and how many were refused over it. */
  largestResponse?: number;
  tooLarge?: number;
}

export function newCounters(): FetchCounters {
  return {requests: 0, cached: 0, byHost: new Map(), largestResponse: 0, tooLarge: 0};
}

export interface EmulatorFetcherOptions {
  /** The emulator's base URL, http://127.0.0.1:PORT. */
  baseUrl: string;
  /** The OAuth access token of the connection (the emulator maps it to a user). */
  token: string;
  /**
   * "node": a status of 400 or more throws StatusCodeError here, as production does for pack code.
   * "vm": the status is returned and the SDK's in-isolate thunk throws, as in Coda.
   */
  mode: "node" | "vm";
  /** The GET cache, shared by the executions of one connection. */
  cache?: Map<string, {until: number; response: coda.FetchResponse}>;
  counters?: FetchCounters;
  networkDomains?: string[];
  /** Bodies larger than this throw ResponseSizeTooLargeError (default {@link DEFAULT_MAX_RESPONSE_BYTES}). */
  maxResponseBytes?: number;
  /** How many times a 429 is sent before the pack sees it (default 3; 1 turns Coda's own retry off). */
  tries429?: number;
  /** The Authorization header Coda adds for this connection (default `Bearer <token>`; the Discord companion's is `Bot <token>`). */
  authorization?: (token: string) => string;
  /** Response headers Coda keeps from the pack (it may redact some, such as Discord's X-RateLimit-*). */
  redactHeaders?: RegExp;
  /** Headers a case assumes Coda passes on unredacted (to test behaviour that needs them when it does). */
  passHeaders?: RegExp;
}

/**
 * A Fetcher that behaves like Coda's for this pack: it only reaches the declared network domain,
 * adds the connection's token, caches GETs, retries 429 itself, redacts response headers outside
 * its safe list, refuses bodies over the response cap, parses JSON and turns HTTP errors into
 * StatusCodeError, but sends every googleapis.com request to the local emulator over loopback.
 */
export class EmulatorFetcher implements coda.Fetcher {
  private readonly cache: Map<string, {until: number; response: coda.FetchResponse}>;
  constructor(private readonly options: EmulatorFetcherOptions) {
    this.cache = options.cache ?? new Map();
  }

  async fetch<T = unknown>(request: coda.FetchRequest): Promise<coda.FetchResponse<T>> {
    const url = new URL(request.url);
    const domains = this.options.networkDomains ?? ["googleapis.com"];
    if (url.protocol !== "https:" || !domains.some((d) => url.hostname === d || url.hostname.endsWith(`.${d}`))) {
      throw new Error(`Attempted to connect to undeclared host '${url.host}'`);
    }
    if (request.form) {
      throw new Error("form bodies are not used by this pack");
    }
    const ttl = request.cacheTtlSecs ?? DEFAULT_CACHE_TTL_SECS;
    const cacheKey = `${this.options.token} ${request.url}`;
    if (request.method === "GET" && ttl > 0) {
      const hit = this.cache.get(cacheKey);
      if (hit && hit.until > Date.now()) {
        if (this.options.counters) {
          this.options.counters.cached++;
        }
        return structuredClone(hit.response) as coda.FetchResponse<T>;
      }
    }
    const target = `${this.options.baseUrl}/${url.host}${url.pathname}${url.search}`;
    const headers: Record<string, string> = {...(request.headers ?? {})};
    if (!request.disableAuthentication) {
      headers.Authorization = this.options.authorization
        ? this.options.authorization(this.options.token)
        : `Bearer ${this.options.token}`;
    }
    const tries = this.options.tries429 ?? FETCHER_429_TRIES;
    let res: Response;
    let text: Buffer;
    for (let attempt = 1; ; attempt++) {
      if (this.options.counters) {
        this.options.counters.requests++;
        this.options.counters.byHost.set(url.host, (this.options.counters.byHost.get(url.host) ?? 0) + 1);
      }
      try {
        res = await fetch(target, {
          method: request.method,
          headers,
          body: request.body as string | undefined,
          redirect: request.ignoreRedirects ? "manual" : "follow",
        });
        text = Buffer.from(await res.arrayBuffer());
      } catch (err) {
        // What Coda's fetcher reports when the connection drops: a plain error, not a status.
        throw new Error(`socket hang up (${(err as Error).message})`);
      }
      if (res.status !== 429 || attempt >= tries) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, FETCHER_429_WAIT_MS));
    }
    const maxBytes = this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    if (text.length > maxBytes) {
      if (this.options.counters) {
        this.options.counters.tooLarge = (this.options.counters.tooLarge ?? 0) + 1;
      }
      // ResponseSizeTooLargeError (packs-sdk dist/api.d.ts): "can be caught and retried by requesting less data".
      throw new coda.ResponseSizeTooLargeError(
        `Response body is ${text.length} bytes, over the ${maxBytes}-byte limit for pack fetches.`,
      );
    }
    if (this.options.counters) {
      this.options.counters.largestResponse = Math.max(this.options.counters.largestResponse ?? 0, text.length);
    }
    const responseHeaders: Record<string, string> = {};
    res.headers.forEach((value, key) => {
      if (this.options.redactHeaders?.test(key)) {
        return;
      }
      responseHeaders[key] =
        SAFE_RESPONSE_HEADERS.has(key.toLowerCase()) || this.options.passHeaders?.test(key) ? value : REDACTED;
    });
    let body: unknown;
    if (request.isBinaryResponse) {
      body = text;
    } else {
      const decoded = text.toString("utf8");
      try {
        body = JSON.parse(decoded);
        if (typeof body !== "object") {
          body = decoded;
        }
      } catch {
        body = decoded;
      }
    }
    const response: coda.FetchResponse<T> = {status: res.status, headers: responseHeaders, body: body as T};
    if (res.status >= 400) {
      if (this.options.mode === "node") {
        throw new coda.StatusCodeError(res.status, body, request, {body, headers: responseHeaders});
      }
      return response;
    }
    if (request.method === "GET" && ttl > 0) {
      this.cache.set(cacheKey, {
        until: Date.now() + ttl * 1000,
        response: structuredClone(response) as coda.FetchResponse,
      });
    }
    return response;
  }
}
