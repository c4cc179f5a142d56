import * as coda from "@codahq/packs-sdk";
import {withGoogle} from "../pack/coda/boundary";
import {badInput} from "../pack/core/errors";
import {cleanText} from "../pack/core/text";
import {FINDING_OUTCOMES, parseFindingOutcome} from "../pack/core/triage";
import type {TriagedFinding, TriageStep} from "../pack/ledger/triage";
import {triageFinding} from "../pack/ledger/triage";
import {parseLedgerRef} from "../pack/ledger/store/ref";
import {FindingSchema, findingObject} from "../pack/coda/monitoring";
import {EXAMPLE_LEDGER, LedgerParam, optionalText, RequestIdParam, text} from "../pack/coda/params";

export const FindingResultSchema = coda.withIdentity(FindingSchema, "Finding");

/** What every triage action shares: it returns the Finding, so the synced row updates in place. */
const FINDING_ACTION = {isAction: true, resultType: coda.ValueType.Object, schema: FindingResultSchema} as const;

const FindingIdParam = text(
  "findingId",
  "The finding's id, like inactive:W-000123 (the FindingId column of Findings).",
);
const EXAMPLE_FINDING = "vetting-incomplete:W-000001";

function present(result: TriagedFinding, ledger: string) {
  return findingObject(result.finding, parseLedgerRef(ledger).spreadsheetId, result.view);
}

async function run(
  context: coda.ExecutionContext,
  ledger: string,
  findingId: string,
  step: (now: string) => TriageStep,
  requestId?: string,
) {
  return withGoogle(context, async ({g, now}) =>
    present(
      await triageFinding(
        g,
        {ledger, findingId: cleanText(findingId, "findingId", {required: true, max: 200}), step: step(now), requestId},
        now,
      ),
      ledger,
    ),
  );
}

export function registerFindings(pack: coda.PackDefinitionBuilder): void {
  pack.addFormula({
    name: "AcknowledgeFinding",
    description: "Marks a finding as seen and being dealt with; it stays in the open work until resolved.",
    ...FINDING_ACTION,
    parameters: [
      LedgerParam,
      FindingIdParam,
      optionalText("note", "Optional note: what you are doing about it."),
      RequestIdParam,
    ],
    examples: [
      {params: [EXAMPLE_LEDGER, EXAMPLE_FINDING], result: {FindingId: EXAMPLE_FINDING, Status: "Acknowledged"}},
    ],
    execute: async ([ledger, findingId, note, requestId], context) =>
      run(context, ledger, findingId, () => ({kind: "Acknowledge", note: cleanText(note, "note")}), requestId),
  });

  pack.addFormula({
    name: "AssignFinding",
    description: 'Assigns a finding to a specialist or lead ("me" for yourself); it appears in their Queue.',
    ...FINDING_ACTION,
    parameters: [
      LedgerParam,
      FindingIdParam,
      text("assignee", 'The assignee\'s email, as on the Staff tab, or "me".', {suggestedValue: "me"}),
      RequestIdParam,
    ],
    examples: [
      {
        params: [EXAMPLE_LEDGER, EXAMPLE_FINDING, "sam@example.com"],
        result: {FindingId: EXAMPLE_FINDING, Assignee: "sam@example.com", Status: "Open"},
      },
    ],
    execute: async ([ledger, findingId, assignee, requestId], context) =>
      run(
        context,
        ledger,
        findingId,
        () => ({kind: "Assign", assignee: cleanText(assignee, "assignee", {required: true, max: 254})}),
        requestId,
      ),
  });

  pack.addFormula({
    name: "SnoozeFinding",
    description: "Puts a finding aside until a date, with the reason; it is open work again after that.",
    ...FINDING_ACTION,
    parameters: [
      LedgerParam,
      FindingIdParam,
      coda.makeParameter({type: coda.ParameterType.Date, name: "until", description: "When it is open work again."}),
      text("note", "Why it can wait until then."),
      RequestIdParam,
    ],
    examples: [
      {
        params: [EXAMPLE_LEDGER, EXAMPLE_FINDING, "2099-01-05", "Worker is on leave until January."],
        result: {FindingId: EXAMPLE_FINDING, Status: "Snoozed", Note: "Worker is on leave until January."},
      },
    ],
    execute: async ([ledger, findingId, until, note, requestId], context) =>
      run(
        context,
        ledger,
        findingId,
        (now) => {
          const at = until instanceof Date ? until.getTime() : Date.parse(String(until));
          if (!Number.isFinite(at) || at <= Date.parse(now)) {
            throw badInput(
              "INPUT_DATE",
              "Snooze until a date in the future; to close the finding, use ResolveFinding.",
            );
          }
          return {kind: "Snooze", until: new Date(at).toISOString(), note: cleanText(note, "note", {required: true})};
        },
        requestId,
      ),
  });

  pack.addFormula({
    name: "ResolveFinding",
    description:
      "Closes a finding: ActionTaken, FalsePositive (counts against the rule's precision) or Expected. It opens again if its evidence changes.",
    ...FINDING_ACTION,
    parameters: [
      LedgerParam,
      FindingIdParam,
      text("outcome", "ActionTaken, FalsePositive or Expected.", {autocomplete: [...FINDING_OUTCOMES]}),
      text("note", "What was done or checked, with dates."),
      RequestIdParam,
    ],
    examples: [
      {
        params: [EXAMPLE_LEDGER, EXAMPLE_FINDING, "ActionTaken", "Bank details recorded and verified."],
        result: {FindingId: EXAMPLE_FINDING, Status: "Resolved", Outcome: "ActionTaken"},
      },
    ],
    execute: async ([ledger, findingId, outcome, note, requestId], context) =>
      run(
        context,
        ledger,
        findingId,
        () => ({
          kind: "Resolve",
          outcome: parseFindingOutcome(cleanText(outcome, "outcome", {required: true})),
          note: cleanText(note, "note", {required: true}),
        }),
        requestId,
      ),
  });
}
