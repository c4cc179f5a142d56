import type {Decision} from "./decisions";
import {requireRole} from "./lifecycle";
import type {Actor} from "./lifecycle";
import type {WorkerChanges, WorkerRecord} from "./records";
import {badInput, refuse} from "./errors";
import {cleanText} from "./text";
import {driveFolderId} from "./documents";

/** The worker details kept outside the lifecycle: links to other tools, projects, notes. */
export interface DetailsInput {
  documentFolder?: unknown;
  projects?: unknown;
  discordUserId?: unknown;
  zendeskUserId?: unknown;
  zendeskTicketUrl?: unknown;
  riskNotes?: unknown;
}

const FIELDS = [
  "documentFolder",
  "projects",
  "discordUserId",
  "zendeskUserId",
  "zendeskTicketUrl",
  "riskNotes",
] as const;
const LABELS: Record<(typeof FIELDS)[number], string> = {
  documentFolder: "document folder",
  projects: "projects",
  discordUserId: "Discord user id",
  zendeskUserId: "Zendesk user id",
  zendeskTicketUrl: "Zendesk ticket",
  riskNotes: "risk notes",
};

/**
 * Records changes to a worker's details: only the fields given change; an empty text clears one.
 * Refuses a value that is not what the field holds, naming the field.
 * `planDetails(worker, specialist, {documentFolder: "https://drive.google.com/drive/folders/1Ab…"}, now)`.
 */
export function planDetails(worker: WorkerRecord, actor: Actor, input: DetailsInput, now: string): Decision {
  requireRole(actor, "specialist", "UpdateWorkerDetails");
  const changes: WorkerChanges = {};
  for (const field of FIELDS) {
    const raw = input[field];
    if (raw === undefined || raw === null) {
      continue;
    }
    const value = normalise(field, cleanText(raw, LABELS[field], {max: field === "riskNotes" ? 5_000 : 500}));
    if (field === "riskNotes") {
      // A risk note is appended, dated and signed, never replacing the ones before (the log keeps every one).
      if (value) {
        changes.riskNotes = appendNote(worker.riskNotes, `${now.slice(0, 10)} ${actor.email}: ${value}`);
      }
      continue;
    }
    if (value !== worker[field]) {
      changes[field] = value;
    }
  }
  const changed = Object.keys(changes) as Array<(typeof FIELDS)[number]>;
  if (!changed.length) {
    throw refuse(
      "NOTHING_TO_CHANGE",
      "details",
      `Nothing to change for ${worker.workerId}: give at least one detail that differs from what the ledger holds.`,
    );
  }
  return {
    type: "WorkerDetailsUpdated",
    fromStatus: worker.status,
    toStatus: worker.status,
    reason: "",
    policyClause: "",
    evidence: "",
    details: [
      `Updated ${changed.map((f) => (f === "riskNotes" ? "risk notes (a note added)" : changes[f] ? LABELS[f] : `${LABELS[f]} (cleared)`)).join(", ")}.`,
      changes.riskNotes
        ? `Note: ${normalise("riskNotes", cleanText(input.riskNotes, "risk notes", {max: 5_000}))}`
        : "",
    ]
      .filter(Boolean)
      .join(" "),
    changes: {...changes, lastActivityAt: worker.lastActivityAt || now},
  };
}

/** The notes with one more, newest last; the oldest drop out of the cell first (Sheets holds 50,000 characters). */
export function appendNote(notes: string, note: string, max = 45_000): string {
  const all = notes ? `${notes}\n${note}` : note;
  return all.length <= max ? all : all.slice(all.length - max).replace(/^[^\n]*\n/, "");
}

function normalise(field: (typeof FIELDS)[number], text: string): string {
  if (!text) {
    return "";
  }
  switch (field) {
    case "documentFolder": {
      const id = driveFolderId(text);
      if (!id) {
        throw badInput(
          "INPUT_FOLDER",
          `"${text.slice(0, 80)}" is not a Google Drive folder: paste the folder's link (https://drive.google.com/drive/folders/…) or its id.`,
        );
      }
      return `https://drive.google.com/drive/folders/${id}`;
    }
    case "discordUserId":
    case "zendeskUserId":
      if (!/^\d{4,20}$/.test(text)) {
        throw badInput("INPUT_ID", `"${text.slice(0, 40)}" is not a ${LABELS[field]}: it is a number of digits only.`);
      }
      return text;
    case "zendeskTicketUrl":
      if (!/^https:\/\/[a-z0-9-]+\.zendesk\.com\/agent\/tickets\/\d+$/i.test(text)) {
        throw badInput(
          "INPUT_URL",
          `"${text.slice(0, 80)}" is not a Zendesk ticket link: it looks like https://yourcompany.zendesk.com/agent/tickets/4512.`,
        );
      }
      return text;
    case "projects":
      return text
        .split(/\s*[,;\n]\s*/)
        .filter(Boolean)
        .filter((p, i, all) => all.indexOf(p) === i)
        .join(", ");
    case "riskNotes":
      return text;
  }
}
