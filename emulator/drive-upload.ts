// Drive files.create with content, as a multipart upload:
// https://developers.google.com/workspace/drive/api/guides/manage-uploads#multipart
// "POST https://www.googleapis.com/upload/drive/v3/files?uploadType=multipart", a body of
// Content-Type multipart/related whose first part is the file's metadata (application/json) and
// whose second is the content with its own Content-Type. A metadata mimeType of a Google Docs type
// imports the content ("Import to Google Docs types": text/html and text/plain become a Google Doc,
// https://developers.google.com/workspace/drive/api/guides/manage-uploads#import-docs). The file
// belongs to the caller; with drive.file it is one the app created. A parent the caller cannot
// write, or cannot see under its scope, is refused.
import {ApiError} from "./errors";
import {applyFields} from "./fields";
import type {Call} from "./sheets";
import type {EmulatorState} from "./state";
import type {DriveFile} from "./drive";
import {
  canWrite,
  DOC_MIME,
  DriveError,
  driveStore,
  fileById,
  fileResource,
  requireScope,
  userPermission,
  visible,
  WRITE_SCOPES,
} from "./drive";

/** Content types Drive imports into a Google Doc (the subset the pack sends). */
const DOC_IMPORTS = new Set(["text/html", "text/plain"]);
/** Drive's limit for a multipart upload (5 MB). */
const MULTIPART_MAX = 5 * 1024 * 1024;

interface Part {
  type: string;
  body: string;
}

function parts(raw: Buffer, contentType: string): Part[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!/^multipart\/related/i.test(contentType) || !boundary) {
    throw new DriveError(400, "Bad content type. Please use multipart/related.", "badContent");
  }
  const text = raw.toString("utf8");
  const out: Part[] = [];
  for (const chunk of text.split(`--${boundary}`).slice(1)) {
    if (chunk.startsWith("--")) {
      break; // the closing delimiter
    }
    const split = chunk.indexOf("\r\n\r\n");
    if (split < 0) {
      throw new DriveError(400, "Malformed multipart body.", "badContent");
    }
    const headers = chunk.slice(0, split);
    const type = /content-type:\s*([^\r\n;]+)/i.exec(headers)?.[1]?.trim().toLowerCase() ?? "";
    out.push({type, body: chunk.slice(split + 4).replace(/\r\n$/, "")});
  }
  return out;
}

/** Routes POST /upload/drive/v3/files on www.googleapis.com. */
export function handleDriveUpload(
  state: EmulatorState,
  call: Call & {rawBody: Buffer; headers: Record<string, string | string[] | undefined>},
): unknown {
  if (call.path !== "/upload/drive/v3/files" || call.method !== "POST") {
    throw new ApiError(404, `No emulated API at www.googleapis.com${call.path}.`, "NOT_FOUND");
  }
  if (call.query.get("uploadType") !== "multipart") {
    throw new DriveError(400, "Invalid upload type: the emulator takes uploadType=multipart only.", "invalid");
  }
  requireScope(call.user, WRITE_SCOPES);
  if (call.rawBody.length > MULTIPART_MAX) {
    throw new DriveError(413, "The multipart upload is larger than 5 MB: use a resumable upload.", "uploadTooLarge");
  }
  const [meta, media, ...extra] = parts(call.rawBody, String(call.headers["content-type"] ?? ""));
  if (!meta || !media || extra.length || !meta.type.includes("json")) {
    throw new DriveError(400, "A multipart upload has two parts: the metadata (JSON), then the media.", "badContent");
  }
  let metadata: {name?: string; mimeType?: string; parents?: string[]; appProperties?: Record<string, string>};
  try {
    metadata = JSON.parse(meta.body) as typeof metadata;
  } catch {
    throw new DriveError(400, "Invalid JSON payload received.", "parseError");
  }
  const parents = metadata.parents?.length ? metadata.parents : ["root"];
  for (const id of parents) {
    if (id === "root") {
      continue;
    }
    const parent = fileById(state, id);
    if (!parent || !visible(state, parent, call.user)) {
      throw new DriveError(404, `File not found: ${id}.`, "notFound", "parents");
    }
    if (!canWrite(state, parent, call.user)) {
      throw new DriveError(
        403,
        "The user does not have sufficient permissions for this file.",
        "insufficientFilePermissions",
      );
    }
  }
  const wanted = metadata.mimeType ?? media.type;
  if (wanted === DOC_MIME && !DOC_IMPORTS.has(media.type)) {
    throw new DriveError(400, `Content of type ${media.type} cannot be imported into a Google Doc.`, "badContent");
  }
  const now = new Date().toISOString();
  const created: DriveFile = {
    id: state.newId(44),
    name: metadata.name ?? "Untitled",
    mimeType: wanted || "application/octet-stream",
    parents,
    trashed: false,
    createdTime: now,
    modifiedTime: now,
    properties: {},
    appProperties: metadata.appProperties ?? {},
    permissions: [userPermission(call.user.email, "owner")],
    appCreated: true,
    content: media.body,
  };
  driveStore(state).files.set(created.id, created);
  return applyFields(fileResource(created), call.query.get("fields") ?? "kind,id,name,mimeType");
}
