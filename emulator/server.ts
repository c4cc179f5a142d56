import {createServer} from "node:http";
import type {IncomingMessage, Server, ServerResponse} from "node:http";
import type {AddressInfo} from "node:net";
import {ApiError, badRequest, notFound, unauthenticated} from "./errors";
import {handleSheets} from "./sheets";
import {handleGmail} from "./gmail";
import {handleDrive} from "./drive";
import {handleDriveUpload} from "./drive-upload";
import {handleDiscord} from "./discord";
import {handleZendesk} from "./zendesk";
import type {Call} from "./sheets";
import type {User} from "./state";
import {EmulatorState} from "./state";

/** The longest request URL (path and query, as sent to Google) the emulator accepts. */
export const MAX_URL_BYTES = 8 * 1024;

/** Fault injection: what share of requests fail, and how. Deterministic for a given seed. */
export interface Faults {
  /** Probability per status of answering that status instead of serving the request. */
  errorRates?: Partial<Record<429 | 500 | 502 | 503 | 504, number>>;
  /**
   * Probability of Drive's and Gmail's 403 rate limit: "403: User rate limit exceeded" with reason
   * userRateLimitExceeded (or rateLimitExceeded), to be retried with exponential backoff like a 429
   * (https://developers.google.com/workspace/drive/api/guides/handle-errors#resolve_a_403_error_user_rate_limit_exceeded).
   */
  rateLimit403Rate?: number;
  /** Seconds sent in Retry-After with injected 429 and 503 answers. */
  retryAfterSeconds?: number;
  /** Delay before a request is handled, ms (a number, or a [min, max] range). */
  latencyMs?: number | [number, number];
  /** Probability that the connection drops before the request is applied. */
  dropBeforeRate?: number;
  /** Probability that the request is applied and then the connection drops before the answer. */
  dropAfterRate?: number;
  /**
   * Answer every error with a message the pack can read nothing from, keeping its status, code,
   * ErrorInfo reason and the failing subrequest's index (`requests[N]`). Google's error model
   * (https://cloud.google.com/apis/design/errors, google.rpc.Status) makes `code` the field "that can
   * be easily handled by the client" and `message` a "developer-facing human-readable error message";
   * the Sheets reference documents no wording, so nothing in the pack may depend on it. Also on for
   * every emulator with EMU_REWORD_ERRORS=1 (to run any part of the suite that way).
   */
  rewordErrors?: boolean;
  /** Which requests faults apply to (default: all but userinfo). */
  match?: (call: {method: string; host: string; path: string}) => boolean;
  seed?: number;
}

export interface RequestRecord {
  method: string;
  host: string;
  path: string;
  query: string;
  user?: string;
  status: number;
  fault?: string;
  at: number;
  /** The answer's body size in bytes (Google hosts). */
  bytes?: number;
}

/** A handler for one Google host; returns a body or throws ApiError. Other API modules register here. */
export type HostHandler = (
  state: EmulatorState,
  call: Call & {host: string; rawBody: Buffer; headers: IncomingMessage["headers"]},
) => unknown | Promise<unknown>;

export interface Emulator {
  url: string;
  port: number;
  state: EmulatorState;
  /** Every request served, in order. */
  log: RequestRecord[];
  faults: Faults;
  setFaults(faults: Faults): void;
  /** Registers a handler for a host such as "gmail.googleapis.com". */
  route(host: string, handler: HostHandler): void;
  close(): Promise<void>;
}

const hosts = new Map<string, HostHandler>();

/** What a non-Google API answers: its own status, body and headers (Discord's 204s, rate-limit headers). */
export interface ForeignResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A handler for an API that is not Google's: it authenticates the request itself and shapes its own answers. */
export type ForeignHandler = (
  state: EmulatorState,
  call: {
    method: string;
    host: string;
    path: string;
    query: URLSearchParams;
    body: unknown;
    rawBody: Buffer;
    headers: IncomingMessage["headers"];
  },
) => ForeignResponse | Promise<ForeignResponse>;

const foreign = new Map<string, ForeignHandler>();

/** Registers a non-Google API by host, or by "*.domain" for every subdomain (Zendesk's per-account hosts). */
export function registerForeignHost(pattern: string, handler: ForeignHandler): void {
  foreign.set(pattern, handler);
}

function foreignHandler(host: string): ForeignHandler | undefined {
  return foreign.get(host) ?? foreign.get(`*.${host.split(".").slice(1).join(".")}`);
}

/** Lets API modules (Drive, Gmail) plug in without the server knowing them. */
export function registerHost(host: string, handler: HostHandler): void {
  hosts.set(host, handler);
}

registerHost("sheets.googleapis.com", (state, call) => handleSheets(state, call));
registerHost("gmail.googleapis.com", (state, call) => handleGmail(state, call));
registerHost("www.googleapis.com", (state, call) =>
  call.path.startsWith("/upload/") ? handleDriveUpload(state, call) : handleDrive(state, call),
);
registerForeignHost("discord.com", handleDiscord);
registerForeignHost("*.zendesk.com", handleZendesk);

const userinfo: HostHandler = (_state, call) => {
  const user = call.user;
  const info: Record<string, unknown> = {sub: String(Math.abs(hash(user.email)))};
  if (user.scopes.has("profile")) {
    info.name = user.name;
  }
  if (user.scopes.has("email")) {
    info.email = user.email;
    info.email_verified = true;
  }
  return info;
};
registerHost("openidconnect.googleapis.com", (state, call) => {
  if (call.path === "/v1/userinfo") {
    return userinfo(state, call);
  }
  throw notFound();
});

function hash(text: string): number {
  let h = 0;
  for (const ch of text) {
    h = (h * 31 + ch.charCodeAt(0)) | 0;
  }
  return h;
}

/** A seeded generator, so a fault run can be replayed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Starts the emulator on a loopback port. Requests arrive as
 * http://127.0.0.1:PORT/<google host>/<path>, as the test fetcher rewrites them.
 */
/** The same error in words the pack cannot lean on; only "requests[N]" is kept (see Faults.rewordErrors). */
function reworded(err: ApiError): ApiError {
  const index = /requests\[\d+\]/.exec(err.message)?.[0];
  const message = `${index ? `Invalid ${index}: ` : ""}La solicitud no es válida (reworded by the emulator).`;
  return new ApiError(err.code, message, err.status, err.reason, err.headers);
}

export async function startEmulator(options: {state?: EmulatorState; faults?: Faults} = {}): Promise<Emulator> {
  const state = options.state ?? new EmulatorState();
  const log: RequestRecord[] = [];
  const local = new Map<string, HostHandler>();
  let faults: Faults = options.faults ?? {};
  let random = mulberry32(faults.seed ?? 1);

  const server: Server = createServer((req, res) => {
    void serve(req, res);
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? "/", "http://emulator");
    if ((req.url ?? "").length > MAX_URL_BYTES) {
      // Google's front ends refuse very long request URLs (clients chunk ranges to stay under them,
      // e.g. github.com/dust-tt/dust/pull/4042 after ~20,000 characters failed); no limit is
      // published, so the emulator refuses anything over 8 KB and the pack stays well under it.
      log.push({method: req.method ?? "GET", host: "", path: "", query: "", status: 414, at: Date.now()});
      res.writeHead(414, {"Content-Type": "text/html; charset=UTF-8"});
      res.end("<html><title>Error 414 (Request-URI Too Large)!!1</title></html>");
      return;
    }
    const [, host = "", ...rest] = url.pathname.split("/");
    const path = `/${rest.join("/")}`;
    const method = req.method ?? "GET";
    const record: RequestRecord = {method, host, path, query: url.search, status: 0, at: Date.now()};
    log.push(record);
    // Google's APIs pretty-print JSON unless asked not to: system parameter prettyPrint, "true
    // (default), false" (https://cloud.google.com/apis/docs/system-parameters). It changes how many
    // bytes an answer is, which Coda's response cap counts.
    const pretty = (url.searchParams.get("prettyPrint") ?? url.searchParams.get("$prettyPrint")) !== "false";
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      const text =
        body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body, null, pretty ? 2 : undefined);
      record.bytes = Buffer.byteLength(text);
      res.writeHead(status, {
        "Content-Type": typeof body === "string" ? "text/plain" : "application/json; charset=UTF-8",
        ...headers,
      });
      res.end(text);
    };
    const other = foreignHandler(host);
    if (other) {
      try {
        const type = String(req.headers["content-type"] ?? "");
        let body: unknown;
        if (raw.length && type.includes("json")) {
          try {
            body = JSON.parse(raw.toString("utf8"));
          } catch {
            body = undefined;
          }
        }
        const answer = await other(state, {
          method,
          host,
          path,
          query: url.searchParams,
          body,
          rawBody: raw,
          headers: req.headers,
        });
        record.status = answer.status;
        const text =
          answer.body === undefined ? "" : typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
        res.writeHead(answer.status, {
          ...(answer.body === undefined
            ? {}
            : {"Content-Type": typeof answer.body === "string" ? "text/plain" : "application/json"}),
          ...answer.headers,
        });
        res.end(text);
      } catch (err) {
        send(500, {message: `Emulator failure: ${(err as Error).message}`});
      }
      return;
    }
    try {
      const faultable = (faults.match ?? ((c) => c.host !== "openidconnect.googleapis.com"))({method, host, path});
      if (faultable && faults.latencyMs) {
        const [min, max] = Array.isArray(faults.latencyMs) ? faults.latencyMs : [faults.latencyMs, faults.latencyMs];
        await new Promise((resolve) => setTimeout(resolve, min + random() * (max - min)));
      }
      const user = authenticate(state, req);
      record.user = user.email;
      if (faultable) {
        if (random() < (faults.dropBeforeRate ?? 0)) {
          record.fault = "drop-before";
          req.socket.destroy();
          return;
        }
        if (random() < (faults.rateLimit403Rate ?? 0)) {
          record.fault = "status-403-rate";
          const reason = random() < 0.5 ? "userRateLimitExceeded" : "rateLimitExceeded";
          send(403, {
            error: {
              code: 403,
              message: reason === "userRateLimitExceeded" ? "User Rate Limit Exceeded" : "Rate Limit Exceeded",
              errors: [{domain: "usageLimits", reason, message: "Rate Limit Exceeded"}],
            },
          });
          return;
        }
        for (const [status, rate] of Object.entries(faults.errorRates ?? {})) {
          if (random() < (rate ?? 0)) {
            record.fault = `status-${status}`;
            const code = Number(status);
            const headers: Record<string, string> =
              code === 429 || code === 503 ? {"Retry-After": String(faults.retryAfterSeconds ?? 1)} : {};
            const message =
              code === 429
                ? "Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per user' of service 'sheets.googleapis.com'."
                : "The service is currently unavailable.";
            send(
              code,
              new ApiError(code, message, code === 429 ? "RESOURCE_EXHAUSTED" : "UNAVAILABLE").body(),
              headers,
            );
            return;
          }
        }
      }
      const handler = local.get(host) ?? hosts.get(host);
      if (!handler) {
        throw notFound(`No emulated API at ${host}.`);
      }
      let body: unknown;
      const type = String(req.headers["content-type"] ?? "");
      if (raw.length && type.includes("json")) {
        try {
          body = JSON.parse(raw.toString("utf8"));
        } catch {
          throw badRequest("Invalid JSON payload received.");
        }
      }
      const result = await handler(state, {
        method,
        path,
        query: url.searchParams,
        body,
        user,
        host,
        rawBody: raw,
        headers: req.headers,
      });
      if (faultable && random() < (faults.dropAfterRate ?? 0)) {
        record.fault = "drop-after";
        record.status = 200;
        req.socket.destroy();
        return;
      }
      send(200, result ?? {});
    } catch (err) {
      if (err instanceof ApiError) {
        if (process.env.EMU_DEBUG) {
          console.error("EMU", method, path, err.code, err.message);
        }
        const reword = faults.rewordErrors ?? process.env.EMU_REWORD_ERRORS === "1";
        send(err.code, (reword ? reworded(err) : err).body(), err.headers);
        return;
      }
      send(500, new ApiError(500, `Emulator failure: ${(err as Error).message}`, "INTERNAL").body());
    }
  }

  // Pack code waits between retries without timers, which can stall this process for seconds:
  // keep idle connections open long enough that a retry never lands on a closing socket.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    state,
    log,
    get faults() {
      return faults;
    },
    setFaults(next: Faults) {
      faults = next;
      random = mulberry32(next.seed ?? 1);
    },
    route(host: string, handler: HostHandler) {
      local.set(host, handler);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function authenticate(state: EmulatorState, req: IncomingMessage): User {
  const header = String(req.headers.authorization ?? "");
  const token = /^Bearer (.+)$/.exec(header)?.[1];
  if (!token) {
    throw unauthenticated(
      "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
    );
  }
  const user = state.users.get(token);
  if (!user || user.revoked) {
    throw unauthenticated();
  }
  return user;
}
