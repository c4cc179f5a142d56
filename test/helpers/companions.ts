// Runs a companion pack (Discord, Zendesk) the way PackRunner runs the main pack: in plain Node
// through the SDK, or from its built bundle in isolated-vm, with a fetcher that sends the
// companion's domain to the local emulator over loopback and adds the connection's credential
// as Coda would (Discord: "Authorization: Bot <token>"; Zendesk: the OAuth bearer token).
import type * as coda from "@codahq/packs-sdk";
import * as path from "node:path";
import type {Emulator} from "../../emulator/server";
import {EmulatorFetcher, newCounters} from "./fetcher";
import type {ExecutionTarget, Mode} from "./runner";
import {codaContext, execute} from "./runner";
import type {VmStats} from "./vm";

export type Companion = "discord" | "zendesk";

export const COMPANION_BUNDLES: Record<Companion, string> = {
  discord: path.resolve(__dirname, "../../build/discord/bundle.js"),
  zendesk: path.resolve(__dirname, "../../build/zendesk/bundle.js"),
};

export interface CompanionRunnerOptions {
  companion: Companion;
  pack: coda.BasicPackDefinition;
  emulator: Emulator;
  mode: Mode;
  /** The connection's secret: the bot token, or the Zendesk OAuth access token. */
  token: string;
  /** The account's endpoint (Zendesk: https://<subdomain>.zendesk.com). */
  endpoint?: string;
  /** Response headers Coda does not pass on at all. */
  redactHeaders?: RegExp;
  /** Headers a case assumes Coda passes on unredacted (by default it redacts all but content headers). */
  passHeaders?: RegExp;
}

export class CompanionRunner {
  readonly vmStats: Array<VmStats & {name: string}> = [];
  readonly counters = newCounters();
  constructor(readonly options: CompanionRunnerOptions) {}

  context(continuation?: coda.Continuation, token = this.options.token): coda.SyncExecutionContext {
    const discord = this.options.companion === "discord";
    const fetcher = new EmulatorFetcher({
      baseUrl: this.options.emulator.url,
      token,
      mode: this.options.mode,
      counters: this.counters,
      networkDomains: [discord ? "discord.com" : "zendesk.com"],
      authorization: discord ? (t) => `Bot ${t}` : (t) => `Bearer ${t}`,
      redactHeaders: this.options.redactHeaders,
      passHeaders: this.options.passHeaders,
    });
    return codaContext(fetcher, {timezone: "UTC", endpoint: this.options.endpoint, continuation});
  }

  async formula<T = Record<string, unknown>>(name: string, params: unknown[], token?: string): Promise<T> {
    return execute<T>(this.target(), name, false, params, this.context(undefined, token));
  }

  async syncPage<T = Record<string, unknown>>(
    name: string,
    params: unknown[],
    continuation?: coda.Continuation,
  ): Promise<{result: T[]; continuation?: coda.Continuation}> {
    return execute(this.target(), name, true, params, this.context(continuation));
  }

  private target(): ExecutionTarget {
    const {pack, mode, companion} = this.options;
    return {pack, mode, bundlePath: COMPANION_BUNDLES[companion], vmStats: this.vmStats};
  }

  /** A whole sync, page by page, each page a separate execution as in Coda. */
  async sync<T = Record<string, unknown>>(name: string, params: unknown[]): Promise<{rows: T[]; pages: number}> {
    const rows: T[] = [];
    let continuation: coda.Continuation | undefined;
    let pages = 0;
    do {
      const page = await this.syncPage<T>(name, params, continuation);
      rows.push(...page.result);
      continuation = page.continuation;
      if (++pages > 100) {
        throw new Error(`${name} did not finish in 100 pages`);
      }
    } while (continuation);
    return {rows, pages};
  }
}
