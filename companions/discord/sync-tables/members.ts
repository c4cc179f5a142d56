import type * as coda from "@codahq/packs-sdk";
import {listMembers, listRoles, PAGE_LIMIT} from "../api/discord";
import {discordFrom} from "../api/http";
import {snowflake} from "../core/ids";
import {boundary} from "../coda/boundary";
import {GuildIdParam} from "../coda/params";
import {MemberSchema, memberRow, roleNameMap} from "../coda/schemas";

export function registerMembersTable(pack: coda.PackDefinitionBuilder): void {
  pack.addSyncTable({
    name: "Members",
    description: "The server's members with their roles and timeouts (needs the bot's Server Members Intent).",
    identityName: "Member",
    schema: MemberSchema,
    formula: {
      name: "SyncMembers",
      description: "Reads the server's members, 1000 per page, in user id order.",
      parameters: [GuildIdParam],
      execute: async ([guild], context) =>
        boundary(async () => {
          const guildId = snowflake(guild, "server id");
          const after = (context.sync.continuation?.after as string | undefined) ?? "0";
          const d = discordFrom(context);
          const members = await listMembers(d, guildId, after);
          const names = roleNameMap(await listRoles(d, guildId));
          const last = members[members.length - 1];
          return {
            result: members.map((m) => memberRow(guildId, m, names)),
            continuation: members.length === PAGE_LIMIT && last ? {after: last.user.id} : undefined,
          };
        }),
    },
  });
}
