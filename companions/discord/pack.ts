// The Discord companion: carries the ledger's decisions to the platform's Discord server.
// One network domain and one credential, the team's bot token, on a connection the team shares.
import * as coda from "@codahq/packs-sdk";
import {me} from "./api/discord";
import {discordFrom} from "./api/http";
import {registerModeration} from "./formulas/moderation";
import {registerRoles} from "./formulas/roles";
import {registerMessages} from "./formulas/messages";
import {registerMembersTable} from "./sync-tables/members";
import {registerBansTable} from "./sync-tables/bans";
import {registerRolesTable} from "./sync-tables/roles";

export const pack = coda.newPack();

// A bot token goes in "Authorization: Bot <token>" (https://discord.com/developers/docs/reference#authentication).
pack.setUserAuthentication({
  type: coda.AuthenticationType.CustomHeaderToken,
  headerName: "Authorization",
  tokenPrefix: "Bot",
  instructionsUrl: "https://discord.com/developers/applications",
  getConnectionName: async (context) => `${(await me(discordFrom(context))).username} (bot)`,
});

pack.addNetworkDomain("discord.com");

registerModeration(pack);
registerRoles(pack);
registerMessages(pack);
registerMembersTable(pack);
registerBansTable(pack);
registerRolesTable(pack);
