import {strict as assert} from "node:assert";
import {LISTED, staffIntegrityFindings} from "../../pack/core/trust-rules";
import type {EventRecord} from "../../pack/core/records";
import type {StaffSignal} from "../../pack/core/verify";

const NOW = "2026-12-01T12:00:00.000Z";

function approval(row: number): StaffSignal {
  const event: EventRecord = {
    eventId: `E-${row}`,
    time: NOW,
    actor: "second@lead.example",
    workerId: `W-${row}`,
    type: "WorkerBlacklisted",
    fromStatus: "Suspended",
    toStatus: "Blacklisted",
    reason: "",
    policyClause: "",
    evidence: "",
    details: "",
    changes: {},
    seq: 3,
    requestKey: "",
  };
  return {
    row,
    kind: "second-account",
    explanation: `Events row ${row}: second@lead.example approved the blacklisting of W-${row} proposed by first@lead.example.`,
    event,
  };
}

describe("core/trust-rules", () => {
  it("a second-account finding spells out the first approvals and counts the rest, so it stays small on a large log", () => {
    const signals = Array.from({length: LISTED + 15}, (_, i) => approval(100 + i));
    const [finding, ...others] = staffIntegrityFindings({now: NOW, staff: [], roles: new Map(), signals});
    assert.equal(others.length, 0);
    assert.equal(finding?.severity, "Warning");
    assert.equal(finding?.evidence.length, LISTED + 1);
    assert.match(finding?.explanation ?? "", /And 15 more approvals of the same kind, the last at Events row 124\.$/);
    assert.ok(finding?.explanation.includes("W-109") && !finding.explanation.includes("W-110 "));
    assert.equal(finding?.evidence.at(-1), "15 more: VerifyLedger's Warnings list each");
  });

  it("a second-account finding with few approvals lists every one, with no count", () => {
    const [finding] = staffIntegrityFindings({
      now: NOW,
      staff: [],
      roles: new Map(),
      signals: [approval(7), approval(9)],
    });
    assert.deepEqual(finding?.evidence, ["Events row 7: E-7", "Events row 9: E-9"]);
    assert.doesNotMatch(finding?.explanation ?? "", /more approvals/);
  });
});
