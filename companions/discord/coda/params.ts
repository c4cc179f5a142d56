import * as coda from "@codahq/packs-sdk";

export const GuildIdParam = coda.makeParameter({
  type: coda.ParameterType.String,
  name: "guildId",
  description: "The server's id (right-click the server icon > Copy Server ID, with Developer Mode on).",
});
export const UserIdParam = coda.makeParameter({
  type: coda.ParameterType.String,
  name: "userId",
  description: "The member's Discord user id (a number kept as text, or a mention like <@123…>).",
});
export const ReasonParam = coda.makeParameter({
  type: coda.ParameterType.String,
  name: "reason",
  description: "Why: written in the server's audit log (at most 512 characters).",
});
export const RoleIdsParam = coda.makeParameter({
  type: coda.ParameterType.StringArray,
  name: "roleIds",
  description: "The role ids (a list, or text with commas).",
});
