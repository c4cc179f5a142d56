import * as coda from "@codahq/packs-sdk";
import {textParam} from "../../shared/coda/params";

export const GuildIdParam = textParam(
  "guildId",
  "The server's id (right-click the server icon > Copy Server ID, with Developer Mode on).",
);
export const UserIdParam = textParam(
  "userId",
  "The member's Discord user id (a number kept as text, or a mention like <@123…>).",
);
export const ReasonParam = textParam("reason", "Why: written in the server's audit log (at most 512 characters).");
export const RoleIdsParam = coda.makeParameter({
  type: coda.ParameterType.StringArray,
  name: "roleIds",
  description: "The role ids (a list, or text with commas).",
});
