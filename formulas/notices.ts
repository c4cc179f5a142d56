import * as coda from "@codahq/packs-sdk";
import {boundary, nowIso, withGoogle} from "../pack/coda/boundary";
import {composeNotice, NOTICE_KINDS, parseNoticeKind} from "../pack/core/notices";
import {zoneParam} from "../pack/core/dates";
import {GMAIL_NOTICE_SCOPES} from "../pack/google/scopes";
import {sendNotice} from "../pack/ledger/send-notice";
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
import {workerResult} from "../pack/coda/workers";
import {NoticePreviewSchema} from "../pack/coda/notices";
import {WORKER_ACTION} from "./lifecycle";

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
        const zone = zoneParam(timezone);
        const notice = composeNotice({
          kind: parseNoticeKind(kind),
          workerName,
          reason,
          policyClause,
          until: dateParam(until, context.timezone),
          appealDays,
          decidedAt: instantParam(decidedAt, "decidedAt") ?? nowIso(),
          timezone: zone,
        });
        return {Subject: notice.subject, Text: notice.text};
      }),
  });

  pack.addFormula({
    name: "SendNotice",
    description:
      "Sends a worker's pending notice of a kind from your Gmail (after sending failed). AuditFeedback sends the feedback of the worker's latest recorded audit. Refuses when there is nothing to send; never sends a notice twice.",
    ...WORKER_ACTION,
    parameters: [LedgerParam, WorkerIdParam, KindParam, RequestIdParam],
    extraOAuthScopes: GMAIL_NOTICE_SCOPES,
    examples: [
      {params: [EXAMPLE_LEDGER, "W-000001", "Suspension"], result: {WorkerId: "W-000001", Status: "Suspended"}},
    ],
    execute: async ([ledger, workerId, kind, requestId], context) =>
      withGoogle(context, async ({g, now}) =>
        workerResult(await sendNotice(g, {ledger, workerId, kind, requestId}, now)),
      ),
  });
}
