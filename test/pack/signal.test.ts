import {expect} from "chai";
import type {LedgerFixture} from "../helpers/fixture";
import {setupLedger} from "../helpers/fixture";
import {plantSignals, seedDemoWorkforce} from "../helpers/demo-signals";
import {VETTING_RATES} from "../helpers/workforce";

type Finding = {FindingId: string; Rule: string; Severity: string; Status: string; WorkerIds?: string[]};

describe("Findings on the demo world: signal, not noise", function () {
  this.timeout(120_000);
  let f: LedgerFixture;
  before(async () => {
    f = await setupLedger();
  });
  after(async () => f.close());

  it("the first unfiltered sync returns at most 150 open findings, every planted signal among them", async () => {
    const seeded = seedDemoWorkforce(f);
    const active = seeded.workers.filter((w) => w.status === "Active");
    // Most Active workers are fully vetted and recently active.
    const vetted = active.filter((w) => w.bankVerification && w.screeningVerdict && w.documentFolder);
    expect(vetted.length / active.length).to.be.greaterThan(1 - 3 * (1 - VETTING_RATES.bank) - 0.03);
    const planted = plantSignals(f, seeded);
    const {rows} = await f.run.sync<Finding>("Findings", [f.ledger], f.team.viewer);
    expect(rows.length).to.be.at.most(150);
    expect(rows.length).to.be.greaterThan(planted.length);
    expect(rows.every((r) => ["Open", "Acknowledged", "Snoozed"].includes(r.Status))).to.equal(true);
    for (const p of planted) {
      expect(
        rows.some((r) => r.Rule === p.rule && (r.WorkerIds ?? []).includes(p.workerId)),
        `${p.rule} for ${p.workerId}`,
      ).to.equal(true);
    }
    // One finding per worker for vetting gaps; inactivity is only Info.
    const gaps = rows.filter((r) => r.Rule === "vetting-incomplete").map((r) => r.WorkerIds?.join());
    expect(new Set(gaps).size).to.equal(gaps.length);
    expect(rows.filter((r) => r.Rule === "inactive").every((r) => r.Severity === "Info")).to.equal(true);
    const evader = rows.find((r) => r.Rule === "blacklist-match" && r.WorkerIds?.includes("W-900001"));
    expect(evader?.Severity).to.equal("Critical");
  });
});
