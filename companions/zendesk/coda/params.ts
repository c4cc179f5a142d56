import * as coda from "@codahq/packs-sdk";
import {SETTABLE_STATUSES} from "../core/rules";
import {textParam} from "../../shared/coda/params";

export const TicketIdParam = coda.makeParameter({
  type: coda.ParameterType.Number,
  name: "ticketId",
  description: "The ticket's number (as in …/agent/tickets/123).",
});
export const UserIdParam = textParam(
  "userId",
  "The Zendesk user's id (the ledger keeps it as the worker's Zendesk id).",
);
export const ReasonParam = textParam("reason", "Why: appended to the user's notes in Zendesk with the date.");
export const statusParam = (optional: boolean) =>
  coda.makeParameter({
    type: coda.ParameterType.String,
    name: "status",
    description: `The ticket's new status: ${SETTABLE_STATUSES.join(", ")}.`,
    autocomplete: [...SETTABLE_STATUSES],
    optional,
  });
