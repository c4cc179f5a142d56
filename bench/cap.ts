// Issue 16: "with the response cap on, no read at 100,000 workers fails". Every sync table and every
// formula that reads a whole ledger, once each, on a 100,000-worker ledger under Coda's response cap
// as the test fetcher applies it (10 MB, or FETCHER_MAX_RESPONSE_BYTES), from the built bundle in
// isolated-vm with Coda's 128 MB (so a read that runs out of memory fails here as it would on Coda).
// A read that fails throws, so the bench fails.
import type {Figure} from "./figures";
import {bigLedger, directFetchMs} from "./ledger";
import {runEveryRead} from "../test/helpers/every-read";
import {DEFAULT_MAX_RESPONSE_BYTES} from "../test/helpers/fetcher";

const WORKERS_IN_LEDGER = 100_000;

export async function bench(): Promise<Figure[]> {
  const section = `Every read at ${WORKERS_IN_LEDGER.toLocaleString("en")} workers, cap ${DEFAULT_MAX_RESPONSE_BYTES.toLocaleString("en")} bytes`;
  const f = await bigLedger(WORKERS_IN_LEDGER, "vm");
  try {
    const outcomes = await runEveryRead(f, f.seeded, undefined, (o) =>
      process.stdout.write(
        `\n  ${o.name}: ${o.error ? `FAILED ${o.error}` : "ok"}, ${o.requests} requests, largest ${o.largest} bytes, ${o.refused} refused, ${o.ms} ms in ${o.executions} executions (slowest ${o.slowestMs} ms), heap ${Math.round(o.heapBytes / 2 ** 20)} MiB`,
      ),
    );
    const failed = outcomes.filter((o) => o.error);
    if (failed.length) {
      throw new Error(`Reads failed under the response cap: ${failed.map((o) => `${o.name}: ${o.error}`).join("; ")}`);
    }
    const figures: Figure[] = [];
    for (const o of outcomes) {
      figures.push({
        section,
        name: `${o.name}: largest answer taken`,
        value: Math.round(o.largest / 1000),
        unit: "kB",
        target: {op: "<=", value: DEFAULT_MAX_RESPONSE_BYTES / 1000},
        note: `${o.requests} Google requests, ${o.refused} answers refused over the cap and read again in parts; largest isolate heap after an execution ${Math.round(o.heapBytes / 2 ** 20)} MiB of 128`,
      });
      // The baseline: the same execution's GET requests fetched directly (answers over the cap included).
      const direct = await directFetchMs(f, o.slowest.from, o.slowest.to, f.team.lead.token);
      figures.push({
        section,
        name: `${o.name}: slowest execution`,
        value: o.slowestMs,
        unit: "ms",
        // ../shared/DESIGN.md: "Each formula, sync page or update batch has about 60 seconds".
        target: {op: "<=", value: 60_000},
        baseline: {name: "fetching that execution's Google GET answers directly", value: Math.round(direct)},
        note: `${o.executions} executions, ${(o.ms / 1000).toFixed(1)} s wall in all (emulator on loopback, the bundle in isolated-vm: real Sheets adds its own latency)`,
      });
    }
    return figures;
  } finally {
    await f.close();
  }
}
