import * as coda from "@codahq/packs-sdk";
import {withGoogle} from "../pack/coda/boundary";
import {createLedger} from "../pack/ledger/create";
import {addStaff} from "../pack/ledger/staff";
import {repairLedger, summary} from "../pack/ledger/repair";
import {LedgerParam, RequestIdParam, text} from "../pack/coda/params";
import {staffObject} from "../pack/coda/staff";
import {RepairReportSchema} from "../pack/coda/ledger";
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
        result: "https://docs.google.com/spreadsheets/d/1ExampleLedger0000000000000000000000000000/edit",
      },
    ],
    execute: async ([title], context) =>
      withGoogle(context, async ({g, now}) => (await createLedger(g, title, now)).url),
  });

  pack.addFormula({
    name: "AddStaff",
    description:
      "Adds a person to the ledger's Staff tab with a role (viewer, specialist or lead), or changes their role. Leads only.",
    isAction: true,
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
        params: [
          "https://docs.google.com/spreadsheets/d/1ExampleLedger0000000000000000000000000000/edit",
          "sam@example.com",
          "specialist",
        ],
        result: {Email: "sam@example.com", Role: "specialist"},
      },
    ],
    execute: async ([ledger, email, role, requestId], context) =>
      withGoogle(context, async ({g, now}) =>
        staffObject((await addStaff(g, {ledger, email, role, requestId}, now)).staff),
      ),
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
        params: ["https://docs.google.com/spreadsheets/d/1ExampleLedger0000000000000000000000000000/edit"],
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
