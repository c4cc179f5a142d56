import * as coda from "@codahq/packs-sdk";

/** Coda caches GET responses for five minutes unless a request says otherwise. */
const DEFAULT_CACHE_TTL_SECS = 300;

export interface FetchCounters {
  requests: number;
  cached: number;
  byHost: Map<string, number>;
}

export function newCounters(): FetchCounters {
  return {requests: 0, cached: 0, byHost: new Map()};
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
  /** The Authorization header Coda adds for this connection (default `Bearer <token>`; the Discord companion's is `Bot <token>`). */
  authorization?: (token: string) => string;
  /** Response headers Coda keeps from the pack (it may redact some, such as Discord's X-RateLimit-*). */
  redactHeaders?: RegExp;
}

/**
 * A Fetcher that behaves like Coda's for this pack: it only reaches the declared network domain,
 * adds the connection's token, caches GETs, parses JSON and turns HTTP errors into
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
    if (this.options.counters) {
      this.options.counters.requests++;
      this.options.counters.byHost.set(url.host, (this.options.counters.byHost.get(url.host) ?? 0) + 1);
    }
    let res: Response;
    try {
      res = await fetch(target, {
        method: request.method,
        headers,
        body: request.body as string | undefined,
        redirect: request.ignoreRedirects ? "manual" : "follow",
      });
    } catch (err) {
      // What Coda's fetcher reports when the connection drops: a plain error, not a status.
      throw new Error(`socket hang up (${(err as Error).message})`);
    }
    const responseHeaders: Record<string, string> = {};
    res.headers.forEach((value, key) => {
      if (this.options.redactHeaders?.test(key)) {
        return;
      }
      responseHeaders[key] = value;
    });
    let body: unknown;
    if (request.isBinaryResponse) {
      body = Buffer.from(await res.arrayBuffer());
    } else {
      const text = await res.text();
      try {
        body = JSON.parse(text);
        if (typeof body !== "object") {
          body = text;
        }
      } catch {
        body = text;
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
