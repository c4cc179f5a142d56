// Disputes in the built bundle in isolated-vm, as Coda runs it: no TextEncoder, atob or base64url Buffer there.
import {expect} from "chai";
import {dueAfterBusinessDays} from "../../pack/core/sla";
import {GMAIL_READONLY, gmailOf} from "../../emulator/gmail";
import type {LedgerFixture} from "../helpers/fixture";
import {expectUserError, setupLedger, tabRecords} from "../helpers/fixture";
import {grantGmail, outbox, read, workerMail} from "../helpers/gmail";
import type {Row} from "../helpers/gmail";
import {deliverDisputeMail, openDispute} from "../helpers/worlds";
import type {Obj} from "../helpers/vm-cases";
import {events, expectMissingScopes, mailTo, vmArea, vmIt, workerRow, world} from "../helpers/vm-cases";

// The built bundle in isolated-vm, as Coda runs it: no TextEncoder, atob or base64url Buffer there.
describe("disputes in the VM (run `npm run build` first)", function () {
  this.timeout(120_000);
  let f: LedgerFixture;
  before(async () => {
    f = await setupLedger({mode: "vm", timezone: "UTC"});
    grantGmail(f.team.specialist);
  });
  after(async () => f.close());

  it("FlagDispute replies in the thread with non-ASCII MIME, and DisputeEmails reads a page", async () => {
    const worker = await f.run.formula<Row>(
      "AddApplicant",
      [f.ledger, "Łukasz Żółć", "lukasz@example.pl", "PL", "", "Europe/Warsaw", ""],
      f.team.specialist,
    );
    const thread = gmailOf(f.emu.state).deliver(
      f.team.specialist.email,
      workerMail({
        from: "=?UTF-8?B?xYF1a2FzeiDFu8OzxYLEhw==?= <Lukasz@Example.pl>",
        to: f.team.specialist.email,
        subject: "=?UTF-8?Q?Odwo=C5=82anie?=",
        body: "Proszę o ponowne rozpatrzenie.",
        messageId: "<l1@example.pl>",
      }),
      {labels: ["INBOX", "Disputes"]},
    );
    const d = await f.run.formula<Record<string, unknown>>(
      "FlagDispute",
      [f.ledger, thread.threadId, "Payment", "Wypłata za tydzień 2", true],
      f.team.specialist,
    );
    expect(d).to.include({DisputeId: "D-000001", WorkerId: worker.WorkerId, Channel: "Email"});
    const [sent] = gmailOf(f.emu.state).outbox;
    expect(sent?.threadId).to.equal(thread.threadId);
    const mail = read(sent?.mime ?? "");
    expect([...(sent?.mime ?? "")].every((c) => c.charCodeAt(0) < 128)).to.equal(true);
    expect(mail.header("To")).to.equal("Łukasz Żółć <lukasz@example.pl>");
    expect(mail.header("Subject")).to.equal("Re: Odwołanie");
    expect(mail.header("In-Reply-To")).to.equal("<l1@example.pl>");
    expect(mail.text).to.include("Dear Łukasz Żółć,");
    // An acknowledgement never quotes what was written about the dispute.
    expect(mail.text).not.to.include("Wypłata");
    const page = await f.run.syncPage<Record<string, unknown>>("DisputeEmails", [f.ledger], f.team.specialist);
    expect(page.result).to.have.length(1);
    expect(page.result[0]).to.include({
      Subject: "Odwołanie",
      Sender: "Łukasz Żółć",
      WorkerId: worker.WorkerId,
      DisputeId: "D-000001",
      HasOpenDispute: true,
      Messages: 2,
    });
  });
});

// ---------- every dispute action and formula (registered with the coverage check) ----------

vmArea("disputes", () => {
  let bilalThread = "";
  world(
    "disputes",
    {
      workers: [
        "Suspended",
        {state: "Active", name: "Bilal Khan", email: "bilal.khan@gmail.com", country: "PK", timezone: "Asia/Karachi"},
      ],
      then: async (f) => {
        await openDispute(f, "Payment"); // D-000001: to assign
        await openDispute(f, "SuspensionAppeal"); // D-000002: to resolve
        await openDispute(f, "QualityRating", "W-000002"); // D-000003: to close
        await f.run.formula(
          "ResolveDispute",
          [f.ledger, "D-000003", "Rejected", "The ratings of 5 January were checked twice.", false],
          f.team.lead,
        );
        bilalThread = deliverDisputeMail(f, f.team.specialist.email, {
          from: "Bilal Khan <Bilal.Khan@gmail.com>",
          subject: "Payment for week 2",
          body: "Week 2 was not paid.",
          messageId: "<bilal-1@mail.example>",
        });
      },
    },
    (f) => {
      const nextDisputeId = () => `D-${String(tabRecords(f(), "Disputes").length + 1).padStart(6, "0")}`;

      vmIt(
        f,
        "OpenDispute opens a dispute due in business days of the worker's zone and acknowledges it",
        {formulas: ["OpenDispute"]},
        async () => {
          const id = nextDisputeId();
          const d = await f().run.formula<Obj>(
            "OpenDispute",
            [
              f().ledger,
              "W-000002",
              "Payment",
              "Payout for week 2 missing",
              "https://acme.zendesk.com/agent/tickets/4512",
              true,
            ],
            f().team.specialist,
          );
          expect(d).to.include({
            DisputeId: id,
            WorkerId: "W-000002",
            Category: "Payment",
            Channel: "Zendesk",
            Status: "Open",
            ZendeskTicketUrl: "https://acme.zendesk.com/agent/tickets/4512",
          });
          expect(d.DueAt).to.equal(dueAfterBusinessDays(String(d.OpenedAt), 2, "Asia/Karachi"));
          const [ack, ...more] = mailTo(f(), "bilal.khan@gmail.com");
          expect(more).to.have.length(0);
          expect(read(ack?.mime ?? "").header("Subject")).to.match(new RegExp(`^We received your .*\\(${id}\\)$`));
          expect(tabRecords(f(), "Disputes").find((x) => x.DisputeId === id)).to.include({
            Status: "Open",
            WorkerId: "W-000002",
          });
        },
      );

      vmIt(
        f,
        "FlagDispute opens a dispute from the worker's Gmail thread and replies in it",
        {formulas: ["FlagDispute"]},
        async () => {
          const id = nextDisputeId();
          const threadId = bilalThread;
          const d = await f().run.formula<Obj>(
            "FlagDispute",
            [f().ledger, threadId, "Payment", "", true],
            f().team.specialist,
          );
          expect(d).to.include({
            DisputeId: id,
            WorkerId: "W-000002",
            Category: "Payment",
            Channel: "Email",
            ThreadId: threadId,
            Status: "Open",
          });
          const reply = outbox(f()).filter((s) => s.threadId === threadId);
          expect(reply).to.have.length(1);
          expect(read(reply[0]?.mime ?? "").header("In-Reply-To")).to.equal("<bilal-1@mail.example>");
        },
      );

      vmIt(
        f,
        "AssignDispute assigns to the caller and moves the dispute to InReview",
        {formulas: ["AssignDispute"]},
        async () => {
          const d = await f().run.formula<Obj>("AssignDispute", [f().ledger, "d-1", "me"], f().team.specialist);
          expect(d).to.include({DisputeId: "D-000001", Assignee: f().team.specialist.email, Status: "InReview"});
          expect(tabRecords(f(), "Disputes").find((x) => x.DisputeId === "D-000001")).to.include({
            Status: "InReview",
            Assignee: f().team.specialist.email,
          });
          expect(events(f(), "W-000001").at(-1)).to.include({Type: "DisputeAssigned"});
        },
      );

      vmIt(
        f,
        "ResolveDispute upholds an appeal, names the reversal without taking it, and tells the worker",
        {formulas: ["ResolveDispute"]},
        async () => {
          const d = await f().run.formula<Obj>(
            "ResolveDispute",
            [f().ledger, "D-000002", "Upheld", "The flagged answers of 2 November were the worker's own."],
            f().team.lead,
          );
          expect(d).to.include({
            DisputeId: "D-000002",
            Status: "Decided",
            Outcome: "Upheld",
            ReversalNeeded: "ReinstateWorker W-000001",
            DecidedBy: f().team.lead.email,
          });
          expect(workerRow(f(), "W-000001")?.Status).to.equal("Suspended");
          const mail = read(mailTo(f(), "worker1@example.com")[0]?.mime ?? "");
          expect(mail.header("Subject")).to.equal("Outcome of your suspension appeal (D-000002)");
          expect(mail.text).to.include("Reasons: The flagged answers of 2 November were the worker's own.");
          await expectUserError(
            f().run.formula("ResolveDispute", [f().ledger, "D-000001", "Denied", "x"], f().team.lead),
            /"Denied" is not an outcome/,
          );
        },
      );

      vmIt(f, "CloseDispute closes a decided dispute", {formulas: ["CloseDispute"]}, async () => {
        const d = await f().run.formula<Obj>(
          "CloseDispute",
          [f().ledger, "D-000003", "Worker informed"],
          f().team.lead,
        );
        expect(d).to.include({DisputeId: "D-000003", Status: "Closed", Outcome: "Rejected"});
        expect(d.ClosedAt).to.be.a("string");
        expect(tabRecords(f(), "Disputes").find((x) => x.DisputeId === "D-000003")).to.include({Status: "Closed"});
        expect(events(f(), "W-000002").filter((e) => e.Type === "DisputeClosed")).to.have.length(1);
      });

      vmIt(f, "without Gmail access FlagDispute asks for it from inside the VM and writes nothing", {}, async () => {
        const before = tabRecords(f(), "Disputes").length;
        f().team.lead2.scopes.delete(GMAIL_READONLY);
        try {
          await expectMissingScopes(
            f().run.formula("FlagDispute", [f().ledger, "18c0000000001000", "Payment"], f().team.lead2),
            /needs more permission to read the email thread/,
          );
        } finally {
          f().team.lead2.scopes.add(GMAIL_READONLY);
        }
        expect(tabRecords(f(), "Disputes")).to.have.length(before);
      });
    },
  );
});
