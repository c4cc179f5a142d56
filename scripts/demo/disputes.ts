// `npm start` part: a worker appeals a suspension by email; a specialist flags, decides and closes
// the dispute; the outcome email is printed exactly as the Gmail emulator received it.
import {gmailOf, GMAIL_SCOPES} from "../../emulator/gmail";
import type {DemoContext} from "./context";

type Obj = Record<string, unknown>;

export async function demoDisputes(ctx: DemoContext): Promise<void> {
  const {run, team, ledger} = ctx;
  const gmail = gmailOf(ctx.emu.state);
  // Each person allows the pack's Gmail scopes the first time a notice formula asks for them.
  for (const user of [team.lead, team.lead2, team.specialist]) {
    GMAIL_SCOPES.forEach((scope) => user.scopes.add(scope));
  }

  const worker = await run.formula<Obj>(
    "AddApplicant",
    [ledger, "Amara Ọkafọ̀", "amara.okafo@example.ng", "NG", "", "Africa/Lagos", "Referral"],
    team.specialist,
  );
  const id = String(worker.WorkerId);
  await run.formula("StartVetting", [ledger, id], team.specialist);
  await run.formula("ApproveWorker", [ledger, id, "", false], team.specialist);
  const until = new Date(Date.now() + 14 * 86_400_000);
  await run.formula(
    "SuspendWorker",
    [
      ledger,
      id,
      "Submitted 12 answers identical to another worker's on 2 January 2026 (tasks T-881 to T-892)",
      "CoC 4.2",
      until,
    ],
    team.specialist,
  );
  ctx.say(
    "Disputes: a suspension and its notice",
    `${id} suspended; the notice went from ${team.specialist.email}'s Gmail: "${headerOf(gmail.outbox.at(-1)?.mime, "Subject")}".`,
  );

  const appeal = gmail.deliver(
    team.specialist.email,
    [
      "From: =?UTF-8?B?QW1hcmEg4buMa2Fm4buNzIA=?= <Amara.Okafo@example.ng>",
      `To: ${team.specialist.email}`,
      "Subject: Appeal: my answers were my own",
      "Date: Mon, 05 Jan 2026 09:12:00 +0100",
      "Message-ID: <appeal-1@example.ng>",
      "Content-Type: text/plain; charset=UTF-8",
      "",
      "Hello, I wrote those answers myself on 1 January; my drafts are attached in the task history. Please review.",
    ].join("\r\n"),
    {labels: ["INBOX", "Disputes"]},
  );
  const emails = await run.sync<Obj>("DisputeEmails", [ledger], team.specialist);
  ctx.say("Disputes: the Disputes label in the specialist's Gmail");
  ctx.table(emails.rows, ["Subject", "Sender", "WorkerId", "HasOpenDispute"]);

  const flagged = await run.formula<Obj>(
    "FlagDispute",
    [ledger, appeal.threadId, "SuspensionAppeal", "Says the flagged answers of 2 January were her own drafts", true],
    team.specialist,
  );
  const disputeId = String(flagged.DisputeId);
  // The specialist who suspended her may not decide her appeal (rule independence): a lead does.
  await run.formula("AssignDispute", [ledger, disputeId, "me"], team.lead);
  const decided = await run.formula<Obj>(
    "ResolveDispute",
    [
      ledger,
      disputeId,
      "Upheld",
      "Her drafts of 1 January 2026 in the task history match the answers; the other worker submitted the same text a day later.",
      true,
      "CoC 4.2",
    ],
    team.lead,
  );
  ctx.say(
    "Disputes: decided",
    `${disputeId} ${decided.Outcome}; reversal the team must take: ${decided.ReversalNeeded}. Nothing was reversed automatically.`,
  );
  try {
    await run.formula("CloseDispute", [ledger, disputeId], team.lead);
  } catch (err) {
    ctx.say("Disputes: closing before the reversal is refused", (err as Error).message);
  }
  await run.formula("ReinstateWorker", [ledger, id, "Appeal upheld", false], team.specialist);
  const closed = await run.formula<Obj>("CloseDispute", [ledger, disputeId, "Reinstated"], team.lead);
  const disputes = await run.sync<Obj>("Disputes", [ledger], team.viewer);
  ctx.say("Disputes: the Disputes table");
  ctx.table(
    disputes.rows.filter((d) => d.DisputeId === closed.DisputeId),
    ["DisputeId", "Category", "Channel", "DueAt", "Status", "Outcome", "ReversalNeeded", "NoticeStatus"],
  );

  // The acknowledgement and the outcome both reply to the worker; the outcome came last, from the lead who decided.
  const outcome = gmail.outbox.filter((s) => s.from === team.lead.email).at(-1);
  ctx.say(
    `Disputes: the outcome email as the Gmail emulator received it (thread ${outcome?.threadId}, requested ${outcome?.requestedThreadId})`,
    outcome?.mime ?? "(none)",
  );
}

function headerOf(mime: string | undefined, name: string): string {
  const line = (mime ?? "").split("\r\n").find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : "";
}
