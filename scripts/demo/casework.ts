// `npm start`, issue 17: a warning reaching the threshold, an open suspension extended, a lift
// approved by a second lead, a re-application (screened again), a worker's file, a data export,
// a bulk offboarding and the Summary that counts them.
import type {DemoContext} from "./context";
import {daysFromNow} from "../../test/helpers/fixture";
import {setSetting} from "../../test/helpers/ledger-rows";
import {driveStore} from "../../emulator/drive";

type Row = Record<string, unknown> & {WorkerId: string; Status: string};

export async function demoCasework(
  ctx: DemoContext,
  workerIds: {active: string[]; blacklisted: string; stillBlacklisted: string},
): Promise<void> {
  const {run, team, ledger} = ctx;
  const line = (label: string, w: Row, extra = "") => ctx.say(`${label}`, `${w.WorkerId} ${w.Status}${extra}`);
  const [bilal, chen, dara, ...rest] = workerIds.active as [string, string, string, ...string[]];
  ctx.say("Warnings, open suspensions, lifting, re-applying (issue 17), from the built bundle in isolated-vm");
  setSetting(ctx.emu.state, ctx.spreadsheetId, "StrikeWeight.CoC 4.2", "2");
  setSetting(ctx.emu.state, ctx.spreadsheetId, "ReapplyAfterDays", "0");

  await run.formula(
    "IssueWarning",
    [ledger, bilal, "Missed the review deadline on 3 tasks on 2 November", "CoC 2.1", "", false],
    team.specialist,
  );
  const warned = await run.formula<Row>(
    "IssueWarning",
    [ledger, bilal, "Copied answers on 2 tasks on 20 November", "CoC 4.2", "", false],
    team.specialist,
  );
  line(
    "IssueWarning twice (CoC 2.1 weighs 1, StrikeWeight.CoC 4.2 = 2)",
    warned,
    `, ActiveStrikes ${String(warned.ActiveStrikes)}`,
  );
  const findings = await run.sync<Row>("Findings", [ledger, undefined, ["strike-threshold"]], team.viewer);
  const finding = findings.rows.find((r) => JSON.stringify(r).includes(bilal));
  ctx.say(
    "Finding strike-threshold (suggests, never takes a suspension)",
    `${String(finding?.Title)}: ${String(finding?.Advice)}`,
  );

  const open = await run.formula<Row>(
    "SuspendWorker",
    [ledger, chen, "Account shared with another person, reported on 28 November", "CoC 1.3", undefined, "", false],
    team.specialist,
  );
  line(
    "SuspendWorker without an end date",
    open,
    `, ${String(open.SuspensionKind)}, review due ${String(open.ReviewDueAt)}`,
  );
  const extended = await run.formula<Row>(
    "ExtendSuspension",
    [ledger, chen, daysFromNow(30), "Waiting for the bank's answer", false],
    team.specialist,
  );
  line(
    "ExtendSuspension (review moved, still open)",
    extended,
    `, ${String(extended.SuspensionKind)}, review due ${String(extended.ReviewDueAt)}`,
  );
  try {
    await run.formula("ExtendSuspension", [ledger, dara, daysFromNow(30), "More found"], team.specialist);
  } catch (err) {
    ctx.say("ExtendSuspension of an Active worker", `refused: ${(err as Error).message}`);
  }

  const b = workerIds.blacklisted;
  await run.formula(
    "ProposeLiftBlacklist",
    [ledger, b, "Appeal upheld: the second account was a relative's"],
    team.lead,
  );
  try {
    await run.formula("ApproveLiftBlacklist", [ledger, b], team.lead);
  } catch (err) {
    ctx.say("ApproveLiftBlacklist by the proposer", `refused: ${(err as Error).message}`);
  }
  const lifted = await run.formula<Row>("ApproveLiftBlacklist", [ledger, b, "Documents reviewed", false], team.lead2);
  line("ApproveLiftBlacklist by a second lead", lifted);
  const entries = await run.sync<Row>("Blacklist", [ledger], team.viewer);
  const entry = entries.rows.find((r) => JSON.stringify(r).includes(b));
  ctx.say(
    "Its Blacklist entry, kept as history",
    `LiftedAt ${String(entry?.LiftedAt)}, LiftedBy ${String(entry?.LiftedBy)}`,
  );

  await run.formula("OffboardWorker", [ledger, dara, "Project Borealis ended", false], team.specialist);
  const again = await run.formula<Row>("Reapply", [ledger, dara, "Applied again for Atlas"], team.specialist);
  line(
    "OffboardWorker, then Reapply (ReapplyAfterDays = 0)",
    again,
    `, screened again: ${String(again.ScreeningVerdict)} at ${String(again.ScreenedAt)}`,
  );

  const file = await run.formula<{Timeline: Array<{Kind: string; Time: string; Actor: string; Text: string}>}>(
    "WorkerFile",
    [ledger, bilal],
    team.lead,
  );
  ctx.say(`WorkerFile ${bilal}, newest first`);
  ctx.table(file.Timeline.slice(0, 6), ["Kind", "Time", "Actor", "Text"]);

  const link = await run.formula<string>("ExportWorkerData", [ledger, bilal, "demo-export"], team.lead);
  const exported = [...driveStore(ctx.emu.state).files.values()].filter((d) => d.appProperties.tnsExport === bilal);
  const others = (await run.sync<Row>("Workers", [ledger], team.viewer)).rows.filter((r) => r.WorkerId !== bilal);
  const doc = exported[0]?.content ?? "";
  const leaked = others.filter((r) => doc.includes(String(r.WorkerId)) || doc.includes(String(r.Email ?? "@@")));
  ctx.say(
    `ExportWorkerData ${bilal} (a lead; files in the lead's own Drive)`,
    `Google Doc: ${link}`,
    ...exported.map((d) => `${d.mimeType}: ${d.name}, ${d.content?.length ?? 0} characters`),
    `Other workers' ids or emails in it: ${leaked.length} of ${others.length} checked`,
  );

  const summary = await run.formula<Record<string, unknown>>("Summary", [ledger], team.viewer);
  ctx.say(
    "Summary of the last 30 days: the new steps (before the bulk offboarding)",
    ["Warnings", "SuspensionExtensions", "BlacklistLifts", "Reapplications", "DataExports"]
      .map((k) => `${k} ${String(summary[k])}`)
      .join(" · "),
    ["OpenSuspensions", "OverdueSuspensionReviews", "PendingLiftApprovals", "AtStrikeThreshold"]
      .map((k) => `${k} ${String(summary[k])}`)
      .join(" · "),
  );

  const bulk = await run.formula<{Summary: string; Refused: Array<{WorkerId: string; Rule: string}>}>(
    "OffboardWorkers",
    [
      ledger,
      [...rest.slice(0, 20), workerIds.stillBlacklisted, chen],
      "Project Atlas ended on 30 November",
      false,
      "demo-bulk",
    ],
    team.specialist,
  );
  ctx.say(
    "OffboardWorkers (22 workers, one call)",
    bulk.Summary,
    ...bulk.Refused.map((r) => `refused ${r.WorkerId} (rule: ${r.Rule})`),
  );
}
