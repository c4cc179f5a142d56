import * as coda from "@codahq/packs-sdk";
import {getUser, updateUser} from "../api/zendesk";
import {zendeskFrom} from "../api/http";
import {noteLine, recordId} from "../core/rules";
import {boundary} from "../coda/boundary";
import {ReasonParam, UserIdParam} from "../coda/params";
import {UserChangeSchema, userRow} from "../coda/schemas";
import {EXAMPLE_SUSPENDED_USER, EXAMPLE_USER} from "./examples";

async function setSuspended(context: coda.ExecutionContext, id: string, suspended: boolean, reason: string) {
  const userId = recordId(id, "user id");
  const action = suspended ? "Suspended" : "Unsuspended";
  const line = noteLine(action, reason, new Date().toISOString());
  const z = zendeskFrom(context);
  const {user: before} = await getUser(z, userId);
  const notes = before.notes ? `${before.notes}\n${line}` : line;
  const {user} = await updateUser(z, userId, {suspended, notes}, suspended ? "suspend the user" : "unsuspend the user");
  const already = before.suspended === suspended ? ` (it already was ${suspended ? "suspended" : "active"})` : "";
  return {
    ...userRow(z.base, user),
    Reason: reason.trim(),
    Done: `${action} ${user.name}'s Zendesk account${already}.`,
  };
}

export function registerUsers(pack: coda.PackDefinitionBuilder): void {
  pack.addFormula({
    name: "SuspendUser",
    description:
      "Suspends a Zendesk user (they can no longer sign in or submit requests); the reason is appended to their notes.",
    isAction: true,
    parameters: [UserIdParam, ReasonParam],
    resultType: coda.ValueType.Object,
    schema: UserChangeSchema,
    examples: [
      {
        params: [EXAMPLE_USER, "Blacklisted: identity fraud (CoC 1.3)"],
        result: {UserId: EXAMPLE_USER, Suspended: true, Reason: "Blacklisted: identity fraud (CoC 1.3)"},
      },
    ],
    execute: async ([userId, reason], context) => boundary(() => setSuspended(context, userId, true, reason)),
  });

  pack.addFormula({
    name: "UnsuspendUser",
    description: "Lifts a Zendesk user's suspension; the reason is appended to their notes.",
    isAction: true,
    parameters: [UserIdParam, ReasonParam],
    resultType: coda.ValueType.Object,
    schema: UserChangeSchema,
    examples: [
      {
        params: [EXAMPLE_SUSPENDED_USER, "Appeal upheld"],
        result: {UserId: EXAMPLE_SUSPENDED_USER, Suspended: false, Reason: "Appeal upheld"},
      },
    ],
    execute: async ([userId, reason], context) => boundary(() => setSuspended(context, userId, false, reason)),
  });
}
