import {isDiscordInputError} from "../core/errors";
import type {DiscordApiError} from "../api/http";
import {isDiscordApiError} from "../api/http";
import {boundaryFor, transientSentence} from "../../shared/coda/boundary";

/** Every formula's body runs inside this: refusals and Discord's answers become sentences. */
export const boundary = boundaryFor((err) =>
  isDiscordInputError(err) ? err.message : isDiscordApiError(err) ? sentence(err) : undefined,
);

/** Discord's JSON error codes (https://discord.com/developers/docs/topics/opcodes-and-status-codes#json). */
export function sentence(err: DiscordApiError): string {
  const could = `Discord could not ${err.what}`;
  switch (err.code) {
    case 10004:
      return `${could}: it knows no server with that id that the bot is in. Check the server id and that the bot was added to the server.`;
    case 10007:
      return `${could}: that user is not a member of the server (they may have left or been kicked).`;
    case 10011:
      return `${could}: the server has no role with that id. The Roles table lists the server's roles.`;
    case 10013:
      return `${could}: Discord knows no user with that id.`;
    case 10026:
      return `${could}: that user is not banned in this server.`;
    case 50001:
      return `${could}: the bot has no access. For the Members table, turn on the Server Members Intent for the bot in Discord's Developer Portal.`;
    case 50007:
      return `${could}: the user does not accept direct messages from the bot (their privacy settings, or they share no server with it).`;
    case 50013:
      return `${could}: the bot lacks the permission. In Server Settings > Roles, give the bot's role Ban Members, Kick Members, Manage Roles and Timeout Members, and drag it above the roles it manages.`;
  }
  return (
    transientSentence("Discord", could, err, err.discordMessage) ??
    `${could}: ${err.discordMessage || `HTTP ${err.status}`}.`
  );
}
