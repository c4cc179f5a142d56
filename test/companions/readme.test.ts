import {expect} from "chai";
import {readFileSync} from "node:fs";
import * as path from "node:path";

/** The README's companion reference tables list exactly what each built companion exposes, with its parameters. */
describe("README companion reference tables", () => {
  const readme = readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
  const signature = (params: Array<{name: string; optional?: boolean}>) =>
    params.map((p) => `${p.name}${p.optional ? "?" : ""}`).join(", ");

  for (const [companion, start, end] of [
    ["discord", "### Discord companion", "### Zendesk companion"],
    ["zendesk", "### Zendesk companion", "## Limits"],
  ] as const) {
    it(`${companion}: every formula, action and sync table with its exact parameters`, () => {
      const meta = JSON.parse(
        readFileSync(path.resolve(__dirname, `../../build/${companion}/metadata.json`), "utf8"),
      ) as {
        formulas: Array<{name: string; parameters: Array<{name: string; optional?: boolean}>}>;
        syncTables: Array<{name: string; getter: {parameters: Array<{name: string; optional?: boolean}>}}>;
      };
      const section = readme.slice(readme.indexOf(start), readme.indexOf(end));
      const documented = new Map<string, string>();
      for (const match of section.matchAll(/^\| `(\w+)` \| [^|]+ \| `([^`]*)` \|/gm)) {
        documented.set(match[1] as string, match[2] as string);
      }
      const exposed = new Map<string, string>([
        ...meta.formulas.map((f) => [f.name, signature(f.parameters)] as [string, string]),
        ...meta.syncTables.map((t) => [t.name, signature(t.getter.parameters)] as [string, string]),
      ]);
      expect(Object.fromEntries(documented)).to.deep.equal(Object.fromEntries(exposed));
    });
  }
});
