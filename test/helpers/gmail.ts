// Helpers for tests of notices and disputes: Gmail access, workers, settings and sent mail.
import type {Emulator} from "../../emulator/server";
import type {User} from "../../emulator/state";
import {gmailOf, GMAIL_SCOPES, headerValue, parseMessage} from "../../emulator/gmail";
import type {Header, SentRecord} from "../../emulator/gmail";
import type {LedgerFixture} from "./fixture";
import {setupLedger} from "./fixture";

/** Grants the Gmail scopes a connection gets when its user allows them (extraOAuthScopes). */
export function grantGmail(...users: User[]): void {
  for (const user of users) {
    GMAIL_SCOPES.forEach((s) => user.scopes.add(s));
  }
}

/** Matches Gmail's messages.send in the emulator's fault rules: to fail or drop a notice as it goes out. */
export const onSend = (c: {host: string; path: string}) =>
  c.host === "gmail.googleapis.com" && (c.path.endsWith("/messages/send") || c.path.endsWith("/drafts/send"));

/**
 * The first notice send is applied by Gmail but its answer is lost, and the network stays down
 * for every later attempt (they never reach Gmail): the notice went, and this execution cannot know.
 */
export function sentThenNetworkDown(emu: Emulator): void {
  let first = true;
  emu.setFaults({
    dropAfterRate: 1,
    match: (c) => {
      if (!onSend(c)) {
        return false;
      }
      if (!first) {
        emu.setFaults({dropBeforeRate: 1, match: onSend});
      }
      first = false;
      return true;
    },
  });
}

export type Row = Record<string, unknown> & {WorkerId: string; Status: string};

/** A worker taken to Active without notices. */
export async function activeWorker(
  f: LedgerFixture,
  name = "Ana Pérez",
  email = "ana.perez@gmail.com",
  timezone = "America/Mexico_City",
  country = "MX",
): Promise<string> {
  const w = await f.run.formula<Row>(
    "AddApplicant",
    [f.ledger, name, email, country, "", timezone, "Referral"],
    f.team.specialist,
  );
  await f.run.formula("StartVetting", [f.ledger, w.WorkerId], f.team.specialist);
  await f.run.formula("ApproveWorker", [f.ledger, w.WorkerId, "", false], f.team.specialist);
  return w.WorkerId;
}

/** A ledger in UTC whose whole team has allowed Gmail, with one Active worker: the start of most case tests. */
export async function ledgerWithActiveWorker(): Promise<{f: LedgerFixture; id: string}> {
  const f = await setupLedger({timezone: "UTC"});
  grantGmail(f.team.lead, f.team.lead2, f.team.specialist, f.team.viewer);
  return {f, id: await activeWorker(f)};
}

/** Sets a key on the ledger's Settings tab, as a lead would by hand. */
export function setSetting(f: LedgerFixture, key: string, value: string): void {
  const book = f.emu.state.spreadsheets.get(f.spreadsheetId);
  const sheet = book?.sheets.find((s) => s.properties.title === "Settings");
  if (!sheet) {
    throw new Error("no Settings tab");
  }
  const row = sheet.rows.findIndex((r) => r?.[0] === key);
  if (row >= 0) {
    (sheet.rows[row] as Array<string | undefined>)[1] = value;
  } else {
    sheet.rows.push([key, value, ""]);
  }
}

/** Every message sent through Gmail, decoded exactly as the emulator received it. */
export function outbox(f: LedgerFixture): SentRecord[] {
  return gmailOf(f.emu.state).outbox;
}

/** A received message's decoded headers and plain text. */
export function read(mime: string): {headers: Header[]; text: string; header(name: string): string} {
  const parsed = parseMessage(Buffer.from(mime, "utf8"));
  return {
    headers: parsed.headers,
    text: parsed.text.replace(/\r\n/g, "\n"),
    header: (name: string) => headerValue(parsed.headers, name),
  };
}

/** An email from a worker as their mail client would write it. */
export function workerMail(spec: {
  from: string;
  to: string;
  subject: string;
  body: string;
  messageId: string;
  date?: string;
  inReplyTo?: string;
}): string {
  return [
    `From: ${spec.from}`,
    `To: ${spec.to}`,
    `Subject: ${spec.subject}`,
    `Date: ${spec.date ?? "Fri, 09 Jan 2026 15:00:00 +0000"}`,
    `Message-ID: ${spec.messageId}`,
    ...(spec.inReplyTo ? [`In-Reply-To: ${spec.inReplyTo}`, `References: ${spec.inReplyTo}`] : []),
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    spec.body,
  ].join("\r\n");
}
