// Issue 18, item 4: one queue per person, Critical findings first, with proposals, screenings,
// notices and audits beside the findings and disputes.
import {expect} from "chai";
import type {LedgerFixture} from "../helpers/fixture";
import {setupLedger} from "../helpers/fixture";
import {appendRecords, seedWorkers} from "../helpers/ledger-rows";
import {BLACKLIST} from "../../pack/ledger/store/layout";
import {emptyRecord} from "../../pack/ledger/store/rows";
import {identityKey} from "../../pack/core/screening-gate";
import {seedScheduledAudit} from "../helpers/worlds";
import type {User} from "../../emulator/state";

type Item = {
  WorkItemId: string;
  Kind: string;
  Title: string;
  Worker?: {WorkerId: string};
  Assignee?: string;
  DueAt?: string;
  Overdue?: boolean;
  AgeDays?: number;
  Action: string;
};

const iso = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe("Queue", function () {
  let f: LedgerFixture;
  beforeEach(async () => {
    f = await setupLedger();
    const base = {
      status: "Active" as const,
      statusSince: iso(-100),
      bankVerification: "Verified",
      screeningVerdict: "Clear",
      documentFolder: "1DocsFolder000001",
      lastActivityAt: iso(-1),
      country: "MX",
    };
    const identity = {name: "Vera", emailKey: "vera@x", phone: "", bankFingerprint: "fp-old", idFingerprint: ""};
    seedWorkers(
      f.emu.state,
      f.spreadsheetId,
      [
        {workerId: "W-000001", name: "Ana", ...base, bankFingerprint: "fp-shared", bankMasked: "•••• 4321"},
        {workerId: "W-000002", name: "Bea", ...base, bankFingerprint: "fp-shared", bankMasked: "•••• 4321"},
        {workerId: "W-000003", name: "Cy", ...base, emailKey: "cy@gmail.com"},
        // Screened, then the payout account changed: the screening is stale.
        {
          workerId: "W-000004",
          ...identity,
          status: "Vetting",
          statusSince: iso(-3),
          screeningVerdict: "Clear",
          screenedAt: iso(-3),
          screeningKey: identityKey(identity),
          bankFingerprint: "fp-new",
        },
      ],
      iso(-100),
    );
    appendRecords(f.emu.state, f.spreadsheetId, BLACKLIST, [
      {
        ...emptyRecord(BLACKLIST),
        entryId: "B-000001",
        workerId: "W-000777",
        emailKeys: "cy@gmail.com",
        approvedAt: iso(-30),
      },
    ]);
  });
  afterEach(async () => f.close());

  const queue = async (assignee?: string, user: User = f.team.specialist) =>
    (await f.run.sync<Item>("Queue", [f.ledger, assignee], user)).rows;

  it("lists Critical findings first, then the other work, then the rest most severe first", async () => {
    const all = await queue();
    const kinds = all.map((i) => i.Kind);
    expect(all[0]).to.include({Kind: "Finding", WorkItemId: "finding:blacklist-match:B-000001+W-000003"});
    expect(all[0]?.Title).to.match(/^Critical: /);
    const firstOther = kinds.findIndex((k) => k !== "Finding");
    const lastOther = kinds.length - 1 - [...kinds].reverse().findIndex((k) => k !== "Finding");
    expect(all.slice(firstOther, lastOther + 1).every((i) => i.Kind !== "Finding")).to.equal(true);
    const rest = all.slice(lastOther + 1).map((i) => i.Title.split(":")[0]);
    const order = ["Critical", "Warning", "Review", "Info"];
    expect(rest.map((s) => order.indexOf(s as string))).to.deep.equal(
      rest.map((s) => order.indexOf(s as string)).sort((a, b) => a - b),
    );
    expect(all.find((i) => i.Kind === "Screening")).to.include({
      WorkItemId: "screening:W-000004",
      Action: "ScreenWorker W-000004",
    });
  });

  it('Queue(ledger, "me") shows a specialist their audit, finding and dispute with due times, and nothing else', async () => {
    seedScheduledAudit(f, "A-QUEUE00001", "W-000001", "2020-01-31");
    seedScheduledAudit(f, "A-QUEUE00002", "W-000002");
    await f.run.formula("AssignAudit", [f.ledger, "A-QUEUE00001", "me"], f.team.specialist);
    await f.run.formula("AssignAudit", [f.ledger, "A-QUEUE00002", f.team.lead2.email], f.team.lead);
    const bank = (await f.run.sync<{FindingId: string; Rule: string}>("Findings", [f.ledger], f.team.viewer)).rows.find(
      (r) => r.Rule === "shared-bank",
    );
    await f.run.formula("AssignFinding", [f.ledger, bank?.FindingId, "me"], f.team.specialist);
    await f.run.formula("OpenDispute", [f.ledger, "W-000003", "Payment", "Late payout"], f.team.lead);
    await f.run.formula("AssignDispute", [f.ledger, "D-000001", f.team.specialist.email], f.team.lead);
    const mine = await queue("me");
    expect(mine.map((i) => [i.WorkItemId, i.Kind])).to.have.deep.members([
      ["audit:A-QUEUE00001", "Audit"],
      [`finding:${bank?.FindingId}`, "Finding"],
      ["dispute:D-000001", "Dispute"],
    ]);
    expect(mine.every((i) => i.Assignee === f.team.specialist.email && i.DueAt && i.Action)).to.equal(true);
    expect(mine.find((i) => i.Kind === "Audit")).to.include({
      DueAt: "2020-01-31T23:59:59.999Z",
      Overdue: true,
      Action: "RecordAudit",
    });
    expect((await queue("me", f.team.lead2)).map((i) => i.WorkItemId)).to.deep.equal(["audit:A-QUEUE00002"]);
  });

  it("a change of lead waiting for a second lead is in the queue until approved", async () => {
    // Two leads already: granting a third lead role waits for another lead.
    await f.run.formula("AddStaff", [f.ledger, f.team.specialist.email, "lead"], f.team.lead);
    const waiting = (await queue()).filter((i) => i.Kind === "StaffProposal");
    expect(waiting.map((i) => [i.WorkItemId, i.Action])).to.deep.equal([
      [
        `staff:${f.team.specialist.email}:lead`,
        `ApproveStaffChange ${f.team.specialist.email} (a lead other than ${f.team.lead.email})`,
      ],
    ]);
    await f.run.formula("ApproveStaffChange", [f.ledger, f.team.specialist.email], f.team.lead2);
    expect((await queue()).filter((i) => i.Kind === "StaffProposal")).to.deep.equal([]);
  });
});
