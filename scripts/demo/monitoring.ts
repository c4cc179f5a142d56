// Demo part: a monitoring pass over the ledger (Findings) and a routine audit (ScheduleAudits, RecordAudit).
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
    `${findings.rows.length} finding${findings.rows.length === 1 ? "" : "s"} in ${findings.pages} sync pages (identity, workers, disputes, drift).`,
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
  const queue = await run.sync<Row>("Queue", [ledger, "me"], team.specialist);
  ctx.say(`Queue(ledger, "me") for ${team.specialist.email}: ${queue.rows.length} item(s)`);
  ctx.table(queue.rows, ["Kind", "Title", "DueAt", "Overdue", "AgeDays", "Action"]);

  const scheduled = await run.formula<Row & {Audits: Row[]}>("ScheduleAudits", [ledger, 2, 0], team.specialist);
  ctx.say(
    "ScheduleAudits",
    String(scheduled.Summary),
    ...((scheduled.Strata as string[] | undefined) ?? []).map((s) => `  ${s}`),
  );
  const first = scheduled.Audits[0];
  if (first) {
    const recorded = await run.formula<Row>(
      "RecordAudit",
      [
        ledger,
        first.AuditId,
        "Failed",
        "Copied answers in 4 of 20 sampled tasks (12–14 March)",
        "https://drive.google.com/file/d/demo-evidence",
      ],
      team.specialist,
    );
    ctx.say(
      "RecordAudit",
      `${recorded.Title}. Suggested next step: ${String(recorded.SuggestedStep ?? "none")} (a suggestion only; the worker is unchanged).`,
    );
  }
  const audits = await run.sync<Row>("Audits", [ledger], team.viewer);
  ctx.table(audits.rows.slice(-12), ["AuditId", "WorkerId", "Status", "DueDate", "Stratum", "SuggestedStep"]);
}
