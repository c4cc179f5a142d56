// The example Zendesk account the companion's examples and tests run against: an agent with an
// OAuth token, the example worker with an appeal ticket, a suspended worker, a view of appeals.
import type {Emulator} from "../../emulator/server";
import {startEmulator} from "../../emulator/server";
import type {ZAccount} from "../../emulator/zendesk";
import {addTicket, addZendeskAccount, addZendeskUser, zendeskAccounts} from "../../emulator/zendesk";
import {pack} from "../../companions/zendesk/pack";
import {
  EXAMPLE_ENDPOINT,
  EXAMPLE_SUSPENDED_USER,
  EXAMPLE_TICKET,
  EXAMPLE_USER,
} from "../../companions/zendesk/formulas/examples";
import type {Mode} from "./runner";
import {CompanionRunner} from "./companions";

export const ZENDESK_TOKEN = "zd-oauth-token-example";
export const AGENT_ID = 361000000001;
export const APPEALS_VIEW = 360001;

export interface ZendeskWorld {
  emu: Emulator;
  account: ZAccount;
  run: CompanionRunner;
  close(): Promise<void>;
}

export async function zendeskWorld(
  options: {mode?: Mode; emulator?: Emulator; passHeaders?: RegExp} = {},
): Promise<ZendeskWorld> {
  const emu = options.emulator ?? (await startEmulator());
  const account = seedZendesk(emu);
  const run = new CompanionRunner({
    companion: "zendesk",
    pack,
    emulator: emu,
    mode: options.mode ?? "node",
    token: ZENDESK_TOKEN,
    endpoint: EXAMPLE_ENDPOINT,
    passHeaders: options.passHeaders,
  });
  return {emu, account, run, close: () => (options.emulator ? Promise.resolve() : emu.close())};
}

export function seedZendesk(emu: Emulator): ZAccount {
  const existing = zendeskAccounts(emu.state).get("example");
  if (existing) {
    return existing;
  }
  const a = addZendeskAccount(emu.state, "example");
  addZendeskUser(a, {id: AGENT_ID, name: "Sam Lead", email: "lead@platform.example", role: "admin"});
  a.tokens.set(ZENDESK_TOKEN, AGENT_ID);
  addZendeskUser(a, {id: Number(EXAMPLE_USER), name: "Ana Pérez", email: "worker1@example.com"});
  addZendeskUser(a, {
    id: Number(EXAMPLE_SUSPENDED_USER),
    name: "Bilal Khan",
    email: "worker2@example.com",
    suspended: true,
    notes: "2026-02-01 Suspended: Blacklisted",
  });
  addTicket(
    a,
    {
      id: EXAMPLE_TICKET,
      requester_id: Number(EXAMPLE_USER),
      subject: "Appeal: my account was suspended",
      tags: ["appeal"],
    },
    "I was suspended for copied answers but I wrote them myself. Please review.",
  );
  a.views.set(APPEALS_VIEW, {id: APPEALS_VIEW, title: "Appeals", tag: "appeal"});
  return a;
}
