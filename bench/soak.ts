// The soak from the reliability issue: 2,000 mixed actions from 5 simulated specialists at once,
// with 20% of Google requests failing (429, 5xx, and connections dropped before or after the
// request was applied). Then it proves nothing was lost or doubled.
import {planRepair} from "../pack/core/repair";
import {pack} from "../pack/pack";
import type {EventRecord, WorkerRecord} from "../pack/core/records";
import {requestKey} from "../pack/ledger/store/ids";
import {dateParam} from "../pack/coda/params";
import type {CellValue} from "../pack/google/sheets";
import {EVENTS, WORKERS} from "../pack/ledger/store/layout";
import {mapHeader, parseRows} from "../pack/ledger/store/rows";
import {mulberry32} from "../emulator/server";
import type {User} from "../emulator/state";
import {grantGmail, outbox, read} from "../test/helpers/gmail";
import type {Figure} from "./figures";
import {bigLedger} from "./ledger";
import type {BigLedger} from "./ledger";

export const SOAK_ACTIONS = 2_000;
const SPECIALISTS = 5;
/** Share of Google requests that fail: 5% 429, 5% 500, 5% 503, 2.5% dropped before, 2.5% dropped after applying. */
export const SOAK_FAULTS = {
  errorRates: {429: 0.05, 500: 0.05, 503: 0.05},
  dropBeforeRate: 0.025,
  dropAfterRate: 0.025,
  retryAfterSeconds: 0,
  latencyMs: [1, 15] as [number, number],
  seed: 77,
};

type Call = {action: string; params: unknown[]; requestId: string};

export interface SoakOutcome {
  attempted: number;
  acknowledged: number;
  refused: number;
  /** Refusals by the rule they named, most frequent first. */
  refusedBy: Array<[string, number]>;
  failedClearly: number;
  /** Acknowledged, yet no event in the log. Must be 0. */
  lost: number;
  /** Problems VerifyLedger reports on the log the soak left, and by rule. */
  verifyProblems: number;
  verifyRules: Array<[string, number]>;
  /** Events VerifyLedger checked (the seeded history and the soak's). */
  eventsChecked: number;
  /** VerifyLedger's Warnings (second-account approvals), which do not make the log unverified. */
  verifyWarnings: number;
  /** Events the soak wrote, and those of them without exactly one receipt from their actor. Must be 0. */
  soakEvents: number;
  unreceipted: number;
  /** Bytes per soak event: the whole Events row, its Subject/PrevHash/Hash cells, and its receipt row. */
  eventBytes: number;
  chainBytes: number;
  receiptBytes: number;
  /** Google requests per acknowledged decision over the whole soak (retries and faults included). */
  requestsPerDecision: number;
  /** SealLog after the soak: its Google requests, the row it sealed through, and VerifyLedger's problems after it. */
  sealRequests: number;
  sealedThrough: number;
  problemsAfterSeal: number;
  /** More than one event for one request. Must be 0. */
  duplicated: number;
  /** Failed with a clear error, yet recorded (the user's retry would return it). */
  recordedDespiteError: number;
  /** Workers rows that disagree with the fold of their events. Must be 0. */
  drift: number;
  /** Notices sent through Gmail. */
  emails: number;
  /** Notice sends Gmail applied whose answer was lost (the pack could not know they went). */
  lostSendAnswers: number;
  /** Notices a worker received more than once (same notice: the pack's Message-ID, which Gmail replaced). Must be 0. */
  duplicateEmails: number;
  faultsInjected: number;
  internalErrors: string[];
  seconds: number;
}

/** How many of a lifecycle action's parameters after the worker go into its request key (formulas/lifecycle.ts). */
const STEP_PARAMS: Record<string, number> = {
  StartVetting: 1,
  ApproveWorker: 1,
  RejectApplicant: 2,
  SuspendWorker: 4,
  ReinstateWorker: 1,
  OffboardWorker: 1,
  ProposeBlacklist: 3,
  ApproveBlacklist: 1,
  DeclineBlacklist: 1,
};

/**
 * The request key the pack records for a soak call: the person, the action, every parameter and
 * the requestId (pack/ledger/store/ids.ts), with the parameters as the formulas pass them (dates
 * as the doc's calendar date; the soak's doc is in UTC). A mismatch here shows as "lost", never as
 * a silent pass.
 */
function keyOf(call: Call, email: string): string {
  const pad = (xs: unknown[], n: number) => Array.from({length: n}, (_, i) => xs[i]);
  if (call.action === "AddApplicant") {
    return requestKey(call.action, email, call.requestId, pad(call.params.slice(1), 6));
  }
  const [, workerId, ...rest] = call.params;
  const params = pad(rest, STEP_PARAMS[call.action] ?? rest.length).map((v) =>
    v instanceof Date ? dateParam(v, "UTC") : v,
  );
  return requestKey(call.action, email, call.requestId, [workerId, ...params]);
}

/** The next action a person takes, chosen mostly from what the doc last showed for a worker. */
function plan(random: () => number, f: BigLedger, shown: Map<string, string>, actorIndex: number, n: number): Call {
  const ids = [...shown.keys()];
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
  const id = pick(ids);
  const requestId = `soak-${actorIndex}-${n}`;
  const until = new Date(Date.now() + (3 + Math.floor(random() * 30)) * 86_400_000);
  if (random() < 0.06) {
    return {
      action: "AddApplicant",
      params: [
        f.ledger,
        `Soak Person ${actorIndex}-${n}`,
        `soak.${actorIndex}.${n}@example.org`,
        pick(["MX", "IN", "NG", "DE"]),
      ],
      requestId,
    };
  }
  const byStatus: Record<string, Array<[string, unknown[]]>> = {
    Applicant: [
      ["StartVetting", [f.ledger, id, "soak"]],
      ["RejectApplicant", [f.ledger, id, "Soak rejection"]],
    ],
    Vetting: [
      ["ApproveWorker", [f.ledger, id, "soak"]],
      ["RejectApplicant", [f.ledger, id, "Soak rejection"]],
    ],
    Active: [
      ["SuspendWorker", [f.ledger, id, `Soak suspension ${n}`, "CoC 4.2", until]],
      ["OffboardWorker", [f.ledger, id, "Soak offboarding"]],
      ["ProposeBlacklist", [f.ledger, id, `Soak proposal ${n}`, "CoC 1.3", "https://evidence.example/soak"]],
    ],
    Suspended: [
      ["ReinstateWorker", [f.ledger, id, "soak"]],
      ["ProposeBlacklist", [f.ledger, id, `Soak proposal ${n}`, "CoC 1.3", "https://evidence.example/soak"]],
    ],
  };
  const any: Array<[string, unknown[]]> = [
    ...Object.values(byStatus).flat(),
    ["ApproveBlacklist", [f.ledger, id, "soak"]],
    ["DeclineBlacklist", [f.ledger, id, "Soak decline"]],
  ];
  // Mostly what the row shows as possible; sometimes a stale or mistaken click.
  const likely = byStatus[shown.get(id) ?? ""] ?? [];
  const [action, params] = likely.length && random() < 0.75 ? pick(likely) : pick(any);
  return {action, params, requestId};
}

export async function soak(actions = SOAK_ACTIONS): Promise<SoakOutcome> {
  const f = await bigLedger(300);
  const started = Date.now();
  try {
    const people: User[] = [f.team.lead, f.team.lead2, f.team.specialist];
    for (let i = people.length; i < SPECIALISTS; i++) {
      const u = f.emu.state.addUser(`specialist${i}@tns.example`);
      f.emu.state.share(f.spreadsheetId, u.email, "writer");
      await f.run.formula("AddStaff", [f.ledger, u.email, "specialist"], f.team.lead);
      people.push(u);
    }
    // Everyone has allowed the pack's Gmail scopes, so adverse decisions send notices.
    grantGmail(...people);
    const eventsBefore = sheetRowsOf(f, "Events").length;
    const logBefore = f.emu.log.length;
    f.emu.setFaults(SOAK_FAULTS);
    const outcomes: Array<{
      call: Call;
      user: User;
      result: "ack" | "refused" | "failed" | "internal";
      message: string;
    }> = [];
    const perPerson = Math.ceil(actions / SPECIALISTS);
    // What the doc's synced Workers table shows each person: updated by what their actions return.
    const shown = new Map(f.seeded.workers.map((w) => [w.workerId, w.status as string]));
    await Promise.all(
      people.map(async (user, p) => {
        const random = mulberry32(1000 + p);
        for (let n = 0; n < perPerson && p * perPerson + n < actions; n++) {
          const call = plan(random, f, shown, p, n);
          let result: "ack" | "refused" | "failed" | "internal" = "ack";
          let message = "";
          // A person whose click failed on a Google problem clicks once more: same requestId.
          for (let attempt = 1; attempt <= 2; attempt++) {
            try {
              const padding = padTo(call);
              const row = await f.run.formula<{WorkerId?: string; Status?: string}>(
                call.action,
                [...call.params, ...padding, call.requestId],
                user,
              );
              if (row.WorkerId && row.Status) {
                shown.set(row.WorkerId, row.Status);
              }
              result = "ack";
              break;
            } catch (err) {
              const e = err as Error & {isUserVisible?: boolean};
              message = e.message;
              if (!e.isUserVisible) {
                result = "internal";
                break;
              }
              result =
                /\(rule: (?!concurrency)/.test(e.message) ||
                /^"|is not a|must|needs|is required|no worker/.test(e.message)
                  ? "refused"
                  : "failed";
              if (result === "refused") {
                break;
              }
            }
          }
          outcomes.push({call, user, result, message});
        }
      }),
    );
    f.emu.setFaults({});
    const soakRequests = f.emu.log.length - logBefore;
    // ---- Prove it against the ledger as it is now.
    const sheetRows = (title: string) => sheetRowsOf(f, title);
    const eventRows = sheetRows("Events");
    const events = parseRows(mapHeader(EVENTS, eventRows[0]), eventRows.slice(1), 2).map(
      (r) => r.record as EventRecord,
    );
    const byKey = new Map<string, number>();
    for (const e of events) {
      if (e.requestKey) {
        byKey.set(e.requestKey, (byKey.get(e.requestKey) ?? 0) + 1);
      }
    }
    let lost = 0;
    let duplicated = 0;
    let recordedDespiteError = 0;
    for (const o of outcomes) {
      const n = byKey.get(keyOf(o.call, o.user.email)) ?? 0;
      if (n > 1) {
        duplicated++;
      }
      if (o.result === "ack" && n === 0 && !wasNoOp(o.call)) {
        lost++;
      }
      if (o.result !== "ack" && n === 1) {
        recordedDespiteError += o.result === "failed" ? 1 : 0;
      }
    }
    const workerRows = sheetRows("Workers");
    const workers = parseRows(mapHeader(WORKERS, workerRows[0]), workerRows.slice(1), 2);
    const drift = planRepair(
      events,
      workers.map((w) => ({row: w.row, record: w.record as WorkerRecord, invalid: w.invalid})),
      new Map(),
    );
    // Gmail replaces the Message-ID of API-sent mail (the emulator does too, keeping the pack's own
    // in X-Google-Original-Message-ID): the pack's id, one per event and notice kind, says which notice it is.
    const sent = outbox(f).map((m) => {
      const mail = read(m.mime);
      return `${mail.header("To")} ${mail.header("X-Google-Original-Message-ID") || m.id}`;
    });
    const emailCounts = new Map<string, number>();
    for (const key of sent) {
      emailCounts.set(key, (emailCounts.get(key) ?? 0) + 1);
    }
    // The log the soak left verifies: every event hashed, chained and receipted, every rule kept.
    f.emu.setFaults({});
    type Check = {Problems: Array<{Rule: string}>; Warnings: unknown[]; EventsChecked: number};
    const check = await f.run.formula<Check>("VerifyLedger", [f.ledger], f.team.lead);
    // What the chain and the receipts cost, per event the soak wrote: bytes in the ledger (their
    // requests are measured without faults in the workers section: the receipt and hash add none).
    const header = (eventRows[0] ?? []) as string[];
    const bytes = (cells: readonly unknown[]) => cells.reduce<number>((n, v) => n + String(v ?? "").length, 0);
    const chainCells = ["Subject", "PrevHash", "Hash"].map((h) => header.indexOf(h));
    const written = eventRows.slice(eventsBefore);
    const receipts = new Map<string, {actor: string; bytes: number}[]>();
    for (const sheet of f.emu.state.spreadsheets.get(f.spreadsheetId)?.sheets ?? []) {
      if (sheet.properties.title.startsWith("Receipts ")) {
        const actor = sheet.properties.title.slice("Receipts ".length);
        for (const r of sheet.rows.slice(1)) {
          const id = String(r?.[0] ?? "");
          receipts.set(id, [...(receipts.get(id) ?? []), {actor, bytes: bytes(r ?? [])}]);
        }
      }
    }
    const idAt = header.indexOf("EventId");
    const actorAt = header.indexOf("Actor");
    const receiptsOf = (r: readonly unknown[]) => receipts.get(String(r[idAt])) ?? [];
    const unreceipted = written.filter(
      (r) => receiptsOf(r).length !== 1 || receiptsOf(r)[0]?.actor !== String(r[actorAt]).toLowerCase(),
    ).length;
    const perEvent = (f: (r: readonly unknown[]) => number) =>
      written.length ? Math.round(written.reduce((n, r) => n + f(r), 0) / written.length) : 0;
    // A lead seals what the soak left; the seal verifies.
    const lead = f.run.connection(f.team.lead);
    const sealFrom = lead.counters.requests;
    const seal = await f.run.formula<{SealedThrough: number}>("SealLog", [f.ledger], f.team.lead);
    const sealRequests = lead.counters.requests - sealFrom;
    const sealed = await f.run.formula<Check>("VerifyLedger", [f.ledger], f.team.lead);
    const acknowledged = outcomes.filter((o) => o.result === "ack").length;
    return {
      verifyProblems: check.Problems.length,
      verifyRules: countBy(check.Problems.map((p) => p.Rule)),
      eventsChecked: check.EventsChecked,
      verifyWarnings: check.Warnings.length,
      soakEvents: written.length,
      unreceipted,
      eventBytes: perEvent((r) => bytes(r)),
      chainBytes: perEvent((r) => bytes(chainCells.map((i) => r[i]))),
      receiptBytes: perEvent((r) => receiptsOf(r).reduce((n, x) => n + x.bytes, 0)),
      requestsPerDecision: acknowledged ? Math.round((soakRequests / acknowledged) * 10) / 10 : 0,
      sealRequests,
      sealedThrough: seal.SealedThrough,
      problemsAfterSeal: sealed.Problems.length,
      emails: sent.length,
      lostSendAnswers: f.emu.log.filter((l) => l.fault === "drop-after" && l.path.endsWith("/drafts/send")).length,
      duplicateEmails: [...emailCounts.values()].filter((n) => n > 1).length,
      attempted: outcomes.length,
      acknowledged,
      refused: outcomes.filter((o) => o.result === "refused").length,
      refusedBy: countBy(
        outcomes
          .filter((o) => o.result === "refused")
          .map((o) => /\(rule: ([^)]+)\)/.exec(o.message)?.[1] ?? "bad input"),
      ),
      failedClearly: outcomes.filter((o) => o.result === "failed").length,
      lost,
      duplicated,
      recordedDespiteError,
      drift: drift.fixes.length + drift.missing.length + drift.unsafe.length,
      faultsInjected: f.emu.log.filter((l) => l.fault).length,
      internalErrors: outcomes.filter((o) => o.result === "internal").map((o) => `${o.call.action}: ${o.message}`),
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await f.close();
  }
}

/** A tab's cells as the emulator holds them, header first, blanks as "". */
function sheetRowsOf(f: BigLedger, title: string): CellValue[][] {
  const book = f.emu.state.spreadsheets.get(f.spreadsheetId);
  return (book?.sheets.find((s) => s.properties.title === title)?.rows ?? []).map((r) =>
    (r ?? []).map((v) => (v === undefined || v === null ? "" : (v as CellValue))),
  );
}

function countBy(keys: string[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const k of keys) {
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]);
}

/** Pads an action's parameters with undefined up to its requestId, wherever the pack puts it. */
function padTo(call: Call): unknown[] {
  const formula = pack.formulas.find((f) => f.name === call.action);
  const slot = formula?.parameters.findIndex((p) => p.name === "requestId") ?? -1;
  if (slot < call.params.length) {
    throw new Error(`${call.action} has no requestId after its ${call.params.length} parameters`);
  }
  return Array.from({length: slot - call.params.length}, () => undefined);
}

/** AddStaff of a role someone already has, and similar calls, are acknowledged without an event. */
function wasNoOp(call: Call): boolean {
  return call.action === "AddStaff";
}

/** `SOAK_ACTIONS=200 npm run bench -- soak` runs a shorter soak (the figures say how many actions). */
export async function bench(): Promise<Figure[]> {
  const o = await soak(Number(process.env.SOAK_ACTIONS) || SOAK_ACTIONS);
  const section = `Soak: ${o.attempted.toLocaleString("en")} actions, ${SPECIALISTS} people at once, 20% injected faults`;
  if (o.internalErrors.length) {
    throw new Error(`internal errors escaped: ${o.internalErrors.slice(0, 5).join(" | ")}`);
  }
  return [
    {section, name: "Attempted", value: o.attempted, unit: "actions"},
    {section, name: "Acknowledged", value: o.acknowledged, unit: "actions"},
    {
      section,
      name: "Refused by a rule (e.g. the state no longer allows it)",
      value: o.refused,
      unit: "actions",
      note: `by rule: ${o.refusedBy.map(([rule, n]) => `${rule} ${n}`).join(", ")}; a quarter of clicks are deliberately stale or mistaken, and workers who reach a final status refuse everything after`,
    },
    {
      section,
      name: "Failed with a clear error after one retry",
      value: o.failedClearly,
      unit: "actions",
      note: `${o.recordedDespiteError} of these were recorded before the error (a further retry returns them)`,
    },
    {section, name: "Lost (acknowledged, no event)", value: o.lost, unit: "actions", target: {op: "<=", value: 0}},
    {
      section,
      name: "VerifyLedger problems on the log the soak left",
      value: o.verifyProblems,
      unit: "problems",
      target: {op: "<=", value: 0},
      note: o.verifyRules.length
        ? `by rule: ${o.verifyRules.map(([r, n]) => `${r} ${n}`).join(", ")}`
        : "hashes, receipts, chains and a replay of every rule: all hold",
    },
    {
      section,
      name: "Soak events without exactly one receipt from their actor",
      value: o.unreceipted,
      unit: "events",
      target: {op: "<=", value: 0},
      note: `${o.soakEvents.toLocaleString("en")} events written by the soak; VerifyLedger checked ${o.eventsChecked.toLocaleString("en")} and listed ${o.verifyWarnings} second-account warnings (approvals by a lead whom the proposer made lead: a pattern to check, not a problem)`,
    },
    {
      section,
      name: "Bytes the hash chain and the receipt add per decision",
      value: o.chainBytes + o.receiptBytes,
      unit: "bytes",
      note: `Subject, PrevHash and Hash ${o.chainBytes} B in the Events row (of ${o.eventBytes} B) and the receipt row ${o.receiptBytes} B; Google requests they add: none (see the lifecycle actions' "receipt and hash add" figures)`,
    },
    {
      section,
      name: "Google requests per acknowledged decision, faults and retries included",
      value: o.requestsPerDecision,
      unit: "requests",
      note: "every request of the soak, refused and failed clicks included, over the decisions acknowledged",
    },
    {
      section,
      name: "SealLog after the soak: Google requests",
      value: o.sealRequests,
      unit: "requests",
      note: `sealed Events rows 2–${o.sealedThrough.toLocaleString("en")}; VerifyLedger after the seal: ${o.problemsAfterSeal} problems`,
    },
    {
      section,
      name: "VerifyLedger problems after SealLog",
      value: o.problemsAfterSeal,
      unit: "problems",
      target: {op: "<=", value: 0},
    },
    {
      section,
      name: "Duplicated (more than one event for one request)",
      value: o.duplicated,
      unit: "actions",
      target: {op: "<=", value: 0},
    },
    {
      section,
      name: "Workers rows differing from the fold of Events",
      value: o.drift,
      unit: "rows",
      target: {op: "<=", value: 0},
    },
    {
      section,
      name: "Notices sent",
      value: o.emails,
      unit: "emails",
      note: `${o.lostSendAnswers} sent with Gmail's answer lost; Gmail replaces every Message-ID, as on real Gmail`,
    },
    {
      section,
      name: "Workers who got the same notice twice",
      value: o.duplicateEmails,
      unit: "emails",
      target: {op: "<=", value: 0},
    },
    {
      section,
      name: "Faults injected",
      value: o.faultsInjected,
      unit: "requests",
      note: `the whole soak took ${Math.round(o.seconds)} s`,
    },
  ];
}

if (require.main === module) {
  void soak(Number(process.argv[2] ?? 200)).then((o) => console.log(o));
}
