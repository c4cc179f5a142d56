// The VM suite's coverage check: every formula, action and sync table in build/metadata.json has a case in
// test/vm/ that runs it in isolated-vm (declared with vmIt, see test/helpers/vm-cases.ts). The areas
// register while mocha loads the files, so the check counts the cases of the files mocha loaded: it fails,
// naming them, when a VM area file was not loaded (run the whole folder).
import {expect} from "chai";
import {readdirSync, readFileSync} from "node:fs";
import * as path from "node:path";
import {pack} from "../../pack/pack";
import type {VmStats} from "../helpers/vm";
import {declared, executions, METADATA_PATH} from "../helpers/vm-cases";

/** The area files on disk: test/vm/<area>.test.ts files that call vmArea("<area title>", ...). */
function areaFiles(): Array<{file: string; area: string}> {
  return readdirSync(__dirname)
    .filter((file) => file.endsWith(".test.ts"))
    .flatMap((file) => {
      const text = readFileSync(path.join(__dirname, file), "utf8");
      return [...text.matchAll(/^vmArea\("([^"]+)"/gm)].map((m) => ({file, area: m[1] as string}));
    });
}

describe("the VM suite covers the built pack", () => {
  const metadata = () =>
    JSON.parse(readFileSync(METADATA_PATH, "utf8")) as {
      formulas: Array<{name: string}>;
      syncTables: Array<{name: string}>;
    };

  it("loaded every VM area file, so the coverage below counts all their cases", () => {
    const files = areaFiles();
    expect(files.length, "no test/vm file calls vmArea").to.be.greaterThan(0);
    const notLoaded = files.filter((f) => !declared.areas.has(f.area)).map((f) => `test/vm/${f.file}`);
    expect(notLoaded, `not loaded in this run (run all of test/vm): ${notLoaded.join(", ")}`).to.deep.equal([]);
  });

  it("has a VM case for every formula, action and sync table in build/metadata.json", () => {
    const m = metadata();
    const missing = [
      ...m.formulas.map((x) => x.name).filter((n) => !declared.formulas.has(n)),
      ...m.syncTables
        .map((x) => x.name)
        .filter((n) => !declared.syncTables.has(n))
        .map((n) => `sync table ${n}`),
    ].map((n) => `no VM case for ${n}`);
    expect(missing, missing.join("; ")).to.deep.equal([]);
    const stale = [
      ...[...declared.formulas].filter((n) => !m.formulas.some((x) => x.name === n)),
      ...[...declared.syncTables].filter((n) => !m.syncTables.some((x) => x.name === n)),
    ];
    expect(stale, "VM cases for names the pack does not have").to.deep.equal([]);
  });

  it("runs a bundle built from the current source", () => {
    const m = metadata();
    expect(m.formulas.map((x) => x.name).sort(), "build/ is stale: run npm run build").to.deep.equal(
      pack.formulas.map((x) => x.name).sort(),
    );
    expect(m.syncTables.map((x) => x.name).sort(), "build/ is stale: run npm run build").to.deep.equal(
      pack.syncTables.map((x) => x.name).sort(),
    );
  });
});

// A root hook: after every file's tests, the timing of all the VM executions of the area files.
after(() => {
  const n = executions.length;
  if (n === 0) {
    return;
  }
  const total = (pick: (s: VmStats) => number) => executions.reduce((t, s) => t + pick(s), 0);
  const mean = (pick: (s: VmStats) => number) => (total(pick) / n).toFixed(0);
  console.log(
    `      VM suite: ${n} executions, ${((total((s) => s.setupMs) + total((s) => s.wallMs)) / 1000).toFixed(1)} s in the VM; per execution: isolate and bundle ${mean((s) => s.setupMs)} ms, wall ${mean((s) => s.wallMs)} ms, pack CPU ${mean((s) => s.cpuMs)} ms`,
  );
});
