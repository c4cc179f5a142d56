import {expect} from "chai";
import fc from "fast-check";
import * as coda from "@codahq/packs-sdk";
import {pack} from "../../pack/pack";
import {buildLedgerRecords, writeLedgerRecords} from "../helpers/workforce-seed";
import {generateWorkforce} from "../helpers/workforce";
import type {LedgerFixture} from "../helpers/fixture";
import {setupLedger, tabRecords} from "../helpers/fixture";
import type {User} from "../../emulator/state";
import {gmailOf} from "../../emulator/gmail";
import {grantGmail, workerMail} from "../helpers/gmail";
import {addSpreadsheet} from "../helpers/sheet-seed";
import {rng, syntheticIban} from "../helpers/people";
import {DISPUTE_CATEGORIES, DISPUTE_OUTCOMES} from "../../pack/core/records";
import {NOTICE_KINDS} from "../../pack/core/notices";
import {FINDING_OUTCOMES} from "../../pack/core/triage";

/**
 * Every formula, action and sync table, called with arguments of the right types but any content
 * (as Coda may pass them), must return a result or fail with a UserVisibleError — never a
 * TypeError or another internal error — and a failed call must leave the ledger exactly as it was.
 */

const NASTY = [
  "",
  " ",
  '=IMPORTXML("https://evil.example","//a")',
  "+1",
  "-1",
  "@SUM(A1)",
  "W-000001",
  "w-3",
  "W-",
  "W-99999999999",
  "null",
  "undefined",
  "NaN",
  "0",
  "\u0000\u0007\u001b",
  "ü\u0308ñí©ødé 名前 имя اسم",
  "👩🏽‍💻🏳️‍🌈",
  "'; DROP TABLE workers; --",
  "<script>alert(1)</script>",
  "x".repeat(6_000),
  "https://docs.google.com/spreadsheets/d/1NoSuchLedger000000000000000000000/edit",
  "2026-02-30",
  "CoC 4.2",
  "GB82 WEST 1234 5698 7654 32",
  "lead",
  "Active",
];

/** Words some parameters expect, so the fuzz also reaches the logic behind valid choices. */
const VOCABULARY: Record<string, string[]> = {
  role: ["viewer", "specialist", "lead", "Lead"],
  country: ["MX", "India", "de", "Côte d'Ivoire"],
  category: [...DISPUTE_CATEGORIES, "payment"],
  outcome: [...DISPUTE_OUTCOMES, "Passed", "Concerns", "Failed"],
  // A finding's outcomes are words of their own; "Callable.parameter" keys one action's parameter.
  "ResolveFinding.outcome": [...FINDING_OUTCOMES, "Upheld"],
  kind: [...NOTICE_KINDS],
  assignee: ["me", "sam.specialist@tns.example", "lena.lead@tns.example"],
  label: ["Disputes"],
  phone: ["020 7946 0958", "+44 20 7946 0958", "55 1234 5678", "0049 30 901820"],
  account: [
    "DE89370400440532013000",
    "de89 3704 0044 0532 0130 00",
    "032180000118359719",
    "4001234567",
    "GB29NWBK60161331926819",
  ],
  routingCode: ["011000015", "HDFC0000001", "60-16-13"],
  holderName: ["Ana Pérez", "PEREZ ANA"],
  idType: ["passport", "national-id", "Driving-Licence", "tax-id", "other"],
  idNumber: ["G1O5-8123", "X12345678", "ab 12"],
  sourceSheet: [],
};

/** Ids that exist in the fuzzed ledger, filled in before the runs. */
const EXISTING: Record<string, string[]> = {disputeId: [], threadId: [], auditId: [], findingId: []};

function stringFor(name: string, ledger: string, ids: string[], callable: string): fc.Arbitrary<string> {
  const any = fc.oneof(
    fc.constantFrom(...NASTY),
    fc.string({maxLength: 40}),
    fc.string({unit: "grapheme", maxLength: 40}),
  );
  const words = VOCABULARY[`${callable}.${name}`] ?? VOCABULARY[name];
  if (words?.length) {
    return fc.oneof({weight: 3, arbitrary: fc.constantFrom(...words)}, {weight: 1, arbitrary: any});
  }
  if (name === "ledger") {
    return fc.oneof({weight: 8, arbitrary: fc.constant(ledger)}, {weight: 2, arbitrary: any});
  }
  if (/workerIds?$/i.test(name)) {
    return fc.oneof({weight: 6, arbitrary: fc.constantFrom(...ids)}, {weight: 3, arbitrary: any});
  }
  const existing = EXISTING[name];
  if (existing?.length) {
    return fc.oneof({weight: 6, arbitrary: fc.constantFrom(...existing)}, {weight: 3, arbitrary: any});
  }
  if (/email/i.test(name)) {
    return fc.oneof(fc.emailAddress(), any);
  }
  return any;
}

function arbitraryFor(
  param: {name: string; type: unknown; optional?: boolean},
  ledger: string,
  ids: string[],
  callable: string,
): fc.Arbitrary<unknown> {
  const t = param.type as coda.Type | {type: "array"; items: coda.Type};
  let base: fc.Arbitrary<unknown>;
  if (typeof t === "object") {
    base = fc.array(t.items === coda.Type.string ? stringFor(param.name, ledger, ids, callable) : fc.string(), {
      maxLength: 4,
    });
  } else if (t === coda.Type.number) {
    base = fc.oneof(fc.integer({min: -5, max: 100_000}), fc.double({noNaN: false}), fc.constantFrom(0, -1, 1e12));
  } else if (t === coda.Type.boolean) {
    base = fc.boolean();
  } else if (t === coda.Type.date) {
    base = fc.oneof(
      fc.date({min: new Date("1900-01-01"), max: new Date("2100-01-01")}),
      fc.constant(new Date(Date.now() + 5 * 86_400_000)),
    );
  } else {
    base = stringFor(param.name, ledger, ids, callable);
  }
  return param.optional ? fc.option(base, {nil: undefined, freq: 3}) : base;
}

function snapshot(f: LedgerFixture): string {
  const book = f.emu.state.spreadsheets.get(f.spreadsheetId);
  return JSON.stringify({
    sheets: book?.sheets.map((s) => [s.properties.title, s.rows]),
    named: [...(book?.namedRanges.keys() ?? [])].sort(),
  });
}

describe("fuzz: any arguments give a result or a UserVisibleError, never a partial write", function () {
  let f: LedgerFixture;
  let ids: string[];
  before(async () => {
    f = await setupLedger();
    const seeded = buildLedgerRecords(generateWorkforce({count: 40, now: new Date().toISOString(), seed: 5}), {
      specialists: [f.team.specialist.email],
      leads: [f.team.lead.email, f.team.lead2.email],
    });
    writeLedgerRecords(f.emu.state, f.spreadsheetId, seeded);
    ids = seeded.workers.map((w) => w.workerId);
    grantGmail(f.team.lead, f.team.lead2, f.team.specialist, f.team.viewer, f.team.outsider);
    for (const [i, id] of ids.slice(0, 4).entries()) {
      const d = await f.run.formula<{DisputeId: string}>(
        "OpenDispute",
        [f.ledger, id, DISPUTE_CATEGORIES[i] ?? "Other", "Fuzz dispute"],
        f.team.specialist,
      );
      EXISTING.disputeId?.push(d.DisputeId);
    }
    VOCABULARY.sourceSheet?.push(
      addSpreadsheet(f.emu, f.team.specialist.email, "Recruiting", [
        {
          title: "Sheet1",
          rows: [
            ["Name", "Email", "Country"],
            ["Fuzz One", "fuzz.one@example.org", "MX"],
            ["Fuzz Two", "fuzz.two@example.org", "IN"],
          ],
        },
      ]),
    );
    await f.run.formula("ScheduleAudits", [f.ledger, 4], f.team.specialist);
    EXISTING.auditId?.push(...tabRecords(f, "Audits").map((a) => String(a.AuditId)));
    // Findings for ResolveFinding and the other finding actions: one payout account on two Active workers
    // (shared-bank), and two applicants giving one phone (shared-phone); their ids are read from the Findings sync.
    const iban = syntheticIban(rng(7), "DE");
    const active = seeded.workers.filter((w) => w.status === "Active").slice(0, 2);
    for (const w of active) {
      await f.run.formula("RecordBankDetails", [f.ledger, w.workerId, iban, "DE"], f.team.specialist);
    }
    for (const [name, email] of [
      ["Fuzz Alpha", "fuzz.alpha@example.org"],
      ["Fuzz Beta", "fuzz.beta@example.org"],
    ]) {
      await f.run.formula("AddApplicant", [f.ledger, name, email, "MX", "55 1234 5678"], f.team.specialist);
    }
    const found = await f.run.sync<{FindingId: string; Rule: string}>("Findings", [f.ledger], f.team.viewer);
    const rules = new Set(found.rows.map((r) => r.Rule));
    expect([...rules], "the fuzz world's findings").to.include.members(["shared-bank", "shared-phone"]);
    // One finding of each rule first, so every kind is fuzzed.
    const firsts = [...rules].map((rule) => found.rows.find((r) => r.Rule === rule)?.FindingId ?? "");
    EXISTING.findingId?.push(...new Set([...firsts, ...found.rows.map((r) => r.FindingId)].slice(0, 8)));
    for (const [i, worker] of seeded.workers.slice(0, 4).entries()) {
      const m = gmailOf(f.emu.state).deliver(
        f.team.specialist.email,
        workerMail({
          from: `${worker.name} <${worker.email}>`,
          to: f.team.specialist.email,
          subject: `Appeal ${i}`,
          body: "Please review.",
          messageId: `<fuzz-${i}@mail.example>`,
        }),
        {labels: ["INBOX", "Disputes"]},
      );
      EXISTING.threadId?.push(m.threadId);
    }
  });
  after(async () => f.close());

  const callables = [
    ...pack.formulas.map((formula) => ({name: formula.name, parameters: formula.parameters, sync: false})),
    ...pack.syncTables.map((table) => ({name: table.name, parameters: table.getter.parameters, sync: true})),
  ];

  for (const callable of callables) {
    if (callable.name === "CreateLedger") {
      continue; // makes a new spreadsheet each time; its input is checked in its own tests
    }
    it(`${callable.name}`, async () => {
      const people: User[] = [f.team.lead, f.team.lead2, f.team.specialist, f.team.viewer, f.team.outsider];
      let ok = 0;
      let refused = 0;
      let ruled = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.tuple(...callable.parameters.map((p) => arbitraryFor(p as never, f.ledger, ids, callable.name))),
          fc.constantFrom(...people),
          async (args, user) => {
            const before = snapshot(f);
            try {
              if (callable.sync) {
                await f.run.syncPage(callable.name, args, user);
              } else {
                await f.run.formula(callable.name, args, user);
              }
              ok++;
            } catch (err) {
              refused++;
              ruled += /\(rule: /.test((err as Error).message) ? 1 : 0;
              if (process.env.FUZZ_DEBUG) {
                console.log(callable.name, (err as Error).message.slice(0, 200));
              }
              const e = err as Error & {isUserVisible?: boolean};
              const acceptable = e.isUserVisible === true || e.name === "MissingScopesError";
              expect(
                acceptable,
                `${callable.name}(${JSON.stringify(args).slice(0, 300)}) as ${user.email} threw ${e.name}: ${e.message}\n${e.stack ?? ""}`,
              ).to.equal(true);
              expect(snapshot(f), `${callable.name} failed but changed the ledger`).to.equal(before);
            }
          },
        ),
        {numRuns: 25, seed: 20261125},
      );
      // The runs must reach past input checks into the decisions, or the fuzz proves little.
      if (process.env.FUZZ_DEBUG) {
        console.log(`${callable.name}: ${ok} ok, ${refused} refused, ${ruled} by a rule`);
      }
      expect(ok + refused).to.equal(25);
      expect(
        ok + ruled,
        `${callable.name}: no call reached a decision (${refused} refused on input)`,
      ).to.be.greaterThan(0);
    });
  }
});
