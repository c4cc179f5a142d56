// Issue 16 (at 100,000 workers one Findings sync verified the whole log once per severity tier, 150 s
// each): a sync of Findings, Queue or Trends reads and verifies the decision log at most once. The first
// trust phase lists the next tier's trust findings too and carries those of the tiers after it in the
// continuation; past a bound a later tier verifies again, and a continuation from before carrying still works.
import {expect} from "chai";
import type * as coda from "@codahq/packs-sdk";
import type {LedgerFixture} from "../helpers/fixture";
import {setupLedger, tabRecords, tabRows} from "../helpers/fixture";
import {insider} from "../helpers/insider";
import type {User} from "../../emulator/state";
import {CARRY} from "../../pack/ledger/trust-carry";

interface Row {
  FindingId?: string;
  WorkItemId?: string;
  Rule?: string;
  Severity?: string;
  Title: string;
}

interface Run {
  rows: Row[];
  /** verifyLedger runs: each starts by listing the tabs and their protections (one GET with protectedRanges). */
  verifications: number;
  /** Reads of the whole Events tab (as a GET batchGet names it: the tab without a row range). */
  eventReads: number;
  continuations: coda.Continuation[];
}

/** A whole sync page by page from `from` (the start when absent), counting what each page read. */
async function runSync(
  f: LedgerFixture,
  table: string,
  params: unknown[],
  user: User,
  from?: coda.Continuation,
): Promise<Run> {
  const out: Run = {rows: [], verifications: 0, eventReads: 0, continuations: []};
  const logFrom = f.emu.log.length;
  let continuation = from;
  let pages = 0;
  do {
    const page = await f.run.syncPage<Row>(table, params, user, continuation);
    out.rows.push(...page.result);
    continuation = page.continuation;
    if (continuation) {
      out.continuations.push(continuation);
    }
    expect(++pages).to.be.below(100);
  } while (continuation);
  for (const r of f.emu.log.slice(logFrom)) {
    const query = decodeURIComponent(r.query);
    if (r.method === "GET" && r.host === "sheets.googleapis.com" && query.includes("protectedRanges")) {
      out.verifications++;
    }
    if (r.method === "GET" && /[?&]ranges='?Events'?(&|$)/.test(query)) {
      out.eventReads++;
    }
  }
  return out;
}

const key = (r: Row) => [r.FindingId ?? r.WorkItemId, r.Severity ?? "", r.Title];
const sorted = (rows: Row[]) => rows.map(key).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
const RANK = ["Critical", "Warning", "Review", "Info"];

describe("trust findings: the decision log is verified once per sync", function () {
  let f: LedgerFixture;
  const saved = {...CARRY};
  before(async () => {
    f = await setupLedger();
    // Critical: an event forged in the second lead's name, with no receipt, appended by the specialist.
    const header = tabRows(f, "Events")[0] as string[];
    const forged: Record<string, string> = {
      EventId: "E-FORGED0001",
      Time: new Date().toISOString(),
      Actor: f.team.lead2.email,
      WorkerId: "W-000001",
      Type: "Reinstated",
      ToStatus: "Active",
      Seq: "1",
      Subject: "W-000001",
    };
    const appended = await insider(f.emu, f.team.specialist, f.spreadsheetId).append("Events!A1", [
      header.map((h) => forged[h] ?? ""),
    ]);
    expect(appended.status).to.equal(200);
    // Warning: the owner deletes the viewer's Staff row by hand (the staff events still name them).
    const staff = tabRecords(f, "Staff");
    const index = staff.findIndex((s) => s.Email === f.team.viewer.email) + 1;
    const book = f.emu.state.spreadsheets.get(f.spreadsheetId);
    const sheetId = book?.sheets.find((s) => s.properties.title === "Staff")?.properties.sheetId;
    const deleted = await insider(f.emu, f.team.lead, f.spreadsheetId).batchUpdate([
      {deleteDimension: {range: {sheetId, dimension: "ROWS", startIndex: index, endIndex: index + 1}}},
    ]);
    expect(deleted.status).to.equal(200);
    // Review: CreateLedger's lead made Omar a lead alone (there was nobody to ask), as on every new ledger.
  });
  after(async () => f.close());
  afterEach(() => Object.assign(CARRY, saved));

  const findings = (from?: coda.Continuation) => runSync(f, "Findings", [f.ledger], f.team.lead, from);
  const trustRows = (run: Run) => run.rows.filter((r) => r.Rule === "log-integrity" || r.Rule === "staff-integrity");

  it("a whole Findings sync verifies once, listing trust findings of three severities most severe first", async () => {
    const run = await findings();
    expect(run.verifications).to.equal(1);
    expect(run.eventReads).to.be.at.most(1);
    const trust = trustRows(run);
    expect(trust.map((r) => r.Severity)).to.include.members(["Critical", "Warning", "Review"]);
    expect(trust.find((r) => r.Rule === "log-integrity")?.Title).to.match(/Events row \d+ \(W-000001\)/);
    expect(trust.map((r) => r.Title)).to.include(`${f.team.viewer.email} (viewer) is missing from the Staff tab`);
    expect(trust.map((r) => r.Title)).to.include("A lead role granted with no second lead (Events row 3)");
    const rank = run.rows.map((r) => RANK.indexOf(r.Severity ?? ""));
    expect(rank).to.deep.equal([...rank].sort((a, b) => a - b));
    const ids = run.rows.map((r) => r.FindingId);
    expect(ids).to.have.length(new Set(ids).size);
    // The carry is only in the continuations after the first trust phase, and small.
    const carried = run.continuations.filter((c) => typeof c.trust === "string");
    expect(carried.length).to.be.greaterThan(0);
    expect(carried.every((c) => String(c.trust).length <= CARRY.maxChars)).to.equal(true);
  });

  it("lists the next tier's trust findings at the end of the trust page, and carries only the tiers after it", async () => {
    const run = await findings();
    const trustPage = run.continuations.findIndex((c) => c.trust !== undefined);
    // The Critical pass's trust page: the Warning pass comes next, its trust findings listed already.
    expect(run.continuations[trustPage]).to.include({tier: 1, phase: 0, row: 2, early: 1});
    const carried = JSON.parse(String(run.continuations[trustPage]?.trust)) as Array<{severity: string}>;
    expect(carried.map((c) => c.severity)).to.deep.equal(["Review"]);
    // The Warning trust findings come right after the last Critical finding, before the other Warnings.
    const firstWarning = run.rows.findIndex((r) => r.Severity === "Warning");
    expect(run.rows[firstWarning]?.Rule).to.equal("staff-integrity");
  });

  it("lists the same findings in the same order when the carry is over its bound (the fallback)", async () => {
    const carried = await findings();
    const size = Math.max(...carried.continuations.map((c) => String(c.trust ?? "").length));
    CARRY.maxChars = size;
    expect((await findings()).verifications).to.equal(1);
    CARRY.maxChars = size - 1;
    const again = await findings();
    // The Critical pass verifies and lists Warning's trust findings; Warning's trust page verifies again
    // to list Review's; Review's has nothing left to list and does not verify.
    expect(again.verifications).to.equal(2);
    expect(again.continuations.some((c) => c.trust !== undefined)).to.equal(false);
    expect(again.rows.map(key)).to.deep.equal(carried.rows.map(key));
  });

  it("a continuation from before carrying (no trust field), or with a carry that does not parse, verifies again", async () => {
    const whole = await findings();
    const tail = whole.rows.filter((r) => r.Severity !== "Critical");
    // Where the Warning pass starts, as an older version of the pack would have written it.
    const starts: coda.Continuation[] = [
      {tier: 1, phase: 0, row: 2},
      {tier: 1, phase: 0, row: 2, trust: "not json"},
      {tier: 1, phase: 0, row: 2, trust: JSON.stringify([{id: "x"}])},
    ];
    for (const from of starts) {
      const resumed = await findings(from);
      expect(resumed.verifications, JSON.stringify(from)).to.equal(1);
      // The same findings, most severe first (Warning's trust findings last of the Warnings, as before carrying).
      expect(sorted(resumed.rows), JSON.stringify(from)).to.deep.equal(sorted(tail));
      const rank = resumed.rows.map((r) => RANK.indexOf(r.Severity ?? ""));
      expect(rank).to.deep.equal([...rank].sort((a, b) => a - b));
    }
    // An older continuation from before tiers (no tier at all) starts at the first.
    const untiered = await findings({phase: 0, row: 2});
    expect(untiered.verifications).to.equal(1);
    expect(untiered.rows.map(key)).to.deep.equal(whole.rows.map(key));
  });

  it("a whole Queue sync verifies once: Critical findings, the other work, then the rest most severe first", async () => {
    const queue = (from?: coda.Continuation) => runSync(f, "Queue", [f.ledger, ""], f.team.lead, from);
    // Other work: a lead role for the specialist waits for a second lead.
    await f.run.formula("AddStaff", [f.ledger, f.team.specialist.email, "lead"], f.team.lead);
    const run = await queue();
    expect(run.verifications).to.equal(1);
    const kinds = run.rows.map((i) => (i.WorkItemId?.startsWith("finding:") ? i.Title.split(":")[0] : "work"));
    const work = kinds.indexOf("work");
    expect(run.rows[work]?.WorkItemId).to.equal(`staff:${f.team.specialist.email}:lead`);
    expect(kinds.slice(0, work).every((k) => k === "Critical")).to.equal(true);
    expect(kinds.slice(work).includes("Critical")).to.equal(false);
    const findingsOf = (r: Run) => r.rows.filter((i) => i.WorkItemId?.startsWith("finding:"));
    const titles = findingsOf(run).map((i) => i.Title);
    expect(titles.some((t) => t.startsWith("Critical: "))).to.equal(true);
    expect(titles).to.include(`Warning: ${f.team.viewer.email} (viewer) is missing from the Staff tab`);
    expect(titles).to.include("Review: A lead role granted with no second lead (Events row 3)");
    const rank = titles.map((t) => RANK.indexOf(t.split(":")[0] ?? ""));
    expect(rank).to.deep.equal([...rank].sort((a, b) => a - b));
    CARRY.maxChars = 0;
    const fallback = await queue();
    // Part 0 (Critical) verifies; part 2's Warning tier verifies again and lists Review's trust findings too.
    expect(fallback.verifications).to.equal(2);
    expect(run.rows.map(key)).to.deep.equal(fallback.rows.map(key));
    // A continuation from before carrying, at the start of part 2, verifies once there.
    CARRY.maxChars = saved.maxChars;
    const part2 = await queue({part: 2, tier: 0, phase: 0, row: 2, assignee: ""});
    expect(part2.verifications).to.equal(1);
    const rest = findingsOf(run).filter((i) => !i.Title.startsWith("Critical: "));
    expect(sorted(findingsOf(part2))).to.deep.equal(sorted(rest));
    const rank2 = findingsOf(part2).map((i) => RANK.indexOf(i.Title.split(":")[0] ?? ""));
    expect(rank2).to.deep.equal([...rank2].sort((a, b) => a - b));
  });

  it("the Queue page that verifies the log does not also read the other work: that is the next page, with part 2's first trust findings", async () => {
    const pages: Array<{verifies: boolean; casework: boolean; ids: string[]}> = [];
    const walk = async () => {
      pages.length = 0;
      let continuation: coda.Continuation | undefined;
      do {
        const from = f.emu.log.length;
        const page = await f.run.syncPage<Row>("Queue", [f.ledger, ""], f.team.lead, continuation);
        const calls = f.emu.log.slice(from).map((r) => decodeURIComponent(r.query));
        pages.push({
          verifies: calls.some((q) => q.includes("protectedRanges")),
          casework: calls.some((q) => /ranges='Disputes'!/.test(q)),
          ids: page.result.map((r) => r.WorkItemId ?? ""),
        });
        continuation = page.continuation;
      } while (continuation);
      return pages.flatMap((p) => p.ids);
    };
    const split = await walk();
    const at = pages.findIndex((p) => p.verifies);
    expect(pages.filter((p) => p.verifies)).to.have.length(1);
    expect(pages[at]?.casework).to.equal(false);
    expect(pages[at + 1]?.casework).to.equal(true);
    // Carrying nothing (the bound at 0), the other work is read on the verifying page, in the same order.
    CARRY.maxChars = 0;
    try {
      const merged = await walk();
      expect(merged).to.deep.equal(split);
      expect(pages.find((p) => p.verifies)?.casework).to.equal(true);
    } finally {
      CARRY.maxChars = saved.maxChars;
    }
    // A carry to part 1 that does not read as work items is not trusted: part 2 lists those findings itself.
    const to1 = await (async () => {
      let continuation: coda.Continuation | undefined;
      for (;;) {
        const page = await f.run.syncPage<Row>("Queue", [f.ledger, ""], f.team.lead, continuation);
        continuation = page.continuation;
        if (!continuation || (continuation as {part?: number}).part === 1) {
          return continuation;
        }
      }
    })();
    expect(to1).to.have.property("ahead");
    const rest = await runSync(f, "Queue", [f.ledger, ""], f.team.lead, {...to1, ahead: "not json"});
    // From part 1 on, the same work as the first run (part 2 lists those findings in its own trust phase).
    const tail = split.slice(split.indexOf(rest.rows[0]?.WorkItemId ?? ""));
    expect(rest.verifications).to.equal(1);
    expect(rest.rows.map((r) => r.WorkItemId).sort()).to.deep.equal([...tail].sort());
  });

  it("a whole Trends sync verifies once", async () => {
    const run = await runSync(f, "Trends", [f.ledger], f.team.lead);
    expect(run.verifications).to.equal(1);
    expect(run.eventReads).to.be.at.most(1);
  });
});
