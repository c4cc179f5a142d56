import {expect} from "chai";
import * as coda from "@codahq/packs-sdk";
import {buildMime} from "../../pack/core/mime/build";
import type {OutgoingMail} from "../../pack/core/mime/build";
import type {Google} from "../../pack/google/http";
import {callGoogle} from "../../pack/google/http";
import type {MessageMeta} from "../../pack/google/gmail";
import {parseMime} from "../helpers/mime-reader";
import {
  apiUrl,
  createDraft,
  findByMessageId,
  getThread,
  getReceivedHeaders,
  headerOf,
  labelIdByName,
  rawHeaderOf,
  rawHeadersOf,
  listLabels,
  listMessages,
  listThreads,
  sendDraft,
  sendMail,
  sendMessage,
} from "../../pack/google/gmail";
import {startEmulator} from "../../emulator/server";
import type {Emulator} from "../../emulator/server";
import type {User} from "../../emulator/state";
import {gmailOf, GMAIL_SCOPES} from "../../emulator/gmail";
import {PackRunner} from "../helpers/runner";

describe("gmail wrapper against the emulator", function () {
  let emu: Emulator;
  let sam: User;
  let g: Google;
  const google = (user: User): Google => ({
    fetcher: new PackRunner({emulator: emu, mode: "node"}).context(user).fetcher,
    deadline: Date.now() + 30_000,
  });
  const mail = (overrides: Partial<OutgoingMail> = {}): OutgoingMail => ({
    from: {name: "Trust & Safety", email: sam.email},
    to: {name: "Zoë Ødegård", email: "zoe@example.no"},
    subject: "Utfall av klagen din – Zoë",
    text: "Hei Zoë,\nklagen er behandlet.",
    html: "<p>Hei Zoë</p>",
    messageId: "<n1@trust-and-safety.invalid>",
    date: "2026-01-05T10:00:00Z",
    ...overrides,
  });

  // The pack reads no message bodies; the tests read what it sent as a mail client would.
  const readMessage = async (id: string) => {
    const url = apiUrl(`/messages/${id}`, [["format", "raw"]]);
    const message = await callGoogle<{raw: string; threadId: string}>(g, {
      method: "GET",
      url,
      what: "read",
      retry: "once",
    });
    return {...parseMime({raw: message.raw}), threadId: message.threadId};
  };
  const getMessageMeta = async (id: string, headers: string[]) => {
    const query = [["format", "metadata"], ...headers.map((h) => ["metadataHeaders", h])] as Array<[string, string]>;
    return callGoogle<MessageMeta>(g, {
      method: "GET",
      url: apiUrl(`/messages/${id}`, query),
      what: "read",
      retry: "once",
    });
  };

  beforeEach(async () => {
    emu = await startEmulator();
    sam = emu.state.addUser("sam@tns.example", {scopes: ["openid", "email", ...GMAIL_SCOPES]});
    g = google(sam);
  });
  afterEach(async () => emu.close());

  it("returns header values as Gmail does: unfolded and decoded, with Gmail's Authentication-Results on received mail", async () => {
    const received = gmailOf(emu.state).deliver(
      sam.email,
      [
        "From: =?UTF-8?Q?Zo=C3=AB?= <zoe@example.no>",
        `To: ${sam.email}`,
        "Subject: =?UTF-8?Q?Caf=C3=A9?=",
        "Message-ID: <z1@example.no>",
        "References: <a@example.no>\r\n <b@example.no>",
        "",
        "Hei",
      ].join("\r\n"),
      {labels: ["INBOX"], auth: {spf: "fail", dkim: "none", mailFrom: "x@evil.example"}},
    );
    const thread = await getThread(g, received.threadId, "read");
    const message = thread?.messages?.[0];
    const served = message?.payload?.headers ?? [];
    // Unfolded with the folding whitespace kept, encoded words decoded (docs/google-behaviour.md).
    expect(served.find((h) => h.name === "Subject")?.value).to.equal("Café");
    expect(served.find((h) => h.name === "From")?.value).to.equal("Zoë <zoe@example.no>");
    expect(served.find((h) => h.name === "References")?.value).to.equal("<a@example.no> <b@example.no>");
    expect(rawHeaderOf(message, "References")).to.equal("<a@example.no> <b@example.no>");
    expect(headerOf(message, "Subject")).to.equal("Café");
    // As received, from the raw message: encoded words kept.
    const fields = await getReceivedHeaders(g, message?.id ?? "", "read");
    expect(fields?.find((h) => h.name === "From")?.value).to.equal("=?UTF-8?Q?Zo=C3=AB?= <zoe@example.no>");
    expect(fields?.find((h) => h.name === "References")?.value).to.equal("<a@example.no> <b@example.no>");
    // Served encoded when the emulator is asked to (the other behaviour the pack must survive).
    gmailOf(emu.state).headerValues = "encoded";
    const encoded = (await getThread(g, received.threadId, "read"))?.messages?.[0]?.payload?.headers ?? [];
    expect(encoded.find((h) => h.name === "Subject")?.value).to.equal("=?UTF-8?Q?Caf=C3=A9?=");
    expect(headerOf((await getThread(g, received.threadId, "read"))?.messages?.[0], "Subject")).to.equal("Café");
    const results = rawHeadersOf(message, "Authentication-Results");
    expect(results).to.have.length(1);
    expect(results[0]).to.match(
      /^mx\.google\.com; +spf=fail \(google\.com: domain of x@evil\.example does not designate /,
    );
    expect(results[0]).to.match(/dmarc=fail \(p=NONE sp=NONE dis=NONE\) header\.from=example\.no$/);
    // Sent mail carries none: nothing was received over SMTP.
    await sendMail(g, mail(), undefined, "send");
    const sent = gmailOf(emu.state)
      .mailbox(sam.email)
      .thread(gmailOf(emu.state).outbox[0]?.threadId ?? "")[0];
    expect(sent?.rawHeaders.map((h) => h.name)).not.to.include("Authentication-Results");
  });

  it("builds URLs with escaped, repeated query parameters", () => {
    expect(
      apiUrl("/threads", [
        ["labelIds", "Label_1"],
        ["labelIds", "UNREAD"],
        ["q", "rfc822msgid:a@b in:sent"],
        ["pageToken", undefined],
      ]),
    ).to.equal(
      "https://gmail.googleapis.com/gmail/v1/users/me/threads?labelIds=Label_1&labelIds=UNREAD&q=rfc822msgid%3Aa%40b%20in%3Asent",
    );
  });

  it("sends base64url MIME that the emulator stores decoded, byte for byte", async () => {
    const m = mail();
    const sent = await sendMail(g, m, undefined, "send a test");
    const [record] = gmailOf(emu.state).outbox;
    // Byte for byte, except that Gmail gives API-sent mail its own Message-ID and keeps ours aside.
    const ours = buildMime(m).replace("Message-ID: <n1@trust-and-safety.invalid>\r\n", "");
    expect(record?.mime).to.match(
      /^Message-ID: <CA[0-9a-f]+@mail\.gmail\.com>\r\nX-Google-Original-Message-ID: <n1@trust-and-safety\.invalid>\r\n/,
    );
    expect(record?.mime.replace(/^Message-ID: .*\r\nX-Google-Original-Message-ID: .*\r\n/, "")).to.equal(ours);
    expect(record).to.include({from: sam.email, id: sent.id, threadId: sent.id});
    const read = await readMessage(sent.id);
    expect(read.headers.get("subject")).to.equal("Utfall av klagen din – Zoë");
    expect(read.headers.get("to")).to.equal("Zoë Ødegård <zoe@example.no>");
    expect(read.text).to.equal("Hei Zoë,\nklagen er behandlet.");
    expect(read.threadId).to.equal(sent.threadId);
    const meta = await getMessageMeta(sent.id, ["Subject", "Message-ID"]);
    expect(meta.payload?.headers?.map((h) => h.name)).to.deep.equal(["Message-ID", "Subject"]);
    expect(headerOf(meta, "subject")).to.equal("Utfall av klagen din – Zoë");
    expect(meta.labelIds).to.deep.equal(["SENT"]);
  });

  // Reported by teams sending through the API (docs/google-behaviour.md): the Message-ID the client
  // sets is replaced, so searching Sent mail for it finds nothing; Gmail's own id is found.
  it("finds a message by its RFC 822 Message-ID as Gmail has it, not as the client set it, in trash too", async () => {
    const sent = await sendMail(g, mail(), undefined, "send");
    expect(await findByMessageId(g, "<n1@trust-and-safety.invalid>", "find")).to.equal(undefined);
    const gmailId = headerOf(await getMessageMeta(sent.id, ["Message-ID"]), "Message-ID");
    expect(gmailId).to.match(/^<CA[0-9a-f]+@mail\.gmail\.com>$/);
    expect(await findByMessageId(g, gmailId, "find")).to.deep.equal({id: sent.id, threadId: sent.threadId});
    expect(await findByMessageId(g, gmailId.slice(1, -1), "find")).to.deep.equal({
      id: sent.id,
      threadId: sent.threadId,
    });
    const stored = gmailOf(emu.state).mailbox(sam.email).messages.get(sent.id);
    stored?.labelIds.add("TRASH");
    expect((await listMessages(g, {q: `rfc822msgid:${gmailId.slice(1, -1)}`, what: "list"})).messages).to.equal(
      undefined,
    );
    expect(await findByMessageId(g, gmailId, "find")).to.deep.equal({id: sent.id, threadId: sent.threadId});
  });

  // users.drafts: create, send; a sent draft no longer exists, so sending it again answers 404.
  it("sends a draft once: the second send of the same draft finds it gone", async () => {
    const draft = await createDraft(g, mail(), undefined, "write");
    expect(draft.draftId).to.match(/^r\d+$/);
    const sent = await sendDraft(g, draft.draftId, "send");
    expect(sent).to.deep.include({id: draft.messageId});
    expect(await sendDraft(g, draft.draftId, "send again")).to.equal("gone");
    expect(gmailOf(emu.state).outbox).to.have.length(1);
    const sendOnly = emu.state.addUser("send-only@tns.example", {
      scopes: ["openid", "email", "https://www.googleapis.com/auth/gmail.send"],
    });
    const refused = await createDraft(google(sendOnly), mail(), undefined, "write").catch((err: unknown) => err);
    expect((refused as Error).name).to.equal("MissingScopesError");
  });

  it("searches with in:, label:, from: and words, and lists threads by label, newest first, page by page", async () => {
    const box = gmailOf(emu.state);
    const incoming = (n: number, labels: string[]) =>
      box.deliver(
        sam.email,
        `From: w${n}@example.org\r\nTo: ${sam.email}\r\nSubject: Case ${n}\r\nMessage-ID: <c${n}@x>\r\n\r\nbody number ${n}`,
        {labels},
      );
    for (let n = 1; n <= 5; n++) {
      incoming(n, n % 2 ? ["INBOX", "Worker disputes"] : ["INBOX"]);
    }
    await sendMail(g, mail(), undefined, "send");
    const ids = async (q: string) => ((await listMessages(g, {q, what: "list"})).messages ?? []).length;
    expect(await ids("in:sent")).to.equal(1);
    expect(await ids("in:inbox")).to.equal(5);
    expect(await ids("label:worker-disputes")).to.equal(3);
    expect(await ids("from:w2@example.org")).to.equal(1);
    expect(await ids("number 4")).to.equal(1);
    expect(await ids('subject:"Case 5" in:inbox')).to.equal(1);
    const label = await labelIdByName(g, "worker DISPUTES", "labels");
    expect(label).to.equal("Label_1");
    expect(await labelIdByName(g, "inbox", "labels")).to.equal("INBOX");
    expect(await labelIdByName(g, "nope", "labels")).to.equal(undefined);
    expect((await listLabels(g, "labels")).map((l) => l.name)).to.include.members(["INBOX", "SENT", "Worker disputes"]);
    const first = await listThreads(g, {labelIds: [label ?? ""], maxResults: 2, what: "threads"});
    expect(first.threads?.map((t) => t.snippet)).to.deep.equal(["body number 5", "body number 3"]);
    const second = await listThreads(g, {
      labelIds: [label ?? ""],
      maxResults: 2,
      pageToken: first.nextPageToken,
      what: "threads",
    });
    expect(second.threads?.map((t) => t.snippet)).to.deep.equal(["body number 1"]);
    expect(second.nextPageToken).to.equal(undefined);
  });

  it("threads a reply only with threadId, matching subject and References, as Gmail does", async () => {
    const box = gmailOf(emu.state);
    const original = box.deliver(
      sam.email,
      `From: ana@example.org\r\nTo: ${sam.email}\r\nSubject: My appeal\r\nMessage-ID: <a1@x>\r\n\r\nPlease`,
    );
    const reply = (overrides: Partial<OutgoingMail>) =>
      mail({subject: "Re: My appeal", inReplyTo: "<a1@x>", references: ["<a1@x>"], ...overrides});
    const joined = await sendMail(g, reply({messageId: "<r1@x>"}), original.threadId, "reply");
    expect(joined.threadId).to.equal(original.threadId);
    const noThreadId = await sendMail(g, reply({messageId: "<r2@x>"}), undefined, "reply");
    expect(noThreadId.threadId).to.equal(noThreadId.id);
    const otherSubject = await sendMail(
      g,
      reply({messageId: "<r3@x>", subject: "Something else"}),
      original.threadId,
      "reply",
    );
    expect(otherSubject.threadId).to.equal(otherSubject.id);
    const noRefs = await sendMail(g, mail({messageId: "<r4@x>", subject: "Re: My appeal"}), original.threadId, "reply");
    expect(noRefs.threadId).to.equal(noRefs.id);
    const thread = await getThread(g, original.threadId, "thread");
    expect(thread?.messages?.map((m) => headerOf(m, "Message-ID"))).to.deep.equal([
      "<a1@x>",
      headerOf(await getMessageMeta(joined.id, ["Message-ID"]), "Message-ID"),
    ]);
    expect(await getThread(g, "18cfffffffffffff", "thread")).to.equal(undefined);
    let caught: unknown;
    try {
      await sendMail(g, reply({messageId: "<r5@x>"}), "18cfffffffffffff", "reply");
    } catch (err) {
      caught = err;
    }
    expect((caught as {status?: number}).status).to.equal(404);
  });

  it("refuses like Google without the Gmail scopes, and only lets a mailbox's owner in", async () => {
    const reader = emu.state.addUser("ro@tns.example", {
      scopes: ["openid", "email", "https://www.googleapis.com/auth/gmail.readonly"],
    });
    const base = emu.state.addUser("base@tns.example");
    const status = async (call: Promise<unknown>) => {
      try {
        await call;
      } catch (err) {
        if (coda.StatusCodeError.isStatusCodeError(err)) {
          return [err.statusCode, JSON.stringify(err.body)];
        }
        if (coda.MissingScopesError.isMissingScopesError(err)) {
          // Google's 403 for a missing scope becomes Coda's "reconnect and allow" error.
          return [403, "ACCESS_TOKEN_SCOPE_INSUFFICIENT"];
        }
        return [(err as {status?: number}).status, (err as Error).message];
      }
      return [200, ""];
    };
    const [code, body] = await status(sendMail(google(reader), mail(), undefined, "send"));
    expect(code).to.equal(403);
    expect(body).to.include("ACCESS_TOKEN_SCOPE_INSUFFICIENT");
    expect((await status(listMessages(google(base), {q: "in:sent", what: "list"})))[0]).to.equal(403);
    expect((await status(listLabels(google(reader), "labels")))[0]).to.equal(200);
    const res = await google(sam)
      .fetcher.fetch({method: "GET", url: "https://gmail.googleapis.com/gmail/v1/users/someone@else.example/labels"})
      .catch((err: coda.StatusCodeError) => err);
    expect((res as coda.StatusCodeError).statusCode).to.equal(403);
  });

  it("creates labels (409 for a taken name) and inserts incoming mail with gmail.insert", async () => {
    const admin = emu.state.addUser("admin@tns.example", {scopes: ["https://www.googleapis.com/auth/gmail.modify"]});
    const fetcher = google(admin).fetcher;
    const post = (path: string, body: unknown) =>
      fetcher
        .fetch({
          method: "POST",
          url: apiUrl(path),
          headers: {"Content-Type": "application/json"},
          body: JSON.stringify(body),
        })
        .catch((err: coda.StatusCodeError) => err);
    const created = (await post("/labels", {name: "Disputes"})) as coda.FetchResponse<{
      id: string;
      name: string;
      type: string;
    }>;
    expect(created.body).to.deep.equal({id: "Label_1", name: "Disputes", type: "user"});
    expect(((await post("/labels", {name: "disputes"})) as coda.StatusCodeError).statusCode).to.equal(409);
    const raw = Buffer.from(
      "From: w@x.org\r\nTo: admin@tns.example\r\nSubject: Hi\r\nMessage-ID: <i1@x>\r\n\r\nHello",
    ).toString("base64url");
    const inserted = (await post("/messages/insert", {raw, labelIds: ["INBOX", "Label_1"]})) as coda.FetchResponse<{
      id: string;
      labelIds: string[];
    }>;
    expect(inserted.body?.labelIds).to.deep.equal(["INBOX", "Label_1"]);
    const found = await listThreads(google(admin), {q: "label:disputes rfc822msgid:i1@x", what: "threads"});
    expect(found.threads?.map((t) => t.id)).to.deep.equal([inserted.body?.id]);
    expect(((await post("/messages/insert", {raw})) as coda.FetchResponse).status).to.equal(200);
    const readerOnly = google(
      emu.state.addUser("ro2@tns.example", {scopes: ["https://www.googleapis.com/auth/gmail.readonly"]}),
    ).fetcher;
    const refused = await readerOnly
      .fetch({
        method: "POST",
        url: apiUrl("/labels"),
        headers: {"Content-Type": "application/json"},
        body: '{"name":"X"}',
      })
      .catch((err: coda.StatusCodeError) => err);
    expect((refused as coda.StatusCodeError).statusCode).to.equal(403);
  });

  it("accepts base64url only, and answers the full format with parts whose data is base64url", async () => {
    const bad = await google(sam)
      .fetcher.fetch({
        method: "POST",
        url: apiUrl("/messages/send"),
        headers: {"Content-Type": "application/json"},
        body: JSON.stringify({raw: Buffer.from("To: a@b\r\n\r\n??>>").toString("base64")}),
      })
      .catch((err: coda.StatusCodeError) => err);
    expect((bad as coda.StatusCodeError).statusCode).to.equal(400);
    expect(JSON.stringify((bad as coda.StatusCodeError).body)).to.include("Base64 decoding failed");
    const sent = await sendMessage(g, buildMime(mail()), undefined, "send");
    const full = (await google(sam).fetcher.fetch({method: "GET", url: apiUrl(`/messages/${sent.id}`)})).body as {
      payload: {mimeType: string; parts: Array<{mimeType: string; body: {data: string}}>};
    };
    expect(full.payload.mimeType).to.equal("multipart/alternative");
    expect(full.payload.parts.map((p) => p.mimeType)).to.deep.equal(["text/plain", "text/html"]);
    expect(full.payload.parts[0]?.body.data).to.match(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(full.payload.parts[0]?.body.data ?? "", "base64url").toString("utf8")).to.equal(
      "Hei Zoë,\r\nklagen er behandlet.",
    );
  });
});
