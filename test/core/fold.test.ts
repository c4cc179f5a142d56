import {expect} from "chai";
import {
  applyEvent,
  foldAll,
  foldWorker,
  pushRecent,
  RECENT_REQUESTS_KEPT,
  workerLockId,
  workerPointerName,
} from "../../pack/core/fold";
import type {EventRecord} from "../../pack/core/records";
import {hmacHex, sha256Hex, utf8ToBytes} from "../../pack/core/hash";
import {createHash, createHmac} from "node:crypto";
import fc from "fast-check";

function ev(seq: number, changes: EventRecord["changes"], extra: Partial<EventRecord> = {}): EventRecord {
  return {
    eventId: `E-${seq}`,
    time: `2026-01-0${seq}T00:00:00.000Z`,
    actor: "sam@tns.example",
    workerId: "W-000001",
    type: "X",
    fromStatus: "",
    toStatus: "",
    reason: "",
    policyClause: "",
    evidence: "",
    details: "",
    changes,
    seq,
    requestKey: `r:${seq}`,
    ...extra,
  };
}

describe("fold: the Workers row is a projection of the log", () => {
  const log = [
    ev(1, {name: "Ana", email: "a@x.co", emailKey: "a@x.co", status: "Applicant"}),
    ev(2, {status: "Vetting"}),
    ev(3, {status: "Active", suspendedUntil: ""}),
  ];

  it("applies each event's changes in order and keeps the bookkeeping", () => {
    const {worker, problems} = foldWorker(log);
    expect(problems).to.deep.equal([]);
    expect(worker).to.deep.include({
      workerId: "W-000001",
      name: "Ana",
      status: "Active",
      version: 3,
      updatedAt: log[2]?.time,
      updatedBy: "sam@tns.example",
      lastEventId: "E-3",
    });
    expect(worker?.recent.map((r) => r.key)).to.deep.equal(["r:1", "r:2", "r:3"]);
    expect(worker?.lock).to.equal("tsw000001v3");
  });

  it("a worker's first lock is keyed by the email key, later ones by id and version", () => {
    expect(applyEvent(undefined, log[0] as EventRecord).lock).to.equal(workerLockId("W-000001", 1, "a@x.co"));
    expect(workerLockId("W-000001", 1, "a@x.co")).to.match(/^tse[0-9a-f]{24}$/);
    expect(workerLockId("W-000001", 1, "")).to.equal("tsw000001v1");
    expect(workerLockId("W-000001", 12, "a@x.co")).to.equal("tsw000001v12");
    expect(workerPointerName("W-000001")).to.equal("ts_W_000001");
  });

  it("reports gaps and repeats in the sequence instead of hiding them", () => {
    const gap = foldWorker([log[0] as EventRecord, log[2] as EventRecord]);
    expect(gap.problems).to.deep.equal(["E-3 has sequence 3 where 2 was expected."]);
    expect(gap.worker?.status).to.equal("Active");
    const repeat = foldWorker([...log, ev(2, {status: "Rejected"}, {eventId: "E-dup"})]);
    expect(repeat.problems).to.deep.equal(["E-dup has sequence 2 where 4 was expected."]);
    expect(repeat.worker?.status).to.equal("Active");
  });

  it("events that do not touch a worker (seq 0) are skipped", () => {
    expect(foldWorker([...log, ev(0, {status: "Rejected"})]).worker?.status).to.equal("Active");
    expect(foldAll([ev(0, {}, {workerId: ""}), ...log]).size).to.equal(1);
  });

  it("folds a mixed log worker by worker", () => {
    const other = log.map((e) => ({...e, workerId: "W-000002", eventId: `${e.eventId}b`}));
    const all = foldAll([log[0], other[0], log[1], other[1], other[2], log[2]] as EventRecord[]);
    expect([...all.keys()]).to.deep.equal(["W-000001", "W-000002"]);
    expect(all.get("W-000002")?.worker?.version).to.equal(3);
  });

  it("remembers the last 20 request keys, a repeat moving to the end", () => {
    let recent = pushRecent([], {key: "a", at: "t", eventId: "e"});
    for (let i = 0; i < 30; i++) {
      recent = pushRecent(recent, {key: `k${i}`, at: "t", eventId: "e"});
    }
    expect(recent).to.have.length(RECENT_REQUESTS_KEPT);
    expect(recent[0]?.key).to.equal("k10");
    recent = pushRecent(recent, {key: "k15", at: "t2", eventId: "e2"});
    expect(recent.map((r) => r.key).filter((k) => k === "k15")).to.have.length(1);
    expect(recent[recent.length - 1]).to.deep.equal({key: "k15", at: "t2", eventId: "e2"});
    expect(pushRecent(recent, {key: "", at: "t", eventId: "e"})).to.deep.equal(recent);
  });
});

describe("hashing without Node or TextEncoder", () => {
  it("encodes UTF-8 like Node for any string", () => {
    fc.assert(
      fc.property(fc.string({unit: "binary"}), (s) => Buffer.from(utf8ToBytes(s)).equals(Buffer.from(s, "utf8"))),
    );
  });

  it("matches Node's SHA-256 and HMAC-SHA256", () => {
    fc.assert(
      fc.property(fc.string({unit: "grapheme"}), fc.uint8Array({minLength: 16, maxLength: 64}), (text, key) => {
        const keyHex = Buffer.from(key).toString("hex");
        expect(sha256Hex(text)).to.equal(createHash("sha256").update(text, "utf8").digest("hex"));
        expect(hmacHex(keyHex, text)).to.equal(
          createHmac("sha256", Buffer.from(key)).update(text, "utf8").digest("hex"),
        );
      }),
    );
  });

  it("refuses a key too short to protect anything", () => {
    expect(() => hmacHex("abcd", "x")).to.throw(/at least 16 bytes/);
  });
});
