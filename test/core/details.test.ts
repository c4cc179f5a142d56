import {expect} from "chai";
import {planDetails} from "../../pack/core/details";
import {isDomainError} from "../../pack/core/errors";
import type {Actor} from "../../pack/core/lifecycle";
import {emptyWorker} from "../../pack/core/records";
import type {WorkerRecord} from "../../pack/core/records";

const NOW = "2026-11-25T10:00:00.000Z";
const specialist: Actor = {email: "sam@tns.example", role: "specialist"};
const viewer: Actor = {email: "vic@tns.example", role: "viewer"};

function worker(extra: Partial<WorkerRecord> = {}): WorkerRecord {
  return {
    ...emptyWorker("W-000007"),
    name: "Ana",
    status: "Active",
    version: 3,
    lastActivityAt: "2026-11-01T00:00:00.000Z",
    ...extra,
  };
}

function refusal(fn: () => unknown): {code: string; message: string} {
  try {
    fn();
  } catch (err) {
    if (isDomainError(err)) {
      return {code: err.code, message: err.message};
    }
    throw err;
  }
  throw new Error("expected a refusal");
}

describe("UpdateWorkerDetails: planDetails", () => {
  it("changes only the fields given, keeps the status, and says what changed", () => {
    const d = planDetails(
      worker({riskNotes: "old"}),
      specialist,
      {discordUserId: "112233445566778899", riskNotes: "watch payouts"},
      NOW,
    );
    expect(d.type).to.equal("WorkerDetailsUpdated");
    expect(d.fromStatus).to.equal("Active");
    expect(d.toStatus).to.equal("Active");
    // A risk note is appended, dated and signed: the one before stays.
    expect(d.changes).to.deep.equal({
      discordUserId: "112233445566778899",
      riskNotes: "old\n2026-11-25 sam@tns.example: watch payouts",
      lastActivityAt: "2026-11-01T00:00:00.000Z",
    });
    expect(d.details).to.equal("Updated Discord user id, risk notes (a note added). Note: watch payouts");
  });

  it("canonicalises a Drive folder link and accepts a bare id", () => {
    const link = planDetails(
      worker(),
      specialist,
      {documentFolder: "https://drive.google.com/drive/u/0/folders/1DocsFolderW12abc?usp=sharing"},
      NOW,
    );
    expect(link.changes.documentFolder).to.equal("https://drive.google.com/drive/folders/1DocsFolderW12abc");
    const id = planDetails(worker(), specialist, {documentFolder: "1DocsFolderW12abcdefghij"}, NOW);
    expect(id.changes.documentFolder).to.equal("https://drive.google.com/drive/folders/1DocsFolderW12abcdefghij");
  });

  it("lists projects once each, comma separated", () => {
    const d = planDetails(worker(), specialist, {projects: "Atlas; Borealis, Atlas\nCirrus"}, NOW);
    expect(d.changes.projects).to.equal("Atlas, Borealis, Cirrus");
  });

  it("clears a field given as empty text and says so", () => {
    const d = planDetails(worker({zendeskUserId: "90001"}), specialist, {zendeskUserId: ""}, NOW);
    expect(d.changes.zendeskUserId).to.equal("");
    expect(d.details).to.equal("Updated Zendesk user id (cleared).");
  });

  it("accepts a Zendesk ticket link and refuses anything else", () => {
    const url = "https://acme.zendesk.com/agent/tickets/4512";
    expect(planDetails(worker(), specialist, {zendeskTicketUrl: url}, NOW).changes.zendeskTicketUrl).to.equal(url);
    const r = refusal(() =>
      planDetails(worker(), specialist, {zendeskTicketUrl: "https://evil.example/agent/tickets/4512"}, NOW),
    );
    expect(r.message).to.match(/is not a Zendesk ticket link/);
  });

  it("refuses a folder that is not Drive, and ids that are not digits", () => {
    expect(refusal(() => planDetails(worker(), specialist, {documentFolder: "not a folder"}, NOW)).message).to.match(
      /is not a Google Drive folder/,
    );
    expect(refusal(() => planDetails(worker(), specialist, {discordUserId: "@ana#1234"}, NOW)).message).to.match(
      /is not a Discord user id/,
    );
    expect(refusal(() => planDetails(worker(), specialist, {zendeskUserId: "12"}, NOW)).message).to.match(
      /is not a Zendesk user id/,
    );
  });

  it("refuses a call that changes nothing, naming the worker", () => {
    expect(refusal(() => planDetails(worker(), specialist, {}, NOW)).message).to.match(
      /Nothing to change for W-000007/,
    );
    // An empty risk note adds nothing (notes are never cleared); the same text again is a new note.
    expect(refusal(() => planDetails(worker({riskNotes: "same"}), specialist, {riskNotes: ""}, NOW)).code).to.equal(
      refusal(() => planDetails(worker(), specialist, {}, NOW)).code,
    );
    expect(planDetails(worker({riskNotes: "a"}), specialist, {riskNotes: "a"}, NOW).changes.riskNotes).to.equal(
      "a\n2026-11-25 sam@tns.example: a",
    );
  });

  it("sets the last activity when the worker has none", () => {
    expect(
      planDetails(worker({lastActivityAt: ""}), specialist, {riskNotes: "x"}, NOW).changes.lastActivityAt,
    ).to.equal(NOW);
  });

  it("is for specialists and leads, not viewers", () => {
    expect(refusal(() => planDetails(worker(), viewer, {riskNotes: "x"}, NOW)).message).to.match(/UpdateWorkerDetails/);
  });

  it("caps risk notes at 5,000 characters and other details at 500", () => {
    expect(() => planDetails(worker(), specialist, {riskNotes: "a".repeat(5_000)}, NOW)).not.to.throw();
    expect(() => refusal(() => planDetails(worker(), specialist, {riskNotes: "a".repeat(5_001)}, NOW))).not.to.throw();
    expect(() => refusal(() => planDetails(worker(), specialist, {projects: "a".repeat(501)}, NOW))).not.to.throw();
  });
});
