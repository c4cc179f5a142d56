import {strict as assert} from "node:assert";
import {chainEvents, eventHash, sealDigest, staffSubject} from "../../pack/core/chain";
import type {EventRecord} from "../../pack/core/records";
import type {ReceiptRow, SealRow, VerifyInput, VerifyResult} from "../../pack/core/verify";
import {LogVerifier, ReceiptBook, verifyLog} from "../../pack/core/verify";
import {buildLedgerRecords} from "../helpers/workforce-seed";
import {generateWorkforce} from "../helpers/workforce";
import {mulberry32} from "../../emulator/server";

const NOW = "2026-12-01T12:00:00.000Z";
const LEAD = "lena@team.example";
const LEAD2 = "omar@team.example";
const SPECIALIST = "sam@team.example";

function staffEvent(email: string, role: string, seconds: number): EventRecord {
  return {
    eventId: `E-staff-${email}`,
    time: new Date(Date.parse(NOW) - 86_400_000 * 400 + seconds * 1000).toISOString(),
    actor: LEAD,
    workerId: "",
    type: "StaffAdded",
    fromStatus: "",
    toStatus: role,
    reason: "",
    policyClause: "",
    evidence: "",
    details: `${email}: ${role}`,
    changes: {},
    seq: 0,
    requestKey: "",
    subject: staffSubject(email),
  };
}

/** A log as the pack writes it: the team first, then generated workers' decisions, each chained onto its subject, with receipts. */
function cleanLog(workers = 40): {
  events: Array<{row: number; record: EventRecord}>;
  receipts: Map<string, ReceiptRow[]>;
} {
  const created: EventRecord = {
    ...staffEvent(LEAD, "lead", 0),
    eventId: "E-created",
    type: "LedgerCreated",
    subject: "ledger",
  };
  const team = [created, staffEvent(LEAD2, "lead", 1), staffEvent(SPECIALIST, "specialist", 2)];
  const seeded = buildLedgerRecords(generateWorkforce({count: workers, now: NOW, seed: 5}), {
    specialists: [SPECIALIST],
    leads: [LEAD, LEAD2],
  });
  const heads = new Map<string, string>();
  const events = [...team, ...seeded.events].map((record, i) => {
    const subject = record.subject ?? record.workerId;
    heads.set(subject, chainEvents([record], subject, heads.get(subject) ?? ""));
    return {row: i + 2, record};
  });
  const receipts = new Map<string, ReceiptRow[]>();
  for (const {record} of events) {
    const mine = receipts.get(record.actor) ?? [];
    mine.push({row: mine.length + 2, eventId: record.eventId, hash: record.hash ?? ""});
    receipts.set(record.actor, mine);
  }
  return {events, receipts};
}

/** The same verification fed in parts of random sizes, receipts too, as VerifyLedger streams them. */
function inParts(input: VerifyInput, seed: number): VerifyResult {
  const random = mulberry32(seed);
  const book = new ReceiptBook();
  for (const [actor, rows] of input.receipts) {
    for (let at = 0; at < rows.length;) {
      const size = 1 + Math.floor(random() * 7);
      book.add(actor, rows.slice(at, at + size));
      at += size;
    }
  }
  const verifier = new LogVerifier(book, input.seals);
  for (let at = 0; at < input.events.length;) {
    const size = 1 + Math.floor(random() * 30);
    verifier.add(input.events.slice(at, at + size));
    at += size;
  }
  return verifier.finish();
}

/** Verifies whole and in parts (several ways), asserts they agree, and returns the problems as [rule, row]. */
function verified(input: VerifyInput): Array<[string, number]> {
  const whole = verifyLog(input);
  for (const seed of [1, 2, 3]) {
    assert.deepEqual(inParts(input, seed), whole, `parts (seed ${seed}) disagree with the whole log`);
  }
  return whole.problems.map((p) => [p.rule, p.row]);
}

function rowOf(events: Array<{row: number; record: EventRecord}>, pick: (e: EventRecord) => boolean, nth = 0) {
  const found = events.filter((e) => pick(e.record))[nth];
  assert.ok(found, "the generated log has such an event");
  return found;
}

describe("core/verify: the log checked part by part agrees with the log checked whole", () => {
  it("a log written only by the pack has no problems, and counts every event", () => {
    const {events, receipts} = cleanLog();
    assert.deepEqual(verified({events, receipts, seals: []}), []);
    assert.equal(verifyLog({events, receipts, seals: []}).eventsChecked, events.length);
  });

  it("an edited cell shows as edited-event at its row", () => {
    const {events, receipts} = cleanLog();
    const target = rowOf(events, (e) => Boolean(e.workerId), 10);
    target.record = {...target.record, reason: "changed by hand"};
    assert.deepEqual(verified({events, receipts, seals: []}), [["edited-event", target.row]]);
  });

  it("an event rewritten with its hash recomputed breaks its receipt and the chain of the subject's next event", () => {
    const {events, receipts} = cleanLog();
    const target = rowOf(events, (e) => e.type === "VettingStarted");
    const next = events.find((e) => e.row > target.row && e.record.subject === target.record.subject);
    assert.ok(next);
    const forged = {...target.record, reason: "rewritten"};
    forged.hash = eventHash(forged);
    target.record = forged;
    assert.deepEqual(verified({events, receipts, seals: []}), [
      ["receipt-mismatch", target.row],
      ["broken-chain", next.row],
    ]);
  });

  it("a deleted event leaves its receipt without an event and the subject's chain broken", () => {
    const {events, receipts} = cleanLog();
    const later = (e: EventRecord) =>
      events.some((x) => x.record.subject === e.subject && Date.parse(x.record.time) > Date.parse(e.time));
    const target = rowOf(events, (e) => e.type === "VettingStarted" && later(e), 3);
    const next = events.find((e) => e.row > target.row && e.record.subject === target.record.subject);
    assert.ok(next, "the worker has a later decision");
    const receipt = receipts.get(target.record.actor)?.find((r) => r.eventId === target.record.eventId);
    assert.ok(receipt);
    const kept = events.filter((e) => e !== target);
    // The worker's next decision also no longer follows the rules (it came after the deleted one).
    assert.deepEqual(
      verified({events: kept, receipts, seals: []}),
      [
        ["deleted-event", receipt.row],
        ["broken-chain", next.row],
        ["replay", next.row],
      ].sort((x, y) => (x[1] as number) - (y[1] as number) || String(x[0]).localeCompare(String(y[0]))),
    );
  });

  it("an event forged in a lead's name without their receipt shows as no-receipt", () => {
    const {events, receipts} = cleanLog();
    const last = events.at(-1);
    assert.ok(last);
    const forged: EventRecord = {...staffEvent(SPECIALIST, "lead", 99), eventId: "E-forged", type: "StaffRoleChanged"};
    chainEvents(
      [forged],
      forged.subject ?? "",
      events.find((e) => e.record.subject === forged.subject)?.record.hash ?? "",
    );
    const row = last.row + 1;
    const problems = verified({events: [...events, {row, record: forged}], receipts, seals: []});
    assert.ok(problems.some(([rule, r]) => rule === "no-receipt" && r === row));
  });

  it("checks seals as rows stream past them, blank rows included, and does not hang on a seal far past the log", () => {
    const {events, receipts} = cleanLog();
    const hashOf = (row: number) => events.find((e) => e.row === row)?.record.hash ?? "";
    const rows = (from: number, to: number) => Array.from({length: to - from + 1}, (_, i) => hashOf(from + i));
    const first = sealDigest("", rows(2, 20));
    const second = sealDigest(first, rows(21, 60));
    const seals: SealRow[] = [
      {row: 2, sealedThrough: 20, digest: first, sealedAt: NOW, sealedBy: LEAD, note: ""},
      {row: 3, sealedThrough: 60, digest: second, sealedAt: NOW, sealedBy: LEAD2, note: ""},
    ];
    assert.deepEqual(verified({events, receipts, seals}), []);
    assert.equal(verifyLog({events, receipts, seals}).sealedThrough, 60);
    // A sealed row deleted (its row left blank): the second seal no longer matches, and the chain breaks.
    const gone = events.find((e) => e.row === 40);
    const withoutRow = events.filter((e) => e.row !== 40);
    const problems = verified({events: withoutRow, receipts, seals});
    assert.ok(
      problems.some(([rule, row]) => rule === "seal-mismatch" && row === 3),
      JSON.stringify(problems),
    );
    assert.ok(!problems.some(([rule, row]) => rule === "seal-mismatch" && row === 2));
    assert.ok(gone);
    // A seal claiming ten million rows more than the log holds is a mismatch, found at once.
    const far: SealRow = {row: 4, sealedThrough: 10_000_000, digest: second, sealedAt: NOW, sealedBy: LEAD, note: ""};
    const started = Date.now();
    assert.deepEqual(
      verified({events, receipts, seals: [...seals, far]}).filter(([rule]) => rule === "seal-mismatch"),
      [["seal-mismatch", 4]],
    );
    assert.ok(Date.now() - started < 5_000);
  });

  it("refuses events given out of order (a programming error, not a problem in the log)", () => {
    const {events, receipts} = cleanLog(5);
    const verifier = new LogVerifier(new ReceiptBook(), []);
    verifier.add(events.slice(3, 5));
    assert.throws(() => verifier.add(events.slice(0, 1)), /given after row/);
    assert.ok(receipts.size);
  });
});
