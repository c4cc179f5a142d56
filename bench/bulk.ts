// OffboardWorkers over 200 workers with a mix of refusals, from the built bundle in isolated-vm:
// the Google requests it makes and its time against Coda's 60-second limit.
import type {Figure} from "./figures";
import {measure} from "./figures";
import {directFetchMs} from "./ledger";
import {buildWorld} from "../test/helpers/worlds";
import type {WorkerState} from "../test/helpers/worlds";

const COUNT = 200;

export async function bench(): Promise<Figure[]> {
  // Every tenth Blacklisted and every fifteenth other Rejected: 27 refusals among 200.
  const states: WorkerState[] = Array.from({length: COUNT}, (_, i) =>
    (i + 1) % 10 === 0 ? "Blacklisted" : (i + 1) % 15 === 0 ? "Rejected" : "Active",
  );
  const f = await buildWorld(
    {workers: states.map((state, i) => ({state, email: `w${i + 1}@example.com`}))},
    {mode: "vm"},
  );
  try {
    const ids = states.map((_, i) => `W-${String(i + 1).padStart(6, "0")}`);
    const conn = f.run.connection(f.team.specialist);
    const before = conn.counters.requests;
    const logFrom = f.emu.log.length;
    const run = await measure(() =>
      f.run.formula<{Done: number; Refused: unknown[]; Remaining: string[]}>(
        "OffboardWorkers",
        [f.ledger, ids, "Project Atlas ended on 30 November", false, "bench-bulk"],
        f.team.specialist,
      ),
    );
    const requests = conn.counters.requests - before;
    // Sheets counts reads and writes per user per minute (60 each: docs/google-behaviour.md, Quotas).
    const sheets = f.emu.log.slice(logFrom).filter((r) => r.host === "sheets.googleapis.com");
    const reads = sheets.filter((r) => r.method === "GET").length;
    const writes = sheets.length - reads;
    const direct = await directFetchMs(f, logFrom, f.emu.log.length, f.team.specialist.token);
    const summary = run.result;
    const section = "OffboardWorkers (200 workers)";
    const note = `${summary.Done} offboarded, ${summary.Refused.length} refused, ${summary.Remaining.length} not reached`;
    return [
      {
        section,
        name: "time of one call, built bundle in isolated-vm",
        value: Math.round(run.wallMs),
        unit: "ms",
        target: {op: "<=", value: 60_000},
        baseline: {name: "its GET requests fetched directly", value: Math.round(direct)},
        note,
      },
      {
        section,
        name: "Google requests",
        value: requests,
        unit: "",
        note: "the whole call, as the emulator counted them",
      },
      {
        section,
        name: "Sheets read requests",
        value: reads,
        unit: "",
      },
      {
        section,
        name: "Sheets write requests",
        value: writes,
        unit: "",
      },
      {
        section,
        name: "minutes of one user's Sheets quota it needs (60 reads, 60 writes a minute)",
        value: Math.round((Math.max(reads, writes) / 60) * 10) / 10,
        unit: "",
        decimals: 1,
        note: "against real Google one call stops at its 45-second budget when throttled; the same requestId continues",
      },
      {
        section,
        name: "Google requests per worker decided",
        value: Math.round((requests / COUNT) * 100) / 100,
        unit: "",
        decimals: 2,
      },
    ];
  } finally {
    await f.close();
  }
}
