import {expect} from "chai";
import {executeFormulaFromPackDef} from "@codahq/packs-sdk/dist/development";
import type * as coda from "@codahq/packs-sdk";
import {
  ADVERSE_NOTICES,
  appealDeadline,
  composeNotice,
  missingElements,
  NOTICE_KINDS,
  parseNoticeKind,
  requiredElements,
} from "../../pack/core/notices";
import type {NoticeInput, NoticeKind} from "../../pack/core/notices";
import {htmlToText} from "../helpers/mime-reader";
import {pack} from "../../pack/pack";

const base = (kind: NoticeKind, extra: Partial<NoticeInput> = {}): NoticeInput => ({
  kind,
  workerName: "Ana Pérez",
  workerId: "W-000001",
  decidedAt: "2026-01-05T03:30:00Z",
  reason: "On 2 and 3 January 2026 you submitted answers copied from another worker on 3 tasks (T-881, T-882, T-900).",
  policyClause: "CoC 4.2",
  until: "2026-01-20",
  appealDays: 180,
  disputeId: "D-000004",
  category: "SuspensionAppeal",
  summary: "Says the answers were her own.",
  openedAt: "2026-01-02T16:00:00Z",
  outcome: "Rejected",
  ...extra,
});

describe("notices: every adverse notice carries every required element", () => {
  const zones = ["", "UTC", "America/Mexico_City", "Asia/Kolkata", "Pacific/Auckland"];
  const variants: Array<[string, Partial<NoticeInput>]> = [
    ["with a clause, no automation", {}],
    ["without a clause", {policyClause: ""}],
    ["with automated checks", {automated: "automated identity and blacklist screening (result: Review)"}],
    ["with a short appeal window", {appealDays: 30}],
    [
      "with an appeal address and Code of Conduct link",
      {appealContact: "appeals@tns.example", codeOfConductUrl: "https://tns.example/coc"},
    ],
    ["upheld", {outcome: "Upheld", reversal: "your suspension will be lifted."}],
    ["partially upheld", {outcome: "PartiallyUpheld"}],
  ];
  for (const kind of ADVERSE_NOTICES) {
    for (const [label, extra] of variants) {
      for (const zone of zones) {
        it(`${kind} ${label}, dates in ${zone || "(no zone)"}`, () => {
          const input = base(kind, {...extra, timezone: zone});
          const notice = composeNotice(input);
          expect(notice.adverse).to.equal(true);
          expect(missingElements(input, notice.text), notice.text).to.deep.equal([]);
          // The HTML part says the same.
          expect(missingElements(input, htmlToText(notice.html).replace(/^- /gm, "")), notice.html).to.deep.equal([]);
          expect(notice.appealBy).to.equal(appealDeadline(input.decidedAt, input.appealDays ?? 180, zone));
        });
      }
    }
  }

  it("states each element in words a worker can check", () => {
    const input = base("Suspension", {
      timezone: "America/Mexico_City",
      automated: "automated similarity scoring of your answers",
    });
    const text = composeNotice(input).text;
    expect(requiredElements(input).map(([name]) => name)).to.deep.equal([
      "decision",
      "scope",
      "facts",
      "date",
      "clause",
      "automated",
      "person",
      "appeal",
      "appeal-by",
      "duration",
      "automated-detail",
    ]);
    // 03:30 UTC on 5 January is still 4 January in Mexico City: every date follows the worker's zone.
    expect(text).to.include("Date of the decision: 4 January 2026");
    expect(text).to.include("Duration: from 4 January 2026; you may work again from 20 January 2026.");
    expect(text).to.include("Appeal by: 3 July 2026 (180 days from the decision).");
    expect(text).to.include(
      "Automated checks: involved: automated similarity scoring of your answers. They only produce findings; they decide nothing.",
    );
    expect(text).to.include("Decided by: a person:");
    expect(text).to.include("Dates are in America/Mexico City.");
    expect(composeNotice({...input, timezone: "Asia/Kolkata"}).text).to.include("Date of the decision: 5 January 2026");
  });

  it("a missing element is reported by name", () => {
    const input = base("Blacklist");
    const text = composeNotice(input)
      .text.replace(/Appeal by: .*\n/, "")
      .replace("CoC 4.2", "CoC 9.9");
    expect(missingElements(input, text)).to.deep.equal(["clause", "appeal-by"]);
    expect(missingElements(base("Welcome"), "")).to.deep.equal([]);
  });

  it("refuses an adverse notice without facts, and a suspension without its end", () => {
    for (const kind of ADVERSE_NOTICES) {
      expect(() => composeNotice(base(kind, {reason: "  "}))).to.throw(/needs the specific facts/);
    }
    expect(() => composeNotice(base("Suspension", {until: ""}))).to.throw(/first day the worker may work again/);
    expect(() => composeNotice(base("Suspension", {until: "soon"}))).to.throw(/first day/);
    expect(() => composeNotice(base("Rejection", {appealDays: 0}))).to.throw(/not a number of days to appeal/);
    expect(() => composeNotice(base("AuditFeedback", {reason: "", findings: ""}))).to.throw(/what the audit found/);
  });
});

describe("notices: the other kinds", () => {
  it("welcome, reinstatement, audit feedback and dispute receipt say what they must", () => {
    const welcome = composeNotice(base("Welcome", {reason: ""}));
    expect(welcome.subject).to.equal("Welcome: your account is active");
    expect(welcome.adverse).to.equal(false);
    expect(welcome.appealBy).to.equal(undefined);
    const back = composeNotice(base("Reinstatement", {reason: ""}));
    expect(back.text).to.include(
      "Your suspension ended on 5 January 2026 and your account is active again: you can take on work from today.",
    );
    const audit = composeNotice(
      base("AuditFeedback", {
        findings: "2 of 20 sampled tasks on 4 January 2026 skipped the checklist.",
        improvements: "Complete the checklist on every task.",
      }),
    );
    expect(audit.text).to.include("What we found: 2 of 20 sampled tasks on 4 January 2026 skipped the checklist.");
    expect(audit.text).to.include("What to change: Complete the checklist on every task.");
    expect(audit.text).to.include("Code of Conduct clause: CoC 4.2.");
    const received = composeNotice(
      base("DisputeReceived", {dueAt: "2026-01-07T05:59:59.999Z", timezone: "America/Mexico_City"}),
    );
    expect(received.subject).to.equal("We received your suspension appeal (D-000004)");
    expect(received.text).to.include(
      "A member of the team will reply by 6 January 2026 at 23:59 (America/Mexico City).",
    );
  });

  it("escapes names and facts in HTML", () => {
    const notice = composeNotice(
      base("Rejection", {workerName: "<script>x</script> & co", reason: "Used <b>two</b> accounts"}),
    );
    expect(notice.html).to.include("Dear &lt;script&gt;x&lt;/script&gt; &amp; co,");
    expect(notice.html).to.include("Used &lt;b&gt;two&lt;/b&gt; accounts");
    expect(notice.text).to.include("Dear <script>x</script> & co,");
  });

  it("reads notice kinds however they are typed", () => {
    const cases: Array<[string, string]> = [
      ["suspension", "Suspension"],
      ["Dispute outcome", "DisputeOutcome"],
      ["audit_feedback", "AuditFeedback"],
      ["BLACKLIST", "Blacklist"],
    ];
    for (const [typed, kind] of cases) {
      expect(parseNoticeKind(typed)).to.equal(kind);
    }
    expect(parseNoticeKind("warning")).to.equal("Warning");
    expect(() => parseNoticeKind("caution")).to.throw(/"caution" is not a notice kind: use one of Welcome, Rejection/);
    expect(NOTICE_KINDS).to.have.length(12);
  });

  it("counts the appeal window in calendar days in the worker's zone", () => {
    expect(appealDeadline("2026-01-05T03:30:00Z", 180, "America/Mexico_City")).to.equal("2026-07-03");
    expect(appealDeadline("2026-01-05T03:30:00Z", 180, "UTC")).to.equal("2026-07-04");
    expect(appealDeadline("2026-01-31T12:00:00Z", 30, "")).to.equal("2026-03-02");
  });
});

describe("pure formula examples give their exact results", () => {
  const context = {timezone: "America/Los_Angeles", fetcher: {}} as unknown as coda.ExecutionContext;
  for (const name of ["NoticePreview", "DisputeDueDate"]) {
    const formula = pack.formulas.find((f) => f.name === name);
    it(`${name} has examples and each returns its result`, async () => {
      expect(formula?.examples?.length).to.be.greaterThan(0);
      for (const example of formula?.examples ?? []) {
        const result = await executeFormulaFromPackDef(pack, name, example.params as never, context, {
          validateParams: true,
          validateResult: true,
        });
        expect(result).to.deep.equal(example.result);
      }
    });
  }
});
