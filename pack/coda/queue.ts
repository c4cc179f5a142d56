import * as coda from "@codahq/packs-sdk";
import {WORK_KINDS} from "../core/queue";
import type {WorkItem} from "../core/queue";
import {WorkerReferenceSchema} from "./workers";
import {compact, workerRef} from "./objects";
import type {Plain} from "./objects";
import {count, dateTime, email, flag, id, select, text} from "./props";

export const WorkItemSchema = coda.makeObjectSchema({
  description: "Something waiting for someone: a finding, dispute, audit, proposal, notice or pending step.",
  properties: {
    WorkItemId: id("The kind and the id of what waits; stable across syncs."),
    Title: id("What waits, in one line."),
    Kind: select(WORK_KINDS, "Finding, Dispute, Audit, BlacklistProposal, PendingStep or Notice."),
    Worker: {...WorkerReferenceSchema, description: "The worker it concerns."},
    Assignee: email("Who it is assigned to; empty when nobody is."),
    DueAt: dateTime("When it is due; empty when nothing sets a due time."),
    Overdue: flag("Past its due time."),
    AgeDays: count("Whole days it has been waiting."),
    Action: text("The step that completes it."),
  },
  displayProperty: "Title",
  idProperty: "WorkItemId",
  featuredProperties: ["Kind", "Worker", "Assignee", "DueAt", "Overdue", "AgeDays", "Action"],
});

export function workItemObject(i: WorkItem): Plain & {WorkItemId: string; Title: string} {
  return compact({
    WorkItemId: i.id,
    Title: i.title,
    Kind: i.kind,
    Worker: workerRef(i.workerId, i.workerName),
    Assignee: i.assignee,
    DueAt: i.dueAt,
    Overdue: i.overdue,
    AgeDays: i.ageDays,
    Action: i.action,
  }) as Plain & {WorkItemId: string; Title: string};
}
