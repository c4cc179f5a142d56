import * as coda from "@codahq/packs-sdk";
import {count, list, text} from "./props";

/** What RepairLedger found and fixed. */
export const RepairReportSchema = coda.makeObjectSchema({
  description: "What RepairLedger compared, fixed and left alone.",
  properties: {
    Summary: text("The repair in words, as recorded in the decision log."),
    Checked: count("Workers rows compared with the decision log."),
    Fixed: list("Rows rewritten to match the log, each with its differences."),
    AddedBack: list("Workers the log knows that had no row, added back."),
    LeftAlone: list("Rows with no decisions behind them or repeating another id: left for a person to look at."),
    NotRepaired: list("Workers whose own log rows are damaged, so their row was not rewritten."),
    TabsCreated: list("Tabs that were missing and were recreated."),
    HeadersRestored: list("Header cells that were missing and were written back."),
    EventId: text("The LedgerRepaired decision that records this repair."),
  },
  displayProperty: "Summary",
  idProperty: "EventId",
  featuredProperties: ["Checked", "Fixed", "AddedBack", "LeftAlone", "NotRepaired"],
});
