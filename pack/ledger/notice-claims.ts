// The claim on a notice: which Gmail draft is the notice, held in the ledger as a named range.
import {DomainError} from "../core/errors";
import {sha256Hex, toHex, utf8ToBytes} from "../core/hash";
import {utf8Decode} from "../core/mime/codecs";
import {isGoogleApiError} from "../google/errors";
import type {Request} from "../google/sheets";
import {batchUpdate} from "../google/sheets";
import {listNamedRanges} from "../google/sheets-ranges";
import {EVENTS} from "./store/layout";
import type {Session} from "./store/session";

/**
 * The claim on sending one notice: a named range in the ledger whose name holds the id of the
 * Gmail draft that is the notice. Gmail sends a draft at most once (a sent draft no longer
 * exists), so whoever holds the claim, and however often an attempt is repeated, the notice
 * reaches the worker at most once. This does not rest on Gmail keeping the Message-ID the pack
 * sets: it does not for mail sent through the API (docs/google-behaviour.md).
 */
interface Claim {
  id: string;
  /** Whose mailbox holds the draft: only they can send it. */
  email: string;
  draftId: string;
}

function claimId(messageId: string): string {
  return `tsn${sha256Hex(messageId).slice(0, 20)}`;
}

const hex = (text: string) => toHex(utf8ToBytes(text));
const unhex = (text: string) => utf8Decode(Uint8Array.from(text.match(/../g) ?? [], (h) => parseInt(h, 16)));

function claimName(claim: Claim): string {
  return `ts_n${claim.id.slice(3)}_${hex(claim.email.toLowerCase())}_d${hex(claim.draftId)}`;
}

function claimOfName(id: string, name: string): Claim | undefined {
  const match = /^ts_n[0-9a-f]+_([0-9a-f]+)_d([0-9a-f]+)$/.exec(name);
  return match?.[1] && match[2] ? {id, email: unhex(match[1]), draftId: unhex(match[2])} : undefined;
}

/** The request that records a claim; it can ride in any batchUpdate of the ledger (e.g. the decision's own commit). */
export function claimRequest(messageId: string, email: string, draftId: string): Request {
  const claim = {id: claimId(messageId), email, draftId};
  const range = {sheetId: EVENTS.sheetId, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: 1};
  return {addNamedRange: {namedRange: {namedRangeId: claim.id, name: claimName(claim), range}}};
}

/** Named ranges to delete once a notice's NoticeSent is recorded (in the same commit, if they still exist). */
export function claimRelease(messageId: string): string[] {
  return [claimId(messageId)];
}

/** Takes the claim in one batchUpdate; "taken" when another attempt holds it, "unavailable" when the Events tab is gone. */
export async function takeClaim(
  session: Session,
  messageId: string,
  draftId: string,
): Promise<"taken" | "ours" | "unavailable"> {
  try {
    await batchUpdate(
      session.g,
      session.ledger.spreadsheetId,
      [claimRequest(messageId, session.actor.email, draftId)],
      "claim a notice for sending",
    );
    return "ours";
  } catch (err) {
    if (!isGoogleApiError(err) || err.status !== 400) {
      throw err;
    }
    // The batch holds one request, so the failing one is known; whether a claim already stands is
    // read, not guessed from the message's wording.
    return (await heldClaim(session, messageId)) !== undefined ? "taken" : "unavailable";
  }
}

/** The claim standing on a notice: undefined when none; `email` "" when its name was edited by hand. */
export async function heldClaim(session: Session, messageId: string): Promise<Claim | undefined> {
  const id = claimId(messageId);
  const ranges = await listNamedRanges(session.g, session.ledger.spreadsheetId, "see who is sending a notice");
  const found = ranges.find((r) => r.namedRangeId === id);
  return found ? (claimOfName(id, found.name ?? "") ?? {id, email: "", draftId: ""}) : undefined;
}

export function heldByOther(kind: string, held: Claim | undefined): DomainError {
  return held?.email
    ? new DomainError(
        "NOTICE_HELD",
        `${held.email} started sending this ${kind} notice and Gmail's answer was lost; it is their Gmail draft ${held.draftId}, which only they can send. Ask them to run SendNotice: it sends the draft if it is still there, and records it as sent if it is gone.`,
      )
    : new DomainError(
        "NOTICE_BUSY",
        `Another attempt to send this ${kind} notice is under way. Try again in a minute; it will not be sent twice.`,
      );
}

export async function releaseNow(session: Session, messageId: string, held: boolean): Promise<void> {
  if (!held) {
    return;
  }
  try {
    await batchUpdate(
      session.g,
      session.ledger.spreadsheetId,
      claimRelease(messageId).map((namedRangeId) => ({deleteNamedRange: {namedRangeId}})),
      "release a notice claim",
    );
  } catch {
    // Best effort: a claim left behind only points a later attempt at a draft Gmail no longer has.
  }
}

/** Connections (by their Google handle) whose Gmail refused drafts for a missing scope in this execution. */
export const gmailRefused = new WeakSet<object>();

/** Drafts this execution wrote and claimed in a decision's own commit, by the notice's Message-ID. */
export const prepared = new WeakMap<object, Map<string, string>>();

/** Notes that the notice `messageId` is draft `draftId`, claimed in a commit this execution made. */
export function notePrepared(session: Session, messageId: string, draftId: string): void {
  const map = prepared.get(session.g) ?? new Map<string, string>();
  map.set(messageId, draftId);
  prepared.set(session.g, map);
}
