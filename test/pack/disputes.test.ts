import {expect} from "chai";
import {recordLockId} from "../../pack/core/fold";
import {dueAfterBusinessDays, STANDARD_CALENDAR} from "../../pack/core/sla";
import {DISPUTES} from "../../pack/ledger/store/layout";
import {DISPUTE_EMAILS_PAGE, DISPUTES_PAGE_ROWS} from "../../pack/ledger/disputes";
import {gmailOf} from "../../emulator/gmail";
import type {LedgerFixture} from "../helpers/fixture";
import {daysFromNow, expectUserError, setupLedger, tabRecords} from "../helpers/fixture";
import type {Row} from "../helpers/gmail";
import {
  activeWorker,
  onSend,
  outbox,
  read,
  sentThenNetworkDown,
  setSetting,
  workerMail,
  ledgerWithActiveWorker,
} from "../helpers/gmail";
import type {PackError} from "../helpers/runner";

type Dispute = Record<string, unknown> & {DisputeId: string; Status: string};
const MX = "America/Mexico_City";
describe("disputes: actions", function () {
  let f: LedgerFixture;
  let id: string;
  beforeEach(async () => {
    ({f, id} = await ledgerWithActiveWorker());
  });
  afterEach(async () => f.close());

  const open = (
    category = "Payment",
    summary = "Payout for week 2 is missing",
    source?: string,
    extra: unknown[] = [],
    user = f.team.specialist,
  ) => f.run.formula<Dispute>("OpenDispute", [f.ledger, id, category, summary, source, ...extra], user);
  const disputeEvents = () =>
    tabRecords(f, "Events").filter(
      (e) => String(e.Type).startsWith("Dispute") || (e.Type === "NoticeSent" && String(e.Details).startsWith("D-")),
    );
  const workerVersion = () => tabRecords(f, "Workers").find((w) => w.WorkerId === id)?.Version;

  it("opens, assigns, decides and closes: one event each, with the worker's id and seq 0, under the dispute's own lock", async () => {
    const version = workerVersion();
    const opened = await open("payment", "Payout for week 2 is missing", "https://acme.zendesk.com/agent/tickets/4512");
    expect(opened).to.include({
      DisputeId: "D-000001",
      WorkerId: id,
      Category: "Payment",
      Channel: "Zendesk",
      Status: "Open",
      ZendeskTicketUrl: "https://acme.zendesk.com/agent/tickets/4512",
    });
    expect(opened.DueAt).to.equal(dueAfterBusinessDays(String(opened.OpenedAt), 2, MX));
    expect(opened.NextSteps).to.deep.equal(["AssignDispute", "ResolveDispute"]);
    const assigned = await f.run.formula<Dispute>("AssignDispute", [f.ledger, "d-1", "me"], f.team.specialist);
    expect(assigned).to.include({Assignee: f.team.specialist.email, Status: "InReview"});
    const decided = await f.run.formula<Dispute>(
      "ResolveDispute",
      [f.ledger, "D-000001", "Rejected", "Week 2 was paid on 9 January 2026 in batch P-77.", false],
      f.team.specialist,
    );
    expect(decided).to.include({
      Status: "Decided",
      Outcome: "Rejected",
      DecidedBy: f.team.specialist.email,
      NoticeStatus: "No outcome notice: notify was off.",
    });
    expect(decided.ReversalNeeded).to.equal(undefined);
    const closed = await f.run.formula<Dispute>(
      "CloseDispute",
      [f.ledger, "D-000001", "Worker confirmed receipt"],
      f.team.lead,
    );
    expect(closed).to.include({Status: "Closed"});
    expect(closed.ClosedAt).to.be.a("string");
    expect(disputeEvents().map((e) => [e.Type, e.WorkerId, e.Seq ?? 0])).to.deep.equal([
      ["DisputeOpened", id, 0],
      ["DisputeAssigned", id, 0],
      ["DisputeDecided", id, 0],
      ["DisputeClosed", id, 0],
    ]);
    expect(workerVersion()).to.equal(version);
    expect(outbox(f)).to.have.length(0);
    const names = [...(f.emu.state.spreadsheets.get(f.spreadsheetId)?.namedRanges.keys() ?? [])].filter((n) =>
      n.startsWith("tsd"),
    );
    expect(names).to.deep.equal([recordLockId("d", "D-000001", 4)]);
    const [row] = tabRecords(f, "Disputes");
    expect(row).to.include({DisputeId: "D-000001", Status: "Closed", Outcome: "Rejected", Version: 4});
  });

  it("an upheld suspension appeal names ReinstateWorker, reverses nothing, and cannot close until it is taken", async () => {
    await f.run.formula(
      "SuspendWorker",
      [f.ledger, id, "Copied answers on 2 January 2026", "CoC 4.2", daysFromNow(14), "", false],
      f.team.specialist,
    );
    const d = await open("Suspension appeal", "Says the answers were her own");
    const decided = await f.run.formula<Dispute>(
      "ResolveDispute",
      [
        f.ledger,
        d.DisputeId,
        "Upheld",
        "The answers of 2 January 2026 match her drafts of 1 January.",
        undefined,
        "CoC 4.2",
      ],
      f.team.lead,
    );
    expect(decided).to.include({
      Status: "Decided",
      Outcome: "Upheld",
      ReversalNeeded: `ReinstateWorker ${id}`,
      PolicyClause: "CoC 4.2",
    });
    expect(decided.NoticeStatus).to.match(/^DisputeOutcome notice sent /);
    const worker = tabRecords(f, "Workers").find((w) => w.WorkerId === id);
    expect(worker?.Status).to.equal("Suspended");
    const mail = read(outbox(f)[0]?.mime ?? "");
    expect(mail.header("Subject")).to.equal("Outcome of your suspension appeal (D-000001)");
    expect(mail.text).to.include("Decision: we agree with you: your dispute is upheld.");
    expect(mail.text).to.include(
      "Scope and duration: your suspension will be lifted and your account made active again; we will confirm it by email.",
    );
    expect(mail.text).to.include("Reasons: The answers of 2 January 2026 match her drafts of 1 January.");
    expect(mail.text).to.include("Code of Conduct clause: CoC 4.2.");
    await expectUserError(
      f.run.formula("CloseDispute", [f.ledger, d.DisputeId], f.team.lead),
      /its reversal has not been taken yet: ReinstateWorker W-000001/,
    );
    await f.run.formula("ReinstateWorker", [f.ledger, id, "", false], f.team.specialist);
    expect((await f.run.formula<Dispute>("CloseDispute", [f.ledger, d.DisputeId], f.team.lead)).Status).to.equal(
      "Closed",
    );
  });

  it("refuses viewers and outsiders, and writes nothing", async () => {
    const d = await open();
    const before = tabRecords(f, "Events").length;
    for (const user of [f.team.viewer, f.team.outsider]) {
      const role = user === f.team.viewer ? /needs the specialist role/ : /not on this ledger's Staff tab/;
      await expectUserError(open("Payment", "x", undefined, [], user), role);
      await expectUserError(f.run.formula("AssignDispute", [f.ledger, d.DisputeId, "me"], user), role);
      await expectUserError(f.run.formula("ResolveDispute", [f.ledger, d.DisputeId, "Rejected", "no"], user), role);
      await expectUserError(f.run.formula("CloseDispute", [f.ledger, d.DisputeId], user), role);
    }
    expect(tabRecords(f, "Events").length).to.equal(before);
  });

  it("refuses bad input with a sentence that says what to do, and writes nothing", async () => {
    const d = await open();
    const before = tabRecords(f, "Events").length;
    await expectUserError(open("Refund"), /"Refund" is not a dispute category: use Payment, SuspensionAppeal/);
    await expectUserError(open("Payment", "  "), /The summary is required/);
    await expectUserError(
      f.run.formula("OpenDispute", [f.ledger, "worker 7", "Payment", "x"], f.team.specialist),
      /is not a worker id/,
    );
    await expectUserError(
      f.run.formula("OpenDispute", [f.ledger, "W-000042", "Payment", "x"], f.team.specialist),
      /no worker W-000042/,
    );
    await expectUserError(
      f.run.formula("AssignDispute", [f.ledger, "12", "me"], f.team.specialist),
      /dispute ids look like D-000012/,
    );
    await expectUserError(
      f.run.formula("AssignDispute", [f.ledger, "D-000009", "me"], f.team.specialist),
      /There is no dispute D-000009/,
    );
    await expectUserError(
      f.run.formula("AssignDispute", [f.ledger, d.DisputeId, f.team.viewer.email], f.team.specialist),
      /disputes can be assigned only to specialists and leads/,
    );
    await expectUserError(
      f.run.formula("AssignDispute", [f.ledger, d.DisputeId, "olga@x.io"], f.team.specialist),
      /olga@x.io is not on this ledger's Staff tab/,
    );
    await expectUserError(
      f.run.formula("ResolveDispute", [f.ledger, d.DisputeId, "Denied", "x"], f.team.specialist),
      /"Denied" is not an outcome: use Upheld, PartiallyUpheld or Rejected/,
    );
    await expectUserError(
      f.run.formula("ResolveDispute", [f.ledger, d.DisputeId, "Rejected", ""], f.team.specialist),
      /The rationale is required/,
    );
    await expectUserError(
      f.run.formula("CloseDispute", [f.ledger, d.DisputeId], f.team.specialist),
      /CloseDispute is not allowed for D-000001: it is Open/,
    );
    expect(tabRecords(f, "Events").length).to.equal(before);
    await f.run.formula(
      "ResolveDispute",
      [f.ledger, d.DisputeId, "Rejected", "Paid on 9 January 2026", false],
      f.team.specialist,
    );
    await expectUserError(
      f.run.formula("ResolveDispute", [f.ledger, d.DisputeId, "Upheld", "changed my mind"], f.team.lead),
      /it is Decided \(Rejected by sam\.specialist@tns\.example on/,
    );
  });

  it("records a repeated request once", async () => {
    const first = await open("Payment", "Missing payout", undefined, [undefined, "req-1"]);
    const again = await open("Payment", "Missing payout", undefined, [undefined, "req-1"]);
    expect(again.DisputeId).to.equal(first.DisputeId);
    await f.run.formula(
      "ResolveDispute",
      [f.ledger, first.DisputeId, "Rejected", "Paid on 9 January 2026", true, "", "req-2"],
      f.team.specialist,
    );
    const repeat = await f.run.formula<Dispute>(
      "ResolveDispute",
      [f.ledger, first.DisputeId, "Rejected", "Paid on 9 January 2026", true, "", "req-2"],
      f.team.specialist,
    );
    expect(repeat.Status).to.equal("Decided");
    expect(disputeEvents().map((e) => e.Type)).to.deep.equal(["DisputeOpened", "DisputeDecided", "NoticeSent"]);
    expect(outbox(f)).to.have.length(1);
  });

  it("counts the due date in business days in the worker's time zone, with targets and holidays from Settings", async () => {
    setSetting(f, "DisputeResponseDays.Payment", "3");
    const holiday = dueAfterBusinessDays(new Date().toISOString(), 1, MX).slice(0, 10);
    const local = new Date(Date.parse(dueAfterBusinessDays(new Date().toISOString(), 1, MX))).toLocaleDateString(
      "en-CA",
      {timeZone: MX},
    );
    setSetting(f, "Holidays.MX", local);
    const d = await open("Payment");
    const calendar = {...STANDARD_CALENDAR, holidays: new Set([local])};
    expect(d.DueAt).to.equal(dueAfterBusinessDays(String(d.OpenedAt), 3, MX, calendar));
    expect(d.DueAt).not.to.equal(dueAfterBusinessDays(String(d.OpenedAt), 3, MX));
    expect(holiday).to.match(/^\d{4}-\d{2}-\d{2}$/);
    const other = await open("QualityRating");
    expect(other.DueAt).to.equal(dueAfterBusinessDays(String(other.OpenedAt), 2, MX, calendar));
    setSetting(f, "Holidays.MX", "Navidad");
    await expectUserError(open("Other"), /The ledger's Settings Holidays.MX: "Navidad" is not a date/);
  });

  it("a failed outcome notice leaves the dispute Decided and pending; CloseDispute sends it first, exactly once", async () => {
    const d = await open();
    f.emu.setFaults({errorRates: {503: 1}, match: onSend});
    const decided = await f.run.formula<Dispute>(
      "ResolveDispute",
      [f.ledger, d.DisputeId, "PartiallyUpheld", "Half of week 2 (3 tasks on 6 January 2026) was unpaid."],
      f.team.specialist,
    );
    expect(decided.Status).to.equal("Decided");
    expect(decided.NoticeStatus).to.match(
      /^DisputeOutcome notice pending since .*: it goes out with CloseDispute or SendNotice\. Not sent: .*503/,
    );
    await expectUserError(
      f.run.formula("CloseDispute", [f.ledger, d.DisputeId], f.team.specialist),
      /D-000001 was not closed: its DisputeOutcome notice could not be sent \(503 .*\)\. It is still pending/,
    );
    sentThenNetworkDown(f.emu);
    await expectUserError(
      f.run.formula("SendNotice", [f.ledger, id, "DisputeOutcome"], f.team.lead),
      /The DisputeOutcome notice of D-000001 was not sent: The connection to Google dropped/,
    );
    expect(outbox(f)).to.have.length(1);
    f.emu.setFaults({});
    // The claimed draft is in the lead's mailbox: only the lead can send it, or learn it went.
    await expectUserError(
      f.run.formula("CloseDispute", [f.ledger, d.DisputeId], f.team.specialist),
      /lena\.lead@tns\.example started sending this DisputeOutcome notice and Gmail's answer was lost; it is their Gmail draft r\d+, which only they can send\. Ask them to run SendNotice/,
    );
    expect(outbox(f)).to.have.length(1);
    const closed = await f.run.formula<Dispute>("CloseDispute", [f.ledger, d.DisputeId], f.team.lead);
    expect(closed.Status).to.equal("Closed");
    expect(closed.NoticeStatus).to.match(/^DisputeOutcome notice sent /);
    expect(outbox(f)).to.have.length(1);
    expect(disputeEvents().map((e) => e.Type)).to.deep.equal([
      "DisputeOpened",
      "DisputeDecided",
      "NoticeSent",
      "DisputeClosed",
    ]);
    expect(disputeEvents()[2]?.Details).to.match(
      /was sent by an earlier attempt whose answer was lost \(Gmail draft r\d+ is gone/,
    );
  });
});

describe("disputes: the Disputes sync table", function () {
  let f: LedgerFixture;
  beforeEach(async () => {
    f = await setupLedger({timezone: "UTC"});
  });
  afterEach(async () => f.close());

  it("is empty for a new ledger", async () => {
    expect(await f.run.sync("Disputes", [f.ledger], f.team.viewer)).to.deep.equal({rows: [], pages: 1});
  });

  it('filters by status and assignee ("me") and shows hand-edited rows with their problem', async () => {
    const id = await activeWorker(f);
    for (const summary of ["one", "two", "three"]) {
      await f.run.formula("OpenDispute", [f.ledger, id, "Other", summary], f.team.specialist);
    }
    await f.run.formula("AssignDispute", [f.ledger, "D-000002", f.team.lead.email], f.team.specialist);
    await f.run.formula(
      "ResolveDispute",
      [f.ledger, "D-000003", "Rejected", "No basis found on 5 January 2026", false],
      f.team.specialist,
    );
    const ids = async (params: unknown[], user = f.team.viewer) =>
      (await f.run.sync<Dispute>("Disputes", [f.ledger, ...params], user)).rows.map((r) => r.DisputeId);
    expect(await ids([])).to.deep.equal(["D-000001", "D-000002", "D-000003"]);
    expect(await ids([["open", "In review"]])).to.deep.equal(["D-000001", "D-000002"]);
    expect(await ids([["Decided"]])).to.deep.equal(["D-000003"]);
    expect(await ids([undefined, "me"], f.team.lead)).to.deep.equal(["D-000002"]);
    expect(await ids([undefined, f.team.lead.email.toUpperCase()])).to.deep.equal(["D-000002"]);
    const sheet = f.emu.state.spreadsheets.get(f.spreadsheetId)?.sheets.find((s) => s.properties.title === "Disputes");
    const status = DISPUTES.columns.findIndex((c) => c.key === "status");
    (sheet?.rows[1] as unknown[])[status] = "Pending";
    const [broken] = (await f.run.sync<Dispute>("Disputes", [f.ledger, ["Closed"]], f.team.viewer)).rows;
    expect(broken?.DisputeId).to.equal("D-000001");
    expect(broken?.Status).to.equal(undefined);
    expect(broken?.Problems).to.equal('Sheet row 2: Status: "Pending" is not one of Open, InReview, Decided, Closed.');
  });

  it("pages through a long tab and marks overdue disputes", async () => {
    const sheet = f.emu.state.spreadsheets.get(f.spreadsheetId)?.sheets.find((s) => s.properties.title === "Disputes");
    if (!sheet) {
      throw new Error("no Disputes tab");
    }
    sheet.properties.gridProperties.rowCount = DISPUTES_PAGE_ROWS + 200;
    const col = (key: string) => DISPUTES.columns.findIndex((c) => c.key === key);
    for (let i = 1; i <= DISPUTES_PAGE_ROWS + 50; i++) {
      const row: Array<string | number | undefined> = [];
      row[col("disputeId")] = `D-${String(i).padStart(6, "0")}`;
      row[col("workerId")] = "W-000001";
      row[col("category")] = "Payment";
      row[col("status")] = i % 2 ? "Open" : "Closed";
      row[col("dueAt")] = "2026-01-07T23:59:59.999Z";
      row[col("version")] = 1;
      sheet.rows[i] = row;
    }
    const {rows, pages} = await f.run.sync<Dispute>("Disputes", [f.ledger], f.team.viewer);
    expect(pages).to.equal(2);
    expect(rows).to.have.length(DISPUTES_PAGE_ROWS + 50);
    expect(rows[0]).to.include({DisputeId: "D-000001", Overdue: true});
    expect(rows[1]).to.include({DisputeId: "D-000002", Overdue: false});
    expect(new Set(rows.map((r) => r.DisputeId)).size).to.equal(rows.length);
  });
});

describe("disputes: Gmail threads", function () {
  let f: LedgerFixture;
  let id: string;
  const gmail = () => gmailOf(f.emu.state);
  const incoming = (
    to: string,
    options: {from?: string; subject?: string; messageId?: string; at?: number; labels?: string[]} = {},
  ) =>
    gmail().deliver(
      to,
      workerMail({
        from: options.from ?? "=?UTF-8?Q?Ana_P=C3=A9rez?= <Ana.Perez+jobs@googlemail.com>",
        to,
        subject: options.subject ?? "=?UTF-8?Q?Apelaci=C3=B3n_de_suspensi=C3=B3n?=",
        body: 'Hola, las respuestas del 2 de enero son mías & no "copiadas". ¿Pueden revisarlo?',
        messageId: options.messageId ?? "<ana-1@mail.gmail.com>",
      }),
      {labels: options.labels ?? ["INBOX", "Disputes"], at: options.at},
    );

  beforeEach(async () => {
    ({f, id} = await ledgerWithActiveWorker());
  });
  afterEach(async () => f.close());

  it("lists labelled threads with sender, subject, snippet and time, matched to the worker by canonical email", async () => {
    const thread = incoming(f.team.specialist.email, {at: Date.UTC(2026, 0, 9, 15)});
    incoming(f.team.specialist.email, {
      from: "Stranger <who@example.org>",
      subject: "Hello",
      messageId: "<s-1@example.org>",
      at: Date.UTC(2026, 0, 10),
    });
    incoming(f.team.specialist.email, {subject: "Not a dispute", messageId: "<n-1@example.org>", labels: ["INBOX"]});
    const {rows} = await f.run.sync<Record<string, unknown>>("DisputeEmails", [f.ledger], f.team.specialist);
    expect(rows).to.have.length(2);
    const ana = rows.find((r) => r.ThreadId === thread.threadId);
    expect(ana).to.deep.equal({
      ThreadId: thread.threadId,
      Subject: "Apelación de suspensión",
      Sender: "Ana Pérez",
      SenderEmail: "Ana.Perez+jobs@googlemail.com",
      Snippet: 'Hola, las respuestas del 2 de enero son mías & no "copiadas". ¿Pueden revisarlo?',
      ReceivedAt: "2026-01-09T15:00:00.000Z",
      LastMessageAt: "2026-01-09T15:00:00.000Z",
      Messages: 1,
      SenderVerified: true,
      Verification: "DMARC passes for googlemail.com",
      Worker: {WorkerId: id, Name: "Ana Pérez"},
      WorkerId: id,
      HasOpenDispute: false,
      Link: `https://mail.google.com/mail/u/0/#all/${thread.threadId}`,
    });
    const stranger = rows.find((r) => r.Sender === "Stranger");
    expect(stranger?.WorkerId).to.equal(undefined);
    const flagged = await f.run.formula<Dispute>(
      "FlagDispute",
      [f.ledger, thread.threadId, "SuspensionAppeal"],
      f.team.specialist,
    );
    expect(flagged).to.include({
      DisputeId: "D-000001",
      WorkerId: id,
      Channel: "Email",
      ThreadId: thread.threadId,
      Status: "Open",
    });
    expect(flagged.Summary).to.equal(
      'Apelación de suspensión: Hola, las respuestas del 2 de enero son mías & no "copiadas". ¿Pueden revisarlo?',
    );
    // The response clock starts when the email arrived (a Friday), not when it was flagged.
    expect(flagged.DueAt).to.equal("2026-01-14T05:59:59.999Z");
    const again = (
      await f.run.sync<Record<string, unknown>>("DisputeEmails", [f.ledger, "disputes"], f.team.specialist)
    ).rows.find((r) => r.ThreadId === thread.threadId);
    expect(again).to.include({DisputeId: "D-000001", DisputeStatus: "Open", HasOpenDispute: true});
  });

  it("pages through threads and says clearly when the label does not exist", async () => {
    for (let i = 0; i < DISPUTE_EMAILS_PAGE + 5; i++) {
      incoming(f.team.specialist.email, {messageId: `<m-${i}@x.org>`, subject: `Case ${i}`});
    }
    const {rows, pages} = await f.run.sync<Record<string, unknown>>("DisputeEmails", [f.ledger], f.team.specialist);
    expect(pages).to.equal(2);
    expect(rows).to.have.length(DISPUTE_EMAILS_PAGE + 5);
    expect(rows[0]?.Subject).to.equal(`Case ${DISPUTE_EMAILS_PAGE + 4}`);
    await expectUserError(
      f.run.sync("DisputeEmails", [f.ledger, "Appeals"], f.team.specialist),
      /Your Gmail has no label "Appeals"/,
    );
    expect(await f.run.sync("DisputeEmails", [f.ledger, "INBOX"], f.team.lead)).to.deep.equal({rows: [], pages: 1});
  });

  it("needs Gmail read access", async () => {
    f.team.specialist.scopes.delete("https://www.googleapis.com/auth/gmail.readonly");
    let caught: PackError | undefined;
    try {
      await f.run.sync("DisputeEmails", [f.ledger], f.team.specialist);
    } catch (err) {
      caught = err as PackError;
    }
    expect(caught?.name).to.equal("MissingScopesError");
  });

  it("FlagDispute refuses a second open dispute on a thread, unknown senders and bad thread ids", async () => {
    const thread = incoming(f.team.specialist.email);
    const stranger = incoming(f.team.specialist.email, {
      from: "who@example.org",
      messageId: "<s@x.org>",
      subject: "Hi",
    });
    await f.run.formula("FlagDispute", [f.ledger, thread.threadId, "SuspensionAppeal"], f.team.specialist);
    await expectUserError(
      f.run.formula("FlagDispute", [f.ledger, thread.threadId, "Other"], f.team.specialist),
      /already has dispute D-000001 \(Open\)/,
    );
    await expectUserError(
      f.run.formula("FlagDispute", [f.ledger, stranger.threadId, "Other"], f.team.specialist),
      /who@example.org is not the email of any worker/,
    );
    await expectUserError(
      f.run.formula("FlagDispute", [f.ledger, "not a thread", "Other"], f.team.specialist),
      /is not a Gmail thread id/,
    );
    await expectUserError(
      f.run.formula("FlagDispute", [f.ledger, "18cffffffffff000", "Other"], f.team.specialist),
      /There is no thread 18cffffffffff000 in your Gmail/,
    );
    await expectUserError(
      f.run.formula("FlagDispute", [f.ledger, thread.threadId, "Other"], f.team.viewer),
      /FlagDispute needs the specialist role/,
    );
  });

  it("acknowledges and answers in the worker's thread (In-Reply-To, References, threadId, Re: subject)", async () => {
    const thread = incoming(f.team.specialist.email);
    await f.run.formula<Dispute>(
      "FlagDispute",
      [f.ledger, thread.threadId, "SuspensionAppeal", "", true],
      f.team.specialist,
    );
    const [ack] = outbox(f);
    const ackMail = read(ack?.mime ?? "");
    expect(ack?.requestedThreadId).to.equal(thread.threadId);
    expect(ack?.threadId).to.equal(thread.threadId);
    expect(ackMail.header("Subject")).to.equal("Re: Apelación de suspensión");
    expect(ackMail.header("In-Reply-To")).to.equal("<ana-1@mail.gmail.com>");
    expect(ackMail.header("References")).to.equal("<ana-1@mail.gmail.com>");
    expect(ackMail.text).to.include("We received your suspension appeal on");
    await f.run.formula(
      "ResolveDispute",
      [f.ledger, "D-000001", "Rejected", "The answers of 2 January 2026 match worker W-000031's, submitted earlier."],
      f.team.specialist,
    );
    const outcome = outbox(f)[1];
    const outcomeMail = read(outcome?.mime ?? "");
    expect(outcome?.threadId).to.equal(thread.threadId);
    expect(outcomeMail.header("Subject")).to.equal("Re: Apelación de suspensión");
    expect(outcomeMail.header("In-Reply-To")).to.equal(ackMail.header("Message-ID"));
    expect(outcomeMail.header("References")).to.equal(`<ana-1@mail.gmail.com> ${ackMail.header("Message-ID")}`);
    expect(outcomeMail.text).to.include(
      "Decision: we do not agree with your dispute: it is not upheld, and the original decision stands.",
    );
    expect(gmail().mailbox(f.team.specialist.email).thread(thread.threadId)).to.have.length(3);
  });

  it("answers from the resolver's own copy of the thread, or by headers alone when they have none", async () => {
    const mine = incoming(f.team.specialist.email);
    const leads = incoming(f.team.lead.email);
    expect(leads.threadId).not.to.equal(mine.threadId);
    await f.run.formula("FlagDispute", [f.ledger, mine.threadId, "Payment"], f.team.specialist);
    await f.run.formula(
      "ResolveDispute",
      [f.ledger, "D-000001", "Upheld", "Week 2 payout was missing; paid on 12 January 2026."],
      f.team.lead,
    );
    const [fromLead] = outbox(f);
    expect(fromLead?.from).to.equal(f.team.lead.email);
    expect(fromLead?.threadId).to.equal(leads.threadId);
    expect(read(fromLead?.mime ?? "").header("In-Reply-To")).to.equal("<ana-1@mail.gmail.com>");
    await f.run.formula("CloseDispute", [f.ledger, "D-000001"], f.team.lead);
    // A closed dispute does not stop a new one on the same thread; lead2 has no copy of it.
    const reopened = await f.run.formula<Dispute>("FlagDispute", [f.ledger, mine.threadId, "Other"], f.team.specialist);
    expect(reopened.DisputeId).to.equal("D-000002");
    await f.run.formula(
      "ResolveDispute",
      [f.ledger, reopened.DisputeId, "Rejected", "Already resolved in D-000001 on the same day."],
      f.team.lead2,
    );
    const fromLead2 = outbox(f)[1];
    expect(fromLead2?.from).to.equal(f.team.lead2.email);
    expect(fromLead2?.requestedThreadId).to.equal(undefined);
    const headers = read(fromLead2?.mime ?? "");
    expect(headers.header("In-Reply-To")).to.equal("<ana-1@mail.gmail.com>");
    expect(headers.header("References")).to.equal("<ana-1@mail.gmail.com>");
    expect(headers.header("Subject")).to.equal("Re: Apelación de suspensión");
  });

  it("OpenDispute reads a Gmail thread id as an email source", async () => {
    const thread = incoming(f.team.specialist.email);
    const d = await f.run.formula<Dispute>(
      "OpenDispute",
      [f.ledger, id, "Payment", "Payout", thread.threadId, true],
      f.team.specialist,
    );
    expect(d).to.include({
      Channel: "Email",
      ThreadId: thread.threadId,
      Source: `https://mail.google.com/mail/u/0/#all/${thread.threadId}`,
    });
    expect(d.RespondedAt).to.be.a("string");
    expect(outbox(f)[0]?.threadId).to.equal(thread.threadId);
  });

  it("keeps the worker row untouched while disputes come and go", async () => {
    const before = tabRecords(f, "Workers").find((w) => w.WorkerId === id);
    const thread = incoming(f.team.specialist.email);
    await f.run.formula("FlagDispute", [f.ledger, thread.threadId, "Payment", "", true], f.team.specialist);
    await f.run.formula(
      "ResolveDispute",
      [f.ledger, "D-000001", "Rejected", "Paid on 9 January 2026"],
      f.team.specialist,
    );
    await f.run.formula("CloseDispute", [f.ledger, "D-000001"], f.team.specialist);
    expect(tabRecords(f, "Workers").find((w) => w.WorkerId === id)).to.deep.equal(before);
    const worker = await f.run.sync<Row>("Workers", [f.ledger], f.team.viewer);
    expect(worker.rows[0]?.PendingActions).to.equal(undefined);
  });
});
