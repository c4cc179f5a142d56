import {expect} from "chai";
import {gmailOf} from "../../emulator/gmail";
import type {LedgerFixture} from "../helpers/fixture";
import {setupLedger} from "../helpers/fixture";
import {grantGmail, read, workerMail} from "../helpers/gmail";
import type {Row} from "../helpers/gmail";

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
    expect(mail.text).to.include("What we understood: Wypłata za tydzień 2");
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
