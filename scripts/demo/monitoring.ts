// Demo part: a monitoring pass over the ledger (Findings), one finding walked from Open to Resolved,
// a specialist's Queue, and a routine audit assigned, recorded and fed back to the worker.
import {gmailOf} from "../../emulator/gmail";
import {read} from "../../test/helpers/gmail";
import type {DemoContext} from "./context";

type Row = Record<string, unknown>;

export async function demoMonitoring(ctx: DemoContext): Promise<void> {
  const {run, team, ledger} = ctx;
  // Two people of one household (one phone), approved without bank details or screening recorded.
  const added: string[] = [];
  for (const [name, email] of [
    ["Lucía Gómez", "lucia.gomez.demo@example.com"],
    ["Mateo Gómez", "mateo.gomez.demo@example.com"],
  ] as const) {
    const w = await run.formula<Row>(
      "AddApplicant",
      [ledger, name, email, "MX", "+52 55 8765 4321", "America/Mexico_City", "Referral"],
      team.specialist,
    );
    await run.formula("StartVetting", [ledger, w.WorkerId], team.specialist);
    await run.formula("ApproveWorker", [ledger, w.WorkerId, "Vetted by phone"], team.specialist);
    added.push(String(w.WorkerId));
  }
  ctx.say(
    "Monitoring",
    `Added and approved ${added.join(" and ")}: one household phone, no bank verification, no document folder.`,
  );

  const findings = await run.sync<Row>("Findings", [ledger], team.viewer);
  ctx.say(
    "Findings",
    `${findings.rows.length} finding${findings.rows.length === 1 ? "" : "s"} in ${findings.pages} sync pages (a pass per severity over the identity, workers, disputes, drift and trust phases), most severe first.`,
  );
  const byRule = new Map<string, number>();
  findings.rows.forEach((r) =>
    byRule.set(
      `${String(r.Severity)} ${String(r.Rule)}`,
      (byRule.get(`${String(r.Severity)} ${String(r.Rule)}`) ?? 0) + 1,
    ),
  );
  ctx.say(
    "Findings by rule",
    ...[...byRule].sort((a, b) => b[1] - a[1]).map(([rule, n]) => `${String(n).padStart(5)}  ${rule}`),
  );
  const mine = findings.rows.filter((r) =>
    added.some((id) => JSON.stringify(r.Workers ?? r.Worker ?? "").includes(id)),
  );
  ctx.say("Findings about the two new workers");
  ctx.table(mine.length ? mine : findings.rows.slice(0, 12), ["Severity", "Rule", "Title", "FirstSeen"]);
  const household = findings.rows.find((r) => r.Rule === "shared-phone");
  if (household) {
    ctx.say("A household signal is only ever a Review", String(household.Explanation));
  }

  // Triage: one finding from Open to Resolved, then what waits for the specialist.
  const picked = findings.rows.find((r) => r.Rule === "vetting-incomplete") ?? findings.rows[0];
  if (picked) {
    const fid = String(picked.FindingId);
    ctx.say("Triage of one finding", `${fid}: ${String(picked.Title)} (Status ${String(picked.Status)})`);
    const steps: string[] = [];
    for (const [name, params] of [
      ["AssignFinding", [fid, "me"]],
      ["AcknowledgeFinding", [fid, "Asked the worker for what is missing"]],
      ["ResolveFinding", [fid, "ActionTaken", "What was missing is now recorded"]],
    ] as const) {
      const r = await run.formula<Row>(name, [ledger, ...params], team.specialist);
      steps.push(
        `✓ ${name.padEnd(20)} → ${String(r.Status)}${r.Assignee ? `, assigned to ${String(r.Assignee)}` : ""}${r.Outcome ? `, ${String(r.Outcome)}` : ""}`,
      );
    }
    ctx.say("Triage steps, each in the decision log with its actor", ...steps);
    const after = await run.sync<Row>("Findings", [ledger, [], [], ["Resolved"]], team.viewer);
    ctx.say(
      "Resolved findings",
      ...after.rows.map((r) => `${String(r.FindingId)}: ${String(r.Outcome)} — ${String(r.Note)}`),
    );
    const open = findings.rows.filter((r) => r.Rule !== "vetting-incomplete").slice(0, 2);
    for (const r of open) {
      await run.formula("AssignFinding", [ledger, r.FindingId, "me"], team.specialist);
    }
  }
  // A routine audit: drawn, one taken by the specialist, so it waits in their queue with its due date.
  const scheduled = await run.formula<Row & {Audits: Row[]}>("ScheduleAudits", [ledger, 2, 0], team.specialist);
  ctx.say(
    "ScheduleAudits",
    String(scheduled.Summary),
    ...((scheduled.Strata as string[] | undefined) ?? []).map((s) => `  ${s}`),
  );
  const first = scheduled.Audits[0];
  if (first) {
    const taken = await run.formula<Row>("AssignAudit", [ledger, first.AuditId, "me"], team.specialist);
    ctx.say(
      "AssignAudit",
      `${String(taken.Title)} assigned to ${String(taken.Assignee)}, due ${String(taken.DueDate)}.`,
    );
  }
  const queue = await run.sync<Row>("Queue", [ledger, "me"], team.specialist);
  ctx.say(`Queue(ledger, "me") for ${team.specialist.email}: ${queue.rows.length} item(s)`);
  ctx.table(queue.rows, ["Kind", "Title", "DueAt", "Overdue", "AgeDays", "Action"]);
  const everything = await run.sync<Row>("Queue", [ledger], team.lead);
  const kinds = new Map<string, number>();
  everything.rows.forEach((r) => kinds.set(String(r.Kind), (kinds.get(String(r.Kind)) ?? 0) + 1));
  ctx.say(
    `Queue(ledger) for the whole team: ${everything.rows.length} item(s), Critical findings first`,
    [...kinds].map(([k, n]) => `${k} ${n}`).join(" · "),
    ...everything.rows.slice(0, 3).map((r) => `${String(r.Kind)}: ${String(r.Title)}`),
  );

  if (first) {
    // Another specialist, an insider with their own access, cannot record or take the audit.
    const sue = ctx.emu.state.addUser("sue.specialist@tns.example", {
      name: "Sue Specialist",
      scopes: [...team.specialist.scopes],
    });
    await run.formula("AddStaff", [ledger, sue.email, "specialist"], team.lead);
    const refusals: string[] = [];
    for (const [name, params] of [
      ["RecordAudit", [first.AuditId, "Passed", ""]],
      ["AssignAudit", [first.AuditId, "me"]],
    ] as const) {
      try {
        await run.formula(name, [ledger, ...params], sue);
        refusals.push(`${name} by ${sue.email}: NOT refused`);
      } catch (err) {
        refusals.push(`✗ ${name} by ${sue.email}: ${(err as Error).message}`);
      }
    }
    ctx.say("Only the assignee or a lead records an audit", ...refusals);
  }
}

/** The specialist records their audit with concerns; the worker's feedback waits, then SendNotice sends it. */
export async function demoAuditFeedback(ctx: DemoContext): Promise<void> {
  const {run, team, ledger} = ctx;
  const audits = await run.sync<Row>("Audits", [ledger], team.viewer);
  const mine = audits.rows.find((a) => a.Status === "Scheduled" && a.Assignee === team.specialist.email);
  if (mine) {
    const recorded = await run.formula<Row>(
      "RecordAudit",
      [
        ledger,
        mine.AuditId,
        "Concerns",
        "Copied answers in 4 of 20 sampled tasks (12–14 March)",
        "https://drive.google.com/file/d/demo-evidence",
        "",
        "Write every answer yourself; if a task is unclear, ask in the project channel instead of reusing another answer.",
      ],
      team.specialist,
    );
    const worker = String(recorded.WorkerId);
    ctx.say(
      "RecordAudit",
      `${String(recorded.Title)}. Suggested next step: ${String(recorded.SuggestedStep ?? "none")} (a suggestion only; the worker is unchanged).`,
    );
    const pending = (await run.sync<Row>("Queue", [ledger], team.specialist)).rows.filter(
      (r) => r.Kind === "Notice" && String(r.WorkItemId).includes(worker),
    );
    ctx.table(pending, ["Kind", "Title", "Action"]);
    const before = gmailOf(ctx.emu.state).outbox.length;
    await run.formula("SendNotice", [ledger, worker, "AuditFeedback"], team.specialist);
    const sent = gmailOf(ctx.emu.state).outbox.slice(before);
    const text = sent.map((m) => read(m.mime).text).join("\n");
    const change = /What to change: ([^\r\n]+)/.exec(text)?.[1] ?? "";
    ctx.say(
      "SendNotice AuditFeedback",
      `${sent.length} email sent from ${team.specialist.email}'s Gmail to ${worker}; what to change: ${change}`,
    );
  }
  const audits2 = await run.sync<Row>("Audits", [ledger], team.viewer);
  ctx.table(audits2.rows.slice(-12), ["AuditId", "WorkerId", "Status", "Assignee", "DueDate", "SuggestedStep"]);
}
