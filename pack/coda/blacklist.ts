import * as coda from "@codahq/packs-sdk";
import type {BlacklistRecord} from "../core/records";
import type {ParsedRow} from "../ledger/store/rows";
import {dateTime, email, text} from "./props";
import {compact, problemText, workerRef} from "./objects";
import type {Plain} from "./objects";
import {WorkerReferenceSchema} from "./workers";

/** The BlacklistEntry object for a Blacklist row. */
export function blacklistObject(row: ParsedRow<BlacklistRecord>): Plain {
  const b = row.record;
  const count = (list: string) => list.split(/\s+/).filter(Boolean).length;
  const banks = count(b.bankFingerprints);
  const ids = count(b.idFingerprints);
  return compact({
    EntryId: b.entryId || `row-${row.row}`,
    Name: b.name || b.workerId || `Sheet row ${row.row}`,
    Worker: workerRef(b.workerId, b.name),
    WorkerId: b.workerId,
    Country: b.country,
    Reason: b.reason,
    PolicyClause: b.policyClause,
    Evidence: b.evidence,
    EmailKeys: b.emailKeys,
    Phones: b.phones,
    Identifiers: `${banks} bank fingerprint${banks === 1 ? "" : "s"}, ${ids} ID fingerprint${ids === 1 ? "" : "s"}`,
    ProposedBy: b.proposedBy,
    ApprovedBy: b.approvedBy,
    ApprovedAt: b.approvedAt,
    LiftedAt: b.liftedAt,
    LiftedBy: b.liftedBy,
    LiftReason: b.liftReason,
    Problems: problemText(row),
  });
}

/** One blacklisted identity. */
export const BlacklistEntrySchema = coda.makeObjectSchema({
  description: "A blacklisted person: the identity keys that screening matches new applicants against.",
  properties: {
    EntryId: text("The entry's id."),
    Name: text("The blacklisted person's name."),
    Worker: {...WorkerReferenceSchema, description: "The worker the entry came from, as a row of the Workers table."},
    WorkerId: text("The worker the entry came from."),
    Country: text("The person's country."),
    Reason: text("Why the person was blacklisted."),
    PolicyClause: text("The Code of Conduct clause."),
    Evidence: text("Links or references to the evidence."),
    EmailKeys: text("Canonical email keys screened against."),
    Phones: text("Phone numbers screened against."),
    Identifiers: text("How many bank and ID fingerprints the entry holds (the numbers themselves are never stored)."),
    ProposedBy: email("Who proposed the blacklisting."),
    ApprovedBy: email("The lead who approved it."),
    ApprovedAt: dateTime("When it was approved."),
    LiftedAt: dateTime("When the blacklisting was lifted: the entry stays as history and no longer matches."),
    LiftedBy: email("The lead who approved the lift."),
    LiftReason: text("Why it was lifted."),
    Problems: text("What is wrong with this row, if anything."),
  },
  displayProperty: "Name",
  idProperty: "EntryId",
  featuredProperties: ["Worker", "Reason", "PolicyClause", "ApprovedBy", "ApprovedAt"],
});
