import * as coda from "@codahq/packs-sdk";
import {boundary, nowIso, withGoogle} from "../pack/coda/boundary";
import {requireRole} from "../pack/core/lifecycle";
import {composeNotice, NOTICE_KINDS, parseNoticeKind} from "../pack/core/notices";
import {isZone} from "../pack/core/dates";
import {badInput} from "../pack/core/errors";
import {GMAIL_NOTICE_SCOPES} from "../pack/google/scopes";
import {sendDisputeNoticesFor} from "../pack/ledger/disputes";
import {EVENTS, WORKERS} from "../pack/ledger/store/layout";
import {sendPendingNotice} from "../pack/ledger/followups";
import {readNoticeDetail} from "../pack/ledger/notices";
import {sendAuditFeedback} from "../pack/ledger/audit-feedback";
import {openSession} from "../pack/ledger/store/session";
import {normalizeWorkerId} from "../pack/ledger/workers";
import {
  dateParam,
  EXAMPLE_LEDGER,
  instantParam,
  LedgerParam,
  optionalText,
  RequestIdParam,
  text,
  WorkerIdParam,
} from "../pack/coda/params";
import {workerObject, workerResult} from "../pack/coda/workers";
import {NoticePreviewSchema} from "../pack/coda/notices";
import {WorkerResultSchema} from "./lifecycle";

const KindParam = text("kind", `The notice: ${NOTICE_KINDS.join(", ")}.`, {
  suggestedValue: "Suspension",
  autocomplete: [...NOTICE_KINDS],
});

export function registerNotices(pack: coda.PackDefinitionBuilder): void {
  pack.addFormula({
    name: "NoticePreview",
    // Pure: no Google call, so it works without connecting an account (a column format, a recruiter).
    connectionRequirement: coda.ConnectionRequirement.None,
    description:
      "The subject and text of a notice to a worker as it would be sent. Adverse notices state the decision, scope, duration, facts, clause, automated checks and how to appeal by when.",
    parameters: [
      KindParam,
      text("workerName", "The worker's name, as the greeting uses it."),
      text("reason", "The specific facts, with dates (for a dispute outcome: the rationale)."),
      optionalText("policyClause", "The Code of Conduct clause, like CoC 4.2."),
      coda.makeParameter({
        type: coda.ParameterType.Date,
        name: "until",
        description: "For a suspension: the first day the worker may work again.",
        optional: true,
      }),
      coda.makeParameter({
        type: coda.ParameterType.Number,
        name: "appealDays",
        description: "Days the worker has to appeal (180 when empty).",
        optional: true,
      }),
      coda.makeParameter({
        type: coda.ParameterType.Date,
        name: "decidedAt",
        description: "When the decision was taken (now when empty).",
        optional: true,
      }),
      optionalText("timezone", "The worker's time zone for dates (UTC when empty)."),
    ],
    resultType: coda.ValueType.Object,
    schema: NoticePreviewSchema,
    examples: [
      {
        params: [
          "Reinstatement",
          "Ana Pérez",
          "",
          undefined,
          undefined,
          undefined,
          new Date("2026-01-20T15:00:00Z"),
          "America/Mexico_City",
        ],
        result: {
          Subject: "Your account is active again",
          Text: "Dear Ana Pérez,\n\nYour suspension ended on 20 January 2026 and your account is active again: you can take on work from today.\n\nDates are in America/Mexico City.\n\nKind regards,\nTrust & Safety team",
        },
      },
    ],
    execute: async ([kind, workerName, reason, policyClause, until, appealDays, decidedAt, timezone], context) =>
      boundary(async () => {
        if (timezone && !isZone(timezone.trim())) {
          throw badInput("INPUT_TIMEZONE", `"${timezone}" is not a time zone: use a name such as America/Mexico_City.`);
        }
        const notice = composeNotice({
          kind: parseNoticeKind(kind),
          workerName,
          reason,
          policyClause,
          until: dateParam(until, context.timezone),
          appealDays,
          decidedAt: instantParam(decidedAt, "decidedAt") ?? nowIso(),
          timezone: timezone?.trim(),
        });
        return {Subject: notice.subject, Text: notice.text};
      }),
  });

  pack.addFormula({
    name: "SendNotice",
    description:
      "Sends a worker's pending notice of a kind from your Gmail (after sending failed). AuditFeedback sends the feedback of the worker's latest recorded audit. Refuses when there is nothing to send; never sends a notice twice.",
    isAction: true,
    parameters: [LedgerParam, WorkerIdParam, KindParam, RequestIdParam],
    resultType: coda.ValueType.Object,
    schema: WorkerResultSchema,
    extraOAuthScopes: GMAIL_NOTICE_SCOPES,
    examples: [
      {params: [EXAMPLE_LEDGER, "W-000001", "Suspension"], result: {WorkerId: "W-000001", Status: "Suspended"}},
    ],
    // A repeat finds nothing pending and records nothing. AuditFeedback with nothing pending sends the
    // feedback of the worker's latest recorded audit, at most once per audit.
    execute: async ([ledger, workerId, kind, requestId], context) =>
      withGoogle(context, async ({g, now}) => {
        const id = normalizeWorkerId(workerId);
        const noticeKind = parseNoticeKind(kind);
        const session = await openSession(g, ledger, now, {
          tabs: [WORKERS, EVENTS],
          workerId: id,
          what: `send ${id}'s ${noticeKind} notice`,
        });
        requireRole(session.actor, "specialist", "SendNotice");
        const worker = session.worker;
        if (!worker) {
          throw badInput("WORKER_NOT_FOUND", `There is no worker ${id} in this ledger.`);
        }
        const view = {role: session.actor.role};
        if (noticeKind === "DisputeReceived" || noticeKind === "DisputeOutcome") {
          await sendDisputeNoticesFor(g, ledger, worker, noticeKind, now);
          return workerObject(worker, view);
        }
        const pendingFeedback = worker.record.pendingActions.some(
          (p) => readNoticeDetail(p)?.notice === "AuditFeedback",
        );
        if (noticeKind === "AuditFeedback" && !pendingFeedback) {
          const result = await sendAuditFeedback(g, {ledger, workerId: id, requestId}, now);
          const failure = result.followUps?.failed[0];
          if (failure) {
            throw new coda.UserVisibleError(
              `The AuditFeedback notice to ${worker.record.email || id} was not sent: ${failure.reason.replace(/\.$/, "")}. It is still pending.`,
            );
          }
          return workerResult(result);
        }
        return workerObject(await sendPendingNotice(session, worker, noticeKind), view);
      }),
  });
}
