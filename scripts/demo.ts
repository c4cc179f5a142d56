// `npm start`: the pack's main job on the embedded default. Starts the local Google API emulator,
// creates a ledger through the pack, seeds a generated workforce with history, and runs a full
// worker lifecycle through the BUILT BUNDLE in isolated-vm, exactly as Coda would run it.
import {buildLedgerRecords, writeLedgerRecords} from "../test/helpers/workforce-seed";
import {generateWorkforce} from "../test/helpers/workforce";
import {setupLedger, daysFromNow} from "../test/helpers/fixture";
import type {LedgerFixture} from "../test/helpers/fixture";
import type {Mode} from "../test/helpers/runner";
import type {DemoContext} from "./demo/context";
import {formatTable} from "./demo/print";
import {demoCasework} from "./demo/casework";
import {demoTrust} from "./demo/trust";
import {demoDisputes} from "./demo/disputes";
import {demoAuditFeedback, demoMonitoring} from "./demo/monitoring";
import {demoVetting} from "./demo/vetting";
import {demoCompanions} from "./demo/companions";
import type {VettingSecrets} from "./demo/vetting";

type Row = Record<string, unknown>;

/** What a demo run leaves behind: the ledger it worked on, and the clear numbers it typed in. */
export interface DemoRun {
  fixture: LedgerFixture;
  secrets: VettingSecrets;
}

/**
 * The whole demo. `print` false runs it silently (the secret-scan test does); the caller closes
 * the fixture.
 */
export async function runDemo(options: {print: boolean; mode?: Mode} = {print: true}): Promise<DemoRun> {
  const started = Date.now();
  const out = (line: string) => {
    if (options.print) {
      console.log(line);
    }
  };
  const f = await setupLedger({mode: options.mode ?? "vm", timezone: "UTC"});
  const ctx: DemoContext = {
    ...f,
    say(heading, ...lines) {
      out(`\n━━ ${heading}`);
      for (const line of lines) {
        out(`   ${line}`);
      }
    },
    table(rows, columns) {
      out(formatTable(rows, columns));
    },
  };
  const {run, team, ledger} = f;
  {
    ctx.say(
      "Ledger",
      `Created by ${team.lead.email} through CreateLedger: ${ledger}`,
      `Staff: ${team.lead.email} and ${team.lead2.email} (leads), ${team.specialist.email} (specialist), ${team.viewer.email} (viewer)`,
    );

    const seeded = buildLedgerRecords(generateWorkforce({count: 2_000, now: new Date().toISOString()}), {
      specialists: [team.specialist.email],
      leads: [team.lead.email, team.lead2.email],
    });
    writeLedgerRecords(f.emu.state, f.spreadsheetId, seeded);
    const byStatus = new Map<string, number>();
    seeded.workers.forEach((w) => byStatus.set(w.status, (byStatus.get(w.status) ?? 0) + 1));
    ctx.say(
      "Seeded workforce",
      `${seeded.workers.length} workers from ${new Set(seeded.workers.map((w) => w.country)).size} countries, ${seeded.events.length} decisions, ${seeded.blacklist.length} blacklist entries`,
      [...byStatus].map(([s, n]) => `${s} ${n}`).join(" · "),
    );

    const step = async (label: string, name: string, params: unknown[], as = team.specialist) => {
      const w = await run.formula<Row>(name, params, as);
      out(
        `   ✓ ${label.padEnd(44)} → ${String(w.WorkerId)} ${String(w.Status)}${w.SuspendedUntil ? ` until ${String(w.SuspendedUntil)}` : ""}`,
      );
      return w;
    };
    const refused = async (label: string, name: string, params: unknown[], as = team.specialist) => {
      try {
        await run.formula(name, params, as);
        throw new Error(`${label} should have been refused`);
      } catch (err) {
        out(`   ✗ ${label.padEnd(44)} → refused: ${(err as Error).message}`);
      }
    };

    ctx.say("A worker's lifecycle, run from the built bundle in isolated-vm");
    const ana = await step("AddApplicant Ana Pérez (Mexico)", "AddApplicant", [
      ledger,
      "Ana Pérez",
      "ana.perez.demo@gmail.com",
      "Mexico",
      "55 1234 5678",
      "America/Mexico_City",
      "Demo referral",
    ]);
    const id = String(ana.WorkerId);
    await refused("AddApplicant the same person again", "AddApplicant", [
      ledger,
      "Ana Perez",
      "Ana.Perez.Demo+2@googlemail.com",
      "MX",
    ]);
    await step("StartVetting", "StartVetting", [ledger, id, "ID and bank documents received"]);
    await step("ApproveWorker", "ApproveWorker", [
      ledger,
      id,
      "Passport and bank holder checked: not the namesakes the screening found",
    ]);
    await step("SuspendWorker (CoC 4.2, two weeks)", "SuspendWorker", [
      ledger,
      id,
      "Submitted copied answers on three tasks on 12 November",
      "CoC 4.2",
      daysFromNow(14),
      "https://drive.google.com/file/d/demo-evidence",
    ]);
    await refused("ApproveWorker while suspended", "ApproveWorker", [ledger, id]);
    await step("ReinstateWorker", "ReinstateWorker", [ledger, id, "Suspension served; warning issued"]);
    await step(
      "ProposeBlacklist by a lead",
      "ProposeBlacklist",
      [
        ledger,
        id,
        "Operated a second account with the same bank details",
        "CoC 1.3",
        "https://drive.google.com/file/d/demo-second-account",
      ],
      team.lead2,
    );
    await refused("ApproveBlacklist by the proposer", "ApproveBlacklist", [ledger, id], team.lead2);
    await refused("ApproveBlacklist by a specialist", "ApproveBlacklist", [ledger, id], team.specialist);
    // The approver is not someone the proposer made lead (VerifyLedger would list that under Warnings).
    await step("ApproveBlacklist by a second lead", "ApproveBlacklist", [ledger, id, "Evidence reviewed"], team.lead);
    const other = seeded.workers.find((w) => w.status === "Active") as {workerId: string};
    await step(`OffboardWorker ${other.workerId}`, "OffboardWorker", [
      ledger,
      other.workerId,
      "Project Atlas ended; no further work",
    ]);
    await refused(`StartVetting ${other.workerId} (Offboarded)`, "StartVetting", [ledger, other.workerId]);
    await refused("StartVetting as a viewer", "StartVetting", [ledger, id], team.viewer);

    ctx.say("Workers (first rows of the synced table)");
    const workers = await run.sync<Row>("Workers", [ledger], team.viewer);
    const picked = [
      workers.rows.find((r) => r.WorkerId === id),
      workers.rows.find((r) => r.WorkerId === other.workerId),
      ...workers.rows.slice(0, 10),
    ];
    const shown = picked
      .filter((r, i): r is Row => Boolean(r) && picked.findIndex((p) => p?.WorkerId === r?.WorkerId) === i)
      .slice(0, 10);
    ctx.table(shown, ["WorkerId", "Name", "Status", "Country", "Phone", "SuspendedUntil", "UpdatedBy"]);
    out(`   (${workers.rows.length} rows in ${workers.pages} sync pages)`);

    ctx.say(`Decision log for ${id}, newest first`);
    const log = await run.sync<Row>("DecisionLog", [ledger, id], team.viewer);
    ctx.table(log.rows, ["Time", "Type", "FromStatus", "ToStatus", "Reason", "PolicyClause", "Actor"]);

    ctx.say("Blacklist (latest entries)");
    const blacklist = await run.sync<Row>("Blacklist", [ledger], team.viewer);
    ctx.table(blacklist.rows.slice(-3), ["Name", "Country", "Reason", "PolicyClause", "ProposedBy", "ApprovedBy"]);

    const secrets = await demoVetting(ctx);
    await demoMonitoring(ctx);
    await demoDisputes(ctx);
    await demoAuditFeedback(ctx);
    const others = seeded.workers.filter((w) => w.status === "Active" && w.workerId !== other.workerId);
    const lateActive = (await run.sync<Row>("Workers", [ledger], team.viewer)).rows
      .filter((r) => r.Status === "Active" && others.some((o) => o.workerId === r.WorkerId))
      .map((r) => String(r.WorkerId));
    await demoCasework(ctx, {
      active: lateActive.slice(-30),
      blacklisted: id,
      stillBlacklisted: seeded.workers.find((w) => w.status === "Blacklisted")?.workerId ?? id,
    });
    await demoTrust(ctx);
    await demoCompanions(ctx);

    ctx.say(
      "Done",
      `${f.emu.log.length} Google API requests served by the emulator in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
    return {fixture: f, secrets};
  }
}

if (require.main === module) {
  runDemo({print: true})
    .then((demo) => demo.fixture.close())
    .then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
}
