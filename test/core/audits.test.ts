import {expect} from "chai";
import * as fc from "fast-check";
import {randomIndex, sampleWithout, seededRandom} from "../../pack/core/random";
import type {Candidate} from "../../pack/core/audits";
import {
  checkAuditResult,
  checkScheduleInput,
  drawSample,
  dueDate,
  eligibleForAudit,
  primaryProject,
  requireScheduled,
  seedFrom,
  stratumOf,
  suggestStep,
} from "../../pack/core/audits";
import {isDomainError} from "../../pack/core/errors";

const NOW = "2026-03-10T12:00:00.000Z";

function throwsCode(fn: () => unknown, code: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(isDomainError(caught), "a DomainError").to.equal(true);
  expect((caught as {code: string}).code).to.match(code);
}

describe("seeded randomness", () => {
  it("gives the same sequence for the same seed and another for another seed", () => {
    const a = seededRandom("9f3c");
    const b = seededRandom("9f3c");
    const c = seededRandom("9f3d");
    const seqA = Array.from({length: 5}, () => a());
    expect(Array.from({length: 5}, () => b())).to.deep.equal(seqA);
    expect(Array.from({length: 5}, () => c())).to.not.deep.equal(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).to.equal(true);
  });

  it("spreads indexes roughly evenly", () => {
    const r = seededRandom("spread");
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) {
      const i4 = randomIndex(r, 4);
      counts[i4] = (counts[i4] ?? 0) + 1;
    }
    counts.forEach((n) => expect(n).to.be.within(850, 1150));
  });

  it("samples without replacement", () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), {maxLength: 30}), fc.nat(40), fc.string(), (items, k, seed) => {
        const unique = [...new Set(items)];
        const picked = sampleWithout(unique, k, seededRandom(seed));
        expect(picked.length).to.equal(Math.min(k, unique.length));
        expect(new Set(picked).size).to.equal(picked.length);
        picked.forEach((p) => expect(unique).to.include(p));
      }),
    );
  });

  it("turns random bytes into a hex seed", () => {
    expect(seedFrom(Uint8Array.from([0, 15, 255]))).to.equal("000fff");
  });
});

describe("audit eligibility", () => {
  const workers = [
    {workerId: "W-000003", status: "Active" as const, country: "mx", projects: "Alpha, Beta"},
    {workerId: "W-000001", status: "Active" as const, country: "IN", projects: ""},
    {workerId: "W-000002", status: "Suspended" as const, country: "IN", projects: "Alpha"},
    {workerId: "W-000004", status: "Active" as const, country: "IN", projects: "Alpha"},
    {workerId: "W-000005", status: "Active" as const, country: "IN", projects: "Alpha"},
    {workerId: "W-000006", status: "Active" as const, country: "IN", projects: "Alpha"},
  ];
  const audits = [
    {
      workerId: "W-000004",
      kind: "Conduct" as const,
      status: "Passed" as const,
      scheduledAt: "2026-01-01T00:00:00Z",
      completedAt: "2026-02-20T00:00:00Z",
    },
    {
      workerId: "W-000005",
      kind: "Conduct" as const,
      status: "Scheduled" as const,
      scheduledAt: "2025-01-01T00:00:00Z",
      completedAt: "",
    },
    {
      workerId: "W-000006",
      kind: "Documentation" as const,
      status: "Failed" as const,
      scheduledAt: "2026-03-01T00:00:00Z",
      completedAt: "2026-03-01T00:00:00Z",
    },
  ];

  it("takes Active workers not audited within the interval and not already scheduled, sorted by id", () => {
    expect(eligibleForAudit(workers, audits, 30, NOW).map((c) => c.workerId)).to.deep.equal([
      "W-000001",
      "W-000003",
      "W-000006",
    ]);
    expect(eligibleForAudit(workers, audits, 10, NOW).map((c) => c.workerId)).to.deep.equal([
      "W-000001",
      "W-000003",
      "W-000004",
      "W-000006",
    ]);
  });

  it("strata are country and first project", () => {
    const [w1, w3] = eligibleForAudit(workers, audits, 30, NOW);
    expect(stratumOf(w1 as Candidate)).to.equal("IN · no project");
    expect(stratumOf(w3 as Candidate)).to.equal("MX · Alpha");
    expect(primaryProject(" ; Gamma;Delta")).to.equal("Gamma");
  });
});

describe("stratified draw", () => {
  const candidates: Candidate[] = [];
  for (let i = 1; i <= 60; i++) {
    candidates.push({
      workerId: `W-${String(i).padStart(6, "0")}`,
      country: i <= 30 ? "IN" : i <= 50 ? "MX" : "DE",
      project: i % 2 ? "Alpha" : "Beta",
    });
  }

  it("reproduces the same draw from the same seed, whatever the order of candidates", () => {
    const a = drawSample(candidates, 12, "c0ffee");
    const b = drawSample([...candidates].reverse(), 12, "c0ffee");
    expect(b.picked.map((c) => c.workerId)).to.deep.equal(a.picked.map((c) => c.workerId));
    expect(drawSample(candidates, 12, "c0ffef").picked.map((c) => c.workerId)).to.not.deep.equal(
      a.picked.map((c) => c.workerId),
    );
  });

  it("allocates in proportion to each stratum", () => {
    const d = drawSample(candidates, 12, "seed");
    expect(d.strata).to.deep.equal([
      {stratum: "DE · Alpha", eligible: 5, drawn: 1},
      {stratum: "DE · Beta", eligible: 5, drawn: 1},
      {stratum: "IN · Alpha", eligible: 15, drawn: 3},
      {stratum: "IN · Beta", eligible: 15, drawn: 3},
      {stratum: "MX · Alpha", eligible: 10, drawn: 2},
      {stratum: "MX · Beta", eligible: 10, drawn: 2},
    ]);
    for (const c of d.picked) {
      expect(d.strata.find((s) => s.stratum === stratumOf(c))).to.not.equal(undefined);
    }
  });

  it("draws exactly min(size, eligible) distinct workers (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({min: 0, max: 60}),
        fc.integer({min: 1, max: 80}),
        fc.string({minLength: 1, maxLength: 16}),
        (n, size, seed) => {
          const d = drawSample(candidates.slice(0, n), size, seed);
          expect(d.picked.length).to.equal(Math.min(size, n));
          expect(new Set(d.picked.map((c) => c.workerId)).size).to.equal(d.picked.length);
          expect(d.strata.reduce((s, x) => s + x.drawn, 0)).to.equal(d.picked.length);
          d.strata.forEach((s) => expect(s.drawn).to.be.at.most(s.eligible));
        },
      ),
    );
  });
});

describe("audit inputs and outcomes", () => {
  it("checks the sample size and the days since the last audit", () => {
    expect(checkScheduleInput(5, undefined)).to.deep.equal({size: 5, minDays: undefined});
    expect(checkScheduleInput(5, 0)).to.deep.equal({size: 5, minDays: 0});
    for (const bad of [0, -1, 2.5, 201, "5", undefined]) {
      throwsCode(() => checkScheduleInput(bad, undefined), /INPUT_SAMPLE/);
    }
    for (const bad of [-1, 1.5, "x"]) {
      throwsCode(() => checkScheduleInput(5, bad), /INPUT_DAYS/);
    }
  });

  it("reads the outcome in any case and needs findings unless it passed", () => {
    expect(checkAuditResult({outcome: " failed ", findings: "Copied answers", evidence: "a, b"})).to.deep.equal({
      outcome: "Failed",
      findings: "Copied answers",
      evidence: "a\nb",
    });
    expect(checkAuditResult({outcome: "Passed", findings: ""})).to.deep.equal({
      outcome: "Passed",
      findings: "",
      evidence: "",
    });
    throwsCode(() => checkAuditResult({outcome: "Concerns", findings: " "}), /INPUT_REQUIRED/);
    throwsCode(() => checkAuditResult({outcome: "Great", findings: "x"}), /INPUT_OUTCOME/);
  });

  it("suggests a step for a failure only, allowed from the worker's status", () => {
    expect(suggestStep("Passed", "Active", 3)).to.deep.equal({step: "", why: ""});
    expect(suggestStep("Concerns", "Active", 0).step).to.equal("");
    expect(suggestStep("Failed", "Active", 0).step).to.equal("SuspendWorker");
    expect(suggestStep("Failed", "Active", 1).step).to.equal("ProposeBlacklist");
    expect(suggestStep("Failed", "Suspended", 0).step).to.equal("ProposeBlacklist");
    expect(suggestStep("Failed", "Blacklisted", 0)).to.deep.equal({
      step: "",
      why: "the worker is Blacklisted, so no lifecycle step follows",
    });
  });

  it("refuses to record an audit twice, naming who recorded it", () => {
    requireScheduled({auditId: "A-1", status: "Scheduled", auditor: "", completedAt: ""});
    throwsCode(
      () => requireScheduled({auditId: "A-1", status: "Passed", auditor: "sam@x", completedAt: NOW}),
      /AUDIT_DONE/,
    );
  });

  it("computes due dates", () => {
    expect(dueDate(NOW, 14)).to.equal("2026-03-24");
  });
});
