// The subset of Discord's REST API v10 the Discord companion uses, with Discord's documented
// answers. Sources (cited per behaviour below):
// - Guild resource: https://discord.com/developers/docs/resources/guild (members, bans, roles, timeouts)
// - User / channel / message: https://discord.com/developers/docs/resources/user#create-dm,
//   https://discord.com/developers/docs/resources/message#create-message (content up to 2000 characters)
// - Errors: https://discord.com/developers/docs/topics/opcodes-and-status-codes#json (JSON codes),
//   https://discord.com/developers/docs/reference#error-messages (the {code, message, errors} body)
// - Rate limits: https://discord.com/developers/docs/topics/rate-limits (X-RateLimit-* headers, 429 body
//   {message, retry_after, global}, Retry-After, X-RateLimit-Scope)
// - Audit log reason: https://discord.com/developers/docs/resources/audit-log ("X-Audit-Log-Reason",
//   1-512 characters, URL-encoded)
// - Snowflakes: https://discord.com/developers/docs/reference#snowflakes
import {createHash} from "node:crypto";
import type {EmulatorState} from "./state";
import type {ForeignHandler, ForeignResponse} from "./server";

export type DiscordPermission = "BAN_MEMBERS" | "KICK_MEMBERS" | "MANAGE_ROLES" | "MODERATE_MEMBERS";
export const ALL_PERMISSIONS: DiscordPermission[] = ["BAN_MEMBERS", "KICK_MEMBERS", "MANAGE_ROLES", "MODERATE_MEMBERS"];

export interface DiscordUserRecord {
  id: string;
  username: string;
  global_name: string | null;
  bot?: boolean;
  /** False: the user's privacy settings refuse direct messages (error 50007). */
  acceptsDms: boolean;
}
export interface DiscordRoleRecord {
  id: string;
  name: string;
  position: number;
  managed: boolean;
  color: number;
}
export interface DiscordMemberRecord {
  roles: string[];
  joined_at: string;
  nick: string | null;
  communication_disabled_until: string | null;
}
export interface DiscordGuildRecord {
  id: string;
  name: string;
  roles: Map<string, DiscordRoleRecord>;
  members: Map<string, DiscordMemberRecord>;
  bans: Map<string, {reason: string | null}>;
  /** What the bot's role grants in this server. */
  botPermissions: Set<DiscordPermission>;
  /** The bot's highest role position: it manages only roles below it (role hierarchy). */
  botTopPosition: number;
  /** The privileged Server Members Intent: without it, listing members answers 50001 Missing Access. */
  membersIntent: boolean;
}
export interface AuditEntry {
  guildId: string;
  action: string;
  targetId: string;
  roleId?: string;
  reason: string | null;
  at: string;
}
export interface DiscordStore {
  /** Bot tokens -> the bot user. */
  bots: Map<string, DiscordUserRecord>;
  users: Map<string, DiscordUserRecord>;
  guilds: Map<string, DiscordGuildRecord>;
  channels: Map<string, {id: string; recipientId: string}>;
  messages: Array<{id: string; channelId: string; recipientId: string; content: string; timestamp: string}>;
  auditLog: AuditEntry[];
  /** Per-route bucket size and window; tests shrink it to exercise waiting. */
  rateLimit: {limit: number; windowMs: number};
  buckets: Map<string, {count: number; windowStart: number}>;
  /** The next N requests answer 429 (scope "shared"), as limits no header announces do. */
  throttleNext: number;
  throttleRetryAfterSeconds: number;
  /** Every request served, with its status and decoded audit-log reason. */
  requests: Array<{method: string; path: string; status: number; reason: string | null}>;
}

export function discordStore(state: EmulatorState): DiscordStore {
  let store = state.extensions.get("discord") as DiscordStore | undefined;
  if (!store) {
    store = {
      bots: new Map(),
      users: new Map(),
      guilds: new Map(),
      channels: new Map(),
      messages: [],
      auditLog: [],
      rateLimit: {limit: 50, windowMs: 1000},
      buckets: new Map(),
      throttleNext: 0,
      throttleRetryAfterSeconds: 0.2,
      requests: [],
    };
    state.extensions.set("discord", store);
  }
  return store;
}

let sequence = 0;
/** A new snowflake: ms since Discord's epoch (2015-01-01) in the top 42 bits. */
export function newSnowflake(now = Date.now()): string {
  sequence = (sequence + 1) & 0xfff;
  return (((BigInt(now) - 1_420_070_400_000n) << 22n) | BigInt(sequence)).toString();
}

export function addBot(state: EmulatorState, token: string, username = "tns-bot"): DiscordUserRecord {
  const bot = {id: newSnowflake(), username, global_name: null, bot: true, acceptsDms: false};
  discordStore(state).bots.set(token, bot);
  discordStore(state).users.set(bot.id, bot);
  return bot;
}

export function addDiscordUser(
  state: EmulatorState,
  user: {id: string; username: string; global_name?: string; acceptsDms?: boolean},
): DiscordUserRecord {
  const record = {global_name: null, acceptsDms: true, ...user};
  discordStore(state).users.set(record.id, record);
  return record;
}

export function addGuild(
  state: EmulatorState,
  guild: {id: string; name: string; roles?: Array<{id: string; name: string; position: number; managed?: boolean}>},
): DiscordGuildRecord {
  const record: DiscordGuildRecord = {
    id: guild.id,
    name: guild.name,
    // Every server has @everyone, whose id is the server's.
    roles: new Map([[guild.id, {id: guild.id, name: "@everyone", position: 0, managed: false, color: 0}]]),
    members: new Map(),
    bans: new Map(),
    botPermissions: new Set(ALL_PERMISSIONS),
    botTopPosition: 100,
    membersIntent: true,
  };
  for (const r of guild.roles ?? []) {
    record.roles.set(r.id, {managed: false, color: 0, ...r});
  }
  discordStore(state).guilds.set(record.id, record);
  return record;
}

export function addMember(
  state: EmulatorState,
  guildId: string,
  userId: string,
  options: {roles?: string[]; nick?: string; joinedAt?: string} = {},
): DiscordMemberRecord {
  const guild = discordStore(state).guilds.get(guildId);
  if (!guild) {
    throw new Error(`no guild ${guildId}`);
  }
  const member = {
    roles: options.roles ?? [],
    joined_at: options.joinedAt ?? "2026-01-05T10:00:00.000000+00:00",
    nick: options.nick ?? null,
    communication_disabled_until: null,
  };
  guild.members.set(userId, member);
  return member;
}

// ---------- answers ----------

class DiscordError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: unknown,
  ) {
    super(message);
  }
}
const unknown = (what: "Guild" | "Member" | "Role" | "User" | "Ban" | "Channel") =>
  new DiscordError(
    404,
    {Guild: 10004, Member: 10007, Role: 10011, User: 10013, Ban: 10026, Channel: 10003}[what],
    `Unknown ${what}`,
  );
const missingPermissions = () => new DiscordError(403, 50013, "Missing Permissions");
const invalidForm = (field: string, code: string, message: string) =>
  new DiscordError(400, 50035, "Invalid Form Body", {[field]: {_errors: [{code, message}]}});

const SNOWFLAKE = /^\d{1,20}$/;

/** The route template, its top-level id and the handler, from a path under /api/v10. */
function route(method: string, path: string): {template: string; major: string; params: string[]} | undefined {
  const patterns: Array<[string, RegExp]> = [
    ["GET /users/@me", /^\/users\/@me$/],
    ["POST /users/@me/channels", /^\/users\/@me\/channels$/],
    [`${method} /guilds/:g/members`, /^\/guilds\/([^/]+)\/members$/],
    [`${method} /guilds/:g/members/:u`, /^\/guilds\/([^/]+)\/members\/([^/]+)$/],
    [`${method} /guilds/:g/members/:u/roles/:r`, /^\/guilds\/([^/]+)\/members\/([^/]+)\/roles\/([^/]+)$/],
    [`${method} /guilds/:g/bans`, /^\/guilds\/([^/]+)\/bans$/],
    [`${method} /guilds/:g/bans/:u`, /^\/guilds\/([^/]+)\/bans\/([^/]+)$/],
    [`${method} /guilds/:g/roles`, /^\/guilds\/([^/]+)\/roles$/],
    ["POST /channels/:c/messages", /^\/channels\/([^/]+)\/messages$/],
  ];
  for (const [template, pattern] of patterns) {
    const m = pattern.exec(path);
    if (m) {
      return {template, major: m[1] ?? "", params: m.slice(1)};
    }
  }
  return undefined;
}

export const handleDiscord: ForeignHandler = (state, call) => {
  const store = discordStore(state);
  const path = call.path.replace(/^\/api\/v10/, "");
  const reasonHeader = call.headers["x-audit-log-reason"];
  let reason: string | null = null;
  const answer = (r: ForeignResponse): ForeignResponse => {
    store.requests.push({method: call.method, path, status: r.status, reason});
    return r;
  };
  const fail = (err: DiscordError, headers: Record<string, string> = {}) =>
    answer({
      status: err.status,
      body: {message: err.message, code: err.code, ...(err.errors ? {errors: err.errors} : {})},
      headers,
    });

  const token = /^Bot (.+)$/.exec(String(call.headers.authorization ?? ""))?.[1];
  const bot = token ? store.bots.get(token) : undefined;
  if (!bot) {
    return fail(new DiscordError(401, 0, "401: Unauthorized"));
  }
  const r = route(call.method, path);
  if (!r) {
    return fail(new DiscordError(404, 0, "404: Not Found"));
  }
  // Per-route buckets, counted per top-level resource (the guild or channel id).
  const now = Date.now();
  const bucketName = createHash("sha256").update(r.template).digest("hex").slice(0, 16);
  const bucketKey = `${bucketName}:${r.template.includes("/guilds/") || r.template.includes("/channels/") ? r.major : ""}`;
  const {limit, windowMs} = store.rateLimit;
  let bucket = store.buckets.get(bucketKey);
  if (!bucket || now - bucket.windowStart >= windowMs) {
    bucket = {count: 0, windowStart: now};
    store.buckets.set(bucketKey, bucket);
  }
  const resetAfter = Math.max(0, bucket.windowStart + windowMs - now) / 1000;
  const limitHeaders = (remaining: number) => ({
    "X-RateLimit-Limit": String(limit),
    "X-RateLimit-Remaining": String(remaining),
    "X-RateLimit-Reset": ((now + resetAfter * 1000) / 1000).toFixed(3),
    "X-RateLimit-Reset-After": resetAfter.toFixed(3),
    "X-RateLimit-Bucket": bucketName,
  });
  if (store.throttleNext > 0) {
    store.throttleNext--;
    const s = store.throttleRetryAfterSeconds;
    return answer({
      status: 429,
      body: {message: "You are being rate limited.", retry_after: s, global: false},
      headers: {"Retry-After": String(Math.ceil(s)), "X-RateLimit-Scope": "shared"},
    });
  }
  if (bucket.count >= limit) {
    return answer({
      status: 429,
      body: {message: "You are being rate limited.", retry_after: Number(resetAfter.toFixed(3)), global: false},
      headers: {...limitHeaders(0), "Retry-After": String(Math.ceil(resetAfter)), "X-RateLimit-Scope": "user"},
    });
  }
  bucket.count++;
  const headers = limitHeaders(limit - bucket.count);
  try {
    if (reasonHeader !== undefined) {
      try {
        reason = decodeURIComponent(String(reasonHeader));
      } catch {
        throw invalidForm("reason", "BASE_TYPE_BAD_ENCODING", "The X-Audit-Log-Reason header must be URL-encoded.");
      }
      if (reason.length > 512) {
        throw invalidForm("reason", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 512 in length.");
      }
    }
    for (const [n, id] of r.params.entries()) {
      if (!SNOWFLAKE.test(id)) {
        throw invalidForm(
          ["guild_id", "user_id", "role_id"][n] ?? "id",
          "NUMBER_TYPE_COERCE",
          `Value "${id}" is not snowflake.`,
        );
      }
    }
    const result = serve(store, bot, r.template, r.params, call.query, call.body, reason, now);
    return answer(result === undefined ? {status: 204, headers} : {status: 200, body: result, headers});
  } catch (err) {
    if (err instanceof DiscordError) {
      return fail(err, headers);
    }
    throw err;
  }
};

function guildOf(store: DiscordStore, id: string): DiscordGuildRecord {
  const guild = store.guilds.get(id);
  if (!guild) {
    throw unknown("Guild");
  }
  return guild;
}

function need(guild: DiscordGuildRecord, permission: DiscordPermission): void {
  if (!guild.botPermissions.has(permission)) {
    throw missingPermissions();
  }
}

function memberObject(store: DiscordStore, userId: string, m: DiscordMemberRecord) {
  const u = store.users.get(userId);
  return {
    user: {
      id: userId,
      username: u?.username ?? "unknown",
      global_name: u?.global_name ?? null,
      ...(u?.bot ? {bot: true} : {}),
    },
    nick: m.nick,
    roles: [...m.roles],
    joined_at: m.joined_at,
    communication_disabled_until: m.communication_disabled_until,
  };
}

/** Members and bans in user id order after `after`, at most `limit` (Discord's list endpoints). */
function page<T>(entries: Array<[string, T]>, query: URLSearchParams, defaultLimit: number): Array<[string, T]> {
  const limit = Number(query.get("limit") ?? defaultLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw invalidForm("limit", "NUMBER_TYPE_MAX", "int value should be less than or equal to 1000.");
  }
  const after = BigInt(query.get("after") ?? "0");
  return entries
    .filter(([id]) => BigInt(id) > after)
    .sort(([a], [b]) => (BigInt(a) < BigInt(b) ? -1 : 1))
    .slice(0, limit);
}

function serve(
  store: DiscordStore,
  bot: DiscordUserRecord,
  template: string,
  params: string[],
  query: URLSearchParams,
  body: unknown,
  reason: string | null,
  now: number,
): unknown {
  const [first = "", second = "", third = ""] = params;
  const log = (guildId: string, action: string, targetId: string, roleId?: string) =>
    store.auditLog.push({
      guildId,
      action,
      targetId,
      reason,
      at: new Date(now).toISOString(),
      ...(roleId ? {roleId} : {}),
    });
  switch (template) {
    case "GET /users/@me":
      return {id: bot.id, username: bot.username, global_name: null, bot: true};
    case "GET /guilds/:g/members": {
      const guild = guildOf(store, first);
      if (!guild.membersIntent) {
        throw new DiscordError(403, 50001, "Missing Access");
      }
      // limit defaults to 1 (List Guild Members).
      return page([...guild.members.entries()], query, 1).map(([id, m]) => memberObject(store, id, m));
    }
    case "GET /guilds/:g/members/:u": {
      const member = guildOf(store, first).members.get(second);
      if (!member) {
        throw unknown("Member");
      }
      return memberObject(store, second, member);
    }
    case "PATCH /guilds/:g/members/:u": {
      const guild = guildOf(store, first);
      need(guild, "MODERATE_MEMBERS");
      const member = guild.members.get(second);
      if (!member) {
        throw unknown("Member");
      }
      const until = (body as {communication_disabled_until?: string | null} | undefined)?.communication_disabled_until;
      if (until !== undefined) {
        // "up to 28 days in the future" (Modify Guild Member).
        if (until !== null && (!Number.isFinite(Date.parse(until)) || Date.parse(until) > now + 28 * 86_400_000)) {
          throw invalidForm(
            "communication_disabled_until",
            "BASE_TYPE_BAD_TIME",
            "Timeout cannot be more than 28 days in the future.",
          );
        }
        member.communication_disabled_until = until;
        log(first, "MEMBER_UPDATE timeout", second);
      }
      return memberObject(store, second, member);
    }
    case "DELETE /guilds/:g/members/:u": {
      const guild = guildOf(store, first);
      need(guild, "KICK_MEMBERS");
      if (!guild.members.delete(second)) {
        throw unknown("Member");
      }
      log(first, "MEMBER_KICK", second);
      return undefined;
    }
    case "PUT /guilds/:g/members/:u/roles/:r":
    case "DELETE /guilds/:g/members/:u/roles/:r": {
      const guild = guildOf(store, first);
      need(guild, "MANAGE_ROLES");
      const member = guild.members.get(second);
      if (!member) {
        throw unknown("Member");
      }
      const role = guild.roles.get(third);
      if (!role) {
        throw unknown("Role");
      }
      // A bot manages only roles below its highest role, and no integration-managed role.
      if (role.position >= guild.botTopPosition || role.managed) {
        throw missingPermissions();
      }
      const adding = template.startsWith("PUT");
      member.roles = adding ? [...new Set([...member.roles, third])] : member.roles.filter((id) => id !== third);
      log(first, adding ? "MEMBER_ROLE_UPDATE add" : "MEMBER_ROLE_UPDATE remove", second, third);
      return undefined;
    }
    case "GET /guilds/:g/bans": {
      const guild = guildOf(store, first);
      need(guild, "BAN_MEMBERS");
      // limit defaults to 1000 (Get Guild Bans).
      return page([...guild.bans.entries()], query, 1000).map(([id, b]) => ({
        reason: b.reason,
        user: {id, username: store.users.get(id)?.username ?? "unknown", global_name: null},
      }));
    }
    case "GET /guilds/:g/bans/:u": {
      const guild = guildOf(store, first);
      need(guild, "BAN_MEMBERS");
      const ban = guild.bans.get(second);
      if (!ban) {
        throw unknown("Ban");
      }
      return {
        reason: ban.reason,
        user: {id: second, username: store.users.get(second)?.username ?? "unknown", global_name: null},
      };
    }
    case "PUT /guilds/:g/bans/:u": {
      const guild = guildOf(store, first);
      need(guild, "BAN_MEMBERS");
      if (!store.users.has(second)) {
        throw unknown("User");
      }
      const seconds = (body as {delete_message_seconds?: number} | undefined)?.delete_message_seconds ?? 0;
      if (!Number.isInteger(seconds) || seconds < 0 || seconds > 604_800) {
        throw invalidForm(
          "delete_message_seconds",
          "NUMBER_TYPE_MAX",
          "int value should be less than or equal to 604800.",
        );
      }
      // A user need not be a member to be banned; a member who is banned leaves the server.
      guild.bans.set(second, {reason});
      guild.members.delete(second);
      log(first, "MEMBER_BAN_ADD", second);
      return undefined;
    }
    case "DELETE /guilds/:g/bans/:u": {
      const guild = guildOf(store, first);
      need(guild, "BAN_MEMBERS");
      if (!guild.bans.delete(second)) {
        throw unknown("Ban");
      }
      log(first, "MEMBER_BAN_REMOVE", second);
      return undefined;
    }
    case "GET /guilds/:g/roles":
      return [...guildOf(store, first).roles.values()];
    case "POST /users/@me/channels": {
      const recipient = String((body as {recipient_id?: unknown} | undefined)?.recipient_id ?? "");
      if (!store.users.has(recipient)) {
        throw unknown("User");
      }
      // Create DM returns the existing channel for the same recipient.
      const existing = [...store.channels.values()].find((c) => c.recipientId === recipient);
      const channel = existing ?? {id: newSnowflake(now), recipientId: recipient};
      store.channels.set(channel.id, channel);
      return {id: channel.id, type: 1, recipients: [{id: recipient, username: store.users.get(recipient)?.username}]};
    }
    case "POST /channels/:c/messages": {
      const channel = store.channels.get(first);
      if (!channel) {
        throw unknown("Channel");
      }
      const content = String((body as {content?: unknown} | undefined)?.content ?? "");
      if (content.length > 2000) {
        throw invalidForm("content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length.");
      }
      if (!store.users.get(channel.recipientId)?.acceptsDms) {
        throw new DiscordError(403, 50007, "Cannot send messages to this user");
      }
      const message = {
        id: newSnowflake(now),
        channelId: channel.id,
        recipientId: channel.recipientId,
        content,
        timestamp: new Date(now).toISOString(),
      };
      store.messages.push(message);
      return {id: message.id, channel_id: channel.id, content, timestamp: message.timestamp};
    }
  }
  throw new DiscordError(405, 0, "405: Method Not Allowed");
}
