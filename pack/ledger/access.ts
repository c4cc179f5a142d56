// Project access follow-ups: remove a worker's Drive permissions on the project folders when they
// are offboarded, blacklisted or (if Settings says so) suspended; restore exactly that on reinstatement.
import {DomainError} from "../core/errors";
import type {AccessGrant, WorkerRecord} from "../core/records";
import type {LifecycleStep} from "../core/lifecycle";
import {
  accessFollowUpsFor,
  describeGrants,
  parseRemoveDetail,
  parseRestoreDetail,
  workerPermissions,
} from "../core/access";
import {createPermission, deletePermission, isNotFound, listPermissions, requireDriveReach} from "../google/drive";
import {isGoogleApiError, isMissingScopesError} from "../google/errors";
import type {FollowUpHandler, FollowUpRequest} from "./store/followup";
import {setting} from "./store/settings";
import type {Session} from "./store/session";

/** The access follow-ups a lifecycle step owes: call from the step's plan. */
export function accessFollowUps(step: LifecycleStep, session: Session, worker: WorkerRecord): FollowUpRequest[] {
  return accessFollowUpsFor(step, worker, {
    folders: setting(session.settings, "ProjectFolders"),
    suspensionRemovesAccess: setting(session.settings, "SuspensionRemovesAccess"),
  });
}

/** A pending action's detail, or a refusal when it was edited by hand and cannot be read. */
function readDetail<T>(detail: T | undefined, kind: string, worker: WorkerRecord): T {
  if (!detail) {
    throw new DomainError("ACCESS_DETAIL", `the ${kind} detail of ${worker.workerId} cannot be read`);
  }
  return detail;
}

/** Runs a RemoveAccess follow-up: takes the worker off the project folders. */
export const removeAccess: FollowUpHandler = {
  // Reads every folder's permissions before removing any, so a failed read changes nothing and the
  // follow-up stays pending. A removal that still fails after retries is named in the event.
  async run({session, worker, pending}) {
    const detail = readDetail(parseRemoveDetail(pending.detail), "RemoveAccess", worker);
    const notes: string[] = [];
    const planned: AccessGrant[] = [];
    for (const folderId of detail.folders) {
      let permissions;
      try {
        permissions = await listPermissions(session.g, folderId, `read who can open project folder ${folderId}`);
      } catch (err) {
        if (isNotFound(err)) {
          // Only drive.file reaches no folder the pack did not create: that asks for the scope, not "not found".
          await requireDriveReach(session.g, `read who can open project folder ${folderId}`);
          notes.push(
            `folder ${folderId} was not found (deleted, or not shared with ${session.actor.email}); nothing removed there`,
          );
          continue;
        }
        throw err;
      }
      const {remove, owner, inherited} = workerPermissions(permissions, detail.email);
      for (const p of owner) {
        notes.push(`${p.emailAddress ?? detail.email} owns folder ${folderId}; an owner's access cannot be removed`);
      }
      for (const {permission, from, role} of inherited) {
        notes.push(
          `${permission.emailAddress ?? detail.email} can still open folder ${folderId} as ${role} through ${from ? `folder ${from}` : "a folder above it"}: Drive removes inherited access only there, so remove it in that folder's sharing`,
        );
      }
      planned.push(
        ...remove.map((p) => ({
          folderId,
          permissionId: p.id,
          type: p.type,
          role: p.role,
          emailAddress: p.emailAddress ?? detail.email,
          ...(p.expirationTime ? {expirationTime: p.expirationTime} : {}),
        })),
      );
    }
    const removed: AccessGrant[] = [];
    const failed: string[] = [];
    for (const grant of planned) {
      try {
        await deletePermission(
          session.g,
          grant.folderId,
          grant.permissionId,
          `remove ${worker.workerId}'s access to project folder ${grant.folderId}`,
        );
        removed.push(grant);
      } catch (err) {
        if (isNotFound(err)) {
          removed.push(grant);
        } else if (isAuthFailure(err)) {
          throw err;
        } else {
          failed.push(`${grant.role} on folder ${grant.folderId} (${reasonOf(err)})`);
        }
      }
    }
    // Drive applies only the last of concurrent changes to a file's permissions, so what was removed
    // is read back rather than assumed: a grant still there is reported, not recorded as removed.
    const confirmed: AccessGrant[] = [];
    for (const folderId of [...new Set(removed.map((r) => r.folderId))]) {
      const after = await listPermissions(session.g, folderId, `check what was removed on project folder ${folderId}`);
      const still = new Set(workerPermissions(after, detail.email).remove.map((p) => p.id));
      for (const grant of removed.filter((r) => r.folderId === folderId)) {
        if (still.has(grant.permissionId)) {
          failed.push(`${grant.role} on folder ${grant.folderId} (still there when read back)`);
        } else {
          confirmed.push(grant);
        }
      }
    }
    removed.splice(0, removed.length, ...confirmed);
    if (failed.length && !removed.length) {
      throw new DomainError("ACCESS_NOT_REMOVED", `could not remove ${failed.join("; ")}`);
    }
    // A suspension keeps what it removed for ReinstateWorker; offboarding and blacklisting end it.
    const kept = detail.restore ? [...worker.accessRemoved, ...removed] : [];
    const what = removed.length
      ? `Removed ${removed.length} Drive permission${removed.length === 1 ? "" : "s"} from ${worker.workerId}: ${describeGrants(removed)}.`
      : `${worker.workerId} had no access to remove on the ${detail.folders.length} project folder${detail.folders.length === 1 ? "" : "s"}.`;
    return {
      type: "AccessRemoved",
      details: [
        what,
        failed.length
          ? `Could not remove ${failed.join("; ")}: remove ${failed.length === 1 ? "it" : "them"} in Drive by hand.`
          : "",
        notes.length ? `${notes.join("; ")}.` : "",
        detail.restore && removed.length ? "ReinstateWorker restores exactly these." : "",
      ]
        .filter(Boolean)
        .join(" "),
      evidence: detail.folders.map((f) => `https://drive.google.com/drive/folders/${f}`).join("\n"),
      changes: {accessRemoved: kept},
    };
  },
};

/** Runs a RestoreAccess follow-up: gives back exactly the access that was removed. */
export const restoreAccess: FollowUpHandler = {
  async run({session, worker, pending}) {
    const detail = readDetail(parseRestoreDetail(pending.detail), "RestoreAccess", worker);
    const restored: AccessGrant[] = [];
    const missed: string[] = [];
    for (const grant of detail.grants) {
      if (grant.expirationTime && Date.parse(grant.expirationTime) <= Date.parse(session.now)) {
        missed.push(
          `${grant.role} for ${grant.emailAddress} on folder ${grant.folderId} was due to end on ${grant.expirationTime}, so it was not restored`,
        );
        continue;
      }
      try {
        const p = await createPermission(
          session.g,
          grant.folderId,
          {
            type: grant.type,
            role: grant.role,
            emailAddress: grant.emailAddress,
            ...(grant.expirationTime ? {expirationTime: grant.expirationTime} : {}),
          },
          `restore ${worker.workerId}'s access to project folder ${grant.folderId}`,
        );
        restored.push({...grant, permissionId: p.id});
      } catch (err) {
        if (isAuthFailure(err)) {
          throw err;
        }
        if (isNotFound(err)) {
          await requireDriveReach(session.g, `restore ${worker.workerId}'s access to project folder ${grant.folderId}`);
        }
        missed.push(
          isNotFound(err)
            ? `folder ${grant.folderId} no longer exists or is not shared with ${session.actor.email}, so ${grant.role} for ${grant.emailAddress} was not restored`
            : `${grant.role} for ${grant.emailAddress} on folder ${grant.folderId} was not restored (${reasonOf(err)})`,
        );
      }
    }
    if (!restored.length && missed.length && !missed.every((m) => m.includes("no longer exists"))) {
      throw new DomainError("ACCESS_NOT_RESTORED", missed.join("; "));
    }
    return {
      type: "AccessRestored",
      details: [
        restored.length
          ? `Restored ${restored.length} Drive permission${restored.length === 1 ? "" : "s"} to ${worker.workerId}: ${describeGrants(restored)}.`
          : `Nothing was restored to ${worker.workerId}.`,
        missed.length
          ? `${missed.join("; ")}: grant ${missed.length === 1 ? "it" : "them"} in Drive by hand if still wanted.`
          : "",
      ]
        .filter(Boolean)
        .join(" "),
      evidence: [...new Set(detail.grants.map((g) => `https://drive.google.com/drive/folders/${g.folderId}`))].join(
        "\n",
      ),
      changes: {accessRemoved: []},
    };
  },
};

/** A refusal of the person's access: Coda's StatusCodeError carries `.statusCode`, a GoogleApiError `.status`. */
export function isAuthFailure(err: unknown): boolean {
  const e = err as {statusCode?: number; status?: number} | undefined;
  const status = e?.statusCode ?? (isGoogleApiError(err) ? e?.status : undefined);
  return isMissingScopesError(err) || status === 401 || status === 403;
}

function reasonOf(err: unknown): string {
  return isGoogleApiError(err)
    ? `${err.status} ${err.googleMessage}`.trim()
    : err instanceof Error
      ? err.message
      : String(err);
}
