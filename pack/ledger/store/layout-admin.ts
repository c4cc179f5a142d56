import {dateTime, int, oneOf, text} from "./codecs";
import type {Codec} from "./codecs";
import {column} from "./tab";
import type {TabDef} from "./tab";
import {STAFF_ROLES} from "../../core/lifecycle";
import type {StaffRole} from "../../core/lifecycle";
import type {StaffRecord} from "../../core/records";
import {sha256Hex} from "../../core/hash";

/** The administration tabs: staff, settings, seals, and each person's receipts. */

const role: Codec<StaffRole> = {...(oneOf(STAFF_ROLES) as unknown as Codec<StaffRole>), empty: "viewer"};

const s = column<StaffRecord>();
export const STAFF: TabDef<StaffRecord> = {
  name: "Staff",
  sheetId: 106,
  idKey: "email",
  frozenColumns: 1,
  columns: [
    s("email", "Email", text, {required: true}),
    s("role", "Role", role, {required: true}),
    s("addedBy", "AddedBy", text),
    s("addedAt", "AddedAt", dateTime),
    s("version", "Version", int),
    s("updatedAt", "UpdatedAt", dateTime),
    s("updatedBy", "UpdatedBy", text),
    s("lock", "Lock", text),
    s("status", "Status", text),
    s("pendingRole", "PendingRole", text),
    s("pendingBy", "PendingBy", text),
    s("pendingAt", "PendingAt", dateTime),
    s("chainHash", "ChainHash", text),
  ],
};

export interface SettingRecord {
  key: string;
  value: string;
  note: string;
}

const st = column<SettingRecord>();
export const SETTINGS: TabDef<SettingRecord> = {
  name: "Settings",
  sheetId: 107,
  idKey: "key",
  frozenColumns: 1,
  columns: [st("key", "Key", text, {required: true}), st("value", "Value", text), st("note", "Note", text)],
};

/** A lead's seal over the log: every event hash up to a row, chained into one digest. */
export interface SealRecord {
  sealId: string;
  sealedThrough: number;
  digest: string;
  sealedAt: string;
  sealedBy: string;
  events: number;
  note: string;
}

const se = column<SealRecord>();
export const SEALS: TabDef<SealRecord> = {
  name: "Seals",
  sheetId: 109,
  idKey: "sealId",
  frozenColumns: 1,
  columns: [
    se("sealId", "SealId", text, {required: true}),
    se("sealedThrough", "SealedThrough", int, {required: true}),
    se("digest", "Digest", text, {required: true}),
    se("sealedAt", "SealedAt", dateTime),
    se("sealedBy", "SealedBy", text),
    se("events", "Events", int),
    se("note", "Note", text),
  ],
};

/** One row of a staff member's receipts tab: an event they appended, and its hash. */
export interface ReceiptRecord {
  eventId: string;
  hash: string;
  time: string;
}

const rc = column<ReceiptRecord>();
const RECEIPT_COLUMNS = [
  rc("eventId", "EventId", text, {required: true}),
  rc("hash", "Hash", text, {required: true}),
  rc("time", "Time", dateTime),
];

/** The prefix of every receipts tab's name: "Receipts lena@x.example". */
export const RECEIPTS_PREFIX = "Receipts ";

/**
 * A staff member's receipts tab: a hard protection only they (and the owner) can edit, created
 * by their own first action. Its sheet id follows from the email, so a commit can address it
 * without looking it up.
 */
export function receiptsTab(email: string): TabDef<ReceiptRecord> {
  const lower = email.toLowerCase();
  return {
    name: `${RECEIPTS_PREFIX}${lower}`,
    sheetId: 1_000_000 + (parseInt(sha256Hex(`receipts:${lower}`).slice(0, 7), 16) % 1_000_000_000),
    idKey: "eventId",
    frozenColumns: 1,
    columns: RECEIPT_COLUMNS,
  };
}
