import type * as coda from "@codahq/packs-sdk";
import {listRoles} from "../api/discord";
import {discordFrom} from "../api/http";
import {snowflake} from "../core/ids";
import {boundary} from "../coda/boundary";
import {GuildIdParam} from "../coda/params";
import {RoleSchema, roleRow} from "../coda/schemas";

export function registerRolesTable(pack: coda.PackDefinitionBuilder): void {
  pack.addSyncTable({
    name: "Roles",
    description: "The server's roles, highest first: their ids are what AddRoles, RemoveRoles and Settings use.",
    identityName: "Role",
    schema: RoleSchema,
    formula: {
      name: "SyncRoles",
      description: "Reads the server's roles.",
      parameters: [GuildIdParam],
      execute: async ([guild], context) =>
        boundary(async () => {
          const guildId = snowflake(guild, "server id");
          const roles = await listRoles(discordFrom(context), guildId);
          return {result: [...roles].sort((a, b) => b.position - a.position).map((r) => roleRow(guildId, r))};
        }),
    },
  });
}
