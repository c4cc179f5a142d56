import {expect} from "chai";
import type {Finding} from "../../pack/core/rules";
import {RULE_IDS} from "../../pack/core/rules";
import {inTier, listingTier, nextTier, ruleSeverities, tierRules, TIERS} from "../../pack/core/rules/order";

const finding = (rule: Finding["rule"], severity: Finding["severity"]): Finding => ({
  id: `${rule}:x`,
  rule,
  severity,
  title: "",
  workers: [],
  firstSeen: "",
  explanation: "",
  evidence: [],
  advice: "",
});

describe("findings most severe first (rules/order)", () => {
  it("every rule declares at least one severity; blacklist-match gives Critical and Review", () => {
    for (const rule of RULE_IDS) {
      expect(ruleSeverities(rule).length, rule).to.be.greaterThan(0);
    }
    expect(ruleSeverities("blacklist-match").sort()).to.deep.equal(["Critical", "Review"]);
    expect(ruleSeverities("inactive")).to.deep.equal(["Info"]);
  });

  it("a tier runs only the rules that can give its severity, within the filter", () => {
    expect([...tierRules(0, {})].sort()).to.deep.equal(["blacklist-match", "log-integrity", "staff-integrity"]);
    expect([...tierRules(3, {})]).to.deep.equal(["inactive"]);
    expect([...tierRules(0, {severities: new Set(["Info"])})]).to.deep.equal([]);
    expect(nextTier(0, {severities: new Set(["Review"])})).to.equal(TIERS.indexOf("Review"));
    expect(nextTier(0, {rules: new Set(["inactive"])})).to.equal(3);
    expect(nextTier(4, {})).to.equal(undefined);
  });

  it("keeps each finding in exactly one tier, even one of a severity its rule does not declare", () => {
    const tiersOf = (f: Finding) => TIERS.map((_, t) => t).filter((t) => inTier(f, t, {}));
    expect(tiersOf(finding("blacklist-match", "Review"))).to.deep.equal([2]);
    expect(tiersOf(finding("shared-bank", "Warning"))).to.deep.equal([1]);
    // Undeclared: listed in the first tier its rule runs in (Warning for shared-bank), never lost.
    expect(tiersOf(finding("shared-bank", "Info"))).to.deep.equal([1]);
    expect(tiersOf(finding("shared-bank", "Critical"))).to.deep.equal([1]);
    expect(inTier(finding("shared-bank", "Warning"), 1, {severities: new Set(["Critical"])})).to.equal(false);
  });

  it("names the one tier that lists a finding under a filter, or none", () => {
    expect(listingTier(finding("staff-integrity", "Review"), {})).to.equal(2);
    expect(listingTier(finding("staff-integrity", "Info"), {})).to.equal(0);
    expect(listingTier(finding("shared-bank", "Info"), {})).to.equal(1);
    expect(listingTier(finding("staff-integrity", "Review"), {severities: new Set(["Critical"])})).to.equal(undefined);
    expect(listingTier(finding("staff-integrity", "Review"), {rules: new Set(["log-integrity"])})).to.equal(undefined);
  });
});
