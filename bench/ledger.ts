// A large seeded ledger shared by the bench sections: workers with history, in the real layout.
import {buildLedgerRecords, writeLedgerRecords} from "../test/helpers/workforce-seed";
import type {SeededLedger} from "../test/helpers/workforce-seed";
import {generateWorkforce} from "../test/helpers/workforce";
import type {LedgerFixture} from "../test/helpers/fixture";
import {setupLedger} from "../test/helpers/fixture";
import type {Mode} from "../test/helpers/runner";

export interface BigLedger extends LedgerFixture {
  seeded: SeededLedger;
}

/** A ledger of `workers` generated workers (about three decisions each), created through the pack. */
export async function bigLedger(workers: number, mode: Mode = "vm"): Promise<BigLedger> {
  const f = await setupLedger({mode, timezone: "UTC"});
  f.emu.state.enforceCellLimit = false;
  const seeded = buildLedgerRecords(generateWorkforce({count: workers, now: new Date().toISOString(), seed: 2026}), {
    specialists: [f.team.specialist.email],
    leads: [f.team.lead.email, f.team.lead2.email],
  });
  writeLedgerRecords(f.emu.state, f.spreadsheetId, seeded);
  return {...f, seeded};
}

/**
 * The time to fetch the Google GET requests the emulator logged from `from` on, directly and one
 * after another, and parse them: the baseline for a pack execution's wall time (how much of it is
 * only Google's answer arriving).
 */
export async function directFetchMs(
  f: LedgerFixture,
  from: number,
  to = f.emu.log.length,
  token = f.team.viewer.token,
): Promise<number> {
  const started = performance.now();
  for (const r of f.emu.log.slice(from, to)) {
    if (r.method !== "GET" || r.fault) {
      continue;
    }
    const res = await fetch(`${f.emu.url}/${r.host}${r.path}${r.query}`, {headers: {Authorization: `Bearer ${token}`}});
    JSON.parse(await res.text());
  }
  return performance.now() - started;
}
