import {expect} from "chai";
import {IdentityIndex, screen} from "../../pack/core/screening";
import {peopleTable, probeFor, workerId} from "../helpers/identity-tables";
import {screeningSet} from "../helpers/people";

describe("screening: generated applicants with perturbed duplicates", function () {
  // Two seeds of 1,600 linear-scan reports each: minutes on a shared, loaded machine.
  this.timeout(300_000);

  for (const seed of [7, 2024]) {
    it(`finds duplicates (recall ≥ 0.98) without flagging newcomers (precision ≥ 0.95), seed ${seed}`, () => {
      const set = screeningSet(seed, 3_000, 800, 800);
      const tables = [peopleTable("Workers", set.people), peopleTable("Blacklist", set.blacklisted)];
      const index = new IdentityIndex(tables);
      let found = 0;
      let pointedAtOriginal = 0;
      let candidates = 0;
      const byPerturbation = new Map<string, {n: number; found: number}>();
      let indexAgrees = 0;
      for (const d of set.duplicates) {
        // What the pack runs for one report; the index (for many lookups) must agree with it.
        const outcome = screen(tables, probeFor(d.query));
        indexAgrees += index.screen(probeFor(d.query)).verdict === outcome.verdict ? 1 : 0;
        candidates += outcome.nameCandidates;
        const flagged = outcome.verdict !== "Clear";
        found += flagged ? 1 : 0;
        pointedAtOriginal += outcome.matches.some((m) => m.workerId === workerId(d.of)) ? 1 : 0;
        for (const p of d.perturbations) {
          const stat = byPerturbation.get(p) ?? {n: 0, found: 0};
          stat.n++;
          stat.found += flagged ? 1 : 0;
          byPerturbation.set(p, stat);
        }
      }
      let falseAlarms = 0;
      let surnameOnly = 0;
      let surnameMatches = 0;
      for (const n of set.newcomers) {
        const outcome = screen(tables, probeFor(n.query));
        falseAlarms += outcome.verdict !== "Clear" ? 1 : 0;
        expect(outcome.verdict, `${n.query.name} (${n.kind})`).not.to.equal("Match");
        if (n.kind === "shared-surname") {
          surnameOnly++;
          surnameMatches += outcome.verdict === "Match" ? 1 : 0;
        }
      }
      const recall = found / set.duplicates.length;
      const precision = found / (found + falseAlarms);
      const rows = index.rows;
      expect(indexAgrees).to.equal(set.duplicates.length);
      console.log(
        `      seed ${seed}: ${rows} rows, ${set.duplicates.length} duplicates, ${set.newcomers.length} newcomers (${surnameOnly} sharing a surname): ` +
          `recall ${recall.toFixed(3)}, precision ${precision.toFixed(3)} (Review or Match); ${falseAlarms} false alarms; ` +
          `name candidates per query ${(candidates / set.duplicates.length).toFixed(1)} of ${rows}`,
      );
      console.log(
        `      recall by perturbation: ${[...byPerturbation].map(([k, v]) => `${k} ${(v.found / v.n).toFixed(3)} (${v.n})`).join(", ")}`,
      );
      expect(recall).to.be.at.least(0.98);
      expect(precision).to.be.at.least(0.95);
      expect(pointedAtOriginal / set.duplicates.length).to.be.at.least(0.98);
      expect(surnameMatches).to.equal(0);
      // Blocking: names are compared with a small share of the ledger, never all of it.
      expect(candidates / set.duplicates.length).to.be.below(rows * 0.1);
    });
  }

  it("never says Match for a shared surname alone, even with the same country", () => {
    const set = screeningSet(99, 500, 0, 0);
    const index = new IdentityIndex([peopleTable("Workers", set.people)]);
    for (const p of set.people.slice(0, 200)) {
      const outcome = index.screen({
        name: `Zebulon ${p.last[0]}`,
        emailKey: "someone.else@example.org",
        country: p.country,
      });
      expect(outcome.verdict, p.name).to.equal("Clear");
      // A surname given alone (in its own script) is a one-word name: at most a review, never a match.
      const alone = index.screen({name: p.last[1], emailKey: "", country: p.country});
      expect(alone.verdict, p.last[1]).not.to.equal("Match");
      if (!/\s/.test(p.last[0])) {
        expect(alone.verdict, p.last[1]).to.equal("Clear");
      }
    }
  });
});
