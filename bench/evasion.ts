// The generated evasion set (issue 14), family by family: how many re-applications of a blacklisted
// person each disguise lets through, and whether any control (a genuinely new person, a shared
// surname or first name, a household phone, an exact namesake) gets a Match. Pure screening, no
// ledger: runs in seconds with `npx tsx bench/run.ts evasion`. The test holding the same targets is
// test/core/evasion.test.ts.
import type {Figure} from "./figures";
import {IdentityIndex} from "../pack/core/screening";
import {probeFor} from "../test/helpers/identity-tables";
import {evasionSet, scoreEvasion} from "../test/helpers/evasion";

const SECTION = "Evasion set (seed 14, 60 per family)";

/** Caught share per family (Review or Match naming the blacklisted entry), and Match count per control. */
export function evasionFigures(seed = 14, perFamily = 60): Figure[] {
  const set = evasionSet(seed, perFamily);
  const index = new IdentityIndex(set.tables);
  const result = scoreEvasion(set, (q) => index.screen(probeFor(q)));
  return [
    ...result.families.map((f): Figure => ({
      section: SECTION,
      name: `Caught: ${f.name}`,
      value: Math.round((f.caught / f.n) * 1000) / 1000,
      unit: "",
      decimals: 3,
      target: {op: ">=", value: 0.95},
      note: `${f.caught}/${f.n}, Review ${f.review}, Match ${f.match}: Review or Match naming the blacklisted entry`,
    })),
    ...result.controls.map((c): Figure => ({
      section: SECTION,
      name: `Match for a control: ${c.name}`,
      value: c.match,
      unit: "reports",
      target: {op: "<=", value: 0},
      note: `of ${c.n}; Review ${c.review}`,
    })),
  ];
}

export async function bench(): Promise<Figure[]> {
  return Promise.resolve(evasionFigures());
}
