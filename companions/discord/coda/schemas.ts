// What Coda shows: each schema beside the presenter that fills it from Discord's objects.
import * as coda from "@codahq/packs-sdk";
import type {DiscordBan, DiscordMember, DiscordRole} from "../api/discord";

import {changeSchema, count, dateTime, DONE, flag, key, list, text} from "../../shared/coda/schema";

const memberProperties = {
  MemberId: key("The server id and the user id, as guildId/userId: the row's identity."),
  GuildId: text("The server (guild) id."),
  UserId: text("The member's Discord user id (a snowflake, kept as text)."),
  Username: text("The member's Discord username."),
  DisplayName: text("The server nickname, else the global display name, else the username."),
  Roles: list("The ids of the member's roles in this server."),
  RoleNames: list("The names of the member's roles, in the same order."),
  JoinedAt: dateTime("When the member joined the server."),
  TimedOutUntil: dateTime("When the member's timeout ends; empty when not timed out."),
  Bot: flag("True for a bot account."),
};

export const MemberSchema = coda.makeObjectSchema({
  description: "A member of a Discord server.",
  properties: memberProperties,
  displayProperty: "DisplayName",
  idProperty: "MemberId",
  featuredProperties: ["UserId", "Roles", "TimedOutUntil"],
  identity: {name: "Member"},
});

/** What AddRoles, RemoveRoles and TimeoutMember return: the refreshed Members row and what changed. */
export const MemberChangeSchema = changeSchema(
  {properties: memberProperties, idProperty: "MemberId", identity: "Member"},
  "A member after a change, with what the action did.",
  {
    Action: text("What was done: add-roles, remove-roles or timeout."),
    RolesAdded: list("The role ids this action added."),
    RolesRemoved: list("The role ids this action removed: the member held them before."),
    RolesUnchanged: list("Role ids asked for that needed nothing: already held (add) or not held (remove)."),
    Reason: text("The reason written in the server's audit log."),
  },
  ["Action", "RolesAdded", "RolesRemoved", "TimedOutUntil"],
);

const banProperties = {
  BanId: key("The server id and the user id, as guildId/userId: the row's identity."),
  GuildId: text("The server (guild) id."),
  UserId: text("The banned user's id."),
  Username: text("The banned user's username."),
  Reason: text("The reason given for the ban."),
};

export const BanSchema = coda.makeObjectSchema({
  description: "A ban in a Discord server.",
  properties: banProperties,
  displayProperty: "Username",
  idProperty: "BanId",
  featuredProperties: ["UserId", "Reason"],
  identity: {name: "Ban"},
});

/** What BanMember returns: the new Bans row and what was done. */
export const BanChangeSchema = changeSchema(
  {properties: banProperties, idProperty: "BanId", identity: "Ban"},
  "A ban just made.",
  {DeletedMessageSeconds: count("How many seconds of the user's recent messages Discord deleted.")},
  ["UserId", "Reason"],
);

export const RoleSchema = coda.makeObjectSchema({
  description: "A role in a Discord server.",
  properties: {
    RoleId: key("The role's id."),
    GuildId: text("The server (guild) id."),
    Name: text("The role's name."),
    Position: count("The role's position: higher roles outrank lower ones; the bot manages only roles below its own."),
    Managed: flag("True for a role an integration manages, which no one can assign by hand."),
  },
  displayProperty: "Name",
  idProperty: "RoleId",
  featuredProperties: ["Position", "Managed"],
  identity: {name: "Role"},
});

/** What UnbanMember and KickMember return. */
export const ActionResultSchema = coda.makeObjectSchema({
  description: "What a Discord action did.",
  properties: {
    Action: key("What was done: unban or kick."),
    GuildId: text("The server (guild) id."),
    UserId: text("The user's id."),
    Reason: text("The reason written in the server's audit log."),
    Done: DONE,
  },
  displayProperty: "Done",
  featuredProperties: ["Action", "UserId"],
});

export const MessageResultSchema = coda.makeObjectSchema({
  description: "A direct message sent.",
  properties: {
    UserId: key("The user the message went to."),
    ChannelId: text("The direct-message channel's id."),
    MessageId: text("The message's id."),
    SentAt: dateTime("When Discord recorded the message."),
    Done: DONE,
  },
  displayProperty: "Done",
  featuredProperties: ["UserId", "SentAt"],
});

export function memberRow(guildId: string, m: DiscordMember, roleNames: Map<string, string>) {
  return {
    MemberId: `${guildId}/${m.user.id}`,
    GuildId: guildId,
    UserId: m.user.id,
    Username: m.user.username,
    DisplayName: m.nick || m.user.global_name || m.user.username,
    Roles: [...m.roles],
    RoleNames: m.roles.map((r) => roleNames.get(r) ?? r),
    JoinedAt: m.joined_at,
    TimedOutUntil:
      m.communication_disabled_until && Date.parse(m.communication_disabled_until) > Date.now()
        ? m.communication_disabled_until
        : "",
    Bot: Boolean(m.user.bot),
  };
}

export function banRow(guildId: string, b: DiscordBan) {
  return {
    BanId: `${guildId}/${b.user.id}`,
    GuildId: guildId,
    UserId: b.user.id,
    Username: b.user.username,
    Reason: b.reason ?? "",
  };
}

export function roleRow(guildId: string, r: DiscordRole) {
  return {RoleId: r.id, GuildId: guildId, Name: r.name, Position: r.position, Managed: r.managed};
}

export const roleNameMap = (roles: readonly DiscordRole[]) => new Map(roles.map((r) => [r.id, r.name]));
