// The subset of Drive API v3 the pack uses, with Google's documented semantics:
// https://developers.google.com/workspace/drive/api/reference/rest/v3
// files.list (q on parents, mimeType, name, trashed, dates, properties; fields; pageToken paging),
// files.get, permissions.list/create/delete, drives.list (empty), file properties and appProperties. Spreadsheets the
// Sheets emulator holds are Drive files too, sharing included.
import {createHash} from "node:crypto";
import {ApiError, insufficientScopes} from "./errors";
import {applyFields} from "./fields";
import type {Role, Spreadsheet} from "./model";
import type {Call} from "./sheets";
import type {EmulatorState, User} from "./state";
import {DRIVE_FILE_SCOPE, DRIVE_SCOPE} from "./state";

export const DRIVE_READONLY_SCOPE = "https://www.googleapis.com/auth/drive.readonly";
export const DRIVE_METADATA_READONLY_SCOPE = "https://www.googleapis.com/auth/drive.metadata.readonly";
export const FOLDER_MIME = "application/vnd.google-apps.folder";
const SHEET_MIME = "application/vnd.google-apps.spreadsheet";
export const DOC_MIME = "application/vnd.google-apps.document";

export const READ_SCOPES = [
  DRIVE_SCOPE,
  DRIVE_READONLY_SCOPE,
  DRIVE_METADATA_READONLY_SCOPE,
  "https://www.googleapis.com/auth/drive.metadata",
  DRIVE_FILE_SCOPE,
];
export const WRITE_SCOPES = [DRIVE_SCOPE, DRIVE_FILE_SCOPE];

export type DriveRole = "owner" | "organizer" | "fileOrganizer" | "writer" | "commenter" | "reader";
const ROLE_RANK: Record<DriveRole, number> = {
  reader: 1,
  commenter: 2,
  writer: 3,
  fileOrganizer: 4,
  organizer: 5,
  owner: 6,
};

export interface DrivePermission {
  id: string;
  type: "user" | "group" | "domain" | "anyone";
  role: DriveRole;
  emailAddress?: string;
  domain?: string;
  /** RFC 3339; Drive removes the permission then. */
  expirationTime?: string;
}

/**
 * A permission as permissions.list shows it on one item: its own (direct) grant and the grants it
 * inherits from the folders above it, told apart by permissionDetails ("inherited: Whether this
 * permission is inherited. This field is always populated"; inheritedFrom "The ID of the item
 * from which this permission is inherited")
 * (https://developers.google.com/workspace/drive/api/reference/rest/v3/permissions#Permission).
 */
interface ListedPermission extends DrivePermission {
  details: Array<{inherited: boolean; inheritedFrom?: string; role: DriveRole}>;
}

function listedPermissions(state: EmulatorState, file: DriveFile): ListedPermission[] {
  const byId = new Map<string, ListedPermission>();
  const add = (p: DrivePermission, from?: string) => {
    const entry = byId.get(p.id) ?? {...p, details: []};
    entry.details.push({inherited: from !== undefined, ...(from ? {inheritedFrom: from} : {}), role: p.role});
    if (from === undefined) {
      Object.assign(entry, p);
    } else if (ROLE_RANK[p.role] > ROLE_RANK[entry.role]) {
      entry.role = p.role;
    }
    byId.set(p.id, entry);
  };
  for (const p of file.permissions) {
    add(p);
  }
  const seen = new Set([file.id]);
  const climb = (f: DriveFile) => {
    for (const parentId of f.parents) {
      const parent = driveStore(state).files.get(parentId);
      if (!parent || seen.has(parent.id)) {
        continue;
      }
      seen.add(parent.id);
      for (const p of parent.permissions) {
        // An owner above is a writer here, as Drive shows it on a child in My Drive.
        add(p.role === "owner" ? {...p, role: "writer"} : p, parent.id);
      }
      climb(parent);
    }
  };
  climb(file);
  return [...byId.values()];
}

export interface DriveFile {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  trashed: boolean;
  createdTime: string;
  modifiedTime: string;
  properties: Record<string, string>;
  appProperties: Record<string, string>;
  permissions: DrivePermission[];
  /** Created through this app: what the drive.file scope reaches. */
  appCreated: boolean;
  /** The content of an uploaded file (see drive-upload.ts), as text. */
  content?: string;
}

interface DriveStore {
  files: Map<string, DriveFile>;
  /** Permission changes as they happened, for tests: "create fileId permissionId role email". */
  changes: string[];
}

/** The Drive files the emulator holds (spreadsheets are added on the fly). */
export function driveStore(state: EmulatorState): DriveStore {
  let store = state.extensions.get("drive") as DriveStore | undefined;
  if (!store) {
    store = {files: new Map(), changes: []};
    state.extensions.set("drive", store);
  }
  return store;
}

/** A user's permission id: the same on every file, as Drive's are. */
export function permissionIdFor(email: string): string {
  const hex = createHash("sha256").update(email.toLowerCase()).digest("hex").slice(0, 15);
  return BigInt(`0x${hex}`).toString().padStart(20, "0");
}

/** Adds a file or folder, owned by `owner`, for a test or the demo to play with. */
export function addDriveFile(
  state: EmulatorState,
  file: {
    name: string;
    owner: string;
    mimeType?: string;
    parents?: string[];
    id?: string;
    modifiedTime?: string;
    createdTime?: string;
    trashed?: boolean;
    properties?: Record<string, string>;
    appProperties?: Record<string, string>;
    shareWith?: Array<{email: string; role: DriveRole}>;
  },
): DriveFile {
  const now = new Date().toISOString();
  const created: DriveFile = {
    id: file.id ?? state.newId(33),
    name: file.name,
    mimeType: file.mimeType ?? "application/pdf",
    parents: file.parents ?? ["root"],
    trashed: file.trashed ?? false,
    createdTime: file.createdTime ?? file.modifiedTime ?? now,
    modifiedTime: file.modifiedTime ?? now,
    properties: file.properties ?? {},
    appProperties: file.appProperties ?? {},
    permissions: [
      userPermission(file.owner, "owner"),
      ...(file.shareWith ?? []).map((s) => userPermission(s.email, s.role)),
    ],
    appCreated: false,
  };
  driveStore(state).files.set(created.id, created);
  return created;
}

export function addFolder(
  state: EmulatorState,
  name: string,
  owner: string,
  options: {parents?: string[]; shareWith?: Array<{email: string; role: DriveRole}>; id?: string} = {},
): DriveFile {
  return addDriveFile(state, {name, owner, mimeType: FOLDER_MIME, ...options});
}

export function userPermission(email: string, role: DriveRole): DrivePermission {
  return {id: permissionIdFor(email), type: "user", role, emailAddress: email.toLowerCase()};
}

export class DriveError extends ApiError {
  constructor(
    code: number,
    message: string,
    readonly driveReason: string,
    readonly location?: string,
  ) {
    super(code, message, code === 404 ? "NOT_FOUND" : code === 403 ? "PERMISSION_DENIED" : "INVALID_ARGUMENT");
  }
  override body(): unknown {
    return {
      error: {
        code: this.code,
        message: this.message,
        errors: [
          {
            message: this.message,
            domain: "global",
            reason: this.driveReason,
            ...(this.location ? {locationType: "parameter", location: this.location} : {}),
          },
        ],
      },
    };
  }
}

const fileNotFound = (id: string) => new DriveError(404, `File not found: ${id}.`, "notFound", "fileId");
const invalidQuery = () => new DriveError(400, "Invalid Value", "invalid", "q");
const noFilePermission = () =>
  new DriveError(403, "The user does not have sufficient permissions for this file.", "insufficientFilePermissions");

// ---------- files as the caller sees them ----------

function sheetFile(book: Spreadsheet): DriveFile {
  const permissions = [...book.permissions].map(([email, role]) =>
    userPermission(email, role === "owner" ? "owner" : (role as Role) === "writer" ? "writer" : "reader"),
  );
  return {
    id: book.spreadsheetId,
    name: book.properties.title,
    mimeType: SHEET_MIME,
    parents: ["root"],
    trashed: false,
    createdTime: "",
    modifiedTime: "",
    properties: {},
    appProperties: {},
    permissions,
    appCreated: true,
  };
}

export function fileById(state: EmulatorState, id: string): DriveFile | undefined {
  const file = driveStore(state).files.get(id);
  if (file) {
    return file;
  }
  const book = state.spreadsheets.get(id);
  return book ? sheetFile(book) : undefined;
}

function allFiles(state: EmulatorState): DriveFile[] {
  return [...driveStore(state).files.values(), ...[...state.spreadsheets.values()].map(sheetFile)];
}

/** The caller's role on a file: its own permissions, or inherited from a folder above it. */
function roleOf(state: EmulatorState, file: DriveFile, user: User, seen = new Set<string>()): DriveRole | undefined {
  if (seen.has(file.id)) {
    return undefined;
  }
  seen.add(file.id);
  const domain = user.email.split("@")[1] ?? "";
  let best: DriveRole | undefined;
  const consider = (role: DriveRole | undefined) => {
    if (role && (!best || ROLE_RANK[role] > ROLE_RANK[best])) {
      best = role;
    }
  };
  for (const p of file.permissions) {
    if ((p.type === "user" || p.type === "group") && p.emailAddress === user.email) {
      consider(p.role);
    } else if (p.type === "anyone" || (p.type === "domain" && p.domain === domain)) {
      consider(p.role);
    }
  }
  for (const parent of file.parents) {
    const folder = driveStore(state).files.get(parent);
    if (folder) {
      const inherited = roleOf(state, folder, user, seen);
      consider(inherited === "owner" ? "writer" : inherited);
    }
  }
  return best;
}

export function visible(state: EmulatorState, file: DriveFile, user: User): boolean {
  if (
    !user.scopes.has(DRIVE_SCOPE) &&
    !user.scopes.has(DRIVE_READONLY_SCOPE) &&
    ![...user.scopes].some((s) => s.startsWith("https://www.googleapis.com/auth/drive.metadata")) &&
    !file.appCreated
  ) {
    return false; // drive.file reaches only files the app created
  }
  return roleOf(state, file, user) !== undefined;
}

export function canWrite(state: EmulatorState, file: DriveFile, user: User): boolean {
  const role = roleOf(state, file, user);
  return role !== undefined && ROLE_RANK[role] >= ROLE_RANK.writer;
}

export function fileResource(file: DriveFile): Record<string, unknown> {
  const link =
    file.mimeType === FOLDER_MIME
      ? `https://drive.google.com/drive/folders/${file.id}`
      : file.mimeType === SHEET_MIME
        ? `https://docs.google.com/spreadsheets/d/${file.id}/edit?usp=drivesdk`
        : file.mimeType === DOC_MIME
          ? `https://docs.google.com/document/d/${file.id}/edit?usp=drivesdk`
          : `https://drive.google.com/file/d/${file.id}/view?usp=drivesdk`;
  return {
    kind: "drive#file",
    id: file.id,
    name: file.name,
    mimeType: file.mimeType,
    parents: file.parents,
    trashed: file.trashed,
    ...(file.createdTime ? {createdTime: file.createdTime} : {}),
    ...(file.modifiedTime ? {modifiedTime: file.modifiedTime} : {}),
    webViewLink: link,
    ...(Object.keys(file.properties).length ? {properties: file.properties} : {}),
    ...(Object.keys(file.appProperties).length ? {appProperties: file.appProperties} : {}),
  };
}

function permissionResource(p: DrivePermission | ListedPermission): Record<string, unknown> {
  return {
    kind: "drive#permission",
    id: p.id,
    type: p.type,
    role: p.role,
    ...(p.emailAddress ? {emailAddress: p.emailAddress} : {}),
    ...(p.domain ? {domain: p.domain} : {}),
    ...(p.expirationTime ? {expirationTime: p.expirationTime} : {}),
    ...("details" in p
      ? {
          permissionDetails: p.details.map((d) => ({
            permissionType: "file",
            role: d.role,
            inherited: d.inherited,
            ...(d.inheritedFrom ? {inheritedFrom: d.inheritedFrom} : {}),
          })),
        }
      : {}),
  };
}

// ---------- the q language ----------

type Token =
  | {kind: "str"; value: string}
  | {kind: "word"; value: string}
  | {kind: "op"; value: string}
  | {kind: "punct"; value: string};

function tokenize(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const ch = q[i] as string;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'") {
      let value = "";
      i++;
      while (i < q.length && q[i] !== "'") {
        if (q[i] === "\\" && i + 1 < q.length) {
          i++;
        }
        value += q[i];
        i++;
      }
      if (q[i] !== "'") {
        throw invalidQuery();
      }
      i++;
      out.push({kind: "str", value});
    } else if ("(){}".includes(ch)) {
      out.push({kind: "punct", value: ch});
      i++;
    } else if ("=!<>".includes(ch)) {
      const two = q.slice(i, i + 2);
      const op = ["!=", "<=", ">="].includes(two) ? two : ch;
      if (op === "!") {
        throw invalidQuery();
      }
      out.push({kind: "op", value: op});
      i += op.length;
    } else {
      const m = /^[A-Za-z0-9_.:+-]+/.exec(q.slice(i));
      if (!m) {
        throw invalidQuery();
      }
      out.push({kind: "word", value: m[0]});
      i += m[0].length;
    }
  }
  return out;
}

type Predicate = (file: DriveFile) => boolean;

/** Parses a Drive query: `and` binds tighter than `or`, `not` negates, parentheses group. */
export function parseQuery(q: string, context: {state: EmulatorState; user: User}): Predicate {
  const tokens = tokenize(q);
  let pos = 0;
  const peek = () => tokens[pos];
  const word = (w: string) => peek()?.kind === "word" && peek()?.value.toLowerCase() === w;
  const take = () => {
    const t = tokens[pos++];
    if (!t) {
      throw invalidQuery();
    }
    return t;
  };
  const expect = (kind: Token["kind"], value?: string) => {
    const t = take();
    if (t.kind !== kind || (value !== undefined && t.value !== value)) {
      throw invalidQuery();
    }
    return t;
  };
  const orExpr = (): Predicate => {
    let left = andExpr();
    while (word("or")) {
      pos++;
      const l = left;
      const r = andExpr();
      left = (f) => l(f) || r(f);
    }
    return left;
  };
  const andExpr = (): Predicate => {
    let left = unary();
    while (word("and")) {
      pos++;
      const l = left;
      const r = unary();
      left = (f) => l(f) && r(f);
    }
    return left;
  };
  const unary = (): Predicate => {
    if (word("not")) {
      pos++;
      const inner = unary();
      return (f) => !inner(f);
    }
    if (peek()?.kind === "punct" && peek()?.value === "(") {
      pos++;
      const inner = orExpr();
      expect("punct", ")");
      return inner;
    }
    return clause();
  };
  const value = (): string | boolean => {
    const t = take();
    if (t.kind === "str") {
      return t.value;
    }
    if (t.kind === "word" && /^(true|false)$/i.test(t.value)) {
      return t.value.toLowerCase() === "true";
    }
    throw invalidQuery();
  };
  const clause = (): Predicate => {
    if (peek()?.kind === "str") {
      const needle = take().value;
      if (!word("in")) {
        throw invalidQuery();
      }
      pos++;
      const field = take();
      if (field.kind !== "word") {
        throw invalidQuery();
      }
      switch (field.value) {
        case "parents":
          return (f) => f.parents.includes(needle);
        case "owners":
          return (f) => f.permissions.some((p) => p.role === "owner" && p.emailAddress === needle.toLowerCase());
        case "writers":
          return (f) =>
            f.permissions.some((p) => ROLE_RANK[p.role] >= ROLE_RANK.writer && p.emailAddress === needle.toLowerCase());
        case "readers":
          return (f) => f.permissions.some((p) => p.emailAddress === needle.toLowerCase());
        default:
          throw invalidQuery();
      }
    }
    const field = take();
    if (field.kind !== "word") {
      throw invalidQuery();
    }
    const name = field.value;
    if ((name === "properties" || name === "appProperties") && word("has")) {
      pos++;
      expect("punct", "{");
      expect("word", "key");
      expect("op", "=");
      const key = value();
      if (!word("and")) {
        throw invalidQuery();
      }
      pos++;
      expect("word", "value");
      expect("op", "=");
      const val = value();
      expect("punct", "}");
      return (f) => f[name][String(key)] === String(val);
    }
    const opToken = take();
    const op =
      opToken.kind === "op" ? opToken.value : opToken.kind === "word" && opToken.value === "contains" ? "contains" : "";
    if (!op) {
      throw invalidQuery();
    }
    const v = value();
    const compare = (actual: string | boolean): boolean => {
      if (op === "=") {
        return actual === v;
      }
      if (op === "!=") {
        return actual !== v;
      }
      if (op === "contains" && typeof actual === "string" && typeof v === "string") {
        return actual.toLowerCase().includes(v.toLowerCase());
      }
      if (typeof actual === "string" && typeof v === "string" && ["<", "<=", ">", ">="].includes(op)) {
        const a = Date.parse(actual);
        const b = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(v) ? v : `${v}Z`);
        return op === "<" ? a < b : op === "<=" ? a <= b : op === ">" ? a > b : a >= b;
      }
      throw invalidQuery();
    };
    switch (name) {
      case "name":
        if (!["=", "!=", "contains"].includes(op) || typeof v !== "string") {
          throw invalidQuery();
        }
        return (f) => compare(f.name);
      case "fullText":
        if (op !== "contains") {
          throw invalidQuery();
        }
        return (f) => compare(f.name);
      case "mimeType":
        if (!["=", "!=", "contains"].includes(op) || typeof v !== "string") {
          throw invalidQuery();
        }
        return (f) => compare(f.mimeType);
      case "trashed":
      case "starred":
      case "sharedWithMe":
        if (!["=", "!="].includes(op) || typeof v !== "boolean") {
          throw invalidQuery();
        }
        if (name === "trashed") {
          return (f) => compare(f.trashed);
        }
        if (name === "starred") {
          return () => compare(false);
        }
        return (f) => compare(roleOf(context.state, f, context.user) !== "owner");
      case "modifiedTime":
      case "createdTime":
        if (
          op === "contains" ||
          typeof v !== "string" ||
          Number.isNaN(Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(v) ? v : `${v}Z`))
        ) {
          throw invalidQuery();
        }
        return (f) => compare(f[name]);
      default:
        throw invalidQuery();
    }
  };
  if (!tokens.length) {
    return () => true;
  }
  const predicate = orExpr();
  if (pos !== tokens.length) {
    throw invalidQuery();
  }
  return predicate;
}

// ---------- endpoints ----------

export function requireScope(user: User, scopes: readonly string[]): void {
  if (!scopes.some((s) => user.scopes.has(s))) {
    throw insufficientScopes();
  }
}

function pageOf<T>(items: T[], query: URLSearchParams, max: number, fallback: number): {page: T[]; next?: string} {
  const sizeText = query.get("pageSize");
  const size = sizeText === null ? fallback : Number(sizeText);
  if (!Number.isInteger(size) || size < 1 || size > max) {
    throw new DriveError(
      400,
      `Invalid value '${sizeText}'. Values must be within the range: [1, ${max}]`,
      "invalid",
      "pageSize",
    );
  }
  const token = query.get("pageToken");
  let offset = 0;
  if (token) {
    offset = Number(Buffer.from(token, "base64").toString("utf8").replace(/^o:/, ""));
    if (!Number.isInteger(offset) || offset < 0) {
      throw new DriveError(400, "Invalid Value", "invalid", "pageToken");
    }
  }
  const page = items.slice(offset, offset + size);
  const next = offset + size < items.length ? Buffer.from(`o:${offset + size}`).toString("base64") : undefined;
  return {page, next};
}

function sortFiles(files: DriveFile[], orderBy: string | null): DriveFile[] {
  const keys = (orderBy ?? "")
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean);
  return files.sort((a, b) => {
    for (const key of keys) {
      const [field = "", dir] = key.split(/\s+/);
      const av = String(
        (a as unknown as Record<string, unknown>)[
          field === "name_natural" ? "name" : field === "folder" ? "mimeType" : field
        ] ?? "",
      );
      const bv = String(
        (b as unknown as Record<string, unknown>)[
          field === "name_natural" ? "name" : field === "folder" ? "mimeType" : field
        ] ?? "",
      );
      if (av !== bv) {
        return (av < bv ? -1 : 1) * (dir === "desc" ? -1 : 1);
      }
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

/**
 * drives.list: the user's shared drives. It needs `drive` or `drive.readonly`; `drive.file` and the
 * metadata scopes are refused with 403 insufficient scopes
 * (https://developers.google.com/workspace/drive/api/reference/rest/v3/drives/list, "Authorization
 * scopes"). The emulator holds no shared drives, so the list is empty.
 */
function listDrives(call: Call): unknown {
  if (call.method !== "GET") {
    throw new ApiError(404, "Method not found.", "NOT_FOUND");
  }
  requireScope(call.user, [DRIVE_SCOPE, DRIVE_READONLY_SCOPE]);
  const size = Number(call.query.get("pageSize") ?? 10);
  if (!Number.isInteger(size) || size < 1 || size > 100) {
    throw new DriveError(
      400,
      `Invalid value '${call.query.get("pageSize")}'. Values must be within the range: [1, 100]`,
      "invalid",
      "pageSize",
    );
  }
  return applyFields(
    {kind: "drive#driveList", drives: []},
    call.query.get("fields") ?? "kind,nextPageToken,drives(id,name,kind)",
  );
}

/** Routes /drive/v3/… calls on www.googleapis.com. */
export function handleDrive(state: EmulatorState, call: Call): unknown {
  if (call.path === "/drive/v3/drives") {
    return listDrives(call);
  }
  const match = /^\/drive\/v3\/files(?:\/([^/]+))?(?:\/permissions(?:\/([^/]+))?)?$/.exec(call.path);
  if (!match) {
    throw new ApiError(404, `No emulated API at www.googleapis.com${call.path}.`, "NOT_FOUND");
  }
  const fileId = match[1] ? decodeURIComponent(match[1]) : undefined;
  const onPermissions = call.path.includes("/permissions");
  const permissionId = match[2] ? decodeURIComponent(match[2]) : undefined;
  const fields = call.query.get("fields") ?? undefined;
  const user = call.user;

  if (!fileId) {
    if (call.method !== "GET") {
      throw new ApiError(404, "Method not found.", "NOT_FOUND");
    }
    requireScope(user, READ_SCOPES);
    const predicate = parseQuery(call.query.get("q") ?? "", {state, user});
    const files = sortFiles(
      allFiles(state).filter((f) => visible(state, f, user) && predicate(f)),
      call.query.get("orderBy"),
    );
    const {page, next} = pageOf(files, call.query, 1000, 100);
    const body = {
      kind: "drive#fileList",
      incompleteSearch: false,
      ...(next ? {nextPageToken: next} : {}),
      files: page.map(fileResource),
    };
    return applyFields(body, fields ?? "kind,incompleteSearch,nextPageToken,files(kind,id,name,mimeType)");
  }

  requireScope(user, onPermissions && call.method !== "GET" ? WRITE_SCOPES : READ_SCOPES);
  const file = fileById(state, fileId);
  if (!file || !visible(state, file, user)) {
    throw fileNotFound(fileId);
  }
  if (!onPermissions) {
    if (call.method !== "GET") {
      throw new ApiError(404, "Method not found.", "NOT_FOUND");
    }
    return applyFields(fileResource(file), fields ?? "kind,id,name,mimeType");
  }
  if (!canWrite(state, file, user)) {
    throw noFilePermission();
  }
  const book = state.spreadsheets.get(file.id);
  const store = driveStore(state);
  if (call.method === "GET" && !permissionId) {
    const {page, next} = pageOf(listedPermissions(state, file), call.query, 100, 100);
    return applyFields(
      {kind: "drive#permissionList", ...(next ? {nextPageToken: next} : {}), permissions: page.map(permissionResource)},
      fields ?? "kind,nextPageToken,permissions(kind,id,type,role)",
    );
  }
  if (call.method === "POST" && !permissionId) {
    const body = (call.body ?? {}) as {
      type?: string;
      role?: string;
      emailAddress?: string;
      domain?: string;
      expirationTime?: string;
    };
    if (!body.type || !["user", "group", "domain", "anyone"].includes(body.type)) {
      throw new DriveError(400, "The permission type field is required.", "required", "permission.type");
    }
    if (!body.role || !(body.role in ROLE_RANK)) {
      throw new DriveError(400, "The permission role field is required.", "required", "permission.role");
    }
    if (body.role === "owner" && call.query.get("transferOwnership") !== "true") {
      throw new DriveError(
        403,
        "The transferOwnership parameter must be enabled when the permission role is 'owner'.",
        "forbidden",
      );
    }
    if ((body.type === "user" || body.type === "group") && !body.emailAddress) {
      throw new DriveError(
        400,
        "The emailAddress field is required for a user or group permission.",
        "required",
        "permission.emailAddress",
      );
    }
    const email = body.emailAddress?.toLowerCase();
    const id = email ? permissionIdFor(email) : body.type === "anyone" ? "anyoneWithLink" : `${body.domain}d`;
    const created: DrivePermission = {
      id,
      type: body.type as DrivePermission["type"],
      role: body.role as DriveRole,
      ...(email ? {emailAddress: email} : {}),
      ...(body.domain ? {domain: body.domain} : {}),
      ...(body.expirationTime ? {expirationTime: body.expirationTime} : {}),
    };
    if (book) {
      if (email) {
        book.permissions.set(
          email,
          created.role === "owner" ? "owner" : ROLE_RANK[created.role] >= ROLE_RANK.writer ? "writer" : "reader",
        );
      }
    } else {
      const own = store.files.get(file.id) as DriveFile;
      own.permissions = [...own.permissions.filter((p) => p.id !== id), created];
    }
    store.changes.push(`create ${file.id} ${id} ${created.role} ${email ?? ""}`.trim());
    return applyFields(permissionResource(created), fields ?? "kind,id,type,role");
  }
  // permissions.update changes a permission's role in place
  // (https://developers.google.com/workspace/drive/api/reference/rest/v3/permissions/update).
  if (call.method === "PATCH" && permissionId) {
    const existing = file.permissions.find((p) => p.id === permissionId);
    if (!existing) {
      throw new DriveError(404, `Permission not found: ${permissionId}.`, "notFound", "permissionId");
    }
    const role = String((call.body as {role?: string} | undefined)?.role ?? "");
    if (!(role in ROLE_RANK) || role === "owner") {
      throw new DriveError(400, "The permission role field is invalid.", "invalid", "permission.role");
    }
    if (existing.role === "owner") {
      throw new DriveError(403, "The owner of a file cannot be changed this way.", "cannotModifyOwner");
    }
    const updated: DrivePermission = {...existing, role: role as DriveRole};
    if (book) {
      book.permissions.set(
        existing.emailAddress ?? "",
        ROLE_RANK[updated.role] >= ROLE_RANK.writer ? "writer" : "reader",
      );
    } else {
      const own = store.files.get(file.id) as DriveFile;
      own.permissions = own.permissions.map((p) => (p.id === permissionId ? updated : p));
    }
    store.changes.push(`update ${file.id} ${permissionId} ${role} ${existing.emailAddress ?? ""}`.trim());
    return applyFields(permissionResource(updated), fields ?? "kind,id,type,role");
  }
  if (call.method === "DELETE" && permissionId) {
    const existing = file.permissions.find((p) => p.id === permissionId);
    const inherited = listedPermissions(state, file).find(
      (p) => p.id === permissionId && p.details.some((d) => d.inherited),
    );
    if (!existing && inherited) {
      // Inherited access cannot be removed on the child: only on the folder it comes from
      // (https://developers.google.com/workspace/drive/api/guides/manage-sharing, "Permission propagation").
      throw new DriveError(
        403,
        `The permission is inherited from ${inherited.details.find((d) => d.inherited)?.inheritedFrom ?? "a parent folder"} and cannot be deleted on this item.`,
        "cannotDeletePermission",
      );
    }
    if (!existing) {
      throw new DriveError(404, `Permission not found: ${permissionId}.`, "notFound", "permissionId");
    }
    if (existing.role === "owner") {
      throw new DriveError(403, "The owner of a file cannot be removed.", "cannotRemoveOwner");
    }
    if (book) {
      book.permissions.delete(existing.emailAddress ?? "");
    } else {
      const own = store.files.get(file.id) as DriveFile;
      own.permissions = own.permissions.filter((p) => p.id !== permissionId);
    }
    store.changes.push(`delete ${file.id} ${permissionId} ${existing.role} ${existing.emailAddress ?? ""}`.trim());
    return {};
  }
  throw new ApiError(404, "Method not found.", "NOT_FOUND");
}
