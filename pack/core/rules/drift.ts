// Ledger drift: a Workers row that disagrees with the decision log.
import type {EventRecord, WorkerRecord} from "../records";
import {emptyWorker} from "../records";
import type {LogDigest, Rule} from "./types";
import type {W} from "./make";
import {make, ok, person, rowOf, unique} from "./make";

/** Fields a decision can set: everything but the id and the lock and request bookkeeping. */
const COMPARED = Object.keys(emptyWorker("")).filter((k) => !["workerId", "lock", "recent"].includes(k)) as Array<
  keyof WorkerRecord & string
>;

/** JSON with sorted keys, no undefined, and "" for empty values: equal values compare equal however built. */
export function canonical(value: unknown): string {
  if (value === undefined || value === null || (Array.isArray(value) && !value.length)) {
    return "";
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(",")}]`;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${k}:${JSON.stringify(canonical(v))}`)
      .join(",")}}`;
  }
  return typeof value === "string" ? value : JSON.stringify(value);
}

const shown = (v: unknown) => {
  const t = canonical(v);
  return t ? `"${t.length > 60 ? `${t.slice(0, 57)}…` : t}"` : "empty";
};

/**
 * Each worker's decisions in brief, from log rows in log order, with foldWorker's sequence
 * checks. Events with sequence 0 do not touch a worker.
 */
export function digestLog(
  events: Iterable<Pick<EventRecord, "eventId" | "workerId" | "seq" | "toStatus"> & {time?: string}>,
): Map<string, LogDigest> {
  const out = new Map<string, LogDigest>();
  for (const e of events) {
    if (!e.workerId || !(e.seq > 0)) {
      continue;
    }
    const d = out.get(e.workerId) ?? {
      workerId: e.workerId,
      maxSeq: 0,
      lastEventId: "",
      lastStatus: "",
      lastTime: "",
      problems: [],
    };
    out.set(e.workerId, d);
    if (e.seq !== d.maxSeq + 1) {
      d.problems.push(`${e.eventId} has sequence ${e.seq} where ${d.maxSeq + 1} was expected`);
      if (e.seq <= d.maxSeq) {
        continue;
      }
    }
    Object.assign(d, {
      maxSeq: e.seq,
      lastEventId: e.eventId,
      lastStatus: e.toStatus || d.lastStatus,
      lastTime: e.time ?? "",
    });
  }
  return out;
}

/**
 * A Workers row that disagrees with its decisions, a worker in the log without a row, or a row
 * without decisions. With the whole log (`fold`) every decision-set field is compared; with
 * digests (a large log) the status, version and last decision. First seen: the time of the
 * worker's last decision (the row disagrees since at least then); with digests read without
 * times, the row's UpdatedAt, which a correct row shares with its last decision.
 */
export const ledgerDrift: Rule = {
  id: "ledger-drift",
  severity: "Warning",
  advice:
    "Find who edited the row (the sheet's version history); restore it from the log or record the change as a decision.",
  check(input) {
    const log = input.log;
    if (!log || !input.workers) {
      return [];
    }
    const latestOf = new Map<
      string,
      {lastId: string; time: string; name: string; problems: string[]; diffs(r: W): string[]}
    >();
    if (log.kind === "fold") {
      for (const [id, fold] of log.folds) {
        const f = fold.worker;
        if (f) {
          latestOf.set(id, {
            lastId: f.lastEventId,
            time: f.updatedAt,
            name: f.name,
            problems: fold.problems,
            diffs: (r) =>
              COMPARED.filter((k) => ok(r, k) && canonical(r.record[k]) !== canonical(f[k])).map(
                (k) => `${k} is ${shown(r.record[k])} on the row but ${shown(f[k])} in the log`,
              ),
          });
        }
      }
    } else {
      for (const [id, d] of log.digests) {
        latestOf.set(id, {
          lastId: d.lastEventId,
          time: d.lastTime,
          name: "",
          problems: d.problems,
          diffs: (r) =>
            [
              ok(r, "status") && d.lastStatus && r.record.status !== d.lastStatus
                ? `status is "${r.record.status}" on the row but the last decision leaves "${d.lastStatus}"`
                : "",
              ok(r, "version") && r.record.version !== d.maxSeq
                ? `version is ${r.record.version} on the row but the last decision has sequence ${d.maxSeq}`
                : "",
              r.record.lastEventId !== d.lastEventId
                ? `lastEventId is ${shown(r.record.lastEventId)} on the row but the last decision is ${d.lastEventId}`
                : "",
            ].filter(Boolean),
        });
      }
    }
    const rows = unique(input.workers);
    const out = rows.flatMap((r) => {
      const l = latestOf.get(r.record.workerId);
      const diffs = l
        ? [...l.diffs(r), ...l.problems.slice(0, 3).map((p) => `the log has a gap or repeat: ${p}`)]
        : [`no decision about ${r.record.workerId} is in the log (row added or renamed by hand)`];
      if (!diffs.length) {
        return [];
      }
      return [
        make(ledgerDrift, [r.record.workerId], {
          title: `${r.record.workerId}'s Workers row disagrees with the decision log`,
          workers: [person(r.record)],
          firstSeen: (l && l.time) || r.record.updatedAt,
          explanation: `Workers row ${r.row} (${r.record.workerId}): ${diffs.slice(0, 5).join("; ")}${diffs.length > 5 ? `; and ${diffs.length - 5} more` : ""}.`,
          evidence: [rowOf(r), ...(l ? [`Decision ${l.lastId} (the last about ${r.record.workerId})`] : [])],
        }),
      ];
    });
    const present = new Set(rows.map((r) => r.record.workerId));
    for (const [id, l] of latestOf) {
      if (!present.has(id)) {
        out.push(
          make(ledgerDrift, [id], {
            title: `${id} is in the decision log but has no Workers row`,
            workers: [{workerId: id, name: l.name || id}],
            firstSeen: l.time,
            explanation: `The log holds decisions about ${id} (the last is ${l.lastId}) but no Workers row has that id: it was deleted or renamed by hand.`,
            evidence: [`Decision ${l.lastId}`],
          }),
        );
      }
    }
    return out;
  },
};
