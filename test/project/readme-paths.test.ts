// The README's map of the code stays true when code moves: every file and folder it names exists, and its
// Settings table lists every key of pack/ledger/store/settings.ts with the default CreateLedger writes.
import {expect} from "chai";
import {existsSync, readFileSync} from "node:fs";
import path from "node:path";
import {SETTING_PATTERNS, SETTINGS_TABLE} from "../../pack/ledger/store/settings";

const ROOT = path.resolve(__dirname, "../..");
const TOP = ["pack", "formulas", "sync-tables", "companions", "emulator", "test", "scripts", "bench", "docs"];

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

  it("lists every Settings key, with its default where a row holds one key", () => {
    const section = readme.slice(readme.indexOf("## Settings"), readme.indexOf("## Limits"));
    const rows = section.split("\n").filter((line) => line.startsWith("| `"));
    const mentioned = new Set(rows.flatMap((row) => [...row.matchAll(/`([\w.]+)(?:<\w+>)?`/g)].map((m) => m[1])));
    const keys = [...Object.keys(SETTINGS_TABLE), ...Object.keys(SETTING_PATTERNS)];
    const missing = keys.filter((key) => !mentioned.has(key));
    expect(missing, `Settings keys the README's table leaves out: ${missing.join(", ")}`).to.deep.equal([]);
    for (const row of rows) {
      const [keyCell = "", shown = ""] = row
        .split("|")
        .slice(1)
        .map((cell) => cell.trim());
      const key = /^`(\w+)`$/.exec(keyCell)?.[1];
      // "(empty)" shows an empty default; other words in parentheses describe a value CreateLedger makes.
      const described = shown === "random" || (/^\(.*\)$/.test(shown) && shown !== "(empty)");
      if (key && key in SETTINGS_TABLE && !described) {
        expect(shown === "(empty)" ? "" : shown, key).to.equal(
          SETTINGS_TABLE[key as keyof typeof SETTINGS_TABLE].default,
        );
      }
    }
  });
});
