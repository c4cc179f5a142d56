// Addresses, message ids, Authentication-Results, masking, header safety and worker-facing text.
import {expect} from "chai";
import fc from "fast-check";
import {headerFields, isMailAddress, isMsgId, msgIdList, parseSender} from "../../pack/core/address";
import {aligned, parseAuthResults, proveSender} from "../../pack/core/auth-results";
import {headerProblems} from "../../pack/core/headers";
import {holdsClearNumber, maskNumbers} from "../../pack/core/mask";
import {buildMime} from "../../pack/core/mime/build";
import type {OutgoingMail} from "../../pack/core/mime/build";
import {decodeWords} from "../../pack/core/mime/codecs";
import {automatedChecks, DOCUMENTS_AUDIT_WORDS, forWorker, knownChecks} from "../../pack/core/worker-facts";
import type {NoticeInput, NoticeKind} from "../../pack/core/notices";
import {composeNotice, NOTICE_KINDS} from "../../pack/core/notices";
import {parseMessage} from "../../emulator/gmail";

const GMAIL_PASS = [
  "mx.google.com;",
  "       dkim=pass header.i=@example.com header.s=20230601 header.b=Qx7rT2pL;",
  "       spf=pass (google.com: domain of ana@example.com designates 209.85.220.41 as permitted sender) smtp.mailfrom=ana@example.com;",
  "       dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=example.com",
].join("\r\n");

describe("RFC 5322 senders, before RFC 2047 decoding", () => {
  it("takes the angle-addr, and decodes only the display name", () => {
    expect(parseSender("=?UTF-8?Q?Ana_P=C3=A9rez?= <Ana.Perez+jobs@googlemail.com>", decodeWords)).to.deep.equal({
      email: "Ana.Perez+jobs@googlemail.com",
      name: "Ana Pérez",
    });
    expect(parseSender('"Pérez, Ana" <ana@example.com>')).to.deep.equal({email: "ana@example.com", name: "Pérez, Ana"});
    expect(parseSender("ana@example.com (Ana at home)")).to.deep.equal({email: "ana@example.com", name: ""});
    expect(parseSender("Ana\r\n <ana@example.com>").email).to.equal("ana@example.com");
  });

  it("never takes an address from a display name, a comment or an encoded word", () => {
    // The attacker's own address is the sender; the victim's is text.
    expect(parseSender('"victim@example.com" <attacker@evil.example>').email).to.equal("attacker@evil.example");
    expect(parseSender("victim@example.com <attacker@evil.example>").email).to.equal("attacker@evil.example");
    expect(parseSender("(victim@example.com) attacker@evil.example").email).to.equal("attacker@evil.example");
    // "<victim@example.com>" hidden in a B word, and "victim@example.com" in a Q word: no address at all.
    const b = `=?UTF-8?B?${Buffer.from("<victim@example.com>").toString("base64")}?=`;
    expect(parseSender(b)).to.include({email: ""});
    expect(parseSender("=?UTF-8?Q?victim=40example.com?=")).to.include({email: ""});
    expect(parseSender(`${b} (victim@example.com)`)).to.include({email: ""});
  });

  it("refuses groups, lists and broken values", () => {
    expect(parseSender("a@example.com, b@example.com").problem).to.match(/several/);
    expect(parseSender("Team: a@example.com;").problem).to.match(/several|group/);
    expect(parseSender('"unclosed <a@example.com>').problem).to.match(/not well formed/);
    expect(parseSender("<a@example.com> trailing").problem).to.match(/after/);
    expect(parseSender("<not an address>").email).to.equal("");
  });

  it("validates addresses and msg-ids exactly", () => {
    expect(isMailAddress("ana.perez@example.com")).to.equal(true);
    for (const bad of ["a@b.com\r\nBcc: x@y.z", "a b@c.com", "@c.com", "a@", "a@b", "a@-b.com", "<a@b.com>", ""]) {
      expect(isMailAddress(bad), bad).to.equal(false);
    }
    expect(isMsgId("<CA+abc.1@mail.gmail.com>")).to.equal(true);
    expect(isMsgId("<a@[127.0.0.1]>")).to.equal(true);
    for (const bad of [
      "a@b",
      "<a@b>\r\nBcc: x@y",
      "<a b@c>",
      "<a@b> <c@d>",
      "<é@b>",
      "<@b>",
      `<${"a".repeat(300)}@b>`,
    ]) {
      expect(isMsgId(bad), bad).to.equal(false);
    }
    expect(msgIdList("<a@b>\r\n <c@d> junk <e f@g> <h@i>")).to.deep.equal(["<a@b>", "<c@d>", "<h@i>"]);
  });

  it("no generated header value with CR or LF is ever a msg-id or an address", () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom("\r", "\n", "\r\n"), fc.string(), (a, nl, b) => {
        return !isMsgId(`<${a}${nl}${b}@x>`) && !isMailAddress(`${a}${nl}${b}@x.com`);
      }),
    );
  });
});

describe("Authentication-Results (RFC 8601) and DMARC alignment (RFC 7489)", () => {
  it("reads Gmail's header, comments and all", () => {
    const parsed = parseAuthResults(GMAIL_PASS);
    expect(parsed.authservId).to.equal("mx.google.com");
    expect(parsed.results.map((r) => `${r.method}=${r.result}`)).to.deep.equal(["dkim=pass", "spf=pass", "dmarc=pass"]);
    expect(parsed.results[1]?.props.get("smtp.mailfrom")).to.equal("ana@example.com");
    expect(parsed.results[2]?.props.get("header.from")).to.equal("example.com");
  });

  it("proves a sender by DMARC pass, or by an aligned SPF or DKIM pass", () => {
    expect(proveSender([GMAIL_PASS], "ana@example.com").verified).to.equal(true);
    expect(
      proveSender(["mx.google.com; spf=pass smtp.mailfrom=bounce@mail.example.com"], "ana@example.com"),
    ).to.include({verified: true});
    expect(
      proveSender(["mx.google.com; dkim=pass header.i=@example.com; spf=fail smtp.mailfrom=x@y.z"], "a@example.com"),
    ).to.include({verified: true});
    expect(aligned("mail.example.com", "example.com")).to.equal(true);
    expect(aligned("a.example.com", "b.example.com")).to.equal(false);
    expect(aligned("example.com.evil.example", "example.com")).to.equal(false);
  });

  it("never proves a DMARC failure, an unaligned pass, a missing header or one Gmail did not write on top", () => {
    const fail = "mx.google.com; spf=pass smtp.mailfrom=x@evil.example; dmarc=fail (p=NONE) header.from=example.com";
    expect(proveSender([fail], "ana@example.com")).to.deep.equal({
      verified: false,
      reason: "it fails DMARC for example.com: the From address may be forged",
    });
    expect(
      proveSender(
        ["mx.google.com; spf=pass smtp.mailfrom=x@evil.example; dkim=pass header.i=@evil.example"],
        "a@example.com",
      ),
    ).to.include({verified: false});
    expect(proveSender(["mx.google.com; spf=softfail smtp.mailfrom=a@example.com"], "a@example.com")).to.include({
      verified: false,
    });
    expect(proveSender([], "a@example.com").reason).to.match(/no Authentication-Results/);
    // A forged "pass" the sender wrote sits below the one Gmail prepended; only the top one counts.
    expect(proveSender([fail, GMAIL_PASS], "ana@example.com").verified).to.equal(false);
    expect(
      proveSender(["evil.example; dmarc=pass header.from=example.com", GMAIL_PASS], "ana@example.com").verified,
    ).to.equal(false);
    // A comment holding "dmarc=pass" proves nothing.
    expect(
      proveSender(["mx.google.com; spf=none (dmarc=pass) smtp.mailfrom=a@example.com"], "a@example.com").verified,
    ).to.equal(false);
  });
});

describe("header fields of a message as received", () => {
  it("unfolds each field, keeps encoded words, and stops at the body", () => {
    const raw = [
      "Authentication-Results: mx.google.com;",
      "       dmarc=pass header.from=example.com",
      "From: =?UTF-8?Q?ana=40example.com?=",
      "Subject: Hi",
      "",
      "From: body@evil.example",
    ].join("\r\n");
    expect(headerFields(raw)).to.deep.equal([
      {name: "Authentication-Results", value: "mx.google.com;       dmarc=pass header.from=example.com"},
      {name: "From", value: "=?UTF-8?Q?ana=40example.com?="},
      {name: "Subject", value: "Hi"},
    ]);
    expect(parseSender(headerFields(raw)[1]?.value ?? "", decodeWords).email).to.equal("");
  });
});

describe("masking numbers in what workers write", () => {
  it("masks IBANs, passports, cards, bank and phone numbers, keeping the last four", () => {
    expect(maskNumbers("My IBAN is DE89 3704 0044 0532 0130 00 and passport X1234567.")).to.equal(
      "My IBAN is •••• 3000 and passport •••• 4567.",
    );
    expect(maskNumbers("IBAN GB82WEST12345698765432")).to.equal("IBAN •••• 5432");
    expect(maskNumbers("card 4111 1111 1111 1111, CLABE 032180000118359719")).to.equal(
      "card •••• 1111, CLABE •••• 9719",
    );
    expect(maskNumbers("call +52 55 1234 5678 or 55 1234 5678")).to.equal("call •••• 5678 or •••• 5678");
    expect(maskNumbers("passport G12345678 and CURP GODE561231HDFRRN09")).to.equal(
      "passport •••• 5678 and CURP •••• RN09",
    );
  });

  it("keeps dates, times, amounts and the pack's own ids", () => {
    const text = "On 02/01/2026 at 15:00 (2026-01-05T10:00:00Z) W-000123 and D-000001 were paid $1,250.00 for 3 tasks.";
    expect(maskNumbers(text)).to.equal(text);
    expect(holdsClearNumber(text)).to.equal(false);
  });

  it("finds numbers written to slip past it: lower case, brackets, one digit at a time, hidden separators, other digits", () => {
    const cases: Array<[string, string]> = [
      ["iban de89 3704 0044 0532 0130 00 please", "iban •••• 3000 please"],
      ["card 4111-1111-1111-1111.", "card •••• 1111."],
      ["card 4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 ok", "card •••• 1111 ok"],
      ["card 4111_1111_1111_1111 ok", "card •••• 1111 ok"],
      ["passport AB1234567 and 12AB34567", "passport •••• 4567 and •••• 4567"],
      ["call (415) 555-0123 or +1 (415) 555-0123", "call •••• 0123 or •••• 0123"],
      ["call 020 7946 0958 or 07700 900123", "call •••• 0958 or •••• 0123"],
      ["IBAN DE89\u200b3704\u200b0044\u200b0532\u200b0130\u200b00", "IBAN •••• 3000"],
      ["IBAN DE89\u00ad3704\u00ad0044\u00ad0532\u00ad0130\u00ad00", "IBAN •••• 3000"],
      ["IBAN DE89\u00a03704\u00a00044\u00a00532\u00a00130\u00a000", "IBAN •••• 3000"],
      [
        "card \uff14\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11",
        "card •••• 1111",
      ],
      ["passport \uff38\uff11\uff12\uff13\uff14\uff15\uff16\uff17", "passport •••• 4567"],
      ["phone \u0665\u0665\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668", "phone •••• 5678"],
    ];
    for (const [text, masked] of cases) {
      expect(maskNumbers(text), JSON.stringify(text)).to.equal(masked);
    }
    // Text with nothing to mask keeps its own characters.
    expect(maskNumbers("Ｔｈａｎｋ ｙｏｕ, 3 tasks on 02/01/2026")).to.equal(
      "Ｔｈａｎｋ ｙｏｕ, 3 tasks on 02/01/2026",
    );
  });

  it("leaves no run of six digits behind, whatever the separators", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({min: 0, max: 9}), {minLength: 8, maxLength: 20}),
        fc.constantFrom(" ", "-", ""),
        (digits, sep) => {
          const groups = digits.join("").match(/.{1,4}/g) ?? [];
          const masked = maskNumbers(`number ${groups.join(sep)} end`);
          return !/\d{5,}/.test(masked.replace(/\D+/g, (m) => (m === sep ? "" : " ")));
        },
      ),
    );
  });
});

const MAIL: OutgoingMail = {
  from: {name: "Trust & Safety team", email: "sam@company.example"},
  to: {name: "Ana Pérez", email: "ana@example.com"},
  subject: "Decision",
  text: "Hello",
  messageId: "<notice.E-1.Suspension@trust-and-safety.invalid>",
  date: "2026-01-05T10:00:00Z",
};

describe("mail headers nobody can inject", () => {
  const INJECT = "\r\nBcc: leak@evil.example";
  const cases: Array<[string, Partial<OutgoingMail>]> = [
    ["Reply-To", {replyTo: `appeals@company.example${INJECT}`}],
    ["To", {to: {name: "Ana", email: `ana@example.com${INJECT}`}}],
    ["From", {from: {name: "T&S", email: `sam@company.example${INJECT}`}}],
    ["Message-ID", {messageId: `<a@b>${INJECT}`}],
    ["In-Reply-To", {inReplyTo: `<a@b>${INJECT}`}],
    ["References", {references: ["<a@b>", `<c@d>${INJECT}`]}],
  ];
  for (const [field, change] of cases) {
    it(`refuses CR/LF in ${field}`, () => {
      expect(headerProblems({...MAIL, ...change})).to.have.length(1);
      expect(() => buildMime({...MAIL, ...change})).to.throw(/The mail was not sent/);
    });
  }

  it("writes names and the subject on one line: a CR or LF there never makes a second header", () => {
    const mime = buildMime({
      ...MAIL,
      from: {name: `Team${INJECT}`, email: MAIL.from.email},
      to: {name: `Ana${INJECT}`, email: MAIL.to.email},
      subject: `Hello${INJECT}`,
    });
    const head = mime.slice(0, mime.indexOf("\r\n\r\n"));
    expect(parseMessage(Buffer.from(mime)).headers.map((h) => h.name)).not.to.include("Bcc");
    expect(head.split("\r\n").filter((l) => /^bcc:/i.test(l))).to.have.length(0);
  });
});

describe("what a worker is told", () => {
  const record = {
    screeningVerdict: "Match",
    bankVerification:
      "Valid IBAN (DE). Same account as W-000002 (María José Rodríguez). On the Blacklist: B-CKENR9T1VS.",
  };

  it("names the kind of automated check, never the other person", () => {
    const said = automatedChecks(record, "", true);
    expect(said).to.include("an automated duplicate-account check matched your payout account to another account");
    expect(said).to.include("an automated screening check");
    for (const other of ["W-000002", "María", "B-CKENR9T1VS", "Same account"]) {
      expect(said).not.to.include(other);
    }
  });

  it("keeps a stored automated-checks line to the phrases the pack writes", () => {
    const written = automatedChecks(record, "shared-phone:W-000001+W-000002", true);
    expect(knownChecks(written)).to.equal(written);
    expect(knownChecks(`${written}; Same account as W-000002 (María José Rodríguez)`)).to.equal(written);
    expect(knownChecks("matched María José Rodríguez, W-000002")).to.equal("");
    expect(knownChecks(DOCUMENTS_AUDIT_WORDS)).to.equal(DOCUMENTS_AUDIT_WORDS);
  });

  it("derives whether checks were involved from the evidence", () => {
    expect(automatedChecks(record, "Copied answers on 2 November (task log)", false)).to.equal("");
    expect(automatedChecks(record, "shared-phone:W-000001+W-000002", false)).to.equal(
      "an automated duplicate-account check matched your phone number to another account",
    );
    expect(automatedChecks(record, "See audit A-7KX2M9QPZR", false)).to.match(/review of your work/);
    expect(automatedChecks({screeningVerdict: "Clear", bankVerification: "Valid IBAN (DE)."}, "", true)).to.equal("");
  });

  it("scrubs other workers' ids, Blacklist ids, finding ids and numbers from a specialist's text", () => {
    expect(
      forWorker(
        "Same account as W-000002 and W-000001; B-CKENR9T1VS; shared-bank:W-000001+W-000002; IBAN DE89370400440532013000",
        "W-000001",
      ),
    ).to.equal(
      "Same account as another account and W-000001; an account closed permanently; an automated check; IBAN •••• 3000",
    );
  });

  it("drops the names the pack writes after other people's ids, and other people's email addresses", () => {
    // The issue's own example: a bank check's text copied into the reason.
    expect(
      forWorker(
        "Same account as W-000002 (María José Rodríguez). On the Blacklist: B-CKENR9T1VS (Kofi Mensah). Mail maria.jose@example.org; you are W-000001 (Ana), ana@example.com.",
        "W-000001",
        "Ana@Example.com",
      ),
    ).to.equal(
      "Same account as another account. On the Blacklist: an account closed permanently. Mail another email address; you are W-000001 (Ana), ana@example.com.",
    );
  });
});

/** What each kind needs besides its text, typed by kind so that a new kind must be added here. */
const KIND_NEEDS: Record<NoticeKind, Partial<NoticeInput>> = {
  Welcome: {},
  Rejection: {},
  Suspension: {until: "2030-01-15"},
  Reinstatement: {},
  Offboarding: {},
  Blacklist: {},
  AuditFeedback: {},
  DisputeReceived: {disputeId: "D-000001", category: "Payment", openedAt: "2026-01-05T10:00:00Z"},
  DisputeOutcome: {disputeId: "D-000001", category: "Payment", outcome: "Rejected", openedAt: "2026-01-05T10:00:00Z"},
  Warning: {strikes: 2, strikeThreshold: 3},
  SuspensionExtension: {until: "2030-02-15", previously: "2030-01-15"},
  BlacklistLifted: {},
};

describe("every notice kind, composed from text that names other people", () => {
  const others = ["W-000002", "María José Rodríguez", "maria.jose@example.org", "B-CKENR9T1VS", "Kofi", "4111"];
  const hostile =
    "Same account as W-000002 (María José Rodríguez), maria.jose@example.org, card 4111 1111 1111 1111; On the Blacklist: B-CKENR9T1VS (Kofi Mensah); shared-bank:W-000001+W-000002";
  const record = {screeningVerdict: "Match", bankVerification: `Valid IBAN (DE). ${hostile}`};
  for (const kind of NOTICE_KINDS) {
    it(`${kind} says nothing of anyone else`, () => {
      const said = (text: string) => forWorker(text, "W-000001", "ana@example.com");
      const notice = composeNotice({
        kind,
        workerName: "Ana Pérez",
        workerId: "W-000001",
        decidedAt: "2026-01-05T10:00:00Z",
        reason: said(hostile),
        findings: said(hostile),
        improvements: said(hostile),
        policyClause: "CoC 1.3",
        automated: automatedChecks(record, hostile, true),
        ...KIND_NEEDS[kind],
      });
      for (const other of others) {
        expect(`${notice.subject}\n${notice.text}\n${notice.html}`, `${kind} names ${other}`).not.to.include(other);
      }
    });
  }
});
