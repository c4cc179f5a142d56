import type {Google} from "../google/http";
import type {Request} from "../google/sheets";
import {listProtections} from "../google/sheets-ranges";
import {DomainError, badInput} from "../core/errors";
import {isPlausibleEmail} from "../core/identity";
import {requireRole, STAFF_ROLES} from "../core/lifecycle";
import type {StaffRole} from "../core/lifecycle";
import type {EventRecord, StaffRecord} from "../core/records";
import type {StaffRequest} from "../core/staff";
import {currentLeads, isActiveStaff, planStaffChange, requireStaffDomain} from "../core/staff";
import {cleanText} from "../core/text";
import {commit, retryOnConflict} from "./store/commit";
import {staffLockId} from "./create";
import {newId, requestKey} from "./store/ids";
import {EVENTS, STAFF} from "./store/layout";
import {rawSetting} from "./store/settings";
import type {Session} from "./store/session";
import {openSession} from "./store/session";
import {leadProtectionRequests, syncSharing} from "./sharing";

export interface StaffResult {
  staff: StaffRecord;
  session: Session;
  replayed: boolean;
  /** Sharing changes made in Google Drive. */
  sharing: string[];
}

function cleanEmail(input: string): string {
  const email = cleanText(input, "email", {required: true, max: 254}).toLowerCase();
  if (!isPlausibleEmail(email)) {
    throw badInput("INPUT_EMAIL", `"${email}" is not an email address.`);
  }
  return email;
}

/**
 * Adds a person to the Staff tab with a role, or changes their role (leads only), and shares the
 * ledger as the role needs. Granting or taking away the lead role waits for a second lead.
 */
export async function addStaff(
  g: Google,
  spec: {ledger: string; email: string; role: string; requestId?: string},
  now: string,
): Promise<StaffResult> {
  const email = cleanEmail(spec.email);
  const roleText = cleanText(spec.role, "role", {required: true}).toLowerCase();
  if (!(STAFF_ROLES as readonly string[]).includes(roleText)) {
    throw badInput("INPUT_ROLE", `"${spec.role}" is not a role: use viewer, specialist or lead.`);
  }
  return changeStaff(
    g,
    spec.ledger,
    {kind: "set", email, role: roleText as StaffRole},
    "AddStaff",
    spec.requestId,
    now,
  );
}

/** A step on one staff member named by email: its change kind and the action that records it. */
function staffStep(kind: "remove" | "approve", action: "RemoveStaff" | "ApproveStaffChange") {
  return (g: Google, spec: {ledger: string; email: string; requestId?: string}, now: string): Promise<StaffResult> =>
    changeStaff(g, spec.ledger, {kind, email: cleanEmail(spec.email)}, action, spec.requestId, now);
}

/** Ends a person's role and their access to the ledger (leads only; a lead's removal waits for a second lead). */
export const removeStaff = staffStep("remove", "RemoveStaff");

/** A second lead approves a pending change of lead. */
export const approveStaffChange = staffStep("approve", "ApproveStaffChange");

async function changeStaff(
  g: Google,
  ledger: string,
  request: StaffRequest,
  action: string,
  requestId: string | undefined,
  now: string,
): Promise<StaffResult> {
  const busy = () =>
    new DomainError(
      "BUSY",
      `The Staff tab was changed by someone else at the same moment; nothing was recorded. Try again.`,
      "concurrency",
    );
  return retryOnConflict({busy}, async ({locks}) => {
    const session = await openSession(g, ledger, now, {tabs: [STAFF, EVENTS], what: "change the team"});
    requireRole(session.actor, "lead", action);
    if (request.kind === "set") {
      requireStaffDomain(request.email, rawSetting(session.settings, "StaffDomains"));
    }
    const files = {
      ledgerId: session.ledger.spreadsheetId,
      keyFileId: rawSetting(session.settings, "KeyFile") || undefined,
    };
    const key = requestKey(action, session.actor.email, requestId, [request]);
    const rows = session.staff;
    const existing = rows.find((s) => s.record.email.toLowerCase() === request.email);
    const plan = planStaffChange(
      rows.filter((r) => !r.invalid.has("role")).map((r) => r.record),
      session.actor,
      request,
      now,
      staffLockId,
    );
    if (plan === "unchanged") {
      // Nothing to record; sharing is brought in line again (a retry after a sharing failure ends here).
      const record = existing?.record as StaffRecord;
      const sharing = await syncSharing(g, files, request.email, isActiveStaff(record) ? record.role : undefined);
      return {staff: record, session, replayed: true, sharing};
    }
    const before = existing?.record;
    const event: EventRecord = {
      eventId: newId("E"),
      time: now,
      actor: session.actor.email,
      workerId: "",
      type: plan.type,
      fromStatus: plan.fromRole,
      toStatus: plan.toRole,
      reason: "",
      policyClause: "",
      evidence: "",
      details: plan.details,
      changes: {},
      seq: 0,
      requestKey: key,
    };
    const leadsBefore = currentLeads(rows.map((r) => r.record));
    const leadsChange = plan.leads.slice().sort().join(",") !== leadsBefore.slice().sort().join(",");
    const protections: Request[] = leadsChange
      ? leadProtectionRequests(await listProtections(g, files.ledgerId, "read the ledger's protections"), plan.leads)
      : [];
    const change = {
      writes: [
        {
          tab: STAFF,
          record: plan.record,
          row: existing?.row,
          rowHint: existing ? undefined : Math.max(1, ...rows.map((s) => s.row)) + 1,
          lockFrom: before ? await locks.lockFrom(session, before.version, before.lock) : "",
          lockTo: plan.record.lock,
        },
      ],
      appends: [{tab: EVENTS, record: event}],
      // The lead-only tabs' editors change in the same atomic batchUpdate as the set of leads.
      requests: protections,
      what: `change ${request.email} on the Staff tab`,
    };
    await commit(session, change);
    const record = change.writes[0]?.record as StaffRecord;
    const sharing = plan.effective
      ? await syncSharing(g, files, request.email, isActiveStaff(record) ? record.role : undefined)
      : [];
    return {staff: record, session, replayed: false, sharing};
  });
}
