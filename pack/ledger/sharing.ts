import type {Google} from "../google/http";
import type {Request} from "../google/sheets";
import type {TabProtections} from "../google/sheets-ranges";
import {createPermission, deletePermission, listPermissions, updatePermission} from "../google/drive";
import {isGoogleApiError} from "../google/errors";
import {DomainError} from "../core/errors";
import type {StaffRole} from "../core/lifecycle";
import {LEAD_TABS} from "./store/layout";

/** Drive roles per staff role: viewers read the ledger, specialists and leads edit it. */
export const LEDGER_ROLE: Readonly<Record<StaffRole, "reader" | "writer">> = {
  viewer: "reader",
  specialist: "writer",
  lead: "writer",
};

/**
 * Who may open the key file: specialists read it; leads edit it, so that any lead can share it
 * with the next specialist (Drive lets only editors share); viewers never.
 */
export function keyFileRole(role: StaffRole | undefined): "reader" | "writer" | undefined {
  return role === "lead" ? "writer" : role === "specialist" ? "reader" : undefined;
}

/**
 * The requests that make the leads the only editors of the lead-only tabs (Staff, Settings,
 * Blacklist, Seals), for the same batchUpdate as the Staff change. Missing protections are
 * added (a ledger made before they existed, or one the owner removed).
 */
export function leadProtectionRequests(tabs: readonly TabProtections[], leads: readonly string[]): Request[] {
  const requests: Request[] = [];
  for (const def of LEAD_TABS) {
    const tab = tabs.find((t) => t.title === def.name);
    if (!tab) {
      continue;
    }
    const hard = tab.protections.filter((p) => !p.warningOnly && p.wholeTab);
    for (const p of hard) {
      requests.push({
        updateProtectedRange: {
          protectedRange: {protectedRangeId: p.protectedRangeId, editors: {users: [...leads]}},
          fields: "editors",
        },
      });
    }
    // A warning-only protection on a lead tab (the old layout) is replaced by a hard one.
    for (const p of tab.protections.filter((x) => x.warningOnly && x.wholeTab)) {
      requests.push({deleteProtectedRange: {protectedRangeId: p.protectedRangeId}});
    }
    if (!hard.length) {
      requests.push({
        addProtectedRange: {
          protectedRange: {
            range: {sheetId: tab.sheetId},
            description: `Only leads can change the ${def.name} tab.`,
            warningOnly: false,
            editors: {users: [...leads]},
          },
        },
      });
    }
  }
  return requests;
}

/**
 * Makes Google sharing of one file follow a person's role: creates, changes or removes their
 * permission. The owner's permission is never touched. Returns what changed, for the report.
 */
export async function shareFile(
  g: Google,
  fileId: string,
  email: string,
  role: "reader" | "writer" | undefined,
  what: string,
): Promise<string> {
  const lower = email.toLowerCase();
  const current = (await listPermissions(g, fileId, what)).filter(
    (p) => (p.type === "user" || p.type === "group") && (p.emailAddress ?? "").toLowerCase() === lower,
  );
  if (current.some((p) => p.role === "owner")) {
    return "";
  }
  if ((current.length === 1 && current[0]?.role === role) || (!current.length && !role)) {
    return "";
  }
  const [first, ...extra] = current;
  for (const p of extra) {
    await deletePermission(g, fileId, p.id, what);
  }
  if (first && role) {
    // In place: a lead approving their own demotion keeps the access they need until the change is made.
    await updatePermission(g, fileId, first.id, role, what);
  } else if (first) {
    await deletePermission(g, fileId, first.id, what);
  } else if (role) {
    await createPermission(g, fileId, {type: "user", role, emailAddress: lower}, what);
  }
  return role ? `${lower} → ${role}` : `${lower} → no access`;
}

/**
 * Shares the ledger and its key file as `role` needs (undefined: no access). A failure says
 * that the Staff tab already holds the change and that running the action again finishes it.
 */
export async function syncSharing(
  g: Google,
  files: {ledgerId: string; keyFileId?: string},
  email: string,
  role: StaffRole | undefined,
): Promise<string[]> {
  const done: string[] = [];
  try {
    const a = await shareFile(g, files.ledgerId, email, role ? LEDGER_ROLE[role] : undefined, `share the ledger`);
    if (a) {
      done.push(`ledger: ${a}`);
    }
    if (files.keyFileId) {
      const b = await shareFile(g, files.keyFileId, email, keyFileRole(role), `share the fingerprint key file`);
      if (b) {
        done.push(`key file: ${b}`);
      }
    }
  } catch (err) {
    if (isGoogleApiError(err) && (err.status === 403 || err.status === 404)) {
      throw new DomainError(
        "SHARING_FAILED",
        `The Staff tab now says ${email} is ${role ?? "removed"}, but Google Drive did not let your account change who can open the ledger (${err.googleMessage}). Run the same action again once you can share the ledger (you need to be an editor and allow the pack Drive access).`,
      );
    }
    throw err;
  }
  return done;
}
