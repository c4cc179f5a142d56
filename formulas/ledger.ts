import * as coda from "@codahq/packs-sdk";
import {withGoogle} from "../pack/coda/boundary";
import {createLedger} from "../pack/ledger/create";
import {addStaff, approveStaffChange, removeStaff} from "../pack/ledger/staff";
import {DRIVE_FILE_SCOPE} from "../pack/google/scopes";
import {repairLedger, summary} from "../pack/ledger/repair";
import {EXAMPLE_LEDGER, LedgerParam, RequestIdParam, text} from "../pack/coda/params";
import {staffObject} from "../pack/coda/staff";
import {LedgerCheckSchema, RepairReportSchema, SealSchema, UpgradeReportSchema} from "../pack/coda/ledger";
import {upgradeLedger} from "../pack/ledger/upgrade";
import {sealLog} from "../pack/ledger/seal";
import {verifyLedger} from "../pack/ledger/verify";
import {parseLedgerRef} from "../pack/ledger/store/ref";
import {StaffMemberSchema} from "../pack/coda/staff";

export function registerLedger(pack: coda.PackDefinitionBuilder): void {
  pack.addFormula({
    name: "CreateLedger",
    description:
      "Creates a new ledger spreadsheet in your Google Drive: every tab with its header, the decision log protected, you as its first lead, and a secret fingerprint key. Returns its URL.",
    isAction: true,
    parameters: [text("title", "The spreadsheet's title.", {suggestedValue: "Trust & Safety ledger"})],
    resultType: coda.ValueType.String,
    codaType: coda.ValueHintType.Url,
    examples: [
      {
        params: ["Trust & Safety ledger"],
        result: EXAMPLE_LEDGER,
      },
    ],
    execute: async ([title], context) =>
      withGoogle(context, async ({g, now}) => (await createLedger(g, title, now)).url),
  });

  pack.addFormula({
    name: "AddStaff",
    description:
      "Adds a person to the ledger's Staff tab with a role (viewer, specialist or lead), or changes their role, and shares the ledger as the role needs (viewers read, specialists and leads edit). Leads only; granting or taking away the lead role waits for a second lead's ApproveStaffChange.",
    isAction: true,
    extraOAuthScopes: [DRIVE_FILE_SCOPE],
    parameters: [
      LedgerParam,
      text("email", "The person's Google account email."),
      text(
        "role",
        "viewer (read only), specialist (every lifecycle step but approving a blacklist) or lead (everything).",
        {
          suggestedValue: "specialist",
          autocomplete: ["viewer", "specialist", "lead"],
        },
      ),
      RequestIdParam,
    ],
    resultType: coda.ValueType.Object,
    schema: coda.withIdentity(StaffMemberSchema, "StaffMember"),
    examples: [
      {
        params: [EXAMPLE_LEDGER, "sam@example.com", "specialist"],
        result: {Email: "sam@example.com", Role: "specialist"},
      },
    ],
    execute: async ([ledger, email, role, requestId], context) =>
      withGoogle(context, async ({g, now}) =>
        staffObject((await addStaff(g, {ledger, email, role, requestId}, now)).staff),
      ),
  });

  pack.addFormula({
    name: "RemoveStaff",
    description:
      "Ends a person's role on the ledger and their Google access to it (leads only). Removing a lead waits for a second lead's ApproveStaffChange; the last lead cannot be removed.",
    isAction: true,
    extraOAuthScopes: [DRIVE_FILE_SCOPE],
    parameters: [LedgerParam, text("email", "The person's Google account email."), RequestIdParam],
    resultType: coda.ValueType.Object,
    schema: coda.withIdentity(StaffMemberSchema, "StaffMember"),
    examples: [
      {
        params: [EXAMPLE_LEDGER, "vic@example.com"],
        result: {Email: "vic@example.com", Role: "viewer", Status: "Removed"},
      },
    ],
    execute: async ([ledger, email, requestId], context) =>
      withGoogle(context, async ({g, now}) =>
        staffObject((await removeStaff(g, {ledger, email, requestId}, now)).staff),
      ),
  });

  pack.addFormula({
    name: "ApproveStaffChange",
    description:
      "Approves a pending change of lead (a grant of the lead role, a lead's demotion or removal) proposed by another lead. Leads only; the proposer cannot approve their own.",
    isAction: true,
    extraOAuthScopes: [DRIVE_FILE_SCOPE],
    parameters: [LedgerParam, text("email", "The person whose role change is pending."), RequestIdParam],
    resultType: coda.ValueType.Object,
    schema: coda.withIdentity(StaffMemberSchema, "StaffMember"),
    examples: [
      {
        params: [EXAMPLE_LEDGER, "nia@example.com"],
        result: {Email: "nia@example.com", Role: "lead", Status: "Active"},
      },
    ],
    execute: async ([ledger, email, requestId], context) =>
      withGoogle(context, async ({g, now}) =>
        staffObject((await approveStaffChange(g, {ledger, email, requestId}, now)).staff),
      ),
  });

  pack.addFormula({
    name: "VerifyLedger",
    description:
      "Verifies the decision log: every event's hash, its receipt from its actor, receipts whose event is gone, each worker's (and dispute's, audit's, staff member's) hash chain, the seals, and a replay of every event through the lifecycle rules with the roles in force when it was written. Reports each problem by sheet row, and under Warnings each blacklisting or change of lead approved by a lead whom the proposer made lead (a possible second account).",
    parameters: [LedgerParam],
    resultType: coda.ValueType.Object,
    schema: LedgerCheckSchema,
    cacheTtlSecs: 0,
    examples: [
      {
        params: [EXAMPLE_LEDGER],
        result: {Verified: true, EventsChecked: 7, SealedThrough: 0, Problems: [], Warnings: []},
      },
    ],
    execute: async ([ledger], context) =>
      withGoogle(context, async ({g}) => {
        const check = await verifyLedger(g, parseLedgerRef(ledger));
        return {
          Verified: check.problems.length === 0,
          EventsChecked: check.eventsChecked,
          SealedThrough: check.sealedThrough,
          LastSealAt: check.lastSealAt,
          Problems: check.problems.map((p) => ({Row: p.row, Rule: p.rule, Explanation: p.explanation})),
          Warnings: check.warnings.map((p) => ({Row: p.row, Rule: p.rule, Explanation: p.explanation})),
        };
      }),
  });

  pack.addFormula({
    name: "SealLog",
    description:
      "Seals the decision log (leads only): writes into the lead-protected Seals tab the last Events row, a digest chained over every event hash since the previous seal, you and the time. VerifyLedger then reports any later change to sealed history.",
    isAction: true,
    parameters: [LedgerParam, RequestIdParam],
    resultType: coda.ValueType.Object,
    schema: SealSchema,
    examples: [
      {
        params: [EXAMPLE_LEDGER],
        result: {SealedThrough: 8},
      },
    ],
    execute: async ([ledger, requestId], context) =>
      withGoogle(context, async ({g, now}) => {
        const seal = await sealLog(g, {ledger, requestId}, now);
        return {
          SealedThrough: seal.sealedThrough,
          Digest: seal.digest,
          SealedAt: seal.sealedAt,
          SealedBy: seal.sealedBy,
        };
      }),
  });

  pack.addFormula({
    name: "UpgradeLedger",
    description:
      "Brings a ledger made by an earlier version of the pack to this layout (leads only): adds every tab and column of this layout it lacks (new columns at the end of the header row, no data moved or changed), records the new layout version, protects Staff, Settings, Blacklist and Seals for the leads, moves the fingerprint key into its own file shared with every specialist and lead, and hashes the existing events under a first seal. Safe to run twice; run it while nobody else is acting.",
    isAction: true,
    extraOAuthScopes: [DRIVE_FILE_SCOPE],
    parameters: [LedgerParam, RequestIdParam],
    resultType: coda.ValueType.Object,
    schema: UpgradeReportSchema,
    examples: [
      {
        params: [EXAMPLE_LEDGER],
        result: {Summary: "The ledger already has this layout: nothing changed.", Changed: [], EventId: ""},
      },
    ],
    execute: async ([ledger, requestId], context) =>
      withGoogle(context, async ({g, now}) => {
        const report = await upgradeLedger(g, {ledger, requestId}, now);
        return {
          Summary: report.changed.length
            ? `Upgraded the ledger: ${report.changed.length} changes.`
            : "The ledger already has this layout: nothing changed.",
          Changed: report.changed,
          EventId: report.eventId,
        };
      }),
  });

  pack.addFormula({
    name: "RepairLedger",
    description:
      "Rebuilds the Workers tab from the decision log (leads only): rewrites every row that disagrees with its worker's decisions, adds back missing workers, recreates missing tabs and header cells, and reports every difference it fixed.",
    isAction: true,
    parameters: [LedgerParam, RequestIdParam],
    resultType: coda.ValueType.Object,
    schema: RepairReportSchema,
    examples: [
      {
        params: [EXAMPLE_LEDGER],
        result: {
          Checked: 1,
          Fixed: [],
          AddedBack: [],
          LeftAlone: [],
          NotRepaired: [],
          TabsCreated: [],
          HeadersRestored: [],
        },
      },
    ],
    execute: async ([ledger, requestId], context) =>
      withGoogle(context, async ({g, now}) => {
        const report = await repairLedger(g, {ledger, requestId}, now);
        return {
          Summary: summary(report),
          Checked: report.checked,
          Fixed: report.fixed,
          AddedBack: report.added,
          LeftAlone: report.leftAlone,
          NotRepaired: report.notRepaired,
          TabsCreated: report.tabsCreated,
          HeadersRestored: report.headersAdded,
          EventId: report.eventId,
        };
      }),
  });
}
