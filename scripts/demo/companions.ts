// `npm start` part: the ledger's decisions carried to Discord and Zendesk by the companion packs
// (their built bundles in isolated-vm), each step recorded back, then a ticket-borne appeal opened
// from a Zendesk ticket, decided, answered on the ticket, and the Discord roles the suspension
// removed given back exactly. Ends by checking that no external step is owed.
import type {DemoContext} from "./context";
import {CompanionRunner} from "../../test/helpers/companions";
import {BOT_TOKEN, seedDiscord} from "../../test/helpers/discord-world";
import {seedZendesk, ZENDESK_TOKEN} from "../../test/helpers/zendesk-world";
import {setSetting} from "../../test/helpers/ledger-rows";
import {addTicket, addZendeskUser} from "../../emulator/zendesk";
import {discordStore} from "../../emulator/discord";
import {pack as discordPack} from "../../companions/discord/pack";
import {pack as zendeskPack} from "../../companions/zendesk/pack";
import {
  EXAMPLE_GUILD,
  EXAMPLE_ROLE_CONTRIBUTOR,
  EXAMPLE_ROLE_REVIEWER,
  EXAMPLE_USER as DISCORD_ANA,
  EXAMPLE_USER_2 as DISCORD_BILAL,
} from "../../companions/discord/formulas/examples";
import {EXAMPLE_ENDPOINT, EXAMPLE_USER as ZENDESK_ANA} from "../../companions/zendesk/formulas/examples";

type Obj = Record<string, unknown>;

export async function demoCompanions(ctx: DemoContext): Promise<void> {
  const {run, team, ledger} = ctx;
  seedDiscord(ctx.emu);
  const account = seedZendesk(ctx.emu);
  const mode = run.options.mode;
  const discord = new CompanionRunner({
    companion: "discord",
    pack: discordPack,
    emulator: ctx.emu,
    mode,
    token: BOT_TOKEN,
  });
  const zendesk = new CompanionRunner({
    companion: "zendesk",
    pack: zendeskPack,
    emulator: ctx.emu,
    mode,
    token: ZENDESK_TOKEN,
    endpoint: EXAMPLE_ENDPOINT,
  });
  const roles = `${EXAMPLE_ROLE_CONTRIBUTOR},${EXAMPLE_ROLE_REVIEWER}`;
  setSetting(ctx.emu.state, ctx.spreadsheetId, "Discord.GuildId", EXAMPLE_GUILD);
  setSetting(ctx.emu.state, ctx.spreadsheetId, "Discord.OnSuspend", `remove-roles:${roles}`);
  ctx.say(
    "Discord and Zendesk: the companion packs (built bundles in isolated-vm)",
    `Settings: Discord.GuildId = ${EXAMPLE_GUILD}, Discord.OnBlacklist = ban, Discord.OnSuspend = remove-roles:${roles},`,
    "Discord.OnReinstate = restore, Zendesk.OnBlacklist = suspend-user",
  );
  const line = (label: string, detail: string) => ctx.say(label, detail);
  const hire = async (name: string, email: string, discordId: string, zendeskId: string) => {
    const w = await run.formula<Obj>(
      "AddApplicant",
      [ledger, name, email, "PE", "", "America/Lima", "Referral"],
      team.specialist,
    );
    const id = String(w.WorkerId);
    await run.formula("StartVetting", [ledger, id], team.specialist);
    await run.formula("ApproveWorker", [ledger, id, "", false], team.specialist);
    await run.formula("UpdateWorkerDetails", [ledger, id, undefined, undefined, discordId, zendeskId], team.specialist);
    return id;
  };
  const recordStep = async (id: string, step: string, reference?: string) => {
    const w = await run.formula<Obj>("RecordExternalStep", [ledger, id, step, "Done", reference], team.specialist);
    const owed = (w.ExternalStepsOwed as string[] | undefined) ?? [];
    line(`RecordExternalStep ${id} ${step}`, `still owed: ${owed.length ? owed.join("; ") : "nothing"}`);
  };

  // 1. A blacklisting: the ledger decision, the Discord ban, the Zendesk suspension, each recorded back.
  const ana = await hire("Ana Quispe", "ana.quispe.demo@example.pe", DISCORD_ANA, ZENDESK_ANA);
  await run.formula(
    "ProposeBlacklist",
    [ledger, ana, "Operated a second account with the same bank details", "CoC 1.3", "https://drive.example/e9"],
    team.lead,
  );
  const blacklisted = await run.formula<Obj>("ApproveBlacklist", [ledger, ana, "Evidence reviewed", false], team.lead2);
  line(
    `ApproveBlacklist ${ana}`,
    `→ ${String(blacklisted.Status)}; ExternalStepsOwed: ${(blacklisted.ExternalStepsOwed as string[]).join("; ")}`,
  );
  const ban = await discord.formula("BanMember", [EXAMPLE_GUILD, DISCORD_ANA, `Blacklisted ${ana} (CoC 1.3)`, 1]);
  line("Discord BanMember", String(ban.Done));
  await recordStep(ana, "Discord.ban", String(ban.BanId));
  const suspended = await zendesk.formula("SuspendUser", [ZENDESK_ANA, `Blacklisted ${ana} (CoC 1.3)`]);
  line("Zendesk SuspendUser", String(suspended.Done));
  await recordStep(ana, "Zendesk.suspend-user");

  // 2. A suspension that removes Discord roles, appealed through a Zendesk ticket, upheld, reversed.
  const zendeskBilal = "361000000301";
  addZendeskUser(account, {id: Number(zendeskBilal), name: "Bilal Rojas", email: "bilal.rojas.demo@example.pe"});
  const bilal = await hire("Bilal Rojas", "bilal.rojas.demo@example.pe", DISCORD_BILAL, zendeskBilal);
  const until = new Date(Date.now() + 14 * 86_400_000);
  const sus = await run.formula<Obj>(
    "SuspendWorker",
    [
      ledger,
      bilal,
      "Answers identical to another worker's on 2 March (tasks T-17 to T-21)",
      "CoC 4.2",
      until,
      undefined,
      false,
    ],
    team.specialist,
  );
  line(`SuspendWorker ${bilal}`, `ExternalStepsOwed: ${(sus.ExternalStepsOwed as string[]).join("; ")}`);
  const removed = await discord.formula("RemoveRoles", [
    EXAMPLE_GUILD,
    DISCORD_BILAL,
    [EXAMPLE_ROLE_CONTRIBUTOR, EXAMPLE_ROLE_REVIEWER],
    `Suspended ${bilal}`,
  ]);
  line(
    "Discord RemoveRoles",
    `${String(removed.Done)} (RolesRemoved ${(removed.RolesRemoved as string[]).join(",")}; not held: ${(removed.RolesUnchanged as string[]).join(",")})`,
  );
  await recordStep(bilal, `Discord.remove-roles:${roles}`, (removed.RolesRemoved as string[]).join(","));

  const ticket = addTicket(
    account,
    {id: 9001, requester_id: Number(zendeskBilal), subject: "Appeal: my account was suspended", tags: ["appeal"]},
    "The answers were mine: the other worker copied them from my shared notes. Please review.",
  );
  const tickets = await zendesk.sync("Tickets", [undefined, "appeal"]);
  const row = tickets.rows.find((t) => t.TicketId === ticket.id) as Obj;
  line(
    "Zendesk Tickets (tag appeal)",
    `#${String(row.TicketId)} from ${String(row.RequesterEmail)}: ${String(row.AgentUrl)}`,
  );
  const dispute = await run.formula<Obj>(
    "OpenDispute",
    [ledger, bilal, "SuspensionAppeal", "Says the other worker copied from their notes", String(row.AgentUrl)],
    team.specialist,
  );
  line(
    `OpenDispute from the ticket`,
    `${String(dispute.DisputeId)}: Channel ${String(dispute.Channel)}, ReplyVia ${String(dispute.ReplyVia)}`,
  );
  await zendesk.formula("AddInternalNote", [ticket.id, `Ledger dispute ${String(dispute.DisputeId)} opened.`]);
  const decided = await run.formula<Obj>(
    "ResolveDispute",
    [
      ledger,
      dispute.DisputeId,
      "Upheld",
      "The shared notes predate the other worker's answers (1 March); the answers are the worker's own.",
      false,
    ],
    team.lead,
  );
  const reply = await zendesk.formula("ReplyToTicket", [ticket.id, decided.OutcomeText, "solved"]);
  ctx.say(
    `ReplyToTicket #${ticket.id} → ${String(reply.Status)}, with the dispute's OutcomeText:`,
    ...String(decided.OutcomeText).split("\n").filter(Boolean),
  );
  const back = await run.formula<Obj>("ReinstateWorker", [ledger, bilal, "Appeal upheld", false], team.specialist);
  line(`ReinstateWorker ${bilal}`, `ExternalStepsOwed: ${(back.ExternalStepsOwed as string[]).join("; ")}`);
  const restoreStep = (back.ExternalStepsOwed as string[])[0] ?? "";
  const restoreIds = restoreStep.split(":")[1]?.split(",") ?? [];
  const added = await discord.formula("AddRoles", [EXAMPLE_GUILD, DISCORD_BILAL, restoreIds, `Reinstated ${bilal}`]);
  line("Discord AddRoles", `${String(added.Done)} Roles now: ${(added.RoleNames as string[]).join(", ")}`);
  await recordStep(bilal, restoreStep);
  await run.formula("CloseDispute", [ledger, dispute.DisputeId, "Answered on the Zendesk ticket"], team.lead);

  const workers = await run.sync<Obj>("Workers", [ledger], team.viewer);
  const owing = workers.rows.filter((w) => ((w.ExternalStepsOwed as string[] | undefined) ?? []).length);
  ctx.table(
    workers.rows.filter((w) => w.WorkerId === ana || w.WorkerId === bilal),
    ["WorkerId", "Name", "Status", "DiscordUserId", "ZendeskUserId", "ExternalStepsOwed"],
  );
  const audit = discordStore(ctx.emu.state).auditLog.map(
    (e) => `${e.action} ${e.targetId}${e.roleId ? ` role ${e.roleId}` : ""}: ${e.reason ?? ""}`,
  );
  ctx.say("Discord audit log (reasons as sent in X-Audit-Log-Reason)", ...audit);
  if (owing.length) {
    throw new Error(
      `external steps still owed: ${owing.map((w) => `${String(w.WorkerId)} ${String(w.ExternalStepsOwed)}`).join("; ")}`,
    );
  }
  ctx.say("External steps", `No worker owes an external step (${workers.rows.length} Workers rows checked).`);
}
