// The developers' guide: files under pack/ stay under 400 lines, so each one can be read whole.
import {expect} from "chai";
import {readdirSync, readFileSync} from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const MAX_LINES = 400;

/** Every file below `dir`, as paths relative to the repository. */
function filesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), {withFileTypes: true}).flatMap((entry) => {
    const rel = path.posix.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(rel) : [rel];
  });
}

/** Lines as `wc -l` and an editor count them: a final newline does not start another line. */
export function lineCount(text: string): number {
  return text === "" ? 0 : text.replace(/\n$/, "").split("\n").length;
}

describe("file sizes", () => {
  it("counts lines as wc -l does", () => {
    expect(lineCount("")).to.equal(0);
    expect(lineCount("a")).to.equal(1);
    expect(lineCount("a\n")).to.equal(1);
    expect(lineCount("a\n\nb\n")).to.equal(3);
  });

  it(`keeps every file under pack/ at ${MAX_LINES} lines or fewer`, () => {
    const files = filesUnder("pack");
    expect(files.length).to.be.greaterThan(0);
    const offenders = files
      .map((file) => ({file, lines: lineCount(readFileSync(path.join(ROOT, file), "utf8"))}))
      .filter((f) => f.lines > MAX_LINES)
      .sort((a, b) => b.lines - a.lines)
      .map((f) => `${f.file} (${f.lines} lines)`);
    expect(offenders, `over ${MAX_LINES} lines: split ${offenders.join(", ")}`).to.deep.equal([]);
  });
});
