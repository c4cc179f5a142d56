import {expect} from "chai";
import type {Actor} from "../../pack/core/lifecycle";
import {emptyWorker} from "../../pack/core/records";
import type {WorkerRecord} from "../../pack/core/records";
import {planStep} from "../../pack/core/decisions";
import {approvalScreening, identityKey, screeningGap, screeningState} from "../../pack/core/screening-gate";
import {planClearScreening, screenedDecision} from "../../pack/core/screening-decisions";
import type {ScreeningOutcome} from "../../pack/core/screening";
import {isDomainError} from "../../pack/core/errors";

const NOW = "2026-12-01T10:00:00.000Z";
const specialist: Actor = {email: "sam@tns.example", role: "specialist"};
const lead: Actor = {email: "lena@tns.example", role: "lead"};
const lead2: Actor = {email: "omar@tns.example", role: "lead"};

function vetting(extra: Partial<WorkerRecord> = {}): WorkerRecord {
  return {
    ...emptyWorker("W-000009"),
    name: "Ana Pérez",
    emailKey: "ana@example.org",
    status: "Vetting",
    version: 3,
    ...extra,
  };
}

const MATCH: ScreeningOutcome = {
  verdict: "Match",
  rowsChecked: 2,
  nameCandidates: 1,
  matches: [
    {
      source: "Blacklist",
      id: "B-1",
      workerId: "W-000001",
      name: "Ana Perez",
      status: "",
      row: 2,
      field: "Phone",
      score: 0.9,
      how: "same E.164 number",
      hard: false,
      explanation: "Same phone number +525512345678. Blacklist entry B-1 for W-000001 Ana Perez.",
    },
    {
      source: "Blacklist",
      id: "B-1",
      workerId: "W-000001",
      name: "Ana Perez",
      status: "",
      row: 2,
      field: "Name",
      score: 1,
      how: "same words",
      hard: false,
      explanation: "Similar name.",
    },
  ],
};

/** The worker after a Screened decision with `outcome`. */
function screened(w: WorkerRecord, outcome: ScreeningOutcome): WorkerRecord {
  return {...w, ...screenedDecision(w, outcome, NOW).changes};
}

function refusal(call: () => unknown): {code: string; rule?: string; message: string} {
  try {
    call();
  } catch (err) {
    if (isDomainError(err)) {
      return err;
    }
    throw err;
  }
  throw new Error("not refused");
}

describe("the onboarding gate (core)", () => {
  it("refuses a worker never screened, and one whose identity changed since", () => {
    const none = vetting();
    expect(screeningState(none)).to.equal("none");
    expect(refusal(() => approvalScreening(none, specialist, ""))).to.include({
      code: "NOT_SCREENED",
      rule: "screening",
    });
    const clear = screened(none, {verdict: "Clear", matches: [], rowsChecked: 1, nameCandidates: 0});
    expect(screeningState(clear)).to.equal("current");
    expect(approvalScreening(clear, specialist, "")).to.equal("Screening of 1 December 2026: Clear.");
    for (const change of [
      {bankFingerprint: "ab".repeat(16)},
      {idFingerprint: "cd".repeat(16)},
      {phone: "+525500000000"},
      {emailKey: "new@example.org"},
      {name: "Ana María Pérez"},
    ]) {
      const changed = {...clear, ...change};
      expect(screeningState(changed), JSON.stringify(change)).to.equal("stale");
      expect(refusal(() => approvalScreening(changed, specialist, "")).code).to.equal("SCREENING_STALE");
      expect(screeningGap(changed)).to.match(/stale/);
    }
    // Case, accents and word order are the same name: not stale.
    expect(screeningState({...clear, name: "perez ana"})).to.equal("current");
  });

  it("a Match needs a lead's clearance of that screening, and someone else to approve", () => {
    const w = screened(vetting(), MATCH);
    expect(w.screeningSummary).to.match(
      /^Match\.\nMatch · Blacklist entry B-1 for W-000001 Ana Perez: Phone 0\.90 \(same E\.164 number\); Name 1\.00 \(same words\)/,
    );
    expect(
      refusal(() => planStep("ApproveWorker", w, specialist, {note: "checked everything carefully"}, NOW)),
    ).to.include({code: "SCREENING_MATCH", rule: "screening"});
    expect(refusal(() => planClearScreening(w, specialist, "fine", NOW)).code).to.equal("ROLE");
    expect(refusal(() => planClearScreening(w, lead, "", NOW)).code).to.equal("INPUT_REQUIRED");
    const clearance = planClearScreening(w, lead, "Different birth date and passport", NOW);
    const cleared: WorkerRecord = {
      ...w,
      ...clearance.changes,
      screeningClearance: {...clearance.changes.screeningClearance!, eventId: "E-1"},
    };
    expect(refusal(() => approvalScreening(cleared, lead, "")).code).to.equal("SCREENING_FOUR_EYES");
    const approval = planStep("ApproveWorker", cleared, lead2, {}, NOW);
    expect(approval.details).to.equal(
      "Screening of 1 December 2026: Match, cleared by lena@tns.example on 1 December 2026 (E-1): Different birth date and passport",
    );
    // A later screening is not cleared by the earlier clearance.
    const again = {...screened(cleared, MATCH), screenedAt: "2026-12-02T10:00:00.000Z"};
    expect(refusal(() => approvalScreening(again, specialist, "")).code).to.equal("SCREENING_MATCH");
  });

  it("a Review needs a note that says what was checked", () => {
    const review: ScreeningOutcome = {...MATCH, verdict: "Review", matches: MATCH.matches.slice(1)};
    const w = screened(vetting(), review);
    for (const note of ["", "ok", "fine by me"]) {
      expect(refusal(() => approvalScreening(w, specialist, note)).code, note).to.equal("SCREENING_REVIEW");
    }
    expect(approvalScreening(w, specialist, "Video call: different birth date")).to.equal(
      "Screening of 1 December 2026: Review, checked by sam@tns.example: Video call: different birth date",
    );
  });

  it("keys the identity, not the bookkeeping", () => {
    const w = vetting();
    const later: WorkerRecord = {...w, version: 9, status: "Active"};
    expect(identityKey(w)).to.equal(identityKey(later));
    expect(identityKey(w)).to.not.equal(identityKey({...w, phone: "+1"}));
  });
});
