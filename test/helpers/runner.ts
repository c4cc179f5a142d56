// Import order matters: development before compile avoids a circular-import crash in the SDK.
import {
  executeFormulaFromPackDef,
  executeSyncFormulaFromPackDefSingleIteration,
} from "@codahq/packs-sdk/dist/development";
import type * as coda from "@codahq/packs-sdk";
import {randomUUID} from "node:crypto";
import * as path from "node:path";
import {pack} from "../../pack/pack";
import type {Emulator} from "../../emulator/server";
import type {User} from "../../emulator/state";
import type {FetchCounters} from "./fetcher";
import {EmulatorFetcher, newCounters} from "./fetcher";
import type {VmStats} from "./vm";
import {runInVm} from "./vm";

export type Mode = "node" | "vm";

/** The built bundle `npm run build` writes. */
export const BUNDLE_PATH = path.resolve(__dirname, "../../build/bundle.js");

/** An error the pack threw, as a test sees it: its class name, message and whether users see it. */
export interface PackError extends Error {
  isUserVisible?: boolean;
  statusCode?: number;
}

/** A connected account: its token, its own GET cache and request counters, like a Coda connection. */
export class Connection {
  readonly cache = new Map<string, {until: number; response: coda.FetchResponse}>();
  readonly counters: FetchCounters = newCounters();
  constructor(readonly user: User) {}
}

export interface RunnerOptions {
  emulator: Emulator;
  mode: Mode;
  bundlePath?: string;
  timezone?: string;
  /** Coda's response cap for this runner's fetches (default the fetcher's, FETCHER_MAX_RESPONSE_BYTES or 10 MB). */
  maxResponseBytes?: number;
}

/**
 * Runs the pack's formulas and sync tables as a signed-in user, either in plain Node through
 * the SDK's helpers or from the built bundle inside isolated-vm, as Coda runs it.
 */
export class PackRunner {
  private readonly connections = new Map<string, Connection>();
  /** CPU and setup figures of every execution in the VM, in order. */
  readonly vmStats: Array<VmStats & {name: string}> = [];
  /**
   * Wall time of every execution (formula, action or sync page), in order: Coda gives each about 60 s.
   * `from` and `to` are the emulator's request log indices the execution spans.
   */
  readonly executions: Array<{name: string; ms: number; from: number; to: number}> = [];
  constructor(readonly options: RunnerOptions) {}

  connection(user: User): Connection {
    let c = this.connections.get(user.token);
    if (!c) {
      c = new Connection(user);
      this.connections.set(user.token, c);
    }
    return c;
  }

  context(user: User, continuation?: coda.Continuation): coda.SyncExecutionContext {
    const conn = this.connection(user);
    const fetcher = new EmulatorFetcher({
      baseUrl: this.options.emulator.url,
      token: user.token,
      mode: this.options.mode,
      cache: conn.cache,
      counters: conn.counters,
      maxResponseBytes: this.options.maxResponseBytes,
    });
    return codaContext(fetcher, {timezone: this.options.timezone ?? "America/Los_Angeles", continuation});
  }

  /** Runs a formula or action; throws the pack's own error (not the SDK's wrapper). */
  async formula<T = unknown>(name: string, params: unknown[], user: User): Promise<T> {
    return this.timed(name, () => execute<T>(this.target(), name, false, params, this.context(user)));
  }

  /** One execution of a sync formula: one page. */
  async syncPage<T = Record<string, unknown>>(
    name: string,
    params: unknown[],
    user: User,
    continuation?: coda.Continuation,
  ): Promise<{result: T[]; continuation?: coda.Continuation}> {
    return this.timed(name, () => execute(this.target(), name, true, params, this.context(user, continuation)));
  }

  private async timed<T>(name: string, run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const from = this.options.emulator.log.length;
    try {
      return await run();
    } finally {
      this.executions.push({name, ms: performance.now() - started, from, to: this.options.emulator.log.length});
    }
  }

  private target(): ExecutionTarget {
    const {mode, bundlePath = BUNDLE_PATH} = this.options;
    return {pack, mode, bundlePath, vmStats: this.vmStats};
  }

  /** A whole sync, page by page, as Coda runs it (each page a separate execution). */
  async sync<T = Record<string, unknown>>(
    name: string,
    params: unknown[],
    user: User,
    options: {maxRows?: number} = {},
  ): Promise<{rows: T[]; pages: number}> {
    const rows: T[] = [];
    let continuation: coda.Continuation | undefined;
    let pages = 0;
    do {
      const page = await this.syncPage<T>(name, params, user, continuation);
      rows.push(...page.result);
      continuation = page.continuation;
      pages++;
      if (pages > 200) {
        throw new Error(`${name} did not finish in 200 pages`);
      }
    } while (continuation && rows.length < (options.maxRows ?? 10_000));
    return {rows: rows.slice(0, options.maxRows ?? 10_000), pages};
  }
}

export function unwrap(err: unknown): PackError {
  const cause = (err as {cause?: unknown})?.cause;
  return (cause instanceof Error ? cause : err) as PackError;
}

/** What one execution runs: a pack definition in Node, or its built bundle in isolated-vm (its figures kept). */
export interface ExecutionTarget {
  pack: coda.BasicPackDefinition;
  mode: Mode;
  bundlePath: string;
  vmStats: Array<VmStats & {name: string}>;
}

/**
 * One execution of a formula, or one page of a sync formula, as Coda runs it: in plain Node through the SDK's
 * helpers (parameters and a formula's result validated), or from the built bundle inside isolated-vm. Throws the
 * pack's own error, not the SDK's wrapper.
 */
export async function execute<T>(
  target: ExecutionTarget,
  name: string,
  sync: boolean,
  params: unknown[],
  context: coda.SyncExecutionContext,
): Promise<T> {
  try {
    if (target.mode === "vm") {
      const {result, stats} = await runInVm<T>({
        bundlePath: target.bundlePath,
        formulaName: name,
        sync,
        params,
        context,
      });
      target.vmStats.push({...stats, name});
      return result;
    }
    const options = {validateParams: true, validateResult: !sync};
    const result = sync
      ? await executeSyncFormulaFromPackDefSingleIteration(target.pack, name, params as never, context, options)
      : await executeFormulaFromPackDef(target.pack, name, params as never, context, options);
    return result as T;
  } catch (err) {
    throw unwrap(err);
  }
}

/** The execution context Coda gives a formula: the fetcher, blob storage, the doc's time zone, a sync's place. */
export function codaContext(
  fetcher: coda.Fetcher,
  options: {timezone: string; endpoint?: string; continuation?: coda.Continuation},
): coda.SyncExecutionContext {
  return {
    fetcher,
    temporaryBlobStorage: {
      storeUrl: async () => `https://coda-blobs.example/${randomUUID()}`,
      storeBlob: async () => `https://coda-blobs.example/${randomUUID()}`,
    },
    endpoint: options.endpoint,
    invocationLocation: {protocolAndHost: "https://coda.io"},
    timezone: options.timezone,
    invocationToken: randomUUID(),
    sync: {continuation: options.continuation},
    syncStateService: {getLatestRowVersions: async () => ({})},
  } as unknown as coda.SyncExecutionContext;
}
