import {expect} from "chai";
import {demoDisputes} from "../../scripts/demo/disputes";
import {gmailOf} from "../../emulator/gmail";
import type {LedgerFixture} from "../helpers/fixture";
import {setupLedger} from "../helpers/fixture";
import {read} from "../helpers/gmail";

describe("demo: disputes part of npm start", function () {
  let f: LedgerFixture;
  beforeEach(async () => {
    f = await setupLedger({timezone: "UTC"});
  });
  afterEach(async () => f.close());

  it("opens, decides and closes a dispute and prints the outcome email exactly as received", async () => {
    const said: Array<[string, string[]]> = [];
    const tables: Array<{rows: ReadonlyArray<Record<string, unknown>>; columns: string[]}> = [];
    await demoDisputes({
      ...f,
      say: (heading, ...lines) => said.push([heading, lines]),
      table: (rows, columns) => tables.push({rows, columns}),
    });
    const outbox = gmailOf(f.emu.state).outbox;
    const last = said[said.length - 1];
    expect(last?.[0]).to.match(/^Disputes: the outcome email as the Gmail emulator received it/);
    const outcome = outbox.find((s) => s.mime === last?.[1][0]);
    expect(outcome, "the printed email is one the emulator received").not.to.equal(undefined);
    const mail = read(outcome?.mime ?? "");
    expect(mail.header("Subject")).to.equal("Re: Appeal: my answers were my own");
    // A lead decides (the specialist suspended her); their mailbox lacks the thread, so the reply
    // threads by headers alone, on the worker's own message.
    expect(mail.header("In-Reply-To")).to.equal("<appeal-1@example.ng>");
    expect(mail.text).to.include("Decision: we agree with you: your dispute is upheld.");
    expect(said.map(([h]) => h)).to.include("Disputes: closing before the reversal is refused");
    const disputes = tables[1]?.rows ?? [];
    expect(disputes).to.have.length(1);
    expect(disputes[0]).to.include({Status: "Closed", Outcome: "Upheld", Channel: "Email"});
    expect(outbox.map((s) => read(s.mime).header("Subject"))).to.deep.equal([
      `Your account is suspended until ${read(outbox[0]?.mime ?? "")
        .header("Subject")
        .replace("Your account is suspended until ", "")}`,
      "Re: Appeal: my answers were my own",
      "Re: Appeal: my answers were my own",
    ]);
  });
});
