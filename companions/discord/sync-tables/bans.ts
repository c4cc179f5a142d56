import type * as coda from "@codahq/packs-sdk";
import {listBans, PAGE_LIMIT} from "../api/discord";
import {discordFrom} from "../api/http";
import {snowflake} from "../core/ids";
import {boundary} from "../coda/boundary";
import {GuildIdParam} from "../coda/params";
import {BanSchema, banRow} from "../coda/schemas";

export function registerBansTable(pack: coda.PackDefinitionBuilder): void {
  pack.addSyncTable({
    name: "Bans",
    description: "The server's bans with their reasons.",
    identityName: "Ban",
    schema: BanSchema,
    formula: {
      name: "SyncBans",
      description: "Reads the server's bans, 1000 per page, in user id order.",
      parameters: [GuildIdParam],
      execute: async ([guild], context) =>
        boundary(async () => {
          const guildId = snowflake(guild, "server id");
          const after = (context.sync.continuation?.after as string | undefined) ?? "0";
          const bans = await listBans(discordFrom(context), guildId, after);
          const last = bans[bans.length - 1];
          return {
            result: bans.map((b) => banRow(guildId, b)),
            continuation: bans.length === PAGE_LIMIT && last ? {after: last.user.id} : undefined,
          };
        }),
    },
  });
}
