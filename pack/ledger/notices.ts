// Notices to workers, sent from the acting specialist's Gmail as follow-ups of decisions.
// A notice never reaches a worker twice: it goes out as a Gmail draft whose id a claim in the
// ledger holds, and Gmail sends a draft only once; see deliverNotice.
import * as coda from "@codahq/packs-sdk";
import * as z from "zod/mini";
import {DomainError} from "../core/errors";
import type {Mailbox} from "../core/mime/build";
import type {Notice, NoticeDetail, NoticeInput} from "../core/notices";
import {composeNotice, NOTICE, NOTICE_KINDS} from "../core/notices";
import type {PendingAction, WorkerRecord} from "../core/records";
import {forWorker, knownChecks} from "../core/worker-facts";
import {createDraft, deleteDraft, sendDraft} from "../google/gmail";
import {isGoogleApiError, isMissingScope, isMissingScopesError, readGoogleErrorBody} from "../google/errors";
import {
  claimRelease,
  claimRequest,
  gmailRefused,
  heldByOther,
  heldClaim,
  notePrepared,
  prepared,
  releaseNow,
  takeClaim,
} from "./notice-claims";
import type {FollowUpHandler} from "./store/followup";
import {WORKERS} from "./store/layout";
import {openSession} from "./store/session";
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
  workerFacts: z.optional(z.string()),
  /** AuditFeedback: the audit it is about; its Message-ID derives from it, so one audit's feedback goes once. */
  auditId: z.optional(z.string()),
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
  inReplyTo?: string;
  references: string[];
  subject: string;
}

export interface Delivery {
  /** Gmail's id and thread of the sent message; "" when an earlier attempt sent it. */
  id: string;
  threadId: string;
  /** True when the claimed draft was already gone: an earlier attempt sent it, so nothing was sent now. */
  earlier: boolean;
  draftId: string;
  /** The claim's named ranges, for the commit that records the notice to delete. */
  release: string[];
}

/** Raised when Gmail access was not granted: SendNotice turns it into Coda's reconnect prompt. */
export const GMAIL_ACCESS_MISSING = "Your Google connection has not allowed the pack to write and send Gmail drafts";

function isScopeError(err: unknown): boolean {
  if (err && typeof err === "object" && coda.StatusCodeError.isStatusCodeError(err) && err.statusCode === 403) {
    const body = readGoogleErrorBody(err.body ?? err.response?.body);
    return isMissingScope(403, body.message, body.reason);
  }
  return isMissingScopesError(err);
}

/** The mail a notice is, as the signed-in person sends it. */
export function noticeMail(session: Session, spec: {to: Mailbox; notice: Notice; messageId: string; reply?: ReplyTo}) {
  const settings = noticeSettings(session.settings);
  return {
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
  };
}

/**
 * Sends a composed notice from the signed-in account at most once. The notice is a Gmail draft
 * claimed in the ledger (by the decision's own commit when this execution made it, otherwise by a
 * claim of its own); the claimed draft is sent, and a claimed draft that Gmail no longer has was
 * sent already. Fails (so the notice stays pending) when Gmail refuses or the connection drops.
 */
export async function deliverNotice(
  session: Session,
  spec: {
    to: Mailbox;
    notice: Notice;
    messageId: string;
    reply?: ReplyTo;
    /** Re-reads the ledger: false once the notice is recorded as sent (checked after claiming, before sending). */
    stillPending?: () => Promise<boolean>;
  },
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
    if (gmailRefused.has(g)) {
      throw new coda.MissingScopesError("Gmail drafts need the gmail.compose scope");
    }
    let draftId = prepared.get(g)?.get(spec.messageId);
    let ours = Boolean(draftId);
    if (!draftId) {
      const draft = await createDraft(
        g,
        noticeMail(session, spec),
        spec.reply?.threadId,
        `write the ${spec.notice.kind} notice to ${spec.to.email}`,
      );
      const claim = await takeClaim(session, spec.messageId, draft.draftId);
      if (claim === "taken") {
        // Another attempt claimed its own draft first: only that one may go out.
        await deleteDraft(g, draft.draftId, "remove a spare draft");
        const held = await heldClaim(session, spec.messageId);
        if (held?.email !== session.actor.email.toLowerCase() || !held.draftId) {
          throw heldByOther(spec.notice.kind, held);
        }
        draftId = held.draftId;
      } else {
        // "unavailable" (the Events tab was recreated by hand) goes on unclaimed, as before.
        draftId = draft.draftId;
        ours = claim === "ours";
        if (spec.stillPending && !(await spec.stillPending())) {
          // Read before our claim, the notice was recorded as sent meanwhile (and its claim released).
          await deleteDraft(g, draftId, "remove a spare draft");
          await releaseNow(session, spec.messageId, ours);
          return {id: "", threadId: "", earlier: true, draftId: "", release: []};
        }
      }
    }
    let sent: Awaited<ReturnType<typeof sendDraft>>;
    try {
      sent = await sendDraft(g, draftId, what);
    } catch (err) {
      if (isGoogleApiError(err) || isScopeError(err)) {
        // Gmail answered. Deleting the draft settles whether it went: gone means an attempt sent it;
        // deleted means it never will, so the claim is freed for anyone to try again.
        const withdrawn = await deleteDraft(g, draftId, "withdraw the notice's draft");
        if (withdrawn === "gone") {
          return {id: "", threadId: "", earlier: true, draftId, release: claimRelease(spec.messageId)};
        }
        if (withdrawn === "deleted") {
          await releaseNow(session, spec.messageId, true);
        }
      }
      throw err;
    }
    const release = claimRelease(spec.messageId);
    if (sent === "gone") {
      return {id: "", threadId: "", earlier: true, draftId, release};
    }
    return {...sent, earlier: false, draftId, release};
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
export function deliveryDetails(kind: string, to: string, delivery: Delivery): string {
  return delivery.earlier
    ? `${kind} notice to ${to} was sent by an earlier attempt whose answer was lost (Gmail draft ${delivery.draftId} is gone: a draft can be sent only once, so it was not sent again; Sent mail shows it).`
    : `${kind} notice sent to ${to} (Gmail message ${delivery.id}, thread ${delivery.threadId}, from draft ${delivery.draftId}).`;
}

/** The notice a pending Notice follow-up is, composed with the ledger's settings. */
function composeFor(session: Session, worker: WorkerRecord, pending: PendingAction, detail: NoticeDetail): Notice {
  return composeNotice({
    ...noticeSettings(session.settings),
    kind: detail.notice,
    workerName: worker.name,
    workerId: worker.workerId,
    timezone: worker.timezone,
    decidedAt: pending.since,
    // The facts as the worker is told them, else the reason; either way only about this worker.
    reason: forWorker(detail.workerFacts || detail.reason || "", worker.workerId, worker.email),
    policyClause: detail.policyClause,
    until: detail.until,
    reviewBy: detail.reviewBy,
    previously: detail.previously,
    strikes: detail.strikes,
    strikeThreshold: detail.notice === "Warning" ? setting(session.settings, "StrikeThreshold") : undefined,
    automated: knownChecks(detail.automated),
    findings: detail.findings === undefined ? undefined : forWorker(detail.findings, worker.workerId, worker.email),
    improvements:
      detail.improvements === undefined ? undefined : forWorker(detail.improvements, worker.workerId, worker.email),
  });
}

/** Runs a Notice follow-up: composes the notice and sends it, at most once. */
export const sendNoticeFollowUp: FollowUpHandler = {
  // The draft is written before the decision is committed and claimed in that same commit.
  async prepare({session, worker, pending}) {
    const detail = readNoticeDetail(pending);
    if (!detail || !worker.email || gmailRefused.has(session.g)) {
      return undefined;
    }
    const messageId = noticeMessageId(detail.auditId || pending.eventId, detail.notice);
    let draft: {draftId: string};
    try {
      // Composing reads Settings: a value refused there (AppealContact, NoticeSenderName) leaves the
      // notice to the follow-up, which keeps it pending with the problem in words.
      const notice = composeFor(session, worker, pending, detail);
      const spec = {to: {name: worker.name, email: worker.email}, notice, messageId};
      draft = await createDraft(
        session.g,
        noticeMail(session, spec),
        undefined,
        `write the ${detail.notice} notice to ${worker.email}`,
      );
    } catch (err) {
      if (isScopeError(err)) {
        gmailRefused.add(session.g);
      }
      // The follow-up, run after the commit, tries again or reports why the notice waits.
      return undefined;
    }
    return {
      requests: [claimRequest(messageId, session.actor.email, draft.draftId)],
      committed: () => notePrepared(session, messageId, draft.draftId),
      abandoned: async () => {
        await deleteDraft(session.g, draft.draftId, "remove the draft of a decision that was not recorded");
      },
    };
  },
  async run({session, worker, pending}) {
    const detail = readNoticeDetail(pending);
    if (!detail) {
      throw new DomainError(
        "NOTICE_DETAIL",
        `The pending notice of ${worker.workerId} (${pending.eventId}) cannot be read; it was edited by hand.`,
      );
    }
    const notice = composeFor(session, worker, pending, detail);
    const messageId = noticeMessageId(detail.auditId || pending.eventId, detail.notice);
    const same = (p: PendingAction) =>
      p.kind === pending.kind && p.eventId === pending.eventId && p.detail === pending.detail;
    const delivery = await deliverNotice(session, {
      to: {name: worker.name, email: worker.email},
      notice,
      messageId,
      stillPending: async () => {
        const fresh = await openSession(session.g, session.ledger.spreadsheetId, session.now, {
          tabs: [WORKERS],
          workerId: worker.workerId,
          what: `check ${worker.workerId}'s ${detail.notice} notice is still owed`,
        });
        return Boolean(fresh.worker?.record.pendingActions.some(same));
      },
    });
    return {
      type: "NoticeSent",
      details: deliveryDetails(detail.notice, worker.email, delivery),
      releases: delivery.release,
    };
  },
};
