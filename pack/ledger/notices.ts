// Notices to workers, sent from the acting specialist's Gmail as follow-ups of decisions.
// A notice never reaches a worker twice: it has a Message-ID derived from its event and kind,
// Sent mail is searched for that id before any (re)send, and a claim in the ledger keeps two
// runs (a double click, two people) from both sending; see claimNotice.
import * as coda from "@codahq/packs-sdk";
import * as z from "zod/mini";
import {DomainError} from "../core/errors";
import type {Mailbox} from "../core/mime/build";
import type {Notice, NoticeDetail, NoticeInput} from "../core/notices";
import {composeNotice, NOTICE, NOTICE_KINDS} from "../core/notices";
import type {PendingAction} from "../core/records";
import {longDate} from "../core/dates";
import {findByMessageId, sendMail} from "../google/gmail";
import {isGoogleApiError, isMissingScope, isMissingScopesError, readGoogleErrorBody} from "../google/errors";
import {batchUpdate, listNamedRanges} from "../google/sheets";
import {sha256Hex, toHex, utf8ToBytes} from "../core/hash";
import {utf8Decode} from "../core/mime/codecs";
import type {FollowUpHandler} from "./store/followup";
import {EVENTS} from "./store/layout";
import type {Settings} from "./store/settings";
import {setting} from "./store/settings";
import type {Session} from "./store/session";

const detailSchema: z.ZodMiniType<NoticeDetail> = z.object({
  notice: z.enum(NOTICE_KINDS),
  summary: z.optional(z.string()),
  reason: z.optional(z.string()),
  policyClause: z.optional(z.string()),
  until: z.optional(z.string()),
  reviewBy: z.optional(z.string()),
  previously: z.optional(z.string()),
  strikes: z.optional(z.number()),
  automated: z.optional(z.string()),
  findings: z.optional(z.string()),
  improvements: z.optional(z.string()),
});
/** The notice a pending action holds, or undefined when it is not a (readable) notice. */
export function readNoticeDetail(pending: PendingAction): NoticeDetail | undefined {
  if (pending.kind !== NOTICE || !pending.detail) {
    return undefined;
  }
  try {
    const parsed = detailSchema.safeParse(JSON.parse(pending.detail));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The notice's own Message-ID: the same for every attempt, so Sent mail shows whether it went. */
export function noticeMessageId(eventId: string, kind: string): string {
  return `<notice.${eventId.replace(/[^A-Za-z0-9-]/g, "")}.${kind.replace(/[^A-Za-z0-9]/g, "")}@trust-and-safety.invalid>`;
}

/** The ledger's notice settings. */
export function noticeSettings(
  settings: Settings,
): Pick<NoticeInput, "appealDays" | "senderName" | "appealContact" | "codeOfConductUrl" | "reapplyAfterDays"> {
  return {
    appealDays: setting(settings, "AppealWindowDays"),
    senderName: setting(settings, "NoticeSenderName"),
    appealContact: setting(settings, "AppealContact"),
    codeOfConductUrl: setting(settings, "CodeOfConductUrl"),
    reapplyAfterDays: setting(settings, "ReapplyAfterDays"),
  };
}

/** How a reply joins the worker's thread. */
export interface ReplyTo {
  /** The thread in the sender's mailbox, when it is there. */
  threadId?: string;
  inReplyTo: string;
  references: string[];
  subject: string;
}

export interface Delivery {
  id: string;
  threadId: string;
  /** True when Sent mail already held this notice, so nothing was sent now. */
  earlier: boolean;
}

/** Raised when Gmail access was not granted: SendNotice turns it into Coda's reconnect prompt. */
export const GMAIL_ACCESS_MISSING = "Your Google connection has not allowed the pack to send and read Gmail";

/** A claim on sending one notice, held by one person: two named ranges in the ledger. */
interface Claim {
  /** Exclusive: only one attempt can hold it. Its name says who holds it and since when. */
  id: string;
  name: string;
  /** Generation: replacing a stale claim deletes it, so two replacements cannot both succeed. */
  gen: string;
  email: string;
  minute: number;
}

// An own claim this old whose mail is not in Sent mail was never sent (Gmail shows sent mail at once).
const STALE_MINUTES = 2;

function claimFor(messageId: string, email: string, now: string): Claim {
  const key = sha256Hex(messageId).slice(0, 20);
  const minute = Math.floor(Date.parse(now) / 60_000);
  const hex = toHex(utf8ToBytes(email.toLowerCase()));
  return {
    id: `tsn${key}`,
    name: `ts_n${key}_${hex}_${minute}`,
    gen: `tsg${key}m${minute}`,
    email: email.toLowerCase(),
    minute,
  };
}

function claimFromName(id: string, name: string): Claim | undefined {
  const match = /^ts_n[0-9a-f]+_([0-9a-f]+)_(\d+)$/.exec(name);
  if (!match?.[1] || !match[2]) {
    return undefined;
  }
  const email = utf8Decode(Uint8Array.from(match[1].match(/../g) ?? [], (h) => parseInt(h, 16)));
  const minute = Number(match[2]);
  return {id, name, gen: `tsg${id.slice(3)}m${minute}`, email, minute};
}

/** Takes the claim (replacing `stale` when given) in one atomic batch; false when someone else holds it. */
async function takeClaim(session: Session, claim: Claim, stale?: Claim): Promise<boolean | "unavailable"> {
  const range = {sheetId: EVENTS.sheetId, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: 1};
  const add = (namedRangeId: string, name: string) => ({addNamedRange: {namedRange: {namedRangeId, name, range}}});
  try {
    await batchUpdate(
      session.g,
      session.ledger.spreadsheetId,
      [
        ...(stale ? [{deleteNamedRange: {namedRangeId: stale.id}}, {deleteNamedRange: {namedRangeId: stale.gen}}] : []),
        add(claim.id, claim.name),
        add(claim.gen, `ts_${claim.gen}`),
      ],
      "claim a notice for sending",
    );
    return true;
  } catch (err) {
    if (isGoogleApiError(err) && err.status === 400 && /already exists|no named range/i.test(err.googleMessage)) {
      return false;
    }
    if (isGoogleApiError(err) && err.status === 400) {
      // The Events tab was recreated by hand: go on without a claim; the Sent mail search still guards.
      return "unavailable";
    }
    throw err;
  }
}

async function heldClaim(session: Session, id: string): Promise<Claim | undefined> {
  const ranges = await listNamedRanges(session.g, session.ledger.spreadsheetId, "see who is sending a notice");
  const found = ranges.find((r) => r.namedRangeId === id);
  return found?.name ? claimFromName(id, found.name) : undefined;
}

async function release(session: Session, claim: Claim): Promise<void> {
  try {
    await batchUpdate(
      session.g,
      session.ledger.spreadsheetId,
      [{deleteNamedRange: {namedRangeId: claim.id}}, {deleteNamedRange: {namedRangeId: claim.gen}}],
      "release a notice claim",
    );
  } catch {
    // Best effort: a claim left behind only makes its holder's next attempt look in Sent mail first.
  }
}

/**
 * Claims the right to send a notice, or explains why not. Only one attempt holds a claim. A
 * claim is released when Gmail answers; when its answer was lost, only the holder's Sent mail
 * shows whether the notice went, so only the holder may replace it (after two minutes).
 */
async function claimNotice(
  session: Session,
  messageId: string,
  kind: string,
  search: () => Promise<Delivery | undefined>,
): Promise<{claim?: Claim; earlier?: Delivery}> {
  const me = session.actor.email;
  const mine = claimFor(messageId, me, session.now);
  const first = await takeClaim(session, mine);
  if (first === "unavailable") {
    return {};
  }
  if (first) {
    return {claim: mine};
  }
  const held = await heldClaim(session, mine.id);
  const earlier = await search();
  if (earlier) {
    if (held?.email === me) {
      await release(session, held);
    }
    return {earlier};
  }
  if (held && held.email !== me) {
    throw new DomainError(
      "NOTICE_HELD",
      `${held.email} started sending this ${kind} notice on ${longDate(new Date(held.minute * 60_000).toISOString())} and Gmail's answer was lost; only their Sent mail shows whether it went. Ask them to run SendNotice. If you are sure it was not sent, delete the named range ${held.name} in the ledger and try again.`,
    );
  }
  if (!held || mine.minute - held.minute < STALE_MINUTES || !(await takeClaim(session, mine, held))) {
    throw new DomainError(
      "NOTICE_BUSY",
      `Another attempt to send this ${kind} notice is under way. Try again in two minutes; it will not be sent twice.`,
    );
  }
  return {claim: mine};
}

function isScopeError(err: unknown): boolean {
  if (err && typeof err === "object" && coda.StatusCodeError.isStatusCodeError(err) && err.statusCode === 403) {
    const body = readGoogleErrorBody(err.body ?? err.response?.body);
    return isMissingScope(403, body.message, body.reason);
  }
  return isMissingScopesError(err);
}

/**
 * Sends a composed notice from the signed-in account, unless Sent mail already holds it. Fails
 * (so the notice stays pending) when Gmail refuses, the connection drops, or another attempt
 * claimed it moments ago and its mail is not visible yet.
 */
export async function deliverNotice(
  session: Session,
  spec: {to: Mailbox; notice: Notice; messageId: string; reply?: ReplyTo},
): Promise<Delivery> {
  const {g} = session;
  const what = `send the ${spec.notice.kind} notice to ${spec.to.email}`;
  try {
    if (!spec.to.email) {
      throw new DomainError(
        "NO_EMAIL",
        `There is no email address for ${spec.to.name || "the worker"}; add it, then send the notice with SendNotice.`,
      );
    }
    const earlier = await findByMessageId(
      g,
      spec.messageId,
      `look for the ${spec.notice.kind} notice in your Sent mail`,
    );
    if (earlier) {
      return {...earlier, earlier: true};
    }
    const claimed = await claimNotice(session, spec.messageId, spec.notice.kind, async () => {
      const late = await findByMessageId(
        g,
        spec.messageId,
        `look for the ${spec.notice.kind} notice in your Sent mail`,
      );
      return late ? {...late, earlier: true} : undefined;
    });
    if (claimed.earlier) {
      return claimed.earlier;
    }
    const claim = claimed.claim;
    const settings = noticeSettings(session.settings);
    try {
      const sent = await sendMail(
        g,
        {
          from: {name: settings.senderName ?? "", email: session.actor.email},
          to: spec.to,
          replyTo: settings.appealContact || undefined,
          subject: spec.reply?.subject ?? spec.notice.subject,
          text: spec.notice.text,
          html: spec.notice.html,
          messageId: spec.messageId,
          date: session.now,
          inReplyTo: spec.reply?.inReplyTo,
          references: spec.reply?.references,
        },
        spec.reply?.threadId,
        what,
      );
      if (claim) {
        await release(session, claim);
      }
      return {...sent, earlier: false};
    } catch (err) {
      // Gmail answered, so nothing was sent: free the claim. A dropped connection keeps it, so a
      // retry waits until the mail (if it went) is visible in Sent mail.
      if (claim && (isGoogleApiError(err) || isScopeError(err))) {
        await release(session, claim);
      }
      throw err;
    }
  } catch (err) {
    if (isScopeError(err)) {
      throw new DomainError(
        "GMAIL_SCOPES",
        `${GMAIL_ACCESS_MISSING}, so the ${spec.notice.kind} notice was not sent. Reconnect the pack and allow Gmail, then use SendNotice.`,
      );
    }
    throw err;
  }
}

/** What the NoticeSent event says. */
export function deliveryDetails(kind: string, to: string, delivery: Delivery, messageId: string): string {
  return delivery.earlier
    ? `${kind} notice to ${to} was already in Sent mail (Gmail message ${delivery.id}, Message-ID ${messageId}); not sent again.`
    : `${kind} notice sent to ${to} (Gmail message ${delivery.id}, thread ${delivery.threadId}, Message-ID ${messageId}).`;
}

/** Runs a Notice follow-up: composes the notice and sends it, at most once. */
export const sendNoticeFollowUp: FollowUpHandler = {
  async run({session, worker, pending}) {
    const detail = readNoticeDetail(pending);
    if (!detail) {
      throw new DomainError(
        "NOTICE_DETAIL",
        `The pending notice of ${worker.workerId} (${pending.eventId}) cannot be read; it was edited by hand.`,
      );
    }
    const notice = composeNotice({
      ...noticeSettings(session.settings),
      kind: detail.notice,
      workerName: worker.name,
      workerId: worker.workerId,
      timezone: worker.timezone,
      decidedAt: pending.since,
      reason: detail.reason,
      policyClause: detail.policyClause,
      until: detail.until,
      reviewBy: detail.reviewBy,
      previously: detail.previously,
      strikes: detail.strikes,
      strikeThreshold: detail.notice === "Warning" ? setting(session.settings, "StrikeThreshold") : undefined,
      automated: detail.automated,
      findings: detail.findings,
      improvements: detail.improvements,
    });
    const messageId = noticeMessageId(pending.eventId, detail.notice);
    const delivery = await deliverNotice(session, {to: {name: worker.name, email: worker.email}, notice, messageId});
    return {type: "NoticeSent", details: deliveryDetails(detail.notice, worker.email, delivery, messageId)};
  },
};
