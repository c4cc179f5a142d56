import type {Google} from "../google/http";
import {DomainError, badInput, refuse} from "../core/errors";
import {isPlausibleEmail} from "../core/identity";
import {requireRole, STAFF_ROLES} from "../core/lifecycle";
import type {StaffRole} from "../core/lifecycle";
import type {StaffRecord} from "../core/records";
import {cleanText} from "../core/text";
import {commit, newEvent, retryOnConflict} from "./store/commit";
import {staffLockId} from "./create";
import {requestKey} from "./store/ids";
import {EVENTS, STAFF} from "./store/layout";
import type {Session} from "./store/session";
import {openSession} from "./store/session";

/**
 * Adds a person to the Staff tab with a role, or changes their role (leads only). A lead cannot
 * remove the ledger's last lead.
 */
export async function addStaff(
  g: Google,
  spec: {ledger: string; email: string; role: string; requestId?: string},
  now: string,
): Promise<{staff: StaffRecord; session: Session; replayed: boolean}> {
  const email = cleanText(spec.email, "email", {required: true, max: 254}).toLowerCase();
  if (!isPlausibleEmail(email)) {
    throw badInput("INPUT_EMAIL", `"${email}" is not an email address.`);
  }
  const roleText = cleanText(spec.role, "role", {required: true}).toLowerCase();
  if (!(STAFF_ROLES as readonly string[]).includes(roleText)) {
    throw badInput("INPUT_ROLE", `"${spec.role}" is not a role: use viewer, specialist or lead.`);
  }
  const role = roleText as StaffRole;
  const busy = () =>
    new DomainError(
      "BUSY",
      `The Staff tab was changed by someone else at the same moment; nothing was recorded. Try again.`,
      "concurrency",
    );
  return retryOnConflict({busy}, async ({locks}) => {
    const session = await openSession(g, spec.ledger, now, {tabs: [STAFF, EVENTS], what: "add a staff member"});
    requireRole(session.actor, "lead", "AddStaff");
    const key = requestKey("AddStaff", session.actor.email, spec.requestId, [email, role]);
    const existing = session.staff.find((s) => s.record.email.toLowerCase() === email);
    const before = existing?.record;
    if (before && before.role === role) {
      return {staff: before, session, replayed: true};
    }
    const leads = session.staff.filter((s) => s.record.role === "lead" && !s.invalid.has("role"));
    if (before?.role === "lead" && leads.length <= 1) {
      throw refuse(
        "LAST_LEAD",
        "last-lead",
        `${email} is the ledger's only lead; add another lead before changing this role.`,
      );
    }
    const version = (before?.version ?? 0) + 1;
    const staff: StaffRecord = {
      email,
      role,
      addedBy: before?.addedBy || session.actor.email,
      addedAt: before?.addedAt || now,
      version,
      updatedAt: now,
      updatedBy: session.actor.email,
      lock: staffLockId(email, version),
    };
    const event = newEvent(session, {
      type: before ? "StaffRoleChanged" : "StaffAdded",
      fromStatus: before?.role ?? "",
      toStatus: role,
      details: before ? `${email}: ${before.role} → ${role}` : `${email} added as ${role}`,
      requestKey: key,
    });
    await commit(session, {
      writes: [
        {
          tab: STAFF,
          record: staff,
          row: existing?.row,
          rowHint: existing ? undefined : Math.max(1, ...session.staff.map((s) => s.row)) + 1,
          lockFrom: before ? await locks.lockFrom(session, before.version, before.lock) : "",
          lockTo: staff.lock,
        },
      ],
      appends: [{tab: EVENTS, record: event}],
      what: `add ${email} to the Staff tab`,
    });
    return {staff, session, replayed: false};
  });
}
