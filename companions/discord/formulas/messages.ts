import * as coda from "@codahq/packs-sdk";
import {openDm, sendMessage} from "../api/discord";
import {discordFrom} from "../api/http";
import {snowflake} from "../core/ids";
import {messageText} from "../core/rules";
import {boundary} from "../coda/boundary";
import {UserIdParam} from "../coda/params";
import {MessageResultSchema} from "../coda/schemas";
import {EXAMPLE_USER} from "./examples";
import {textParam} from "../../shared/coda/params";

export function registerMessages(pack: coda.PackDefinitionBuilder): void {
  pack.addFormula({
    name: "SendDirectMessage",
    description: "Sends a user a direct message from the bot (at most 2000 characters; mentions in it ping no one).",
    isAction: true,
    parameters: [UserIdParam, textParam("text", "The message, at most 2000 characters.")],
    resultType: coda.ValueType.Object,
    schema: MessageResultSchema,
    examples: [
      {
        params: [EXAMPLE_USER, "Your access to the community is paused until 9 March; see the email we sent."],
        result: {UserId: EXAMPLE_USER},
      },
    ],
    execute: async ([user, message], context) =>
      boundary(async () => {
        const userId = snowflake(user, "user id");
        const content = messageText(message);
        const d = discordFrom(context);
        const channel = await openDm(d, userId);
        const sent = await sendMessage(d, channel.id, content);
        return {
          UserId: userId,
          ChannelId: channel.id,
          MessageId: sent.id,
          SentAt: sent.timestamp,
          Done: `Sent a direct message to ${userId}.`,
        };
      }),
  });
}
