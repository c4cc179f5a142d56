import {badInput, refuse} from "./errors";
import type {Actor, StaffRole} from "./lifecycle";
import {STAFF_ROLES} from "./lifecycle";
import type {StaffRecord} from "./records";

/** What a lead asks for: a role for a person, their removal, or approval of a pending change of lead. */
export type StaffRequest =
  {kind: "set"; email: string; role: StaffRole} | {kind: "remove"; email: string} | {kind: "approve"; email: string};

/** The decision: the Staff row after it, the event to log, and the leads once it takes effect. */
export interface StaffPlan {
  record: StaffRecord;
  /** Event type: StaffAdded, StaffRoleChanged, StaffRemoved or StaffChangeProposed. */
  type: string;
  fromRole: string;
  toRole: string;
  details: string;
  /** The leads after this step (unchanged for a proposal). */
  leads: string[];
  /** True when Google sharing must follow (the role in force changed). */
  effective: boolean;
}

export const REMOVED = "Removed";

/** Whether a Staff row grants its role now. */
export function isActiveStaff(s: Pick<StaffRecord, "status">): boolean {
  return (s.status ?? "") !== REMOVED;
}

/** The leads a Staff tab names now (active rows whose role is lead). */
export function currentLeads(staff: readonly StaffRecord[]): string[] {
  return staff.filter((s) => isActiveStaff(s) && s.role === "lead").map((s) => s.email.toLowerCase());
}

/** Refuses an email whose domain is not among `domains` (comma or space separated; empty allows all). */
export function requireStaffDomain(email: string, domains: string): void {
  const allowed = domains
    .split(/[,\s]+/)
    .map((d) => d.trim().toLowerCase().replace(/^@/, ""))
    .filter(Boolean);
  const domain = email.split("@")[1]?.toLowerCase() ?? "";
  if (allowed.length && !allowed.includes(domain)) {
    throw refuse(
      "STAFF_DOMAIN",
      "staff-domain",
      `${email} is not from an allowed staff domain (Settings StaffDomains: ${allowed.join(", ")}). Use the person's work account, or ask a lead to change StaffDomains.`,
    );
  }
}

/**
 * Plans a change to the team. Changing who is a lead takes two leads: granting the lead role,
 * demoting a lead or removing one records a pending change that a different lead approves;
 * while the ledger has a single lead, that lead's grant takes effect at once (there is nobody
 * to ask). The last lead can never be demoted or removed.
 */
export function planStaffChange(
  staff: readonly StaffRecord[],
  actor: Actor,
  request: StaffRequest,
  now: string,
  lockOf: (email: string, version: number) => string,
): StaffPlan | "unchanged" {
  const email = request.email.toLowerCase();
  const before = staff.find((s) => s.email.toLowerCase() === email);
  const active = before && isActiveStaff(before) ? before : undefined;
  const leads = currentLeads(staff);
  const version = (before?.version ?? 0) + 1;
  const base: StaffRecord = {
    email,
    role: active?.role ?? "viewer",
    addedBy: active?.addedBy || actor.email,
    addedAt: active?.addedAt || now,
    version,
    updatedAt: now,
    updatedBy: actor.email,
    lock: lockOf(email, version),
    status: "",
    pendingRole: "",
    pendingBy: "",
    pendingAt: "",
    chainHash: before?.chainHash ?? "",
  };
  const fromRole = active ? active.role : "";
  const lastLead = () =>
    refuse("LAST_LEAD", "last-lead", `${email} is the ledger's only lead; add another lead before changing this role.`);

  if (request.kind === "approve") {
    const pending = active?.pendingRole ?? (before?.pendingRole || "");
    if (!before || !pending) {
      throw badInput("NO_PENDING_STAFF_CHANGE", `${email} has no change of role waiting for approval.`);
    }
    if ((before.pendingBy ?? "").toLowerCase() === actor.email.toLowerCase()) {
      throw refuse(
        "FOUR_EYES",
        "four-eyes",
        `${actor.email} proposed this change to ${email}; a different lead must approve it.`,
      );
    }
    const proposer = before.pendingBy ?? "";
    if (pending === "removed") {
      if (leads.filter((l) => l !== email).length < 1) {
        throw lastLead();
      }
      return {
        record: {...base, role: before.role, status: REMOVED},
        type: "StaffRemoved",
        fromRole: before.role,
        toRole: "",
        details: `${email} removed (proposed by ${proposer}, approved by ${actor.email})`,
        leads: leads.filter((l) => l !== email),
        effective: true,
      };
    }
    const role = pending as StaffRole;
    if (!STAFF_ROLES.includes(role)) {
      throw badInput("NO_PENDING_STAFF_CHANGE", `${email}'s pending role "${pending}" is not a role.`);
    }
    const after = role === "lead" ? [...new Set([...leads, email])] : leads.filter((l) => l !== email);
    if (!after.length) {
      throw lastLead();
    }
    return {
      record: {...base, role},
      type: fromRole ? "StaffRoleChanged" : "StaffAdded",
      fromRole,
      toRole: role,
      details: `${email}: ${fromRole || "new"} → ${role} (proposed by ${proposer}, approved by ${actor.email})`,
      leads: after,
      effective: true,
    };
  }

  if (request.kind === "remove") {
    if (!active) {
      throw badInput("NOT_STAFF_MEMBER", `${email} is not on this ledger's Staff tab.`);
    }
    if (active.role === "lead") {
      if (leads.length <= 1) {
        throw lastLead();
      }
      return proposal(base, active, "removed", actor, now, leads);
    }
    return {
      record: {...base, status: REMOVED},
      type: "StaffRemoved",
      fromRole,
      toRole: "",
      details: `${email} removed`,
      leads,
      effective: true,
    };
  }

  const role = request.role;
  if (active && active.role === role && !active.pendingRole) {
    return "unchanged";
  }
  if (active?.role === "lead" && role !== "lead") {
    if (leads.length <= 1) {
      throw lastLead();
    }
    return proposal(base, active, role, actor, now, leads);
  }
  if (role === "lead" && leads.length >= 2) {
    return proposal(base, active, role, actor, now, leads);
  }
  const after = role === "lead" ? [...new Set([...leads, email])] : leads;
  return {
    record: {...base, role},
    type: active ? "StaffRoleChanged" : "StaffAdded",
    fromRole,
    toRole: role,
    details: active ? `${email}: ${active.role} → ${role}` : `${email} added as ${role}`,
    leads: after,
    effective: true,
  };
}

function proposal(
  base: StaffRecord,
  active: StaffRecord | undefined,
  pendingRole: string,
  actor: Actor,
  now: string,
  leads: string[],
): StaffPlan {
  const what = pendingRole === "removed" ? "removal" : `${pendingRole} role`;
  return {
    record: {...base, role: active?.role ?? "viewer", pendingRole, pendingBy: actor.email, pendingAt: now},
    type: "StaffChangeProposed",
    fromRole: active?.role ?? "",
    toRole: pendingRole,
    details: `${base.email}: ${what} proposed by ${actor.email}; another lead approves it with ApproveStaffChange`,
    leads,
    effective: !active,
  };
}
