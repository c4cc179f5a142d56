// The main pack and the companions together, as a doc's buttons chain them: a decision records
// the steps it owes, the companion takes each, RecordExternalStep records it back. Also the
// ticket-borne appeal: opened from a Zendesk ticket, decided, answered on the ticket.
import {expect} from "chai";
import type {LedgerFixture} from "../helpers/fixture";
import {expectUserError, tabRecords} from "../helpers/fixture";
import {buildWorld} from "../helpers/worlds";
import type {DiscordWorld} from "../helpers/discord-world";
import {discordWorld} from "../helpers/discord-world";
import type {ZendeskWorld} from "../helpers/zendesk-world";
import {zendeskWorld} from "../helpers/zendesk-world";
import {blacklistWithSteps, configureExternal, linkAccounts} from "../helpers/external-world";
import {setSetting} from "../helpers/ledger-rows";
import {
  EXAMPLE_GUILD,
  EXAMPLE_ROLE_CONTRIBUTOR,
  EXAMPLE_ROLE_REVIEWER,
  EXAMPLE_USER as DISCORD_USER,
  EXAMPLE_USER_2 as DISCORD_USER_2,
} from "../../companions/discord/formulas/examples";
import {
  EXAMPLE_ENDPOINT,
  EXAMPLE_TICKET,
  EXAMPLE_USER as ZENDESK_USER,
} from "../../companions/zendesk/formulas/examples";

type Worker = {WorkerId: string; Status: string; ExternalStepsOwed?: string[]};

describe("external steps: decisions, companions and the record back", function () {
  this.timeout(60_000);
  let f: LedgerFixture;
  let discord: DiscordWorld;
  let zendesk: ZendeskWorld;

  beforeEach(async () => {
    f = await buildWorld({workers: ["Active", "Active"]});
    discord = await discordWorld({emulator: f.emu});
    zendesk = await zendeskWorld({emulator: f.emu});
  });
  afterEach(async () => f.close());

  const record = (workerId: string, step: string, outcome: string, reference?: string, user = f.team.specialist) =>
    f.run.formula<Worker>("RecordExternalStep", [f.ledger, workerId, step, outcome, reference], user);
  const workerRow = (workerId: string) => tabRecords(f, "Workers").find((w) => w.WorkerId === workerId);

  it("a blacklisting owes the ban and the suspension; each taken and recorded leaves nothing owed", async () => {
    await blacklistWithSteps(f, "W-000001");
    expect(
      JSON.parse(String(workerRow("W-000001")?.ExternalStepsOwed)).map((o: {step: string}) => o.step),
    ).to.deep.equal(["Discord.ban", "Zendesk.suspend-user"]);
    const ban = await discord.run.formula("BanMember", [EXAMPLE_GUILD, DISCORD_USER, "Blacklisted W-000001 (CoC 1.3)"]);
    const afterBan = await record("W-000001", "Discord.ban", "Done", String(ban.BanId));
    expect(afterBan.ExternalStepsOwed).to.deep.equal(["Zendesk.suspend-user"]);
    await zendesk.run.formula("SuspendUser", [ZENDESK_USER, "Blacklisted W-000001 (CoC 1.3)"]);
    const done = await record("W-000001", "Zendesk.suspend-user", "Done");
    expect(done).to.deep.include({Status: "Blacklisted"});
    expect(done.ExternalStepsOwed ?? []).to.deep.equal([]);
    expect(discord.store.guilds.get(EXAMPLE_GUILD)?.bans.has(DISCORD_USER)).to.equal(true);
    expect(zendesk.account.users.get(Number(ZENDESK_USER))?.suspended).to.equal(true);
    const recorded = tabRecords(f, "Events").filter((e) => e.Type === "ExternalStepRecorded");
    expect(recorded.map((e) => [e.WorkerId, e.Details, e.Actor])).to.deep.equal([
      ["W-000001", `Discord.ban: Done (${EXAMPLE_GUILD}/${DISCORD_USER})`, f.team.specialist.email],
      ["W-000001", "Zendesk.suspend-user: Done", f.team.specialist.email],
    ]);
  });

  it("steps owed for more than a day show in Findings as external-steps-overdue", async () => {
    await blacklistWithSteps(f, "W-000001");
    const quiet = await f.run.sync<Record<string, unknown>>(
      "Findings",
      [f.ledger, undefined, ["external-steps-overdue"]],
      f.team.viewer,
    );
    expect(quiet.rows).to.deep.equal([]);
    // Two days later, as far as the owed steps are concerned: move their time back in the Workers row.
    const sheet = f.emu.state.spreadsheets.get(f.spreadsheetId)?.sheets.find((t) => t.properties.title === "Workers");
    const header = (sheet?.rows[0] ?? []) as unknown[];
    const col = header.indexOf("ExternalStepsOwed");
    const row = sheet?.rows.find((r) => r?.[0] === "W-000001") as unknown[];
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString();
    row[col] = JSON.stringify(
      (JSON.parse(String(row[col])) as Array<Record<string, string>>).map((o) => ({...o, since: twoDaysAgo})),
    );
    const found = await f.run.sync<Record<string, unknown>>(
      "Findings",
      [f.ledger, undefined, ["external-steps-overdue"]],
      f.team.viewer,
    );
    expect(found.rows.map((r) => [r.Rule, r.Title])).to.deep.equal([
      ["external-steps-overdue", "W-000001 owes 2 external steps for more than a day"],
    ]);
    expect(String(found.rows[0]?.Explanation)).to.match(/Discord\.ban .*Zendesk\.suspend-user/);
  });

  it("a reinstatement restores exactly the Discord roles the suspension removed", async () => {
    configureExternal(f, {"Discord.OnSuspend": `remove-roles:${EXAMPLE_ROLE_CONTRIBUTOR},${EXAMPLE_ROLE_REVIEWER}`});
    await linkAccounts(f, "W-000002", {discord: DISCORD_USER_2, zendesk: ""});
    const until = new Date(Date.now() + 10 * 86_400_000);
    const suspended = await f.run.formula<Worker>(
      "SuspendWorker",
      [f.ledger, "W-000002", "Copied answers on 3 tasks on 2 March", "CoC 4.2", until, undefined, false],
      f.team.specialist,
    );
    const step = `Discord.remove-roles:${EXAMPLE_ROLE_CONTRIBUTOR},${EXAMPLE_ROLE_REVIEWER}`;
    expect(suspended.ExternalStepsOwed).to.deep.equal([step]);
    // The member holds only Contributor: RemoveRoles says it removed exactly that.
    const removed = await discord.run.formula("RemoveRoles", [
      EXAMPLE_GUILD,
      DISCORD_USER_2,
      [EXAMPLE_ROLE_CONTRIBUTOR, EXAMPLE_ROLE_REVIEWER],
      "Suspended W-000002",
    ]);
    expect(removed.RolesRemoved).to.deep.equal([EXAMPLE_ROLE_CONTRIBUTOR]);
    await expectUserError(record("W-000002", step, "Done", ""), /RolesRemoved/);
    await record("W-000002", step, "Done", (removed.RolesRemoved as string[]).join(","));
    const reinstated = await f.run.formula<Worker>(
      "ReinstateWorker",
      [f.ledger, "W-000002", "Suspension served", false],
      f.team.specialist,
    );
    expect(reinstated.ExternalStepsOwed).to.deep.equal([`Discord.restore:${EXAMPLE_ROLE_CONTRIBUTOR}`]);
    const added = await discord.run.formula("AddRoles", [
      EXAMPLE_GUILD,
      DISCORD_USER_2,
      [EXAMPLE_ROLE_CONTRIBUTOR],
      "Reinstated W-000002",
    ]);
    expect(added.Roles).to.deep.equal([EXAMPLE_ROLE_CONTRIBUTOR]);
    const done = await record("W-000002", `Discord.restore:${EXAMPLE_ROLE_CONTRIBUTOR}`, "Done");
    expect(done.ExternalStepsOwed ?? []).to.deep.equal([]);
    expect(JSON.parse(String(workerRow("W-000002")?.DiscordRolesRemoved || "[]"))).to.deep.equal([]);
  });

  it("refuses a step not owed, a viewer, an outsider; a bad Settings value names its key", async () => {
    await blacklistWithSteps(f, "W-000001");
    await expectUserError(
      record("W-000001", "Discord.kick", "Done"),
      /owes no external step "Discord\.kick"\. It owes: Discord\.ban; Zendesk\.suspend-user/,
    );
    // A viewer, and someone off the Staff tab, cannot claim a step was taken.
    await expectUserError(
      record("W-000001", "Discord.ban", "Done", undefined, f.team.viewer),
      /needs the specialist role.*\(rule: role\)/,
    );
    await expectUserError(
      record("W-000001", "Discord.ban", "Done", undefined, f.team.outsider),
      /not on this ledger's Staff tab.*\(rule: staff\)/,
    );
    expect(tabRecords(f, "Events").filter((e) => e.Type === "ExternalStepRecorded")).to.deep.equal([]);
    setSetting(f.emu.state, f.spreadsheetId, "Discord.OnOffboard", "mute");
    await expectUserError(
      f.run.formula("OffboardWorker", [f.ledger, "W-000002", "Project ended"], f.team.specialist),
      /Discord\.OnOffboard = "mute"/,
    );
  });

  it("an appeal from a Zendesk ticket is opened from the ticket URL and answered on the ticket", async () => {
    const ticketUrl = `${EXAMPLE_ENDPOINT}/agent/tickets/${EXAMPLE_TICKET}`;
    const opened = await f.run.formula<Record<string, unknown>>(
      "OpenDispute",
      [f.ledger, "W-000001", "QualityRating", "Says the flagged answers were their own", ticketUrl, false],
      f.team.specialist,
    );
    expect(opened).to.deep.include({Channel: "Zendesk", ZendeskTicketUrl: ticketUrl, ReplyVia: "Zendesk"});
    const decided = await f.run.formula<Record<string, unknown>>(
      "ResolveDispute",
      [f.ledger, opened.DisputeId, "Rejected", "The answers match a shared template word for word (2 March).", false],
      f.team.lead,
    );
    expect(decided.OutcomeText).to.match(/^Outcome of your dispute D-000001: we do not agree/);
    const reply = await zendesk.run.formula("ReplyToTicket", [EXAMPLE_TICKET, decided.OutcomeText, "solved"]);
    expect(reply.Status).to.equal("solved");
    const last = zendesk.account.comments.get(EXAMPLE_TICKET)?.at(-1);
    expect(last).to.deep.include({public: true, body: decided.OutcomeText});
  });
});
