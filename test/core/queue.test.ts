import {expect} from "chai";
import type {QueueWorker} from "../../pack/core/queue";
import {auditItems, byUrgency, staffItems, workerItems} from "../../pack/core/queue";
import {identityKey} from "../../pack/core/screening-gate";
import {emptyRecord} from "../../pack/ledger/store/rows";
import {AUDITS, STAFF, WORKERS} from "../../pack/ledger/store/layout";
import type {WorkerRecord} from "../../pack/core/records";

const NOW = "2026-03-10T12:00:00.000Z";

function worker(fields: Partial<WorkerRecord> & {pendingLift?: QueueWorker["pendingLift"]}): QueueWorker {
  const w = {...emptyRecord(WORKERS), workerId: "W-000001", name: "Ana", status: "Vetting" as const, ...fields};
  return w as QueueWorker;
}

describe("the work queue (core)", () => {
  it("a pending lift proposal waits for a second lead (the PendingLift column)", () => {
    const items = workerItems(
      [
        worker({
          status: "Blacklisted",
          pendingLift: {
            proposedBy: "lena@tns.example",
            proposedAt: "2026-03-01T00:00:00Z",
            reason: "appeal upheld",
            evidence: "",
            eventId: "E-1",
          },
        }),
      ],
      NOW,
    );
    expect(items.map((i) => [i.id, i.kind, i.ageDays])).to.deep.equal([["lift:W-000001", "LiftProposal", 9]]);
    expect(items[0]?.action).to.equal("ApproveLiftBlacklist (a lead other than the proposer)");
  });

  it("a stale screening asks for ScreenWorker; an uncleared Match asks a lead; a current Clear asks nothing", () => {
    const identity = {
      name: "Ana",
      emailKey: "ana@x",
      phone: "+525512345678",
      bankFingerprint: "fp1",
      idFingerprint: "",
    };
    const screened = {...identity, screenedAt: "2026-03-01T00:00:00Z", screeningKey: identityKey(identity)};
    const stale = worker({...screened, screeningVerdict: "Clear", bankFingerprint: "fp2"});
    const match = worker({...screened, workerId: "W-000002", screeningVerdict: "Match"});
    const cleared = worker({
      ...screened,
      workerId: "W-000003",
      screeningVerdict: "Match",
      screeningClearance: {
        by: "lena@tns.example",
        at: NOW,
        reason: "Different person",
        screenedAt: screened.screenedAt,
        screeningKey: screened.screeningKey,
        eventId: "E-1",
      },
    });
    const clear = worker({...screened, workerId: "W-000004", screeningVerdict: "Clear"});
    const never = worker({workerId: "W-000005"});
    const gone = worker({...screened, workerId: "W-000006", status: "Offboarded", screeningVerdict: "Match"});
    const items = workerItems([stale, match, cleared, clear, never, gone], NOW);
    expect(items.map((i) => [i.id, i.kind])).to.deep.equal([
      ["screening:W-000001", "Screening"],
      ["screening:W-000002", "Screening"],
    ]);
    expect(items[0]?.action).to.equal("ScreenWorker W-000001");
    expect(items[1]?.action).to.match(/^A lead reviews it: ClearScreening W-000002/);
  });

  it("a pending notice is named by its kind, never by its detail", () => {
    const detail = JSON.stringify({notice: "AuditFeedback", findings: "Copied from W-000009"});
    const items = workerItems(
      [worker({status: "Active", pendingActions: [{kind: "Notice", eventId: "E-1", since: NOW, detail}]})],
      NOW,
    );
    expect(items.map((i) => [i.kind, i.title, i.action])).to.deep.equal([
      ["Notice", "AuditFeedback notice to W-000001 not sent yet", "SendNotice W-000001 AuditFeedback"],
    ]);
  });

  it("a change of lead waits for a second lead; a removed member's old proposal does not", () => {
    const staff = [
      {
        ...emptyRecord(STAFF),
        email: "Max@tns.example",
        role: "specialist" as const,
        pendingRole: "lead",
        pendingBy: "lena@tns.example",
        pendingAt: "2026-03-09T00:00:00Z",
      },
      {
        ...emptyRecord(STAFF),
        email: "old@tns.example",
        role: "lead" as const,
        pendingRole: "removed",
        status: "Removed",
      },
      {...emptyRecord(STAFF), email: "sam@tns.example", role: "specialist" as const},
    ];
    const items = staffItems(staff, NOW);
    expect(items.map((i) => [i.id, i.kind, i.title])).to.deep.equal([
      [
        "staff:max@tns.example:lead",
        "StaffProposal",
        "Granting the lead role to Max@tns.example, proposed by lena@tns.example, waits for a second lead",
      ],
    ]);
    expect(items[0]?.action).to.equal("ApproveStaffChange Max@tns.example (a lead other than lena@tns.example)");
  });

  it("an audit's assignee owns it, with its due time and overdue flag; most urgent first", () => {
    const audit = (auditId: string, dueDate: string, assignee = "") => ({
      ...emptyRecord(AUDITS),
      auditId,
      workerId: "W-000001",
      kind: "Conduct" as const,
      status: "Scheduled" as const,
      dueDate,
      assignee,
    });
    const items = byUrgency(
      auditItems(
        [audit("A-1", "2026-03-20", "sam@tns.example"), audit("A-2", "2026-03-05"), audit("A-3", "2026-03-15")],
        NOW,
      ),
    );
    expect(items.map((i) => [i.id, i.assignee, i.overdue, i.action])).to.deep.equal([
      ["audit:A-2", "", true, "AssignAudit, then RecordAudit"],
      ["audit:A-3", "", false, "AssignAudit, then RecordAudit"],
      ["audit:A-1", "sam@tns.example", false, "RecordAudit"],
    ]);
    expect(items[2]?.dueAt).to.equal("2026-03-20T23:59:59.999Z");
  });
});
