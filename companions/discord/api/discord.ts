// The Discord endpoints the companion uses, one function each, ids already checked by core.
// https://discord.com/developers/docs/resources/guild and .../resources/user, .../resources/message
import type {Discord} from "./http";
import {callDiscord} from "./http";

export interface DiscordUser {
  id: string;
  username: string;
  global_name?: string | null;
  bot?: boolean;
}
export interface DiscordMember {
  user: DiscordUser;
  nick?: string | null;
  roles: string[];
  joined_at: string;
  communication_disabled_until?: string | null;
}
export interface DiscordBan {
  reason: string | null;
  user: DiscordUser;
}
export interface DiscordRole {
  id: string;
  name: string;
  position: number;
  managed: boolean;
  color: number;
}
export interface DiscordChannel {
  id: string;
}
export interface DiscordMessage {
  id: string;
  channel_id: string;
  timestamp: string;
}

/** Members and bans come in pages of up to 1000, in user id order, after a given user id. */
export const PAGE_LIMIT = 1000;

const guildRoute = (method: string, guildId: string, rest: string) => `${method} /guilds/${guildId}${rest}`;

export const me = (d: Discord) =>
  callDiscord<DiscordUser>(d, {
    method: "GET",
    path: "/users/@me",
    route: "GET /users/@me",
    what: "read the bot's account",
    idempotent: true,
  });

export const getMember = (d: Discord, guildId: string, userId: string) =>
  callDiscord<DiscordMember>(d, {
    method: "GET",
    path: `/guilds/${guildId}/members/${userId}`,
    route: guildRoute("GET", guildId, "/members/:id"),
    what: "read the member",
    idempotent: true,
  });

export const listMembers = (d: Discord, guildId: string, after: string) =>
  callDiscord<DiscordMember[]>(d, {
    method: "GET",
    path: `/guilds/${guildId}/members?limit=${PAGE_LIMIT}&after=${after}`,
    route: guildRoute("GET", guildId, "/members"),
    what: "list the server's members",
    idempotent: true,
  });

export const listBans = (d: Discord, guildId: string, after: string) =>
  callDiscord<DiscordBan[]>(d, {
    method: "GET",
    path: `/guilds/${guildId}/bans?limit=${PAGE_LIMIT}&after=${after}`,
    route: guildRoute("GET", guildId, "/bans"),
    what: "list the server's bans",
    idempotent: true,
  });

export const getBan = (d: Discord, guildId: string, userId: string) =>
  callDiscord<DiscordBan>(d, {
    method: "GET",
    path: `/guilds/${guildId}/bans/${userId}`,
    route: guildRoute("GET", guildId, "/bans/:id"),
    what: "read the ban",
    idempotent: true,
  });

export const listRoles = (d: Discord, guildId: string) =>
  callDiscord<DiscordRole[]>(d, {
    method: "GET",
    path: `/guilds/${guildId}/roles`,
    route: guildRoute("GET", guildId, "/roles"),
    what: "list the server's roles",
    idempotent: true,
  });

export const ban = (d: Discord, guildId: string, userId: string, deleteMessageSeconds: number, reason: string) =>
  callDiscord<void>(d, {
    method: "PUT",
    path: `/guilds/${guildId}/bans/${userId}`,
    route: guildRoute("PUT", guildId, "/bans/:id"),
    body: {delete_message_seconds: deleteMessageSeconds},
    reason,
    what: "ban the member",
    idempotent: true,
  });

export const unban = (d: Discord, guildId: string, userId: string, reason: string) =>
  callDiscord<void>(d, {
    method: "DELETE",
    path: `/guilds/${guildId}/bans/${userId}`,
    route: guildRoute("DELETE", guildId, "/bans/:id"),
    reason,
    what: "lift the ban",
    idempotent: true,
  });

export const kick = (d: Discord, guildId: string, userId: string, reason: string) =>
  callDiscord<void>(d, {
    method: "DELETE",
    path: `/guilds/${guildId}/members/${userId}`,
    route: guildRoute("DELETE", guildId, "/members/:id"),
    reason,
    what: "kick the member",
    idempotent: true,
  });

export const addRole = (d: Discord, guildId: string, userId: string, roleId: string, reason: string) =>
  callDiscord<void>(d, {
    method: "PUT",
    path: `/guilds/${guildId}/members/${userId}/roles/${roleId}`,
    route: guildRoute("PUT", guildId, "/members/:id/roles/:id"),
    reason,
    what: "add the role",
    idempotent: true,
  });

export const removeRole = (d: Discord, guildId: string, userId: string, roleId: string, reason: string) =>
  callDiscord<void>(d, {
    method: "DELETE",
    path: `/guilds/${guildId}/members/${userId}/roles/${roleId}`,
    route: guildRoute("DELETE", guildId, "/members/:id/roles/:id"),
    reason,
    what: "remove the role",
    idempotent: true,
  });

export const setTimeoutUntil = (d: Discord, guildId: string, userId: string, until: string, reason: string) =>
  callDiscord<DiscordMember>(d, {
    method: "PATCH",
    path: `/guilds/${guildId}/members/${userId}`,
    route: guildRoute("PATCH", guildId, "/members/:id"),
    body: {communication_disabled_until: until},
    reason,
    what: "time out the member",
    idempotent: true,
  });

export const openDm = (d: Discord, userId: string) =>
  callDiscord<DiscordChannel>(d, {
    method: "POST",
    path: "/users/@me/channels",
    route: "POST /users/@me/channels",
    body: {recipient_id: userId},
    what: "open a direct message",
    idempotent: true,
  });

export const sendMessage = (d: Discord, channelId: string, content: string) =>
  callDiscord<DiscordMessage>(d, {
    method: "POST",
    path: `/channels/${channelId}/messages`,
    route: `POST /channels/${channelId}/messages`,
    body: {content, allowed_mentions: {parse: []}},
    what: "send the direct message",
    idempotent: false,
  });
