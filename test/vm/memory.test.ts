// The whole-ledger reads in Coda's 128 MB isolate (test/helpers/vm.ts, as the SDK's own runner) on a
// 20,000-worker ledger of about 75,000 decisions: before the log was verified in parts and column
// reads shared their empty fields, VerifyLedger ran the isolate out of memory at this size (measured:
// "Isolate is already disposed"), and Summary, Trends, Queue and Findings did at 100,000 workers
// (`npm run bench cap` runs those in the VM at 100,000).
import {expect} from "chai";
import type {LedgerFixture} from "../helpers/fixture";
import {setupLedger} from "../helpers/fixture";
import {buildLedgerRecords, writeLedgerRecords} from "../helpers/workforce-seed";
import {generateWorkforce} from "../helpers/workforce";

const WORKERS = 20_000;

describe("vm: whole-ledger reads fit Coda's memory at 20,000 workers", function () {
  this.timeout(600_000);
  let f: LedgerFixture;
  let events = 0;
  before(async () => {
    f = await setupLedger({mode: "vm", timezone: "UTC"});
    f.emu.state.enforceCellLimit = false;
    const seeded = buildLedgerRecords(generateWorkforce({count: WORKERS, now: new Date().toISOString(), seed: 2026}), {
      specialists: [f.team.specialist.email],
      leads: [f.team.lead.email, f.team.lead2.email],
    });
    writeLedgerRecords(f.emu.state, f.spreadsheetId, seeded);
    events = seeded.events.length;
  });
  after(async () => f?.close());

  it("VerifyLedger checks every decision and finds the log intact", async () => {
    const check = await f.run.formula<{Verified: boolean; EventsChecked: number; Problems: unknown[]}>(
      "VerifyLedger",
      [f.ledger],
      f.team.lead,
    );
    expect(check.EventsChecked).to.be.greaterThan(events);
    expect(check.Problems).to.deep.equal([]);
    expect(check.Verified).to.equal(true);
  });

  it("SealLog seals the whole log, and VerifyLedger then holds it sealed", async () => {
    const seal = await f.run.formula<{SealedThrough: number}>("SealLog", [f.ledger], f.team.lead);
    expect(seal.SealedThrough).to.be.greaterThan(events);
    const check = await f.run.formula<{Verified: boolean; SealedThrough: number}>(
      "VerifyLedger",
      [f.ledger],
      f.team.viewer,
    );
    expect(check).to.deep.include({Verified: true, SealedThrough: seal.SealedThrough});
  });

  it("Summary and a whole Findings sync complete", async () => {
    const summary = await f.run.formula<Record<string, unknown>>("Summary", [f.ledger], f.team.lead);
    expect(summary).to.be.an("object");
    const findings = await f.run.sync("Findings", [f.ledger], f.team.lead);
    expect(findings.rows.length).to.be.greaterThan(0);
    const heaps = f.run.vmStats.map((s) => s.heapBytes);
    expect(Math.max(...heaps)).to.be.below(128 * 2 ** 20);
  });
});
