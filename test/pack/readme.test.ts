import {expect} from "chai";
import {readFileSync} from "node:fs";
import * as path from "node:path";

/**
 * The names in the README are a contract with the people who build docs on the pack: the
 * reference table must list every formula, action and sync table the built pack exposes, with
 * exactly its parameters, and nothing it does not expose.
 */
describe("README reference table", () => {
  const readme = readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
  const meta = JSON.parse(readFileSync(path.resolve(__dirname, "../../build/metadata.json"), "utf8")) as {
    formulas: Array<{name: string; parameters: Array<{name: string; optional?: boolean}>}>;
    syncTables: Array<{name: string; getter: {parameters: Array<{name: string; optional?: boolean}>}}>;
  };

  const signature = (params: Array<{name: string; optional?: boolean}>) =>
    params.map((p) => `${p.name}${p.optional ? "?" : ""}`).join(", ");

  it("starts with the two commands", () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    expect(firstBlock).to.match(/^npm ci && npm start\b/m);
    expect(firstBlock).to.match(/^npm test\b/m);
  });

  it("lists every name the pack exposes with its exact parameters", () => {
    const reference = readme.slice(readme.indexOf("## Reference"), readme.indexOf("## How it works"));
    const documented = new Map<string, string>();
    for (const match of reference.matchAll(/^\| `(\w+)` \| [^|]+ \| `([^`]*)` \|/gm)) {
      documented.set(match[1] as string, match[2] as string);
    }
    const exposed = new Map<string, string>([
      ...meta.formulas.map((f) => [f.name, signature(f.parameters)] as [string, string]),
      ...meta.syncTables.map((t) => [t.name, signature(t.getter.parameters)] as [string, string]),
    ]);
    expect(Object.fromEntries(documented)).to.deep.equal(Object.fromEntries(exposed));
  });
});
