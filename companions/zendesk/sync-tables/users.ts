import * as coda from "@codahq/packs-sdk";
import {listUsers, nextPage, searchUsers} from "../api/zendesk";
import {zendeskFrom} from "../api/http";
import {boundary} from "../coda/boundary";
import {UserSchema, userRow} from "../coda/schemas";

export function registerUsersTable(pack: coda.PackDefinitionBuilder): void {
  pack.addSyncTable({
    name: "Users",
    description: "Zendesk users, all or those a search finds (an email, a name, or Zendesk search syntax).",
    identityName: "User",
    schema: UserSchema,
    formula: {
      name: "SyncUsers",
      description: "Reads users 100 per page.",
      parameters: [
        coda.makeParameter({
          type: coda.ParameterType.String,
          name: "query",
          description: "Only users this search finds, e.g. an email address or role:end-user.",
          optional: true,
        }),
      ],
      execute: async ([query], context) =>
        boundary(async () => {
          const z = zendeskFrom(context);
          const next = context.sync.continuation?.next as string | undefined;
          if (query?.trim()) {
            const p = await searchUsers(z, query.trim(), next);
            return {
              result: p.users.map((u) => userRow(z.base, u)),
              continuation: p.next_page ? {next: p.next_page} : undefined,
            };
          }
          const p = await listUsers(z, next);
          const more = nextPage(p);
          return {result: p.users.map((u) => userRow(z.base, u)), continuation: more ? {next: more} : undefined};
        }),
    },
  });
}
