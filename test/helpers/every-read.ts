// Every sync table and every formula that reads a whole ledger, run once each under the fetcher's
// response cap (issue 16: "every read at 100,000 workers stays under the cap"). Shared by
// test/pack/response-cap.test.ts (a scaled-down ledger and cap) and bench/cap.ts (100,000 workers, 10 MB).
import type {LedgerFixture} from "./fixture";
import type {SeededLedger} from "./workforce-seed";

export interface ReadOutcome {
  name: string;
  /** The error's message when the read failed. */
  error?: string;
  requests: number;
  /** The largest Google answer this read received, in bytes. */
  largest: number;
  /** Answers refused over the cap (and read again in smaller parts by the pack). */
  refused: number;
  /** Wall time, ms. */
  ms: number;
  /** Executions (sync pages, or 1 for a formula) and the slowest one's wall time, ms: Coda gives each about 60 s. */
  executions: number;
  slowestMs: number;
  /** The emulator's request log indices the slowest execution spans. */
  slowest: {from: number; to: number};
  /** In the VM: the largest isolate heap after one of its executions, bytes (0 in plain Node). */
  heapBytes: number;
}

/** The reads, by name: each runs one sync table (every page, up to Coda's 10,000 rows) or formula. */
export function everyRead(f: LedgerFixture, seeded: SeededLedger): Array<[string, () => Promise<unknown>]> {
  const worker = seeded.workers[Math.floor(seeded.workers.length / 2)] ?? seeded.workers[0];
  const listed = seeded.blacklist[0];
  const as = f.team.lead;
  return [
    ["Workers sync", () => f.run.sync("Workers", [f.ledger], as)],
    ["DecisionLog sync", () => f.run.sync("DecisionLog", [f.ledger], as)],
    ["DecisionLog sync of one worker", () => f.run.sync("DecisionLog", [f.ledger, worker?.workerId], as)],
    ["Blacklist sync", () => f.run.sync("Blacklist", [f.ledger], as)],
    ["Staff sync", () => f.run.sync("Staff", [f.ledger], as)],
    ["Disputes sync", () => f.run.sync("Disputes", [f.ledger], as)],
    ["Findings sync", () => f.run.sync("Findings", [f.ledger], as)],
    ["Queue sync", () => f.run.sync("Queue", [f.ledger], as)],
    ["Audits sync", () => f.run.sync("Audits", [f.ledger], as)],
    ["Trends sync", () => f.run.sync("Trends", [f.ledger], as)],
    ["Summary", () => f.run.formula("Summary", [f.ledger], as)],
    ["VerifyLedger", () => f.run.formula("VerifyLedger", [f.ledger], as)],
    [
      "ScreeningReport (every identifier)",
      () =>
        f.run.formula(
          "ScreeningReport",
          [f.ledger, listed?.name ?? worker?.name ?? "Ana", worker?.email ?? "a@example.org", worker?.phone ?? ""],
          f.team.specialist,
        ),
    ],
  ];
}

/** Runs every read as `f.run` is set up (its cap included), noting requests and answer sizes per read. */
export async function runEveryRead(
  f: LedgerFixture,
  seeded: SeededLedger,
  only?: (name: string) => boolean,
  /** Told each outcome as soon as it is known (the bench prints them as it goes). */
  progress?: (outcome: ReadOutcome) => void,
): Promise<ReadOutcome[]> {
  const outcomes: ReadOutcome[] = [];
  for (const [name, read] of everyRead(f, seeded)) {
    if (only && !only(name)) {
      continue;
    }
    const users = [f.team.lead, f.team.specialist].map((u) => f.run.connection(u).counters);
    const before = users.map((c) => ({requests: c.requests, refused: c.tooLarge ?? 0}));
    users.forEach((c) => (c.largestResponse = 0));
    let error: string | undefined;
    const firstExecution = f.run.executions.length;
    const firstVm = f.run.vmStats.length;
    const started = performance.now();
    try {
      await read();
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    const outcome: ReadOutcome = {
      name,
      error,
      ms: Math.round(performance.now() - started),
      requests: users.reduce((n, c, i) => n + c.requests - (before[i]?.requests ?? 0), 0),
      largest: Math.max(...users.map((c) => c.largestResponse ?? 0)),
      refused: users.reduce((n, c, i) => n + (c.tooLarge ?? 0) - (before[i]?.refused ?? 0), 0),
      executions: f.run.executions.length - firstExecution,
      slowestMs: 0,
      slowest: {from: 0, to: 0},
      heapBytes: Math.max(0, ...f.run.vmStats.slice(firstVm).map((v) => v.heapBytes)),
    };
    for (const e of f.run.executions.slice(firstExecution)) {
      if (e.ms >= outcome.slowestMs) {
        outcome.slowestMs = Math.round(e.ms);
        outcome.slowest = {from: e.from, to: e.to};
      }
    }
    outcomes.push(outcome);
    progress?.(outcome);
  }
  return outcomes;
}
