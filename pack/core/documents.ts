// Worker documents in a Drive folder: what each file is, whether it expired or went stale, what is missing.
import {longDate} from "./dates";

export const DOCUMENT_KINDS = ["identity", "tax", "contract", "bank", "other"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const KIND_LABELS: Readonly<Record<DocumentKind, string>> = {
  identity: "identity document",
  tax: "tax form",
  contract: "contract or NDA",
  bank: "bank proof",
  other: "other document",
};

/** Kinds whose content goes out of date with time (a bank statement, a tax form) rather than on a printed date. */
export const STALE_KINDS: ReadonlySet<DocumentKind> = new Set(["tax", "bank"]);

export const DEFAULT_REQUIRED: readonly DocumentKind[] = ["identity", "tax", "contract", "bank"];
export const DEFAULT_STALE_DAYS = 365;
/** A document expiring within this many days is flagged as expiring. */
export const EXPIRING_DAYS = 30;

export const DOCUMENT_STATUSES = ["Valid", "Expiring", "Stale", "Expired", "Superseded", "Missing"] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

const FOLDER_MIME = "application/vnd.google-apps.folder";

/**
 * The Drive id in a folder URL or a bare id.
 * `driveFolderId("https://drive.google.com/drive/u/0/folders/1AbCdEfGhIjK?usp=sharing")` → "1AbCdEfGhIjK".
 */
export function driveFolderId(text: string): string | undefined {
  const t = (text ?? "").trim();
  const match =
    /\/folders\/([A-Za-z0-9_-]{10,})/.exec(t) ??
    /[?&]id=([A-Za-z0-9_-]{10,})/.exec(t) ??
    /^([A-Za-z0-9_-]{10,})$/.exec(t);
  return match?.[1];
}

/** Lower case, diacritics folded, separators turned into spaces: "Pasaporte_Vigente-2027.PDF" → "pasaporte vigente 2027 pdf". */
function words(name: string): string {
  return ` ${name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()} `;
}

// Checked in this order: a "tax ID" is a tax form, a "bank statement for the contract" is a contract.
const KIND_PATTERNS: ReadonlyArray<[DocumentKind, RegExp]> = [
  ["contract", / (contract|contrato|agreement|nda|non disclosure|confidentiality) /],
  ["tax", / (tax|w ?9|w ?8 ?ben( ?e)?|1099|tin|pan|rfc|constancia de situacion fiscal|steuer|vat|gst) /],
  ["bank", / (bank|statement|iban|clabe|cheque|void check|estado de cuenta|passbook) /],
  [
    "identity",
    / (passport|pasaporte|identity|identification|id|dni|ine|curp|aadhaar|drivers?( s)? licen[cs]e|driving licen[cs]e|licencia|cedula|residence permit) /,
  ],
];

/** A document kind as a person writes it ("Tax form", "NDA", "bank proof"), or undefined. */
export function parseKind(text: string): DocumentKind | undefined {
  const t = text.trim().toLowerCase();
  return t === "other"
    ? "other"
    : t === "nda"
      ? "contract"
      : DOCUMENT_KINDS.find(
          (k) => k !== "other" && (t.startsWith(k) || (k === "identity" && /^(id|passport)\b/.test(t))),
        );
}

/** The required kinds from a Settings value such as "identity, tax form, NDA, bank"; defaults when empty. */
export function requiredKinds(setting: string | undefined): DocumentKind[] {
  const parts = (setting ?? "")
    .split(/[,;\n]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length) {
    return [...DEFAULT_REQUIRED];
  }
  const kinds = parts.map(parseKind).filter((k): k is DocumentKind => Boolean(k) && k !== "other");
  return [...new Set(kinds)];
}

/** A file as Drive lists it. */
export interface DocumentFile {
  id: string;
  name: string;
  mimeType?: string;
  modifiedTime?: string;
  createdTime?: string;
  properties?: Record<string, string>;
  appProperties?: Record<string, string>;
  webViewLink?: string;
}

function property(file: DocumentFile, keys: readonly string[]): string | undefined {
  for (const bag of [file.appProperties, file.properties]) {
    for (const [k, v] of Object.entries(bag ?? {})) {
      if (keys.includes(k.toLowerCase())) {
        return v;
      }
    }
  }
  return undefined;
}

/**
 * What a file is: a `docType` property set on the file wins; otherwise its name decides.
 * `classifyDocument({id: "1", name: "W-8BEN signed.pdf"})` → "tax".
 */
export function classifyDocument(file: DocumentFile): DocumentKind {
  const typed = property(file, ["doctype", "documenttype", "kind"]);
  const fromProperty = typed ? parseKind(typed) : undefined;
  if (fromProperty) {
    return fromProperty;
  }
  const w = words(file.name.replace(/\.[a-z0-9]{2,5}$/i, ""));
  return KIND_PATTERNS.find(([, re]) => re.test(w))?.[0] ?? "other";
}

function isoDay(year: number, month: number, day: number | undefined): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const d = day ?? last;
  if (month < 1 || month > 12 || d < 1 || d > last) {
    return "";
  }
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function parseDay(text: string): string {
  const m = /^\s*(\d{4})[-/._]?(\d{2})(?:[-/._]?(\d{2}))?\s*$/.exec(text) ?? /^\s*(\d{4})-(\d{2})-(\d{2})T/.exec(text);
  return m ? isoDay(Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : undefined) : "";
}

/**
 * The day a document expires, from an `expires`/`expiresOn`/`validUntil` property or from its
 * name ("passport exp 2027-05-01", "ID valid until 2030-01", "pasaporte vence 20270501");
 * a month alone means its last day. "" when the file says nothing.
 */
export function documentExpiry(file: DocumentFile): string {
  const typed = property(file, ["expires", "expireson", "expiry", "expirydate", "expirationdate", "validuntil"]);
  if (typed) {
    return parseDay(typed);
  }
  const name = file.name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
  const m =
    /(?:exp(?:ires?|iry|iration)?|valid(?:\s*(?:until|to|thru))?|vence|vencimiento)[\s:_.-]*(\d{4})[-_.]?(\d{2})(?:[-_.]?(\d{2}))?(?!\d)/.exec(
      name,
    );
  return m ? isoDay(Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : undefined) : "";
}

export interface AssessedDocument {
  /** The Drive file id, or "missing:<kind>" for a required kind with no file. */
  id: string;
  name: string;
  kind: DocumentKind;
  status: DocumentStatus;
  expiresOn: string;
  modifiedTime: string;
  link: string;
  note: string;
}

export interface DocumentAssessment {
  documents: AssessedDocument[];
  missing: DocumentKind[];
  /** Required kinds whose current document has expired. */
  expired: DocumentKind[];
  /** The earliest expiry among the current documents (YYYY-MM-DD), "" when none has one. */
  expiresOn: string;
  outcome: "Passed" | "Concerns" | "Failed";
  summary: string;
}

export interface AssessOptions {
  now: string;
  required?: readonly DocumentKind[];
  staleDays?: number;
}

/**
 * Classifies every file in a worker's folder and judges it: expired (past its expiry), expiring
 * (within 30 days), stale (tax and bank proofs not changed for `staleDays`), superseded (an older
 * document of a kind that has a newer one), and which required kinds have no file at all.
 * Failed when a required kind is missing or its current document expired; Concerns when one is
 * expiring or stale; Passed otherwise.
 */
export function assessDocuments(files: readonly DocumentFile[], options: AssessOptions): DocumentAssessment {
  const today = options.now.slice(0, 10);
  const soon = new Date(Date.parse(options.now) + EXPIRING_DAYS * 86_400_000).toISOString().slice(0, 10);
  const staleBefore = new Date(
    Date.parse(options.now) - (options.staleDays ?? DEFAULT_STALE_DAYS) * 86_400_000,
  ).toISOString();
  const required = options.required ?? DEFAULT_REQUIRED;
  const docs: AssessedDocument[] = files
    .filter((f) => f.mimeType !== FOLDER_MIME)
    .map((f) => {
      const kind = classifyDocument(f);
      const expiresOn = documentExpiry(f);
      const modifiedTime = f.modifiedTime ?? f.createdTime ?? "";
      let status: DocumentStatus = "Valid";
      let note = "";
      if (expiresOn && expiresOn < today) {
        status = "Expired";
        note = `Expired on ${longDate(`${expiresOn}T00:00:00Z`)}.`;
      } else if (expiresOn && expiresOn <= soon) {
        status = "Expiring";
        note = `Expires on ${longDate(`${expiresOn}T00:00:00Z`)}.`;
      } else if (STALE_KINDS.has(kind) && modifiedTime && modifiedTime < staleBefore) {
        status = "Stale";
        note = `Not updated since ${longDate(modifiedTime)} (more than ${options.staleDays ?? DEFAULT_STALE_DAYS} days).`;
      }
      return {
        id: f.id,
        name: f.name,
        kind,
        status,
        expiresOn,
        modifiedTime,
        link: f.webViewLink ?? `https://drive.google.com/file/d/${f.id}/view`,
        note,
      };
    });

  docs.sort((a, b) => DOCUMENT_KINDS.indexOf(a.kind) - DOCUMENT_KINDS.indexOf(b.kind) || a.name.localeCompare(b.name));
  // The current document of a kind: the one valid longest (no date counts as valid), then the newest.
  const current = new Map<DocumentKind, AssessedDocument>();
  for (const d of docs) {
    const best = current.get(d.kind);
    const key = (x: AssessedDocument) => `${x.expiresOn || "9999-12-31"}|${x.modifiedTime}`;
    if (!best || key(d) > key(best)) {
      current.set(d.kind, d);
    }
  }
  for (const d of docs) {
    const best = current.get(d.kind);
    if (
      d.kind !== "other" &&
      best &&
      best !== d &&
      (d.status === "Expired" || d.status === "Stale" || d.status === "Expiring")
    ) {
      d.note = `${d.note} A newer ${KIND_LABELS[d.kind]} (${best.name}) replaces it.`.trim();
      d.status = "Superseded";
    }
  }

  const missing = required.filter((k) => !current.has(k));
  const expired = required.filter((k) => current.get(k)?.status === "Expired");
  const concerns = required.filter((k) => ["Expiring", "Stale"].includes(current.get(k)?.status ?? ""));
  const expiries = [...current.values()]
    .map((d) => d.expiresOn)
    .filter(Boolean)
    .sort();
  for (const kind of missing) {
    docs.push({
      id: `missing:${kind}`,
      name: `Missing: ${KIND_LABELS[kind]}`,
      kind,
      status: "Missing",
      expiresOn: "",
      modifiedTime: "",
      link: "",
      note: `No ${KIND_LABELS[kind]} in the folder.`,
    });
  }
  const outcome = missing.length || expired.length ? "Failed" : concerns.length ? "Concerns" : "Passed";
  const found = [...current.values()].filter((d) => d.kind !== "other");
  const summary = [
    `${docs.filter((d) => d.status !== "Missing").length} file${docs.filter((d) => d.status !== "Missing").length === 1 ? "" : "s"} in the folder.`,
    found.length
      ? `Current: ${found.map((d) => `${KIND_LABELS[d.kind]} "${d.name}"${d.status === "Valid" ? "" : ` (${d.status.toLowerCase()}${d.note ? `: ${d.note.replace(/\.$/, "")}` : ""})`}`).join("; ")}.`
      : "",
    missing.length ? `Missing: ${missing.map((k) => KIND_LABELS[k]).join(", ")}.` : "Nothing required is missing.",
  ]
    .filter(Boolean)
    .join(" ");
  return {documents: docs, missing, expired, expiresOn: expiries[0] ?? "", outcome, summary};
}
