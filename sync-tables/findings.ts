import type * as coda from "@codahq/packs-sdk";
import {withGoogle} from "../pack/coda/boundary";
import type {RuleFilter} from "../pack/core/rules";
import {RULE_IDS, SEVERITIES} from "../pack/core/rules";
import {DRIVE_FILE_SCOPE} from "../pack/google/scopes";
import {oneOfEach} from "../pack/core/text";
import {orderedPage} from "../pack/ledger/triage";
import type {FindingStatus} from "../pack/core/triage";
import {FINDING_STATUSES} from "../pack/core/triage";
import {parseLedgerRef} from "../pack/ledger/store/ref";
import {findingObject} from "../pack/coda/monitoring";
import {FindingSchema} from "../pack/coda/monitoring";
import {LedgerParam, optionalList} from "../pack/coda/params";

// A type, not an interface, so it meets Coda's Continuation index signature with `trust` optional.
type FindingsContinuation = {
  tier: number;
  phase: number;
  row: number;
  /** The trust findings carried to later tiers (JSON); absent in a continuation from before carrying. */
  trust?: string;
  /** The tier whose trust findings the tier before already listed. */
  early?: number;
};

/** The severity and rule filters as typed in the doc; a word that is neither is refused with the choices. */
export function findingFilter(
  severity: readonly string[] | undefined,
  rule: readonly string[] | undefined,
): RuleFilter {
  return {
    severities: new Set(oneOfEach(severity, SEVERITIES, "a severity")),
    rules: new Set(oneOfEach(rule, RULE_IDS, "a monitoring rule")),
  };
}

export function registerFindingsTable(pack: coda.PackDefinitionBuilder): void {
  pack.addSyncTable({
    name: "Findings",
    description:
      "What the monitoring rules find in the ledger now: shared payout accounts, phones and mailboxes, blacklist matches, suspensions past their end, incomplete vetting, missing or expired documents, overdue disputes, inactive workers, ledger drift, a decision log that fails verification (log-integrity) and a team that differs from Google's sharing or its own log (staff-integrity). Each finding names its evidence; findings never act.",
    identityName: "Finding",
    schema: FindingSchema,
    formula: {
      name: "SyncFindings",
      description:
        "Runs the monitoring rules over the ledger, one part of the ledger per execution, most severe first: every Critical finding before any Warning, Review or Info.",
      // Reading who can edit the ledger (staff-integrity) needs Drive access to the pack's own files.
      extraOAuthScopes: [DRIVE_FILE_SCOPE],
      parameters: [
        LedgerParam,
        optionalList(
          "severity",
          "Only findings of these severities (Info, Review, Warning, Critical). Leave empty for all.",
          [...SEVERITIES],
        ),
        optionalList("rule", "Only findings of these rules. Leave empty for all.", [...RULE_IDS]),
        optionalList(
          "status",
          "Only findings in these states (Open, Acknowledged, Snoozed, Resolved, Shadow). Leave empty for open work: Open, Acknowledged, and Snoozed past its date.",
          [...FINDING_STATUSES],
        ),
      ],
      execute: async ([ledger, severity, rule, status], context) =>
        withGoogle(context, async ({g, now}) => {
          const filter = findingFilter(severity, rule);
          const cursor = context.sync.continuation as FindingsContinuation | undefined;
          const ref = parseLedgerRef(ledger);
          const statuses = new Set<FindingStatus>(oneOfEach(status, FINDING_STATUSES, "a finding status"));
          // Most severe first across the whole sync, not only within a page.
          const page = await orderedPage(g, ref, cursor, filter, statuses, now);
          const continuation: FindingsContinuation | undefined = page.next ? {...page.next} : undefined;
          return {result: page.rows.map((r) => findingObject(r.finding, ref.spreadsheetId, r.view)), continuation};
        }),
    },
  });
}
