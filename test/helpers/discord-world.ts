// The example Discord server the companion's examples and tests run against: a bot with a token,
// the example guild with roles, members and one ban, all with snowflakes beyond 2^53.
import type {Emulator} from "../../emulator/server";
import {startEmulator} from "../../emulator/server";
import {addBot, addDiscordUser, addGuild, addMember, discordStore} from "../../emulator/discord";
import type {DiscordStore} from "../../emulator/discord";
import {pack} from "../../companions/discord/pack";
import {
  EXAMPLE_GUILD,
  EXAMPLE_ROLE_CONTRIBUTOR,
  EXAMPLE_ROLE_REVIEWER,
  EXAMPLE_USER,
  EXAMPLE_USER_2,
} from "../../companions/discord/formulas/examples";
import type {Mode} from "./runner";
import {CompanionRunner} from "./companions";

export const BOT_TOKEN = "bot-token-example";
export const BANNED_USER = "1199000000000000103";
/** A role above the bot's own: the bot may not manage it. */
export const EXAMPLE_ROLE_ADMIN = "1199000000000000013";

export interface DiscordWorld {
  emu: Emulator;
  store: DiscordStore;
  run: CompanionRunner;
  close(): Promise<void>;
}

export async function discordWorld(
  options: {mode?: Mode; emulator?: Emulator; redactHeaders?: RegExp; passHeaders?: RegExp} = {},
): Promise<DiscordWorld> {
  const emu = options.emulator ?? (await startEmulator());
  seedDiscord(emu);
  const run = new CompanionRunner({
    companion: "discord",
    pack,
    emulator: emu,
    mode: options.mode ?? "node",
    token: BOT_TOKEN,
    redactHeaders: options.redactHeaders,
    passHeaders: options.passHeaders,
  });
  return {emu, store: discordStore(emu.state), run, close: () => (options.emulator ? Promise.resolve() : emu.close())};
}

/** Seeds the example server into an emulator (the demo and the main-pack chain tests share it). */
export function seedDiscord(emu: Emulator): void {
  const state = emu.state;
  if (discordStore(state).guilds.has(EXAMPLE_GUILD)) {
    return;
  }
  addBot(state, BOT_TOKEN);
  addGuild(state, {
    id: EXAMPLE_GUILD,
    name: "Labellers' community",
    roles: [
      {id: EXAMPLE_ROLE_CONTRIBUTOR, name: "Contributor", position: 1},
      {id: EXAMPLE_ROLE_REVIEWER, name: "Reviewer", position: 2},
      {id: EXAMPLE_ROLE_ADMIN, name: "Admin", position: 200},
    ],
  });
  addDiscordUser(state, {id: EXAMPLE_USER, username: "ana.perez", global_name: "Ana"});
  addDiscordUser(state, {id: EXAMPLE_USER_2, username: "bilal.k"});
  addDiscordUser(state, {id: BANNED_USER, username: "chen.w"});
  addMember(state, EXAMPLE_GUILD, EXAMPLE_USER, {roles: [EXAMPLE_ROLE_CONTRIBUTOR]});
  addMember(state, EXAMPLE_GUILD, EXAMPLE_USER_2, {roles: [EXAMPLE_ROLE_CONTRIBUTOR]});
  discordStore(state).guilds.get(EXAMPLE_GUILD)?.bans.set(BANNED_USER, {reason: "Spam"});
}
