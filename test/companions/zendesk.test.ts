// The Zendesk companion against the emulator in plain Node: exact requests, what each action
// returns, Zendesk's errors as sentences, 429s waited out, cursor and offset pagination.
import {expect} from "chai";
import type {ZendeskWorld} from "../helpers/zendesk-world";
import {AGENT_ID, APPEALS_VIEW, zendeskWorld} from "../helpers/zendesk-world";
import {
  EXAMPLE_ENDPOINT,
  EXAMPLE_SUSPENDED_USER,
  EXAMPLE_TICKET,
  EXAMPLE_USER,
} from "../../companions/zendesk/formulas/examples";
import {addTicket, addZendeskUser} from "../../emulator/zendesk";
import {expectUserError, failureOf} from "../helpers/fixture";
import {CompanionRunner} from "../helpers/companions";
import {pack} from "../../companions/zendesk/pack";

describe("Zendesk companion", function () {
  this.timeout(30_000);
  let w: ZendeskWorld;
  beforeEach(async () => {
    w = await zendeskWorld();
  });
  afterEach(async () => w.close());

  const puts = () => w.account.requests.filter((r) => r.method === "PUT");

  it("AddInternalNote adds a private comment and returns the Tickets row with the requester's email", async () => {
    const out = await w.run.formula("AddInternalNote", [EXAMPLE_TICKET, "Dispute D-000001 opened."]);
    expect(out).to.deep.include({
      TicketId: EXAMPLE_TICKET,
      RequesterEmail: "worker1@example.com",
      AgentUrl: `${EXAMPLE_ENDPOINT}/agent/tickets/${EXAMPLE_TICKET}`,
    });
    expect(puts()).to.deep.equal([
      {
        method: "PUT",
        path: `/api/v2/tickets/${EXAMPLE_TICKET}`,
        status: 200,
        body: {ticket: {comment: {body: "Dispute D-000001 opened.", public: false}}},
      },
    ]);
    const last = w.account.comments.get(EXAMPLE_TICKET)?.at(-1);
    expect(last).to.deep.include({public: false, author_id: AGENT_ID});
    expect(out.CommentId).to.equal(String(last?.id));
  });

  it("ReplyToTicket sends a public reply and sets the status; a bad status names the ones allowed", async () => {
    const out = await w.run.formula("ReplyToTicket", [EXAMPLE_TICKET, "Your appeal was upheld.", "Solved"]);
    expect(out).to.deep.include({Status: "solved"});
    expect(puts()[0]?.body).to.deep.equal({
      ticket: {comment: {body: "Your appeal was upheld.", public: true}, status: "solved"},
    });
    await expectUserError(
      w.run.formula("ReplyToTicket", [EXAMPLE_TICKET, "x", "closed"]),
      /one of open, pending, hold, solved/,
    );
    await expectUserError(w.run.formula("ReplyToTicket", [EXAMPLE_TICKET, "   "]), /reply is empty/);
  });

  it("SetTicketStatus sets the status; a closed ticket's refusal reads as Zendesk's reason", async () => {
    expect(await w.run.formula("SetTicketStatus", [EXAMPLE_TICKET, "pending"])).to.deep.include({Status: "pending"});
    const t = w.account.tickets.get(EXAMPLE_TICKET);
    if (t) {
      t.status = "closed";
    }
    await expectUserError(w.run.formula("SetTicketStatus", [EXAMPLE_TICKET, "open"]), /closed prevents ticket update/);
    await expectUserError(w.run.formula("SetTicketStatus", [999999, "open"]), /no such record/);
  });

  it("TagTicket adds tags with Add Tags (PUT) and keeps the others", async () => {
    const out = await w.run.formula("TagTicket", [EXAMPLE_TICKET, ["TS-Dispute", "ts-dispute, urgent-review"]]);
    expect(out.Tags).to.deep.equal(["appeal", "ts-dispute", "urgent-review"]);
    expect(puts()).to.deep.equal([
      {
        method: "PUT",
        path: `/api/v2/tickets/${EXAMPLE_TICKET}/tags`,
        status: 200,
        body: {tags: ["ts-dispute", "urgent-review"]},
      },
    ]);
    await expectUserError(w.run.formula("TagTicket", [EXAMPLE_TICKET, ["two words"]]), /no spaces/);
  });

  it("SuspendUser and UnsuspendUser change the account and append the dated reason to the user's notes", async () => {
    const out = await w.run.formula("SuspendUser", [EXAMPLE_USER, "Blacklisted (CoC 1.3)"]);
    expect(out).to.deep.include({UserId: EXAMPLE_USER, Suspended: true, Reason: "Blacklisted (CoC 1.3)"});
    const user = w.account.users.get(Number(EXAMPLE_USER));
    expect(user?.suspended).to.equal(true);
    expect(user?.notes).to.match(/^\d{4}-\d{2}-\d{2} Suspended: Blacklisted \(CoC 1\.3\)$/);
    const back = await w.run.formula("UnsuspendUser", [EXAMPLE_SUSPENDED_USER, "Appeal upheld"]);
    expect(back.Suspended).to.equal(false);
    expect(w.account.users.get(Number(EXAMPLE_SUSPENDED_USER))?.notes).to.match(
      /^2026-02-01 Suspended: Blacklisted\n\d{4}-\d{2}-\d{2} Unsuspended: Appeal upheld$/,
    );
    await expectUserError(w.run.formula("SuspendUser", ["abc", "x"]), /must be a Zendesk id/);
    await expectUserError(w.run.formula("SuspendUser", [EXAMPLE_USER, ""]), /reason is empty/);
  });

  it("an agent who may not suspend agents is told so", async () => {
    const a = w.account;
    addZendeskUser(a, {id: 361000000002, name: "Agent Two", email: "agent2@platform.example", role: "agent"});
    addZendeskUser(a, {id: 361000000003, name: "Agent Three", email: "agent3@platform.example", role: "agent"});
    a.tokens.set("agent-two", 361000000002);
    await expectUserError(w.run.formula("SuspendUser", ["361000000003", "x"], "agent-two"), /not allowed/);
  });

  it("a 429 is waited out, not shown as an error (Coda redacts Retry-After: the pack backs off)", async () => {
    // Coda's fetcher retries a 429 itself (3 tries); the third reaches the pack, which waits and retries.
    w.account.throttleNext = 3;
    const t0 = Date.now();
    expect(await w.run.formula("SetTicketStatus", [EXAMPLE_TICKET, "hold"])).to.deep.include({Status: "hold"});
    expect(Date.now() - t0).to.be.at.least(2000);
    expect(w.account.requests.filter((r) => r.status === 429)).to.have.length(3);
  });

  it("when Coda passes Retry-After on, a wait longer than the run allows is a sentence saying how long", async () => {
    await w.close();
    w = await zendeskWorld({passHeaders: /^retry-after$/i});
    w.account.throttleNext = 3;
    w.account.throttleRetryAfter = 600;
    await expectUserError(w.run.formula("SetTicketStatus", [EXAMPLE_TICKET, "open"]), /wait 600 s/);
  });

  it("Tickets pages with cursors (100 a page) and carries requester emails; by view and by tag", async () => {
    for (let i = 0; i < 150; i++) {
      addTicket(w.account, {id: 1000 + i, requester_id: AGENT_ID, subject: `T${i}`, tags: i % 2 ? ["appeal"] : []});
    }
    const all = await w.run.sync("Tickets", []);
    expect(all.pages).to.equal(2);
    expect(all.rows).to.have.length(151);
    expect(all.rows.find((r) => r.TicketId === EXAMPLE_TICKET)).to.deep.include({
      RequesterEmail: "worker1@example.com",
      RequesterName: "Ana Pérez",
      AgentUrl: `${EXAMPLE_ENDPOINT}/agent/tickets/${EXAMPLE_TICKET}`,
    });
    const view = await w.run.sync("Tickets", [APPEALS_VIEW]);
    expect(view.rows).to.have.length(76);
    const tagged = await w.run.sync("Tickets", [undefined, "appeal"]);
    expect(tagged.rows.map((r) => r.TicketId).sort()).to.deep.equal(view.rows.map((r) => r.TicketId).sort());
    await expectUserError(w.run.sync("Tickets", [424242]), /no such record/);
  });

  it("TicketComments lists replies and notes with their authors; Users lists and searches", async () => {
    await w.run.formula("AddInternalNote", [EXAMPLE_TICKET, "Checked."]);
    const comments = await w.run.sync("TicketComments", [EXAMPLE_TICKET]);
    expect(comments.rows.map((c) => [c.AuthorEmail, c.Public])).to.deep.equal([
      ["worker1@example.com", true],
      ["lead@platform.example", false],
    ]);
    const users = await w.run.sync("Users", []);
    expect(users.rows.map((u) => u.UserId)).to.include(EXAMPLE_USER);
    const found = await w.run.sync("Users", ["worker1@example.com"]);
    expect(found.rows.map((u) => [u.UserId, u.Name])).to.deep.equal([[EXAMPLE_USER, "Ana Pérez"]]);
    for (let i = 0; i < 120; i++) {
      addZendeskUser(w.account, {id: 362000000000 + i, name: `Worker ${i}`, email: `w${i}@example.com`});
    }
    const many = await w.run.sync("Users", ["role:end-user"]);
    expect(many.pages).to.equal(2);
    expect(many.rows).to.have.length(122);
  });

  it("a connection without the account address is told to reconnect with the subdomain; 401 goes to Coda", async () => {
    const bare = new CompanionRunner({companion: "zendesk", pack, emulator: w.emu, mode: "node", token: "x"});
    await expectUserError(
      bare.formula("SetTicketStatus", [EXAMPLE_TICKET, "open"]),
      /Reconnect and enter https:\/\/<your subdomain>/,
    );
    const err = await failureOf(w.run.formula("SetTicketStatus", [EXAMPLE_TICKET, "open"], "revoked"));
    expect(err.statusCode).to.equal(401);
  });
});
