import * as coda from "@codahq/packs-sdk";
import type {StaffRecord} from "../core/records";
import {STAFF_ROLES} from "../core/lifecycle";
import {dateTime, email, select, text} from "./props";
import {compact} from "./objects";
import type {Plain} from "./objects";

export function staffObject(s: StaffRecord, problems = ""): Plain & {Email: string} {
  return compact({
    Email: s.email,
    Role: s.role,
    AddedBy: s.addedBy,
    AddedAt: s.addedAt,
    UpdatedAt: s.updatedAt,
    UpdatedBy: s.updatedBy,
    Status: s.status || "Active",
    PendingRole: s.pendingRole ?? "",
    PendingBy: s.pendingBy ?? "",
    Problems: problems,
  }) as Plain & {Email: string};
}

/** A member of the T&S team and their role in this ledger. */
export const StaffMemberSchema = coda.makeObjectSchema({
  description: "A person allowed to act on the ledger, and their role.",
  properties: {
    Email: email("The person's Google account."),
    Role: select(STAFF_ROLES, "viewer, specialist or lead."),
    AddedBy: email("Who added them."),
    AddedAt: dateTime("When they were added."),
    UpdatedAt: dateTime("When their role last changed."),
    UpdatedBy: email("Who last changed their role."),
    Status: text("Active, or Removed once RemoveStaff took effect (a removed member can do nothing)."),
    PendingRole: text("A change of lead waiting for a second lead's ApproveStaffChange: the role to take, or removed."),
    PendingBy: email("The lead who proposed the pending change."),
    Problems: text("What is wrong with this row of the Staff tab, if anything (such a row grants no role)."),
  },
  displayProperty: "Email",
  idProperty: "Email",
  featuredProperties: ["Role", "AddedBy", "AddedAt"],
});
