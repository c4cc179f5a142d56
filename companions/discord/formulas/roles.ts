import * as coda from "@codahq/packs-sdk";
import {addRole, getMember, listRoles, removeRole} from "../api/discord";
import {discordFrom} from "../api/http";
import {snowflake, snowflakes} from "../core/ids";
import {auditReason, rolesToAdd, rolesToRemove} from "../core/rules";
import {boundary} from "../coda/boundary";
import {GuildIdParam, ReasonParam, RoleIdsParam, UserIdParam} from "../coda/params";
import {MemberChangeSchema, memberRow, roleNameMap} from "../coda/schemas";
import {EXAMPLE_GUILD, EXAMPLE_ROLE_CONTRIBUTOR, EXAMPLE_ROLE_REVIEWER, EXAMPLE_USER} from "./examples";

type Change = "add-roles" | "remove-roles";

async function changeRoles(
  context: coda.ExecutionContext,
  action: Change,
  guild: string,
  user: string,
  roles: string[],
  why: string,
) {
  const guildId = snowflake(guild, "server id");
  const userId = snowflake(user, "user id");
  const roleIds = snowflakes(roles, "role id");
  const reason = auditReason(why);
  const d = discordFrom(context);
  // The member's roles first: only what they hold is removed, and the result says so exactly.
  const before = await getMember(d, guildId, userId);
  const plan =
    action === "remove-roles"
      ? {changed: rolesToRemove(before.roles, roleIds).remove, unchanged: rolesToRemove(before.roles, roleIds).notHeld}
      : {changed: rolesToAdd(before.roles, roleIds).add, unchanged: rolesToAdd(before.roles, roleIds).alreadyHeld};
  for (const roleId of plan.changed) {
    await (action === "remove-roles" ? removeRole : addRole)(d, guildId, userId, roleId, reason.header);
  }
  const after = plan.changed.length ? await getMember(d, guildId, userId) : before;
  const row = memberRow(guildId, after, roleNameMap(await listRoles(d, guildId)));
  const verb = action === "remove-roles" ? "Removed" : "Added";
  return {
    ...row,
    Action: action,
    RolesAdded: action === "add-roles" ? plan.changed : [],
    RolesRemoved: action === "remove-roles" ? plan.changed : [],
    RolesUnchanged: plan.unchanged,
    Reason: reason.text,
    Done: plan.changed.length
      ? `${verb} ${plan.changed.length} role(s) ${action === "remove-roles" ? "from" : "to"} ${row.DisplayName}: ${plan.changed.join(", ")}.`
      : `Nothing to change: ${row.DisplayName} ${action === "remove-roles" ? "holds none" : "already holds all"} of those roles.`,
  };
}

export function registerRoles(pack: coda.PackDefinitionBuilder): void {
  pack.addFormula({
    name: "AddRoles",
    description:
      "Gives a member roles they lack; the reason goes to the audit log. Returns the Members row and the roles added.",
    isAction: true,
    parameters: [GuildIdParam, UserIdParam, RoleIdsParam, ReasonParam],
    resultType: coda.ValueType.Object,
    schema: MemberChangeSchema,
    examples: [
      {
        params: [EXAMPLE_GUILD, EXAMPLE_USER, [EXAMPLE_ROLE_REVIEWER], "Promoted to reviewer"],
        result: {Action: "add-roles", RolesAdded: [EXAMPLE_ROLE_REVIEWER], RolesUnchanged: []},
      },
    ],
    execute: async ([guild, user, roles, why], context) =>
      boundary(() => changeRoles(context, "add-roles", guild, user, roles, why)),
  });

  pack.addFormula({
    name: "RemoveRoles",
    description:
      "Removes roles from a member, after reading which they hold; the result's RolesRemoved lists exactly the roles taken away.",
    isAction: true,
    parameters: [GuildIdParam, UserIdParam, RoleIdsParam, ReasonParam],
    resultType: coda.ValueType.Object,
    schema: MemberChangeSchema,
    examples: [
      {
        params: [EXAMPLE_GUILD, EXAMPLE_USER, [EXAMPLE_ROLE_CONTRIBUTOR, EXAMPLE_ROLE_REVIEWER], "Suspended (CoC 4.2)"],
        result: {
          Action: "remove-roles",
          RolesRemoved: [EXAMPLE_ROLE_CONTRIBUTOR],
          RolesUnchanged: [EXAMPLE_ROLE_REVIEWER],
          Roles: [],
        },
      },
    ],
    execute: async ([guild, user, roles, why], context) =>
      boundary(() => changeRoles(context, "remove-roles", guild, user, roles, why)),
  });
}
