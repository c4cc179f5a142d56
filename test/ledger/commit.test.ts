import {expect} from "chai";
import {DomainError, isDomainError} from "../../pack/core/errors";
import {emptyWorker} from "../../pack/core/records";
import {
  busy,
  CommitConflict,
  LockMissing,
  newEvent,
  requireWorker,
  retryOnConflict,
} from "../../pack/ledger/store/commit";

function failureOf(run: () => unknown): unknown {
  try {
    run();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe("store/commit: the one retry, event and worker check", () => {
  it("decides again after a lost race, and refuses with the caller's busy error after the last attempt", async () => {
    const seen: number[] = [];
    const result = await retryOnConflict({busy: () => busy("W-000001")}, async ({number}) => {
      seen.push(number);
      if (number < 3) {
        throw number === 1 ? new CommitConflict("exists") : new LockMissing("gone");
      }
      return "recorded";
    });
    expect(result).to.equal("recorded");
    expect(seen).to.deep.equal([1, 2, 3]);

    let attempts = 0;
    let caught: unknown;
    try {
      await retryOnConflict({busy: () => busy("D-000002"), attempts: 2}, async () => {
        attempts++;
        throw new CommitConflict("exists");
      });
    } catch (err) {
      caught = err;
    }
    expect(attempts).to.equal(2);
    expect(isDomainError(caught) && caught.code).to.equal("BUSY");
    expect((caught as Error).message).to.match(/^D-000002 was changed by someone else .*\(rule: concurrency\)$/);
  });

  it("passes any other failure through at once", async () => {
    let attempts = 0;
    let caught: unknown;
    try {
      await retryOnConflict({busy: () => busy("x")}, async () => {
        attempts++;
        throw new DomainError("ROLE", "viewers cannot do this");
      });
    } catch (err) {
      caught = err;
    }
    expect(attempts).to.equal(1);
    expect(isDomainError(caught) && caught.code).to.equal("ROLE");
  });

  it("builds an event from what it says, with who and when from the session", () => {
    const event = newEvent(
      {now: "2026-01-05T10:00:00.000Z", actor: {email: "lead@example.com"}},
      {type: "StaffAdded", details: "a@example.com added as viewer", requestKey: "r:1"},
    );
    expect(event).to.deep.include({
      time: "2026-01-05T10:00:00.000Z",
      actor: "lead@example.com",
      workerId: "",
      type: "StaffAdded",
      reason: "",
      changes: {},
      seq: 0,
      requestKey: "r:1",
    });
    expect(event.eventId).to.match(/^E-/);
  });

  it("requires a worker row whose fields the action relies on can be read", () => {
    const row = {row: 7, record: emptyWorker("W-000001"), problems: ["Lock: unreadable"], invalid: new Set(["lock"])};
    expect((failureOf(() => requireWorker(undefined, "W-000009")) as DomainError).code).to.equal("WORKER_NOT_FOUND");
    expect((failureOf(() => requireWorker(row, "W-000001")) as DomainError).message).to.match(
      /^Sheet row 7 of the Workers tab \(W-000001\) cannot be trusted: Lock: unreadable\./,
    );
    // A dispute reads the worker without writing its row, so an unreadable lock does not stop it.
    expect(requireWorker(row, "W-000001", "reads")).to.equal(row);
  });
});
