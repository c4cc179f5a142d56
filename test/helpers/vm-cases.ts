// The registry of the VM suite (test/vm/*.test.ts): every case that runs a formula, action or sync
// table of the BUILT bundle in isolated-vm declares what it covers here, and test/vm/coverage.test.ts
// checks the declarations against build/metadata.json. Worlds are built in plain Node (fast); only the
// cases run in the VM, with the same fetcher to the emulator.
import {expect} from "chai";
import * as coda from "@codahq/packs-sdk";
import {existsSync} from "node:fs";
import * as path from "node:path";
import {driveStore} from "../../emulator/drive";
import type {LedgerFixture} from "./fixture";
import {failureOf, tabRecords} from "./fixture";
import {outbox, read} from "./gmail";
import type {PackError} from "./runner";
import {BUNDLE_PATH} from "./runner";
import type {VmStats} from "./vm";
import type {WorldSpec} from "./worlds";
import {buildWorld} from "./worlds";

export type Obj = Record<string, unknown>;
export type Row = Obj & {WorkerId: string; Status: string};
export type Page = {result: Obj[]; continuation?: coda.Continuation};

export const METADATA_PATH = path.resolve(path.dirname(BUNDLE_PATH), "metadata.json");

/** What the cases run in the VM, collected while mocha loads the files (before any test runs). */
export const declared = {formulas: new Set<string>(), syncTables: new Set<string>(), areas: new Set<string>()};
/** Every VM execution of the suite, for the timing line. */
export const executions: Array<VmStats & {name: string}> = [];

export interface Covers {
  formulas?: string[];
  syncTables?: string[];
}

/**
 * One area of the suite: the file test/vm/<area>.test.ts. Registers the area for the coverage check
 * (which fails when an area file was not loaded), and refuses to run without a built bundle.
 */
export function vmArea(area: string, define: () => void): void {
  declared.areas.add(area);
  describe(`${area}: the built bundle in isolated-vm`, function () {
    this.timeout(120_000);
    before(function () {
      if (!existsSync(BUNDLE_PATH) || !existsSync(METADATA_PATH)) {
        throw new Error(`${BUNDLE_PATH} or its metadata.json is missing: run npm run build first (npm test does).`);
      }
    });
    define();
  });
}

/**
 * A case that runs `covers` in the VM: registered for the coverage check, and failing unless each
 * name completed at least one execution in the VM during the case.
 */
export function vmIt(
  world: () => LedgerFixture,
  title: string,
  covers: Covers,
  body: () => Promise<void>,
  knownFailure?: string,
): void {
  const names = [...(covers.formulas ?? []), ...(covers.syncTables ?? [])];
  covers.formulas?.forEach((n) => declared.formulas.add(n));
  covers.syncTables?.forEach((n) => declared.syncTables.add(n));
  // A case marked with a known failure is skipped and its reason shown; it still counts as declared.
  (knownFailure ? it.skip : it)(knownFailure ? `${title} [skipped: ${knownFailure}]` : title, async () => {
    const run = world().run;
    expect(run.options.mode).to.equal("vm");
    const from = run.vmStats.length;
    await body();
    const ran = new Set(run.vmStats.slice(from).map((s) => s.name));
    expect(
      names.filter((n) => !ran.has(n)),
      `${title}: declared but never completed in the VM`,
    ).to.deep.equal([]);
  });
}

/** A world built once for the cases `define` declares; its runner executes the built bundle in the VM. */
export function world(title: string, spec: WorldSpec, define: (f: () => LedgerFixture) => void): void {
  describe(title, function () {
    let fixture: LedgerFixture | undefined;
    before(async () => {
      fixture = await buildWorld(spec, {mode: "vm"});
    });
    after(async () => {
      if (fixture) {
        executions.push(...fixture.run.vmStats);
        await fixture.close();
      }
    });
    define(() => {
      if (!fixture) {
        throw new Error(`world "${title}" was not built`);
      }
      return fixture;
    });
  });
}

// ---------- small readers ----------

export const events = (f: LedgerFixture, workerId?: string) =>
  tabRecords(f, "Events").filter((e) => !workerId || e.WorkerId === workerId);
export const workerRow = (f: LedgerFixture, workerId: string) =>
  tabRecords(f, "Workers").find((w) => w.WorkerId === workerId);
export const mailTo = (f: LedgerFixture, email: string) =>
  outbox(f).filter((s) => read(s.mime).header("To").toLowerCase().includes(email.toLowerCase()));
export const folderAccess = (f: LedgerFixture, folderId: string) =>
  driveStore(f.emu.state)
    .files.get(folderId)
    ?.permissions.map((p) => `${p.emailAddress}:${p.role}`)
    .sort();

/** Awaits a call that must fail for Coda to ask for more OAuth scopes (not a UserVisibleError). */
export async function expectMissingScopes(call: Promise<unknown>, message: RegExp): Promise<PackError> {
  const err = await failureOf(call);
  expect(err.name, `${err.name}: ${err.message}`).to.equal("MissingScopesError");
  expect(coda.MissingScopesError.isMissingScopesError(err)).to.equal(true);
  expect(err.isUserVisible).to.not.equal(true);
  expect(err.message).to.match(message);
  return err;
}
