import {expect} from "chai";
import type {Finding} from "../../pack/core/rules";
import {CARRY, carriedFindings, carryAfter} from "../../pack/ledger/trust-carry";

const finding = (rule: Finding["rule"], severity: Finding["severity"], id = `${rule}:${severity}`): Finding => ({
  id,
  rule,
  severity,
  title: `${severity} ${rule}`,
  workers: [{workerId: "W-000001", name: "Ana «A»"}],
  firstSeen: "2026-12-01T00:00:00.000Z",
  explanation: "why",
  evidence: ["Events row 3"],
  advice: "what to do",
});

const TRUST = [
  finding("log-integrity", "Critical"),
  finding("staff-integrity", "Critical"),
  finding("staff-integrity", "Warning"),
  finding("staff-integrity", "Review"),
];
const ids = (carried: string | undefined) => carriedFindings(carried)?.map((f) => f.id);

describe("trust findings carried in a sync's continuation (ledger/trust-carry)", () => {
  const saved = {...CARRY};
  afterEach(() => Object.assign(CARRY, saved));

  it("after a tier, carries the findings later tiers list, and nothing once no later tier runs a trust rule", () => {
    expect(ids(carryAfter(TRUST, {passes: [{}], pass: 0, tier: 0}))).to.deep.equal([
      "staff-integrity:Warning",
      "staff-integrity:Review",
    ]);
    expect(ids(carryAfter(TRUST, {passes: [{}], pass: 0, tier: 1}))).to.deep.equal(["staff-integrity:Review"]);
    // Review is the last tier with a trust rule (Info has none): nothing to carry, not even "[]".
    expect(carryAfter(TRUST, {passes: [{}], pass: 0, tier: 2})).to.equal(undefined);
    // Nothing left for later, but a later tier still runs the trust phase: it must not verify again.
    expect(carryAfter(TRUST.slice(0, 2), {passes: [{}], pass: 0, tier: 0})).to.equal("[]");
    // A filter that leaves the later severities out carries nothing.
    expect(carryAfter(TRUST, {passes: [{severities: new Set(["Critical"])}], pass: 0, tier: 0})).to.equal(undefined);
  });

  it("carries to the passes that follow in the same sync (the Queue's part 2)", () => {
    const less = {severities: new Set(["Warning", "Review", "Info"] as const)};
    const critical = {severities: new Set(["Critical"] as const)};
    expect(ids(carryAfter(TRUST, {passes: [critical, less], pass: 0, tier: 0}))).to.deep.equal([
      "staff-integrity:Warning",
      "staff-integrity:Review",
    ]);
    // Once the first tier of the later pass (Warning) is listed, only Review is left to carry.
    expect(ids(carryAfter(TRUST, {passes: [critical, less], pass: 1, tier: 1}))).to.deep.equal([
      "staff-integrity:Review",
    ]);
    expect(carryAfter(TRUST, {passes: [critical, less], pass: 1, tier: 2})).to.equal(undefined);
  });

  it("round-trips a finding exactly, and carries nothing past the bound", () => {
    const json = carryAfter(TRUST, {passes: [{}], pass: 0, tier: 0});
    expect(carriedFindings(json)).to.deep.equal(TRUST.slice(2));
    CARRY.maxChars = (json ?? "").length;
    expect(carryAfter(TRUST, {passes: [{}], pass: 0, tier: 0})).to.equal(json);
    CARRY.maxChars = (json ?? "").length - 1;
    expect(carryAfter(TRUST, {passes: [{}], pass: 0, tier: 0})).to.equal(undefined);
  });

  it("reads no carry from a continuation without one, or with one that is not a list of findings", () => {
    expect(carriedFindings(undefined)).to.equal(undefined);
    expect(carriedFindings("")).to.equal(undefined);
    expect(carriedFindings("{")).to.equal(undefined);
    expect(carriedFindings('{"id":"x"}')).to.equal(undefined);
    expect(carriedFindings(JSON.stringify([{...TRUST[0], rule: "no-such-rule"}]))).to.equal(undefined);
    expect(carriedFindings(JSON.stringify([{...TRUST[0], severity: "Severe"}]))).to.equal(undefined);
    expect(carriedFindings("[]")).to.deep.equal([]);
  });
});
