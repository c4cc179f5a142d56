import {expect} from "chai";
import {runDemo} from "../../scripts/demo";
import type {DemoRun} from "../../scripts/demo";
import {pack} from "../../pack/pack";
import {gmailOf} from "../../emulator/gmail";

/**
 * No clear bank account or ID number is ever stored or shown: after a full `npm start` run, the
 * ledger, every other spreadsheet the pack wrote, every request URL, every email sent, and the
 * output of every sync table are scanned for the numbers the demo typed in.
 */
describe("secret scan after a full demo run", function () {
  let demo: DemoRun;
  before(async function () {
    this.timeout(300_000);
    demo = await runDemo({print: false, mode: "vm"});
  });
  after(async () => demo?.fixture.close());

  function forms(secret: string): string[] {
    const plain = secret.replace(/\s+/g, "");
    const spaced = plain.replace(/(.{4})/g, "$1 ").trim();
    return [...new Set([plain, plain.toLowerCase(), spaced, spaced.toLowerCase()])];
  }

  it("the demo typed clear numbers in (so the scan has something to find)", () => {
    expect(demo.secrets.accounts.length).to.be.at.least(2);
    expect(demo.secrets.idNumbers.length).to.be.at.least(1);
    expect(demo.secrets.accounts.every((a) => a.length >= 12)).to.equal(true);
  });

  it("finds none of them anywhere the pack wrote, sent or showed", async function () {
    // It syncs every table over the whole demo in the VM: about 20 s alone, over a minute on a loaded machine.
    this.timeout(300_000);
    const f = demo.fixture;
    const state = f.emu.state;
    // The recruiters' own sheet holds their numbers; it is theirs, not the pack's output.
    const theirs = [...state.spreadsheets.values()].filter((b) => b.properties.title.startsWith("Recruiting pipeline"));
    expect(theirs).to.have.length(1);
    const places: Array<[string, string]> = [];
    for (const book of state.spreadsheets.values()) {
      if (theirs.includes(book)) {
        continue;
      }
      places.push([
        `spreadsheet ${book.properties.title}`,
        JSON.stringify({
          sheets: book.sheets.map((s) => [s.properties.title, s.rows, [...s.formulas]]),
          named: [...book.namedRanges.values()],
        }),
      ]);
    }
    places.push(["request URLs", f.emu.log.map((l) => `${l.host}${l.path}${l.query}`).join("\n")]);
    const gmail = gmailOf(state);
    places.push(["emails sent", gmail.outbox.map((m) => m.mime).join("\n")]);
    places.push([
      "Drive",
      JSON.stringify(
        [...state.extensions.entries()].filter(([k]) => k !== "gmail"),
        (_k, v: unknown) => (v instanceof Map ? [...v.entries()] : v instanceof Set ? [...v] : v),
      ),
    ]);
    for (const table of pack.syncTables) {
      const params = table.getter.parameters.map((p) => (p.name === "ledger" ? f.ledger : undefined));
      const synced = await f.run
        .sync(table.name, params, f.team.lead)
        .catch((err: Error) => ({rows: [`(${err.message})`], pages: 0}));
      places.push([`${table.name} sync`, JSON.stringify(synced.rows)]);
    }
    const found: string[] = [];
    for (const secret of [...demo.secrets.accounts, ...demo.secrets.idNumbers]) {
      for (const form of forms(secret)) {
        for (const [where, text] of places) {
          if (text.includes(form)) {
            found.push(`${form} in ${where}`);
          }
        }
      }
    }
    expect(found).to.deep.equal([]);
    // And the scan did see the masked and fingerprinted forms it should.
    // The ledger itself (the key file, also created by the pack, is scanned too but holds no masked forms).
    const ledgerText =
      places.find(
        ([where]) => where === `spreadsheet ${f.emu.state.spreadsheets.get(f.spreadsheetId)?.properties.title}`,
      )?.[1] ?? "";
    expect(ledgerText).to.contain(`•••• ${demo.secrets.accounts[0]?.slice(-4)}`);
    expect(ledgerText).to.match(/"[0-9a-f]{32}"/);
  });
});
