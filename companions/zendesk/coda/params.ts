import * as coda from "@codahq/packs-sdk";
import {SETTABLE_STATUSES} from "../core/rules";

export const TicketIdParam = coda.makeParameter({
  type: coda.ParameterType.Number,
  name: "ticketId",
  description: "The ticket's number (as in …/agent/tickets/123).",
});
export const UserIdParam = coda.makeParameter({
  type: coda.ParameterType.String,
  name: "userId",
  description: "The Zendesk user's id (the ledger keeps it as the worker's Zendesk id).",
});
export const ReasonParam = coda.makeParameter({
  type: coda.ParameterType.String,
  name: "reason",
  description: "Why: appended to the user's notes in Zendesk with the date.",
});
export const statusParam = (optional: boolean) =>
  coda.makeParameter({
    type: coda.ParameterType.String,
    name: "status",
    description: `The ticket's new status: ${SETTABLE_STATUSES.join(", ")}.`,
    autocomplete: [...SETTABLE_STATUSES],
    optional,
  });
