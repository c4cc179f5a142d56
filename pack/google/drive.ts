// Drive API v3 wrappers: https://developers.google.com/workspace/drive/api/reference/rest/v3
import * as z from "zod/mini";
import type {Google, QueryParams} from "./http";
import {callGoogle, withQuery} from "./http";
import {isGoogleApiError} from "./errors";
import {DomainError} from "../core/errors";

const API = "https://www.googleapis.com/drive/v3";

/** Builds every Drive URL: `apiUrl("/files", [["q", "'x' in parents"]])`. */
export function apiUrl(path: string, query: QueryParams = []): string {
  return withQuery(`${API}${path}`, query);
}

const fileSchema = z.object({
  id: z.string(),
  name: z.optional(z.string()),
  mimeType: z.optional(z.string()),
  parents: z.optional(z.array(z.string())),
  modifiedTime: z.optional(z.string()),
  createdTime: z.optional(z.string()),
  trashed: z.optional(z.boolean()),
  webViewLink: z.optional(z.string()),
  properties: z.optional(z.record(z.string(), z.string())),
  appProperties: z.optional(z.record(z.string(), z.string())),
});
export type DriveFile = z.infer<typeof fileSchema>;

const FILE_FIELDS = "id,name,mimeType,parents,modifiedTime,createdTime,webViewLink,properties,appProperties";

const permissionSchema = z.object({
  id: z.string(),
  type: z.string(),
  role: z.string(),
  emailAddress: z.optional(z.string()),
  expirationTime: z.optional(z.string()),
  // Whether the grant is the item's own or inherited from a folder above it (inheritedFrom is
  // filled in shared drives): https://developers.google.com/workspace/drive/api/reference/rest/v3/permissions
  permissionDetails: z.optional(
    z.array(
      z.object({
        inherited: z.optional(z.boolean()),
        inheritedFrom: z.optional(z.string()),
        role: z.optional(z.string()),
      }),
    ),
  ),
});
export type Permission = z.infer<typeof permissionSchema>;

/** Quotes a value for a Drive query: backslashes and single quotes escaped. */
function quote(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/** How many folders one files.list query names: keeps the query short. */
const FOLDERS_PER_QUERY = 20;

/**
 * The files (not trashed) directly inside the given folders, following nextPageToken; each file
 * lists its parents so the caller can tell the folders apart. Folders are asked about twenty at a
 * time with `'a' in parents or 'b' in parents`.
 */
export async function listChildren(g: Google, folderIds: readonly string[], what: string): Promise<DriveFile[]> {
  const out: DriveFile[] = [];
  for (let i = 0; i < folderIds.length; i += FOLDERS_PER_QUERY) {
    const group = folderIds.slice(i, i + FOLDERS_PER_QUERY);
    const q = `(${group.map((id) => `${quote(id)} in parents`).join(" or ")}) and trashed = false`;
    let pageToken = "";
    do {
      const query: Array<[string, string | number | boolean]> = [
        ["q", q],
        ["fields", `nextPageToken,files(${FILE_FIELDS})`],
        ["pageSize", 1000],
        ["supportsAllDrives", true],
        ["includeItemsFromAllDrives", true],
      ];
      if (pageToken) {
        query.push(["pageToken", pageToken]);
      }
      const page = await callGoogle(
        g,
        {method: "GET", url: apiUrl("/files", query), cacheTtlSecs: 0, what, retry: "idempotent"},
        z.object({nextPageToken: z.optional(z.string()), files: z.optional(z.array(fileSchema))}),
      ).catch((err: unknown) => {
        throw driveError(err, group.length === 1 ? `folder ${group[0]}` : "one of the folders", what);
      });
      out.push(...(page.files ?? []));
      pageToken = page.nextPageToken ?? "";
    } while (pageToken);
  }
  return out;
}

/** files.get with the given fields; a 404 under a connection without Drive read access asks for it. */
export async function getFile(g: Google, fileId: string, what: string): Promise<DriveFile> {
  return callGoogle(
    g,
    {
      method: "GET",
      url: apiUrl(`/files/${encodeURIComponent(fileId)}`, [
        ["fields", FILE_FIELDS],
        ["supportsAllDrives", true],
      ]),
      cacheTtlSecs: 0,
      what,
      retry: "idempotent",
    },
    fileSchema,
  ).catch(async (err: unknown) => {
    if (isNotFound(err)) {
      // Not found, or only out of reach of the connection's scopes: tell them apart.
      await requireDriveReach(g, what);
    }
    throw driveError(err, `file ${fileId}`, what);
  });
}

/** Every permission on a file, with the email address each one is for (Drive omits it by default). */
export async function listPermissions(g: Google, fileId: string, what: string): Promise<Permission[]> {
  const out: Permission[] = [];
  let pageToken = "";
  do {
    const query: Array<[string, string | number | boolean]> = [
      ["fields", "nextPageToken,permissions(id,type,role,emailAddress,expirationTime,permissionDetails)"],
      ["pageSize", 100],
      ["supportsAllDrives", true],
    ];
    if (pageToken) {
      query.push(["pageToken", pageToken]);
    }
    const page = await callGoogle(
      g,
      {
        method: "GET",
        url: apiUrl(`/files/${encodeURIComponent(fileId)}/permissions`, query),
        cacheTtlSecs: 0,
        what,
        retry: "idempotent",
      },
      z.object({nextPageToken: z.optional(z.string()), permissions: z.optional(z.array(permissionSchema))}),
    );
    out.push(...(page.permissions ?? []));
    pageToken = page.nextPageToken ?? "";
  } while (pageToken);
  return out;
}

/** Removes a permission. Deleting one already gone is a 404, which the caller may treat as done. */
export async function deletePermission(g: Google, fileId: string, permissionId: string, what: string): Promise<void> {
  await callGoogle(g, {
    method: "DELETE",
    url: apiUrl(`/files/${encodeURIComponent(fileId)}/permissions/${encodeURIComponent(permissionId)}`, [
      ["supportsAllDrives", true],
    ]),
    what,
    retry: "idempotent",
  });
}

/**
 * Grants a user or group a role on a file without emailing them. Granting the same role twice
 * leaves one permission, so a retry is safe.
 */
export async function createPermission(
  g: Google,
  fileId: string,
  grant: {type: string; role: string; emailAddress: string; expirationTime?: string},
  what: string,
): Promise<Permission> {
  return callGoogle(
    g,
    {
      method: "POST",
      url: apiUrl(`/files/${encodeURIComponent(fileId)}/permissions`, [
        ["sendNotificationEmail", false],
        ["supportsAllDrives", true],
        ["fields", "id,type,role,emailAddress,expirationTime"],
      ]),
      body: grant,
      what,
      retry: "idempotent",
    },
    permissionSchema,
  );
}

/** Changes a permission's role in place (permissions.update). */
export async function updatePermission(
  g: Google,
  fileId: string,
  permissionId: string,
  role: string,
  what: string,
): Promise<void> {
  await callGoogle(g, {
    method: "PATCH",
    url: apiUrl(`/files/${encodeURIComponent(fileId)}/permissions/${encodeURIComponent(permissionId)}`, [
      ["supportsAllDrives", true],
    ]),
    body: {role},
    what,
    retry: "idempotent",
  });
}

/** What {@link createFile} writes: the file's metadata and its content as text. */
export interface NewFile {
  name: string;
  /** The Drive type to create; a Google Docs type imports the content (text/html becomes a Google Doc). */
  mimeType: string;
  /** The content's own type, such as "text/html; charset=UTF-8". */
  contentType: string;
  content: string;
  /** Folder ids; none puts the file in the caller's My Drive. */
  parents?: string[];
  appProperties?: Record<string, string>;
}

/**
 * files.create with its content, as one multipart upload (metadata, then media):
 * https://developers.google.com/workspace/drive/api/guides/manage-uploads#multipart. Creating a
 * file is not idempotent, so it is retried only on 429.
 */
export async function createFile(g: Google, file: NewFile, what: string): Promise<DriveFile> {
  let boundary = "tns_part_boundary";
  while (file.content.includes(boundary)) {
    boundary += "_x";
  }
  const metadata = {
    name: file.name,
    mimeType: file.mimeType,
    ...(file.parents?.length ? {parents: file.parents} : {}),
    ...(file.appProperties ? {appProperties: file.appProperties} : {}),
  };
  const body = [
    `--${boundary}`,
    "Content-Type: application/json; charset=UTF-8",
    "",
    JSON.stringify(metadata),
    `--${boundary}`,
    `Content-Type: ${file.contentType}`,
    "",
    file.content,
    `--${boundary}--`,
    "",
  ].join("\r\n");
  return callGoogle(
    g,
    {
      method: "POST",
      url: withQuery("https://www.googleapis.com/upload/drive/v3/files", [
        ["uploadType", "multipart"],
        ["fields", FILE_FIELDS],
        ["supportsAllDrives", true],
      ]),
      headers: {"Content-Type": `multipart/related; boundary=${boundary}`},
      body,
      what,
      retry: "once",
    },
    fileSchema,
  ).catch((err: unknown) => {
    throw driveError(err, file.parents?.length ? `folder ${file.parents.join(", ")}` : "your My Drive", what);
  });
}

/** True for Drive's "not found" (a folder deleted, or not shared with the caller). */
export function isNotFound(err: unknown): boolean {
  return isGoogleApiError(err) && err.status === 404;
}

/**
 * Asks Drive whether the connection reaches files the pack did not create, and throws Coda's
 * MissingScopesError when it does not. With only `drive.file` (which AddStaff and the Findings sync
 * ask for), Drive answers 404 for a folder shared with the user but never opened through the pack,
 * the same answer as for a missing one, and lists such a folder as empty; Coda asks for a formula's
 * extra scopes only on a 403. `drives.list` needs `drive` or `drive.readonly`
 * (https://developers.google.com/workspace/drive/api/reference/rest/v3/drives/list, "Authorization
 * scopes"), so without them Google answers 403 insufficient scopes, which callGoogle turns into
 * MissingScopesError. Call it where a formula needs those scopes, before trusting a 404 or an empty list.
 */
export async function requireDriveReach(g: Google, what: string): Promise<void> {
  await callGoogle(g, {
    method: "GET",
    url: apiUrl("/drives", [
      ["pageSize", 1],
      ["fields", "kind"],
    ]),
    cacheTtlSecs: 0,
    what,
    retry: "idempotent",
  });
}

/** Turns Drive's 403 and 404 into a sentence about the folder or file, not about the ledger. */
function driveError(err: unknown, subject: string, what: string): unknown {
  if (!isGoogleApiError(err)) {
    return err;
  }
  if (err.status === 404) {
    return new DomainError(
      "DRIVE_NOT_FOUND",
      `Google Drive could not find ${subject}, or it is not shared with you, so the pack could not ${what}. Check the link and ask its owner to share it with you.`,
    );
  }
  if (err.status === 403) {
    return new DomainError(
      "DRIVE_FORBIDDEN",
      `Google Drive did not let your account ${what}: you need access to ${subject}. Ask its owner to share it with you.`,
    );
  }
  return err;
}
