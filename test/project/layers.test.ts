// The layer check itself: a tree that imports against the direction fails `npm run layers`; one that does not, passes.
import {expect} from "chai";
import {execFileSync} from "node:child_process";
import {copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const CRUISER = path.join(ROOT, "node_modules/.bin/depcruise");

function cruise(files: Record<string, string>): {code: number; output: string} {
  const dir = mkdtempSync(path.join(tmpdir(), "layers-"));
  try {
    copyFileSync(path.join(ROOT, ".dependency-cruiser.cjs"), path.join(dir, ".dependency-cruiser.cjs"));
    writeFileSync(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({compilerOptions: {module: "commonjs", strict: true}}),
    );
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), {recursive: true});
      writeFileSync(path.join(dir, file), text);
    }
    const args = ["--config", ".dependency-cruiser.cjs", "pack", "formulas", "sync-tables", "companions", "emulator"];
    try {
      return {code: 0, output: execFileSync(CRUISER, args, {cwd: dir, encoding: "utf8", stdio: "pipe"})};
    } catch (e) {
      const err = e as {status: number; stdout: string; stderr: string};
      return {code: err.status, output: `${err.stdout}${err.stderr}`};
    }
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

const CLEAN = {
  "pack/core/rule.ts": "export const rule = 1;\n",
  "pack/google/api.ts": 'import {rule} from "../core/rule";\nexport const api = rule;\n',
  "pack/google/http.ts": "export const googleFrom = 1;\n",
  "pack/ledger/feature.ts": 'import {api} from "../google/api";\nexport const feature = api;\n',
  "pack/coda/view.ts": 'import {feature} from "../ledger/feature";\nexport const view = feature;\n',
  "formulas/job.ts": 'import {view} from "../pack/coda/view";\nexport const job = view;\n',
  "pack/pack.ts": 'import {job} from "../formulas/job";\nexport const pack = job;\n',
  "sync-tables/table.ts": 'import {view} from "../pack/coda/view";\nexport const table = view;\n',
  "companions/discord/core/rule.ts": "export const rule = 1;\n",
  "companions/discord/api/http.ts": 'import {rule} from "../core/rule";\nexport const api = rule;\n',
  "companions/discord/coda/view.ts": 'import {api} from "../api/http";\nexport const view = api;\n',
  "companions/discord/formulas/job.ts": 'import {view} from "../coda/view";\nexport const job = view;\n',
  "companions/discord/pack.ts": 'import {job} from "./formulas/job";\nexport const pack = job;\n',
  "emulator/sheets.ts": 'import {model} from "./model";\nexport const sheets = model;\n',
  "emulator/model.ts": "export const model = 1;\n",
  "companions/zendesk/core/rule.ts": 'import {shared} from "../../shared/core/rule";\nexport const rule = shared;\n',
  "companions/shared/core/rule.ts": "export const shared = 2;\n",
  "companions/shared/coda/view.ts": 'import {shared} from "../core/rule";\nexport const view = shared;\n',
  "companions/discord/coda/shared.ts": 'import {view} from "../../shared/coda/view";\nexport const both = view;\n',
};

describe("layer check (npm run layers)", function () {
  this.timeout(60_000);

  it("passes a tree whose imports run one way", () => {
    const result = cruise(CLEAN);
    expect(result.code, result.output).to.equal(0);
  });

  for (const [name, file, text] of [
    ["core-is-pure", "pack/core/bad.ts", 'import {view} from "../coda/view";\nexport const bad = view;\n'],
    [
      "google-is-thin",
      "pack/google/bad.ts",
      'import {feature} from "../ledger/feature";\nexport const bad = feature;\n',
    ],
    ["ledger-below-coda", "pack/ledger/bad.ts", 'import {view} from "../coda/view";\nexport const bad = view;\n'],
    ["coda-below-formulas", "pack/coda/bad.ts", 'import {job} from "../../formulas/job";\nexport const bad = job;\n'],
    ["formulas-below-pack", "formulas/bad.ts", 'import {pack} from "../pack/pack";\nexport const bad = pack;\n'],
    [
      "formulas-reach-google-through-the-ledger",
      "formulas/bad.ts",
      'import {api} from "../pack/google/api";\nexport const bad = api;\n',
    ],
    [
      "formulas-reach-google-through-the-ledger",
      "sync-tables/bad.ts",
      'import {googleFrom} from "../pack/google/http";\nexport const bad = googleFrom;\n',
    ],
    ["emulator-stands-alone", "emulator/bad.ts", 'import {rule} from "../pack/core/rule";\nexport const bad = rule;\n'],
    [
      "pack-code-stays-out-of-tests",
      "pack/core/bad.ts",
      'import {model} from "../../emulator/model";\nexport const bad = model;\n',
    ],
    [
      "companions-stand-alone",
      "companions/discord/coda/bad.ts",
      'import {view} from "../../../pack/coda/view";\nexport const bad = view;\n',
    ],
    [
      "companions-apart-discord",
      "companions/discord/core/bad.ts",
      'import {rule} from "../../zendesk/core/rule";\nexport const bad = rule;\n',
    ],
    [
      "companions-shared-knows-neither",
      "companions/shared/core/bad.ts",
      'import {rule} from "../../discord/core/rule";\nexport const bad = rule;\n',
    ],
    [
      "companion-core-is-pure",
      "companions/discord/core/bad.ts",
      'import {view} from "../../shared/coda/view";\nexport const bad = view;\n',
    ],
    [
      "companion-core-is-pure",
      "companions/discord/core/bad.ts",
      'import {api} from "../api/http";\nexport const bad = api;\n',
    ],
    [
      "companion-api-is-thin",
      "companions/discord/api/bad.ts",
      'import {view} from "../coda/view";\nexport const bad = view;\n',
    ],
    [
      "companion-formulas-below-pack",
      "companions/discord/formulas/bad.ts",
      'import {pack} from "../pack";\nexport const bad = pack;\n',
    ],
  ] as const) {
    it(`fails an import against the direction (${name})`, () => {
      const result = cruise({...CLEAN, [file]: text});
      expect(result.code).to.not.equal(0);
      expect(result.output).to.contain(name);
    });
  }
});
