import {expect} from "chai";
import type {Finding} from "../../pack/core/rules";
import type {SummaryInput} from "../../pack/core/reports";
import {
  activityTrends,
  auditBreached,
  caseworkNow,
  disputeBreached,
  findingTrends,
  summarize,
  weekStart,
  windowStart,
} from "../../pack/core/reports";

const NOW = "2026-03-11T12:00:00.000Z"; // a Wednesday
const country: Record<string, string> = {"W-1": "MX", "W-2": "IN"};

function input(): SummaryInput {
  return {
    now: NOW,
    countryOf: (id) => country[id] ?? "Unknown",
    pendingBlacklist: 2,
    casework: {openSuspensions: 1, overdueReviews: 0, pendingLifts: 1, atStrikeThreshold: 1},
    events: [
      {time: "2026-03-02T10:00:00.000Z", workerId: "W-1", type: "ApplicantAdded", reason: "", policyClause: ""},
      {time: "2026-03-03T10:00:00.000Z", workerId: "W-2", type: "ApplicantAdded", reason: "", policyClause: ""},
      {
        time: "2026-03-09T10:00:00.000Z",
        workerId: "W-1",
        type: "Suspended",
        reason: "Copied answers on 2 Nov",
        policyClause: "CoC 4.2",
      },
      {
        time: "2026-03-10T10:00:00.000Z",
        workerId: "W-2",
        type: "Suspended",
        reason: "Copied answers again",
        policyClause: "CoC 4.2",
      },
      {time: "2026-03-10T11:00:00.000Z", workerId: "W-2", type: "Rejected", reason: "ID unreadable", policyClause: ""},
      {time: "2026-03-10T11:00:00.000Z", workerId: "W-2", type: "SomethingNew", reason: "x", policyClause: ""},
      {time: "2026-02-01T10:00:00.000Z", workerId: "W-1", type: "Approved", reason: "", policyClause: ""},
      {
        time: "2026-03-10T12:00:00.000Z",
        workerId: "W-1",
        type: "Warned",
        reason: "Late twice",
        policyClause: "CoC 2.1",
      },
      {
        time: "2026-03-10T13:00:00.000Z",
        workerId: "W-2",
        type: "SuspensionExtended",
        reason: "More found",
        policyClause: "",
      },
      {
        time: "2026-03-10T14:00:00.000Z",
        workerId: "W-1",
        type: "BlacklistLifted",
        reason: "Appeal upheld",
        policyClause: "",
      },
      {time: "2026-03-10T15:00:00.000Z", workerId: "W-2", type: "Reapplied", reason: "", policyClause: ""},
      {time: "2026-03-10T16:00:00.000Z", workerId: "W-2", type: "DataExported", reason: "", policyClause: ""},
    ],
    disputes: [
      {
        workerId: "W-1",
        openedAt: "2026-03-02T00:00:00.000Z",
        dueAt: "2026-03-04T00:00:00.000Z",
        decidedAt: "2026-03-05T00:00:00.000Z",
        status: "Decided",
      },
      {
        workerId: "W-2",
        openedAt: "2026-03-09T00:00:00.000Z",
        dueAt: "2026-03-10T00:00:00.000Z",
        decidedAt: "",
        status: "Open",
      },
      {
        workerId: "W-2",
        openedAt: "2026-03-10T00:00:00.000Z",
        dueAt: "2026-03-12T00:00:00.000Z",
        decidedAt: "",
        status: "InReview",
      },
    ],
    audits: [
      {workerId: "W-1", status: "Scheduled", dueDate: "2026-03-09", completedAt: ""},
      {workerId: "W-2", status: "Passed", dueDate: "2026-03-09", completedAt: "2026-03-08T00:00:00.000Z"},
      {workerId: "W-2", status: "Scheduled", dueDate: "2026-03-20", completedAt: ""},
    ],
  };
}

describe("reports", () => {
  it("weeks start on Monday (UTC)", () => {
    expect(weekStart(NOW)).to.equal("2026-03-09");
    expect(weekStart("2026-03-09T00:00:00.000Z")).to.equal("2026-03-09");
    expect(weekStart("2026-03-08T23:59:59.000Z")).to.equal("2026-03-02");
    expect(windowStart(NOW, 2)).to.equal("2026-03-02T00:00:00.000Z");
  });

  it("counts decisions, disputes and breaches per week, metric and country", () => {
    const rows = activityTrends(input(), windowStart(NOW, 2), NOW);
    expect(rows).to.deep.equal([
      {week: "2026-03-02", metric: "Applicants", country: "IN", count: 1},
      {week: "2026-03-02", metric: "Applicants", country: "MX", count: 1},
      {week: "2026-03-02", metric: "Dispute due-date breaches", country: "MX", count: 1},
      {week: "2026-03-02", metric: "Disputes opened", country: "MX", count: 1},
      {week: "2026-03-02", metric: "Disputes resolved", country: "MX", count: 1},
      {week: "2026-03-09", metric: "Audit due-date breaches", country: "MX", count: 1},
      {week: "2026-03-09", metric: "Blacklist lifts", country: "MX", count: 1},
      {week: "2026-03-09", metric: "Data exports", country: "IN", count: 1},
      {week: "2026-03-09", metric: "Dispute due-date breaches", country: "IN", count: 1},
      {week: "2026-03-09", metric: "Disputes opened", country: "IN", count: 2},
      {week: "2026-03-09", metric: "Re-applications", country: "IN", count: 1},
      {week: "2026-03-09", metric: "Rejections", country: "IN", count: 1},
      {week: "2026-03-09", metric: "Suspension extensions", country: "IN", count: 1},
      {week: "2026-03-09", metric: "Suspensions", country: "IN", count: 1},
      {week: "2026-03-09", metric: "Suspensions", country: "MX", count: 1},
      {week: "2026-03-09", metric: "Warnings", country: "MX", count: 1},
    ]);
  });

  it("decides breaches from due dates", () => {
    expect(
      disputeBreached({dueAt: "2026-03-04T00:00:00Z", decidedAt: "2026-03-03T00:00:00Z", status: "Decided"}, NOW),
    ).to.equal(false);
    expect(disputeBreached({dueAt: "2026-03-12T00:00:00Z", decidedAt: "", status: "Open"}, NOW)).to.equal(false);
    expect(disputeBreached({dueAt: "", decidedAt: "", status: "Open"}, NOW)).to.equal(false);
    expect(auditBreached({status: "Passed", dueDate: "2026-03-01", completedAt: "2026-03-02T00:00:00Z"}, NOW)).to.equal(
      true,
    );
    expect(auditBreached({status: "Cancelled", dueDate: "2026-03-01", completedAt: ""}, NOW)).to.equal(false);
  });

  it("counts open findings by the week first seen and the first worker's country", () => {
    const f = (rule: Finding["rule"], firstSeen: string, workerId: string): Finding => ({
      id: `${rule}:${workerId}`,
      rule,
      severity: "Warning",
      title: "",
      workers: [{workerId, name: workerId}],
      firstSeen,
      explanation: "",
      evidence: [],
      advice: "",
    });
    const rows = findingTrends(
      [
        f("inactive", "2026-03-10T00:00:00Z", "W-1"),
        f("inactive", "2026-03-09T00:00:00Z", "W-1"),
        f("shared-bank", "2025-01-01T00:00:00Z", "W-2"),
        f("dispute-overdue", "", "W-2"),
      ],
      (id) => country[id] ?? "Unknown",
      windowStart(NOW, 4),
      NOW,
    );
    expect(rows).to.deep.equal([{week: "2026-03-09", metric: "Findings: inactive", country: "MX", count: 2}]);
  });

  it("summarizes a period with the open work and the top reasons", () => {
    const s = summarize(input(), "2026-03-01T00:00:00.000Z", NOW);
    expect(s.counts).to.include({
      Applicants: 2,
      Suspensions: 2,
      Rejections: 1,
      Approvals: 0,
      "Disputes opened": 3,
      "Disputes resolved": 1,
      "Dispute due-date breaches": 2,
      "Audit due-date breaches": 1,
    });
    expect(s).to.include({
      pendingBlacklistApprovals: 2,
      openDisputes: 2,
      overdueDisputes: 1,
      scheduledAudits: 2,
      overdueAudits: 1,
    });
    expect(s.counts).to.include({
      Warnings: 1,
      "Suspension extensions": 1,
      "Blacklist lifts": 1,
      "Re-applications": 1,
      "Data exports": 1,
    });
    expect(s.casework).to.deep.equal({openSuspensions: 1, overdueReviews: 0, pendingLifts: 1, atStrikeThreshold: 1});
    // Warnings and extensions are adverse decisions: their reasons count.
    expect(s.topReasons).to.deep.equal([
      {label: "CoC 4.2", count: 2, example: "Copied answers again"},
      {label: "CoC 2.1", count: 1, example: "Late twice"},
      {label: "ID unreadable", count: 1, example: "ID unreadable"},
      {label: "More found", count: 1, example: "More found"},
    ]);
  });

  it("counts the casework open now: open suspensions and overdue reviews, lifts waiting, workers at the strike threshold", () => {
    const strike = (expiresAt: string, weight = 1) => ({
      eventId: "E",
      at: "",
      policyClause: "CoC 1",
      weight,
      expiresAt,
    });
    const later = "2026-06-01T00:00:00.000Z";
    const c = caseworkNow(
      [
        {
          status: "Suspended",
          suspensionKind: "PendingInvestigation",
          reviewDueAt: "2026-03-10T00:00:00.000Z",
          pendingLift: null,
          strikes: [],
        },
        {
          status: "Suspended",
          suspensionKind: "PendingInvestigation",
          reviewDueAt: later,
          pendingLift: null,
          strikes: [],
        },
        {status: "Suspended", suspensionKind: "Fixed", reviewDueAt: "", pendingLift: null, strikes: []},
        {
          status: "Blacklisted",
          suspensionKind: "",
          reviewDueAt: "",
          pendingLift: {proposedBy: "a", proposedAt: NOW, reason: "r", evidence: "", eventId: "E"},
          strikes: [strike(later, 5)],
        },
        {
          status: "Active",
          suspensionKind: "",
          reviewDueAt: "",
          pendingLift: null,
          strikes: [strike(later, 2), strike(later)],
        },
        // Expired strikes do not count.
        {
          status: "Active",
          suspensionKind: "",
          reviewDueAt: "",
          pendingLift: null,
          strikes: [strike("2026-03-01T00:00:00.000Z", 9)],
        },
      ],
      3,
      NOW,
    );
    expect(c).to.deep.equal({openSuspensions: 2, overdueReviews: 1, pendingLifts: 1, atStrikeThreshold: 1});
  });
});
