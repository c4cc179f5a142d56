import {expect} from "chai";
import {planStep, planApplicant} from "../../pack/core/decisions";
import type {StepInput} from "../../pack/core/decisions";
import {isDomainError} from "../../pack/core/errors";
import {
  allowedSteps,
  LIFECYCLE_STEPS,
  requireRole,
  roleAtLeast,
  STAFF_ROLES,
  TRANSITIONS,
  WORKER_STATUSES,
} from "../../pack/core/lifecycle";
import type {Actor, LifecycleStep, StaffRole, WorkerStatus} from "../../pack/core/lifecycle";
import {emptyWorker} from "../../pack/core/records";
import {identityKey} from "../../pack/core/screening-gate";
import type {WorkerRecord} from "../../pack/core/records";

const NOW = "2026-11-25T10:00:00.000Z";
const lead: Actor = {email: "lena@tns.example", role: "lead"};
const lead2: Actor = {email: "omar@tns.example", role: "lead"};
const specialist: Actor = {email: "sam@tns.example", role: "specialist"};

function worker(status: WorkerStatus, extra: Partial<WorkerRecord> = {}): WorkerRecord {
  // Screened Clear on the identity it has: the onboarding gate has its own tests (test/core/screening-gate.test.ts).
  const w: WorkerRecord = {
    ...emptyWorker("W-000007"),
    name: "Ana",
    status,
    version: 3,
    screeningVerdict: "Clear",
    screenedAt: "2026-01-01T00:00:00.000Z",
    ...extra,
  };
  return {...w, screeningKey: extra.screeningKey ?? identityKey(w)};
}

const pending = {
  proposedBy: specialist.email,
  proposedAt: "2026-11-20T09:00:00.000Z",
  reason: "two accounts",
  policyClause: "CoC 1.3",
  evidence: "https://e/1",
  eventId: "E-1",
};

/** Input that satisfies every step's own rules, so only the transition decides. */
function validInput(step: LifecycleStep): StepInput {
  return {
    reason: "facts with dates",
    policyClause: "CoC 4.2",
    until: "2026-12-20",
    evidence: "https://evidence/1",
    note: "n",
  };
  void step;
}

function prepared(step: LifecycleStep, status: WorkerStatus): WorkerRecord {
  if (step === "ApproveLiftBlacklist") {
    return worker(status, {pendingLift: {...pending, proposedBy: specialist.email}, statusBeforeBlacklist: "Active"});
  }
  if (step === "Reapply") {
    // Long enough ago for the default ReapplyAfterDays (90).
    return worker(status, {statusSince: "2026-01-02T00:00:00.000Z"});
  }
  return step === "ApproveBlacklist" || step === "DeclineBlacklist"
    ? worker(status, {pendingBlacklist: pending})
    : worker(status);
}

function refusal(fn: () => unknown): {code: string; rule?: string; message: string} {
  try {
    fn();
  } catch (err) {
    if (isDomainError(err)) {
      return {code: err.code, rule: err.rule, message: err.message};
    }
    throw err;
  }
  throw new Error("expected a refusal");
}

describe("lifecycle: transitions", () => {
  for (const step of LIFECYCLE_STEPS) {
    for (const status of WORKER_STATUSES) {
      const allowed = TRANSITIONS[step].from.includes(status);
      it(`${step} from ${status} is ${allowed ? "allowed" : "refused"}`, () => {
        const actor = step === "ApproveBlacklist" ? lead2 : lead;
        const run = () => planStep(step, prepared(step, status), actor, validInput(step), NOW);
        if (allowed) {
          const d = run();
          expect(d.fromStatus).to.equal(status);
          expect(d.type).to.equal(TRANSITIONS[step].event);
          // Lifting a blacklisting returns the worker to the status it ended (here Active).
          const to = step === "ApproveLiftBlacklist" ? "Active" : TRANSITIONS[step].to;
          expect(d.toStatus).to.equal(to ?? status);
          if (to) {
            expect(d.changes.status).to.equal(to);
            expect(d.changes.statusSince).to.equal(NOW);
          } else if (TRANSITIONS[step].to) {
            expect(d.changes.status).to.equal(TRANSITIONS[step].to);
            expect(d.changes.statusSince).to.equal(NOW);
          } else {
            expect(d.changes.status).to.equal(undefined);
          }
        } else if (step === "Reapply" && status === "Blacklisted") {
          const r = refusal(run);
          expect(r.code).to.equal("REAPPLY_BLACKLISTED");
          expect(r.message).to.contain("can never apply again");
          expect(r.message).to.contain("(rule: blacklisted)");
        } else {
          const r = refusal(run);
          expect(r.code).to.equal("TRANSITION");
          expect(r.rule).to.equal("transition");
          expect(r.message).to.contain(`the worker is ${status}`);
          expect(r.message).to.contain("(rule: transition)");
        }
      });
    }
  }

  it("the transition table matches the lifecycle in the design", () => {
    const table = Object.fromEntries(
      LIFECYCLE_STEPS.map((s) => [s, [TRANSITIONS[s].from.join(","), TRANSITIONS[s].to]]),
    );
    expect(table).to.deep.equal({
      StartVetting: ["Applicant", "Vetting"],
      ApproveWorker: ["Vetting", "Active"],
      RejectApplicant: ["Applicant,Vetting", "Rejected"],
      SuspendWorker: ["Active", "Suspended"],
      ReinstateWorker: ["Suspended", "Active"],
      OffboardWorker: ["Applicant,Vetting,Active,Suspended", "Offboarded"],
      ProposeBlacklist: ["Applicant,Vetting,Active,Suspended,Offboarded,Rejected", null],
      ApproveBlacklist: ["Applicant,Vetting,Active,Suspended,Offboarded,Rejected", "Blacklisted"],
      DeclineBlacklist: ["Applicant,Vetting,Active,Suspended,Offboarded,Rejected", null],
      IssueWarning: ["Applicant,Vetting,Active,Suspended", null],
      ExtendSuspension: ["Suspended", null],
      ProposeLiftBlacklist: ["Blacklisted", null],
      ApproveLiftBlacklist: ["Blacklisted", null],
      Reapply: ["Rejected,Offboarded", "Applicant"],
      AddNote: ["Applicant,Vetting,Active,Suspended,Offboarded,Blacklisted,Rejected", null],
    });
  });

  it("only an approved lift (or a note, or its proposal) follows Blacklisted", () => {
    expect(LIFECYCLE_STEPS.filter((s) => TRANSITIONS[s].from.includes("Blacklisted"))).to.deep.equal([
      "ProposeLiftBlacklist",
      "ApproveLiftBlacklist",
      "AddNote",
    ]);
    expect(TRANSITIONS.ApproveLiftBlacklist.role).to.equal("lead");
  });
});

describe("lifecycle: roles", () => {
  for (const step of LIFECYCLE_STEPS) {
    for (const role of STAFF_ROLES) {
      const ok = roleAtLeast(role, TRANSITIONS[step].role);
      it(`${role} ${ok ? "may" : "may not"} ${step}`, () => {
        const status = TRANSITIONS[step].from[0] as WorkerStatus;
        const actor: Actor = {email: "someone.else@tns.example", role};
        const run = () => planStep(step, prepared(step, status), actor, validInput(step), NOW);
        if (ok) {
          expect(run().type).to.equal(TRANSITIONS[step].event);
        } else {
          const r = refusal(run);
          expect(r.code).to.equal("ROLE");
          expect(r.rule).to.equal("role");
          expect(r.message).to.contain(`needs the ${TRANSITIONS[step].role} role`);
        }
      });
    }
  }

  it("someone not on the Staff tab is refused with the staff rule and told how to get access", () => {
    const r = refusal(() => requireRole({email: "x@y.z", role: undefined}, "viewer", "Workers"));
    expect(r).to.include({code: "NOT_STAFF", rule: "staff"});
    expect(r.message).to.contain("Ask a lead to add you with AddStaff");
  });

  it("a viewer can take no lifecycle step at all", () => {
    for (const status of WORKER_STATUSES) {
      expect(allowedSteps(status, "viewer")).to.deep.equal([]);
    }
  });

  it("roles are ordered viewer < specialist < lead", () => {
    const pairs = STAFF_ROLES.flatMap((a) =>
      STAFF_ROLES.map((b) => [a, b, roleAtLeast(a, b)] as [StaffRole, StaffRole, boolean]),
    );
    expect(pairs.filter(([, , ok]) => ok).map(([a, b]) => `${a}>=${b}`)).to.deep.equal([
      "viewer>=viewer",
      "specialist>=viewer",
      "specialist>=specialist",
      "lead>=viewer",
      "lead>=specialist",
      "lead>=lead",
    ]);
  });
});

describe("lifecycle: blacklisting takes two people", () => {
  it("the proposer, even a lead, cannot approve their own proposal", () => {
    const mine = worker("Active", {pendingBlacklist: {...pending, proposedBy: lead.email}});
    const r = refusal(() => planStep("ApproveBlacklist", mine, lead, {}, NOW));
    expect(r).to.include({code: "FOUR_EYES", rule: "four-eyes"});
  });

  it("matches the proposer's email without regard to case", () => {
    const mine = worker("Active", {pendingBlacklist: {...pending, proposedBy: "LENA@TNS.example"}});
    expect(refusal(() => planStep("ApproveBlacklist", mine, lead, {}, NOW)).code).to.equal("FOUR_EYES");
  });

  it("a different lead approves: Blacklisted, proposal cleared, reason and clause carried over", () => {
    const d = planStep(
      "ApproveBlacklist",
      worker("Suspended", {pendingBlacklist: pending, suspendedUntil: "2026-12-01"}),
      lead2,
      {note: "reviewed"},
      NOW,
    );
    expect(d.changes).to.deep.include({status: "Blacklisted", pendingBlacklist: null, suspendedUntil: ""});
    expect(d).to.include({reason: "two accounts", policyClause: "CoC 1.3", evidence: "https://e/1"});
    expect(d.details).to.contain(specialist.email);
  });

  it("approving with nothing proposed is refused with the pending-proposal rule", () => {
    expect(refusal(() => planStep("ApproveBlacklist", worker("Active"), lead2, {}, NOW))).to.include({
      code: "NO_PROPOSAL",
      rule: "pending-proposal",
    });
  });

  it("a second proposal while one is pending is refused and names the first", () => {
    const r = refusal(() =>
      planStep(
        "ProposeBlacklist",
        worker("Active", {pendingBlacklist: pending}),
        lead,
        validInput("ProposeBlacklist"),
        NOW,
      ),
    );
    expect(r.code).to.equal("PROPOSAL_PENDING");
    expect(r.message).to.contain(specialist.email);
  });

  it("a proposal records who proposed it and needs a reason, clause and evidence", () => {
    const d = planStep(
      "ProposeBlacklist",
      worker("Active"),
      specialist,
      {reason: "r", policyClause: "CoC 1.3", evidence: "a, b"},
      NOW,
    );
    expect(d.changes.pendingBlacklist).to.deep.equal({
      proposedBy: specialist.email,
      proposedAt: NOW,
      reason: "r",
      policyClause: "CoC 1.3",
      evidence: "a\nb",
      eventId: "",
    });
    for (const missing of ["reason", "policyClause", "evidence"] as const) {
      const input = {reason: "r", policyClause: "c", evidence: "e", [missing]: "  "};
      expect(refusal(() => planStep("ProposeBlacklist", worker("Active"), specialist, input, NOW)).code).to.equal(
        "INPUT_REQUIRED",
      );
    }
  });

  it("declining clears the proposal and keeps the status", () => {
    const d = planStep(
      "DeclineBlacklist",
      worker("Active", {pendingBlacklist: pending}),
      lead,
      {reason: "household account"},
      NOW,
    );
    expect(d.changes).to.deep.equal({pendingBlacklist: null});
    expect(d.toStatus).to.equal("Active");
  });
});

describe("lifecycle: step inputs", () => {
  it("a suspension needs a reason, a clause and, when it has an end date, one after today", () => {
    const base = {reason: "r", policyClause: "CoC 4.2", until: "2026-12-01"};
    expect(planStep("SuspendWorker", worker("Active"), specialist, base, NOW).changes.suspendedUntil).to.equal(
      "2026-12-01",
    );
    expect(
      refusal(() => planStep("SuspendWorker", worker("Active"), specialist, {...base, until: "2026-11-25"}, NOW))
        .message,
    ).to.contain("must end after today");
    // Without an end date the suspension is pending investigation, reviewed after InvestigationReviewDays.
    expect(
      planStep(
        "SuspendWorker",
        worker("Active"),
        specialist,
        {...base, until: undefined, policy: {investigationReviewDays: 7}},
        NOW,
      ).changes,
    ).to.deep.include({
      suspendedUntil: "",
      suspensionKind: "PendingInvestigation",
      reviewDueAt: "2026-12-02T10:00:00.000Z",
    });
    expect(
      refusal(() => planStep("SuspendWorker", worker("Active"), specialist, {...base, until: "soon"}, NOW)).message,
    ).to.contain("is not a date");
    expect(
      refusal(() => planStep("SuspendWorker", worker("Active"), specialist, {...base, policyClause: ""}, NOW)).code,
    ).to.equal("INPUT_REQUIRED");
    expect(
      refusal(() => planStep("SuspendWorker", worker("Active"), specialist, {...base, reason: undefined}, NOW)).code,
    ).to.equal("INPUT_REQUIRED");
  });

  it("reinstating clears the suspension end", () => {
    expect(
      planStep("ReinstateWorker", worker("Suspended", {suspendedUntil: "2026-12-01"}), specialist, {}, NOW).changes,
    ).to.deep.equal({
      status: "Active",
      statusSince: NOW,
      suspendedUntil: "",
      suspensionKind: "",
      reviewDueAt: "",
    });
  });

  it("rejection and offboarding need a reason; rejection's clause is optional", () => {
    expect(
      planStep("RejectApplicant", worker("Vetting"), specialist, {reason: "ID mismatch"}, NOW).policyClause,
    ).to.equal("");
    expect(refusal(() => planStep("RejectApplicant", worker("Vetting"), specialist, {}, NOW)).code).to.equal(
      "INPUT_REQUIRED",
    );
    expect(
      refusal(() => planStep("OffboardWorker", worker("Active"), specialist, {reason: "\n\t"}, NOW)).code,
    ).to.equal("INPUT_REQUIRED");
  });

  it("free text is cleaned of control characters and bounded", () => {
    const d = planStep("OffboardWorker", worker("Active"), specialist, {reason: "  project\u0007 ended \r\n"}, NOW);
    expect(d.reason).to.equal("project ended");
    expect(
      refusal(() => planStep("OffboardWorker", worker("Active"), specialist, {reason: "x".repeat(2001)}, NOW)).code,
    ).to.equal("INPUT_TOO_LONG");
  });

  it("formula-looking text is kept as it was typed", () => {
    expect(
      planStep("OffboardWorker", worker("Active"), specialist, {reason: '=IMPORTXML("http://x","//a")'}, NOW).reason,
    ).to.equal('=IMPORTXML("http://x","//a")');
  });
});

describe("lifecycle: new applicants", () => {
  const input = {
    name: "  José Müller ",
    email: "Jose.Muller+work@Gmail.com",
    country: "Germany",
    phone: "030 123456789",
    timezone: "Europe/Berlin",
    source: "Referral",
  };

  it("normalises the applicant", () => {
    const d = planApplicant(input, specialist, NOW);
    expect(d.changes).to.deep.include({
      name: "José Müller",
      email: "Jose.Muller+work@Gmail.com",
      emailKey: "josemuller@gmail.com",
      country: "DE",
      phone: "+4930123456789",
      timezone: "Europe/Berlin",
      status: "Applicant",
    });
    expect(d.type).to.equal("ApplicantAdded");
  });

  const bad: Array<[string, Record<string, unknown>, string]> = [
    ["an empty name", {name: " "}, "INPUT_REQUIRED"],
    ["an email without @", {email: "jose.muller"}, "INPUT_EMAIL"],
    ["an unknown country", {country: "Atlantis"}, "INPUT_COUNTRY"],
    ["a phone with letters", {phone: "call me"}, "INPUT_PHONE"],
    ["an impossible phone", {phone: "+49 1"}, "INPUT_PHONE"],
    ["an unknown time zone", {timezone: "Mars/Olympus"}, "INPUT_TIMEZONE"],
    ["a name that is not text", {name: 42}, "INPUT_TYPE"],
  ];
  for (const [what, change, code] of bad) {
    it(`refuses ${what}`, () => {
      expect(refusal(() => planApplicant({...input, ...change}, specialist, NOW)).code).to.equal(code);
    });
  }

  it("only staff with the specialist role may add applicants", () => {
    expect(refusal(() => planApplicant(input, {email: "v@x.y", role: "viewer"}, NOW)).code).to.equal("ROLE");
  });
});
