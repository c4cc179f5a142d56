import * as coda from "@codahq/packs-sdk";
import {ban, getBan, getMember, kick, listRoles, setTimeoutUntil, unban} from "../api/discord";
import type {Discord} from "../api/http";
import {discordFrom} from "../api/http";
import {snowflake} from "../core/ids";
import {auditReason, deleteMessageSeconds, timeoutUntil} from "../core/rules";
import {boundary} from "../coda/boundary";
import {GuildIdParam, ReasonParam, UserIdParam} from "../coda/params";
import {ActionResultSchema, BanChangeSchema, banRow, MemberChangeSchema, memberRow, roleNameMap} from "../coda/schemas";
import {EXAMPLE_GUILD, EXAMPLE_USER, EXAMPLE_USER_2} from "./examples";

/** UnbanMember and KickMember: one call on a user with a reason for the audit log, and what was done. */
async function memberAction(
  context: coda.ExecutionContext,
  action: "unban" | "kick",
  call: (d: Discord, guildId: string, userId: string, reason: string) => Promise<void>,
  [guild, user, why]: [string, string, string],
  done: (userId: string) => string,
) {
  const guildId = snowflake(guild, "server id");
  const userId = snowflake(user, "user id");
  const reason = auditReason(why);
  await call(discordFrom(context), guildId, userId, reason.header);
  return {Action: action, GuildId: guildId, UserId: userId, Reason: reason.text, Done: done(userId)};
}

export function registerModeration(pack: coda.PackDefinitionBuilder): void {
  pack.addFormula({
    name: "BanMember",
    description:
      "Bans a user from the server (a member or not), so they cannot rejoin; the reason goes to the audit log. Returns the Bans row.",
    isAction: true,
    parameters: [
      GuildIdParam,
      UserIdParam,
      ReasonParam,
      coda.makeParameter({
        type: coda.ParameterType.Number,
        name: "deleteMessageDays",
        description: "Also delete the user's messages of the last 0 to 7 days (default 0).",
        optional: true,
      }),
    ],
    resultType: coda.ValueType.Object,
    schema: BanChangeSchema,
    examples: [
      {
        params: [EXAMPLE_GUILD, EXAMPLE_USER_2, "Blacklisted: identity fraud (CoC 1.3)", 1],
        result: {
          BanId: `${EXAMPLE_GUILD}/${EXAMPLE_USER_2}`,
          UserId: EXAMPLE_USER_2,
          Username: "bilal.k",
          Reason: "Blacklisted: identity fraud (CoC 1.3)",
          DeletedMessageSeconds: 86400,
        },
      },
    ],
    execute: async ([guild, user, why, days], context) =>
      boundary(async () => {
        const guildId = snowflake(guild, "server id");
        const userId = snowflake(user, "user id");
        const reason = auditReason(why);
        const seconds = deleteMessageSeconds(days);
        const d = discordFrom(context);
        await ban(d, guildId, userId, seconds, reason.header);
        const row = banRow(guildId, await getBan(d, guildId, userId));
        return {
          ...row,
          DeletedMessageSeconds: seconds,
          Done: `Banned ${row.Username} (${userId}) from the server${seconds ? `, deleting ${seconds / 86400} day(s) of messages` : ""}.`,
        };
      }),
  });

  pack.addFormula({
    name: "UnbanMember",
    description: "Lifts a user's ban so they may join the server again; the reason goes to the audit log.",
    isAction: true,
    parameters: [GuildIdParam, UserIdParam, ReasonParam],
    resultType: coda.ValueType.Object,
    schema: ActionResultSchema,
    examples: [
      {
        params: [EXAMPLE_GUILD, "1199000000000000103", "Appeal upheld"],
        result: {Action: "unban", UserId: "1199000000000000103", Reason: "Appeal upheld"},
      },
    ],
    execute: async ([guild, user, why], context) =>
      boundary(() =>
        memberAction(context, "unban", unban, [guild, user, why], (userId) => `Lifted the ban on ${userId}.`),
      ),
  });

  pack.addFormula({
    name: "KickMember",
    description: "Removes a member from the server; they may rejoin with an invite. The reason goes to the audit log.",
    isAction: true,
    parameters: [GuildIdParam, UserIdParam, ReasonParam],
    resultType: coda.ValueType.Object,
    schema: ActionResultSchema,
    examples: [
      {
        params: [EXAMPLE_GUILD, EXAMPLE_USER_2, "Offboarded: project ended"],
        result: {Action: "kick", UserId: EXAMPLE_USER_2, Reason: "Offboarded: project ended"},
      },
    ],
    execute: async ([guild, user, why], context) =>
      boundary(() =>
        memberAction(context, "kick", kick, [guild, user, why], (userId) => `Kicked ${userId} from the server.`),
      ),
  });

  pack.addFormula({
    name: "TimeoutMember",
    description:
      "Times a member out (no messages, reactions or voice) until the given time, at most 28 days ahead as Discord allows. Returns the Members row.",
    isAction: true,
    parameters: [
      GuildIdParam,
      UserIdParam,
      coda.makeParameter({
        type: coda.ParameterType.Date,
        name: "until",
        description: "When the timeout ends: after now and at most 28 days ahead.",
      }),
      ReasonParam,
    ],
    resultType: coda.ValueType.Object,
    schema: MemberChangeSchema,
    examples: [
      {
        params: [EXAMPLE_GUILD, EXAMPLE_USER, new Date("2026-03-09T00:00:00Z"), "Suspended until 9 March (CoC 4.2)"],
        result: {
          MemberId: `${EXAMPLE_GUILD}/${EXAMPLE_USER}`,
          Action: "timeout",
          TimedOutUntil: "2026-03-09T00:00:00.000Z",
          Reason: "Suspended until 9 March (CoC 4.2)",
        },
      },
    ],
    execute: async ([guild, user, until, why], context) =>
      boundary(async () => {
        const guildId = snowflake(guild, "server id");
        const userId = snowflake(user, "user id");
        const end = timeoutUntil(until, new Date().toISOString());
        const reason = auditReason(why);
        const d = discordFrom(context);
        const member = await setTimeoutUntil(d, guildId, userId, end, reason.header);
        const row = memberRow(
          guildId,
          member.user ? member : await getMember(d, guildId, userId),
          roleNameMap(await listRoles(d, guildId)),
        );
        return {
          ...row,
          Action: "timeout",
          RolesAdded: [],
          RolesRemoved: [],
          RolesUnchanged: [],
          Reason: reason.text,
          Done: `Timed out ${row.DisplayName} until ${end}.`,
        };
      }),
  });
}
