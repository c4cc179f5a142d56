// Ledger worlds for the external steps: Settings that point at the example Discord server, a
// worker with Discord and Zendesk accounts, and decisions that owe steps.
import type {LedgerFixture} from "./fixture";
import {setSetting} from "./ledger-rows";
import {EXAMPLE_GUILD, EXAMPLE_USER as DISCORD_USER} from "../../companions/discord/formulas/examples";
import {EXAMPLE_USER as ZENDESK_USER} from "../../companions/zendesk/formulas/examples";

/** Points the ledger's Settings at the example Discord server (and any other keys given). */
export function configureExternal(f: LedgerFixture, settings: Record<string, string> = {}): void {
  setSetting(f.emu.state, f.spreadsheetId, "Discord.GuildId", EXAMPLE_GUILD);
  for (const [key, value] of Object.entries(settings)) {
    setSetting(f.emu.state, f.spreadsheetId, key, value);
  }
}

/** Records the worker's Discord and Zendesk accounts (the example ones by default). */
export async function linkAccounts(
  f: LedgerFixture,
  workerId: string,
  ids: {discord?: string; zendesk?: string} = {},
): Promise<void> {
  await f.run.formula(
    "UpdateWorkerDetails",
    [f.ledger, workerId, undefined, undefined, ids.discord ?? DISCORD_USER, ids.zendesk ?? ZENDESK_USER],
    f.team.lead,
  );
}

/** Blacklists a worker with linked accounts: the decision owes Discord.ban and Zendesk.suspend-user. */
export async function blacklistWithSteps(f: LedgerFixture, workerId: string): Promise<void> {
  configureExternal(f);
  await linkAccounts(f, workerId);
  await f.run.formula(
    "ProposeBlacklist",
    [f.ledger, workerId, "Two identities on one bank account", "CoC 1.3", "https://drive.example/e1"],
    f.team.lead,
  );
  await f.run.formula("ApproveBlacklist", [f.ledger, workerId, "Reviewed"], f.team.lead2);
}
