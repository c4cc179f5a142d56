// Issue 15, tried as an attacker, an insider and a privacy reviewer would: notices that tell each
// worker only their own case, headers nobody can inject, dispute emails that prove their sender.
import {expect} from "chai";
import {gmailOf} from "../../emulator/gmail";
import {apiHeaderValue} from "../../emulator/gmail";
import type {ReceivedAuth} from "../../emulator/gmail";
import {NOTICE_KINDS} from "../../pack/core/notices";
import {failureOf, setupLedger, tabRecords} from "../helpers/fixture";
import type {LedgerFixture} from "../helpers/fixture";
import {activeWorker, grantGmail, outbox, read, setSetting, workerMail} from "../helpers/gmail";
import type {Row} from "../helpers/gmail";
import {rng, syntheticIban} from "../helpers/people";
import {seedScheduledAudit} from "../helpers/worlds";

type Obj = Record<string, unknown>;
const INJECT = "\r\nBcc: leak@evil.example";

function noBcc(f: LedgerFixture): void {
  for (const sent of outbox(f)) {
    const head = sent.mime.slice(0, sent.mime.indexOf("\r\n\r\n"));
    expect(head, "a sent header block").not.to.match(/^bcc:/im);
    expect(head).not.to.include("leak@evil.example");
  }
}

describe("safe communication: headers nobody can inject", function () {
  let f: LedgerFixture;
  let id: string;
  beforeEach(async () => {
    f = await setupLedger({timezone: "UTC"});
    grantGmail(f.team.lead, f.team.lead2, f.team.specialist);
    id = await activeWorker(f);
  });
  afterEach(async () => f.close());

  const suspend = (user = f.team.specialist) =>
    f.run.formula<Row>(
      "SuspendWorker",
      [f.ledger, id, "Copied answers on 2 January", "CoC 4.2", new Date("2030-01-15T00:00:00Z")],
      user,
    );

  it("through Settings: an AppealContact with CRLF keeps the notice pending, with the problem in words", async () => {
    setSetting(f, "AppealContact", `appeals@tns.example${INJECT}`);
    const worker = await suspend();
    expect(worker.Status).to.equal("Suspended");
    expect(outbox(f)).to.have.length(0);
    expect(String(worker.PendingActions)).to.match(/Not done: Notice: .*AppealContact .* not one email address/);
    const err = await failureOf(f.run.formula("SendNotice", [f.ledger, id, "Suspension"], f.team.specialist));
    expect(err.message).to.match(/AppealContact/);
    setSetting(f, "AppealContact", "appeals@tns.example");
    await f.run.formula("SendNotice", [f.ledger, id, "Suspension"], f.team.specialist);
    expect(outbox(f)).to.have.length(1);
    expect(read(outbox(f)[0]?.mime ?? "").header("Reply-To")).to.equal("appeals@tns.example");
    noBcc(f);
  });

  it("through Settings: a NoticeSenderName with CRLF keeps the notice pending", async () => {
    setSetting(f, "NoticeSenderName", `Trust${INJECT}`);
    const worker = await suspend();
    expect(outbox(f)).to.have.length(0);
    expect(String(worker.PendingActions)).to.match(/NoticeSenderName .* not one line/);
  });

  it("through Settings: a dispute's notice is kept pending too, and the dispute says why", async () => {
    setSetting(f, "AppealContact", `appeals@tns.example${INJECT}`);
    const opened = await f.run.formula<Obj>(
      "OpenDispute",
      [f.ledger, id, "Payment", "Payout missing", "", true],
      f.team.lead,
    );
    expect(outbox(f)).to.have.length(0);
    expect(String(opened.NoticeStatus)).to.match(/pending since .* Not sent: .*AppealContact .* not one email address/);
    expect(String(tabRecords(f, "Disputes")[0]?.PendingNotice)).to.include("DisputeReceived");
    const err = await failureOf(f.run.formula("SendNotice", [f.ledger, id, "DisputeReceived"], f.team.lead));
    expect(err.message).to.match(/AppealContact/);
    setSetting(f, "AppealContact", "appeals@tns.example");
    await f.run.formula("SendNotice", [f.ledger, id, "DisputeReceived"], f.team.lead);
    expect(outbox(f)).to.have.length(1);
    noBcc(f);
  });

  it("through a Disputes cell: a hand-edited MessageId never reaches In-Reply-To or References", async () => {
    const opened = await f.run.formula<Obj>(
      "OpenDispute",
      [f.ledger, id, "Payment", "Payout missing", "18c0000000009999"],
      f.team.lead,
    );
    const rows = tabRowsRef(f, "Disputes");
    const col = (rows[0] ?? []).indexOf("MessageId");
    expect(col).to.be.greaterThan(-1);
    (rows[1] as Array<string | number | boolean | undefined>)[col] = `<ok@example.com>${INJECT}`;
    await f.run.formula("ResolveDispute", [f.ledger, opened.DisputeId, "Rejected", "Paid on 3 January"], f.team.lead);
    // No thread and no usable Message-ID: the outcome goes as a new mail, and nothing was injected.
    expect(outbox(f)).to.have.length(1);
    const mail = read(outbox(f)[0]?.mime ?? "");
    expect(mail.header("In-Reply-To")).to.equal("");
    expect(mail.header("References")).to.equal("");
    noBcc(f);
  });

  it("through an incoming Message-ID whose encoded word decodes to CRLF", async () => {
    const evil = `=?UTF-8?Q?<x@example.com>=0D=0ABcc:_leak@evil.example?=`;
    const message = gmailOf(f.emu.state).deliver(
      f.team.specialist.email,
      workerMail({
        from: "Ana Pérez <ana.perez@gmail.com>",
        to: f.team.specialist.email,
        subject: "Appeal",
        body: "Please review my suspension.",
        messageId: evil,
      }),
      {labels: ["INBOX", "Disputes"]},
    );
    const flagged = await f.run.formula<Obj>(
      "FlagDispute",
      [f.ledger, message.threadId, "Payment", "", true],
      f.team.specialist,
    );
    expect(flagged.DisputeId).to.equal("D-000001");
    expect(tabRecords(f, "Disputes")[0]?.MessageId ?? "").to.equal("");
    expect(outbox(f)).to.have.length(1);
    noBcc(f);
  });
});

/** The emulator's own rows of a tab (edits change the ledger). */
function tabRowsRef(f: LedgerFixture, title: string): Array<Array<string | number | boolean | undefined>> {
  const sheet = f.emu.state.spreadsheets.get(f.spreadsheetId)?.sheets.find((s) => s.properties.title === title);
  return (sheet?.rows ?? []) as Array<Array<string | number | boolean | undefined>>;
}

describe("safe communication: dispute emails prove their sender", function () {
  let f: LedgerFixture;
  let id: string;
  beforeEach(async () => {
    f = await setupLedger({timezone: "UTC"});
    grantGmail(f.team.lead, f.team.lead2, f.team.specialist);
    id = await activeWorker(f, "Ana Pérez", "ana.perez@gmail.com");
  });
  afterEach(async () => f.close());

  const incoming = (from: string, auth?: ReceivedAuth, body = "I dispute my suspension.") =>
    gmailOf(f.emu.state).deliver(
      f.team.specialist.email,
      workerMail({
        from,
        to: f.team.specialist.email,
        subject: "Appeal",
        body,
        messageId: `<m${Math.random()}@x.example>`,
      }),
      {labels: ["INBOX", "Disputes"], auth},
    );
  const flag = (threadId: string) =>
    f.run.formula<Obj>("FlagDispute", [f.ledger, threadId, "SuspensionAppeal", "", true], f.team.specialist);

  it("carries Authentication-Results as Gmail writes it, and header values as Gmail returns them", async () => {
    const m = incoming("=?UTF-8?Q?Ana_P=C3=A9rez?= <ana.perez@gmail.com>");
    // Stored as received: Gmail's header on top, folded, the From still encoded.
    expect(m.rawHeaders[0]?.name).to.equal("Authentication-Results");
    expect(m.rawHeaders[0]?.value).to.match(/^mx\.google\.com;\r\n {7}dkim=pass header\.i=@gmail\.com /);
    expect(m.rawHeaders[0]?.value).to.match(/dmarc=pass \(p=NONE sp=NONE dis=NONE\) header\.from=gmail\.com$/);
    expect(m.rawHeaders.find((h) => h.name === "From")?.value).to.equal(
      "=?UTF-8?Q?Ana_P=C3=A9rez?= <ana.perez@gmail.com>",
    );
    // Served as real responses show: unfolded (the folding whitespace kept), encoded words decoded.
    const auth = m.rawHeaders[0]?.value ?? "";
    expect(apiHeaderValue(auth, "decoded")).to.match(/^mx\.google\.com; {7}dkim=pass header\.i=@gmail\.com /);
    expect(apiHeaderValue(auth, "decoded")).not.to.match(/[\r\n]/);
    expect(apiHeaderValue("=?UTF-8?Q?Ana_P=C3=A9rez?= <ana.perez@gmail.com>", "decoded")).to.equal(
      "Ana Pérez <ana.perez@gmail.com>",
    );
    expect(apiHeaderValue("=?UTF-8?Q?Ana_P=C3=A9rez?= <ana.perez@gmail.com>", "encoded")).to.equal(
      "=?UTF-8?Q?Ana_P=C3=A9rez?= <ana.perez@gmail.com>",
    );
    expect(gmailOf(f.emu.state).headerValues).to.equal("decoded");
  });

  it("refuses a From that fails DMARC: no dispute and no mail for the impersonated worker", async () => {
    const spoof = incoming("Ana Pérez <ana.perez@gmail.com>", {spf: "fail", dkim: "none", mailFrom: "x@evil.example"});
    const err = await failureOf(flag(spoof.threadId));
    expect(err.message).to.match(
      /does not prove who sent it: it fails DMARC for gmail\.com.*\(rule: sender-verified\)/,
    );
    expect(tabRecords(f, "Disputes")).to.have.length(0);
    expect(outbox(f)).to.have.length(0);
    const emails = (await f.run.sync<Obj>("DisputeEmails", [f.ledger], f.team.specialist)).rows;
    expect(emails[0]).to.include({SenderVerified: false});
    expect(emails[0]?.WorkerId).to.equal(undefined);
  });

  it("refuses an SPF pass for another domain (unaligned), and a message with no authentication results", async () => {
    const unaligned = incoming("Ana <ana.perez@gmail.com>", {
      spf: "pass",
      mailFrom: "bounce@evil.example",
      dkim: "pass",
      dkimDomain: "evil.example",
      dmarc: "none",
    });
    await failureOf(flag(unaligned.threadId));
    const bare = gmailOf(f.emu.state).deliver(
      f.team.specialist.email,
      workerMail({
        from: "ana.perez@gmail.com",
        to: f.team.specialist.email,
        subject: "Hi",
        body: "x",
        messageId: "<b@x>",
      }),
      {labels: ["INBOX"], auth: false},
    );
    expect((await failureOf(flag(bare.threadId))).message).to.match(/no Authentication-Results/);
    expect(tabRecords(f, "Disputes")).to.have.length(0);
  });

  // Whether Gmail's metadata comes back decoded or as received, the sender is read as received.
  for (const mode of ["decoded", "encoded"] as const) {
    it(`never matches an address hidden in an encoded word, a display name or a comment (values ${mode})`, async () => {
      gmailOf(f.emu.state).headerValues = mode;
      const b64 = (text: string) => `=?UTF-8?B?${Buffer.from(text).toString("base64")}?=`;
      // Encoded words only, with Gmail's DMARC pass forced: the worst case (a sender of the same domain).
      for (const from of [b64("<ana.perez@gmail.com>"), "=?UTF-8?Q?ana.perez=40gmail.com?="]) {
        const hidden = incoming(from, {dmarc: "pass"});
        expect((await failureOf(flag(hidden.threadId))).message, from).to.match(
          /does not prove who sent it: the From header holds no email address outside its display name.*\(rule: sender-verified\)/,
        );
      }
      for (const from of [
        '"ana.perez@gmail.com" <mallory@evil.example>',
        "=?UTF-8?Q?ana.perez=40gmail.com?= <mallory@evil.example>",
        "mallory@evil.example (ana.perez@gmail.com)",
      ]) {
        const shown = incoming(from);
        expect((await failureOf(flag(shown.threadId))).message, from).to.match(
          /mallory@evil\.example is not the email of any worker/,
        );
      }
      expect(tabRecords(f, "Disputes")).to.have.length(0);
      expect(outbox(f)).to.have.length(0);
      const emails = (await f.run.sync<Obj>("DisputeEmails", [f.ledger], f.team.specialist)).rows;
      expect(emails).to.have.length(5);
      expect(emails.map((e) => e.WorkerId)).to.deep.equal([undefined, undefined, undefined, undefined, undefined]);
      // The worker's own mail is still matched and flagged.
      const own = incoming("=?UTF-8?Q?Ana_P=C3=A9rez?= <ana.perez@gmail.com>");
      expect((await flag(own.threadId)).WorkerId).to.equal(id);
      // Decoded, a display name with a comma reads like two mailboxes; as received it is one sender.
      const comma = incoming("=?UTF-8?Q?P=C3=A9rez=2C_Ana?= <ana.perez@gmail.com>");
      expect((await flag(comma.threadId)).WorkerId).to.equal(id);
    });
  }

  it("an IBAN and a passport number in a dispute email leave no clear number in the ledger, the syncs or the mail sent", async () => {
    const iban = syntheticIban(rng(15), "DE");
    const grouped = iban.replace(/(.{4})/g, "$1 ").trim();
    const passport = `X${String(Math.floor(rng(16)() * 9e6) + 1e6)}`;
    const m = incoming(
      "Ana Pérez <ana.perez@gmail.com>",
      undefined,
      `My payout to ${grouped} never came. My passport is ${passport}. See https://evil.example/phish and call +52 55 1234 5678.`,
    );
    const flagged = await flag(m.threadId);
    await f.run.formula(
      "ResolveDispute",
      [f.ledger, flagged.DisputeId, "PartiallyUpheld", "Half paid on 3 January"],
      f.team.lead,
    );
    const clear = [iban, grouped, passport, passport.slice(1), "5512345678", "55 1234 5678"];
    const everything = [
      JSON.stringify(f.emu.state.spreadsheets.get(f.spreadsheetId)?.sheets.map((s) => s.rows)),
      JSON.stringify((await f.run.sync<Obj>("Disputes", [f.ledger], f.team.lead)).rows),
      JSON.stringify((await f.run.sync<Obj>("DecisionLog", [f.ledger], f.team.lead)).rows),
      JSON.stringify((await f.run.sync<Obj>("DisputeEmails", [f.ledger], f.team.specialist)).rows),
      ...outbox(f).map((s) => read(s.mime).text + s.mime),
    ].join("\n");
    for (const number of clear) {
      expect(everything, number).not.to.include(number);
    }
    expect(everything).to.include(`•••• ${iban.slice(-4)}`);
    // The acknowledgement quotes neither the worker's text nor the link.
    const ack = read(outbox(f)[0]?.mime ?? "");
    expect(ack.header("Subject")).to.equal("Re: Appeal");
    expect(ack.text).not.to.include("evil.example");
    expect(ack.text).not.to.include("payout");
  });

  it("an appeal is decided by someone who did not take the decision", async () => {
    await f.run.formula(
      "SuspendWorker",
      [f.ledger, id, "Copied answers on 2 January", "CoC 4.2", new Date("2030-01-15T00:00:00Z"), "", false],
      f.team.specialist,
    );
    const m = incoming("Ana Pérez <ana.perez@gmail.com>");
    const flagged = await flag(m.threadId);
    const err = await failureOf(
      f.run.formula("ResolveDispute", [f.ledger, flagged.DisputeId, "Rejected", "Stands"], f.team.specialist),
    );
    expect(err.message).to.match(/appeals a decision you took \(Suspended on .*\(rule: independence\)/);
    expect(tabRecords(f, "Disputes")[0]?.Status).to.equal("Open");
    const decided = await f.run.formula<Obj>(
      "ResolveDispute",
      [f.ledger, flagged.DisputeId, "Upheld", "The answers were her own drafts of 1 January"],
      f.team.lead,
    );
    expect(decided.Status).to.equal("Decided");
    // An upheld appeal has no appeal line.
    const outcome = read(outbox(f).at(-1)?.mime ?? "");
    expect(outcome.text).to.include("Decision: we agree with you");
    expect(outcome.text).not.to.match(/How to appeal|Appeal by/);
  });
  it("an appeal with no category of its own (filed as Other) is not decided by whoever took a decision on the worker", async () => {
    await f.run.formula("OffboardWorker", [f.ledger, id, "Copied answers on 2 January", false], f.team.specialist);
    const opened = await f.run.formula<Obj>(
      "OpenDispute",
      [f.ledger, id, "Other", "Says the offboarding was a mistake", "", false],
      f.team.lead,
    );
    const err = await failureOf(
      f.run.formula("ResolveDispute", [f.ledger, opened.DisputeId, "Rejected", "Stands"], f.team.specialist),
    );
    expect(err.message).to.match(/appeals a decision you took \(Offboarded on .*\(rule: independence\)/);
    const decided = await f.run.formula<Obj>(
      "ResolveDispute",
      [f.ledger, opened.DisputeId, "Rejected", "The copied answers are in the task log of 2 January"],
      f.team.lead,
    );
    expect(decided.Status).to.equal("Decided");
  });
});

describe("safe communication: each worker hears only about their own case", function () {
  this.timeout(180_000);
  let f: LedgerFixture;
  before(async () => {
    f = await setupLedger({timezone: "UTC"});
    grantGmail(f.team.lead, f.team.lead2, f.team.specialist);
  });
  after(async () => f.close());

  // Known failure after merging the gate (issue 14), trust (13) and queue (18) work on 2026-12-01; fix next session (see the closing note).
  it("renders every notice kind for workers whose records match several others, and none names another person", async () => {
    const iban = syntheticIban(rng(42), "DE");
    const phone = "+52 55 1234 5678";
    const add = async (name: string, email: string) =>
      (
        await f.run.formula<Row>(
          "AddApplicant",
          [f.ledger, name, email, "MX", phone, "UTC", "Referral"],
          f.team.specialist,
        )
      ).WorkerId;
    const bank = (workerId: string) =>
      f.run.formula("RecordBankDetails", [f.ledger, workerId, iban, "DE"], f.team.specialist);
    const others = [
      {name: "María José Rodríguez", email: "maria.jose@example.org"},
      {name: "Li Wei", email: "li.wei@example.org"},
      {name: "Kofi Mensah", email: "kofi.mensah@example.org"},
    ];
    const otherIds: string[] = [];
    for (const o of others) {
      const oid = await add(o.name, o.email);
      otherIds.push(oid);
      await bank(oid);
    }
    // One of the others is blacklisted, so matches name a Blacklist entry too.
    await f.run.formula(
      "ProposeBlacklist",
      [f.ledger, otherIds[2], "Fraud ring", "CoC 1.3", "https://drive.example/evidence"],
      f.team.specialist,
    );
    await f.run.formula("ApproveBlacklist", [f.ledger, otherIds[2], "", false], f.team.lead);
    const blacklistedEntry = () => String(tabRecords(f, "Blacklist")[0]?.EntryId);

    // T1: rejected after screening (Rejection).
    const t1 = await add("Ana Pérez", "ana.perez@gmail.com");
    await bank(t1);
    await f.run.formula("ScreenWorker", [f.ledger, t1], f.team.specialist);
    await f.run.formula(
      "RejectApplicant",
      [f.ledger, t1, `Same payout account as ${otherIds[0]} and ${otherIds[1]}`, "CoC 2.1"],
      f.team.specialist,
    );

    // T2: welcomed, suspended on a finding, reinstated, disputes, audit feedback, offboarded.
    const t2 = await add("Ben Okafor", "ben.okafor@gmail.com");
    await bank(t2);
    await f.run.formula("StartVetting", [f.ledger, t2], f.team.specialist);
    // The bank details made the intake screening stale; the new one matches the Blacklist (the shared account),
    // so a lead clears it, in words that name the others, before someone else approves (the issue-14 gate).
    const screened = await f.run.formula<Row>("ScreenWorker", [f.ledger, t2], f.team.specialist);
    expect(screened.ScreeningVerdict).to.equal("Match");
    await f.run.formula(
      "ClearScreening",
      [f.ledger, t2, `Checked against ${otherIds[0]} (${others[0]?.name}) and ${blacklistedEntry()}: agency payroll`],
      f.team.lead,
    );
    await f.run.formula("ApproveWorker", [f.ledger, t2, "", true], f.team.specialist);
    await f.run.formula(
      "SuspendWorker",
      [
        f.ledger,
        t2,
        "Payout account shared with other accounts",
        "CoC 1.3",
        new Date("2030-01-15T00:00:00Z"),
        `shared-bank:${[t2, ...otherIds].sort().join("+")}`,
        true,
        undefined,
        "Your payout account is also registered on other accounts, which our rules do not allow.",
      ],
      f.team.specialist,
    );
    // Issue 17's notices too: an extension and a warning whose reasons name the others.
    await f.run.formula(
      "ExtendSuspension",
      [f.ledger, t2, new Date("2030-02-15T00:00:00Z"), `More shared accounts found: ${otherIds[1]}`, true],
      f.team.specialist,
    );
    await f.run.formula("ReinstateWorker", [f.ledger, t2, "Explained"], f.team.specialist);
    await f.run.formula(
      "IssueWarning",
      [f.ledger, t2, `Answers copied from ${otherIds[0]}`, "CoC 4.2", "", true],
      f.team.specialist,
    );
    const dispute = await f.run.formula<Obj>(
      "OpenDispute",
      [f.ledger, t2, "Payment", `Says ${otherIds[0]} (María José) took his payout`, "", true],
      f.team.lead,
    );
    await f.run.formula(
      "ResolveDispute",
      [f.ledger, dispute.DisputeId, "Rejected", `Paid to the account shared with ${otherIds[1]} on 3 January`],
      f.team.lead,
    );
    seedScheduledAudit(f, "A-PRIVACY001", t2);
    await f.run.formula(
      "RecordAudit",
      [f.ledger, "A-PRIVACY001", "Concerns", "Two answers copied from a template on 4 January"],
      f.team.specialist,
    );
    await f.run.formula("SendNotice", [f.ledger, t2, "AuditFeedback"], f.team.specialist);
    // Asked again, the same audit's feedback is not sent twice.
    await f.run.formula("SendNotice", [f.ledger, t2, "AuditFeedback"], f.team.specialist);
    await f.run.formula("OffboardWorker", [f.ledger, t2, "Project ended"], f.team.specialist);

    // T3: blacklisted (Blacklist).
    const t3 = await add("Chen Jing", "chen.jing@gmail.com");
    await bank(t3);
    await f.run.formula("ScreenWorker", [f.ledger, t3], f.team.specialist);
    await f.run.formula(
      "ProposeBlacklist",
      [f.ledger, t3, `Same account as ${otherIds[2]}`, "CoC 1.3", "ScreenWorker verdict Match"],
      f.team.specialist,
    );
    await f.run.formula("ApproveBlacklist", [f.ledger, t3], f.team.lead);
    // ... and lifted again on appeal (BlacklistLifted), the proposal naming the other account.
    await f.run.formula(
      "ProposeLiftBlacklist",
      [f.ledger, t3, `Appeal upheld: the account is ${otherIds[2]}'s employer's, not shared`],
      f.team.lead,
    );
    await f.run.formula("ApproveLiftBlacklist", [f.ledger, t3, "Payroll letter seen", true], f.team.lead2);

    const blacklistIds = tabRecords(f, "Blacklist").map((b) => String(b.EntryId));
    expect(blacklistIds).to.have.length(2);
    const mails = outbox(f).map((s) => ({mime: s.mime, ...read(s.mime)}));
    const kinds = new Set<string>();
    const seen = (subject: string) =>
      ({
        "Decision on your application": "Rejection",
        "Welcome: your account is active": "Welcome",
        "Your account is active again": "Reinstatement",
        "Your work with us has ended": "Offboarding",
        "Your account has been permanently closed": "Blacklist",
        "Feedback from a review of your work": "AuditFeedback",
        "A formal warning about your work": "Warning",
        "The permanent closure of your account is lifted": "BlacklistLifted",
      })[subject] ??
      (/^Your suspension (is extended|continues)/.test(subject) ? "SuspensionExtension" : undefined) ??
      (/^Your account is suspended/.test(subject)
        ? "Suspension"
        : /^We received your/.test(subject)
          ? "DisputeReceived"
          : /^Outcome of your/.test(subject)
            ? "DisputeOutcome"
            : subject);
    // A name is looked for as a word ("Li" is not in the Message-ID's "BlacklistLifted"); ids and numbers anywhere.
    const names = (text: string, bad: string) =>
      /^[\p{L} ]+$/u.test(bad) ? new RegExp(`(?<!\\p{L})${bad}(?!\\p{L})`, "u").test(text) : text.includes(bad);
    for (const mail of mails) {
      kinds.add(seen(mail.header("Subject")));
      const forbidden = [
        ...others.flatMap((o) => [o.name, o.email, o.name.split(" ")[0] as string]),
        ...otherIds,
        ...blacklistIds,
        `•••• ${iban.slice(-4)}`,
        iban,
        "On the Blacklist",
      ];
      for (const bad of forbidden) {
        expect(names(mail.text, bad), `${mail.header("Subject")} names ${bad}`).to.equal(false);
        expect(names(mail.mime, bad), `${mail.header("Subject")} (raw) names ${bad}`).to.equal(false);
      }
    }
    expect([...kinds].sort()).to.deep.equal([...NOTICE_KINDS].sort());
    expect(mails.filter((m) => seen(m.header("Subject")) === "AuditFeedback")).to.have.length(1);

    // The automated-checks line names the kind of check, and only where the evidence shows one.
    const text = (kind: string) => mails.find((m) => seen(m.header("Subject")) === kind)?.text ?? "";
    expect(text("Rejection")).to.include(
      "an automated duplicate-account check matched your payout account to another account",
    );
    expect(text("Suspension")).to.include("Automated checks: involved: an automated duplicate-account check");
    expect(text("Suspension")).to.include("Your payout account is also registered on other accounts");
    expect(text("Offboarding")).to.include("Automated checks: none were involved");
    expect(text("AuditFeedback")).to.match(/What to change: put right what we found: two answers copied/);
    expect(text("DisputeOutcome")).not.to.include("took his payout");
    expect(text("DisputeReceived")).not.to.include("took his payout");
  });
});

describe("safe communication: small correctness", function () {
  let f: LedgerFixture;
  let id: string;
  before(async () => {
    f = await setupLedger({timezone: "UTC"});
    id = await activeWorker(f);
  });
  after(async () => f.close());

  it("refuses an invalid date in DisputeDueDate, NoticePreview and DecisionLog with a sentence, not a RangeError", async () => {
    const bad = new Date("not a date");
    const due = await failureOf(f.run.formula("DisputeDueDate", [bad], f.team.specialist));
    expect(due.message).to.match(/openedAt is not a valid date/);
    expect(due.isUserVisible).to.equal(true);
    const preview = await failureOf(
      f.run.formula("NoticePreview", ["Suspension", "Ana", "Facts", "CoC 1", undefined, undefined, bad], f.team.viewer),
    );
    expect(preview.message).to.match(/decidedAt is not a valid date/);
    const log = await failureOf(f.run.sync("DecisionLog", [f.ledger, undefined, bad], f.team.viewer));
    expect(log.message).to.match(/since is not a valid date/);
  });

  it("offers NextSteps by the reader's role: none to viewers or people not on Staff, no lead steps to a specialist", async () => {
    const steps = async (user: typeof f.team.viewer) =>
      ((await f.run.sync<Row>("Workers", [f.ledger], user)).rows.find((r) => r.WorkerId === id)?.NextSteps as
        string[] | undefined) ?? [];
    expect(await steps(f.team.viewer)).to.deep.equal([]);
    expect(await steps(f.team.outsider)).to.deep.equal([]);
    expect(await steps(f.team.specialist)).to.deep.equal([
      "SuspendWorker",
      "OffboardWorker",
      "ProposeBlacklist",
      "IssueWarning",
    ]);
    expect(await steps(f.team.lead)).to.include.members(["SuspendWorker", "ProposeBlacklist"]);
    // An action's result is seen by the person who ran it.
    const updated = await f.run.formula<Row>(
      "UpdateWorkerDetails",
      [f.ledger, id, undefined, "Atlas"],
      f.team.specialist,
    );
    expect(updated.NextSteps).to.deep.equal(["SuspendWorker", "OffboardWorker", "ProposeBlacklist", "IssueWarning"]);
  });
});
