import * as coda from "@codahq/packs-sdk";
import {count, dateTime, email, flag, list, text} from "./props";

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
    HeadersRestored: list(
      "Header cells that were missing (Tab!Header), written back in new columns right after the header; notes in spare columns move right.",
    ),
    EventId: text("The LedgerRepaired decision that records this repair."),
  },
  displayProperty: "Summary",
  idProperty: "EventId",
  featuredProperties: ["Checked", "Fixed", "AddedBack", "LeftAlone", "NotRepaired"],
});

/** One thing VerifyLedger found. */
const ProblemSchema = coda.makeObjectSchema({
  description: "A problem VerifyLedger found, at a sheet row.",
  properties: {
    Row: count("The sheet row (of Events unless the explanation names another tab)."),
    Rule: text(
      "edited-event, unhashed, no-receipt, receipt-mismatch, deleted-event, broken-chain, seal-mismatch, replay, receipts-unprotected or protection.",
    ),
    Explanation: text("What is wrong, in words."),
  },
  displayProperty: "Explanation",
});

/** A pattern VerifyLedger found that the rules allow but a person should check. */
const WarningSchema = coda.makeObjectSchema({
  description: "An event the rules allowed that a person should look at, at a sheet row.",
  properties: {
    Row: count("The Events row."),
    Rule: text("second-account: a blacklisting or a change of lead approved by a lead whom the proposer made lead."),
    Explanation: text("What the pattern is, in words."),
  },
  displayProperty: "Explanation",
});

/** What VerifyLedger checked and found. */
export const LedgerCheckSchema = coda.makeObjectSchema({
  description: "The result of verifying the decision log: hashes, receipts, chains, seals and a replay of the rules.",
  properties: {
    Verified: flag("True when no problem was found."),
    EventsChecked: count("Decision-log rows checked."),
    SealedThrough: count("The last Events row covered by a seal (0: none)."),
    LastSealAt: dateTime("When the last seal was written."),
    Problems: {type: coda.ValueType.Array, items: ProblemSchema, description: "Every problem, by sheet row."},
    Warnings: {
      type: coda.ValueType.Array,
      items: WarningSchema,
      description:
        "Events the rules allowed but a person should check (possible second accounts), by sheet row. They do not make the log unverified.",
    },
  },
  displayProperty: "Verified",
  featuredProperties: ["Verified", "EventsChecked", "SealedThrough", "Problems", "Warnings"],
});

/** A seal SealLog wrote. */
export const SealSchema = coda.makeObjectSchema({
  description: "A lead's seal over the decision log.",
  properties: {
    SealedThrough: count("The last Events row the seal covers."),
    Digest: text("SHA-256 chained over every event hash since the previous seal."),
    SealedAt: dateTime("When the seal was written."),
    SealedBy: email("The lead who wrote it."),
  },
  displayProperty: "Digest",
  idProperty: "Digest",
  featuredProperties: ["SealedThrough", "SealedAt", "SealedBy"],
});

/** What UpgradeLedger changed. */
export const UpgradeReportSchema = coda.makeObjectSchema({
  description: "What UpgradeLedger changed to bring the ledger to this layout.",
  properties: {
    Summary: text("The upgrade in one sentence."),
    Changed: list("Each change made; empty when the ledger was already up to date."),
    EventId: text("The LedgerUpgraded decision that records the upgrade (empty when nothing changed)."),
  },
  displayProperty: "Summary",
  idProperty: "Summary",
  featuredProperties: ["Changed", "EventId"],
});
