// Project access: which Drive permissions a lifecycle step removes or restores, decided purely.
import type {AccessGrant, WorkerRecord} from "./records";
import type {LifecycleStep} from "./lifecycle";
import {driveFolderId} from "./documents";
import {emailKey} from "./identity";

export const REMOVE_ACCESS = "RemoveAccess";
export const RESTORE_ACCESS = "RestoreAccess";

/** What the RemoveAccess follow-up needs: the folders, whose access, and whether to keep it for restoring. */
export interface RemoveAccessDetail {
  folders: string[];
  email: string;
  /** True for a suspension: what is removed is kept on the worker row for ReinstateWorker to restore. */
  restore: boolean;
}

export interface RestoreAccessDetail {
  grants: AccessGrant[];
}

/** Folder ids from a Settings value: URLs or ids separated by commas, semicolons, spaces or new lines. */
export function parseFolderList(text: string | undefined): string[] {
  const ids = (text ?? "")
    .split(/[\s,;]+/)
    .map((part) => driveFolderId(part))
    .filter((id): id is string => Boolean(id));
  return [...new Set(ids)];
}

/** A yes/no setting: TRUE, yes, y, 1 or on (any case) mean yes. */
export function isYes(text: string | undefined): boolean {
  return /^(true|yes|y|1|on)$/i.test((text ?? "").trim());
}

/**
 * The access follow-ups a lifecycle step owes, given the settings and the worker before the step:
 * offboarding and blacklisting remove the worker's access to the project folders; a suspension
 * does too when `suspensionRemovesAccess`, keeping what it removed; reinstating restores exactly
 * what the suspension kept. A worker without an email address has no access to remove.
 */
export function accessFollowUpsFor(
  step: LifecycleStep,
  worker: Pick<WorkerRecord, "email" | "accessRemoved">,
  settings: {folders: readonly string[]; suspensionRemovesAccess: boolean},
): Array<{kind: string; detail: string}> {
  const kept = worker.accessRemoved ?? [];
  switch (step) {
    case "OffboardWorker":
    case "ApproveBlacklist":
      // Also clears what a suspension kept: access will not be restored after these steps.
      if ((settings.folders.length && worker.email) || kept.length) {
        return [
          {
            kind: REMOVE_ACCESS,
            detail: JSON.stringify({
              folders: worker.email ? [...settings.folders] : [],
              email: worker.email,
              restore: false,
            } satisfies RemoveAccessDetail),
          },
        ];
      }
      return [];
    case "SuspendWorker":
      if (settings.suspensionRemovesAccess && settings.folders.length && worker.email) {
        return [
          {
            kind: REMOVE_ACCESS,
            detail: JSON.stringify({
              folders: [...settings.folders],
              email: worker.email,
              restore: true,
            } satisfies RemoveAccessDetail),
          },
        ];
      }
      return [];
    case "ReinstateWorker":
      return kept.length
        ? [{kind: RESTORE_ACCESS, detail: JSON.stringify({grants: kept} satisfies RestoreAccessDetail)}]
        : [];
    default:
      return [];
  }
}

/** A permission as Drive lists it. */
export interface DrivePermission {
  id: string;
  type: string;
  role: string;
  emailAddress?: string;
  expirationTime?: string;
  permissionDetails?: ReadonlyArray<{inherited?: boolean; inheritedFrom?: string; role?: string}>;
}

/**
 * The worker's permissions on a folder: user or group permissions whose address reaches the
 * worker's mailbox (compared by canonical email key). Owners cannot be removed and are kept apart.
 */
export function workerPermissions(
  permissions: readonly DrivePermission[],
  email: string,
): {
  remove: DrivePermission[];
  owner: DrivePermission[];
  inherited: Array<{permission: DrivePermission; from: string; role: string}>;
} {
  const key = emailKey(email);
  const mine = permissions.filter(
    (p) => (p.type === "user" || p.type === "group") && p.emailAddress && emailKey(p.emailAddress) === key,
  );
  // A grant is the folder's own unless every detail says inherited; inherited access can only be
  // removed on the folder it comes from (Drive refuses it on the child).
  const direct = (p: DrivePermission) => !p.permissionDetails?.length || p.permissionDetails.some((d) => !d.inherited);
  const inherited = mine.flatMap((p) =>
    (p.permissionDetails ?? [])
      .filter((d) => d.inherited)
      .slice(0, 1)
      .map((d) => ({permission: p, from: d.inheritedFrom ?? "", role: d.role ?? p.role})),
  );
  return {
    remove: mine.filter((p) => p.role !== "owner" && direct(p)),
    owner: mine.filter((p) => p.role === "owner"),
    inherited,
  };
}

/** "writer on folder 1AbC… (permission 0123)", one per grant, joined. */
export function describeGrants(grants: readonly AccessGrant[]): string {
  return grants
    .map((g) => `${g.role} for ${g.emailAddress} on folder ${g.folderId} (permission ${g.permissionId})`)
    .join("; ");
}

/** Reads a follow-up detail written by {@link accessFollowUpsFor}; undefined when it is not one. */
export function parseRemoveDetail(detail: string | undefined): RemoveAccessDetail | undefined {
  try {
    const d = JSON.parse(detail ?? "") as Partial<RemoveAccessDetail>;
    if (
      Array.isArray(d.folders) &&
      d.folders.every((f) => typeof f === "string") &&
      typeof d.email === "string" &&
      typeof d.restore === "boolean"
    ) {
      return {folders: d.folders, email: d.email, restore: d.restore};
    }
  } catch {
    // not JSON
  }
  return undefined;
}

export function parseRestoreDetail(detail: string | undefined): RestoreAccessDetail | undefined {
  try {
    const d = JSON.parse(detail ?? "") as Partial<RestoreAccessDetail>;
    const valid = (g: unknown): g is AccessGrant =>
      Boolean(g) &&
      ["folderId", "permissionId", "type", "role", "emailAddress"].every(
        (k) => typeof (g as Record<string, unknown>)[k] === "string",
      );
    if (Array.isArray(d.grants) && d.grants.every(valid)) {
      return {
        grants: d.grants.map((g) => ({
          folderId: g.folderId,
          permissionId: g.permissionId,
          type: g.type,
          role: g.role,
          emailAddress: g.emailAddress,
          ...(typeof g.expirationTime === "string" && g.expirationTime ? {expirationTime: g.expirationTime} : {}),
        })),
      };
    }
  } catch {
    // not JSON
  }
  return undefined;
}
