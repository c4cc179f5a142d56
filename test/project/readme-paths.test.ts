// The README's layout and "Where to find things" name files and folders; every one it names must exist,
// so the map stays true when code moves.
import {expect} from "chai";
import {existsSync, readFileSync} from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const TOP = ["pack", "formulas", "sync-tables", "emulator", "test", "scripts", "bench", "docs"];

/** The repository paths the text quotes in backticks (`pack/core/notices.ts`, `pack/core/rules/`), globs left out. */
export function quotedPaths(markdown: string): string[] {
  const paths = [...markdown.matchAll(/`([\w./-]+)`/g)]
    .map((m) => m[1] as string)
    .filter((p) => TOP.some((top) => p.startsWith(`${top}/`)));
  return [...new Set(paths)];
}

describe("README paths", () => {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");

  it("reads quoted paths and nothing else", () => {
    expect(quotedPaths("see `pack/core/x.ts`, `npm test`, `test/**/*.test.ts` and `emulator/`")).to.deep.equal([
      "pack/core/x.ts",
      "emulator/",
    ]);
  });

  it("names only files and folders that exist", () => {
    const named = quotedPaths(readme);
    expect(named.length).to.be.greaterThan(5);
    const missing = named.filter((p) => !existsSync(path.join(ROOT, p)));
    expect(missing, `the README names paths that do not exist: ${missing.join(", ")}`).to.deep.equal([]);
  });

  it("has a Where to find things table for the five things a newcomer looks for", () => {
    const table = readme.slice(readme.indexOf("### Where to find things"));
    for (const thing of ["four-eyes", "suspension notice", "Findings rules", "429", "Settings"]) {
      expect(table, thing).to.include(thing);
    }
  });
});
