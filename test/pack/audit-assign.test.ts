// Issue 18, item 5: audits have an assignee, only the assignee or a lead records one, and an
// audit's outcome reaches the worker as feedback naming what to change, through SendNotice.
import {expect} from "chai";
import {expectUserError, setupLedger, tabRecords} from "../helpers/fixture";
import type {LedgerFixture} from "../helpers/fixture";
import {activeWorker, grantGmail, outbox, read} from "../helpers/gmail";
import type {User} from "../../emulator/state";
import {seedScheduledAudit} from "../helpers/worlds";
import {sheetOf} from "../helpers/ledger-rows";

type Obj = Record<string, unknown>;
const AUDIT = "A-ASSIGN0001";

describe("AssignAudit and who may record an audit", function () {
  let f: LedgerFixture;
  let worker: string;
  let sue: User;
  beforeEach(async () => {
    f = await setupLedger({timezone: "UTC"});
    sue = f.emu.state.addUser("sue.specialist@tns.example", {
      name: "Sue Specialist",
      scopes: [...f.team.specialist.scopes],
    });
    await f.run.formula("AddStaff", [f.ledger, sue.email, "specialist"], f.team.lead);
    worker = await activeWorker(f);
    seedScheduledAudit(f, AUDIT, worker);
  });
  afterEach(async () => f.close());

  const assign = (assignee: string, user: User = f.team.specialist, requestId?: string) =>
    f.run.formula<Obj>("AssignAudit", [f.ledger, AUDIT, assignee, requestId], user);
  const record = (user: User, outcome = "Passed", findings = "") =>
    f.run.formula<Obj>("RecordAudit", [f.ledger, AUDIT, outcome, findings], user);
  const events = (type: string) => tabRecords(f, "Events").filter((e) => e.Type === type);

  it('assigns to "me", returns the Audit, and logs AuditAssigned with its actor', async () => {
    const audit = await assign("me");
    expect(audit).to.include({AuditId: AUDIT, Status: "Scheduled", Assignee: f.team.specialist.email});
    expect(tabRecords(f, "Audits").find((a) => a.AuditId === AUDIT)?.Assignee).to.equal(f.team.specialist.email);
    const logged = events("AuditAssigned");
    expect(logged.map((e) => [e.Actor, e.WorkerId])).to.deep.equal([[f.team.specialist.email, worker]]);
    expect(String(logged[0]?.Details)).to.include(`assigned to ${f.team.specialist.email}`);
    // The same call again (same requestId) records nothing more; the same assignee again changes nothing.
    await assign("me", f.team.specialist, "r1");
    await assign(f.team.specialist.email.toUpperCase());
    expect(events("AuditAssigned")).to.have.length(1);
  });

  it("an insider specialist can neither record nor take an audit assigned to someone else; a lead can do both", async () => {
    await assign("me");
    const refused = await expectUserError(
      record(sue),
      /assigned to sam\.specialist@tns\.example.*rule: audit-assignee/,
    );
    expect(refused.message).to.match(/only they or a lead may record it/);
    await expectUserError(assign("me", sue), /only they or a lead may reassign it.*rule: audit-assignee/);
    expect(tabRecords(f, "Audits").find((a) => a.AuditId === AUDIT)).to.include({
      Status: "Scheduled",
      Assignee: f.team.specialist.email,
    });
    expect(events("AuditRecorded")).to.have.length(0);
    // The assignee hands it on; a lead takes it back and records it.
    expect(await assign(sue.email)).to.include({Assignee: sue.email});
    expect(await assign(f.team.specialist.email, f.team.lead)).to.include({Assignee: f.team.specialist.email});
    expect(await record(f.team.lead)).to.include({Status: "Passed", Auditor: f.team.lead.email});
    await expectUserError(assign("me"), /already Passed/);
  });

  it("the assignee must be a current specialist or lead; a viewer cannot assign", async () => {
    await expectUserError(assign("stranger@evil.example"), /not on this ledger's Staff tab.*rule: staff/);
    await expectUserError(assign(f.team.viewer.email), /is a viewer; audits can be assigned only/);
    await f.run.formula("RemoveStaff", [f.ledger, sue.email], f.team.lead);
    await expectUserError(assign(sue.email), /not on this ledger's Staff tab/);
    await expectUserError(assign("me", f.team.viewer), /role/i);
    await expectUserError(
      f.run.formula("AssignAudit", [f.ledger, "not-an-audit", "me"], f.team.specialist),
      /is not an audit id/,
    );
    expect(events("AuditAssigned")).to.have.length(0);
  });

  it("on a ledger made before the Assignee column, AssignAudit asks for UpgradeLedger and RecordAudit works as before", async () => {
    const header = sheetOf(f.emu.state, f.spreadsheetId, "Audits").rows[0] ?? [];
    header[header.indexOf("Assignee")] = "";
    await expectUserError(assign("me"), /no Assignee column yet.*UpgradeLedger/);
    seedScheduledAudit(f, "A-ASSIGN0009", worker);
    expect(await record(sue)).to.include({Status: "Passed", Auditor: sue.email});
    // UpgradeLedger adds the column; then the audit can be assigned.
    await f.run.formula("UpgradeLedger", [f.ledger], f.team.lead);
    expect(await f.run.formula<Obj>("AssignAudit", [f.ledger, "A-ASSIGN0009", "me"], f.team.specialist)).to.include({
      Assignee: f.team.specialist.email,
    });
  });

  it("an unassigned audit is recorded by any specialist, as before", async () => {
    expect(await record(sue)).to.include({Status: "Passed", Auditor: sue.email});
  });
});

describe("audit feedback: recorded, pending, then sent by SendNotice", function () {
  let f: LedgerFixture;
  let worker: string;
  let other: string;
  beforeEach(async () => {
    f = await setupLedger({timezone: "UTC"});
    grantGmail(f.team.lead, f.team.lead2, f.team.specialist);
    worker = await activeWorker(f);
    other = await activeWorker(f, "Bruno Díaz", "bruno.diaz@gmail.com");
    seedScheduledAudit(f, AUDIT, worker);
  });
  afterEach(async () => f.close());

  const pending = (id: string) => String(tabRecords(f, "Workers").find((w) => w.WorkerId === id)?.PendingActions ?? "");

  it("Concerns queue the AuditFeedback notice; SendNotice sends it once, naming what to change and only this worker's case", async () => {
    await f.run.formula("AssignAudit", [f.ledger, AUDIT, "me"], f.team.specialist);
    const audit = await f.run.formula<Obj>(
      "RecordAudit",
      [
        f.ledger,
        AUDIT,
        "Concerns",
        `Two answers copied from ${other} on 4 January; phone +52 55 1234 5678 in a task`,
        "",
        "",
        "Write each answer yourself and keep personal details out of tasks",
      ],
      f.team.specialist,
    );
    expect(audit).to.include({AuditId: AUDIT, Status: "Concerns"});
    expect(outbox(f)).to.have.length(0);
    expect(pending(worker)).to.include("AuditFeedback");
    expect(pending(other)).to.equal("");
    expect(
      tabRecords(f, "Events")
        .filter((e) => e.Type === "AuditFeedbackOwed")
        .map((e) => e.WorkerId),
    ).to.deep.equal([worker]);
    const queue = (await f.run.sync<Obj>("Queue", [f.ledger], f.team.specialist)).rows;
    const item = queue.find((i) => i.Kind === "Notice" && String(i.WorkItemId).includes(worker));
    expect(item?.Title).to.equal(`AuditFeedback notice to ${worker} not sent yet`);
    expect(item?.Action).to.equal(`SendNotice ${worker} AuditFeedback`);

    await f.run.formula("SendNotice", [f.ledger, worker, "AuditFeedback"], f.team.specialist);
    const mails = outbox(f).map((s) => ({mime: s.mime, ...read(s.mime)}));
    expect(mails).to.have.length(1);
    const mail = mails[0];
    expect(mail?.header("To")).to.include("ana.perez@gmail.com");
    expect(mail?.text).to.include("What to change: Write each answer yourself and keep personal details out of tasks");
    expect(mail?.text).to.include("Two answers copied from another account on 4 January");
    expect(mail?.mime).not.to.include(other);
    expect(mail?.mime).not.to.include("Bruno");
    expect(mail?.mime).not.to.include("1234 5678");
    expect(pending(worker)).not.to.include("AuditFeedback");
    // Asked again, by the same or another person, the feedback is not sent twice.
    await f.run.formula("SendNotice", [f.ledger, worker, "AuditFeedback"], f.team.specialist);
    await expectUserError(
      f.run.formula("SendNotice", [f.ledger, worker, "AuditFeedback"], f.team.lead),
      /already owed .* nothing was sent again.*rule: pending-notice/,
    );
    expect(outbox(f)).to.have.length(1);
  });

  it("a pass queues feedback only when it names something to change", async () => {
    await f.run.formula("RecordAudit", [f.ledger, AUDIT, "Passed", "All sampled tasks in order"], f.team.specialist);
    expect(pending(worker)).to.equal("");
    seedScheduledAudit(f, "A-ASSIGN0002", worker);
    await f.run.formula(
      "RecordAudit",
      [f.ledger, "A-ASSIGN0002", "Passed", "Good work; two late submissions", "", "", "Submit before the deadline"],
      f.team.specialist,
    );
    expect(pending(worker)).to.include("Submit before the deadline");
  });
});
