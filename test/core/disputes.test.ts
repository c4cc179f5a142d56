import {expect} from "chai";
import {
  checkAssignee,
  disputeDueDate,
  disputeNextSteps,
  nextDisputeId,
  normalizeDisputeId,
  parseCategory,
  parseOutcome,
  readSource,
  requireDisputeStep,
  reversalFor,
  reversalOutstanding,
} from "../../pack/core/disputes";
import type {WorkerState} from "../../pack/core/disputes";
import type {DisputeRecord, StaffRecord} from "../../pack/core/records";
import {isDomainError} from "../../pack/core/errors";

function refusal(call: () => unknown): {code: string; message: string} {
  try {
    call();
  } catch (err) {
    if (isDomainError(err)) {
      return {code: err.code, message: err.message};
    }
    throw err;
  }
  return expect.fail("not refused");
}

describe("disputes core: reading input", () => {
  it("reads categories and outcomes however they are typed, and lists the options otherwise", () => {
    const categories: Array<[string, string]> = [
      ["payment", "Payment"],
      ["Suspension appeal", "SuspensionAppeal"],
      ["blacklist_appeal", "BlacklistAppeal"],
      ["QUALITY-RATING", "QualityRating"],
      [" ConductReport ", "ConductReport"],
      ["other", "Other"],
    ];
    for (const [typed, category] of categories) {
      expect(parseCategory(typed)).to.equal(category);
    }
    expect(refusal(() => parseCategory("refund")).message).to.equal(
      '"refund" is not a dispute category: use Payment, SuspensionAppeal, BlacklistAppeal, QualityRating, ConductReport or Other.',
    );
    expect(parseOutcome("partially upheld")).to.equal("PartiallyUpheld");
    expect(parseOutcome("rejected")).to.equal("Rejected");
    expect(refusal(() => parseOutcome("denied")).code).to.equal("INPUT_OUTCOME");
  });

  it("reads where a dispute came from", () => {
    const cases: Array<[string | undefined, Partial<ReturnType<typeof readSource>>]> = [
      [undefined, {channel: "Other", source: ""}],
      [
        "18c2f0a1b2c3d4e5",
        {
          channel: "Email",
          threadId: "18c2f0a1b2c3d4e5",
          source: "https://mail.google.com/mail/u/0/#all/18c2f0a1b2c3d4e5",
        },
      ],
      ["https://mail.google.com/mail/u/1/#inbox/18C2F0A1B2C3D4E5", {channel: "Email", threadId: "18c2f0a1b2c3d4e5"}],
      [
        "https://acme.zendesk.com/agent/tickets/4512",
        {channel: "Zendesk", zendeskTicketUrl: "https://acme.zendesk.com/agent/tickets/4512"},
      ],
      ["https://acme.zendesk.com/tickets/9", {channel: "Zendesk"}],
      ["discord:123456789012345678", {channel: "Discord", discordUserId: "123456789012345678"}],
      ["123456789012345678", {channel: "Discord", discordUserId: "123456789012345678"}],
      ["https://discord.com/channels/1/2/3", {channel: "Discord", discordUserId: ""}],
      ["Phone call on 3 January", {channel: "Other", source: "Phone call on 3 January"}],
      ['=IMPORTXML("x")', {channel: "Other", source: '=IMPORTXML("x")'}],
    ];
    for (const [input, expected] of cases) {
      expect(readSource(input)).to.include(expected);
    }
  });

  it("numbers and normalises dispute ids", () => {
    expect(nextDisputeId([])).to.equal("D-000001");
    expect(nextDisputeId(["D-000002", "junk", " D-000010 ", "W-000099"])).to.equal("D-000011");
    expect(normalizeDisputeId("d-12")).to.equal("D-000012");
    expect(normalizeDisputeId(" D000012 ")).to.equal("D-000012");
    expect(refusal(() => normalizeDisputeId("W-000012")).message).to.match(/dispute ids look like D-000012/);
  });
});

describe("disputes core: rules", () => {
  const dispute = (status: DisputeRecord["status"], extra: Partial<DisputeRecord> = {}) =>
    ({
      disputeId: "D-000001",
      status,
      outcome: "",
      decidedBy: "",
      decidedAt: "",
      updatedAt: "",
      ...extra,
    }) as DisputeRecord;

  it("allows each step only from the statuses it follows", () => {
    const table: Array<[DisputeRecord["status"], string[]]> = [
      ["Open", ["AssignDispute", "ResolveDispute"]],
      ["InReview", ["AssignDispute", "ResolveDispute"]],
      ["Decided", ["CloseDispute"]],
      ["Closed", []],
      ["", []],
    ];
    for (const [status, steps] of table) {
      expect(disputeNextSteps(status)).to.deep.equal(steps);
    }
    const err = refusal(() =>
      requireDisputeStep(
        "ResolveDispute",
        dispute("Decided", {outcome: "Upheld", decidedBy: "lena@x.io", decidedAt: "2026-01-05T10:00:00Z"}),
      ),
    );
    expect(err.message).to.equal(
      "ResolveDispute is not allowed for D-000001: it is Decided (Upheld by lena@x.io on 5 January 2026), and ResolveDispute applies only to Open or InReview disputes. (rule: dispute-status)",
    );
    expect(refusal(() => requireDisputeStep("CloseDispute", dispute("Open"))).code).to.equal("DISPUTE_STATUS");
  });

  it("assigns only to specialists and leads on the Staff tab", () => {
    const staff = [
      {email: "sam@x.io", role: "specialist"},
      {email: "lena@x.io", role: "lead"},
      {email: "vic@x.io", role: "viewer"},
    ] as StaffRecord[];
    expect(checkAssignee(" Sam@X.io ", staff)).to.equal("sam@x.io");
    expect(checkAssignee("lena@x.io", staff)).to.equal("lena@x.io");
    expect(refusal(() => checkAssignee("vic@x.io", staff)).code).to.equal("ASSIGNEE_ROLE");
    expect(refusal(() => checkAssignee("olga@x.io", staff)).code).to.equal("ASSIGNEE_NOT_STAFF");
    expect(refusal(() => checkAssignee("", staff)).code).to.equal("INPUT_REQUIRED");
  });

  it("names the reversal an upheld appeal needs, and knows when it was taken", () => {
    const w = (status: WorkerState["status"], pending = false): WorkerState => ({
      workerId: "W-000007",
      status,
      suspendedUntil: "",
      pendingBlacklist: pending
        ? {proposedBy: "a", proposedAt: "", reason: "", policyClause: "", evidence: "", eventId: "E-1"}
        : null,
    });
    const table: Array<[string, "Upheld" | "PartiallyUpheld" | "Rejected", WorkerState, string]> = [
      ["SuspensionAppeal", "Upheld", w("Suspended"), "ReinstateWorker W-000007"],
      ["SuspensionAppeal", "Upheld", w("Active"), ""],
      ["SuspensionAppeal", "PartiallyUpheld", w("Suspended"), ""],
      ["SuspensionAppeal", "Rejected", w("Suspended"), ""],
      ["BlacklistAppeal", "Upheld", w("Active", true), "DeclineBlacklist W-000007"],
      [
        "BlacklistAppeal",
        "Upheld",
        w("Blacklisted"),
        "ProposeLiftBlacklist W-000007, then ApproveLiftBlacklist by a second lead",
      ],
      ["BlacklistAppeal", "Rejected", w("Blacklisted"), ""],
      ["Payment", "Upheld", w("Suspended"), ""],
    ];
    for (const [category, outcome, worker, step] of table) {
      const reversal = reversalFor(category as "Payment", outcome, worker);
      expect(reversal.step, `${category} ${outcome} ${worker.status}`).to.equal(step);
      expect(reversalOutstanding(reversal.step, worker)).to.equal(Boolean(step));
    }
    expect(reversalOutstanding("ReinstateWorker W-000007", w("Active"))).to.equal(false);
    expect(reversalOutstanding("DeclineBlacklist W-000007", w("Active"))).to.equal(false);
    expect(reversalOutstanding("Lift the blacklisting of W-000007", w("Offboarded"))).to.equal(false);
    expect(reversalOutstanding("Lift the blacklisting of W-000007", w("Blacklisted"))).to.equal(true);
    expect(reversalOutstanding("ProposeLiftBlacklist W-000007, then ApproveLiftBlacklist", w("Active"))).to.equal(
      false,
    );
    expect(reversalFor("SuspensionAppeal", "Upheld", w("Active")).forWorker).to.match(/already active/);
  });
});

describe("disputeDueDate (the DisputeDueDate formula)", () => {
  const code = (call: () => unknown) => {
    try {
      call();
    } catch (err) {
      return isDomainError(err) ? err.code : String(err);
    }
    return "no error";
  };

  it("counts business days in the time zone, skipping the holidays given", () => {
    // Friday 9 January 2026, 20:00 UTC is still Friday in Mexico City: Monday and Tuesday are the two days.
    expect(disputeDueDate({openedAt: "2026-01-09T20:00:00Z", timezone: " America/Mexico_City "})).to.equal(
      "2026-01-14T05:59:59.999Z",
    );
    // Monday 12 January a holiday: Tuesday and Wednesday.
    expect(disputeDueDate({openedAt: "2026-01-09T20:00:00Z", holidays: ["2026-01-12"]})).to.equal(
      "2026-01-14T23:59:59.999Z",
    );
    expect(disputeDueDate({openedAt: "2026-01-09T20:00:00Z", days: 0})).to.equal("2026-01-09T23:59:59.999Z");
  });

  it("refuses a category, time zone or holiday it cannot read, each with its code", () => {
    const openedAt = "2026-01-09T20:00:00Z";
    expect(code(() => disputeDueDate({openedAt, category: "Lunch"}))).to.equal("INPUT_CATEGORY");
    expect(code(() => disputeDueDate({openedAt, timezone: "Mars/Olympus"}))).to.equal("INPUT_TIMEZONE");
    expect(code(() => disputeDueDate({openedAt, holidays: ["31-31"]}))).to.equal("INPUT_HOLIDAYS");
    expect(code(() => disputeDueDate({openedAt: "", timezone: ""}))).to.equal("INPUT_DATE");
  });
});
