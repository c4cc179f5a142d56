import {expect} from "chai";
import type {LedgerFixture} from "./harness/fixture";
import {daysFromNow, expectUserError, setupLedger, tabRecords} from "./harness/fixture";

type Worker = Record<string, unknown> & {WorkerId: string; Status: string};

describe("lifecycle actions against the emulator", function () {
  let f: LedgerFixture;
  beforeEach(async () => {
    f = await setupLedger();
  });
  afterEach(async () => f.close());

  const add = (name = "Ana Pérez", email = "ana.perez@gmail.com") =>
    f.run.formula<Worker>("AddApplicant", [f.ledger, name, email, "MX", "55 1234 5678", "America/Mexico_City", "Referral"], f.team.specialist);

  it("walks a worker from applicant to reinstated, one event per step", async () => {
    const w = await add();
    expect(w.WorkerId).to.equal("W-000001");
    await f.run.formula("StartVetting", [f.ledger, w.WorkerId], f.team.specialist);
    await f.run.formula("ApproveWorker", [f.ledger, w.WorkerId], f.team.specialist);
    const suspended = await f.run.formula<Worker>("SuspendWorker", [f.ledger, w.WorkerId, "Copied answers on 2 Nov", "CoC 4.2", daysFromNow(14)], f.team.specialist);
    expect(suspended.Status).to.equal("Suspended");
    const back = await f.run.formula<Worker>("ReinstateWorker", [f.ledger, w.WorkerId, "served"], f.team.specialist);
    expect(back.Status).to.equal("Active");
    const types = tabRecords(f, "Events").filter((e) => e.WorkerId === w.WorkerId).map((e) => e.Type);
    expect(types).to.deep.equal(["ApplicantAdded", "VettingStarted", "Approved", "Suspended", "Reinstated"]);
  });

  it("refuses a second worker with the same canonical email and names the first", async () => {
    await add("Ana Pérez", "ana.perez@gmail.com");
    await expectUserError(add("Ana Perez", "Ana.Perez+jobs@googlemail.com"), /already in the ledger as W-000001/);
  });
});
