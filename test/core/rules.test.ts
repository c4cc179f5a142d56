import {expect} from "chai";
import type {AuditRecord, BlacklistRecord, DisputeRecord, EventRecord, WorkerRecord} from "../../pack/core/records";
import {emptyWorker} from "../../pack/core/records";
import {applyEvent, foldAll} from "../../pack/core/fold";
import type {Finding, RuleId, RuleInput} from "../../pack/core/rules";
import type {SheetRow} from "../../pack/core/records";
import {canonical, digestLog, evaluate, findingId, RULE_IDS, RULES, SEVERITIES} from "../../pack/core/rules";
import {emptyRecord} from "../../pack/ledger/store/rows";
import {AUDITS, BLACKLIST, DISPUTES} from "../../pack/ledger/store/layout";

const NOW = "2026-03-10T12:00:00.000Z";
let row = 1;

function worker(workerId: string, fields: Partial<WorkerRecord> = {}): SheetRow<WorkerRecord> {
  row++;
  return {
    row,
    record: {
      ...emptyWorker(workerId),
      name: `Name ${workerId}`,
      status: "Active",
      statusSince: "2026-01-01T00:00:00.000Z",
      bankVerification: "Verified",
      screeningVerdict: "Clear",
      documentFolder: "1FolderAbcdefghij",
      lastActivityAt: "2026-03-01T00:00:00.000Z",
      ...fields,
    },
  };
}

function blacklist(fields: Partial<BlacklistRecord>): SheetRow<BlacklistRecord> {
  return {
    row: 2,
    record: {
      ...emptyRecord(BLACKLIST),
      entryId: "B-1",
      workerId: "W-000900",
      reason: "Fraud",
      policyClause: "CoC 1.3",
      approvedAt: "2026-02-01T00:00:00.000Z",
      ...fields,
    },
  };
}

function audit(fields: Partial<AuditRecord>): SheetRow<AuditRecord> {
  return {
    row: 3,
    record: {
      ...emptyRecord(AUDITS),
      auditId: "A-1",
      kind: "Documentation",
      status: "Passed",
      completedAt: "2026-02-01T00:00:00.000Z",
      ...fields,
    },
  };
}

function dispute(fields: Partial<DisputeRecord>): SheetRow<DisputeRecord> {
  return {
    row: 4,
    record: {
      ...emptyRecord(DISPUTES),
      disputeId: "D-1",
      workerId: "W-000001",
      status: "Open",
      openedAt: "2026-03-01T00:00:00.000Z",
      dueAt: "2026-03-03T00:00:00.000Z",
      ...fields,
    },
  };
}

function only(rule: RuleId, input: Omit<RuleInput, "now"> & {now?: string}): Finding[] {
  const found = RULES.find((r) => r.id === rule)?.check({now: NOW, ...input}) ?? [];
  found.forEach((f) => expect(f.rule).to.equal(rule));
  return found;
}

interface Case {
  name: string;
  rule: RuleId;
  input: Omit<RuleInput, "now"> & {now?: string};
  /** Expected finding ids; [] means the rule must not fire. */
  ids: string[];
  severity?: string;
  says?: RegExp;
}

const bankA = {bankFingerprint: "fp-aaaa", bankMasked: "•••• 1234"};

const strike = (at: string, weight: number, expiresAt = "2026-09-01T00:00:00.000Z") => ({
  eventId: `E-${at.slice(5, 10)}`,
  at,
  policyClause: "CoC 4.2",
  weight,
  expiresAt,
});

const CASES: Case[] = [
  // strike-threshold
  {
    name: "strikes reach the threshold",
    rule: "strike-threshold",
    input: {
      strikeThreshold: 3,
      workers: [
        worker("W-000001", {strikes: [strike("2026-02-01T00:00:00.000Z", 1), strike("2026-03-01T00:00:00.000Z", 2)]}),
      ],
    },
    ids: ["strike-threshold:W-000001"],
    severity: "Warning",
    says: /2 unexpired warnings weighing 3 strikes .* at or over Settings StrikeThreshold 3\. A suspension is suggested, not taken\./,
  },
  {
    name: "an expired strike no longer counts",
    rule: "strike-threshold",
    input: {
      strikeThreshold: 3,
      workers: [
        worker("W-000001", {
          strikes: [
            strike("2025-08-01T00:00:00.000Z", 1, "2026-02-01T00:00:00.000Z"),
            strike("2026-03-01T00:00:00.000Z", 2),
          ],
        }),
      ],
    },
    ids: [],
  },
  {
    name: "a suspended worker is already suspended",
    rule: "strike-threshold",
    input: {
      strikeThreshold: 1,
      workers: [worker("W-000001", {status: "Suspended", strikes: [strike("2026-03-01T00:00:00.000Z", 2)]})],
    },
    ids: [],
  },
  // investigation-overdue
  {
    name: "an open suspension past its review date",
    rule: "investigation-overdue",
    input: {
      workers: [
        worker("W-000001", {
          status: "Suspended",
          suspensionKind: "PendingInvestigation",
          reviewDueAt: "2026-03-07T12:00:00.000Z",
        }),
      ],
    },
    ids: ["investigation-overdue:W-000001"],
    severity: "Warning",
    says: /Suspended pending investigation .* the review was due 7 March 2026/,
  },
  {
    name: "an open suspension before its review date",
    rule: "investigation-overdue",
    input: {
      workers: [
        worker("W-000001", {
          status: "Suspended",
          suspensionKind: "PendingInvestigation",
          reviewDueAt: "2026-03-20T00:00:00.000Z",
        }),
      ],
    },
    ids: [],
  },
  // shared-bank
  {
    name: "two live workers with one payout account",
    rule: "shared-bank",
    input: {workers: [worker("W-000001", bankA), worker("W-000002", {...bankA, status: "Vetting"})]},
    ids: ["shared-bank:"],
    severity: "Warning",
    says: /W-000001 \(Name W-000001\), Active.*W-000002.*same payout account \(•••• 1234\)/,
  },
  {
    name: "the other holder is offboarded",
    rule: "shared-bank",
    input: {workers: [worker("W-000001", bankA), worker("W-000002", {...bankA, status: "Offboarded"})]},
    ids: [],
  },
  {
    name: "different accounts",
    rule: "shared-bank",
    input: {workers: [worker("W-000001", bankA), worker("W-000002", {bankFingerprint: "fp-bbbb"})]},
    ids: [],
  },
  {
    name: "a row copied by hand is one worker",
    rule: "shared-bank",
    input: {workers: [worker("W-000001", bankA), worker("W-000001", bankA)]},
    ids: [],
  },
  // shared-phone
  {
    name: "a household phone",
    rule: "shared-phone",
    input: {workers: [worker("W-000001", {phone: "+525512345678"}), worker("W-000002", {phone: "+525512345678"})]},
    ids: ["shared-phone:"],
    severity: "Review",
    says: /Households share phones/,
  },
  {
    name: "different phones",
    rule: "shared-phone",
    input: {workers: [worker("W-000001", {phone: "+525512345678"}), worker("W-000002", {phone: "+525512345679"})]},
    ids: [],
  },
  // shared-email
  {
    name: "one mailbox twice",
    rule: "shared-email",
    input: {
      workers: [
        worker("W-000001", {emailKey: "ana@gmail.com"}),
        worker("W-000002", {emailKey: "ana@gmail.com", status: "Applicant"}),
      ],
    },
    ids: ["shared-email:"],
    severity: "Warning",
  },
  {name: "no email keys", rule: "shared-email", input: {workers: [worker("W-000001"), worker("W-000002")]}, ids: []},
  // blacklist-match
  {
    name: "Active worker with a blacklisted payout account",
    rule: "blacklist-match",
    input: {
      workers: [worker("W-000001", {bankFingerprint: "fp-x"})],
      blacklist: [blacklist({bankFingerprints: "fp-x fp-y"})],
    },
    ids: ["blacklist-match:B-1+W-000001"],
    severity: "Critical",
    says: /same payout account as Blacklist entry B-1 \(W-000900\).*Fraud \(CoC 1.3\)/,
  },
  {
    name: "only the phone matches",
    rule: "blacklist-match",
    input: {workers: [worker("W-000001", {phone: "+441234"})], blacklist: [blacklist({phones: "+441234"})]},
    ids: ["blacklist-match:B-1+W-000001"],
    severity: "Review",
  },
  {
    name: "email key, case-insensitively",
    rule: "blacklist-match",
    input: {
      workers: [worker("W-000001", {emailKey: "bob@x.com"})],
      blacklist: [blacklist({emailKeys: "BOB@x.com, other@x.com"})],
    },
    ids: ["blacklist-match:B-1+W-000001"],
    severity: "Critical",
  },
  {
    name: "a suspended worker is not checked",
    rule: "blacklist-match",
    input: {
      workers: [worker("W-000001", {status: "Suspended", bankFingerprint: "fp-x"})],
      blacklist: [blacklist({bankFingerprints: "fp-x"})],
    },
    ids: [],
  },
  {
    name: "the entry made from the worker",
    rule: "blacklist-match",
    input: {
      workers: [worker("W-000900", {bankFingerprint: "fp-x"})],
      blacklist: [blacklist({bankFingerprints: "fp-x"})],
    },
    ids: [],
  },
  {
    name: "nothing in common",
    rule: "blacklist-match",
    input: {
      workers: [worker("W-000001", {bankFingerprint: "fp-z", emailKey: "a@b.c"})],
      blacklist: [blacklist({bankFingerprints: "fp-x", emailKeys: "x@y.z"})],
    },
    ids: [],
  },
  // suspension-overdue
  {
    name: "suspension ended yesterday",
    rule: "suspension-overdue",
    input: {workers: [worker("W-000001", {status: "Suspended", suspendedUntil: "2026-03-09"})]},
    ids: ["suspension-overdue:W-000001"],
    severity: "Warning",
    says: /may work again from 9 March 2026/,
  },
  {
    name: "suspension ends today in the worker's zone (UTC+14)",
    rule: "suspension-overdue",
    input: {
      workers: [
        worker("W-000001", {status: "Suspended", suspendedUntil: "2026-03-11", timezone: "Pacific/Kiritimati"}),
      ],
    },
    ids: ["suspension-overdue:W-000001"],
  },
  {
    name: "suspension ends tomorrow in UTC",
    rule: "suspension-overdue",
    input: {workers: [worker("W-000001", {status: "Suspended", suspendedUntil: "2026-03-11"})]},
    ids: [],
  },
  {
    name: "already reinstated",
    rule: "suspension-overdue",
    input: {workers: [worker("W-000001", {status: "Active", suspendedUntil: "2026-03-01"})]},
    ids: [],
  },
  // vetting-incomplete
  {
    name: "Active without bank verification",
    rule: "vetting-incomplete",
    input: {workers: [worker("W-000001", {bankVerification: ""})]},
    ids: ["vetting-incomplete:W-000001"],
    says: /with no bank verification recorded/,
  },
  {
    name: "Active without either",
    rule: "vetting-incomplete",
    input: {workers: [worker("W-000001", {bankVerification: "", screeningVerdict: ""})]},
    ids: ["vetting-incomplete:W-000001"],
    says: /no bank verification and screening result recorded/,
  },
  {
    name: "no document folder is one of the gaps, listed with the others in one finding",
    rule: "vetting-incomplete",
    input: {workers: [worker("W-000001", {bankVerification: "", documentFolder: ""})]},
    ids: ["vetting-incomplete:W-000001"],
    says: /no bank verification and document folder recorded/,
  },
  {
    name: "within the vetting grace period",
    rule: "vetting-incomplete",
    input: {
      workers: [worker("W-000001", {bankVerification: "", statusSince: "2026-03-01T00:00:00.000Z"})],
      vettingGraceDays: 14,
    },
    ids: [],
  },
  {name: "fully vetted", rule: "vetting-incomplete", input: {workers: [worker("W-000001")]}, ids: []},
  {
    name: "still in vetting",
    rule: "vetting-incomplete",
    input: {workers: [worker("W-000001", {status: "Vetting", bankVerification: ""})]},
    ids: [],
  },
  // documents-missing
  {
    name: "no document folder is a vetting gap, not a documents-missing finding",
    rule: "documents-missing",
    input: {workers: [worker("W-000001", {documentFolder: ""})]},
    ids: [],
  },
  {
    name: "latest documentation audit found a missing tax form",
    rule: "documents-missing",
    input: {
      workers: [worker("W-000001")],
      audits: [audit({workerId: "W-000001", status: "Failed", missing: "tax form"})],
    },
    ids: ["documents-missing:W-000001"],
    says: /found missing: tax form/,
  },
  {
    name: "a later audit passed",
    rule: "documents-missing",
    input: {
      workers: [worker("W-000001")],
      audits: [
        audit({workerId: "W-000001", status: "Failed", missing: "tax form"}),
        audit({auditId: "A-2", workerId: "W-000001", completedAt: "2026-03-01T00:00:00.000Z"}),
      ],
    },
    ids: [],
  },
  {
    name: "a conduct audit does not count",
    rule: "documents-missing",
    input: {
      workers: [worker("W-000001")],
      audits: [audit({workerId: "W-000001", kind: "Conduct", status: "Failed", missing: "tax form"})],
    },
    ids: [],
  },
  // documents-expired
  {
    name: "passport expired",
    rule: "documents-expired",
    input: {workers: [worker("W-000001")], audits: [audit({workerId: "W-000001", documentsExpireOn: "2026-03-01"})]},
    ids: ["documents-expired:W-000001"],
    says: /expiring 1 March 2026/,
  },
  {
    name: "expires later",
    rule: "documents-expired",
    input: {workers: [worker("W-000001")], audits: [audit({workerId: "W-000001", documentsExpireOn: "2027-03-01"})]},
    ids: [],
  },
  {name: "never audited", rule: "documents-expired", input: {workers: [worker("W-000001")], audits: []}, ids: []},
  // dispute-overdue
  {
    name: "open past its due date",
    rule: "dispute-overdue",
    input: {disputes: [dispute({})]},
    ids: ["dispute-overdue:D-1"],
    says: /was due 3 March 2026 and is still Open; nobody is assigned/,
  },
  {name: "decided", rule: "dispute-overdue", input: {disputes: [dispute({status: "Decided"})]}, ids: []},
  {
    name: "due later",
    rule: "dispute-overdue",
    input: {disputes: [dispute({dueAt: "2026-03-11T00:00:00.000Z"})]},
    ids: [],
  },
  // inactive
  {
    name: "inactive 68 days",
    rule: "inactive",
    input: {workers: [worker("W-000001", {lastActivityAt: "2026-01-01T00:00:00.000Z"})], inactivityDays: 60},
    ids: ["inactive:W-000001"],
    severity: "Info",
    says: /68 days, over the 60/,
  },
  {
    name: "never active: StatusSince counts",
    rule: "inactive",
    input: {
      workers: [worker("W-000001", {lastActivityAt: "", statusSince: "2025-12-01T00:00:00.000Z"})],
      inactivityDays: 60,
    },
    ids: ["inactive:W-000001"],
    says: /StatusSince/,
  },
  {name: "active recently", rule: "inactive", input: {workers: [worker("W-000001")], inactivityDays: 60}, ids: []},
  {
    name: "the rule is off",
    rule: "inactive",
    input: {workers: [worker("W-000001", {lastActivityAt: "2025-01-01T00:00:00.000Z"})], inactivityDays: 0},
    ids: [],
  },
  // external-steps-overdue
  {
    name: "a ban owed for two days",
    rule: "external-steps-overdue",
    input: {
      workers: [
        worker("W-000001", {
          status: "Blacklisted",
          externalStepsOwed: [
            {step: "Zendesk.suspend-user", decision: "Blacklisted", eventId: "E-1", since: "2026-03-10T00:00:00.000Z"},
            {step: "Discord.ban", decision: "Blacklisted", eventId: "E-1", since: "2026-03-08T12:00:00.000Z"},
          ],
        }),
      ],
    },
    ids: ["external-steps-overdue:W-000001"],
    severity: "Warning",
    says: /still owes Discord\.ban \(since 8 March 2026, for Blacklisted\) \(Workers row/,
  },
  {
    name: "owed for less than a day",
    rule: "external-steps-overdue",
    input: {
      workers: [
        worker("W-000001", {
          externalStepsOwed: [
            {step: "Discord.ban", decision: "Blacklisted", eventId: "E-1", since: "2026-03-09T13:00:00.000Z"},
          ],
        }),
      ],
    },
    ids: [],
  },
  {name: "nothing owed", rule: "external-steps-overdue", input: {workers: [worker("W-000001")]}, ids: []},
];

describe("monitoring rules", () => {
  for (const c of CASES) {
    it(`${c.rule}: ${c.name} → ${c.ids.length ? "fires" : "does not fire"}`, () => {
      const found = only(c.rule, c.input);
      expect(found.map((f) => (f.id.startsWith(`${c.rule}:h`) ? `${c.rule}:` : f.id))).to.deep.equal(c.ids);
      for (const f of found) {
        if (c.severity) {
          expect(f.severity).to.equal(c.severity);
        }
        if (c.says) {
          expect(f.explanation).to.match(c.says);
        }
        expect(f.evidence.length, "names its evidence").to.be.greaterThan(0);
        expect(f.advice).to.not.equal("");
      }
    });
  }

  it("has a case that fires and one that does not for every rule", () => {
    // ledger-drift reads the log; log-integrity and staff-integrity are tested in test/core/trust-rules.test.ts.
    const elsewhere: readonly string[] = ["ledger-drift", "log-integrity", "staff-integrity"];
    for (const rule of RULE_IDS.filter((r) => !elsewhere.includes(r))) {
      expect(
        CASES.some((c) => c.rule === rule && c.ids.length),
        `${rule} fires`,
      ).to.equal(true);
      expect(
        CASES.some((c) => c.rule === rule && !c.ids.length),
        `${rule} stays quiet`,
      ).to.equal(true);
    }
  });

  it("gives signals households share Review, never more", () => {
    const input: RuleInput = {
      now: NOW,
      workers: [
        worker("W-000001", {phone: "+1555"}),
        worker("W-000002", {phone: "+1555"}),
        worker("W-000003", {phone: "+1666"}),
      ],
      blacklist: [blacklist({phones: "+1666"})],
    };
    const household = evaluate(input).filter(
      (f) => f.rule === "shared-phone" || (f.rule === "blacklist-match" && /only|phone$/.test(f.title)),
    );
    expect(household.map((f) => f.severity)).to.deep.equal(["Review", "Review"]);
  });

  it("keys a shared identifier by its value, so a third worker keeps the finding's id", () => {
    const two = only("shared-bank", {workers: [worker("W-000001", bankA), worker("W-000002", bankA)]});
    const three = only("shared-bank", {
      workers: [worker("W-000001", bankA), worker("W-000002", bankA), worker("W-000003", bankA)],
    });
    expect(three[0]?.id).to.equal(two[0]?.id);
    expect(three[0]?.workers.map((w) => w.workerId)).to.deep.equal(["W-000001", "W-000002", "W-000003"]);
    expect(two[0]?.id).to.not.include("fp-aaaa");
  });

  it("derives first seen from the evidence", () => {
    expect(
      only("suspension-overdue", {
        workers: [worker("W-000001", {status: "Suspended", suspendedUntil: "2026-03-09"})],
      })[0]?.firstSeen,
    ).to.equal("2026-03-09T00:00:00.000Z");
    expect(only("dispute-overdue", {disputes: [dispute({})]})[0]?.firstSeen).to.equal("2026-03-03T00:00:00.000Z");
    expect(
      only("inactive", {
        workers: [worker("W-000001", {lastActivityAt: "2026-01-01T00:00:00.000Z"})],
        inactivityDays: 60,
      })[0]?.firstSeen,
    ).to.equal("2026-03-02T00:00:00.000Z");
    const shared = only("shared-bank", {
      workers: [
        worker("W-000001", {...bankA, screenedAt: "2026-02-01T00:00:00.000Z"}),
        worker("W-000002", {...bankA, screenedAt: "2026-02-05T00:00:00.000Z"}),
      ],
    });
    expect(shared[0]?.firstSeen).to.equal("2026-02-05T00:00:00.000Z");
    expect(
      only("blacklist-match", {
        workers: [worker("W-000001", {bankFingerprint: "fp-x"})],
        blacklist: [blacklist({bankFingerprints: "fp-x"})],
      })[0]?.firstSeen,
    ).to.equal("2026-02-01T00:00:00.000Z");
  });

  it("findingId sorts keys and hashes long key lists", () => {
    expect(findingId("blacklist-match", ["W-2", "B-1"])).to.equal(findingId("blacklist-match", ["B-1", "W-2"]));
    expect(findingId("blacklist-match", ["W-2", "B-1"])).to.equal("blacklist-match:B-1+W-2");
    expect(
      findingId(
        "shared-bank",
        Array.from({length: 20}, (_, i) => `W-${i}`),
      ),
    ).to.match(/^shared-bank:h[0-9a-f]{20}$/);
  });

  it("evaluate filters by rule and severity and lists the most severe first", () => {
    const input: RuleInput = {
      now: NOW,
      workers: [
        worker("W-000001", {phone: "+1", bankFingerprint: "fp-x"}),
        worker("W-000002", {phone: "+1", bankVerification: ""}),
      ],
      blacklist: [blacklist({bankFingerprints: "fp-x"})],
    };
    expect(evaluate(input).map((f) => f.rule)).to.deep.equal(["blacklist-match", "vetting-incomplete", "shared-phone"]);
    expect(evaluate(input, {severities: new Set(["Review"])}).map((f) => f.rule)).to.deep.equal(["shared-phone"]);
    expect(evaluate(input, {rules: new Set(["vetting-incomplete"])}).map((f) => f.id)).to.deep.equal([
      "vetting-incomplete:W-000002",
    ]);
    expect(SEVERITIES).to.deep.equal(["Info", "Review", "Warning", "Critical"]);
  });

  it("skips a field whose cell could not be read", () => {
    const broken = {
      ...worker("W-000001", {status: "Suspended", suspendedUntil: ""}),
      invalid: new Set(["suspendedUntil"]),
    };
    expect(only("suspension-overdue", {workers: [broken]})).to.deep.equal([]);
  });
});

describe("ledger drift", () => {
  const t = (d: number) => new Date(Date.UTC(2026, 0, d)).toISOString();
  function event(
    workerId: string,
    seq: number,
    type: string,
    changes: EventRecord["changes"],
    day: number,
  ): EventRecord {
    return {
      eventId: `E-${workerId}-${seq}`,
      time: t(day),
      actor: "sam@x",
      workerId,
      type,
      fromStatus: "",
      toStatus: changes.status ?? "",
      reason: "",
      policyClause: "",
      evidence: "",
      details: "",
      changes,
      seq,
      requestKey: "",
    };
  }
  const log = [
    event("W-000001", 1, "ApplicantAdded", {name: "Ana", status: "Applicant", emailKey: "ana@x.com"}, 1),
    event("W-000002", 1, "ApplicantAdded", {name: "Bo", status: "Applicant"}, 1),
    event("W-000001", 2, "VettingStarted", {status: "Vetting"}, 2),
    {...event("", 0, "StaffAdded", {}, 2), workerId: ""},
    event("W-000001", 0, "AuditScheduled", {}, 3),
    event("W-000001", 3, "Approved", {status: "Active", bankFingerprint: "fp1"}, 4),
  ];
  const rows = (): Array<SheetRow<WorkerRecord>> => {
    const folds = foldAll(log);
    return ["W-000001", "W-000002"].map((id, i) => ({row: i + 2, record: folds.get(id)?.worker as WorkerRecord}));
  };
  const fold = (): RuleInput["log"] => ({kind: "fold", folds: foldAll(log)});
  const digest = (): RuleInput["log"] => ({kind: "digest", digests: digestLog(log)});

  it("stays quiet when every row is the fold of its events (both views)", () => {
    expect(only("ledger-drift", {workers: rows(), log: fold()})).to.deep.equal([]);
    expect(only("ledger-drift", {workers: rows(), log: digest()})).to.deep.equal([]);
  });

  it("fires on a status edited by hand, naming the field and the last decision", () => {
    const edited = rows();
    (edited[0] as SheetRow<WorkerRecord>).record = {
      ...(edited[0] as SheetRow<WorkerRecord>).record,
      status: "Suspended",
    };
    const [f] = only("ledger-drift", {workers: edited, log: fold()});
    expect(f?.id).to.equal("ledger-drift:W-000001");
    expect(f?.explanation).to.match(/status is "Suspended" on the row but "Active" in the log/);
    expect(f?.evidence).to.include("Decision E-W-000001-3 (the last about W-000001)");
    expect(f?.firstSeen).to.equal(t(4));
    const [g] = only("ledger-drift", {workers: edited, log: digest()});
    expect(g?.explanation).to.match(/status is "Suspended" on the row but the last decision leaves "Active"/);
  });

  it("fires on a bank fingerprint edited by hand only when the whole log is folded", () => {
    const edited = rows();
    (edited[0] as SheetRow<WorkerRecord>).record = {
      ...(edited[0] as SheetRow<WorkerRecord>).record,
      bankFingerprint: "fp-other",
    };
    expect(only("ledger-drift", {workers: edited, log: fold()})[0]?.explanation).to.match(
      /bankFingerprint is "fp-other" on the row but "fp1" in the log/,
    );
    expect(only("ledger-drift", {workers: edited, log: digest()})).to.deep.equal([]);
  });

  it("fires on a deleted row, a row with no decisions and a gap in the sequence", () => {
    const withoutSecond = rows().slice(0, 1);
    expect(only("ledger-drift", {workers: withoutSecond, log: fold()}).map((f) => f.title)).to.deep.equal([
      "W-000002 is in the decision log but has no Workers row",
    ]);
    const extra: SheetRow<WorkerRecord> = {row: 9, record: {...emptyWorker("W-000003"), name: "Hand"}};
    expect(only("ledger-drift", {workers: [...rows(), extra], log: digest()})[0]?.explanation).to.match(
      /no decision about W-000003 is in the log/,
    );
    const gap = [...log, event("W-000002", 3, "Approved", {status: "Active"}, 5)];
    const folded = foldAll(gap);
    const consistent = [
      {row: 2, record: folded.get("W-000001")?.worker as WorkerRecord},
      {row: 3, record: folded.get("W-000002")?.worker as WorkerRecord},
    ];
    const found = only("ledger-drift", {workers: consistent, log: {kind: "digest", digests: digestLog(gap)}});
    expect(found.map((f) => f.id)).to.deep.equal(["ledger-drift:W-000002"]);
    expect(found[0]?.explanation).to.match(/gap or repeat: E-W-000002-3 has sequence 3 where 2 was expected/);
  });

  it("digestLog follows foldWorker's sequence rules", () => {
    const d = digestLog(log).get("W-000001");
    expect(d).to.deep.equal({
      workerId: "W-000001",
      maxSeq: 3,
      lastEventId: "E-W-000001-3",
      lastStatus: "Active",
      lastTime: t(4),
      problems: [],
    });
    expect(applyEvent(undefined, log[0] as EventRecord).version).to.equal(1);
  });

  it("canonical ignores key order, undefined and empty lists", () => {
    expect(canonical({b: 1, a: "x", c: undefined})).to.equal(canonical({a: "x", b: 1}));
    expect(canonical([])).to.equal(canonical(null));
    expect(canonical([{kind: "Notice", detail: undefined}])).to.equal(canonical([{kind: "Notice"}]));
    expect(canonical({a: 1})).to.not.equal(canonical({a: 2}));
  });
});
