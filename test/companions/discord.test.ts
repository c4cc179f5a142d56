// The Discord companion against the emulator in plain Node: exact requests, what each action
// returns, Discord's errors as sentences, rate limits waited out, pagination, snowflakes as text.
import {expect} from "chai";
import type {DiscordWorld} from "../helpers/discord-world";
import {BANNED_USER, discordWorld, EXAMPLE_ROLE_ADMIN} from "../helpers/discord-world";
import {
  EXAMPLE_GUILD,
  EXAMPLE_ROLE_CONTRIBUTOR,
  EXAMPLE_ROLE_REVIEWER,
  EXAMPLE_USER,
  EXAMPLE_USER_2,
} from "../../companions/discord/formulas/examples";
import {addDiscordUser, addMember, newSnowflake} from "../../emulator/discord";
import {expectUserError, failureOf} from "../helpers/fixture";

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);

describe("Discord companion", function () {
  this.timeout(30_000);
  let w: DiscordWorld;
  beforeEach(async () => {
    w = await discordWorld();
  });
  afterEach(async () => w.close());

  it("BanMember bans with the reason URL-encoded in X-Audit-Log-Reason and returns the Bans row", async () => {
    const reason = "Blacklisted: fraude d'identité (CoC 1.3) — 100%";
    const out = await w.run.formula("BanMember", [EXAMPLE_GUILD, EXAMPLE_USER_2, reason, 2]);
    expect(out).to.deep.include({
      BanId: `${EXAMPLE_GUILD}/${EXAMPLE_USER_2}`,
      UserId: EXAMPLE_USER_2,
      Username: "bilal.k",
      Reason: reason,
      DeletedMessageSeconds: 172800,
    });
    const guild = w.store.guilds.get(EXAMPLE_GUILD);
    expect(guild?.bans.get(EXAMPLE_USER_2)).to.deep.equal({reason});
    expect(guild?.members.has(EXAMPLE_USER_2)).to.equal(false);
    const put = w.store.requests.find((r) => r.method === "PUT");
    expect(put).to.deep.include({path: `/guilds/${EXAMPLE_GUILD}/bans/${EXAMPLE_USER_2}`, status: 204, reason});
    expect(w.store.auditLog.map((e) => [e.action, e.targetId, e.reason])).to.deep.equal([
      ["MEMBER_BAN_ADD", EXAMPLE_USER_2, reason],
    ]);
  });

  it("keeps snowflakes beyond 2^53 exact, as text", async () => {
    const big = "18446744073709551615";
    addDiscordUser(w.emu.state, {id: big, username: "max.id"});
    addMember(w.emu.state, EXAMPLE_GUILD, big, {roles: [EXAMPLE_ROLE_CONTRIBUTOR]});
    const out = await w.run.formula("RemoveRoles", [EXAMPLE_GUILD, `<@${big}>`, [EXAMPLE_ROLE_CONTRIBUTOR], "test"]);
    expect(out.UserId).to.equal(big);
    expect(Number(big).toString()).to.not.equal(big);
  });

  it("BanMember refuses bad input before calling Discord", async () => {
    await expectUserError(w.run.formula("BanMember", [EXAMPLE_GUILD, "12a", "x"]), /user id must be a Discord id/);
    await expectUserError(w.run.formula("BanMember", [EXAMPLE_GUILD, EXAMPLE_USER, "  "]), /Give a reason/);
    await expectUserError(w.run.formula("BanMember", [EXAMPLE_GUILD, EXAMPLE_USER, "x".repeat(513)]), /at most 512/);
    await expectUserError(w.run.formula("BanMember", [EXAMPLE_GUILD, EXAMPLE_USER, "x", 8]), /from 0 to 7/);
    expect(w.store.requests).to.deep.equal([]);
  });

  it("UnbanMember lifts a ban; a user who is not banned gets a sentence, not a code", async () => {
    expect(await w.run.formula("UnbanMember", [EXAMPLE_GUILD, BANNED_USER, "Appeal upheld"])).to.deep.include({
      Action: "unban",
      UserId: BANNED_USER,
    });
    expect(w.store.guilds.get(EXAMPLE_GUILD)?.bans.has(BANNED_USER)).to.equal(false);
    await expectUserError(
      w.run.formula("UnbanMember", [EXAMPLE_GUILD, BANNED_USER, "again"]),
      /not banned in this server/,
    );
  });

  it("KickMember removes a member; an unknown server or member is said plainly", async () => {
    await w.run.formula("KickMember", [EXAMPLE_GUILD, EXAMPLE_USER_2, "Offboarded"]);
    expect(w.store.guilds.get(EXAMPLE_GUILD)?.members.has(EXAMPLE_USER_2)).to.equal(false);
    await expectUserError(
      w.run.formula("KickMember", [EXAMPLE_GUILD, EXAMPLE_USER_2, "again"]),
      /not a member of the server/,
    );
    await expectUserError(
      w.run.formula("KickMember", ["1199000000000009999", EXAMPLE_USER, "x"]),
      /no server with that id/,
    );
  });

  it("RemoveRoles reads the member first and removes only the roles held, saying which", async () => {
    const out = await w.run.formula("RemoveRoles", [
      EXAMPLE_GUILD,
      EXAMPLE_USER,
      [`${EXAMPLE_ROLE_CONTRIBUTOR}, ${EXAMPLE_ROLE_REVIEWER}`],
      "Suspended",
    ]);
    expect(out).to.deep.include({
      Action: "remove-roles",
      RolesRemoved: [EXAMPLE_ROLE_CONTRIBUTOR],
      RolesUnchanged: [EXAMPLE_ROLE_REVIEWER],
      Roles: [],
    });
    const deletes = w.store.requests.filter((r) => r.method === "DELETE");
    expect(deletes.map((r) => r.path)).to.deep.equal([
      `/guilds/${EXAMPLE_GUILD}/members/${EXAMPLE_USER}/roles/${EXAMPLE_ROLE_CONTRIBUTOR}`,
    ]);
  });

  it("AddRoles adds only missing roles; a role above the bot's is refused with what to do", async () => {
    const out = await w.run.formula("AddRoles", [
      EXAMPLE_GUILD,
      EXAMPLE_USER,
      [EXAMPLE_ROLE_CONTRIBUTOR, EXAMPLE_ROLE_REVIEWER],
      "Restored",
    ]);
    expect(out).to.deep.include({RolesAdded: [EXAMPLE_ROLE_REVIEWER], RolesUnchanged: [EXAMPLE_ROLE_CONTRIBUTOR]});
    expect(out.RoleNames).to.deep.equal(["Contributor", "Reviewer"]);
    await expectUserError(
      w.run.formula("AddRoles", [EXAMPLE_GUILD, EXAMPLE_USER, [EXAMPLE_ROLE_ADMIN], "x"]),
      /lacks the permission.*drag it above/,
    );
    await expectUserError(
      w.run.formula("AddRoles", [EXAMPLE_GUILD, EXAMPLE_USER, ["1199000000000000999"], "x"]),
      /no role with that id/,
    );
  });

  it("TimeoutMember sets communication_disabled_until; beyond 28 days is refused naming the limit", async () => {
    const until = inDays(7);
    const out = await w.run.formula("TimeoutMember", [EXAMPLE_GUILD, EXAMPLE_USER, until, "Suspended"]);
    expect(out.TimedOutUntil).to.equal(until.toISOString());
    expect(w.store.guilds.get(EXAMPLE_GUILD)?.members.get(EXAMPLE_USER)?.communication_disabled_until).to.equal(
      until.toISOString(),
    );
    const before = w.store.requests.length;
    await expectUserError(
      w.run.formula("TimeoutMember", [EXAMPLE_GUILD, EXAMPLE_USER, inDays(29), "Suspended"]),
      /at most 28 days/,
    );
    await expectUserError(
      w.run.formula("TimeoutMember", [EXAMPLE_GUILD, EXAMPLE_USER, inDays(-1), "Suspended"]),
      /not in the future/,
    );
    expect(w.store.requests.length).to.equal(before);
  });

  it("SendDirectMessage opens the DM channel and sends; a user refusing DMs is said plainly", async () => {
    const out = await w.run.formula("SendDirectMessage", [EXAMPLE_USER, "Hello @everyone"]);
    expect(out.UserId).to.equal(EXAMPLE_USER);
    expect(w.store.messages.map((m) => [m.recipientId, m.content])).to.deep.equal([[EXAMPLE_USER, "Hello @everyone"]]);
    addDiscordUser(w.emu.state, {id: "1199000000000000555", username: "quiet", acceptsDms: false});
    await expectUserError(
      w.run.formula("SendDirectMessage", ["1199000000000000555", "Hi"]),
      /does not accept direct messages/,
    );
    await expectUserError(w.run.formula("SendDirectMessage", [EXAMPLE_USER, "x".repeat(2001)]), /at most 2000/);
  });

  it("a 429 is waited out using retry_after from its body, not shown as an error", async () => {
    // Coda's fetcher retries a 429 itself (3 tries); the fourth reaches the pack, which waits retry_after.
    w.store.throttleNext = 4;
    w.store.throttleRetryAfterSeconds = 0.25;
    const t0 = Date.now();
    const out = await w.run.formula("BanMember", [EXAMPLE_GUILD, EXAMPLE_USER_2, "Blacklisted"]);
    expect(out.UserId).to.equal(EXAMPLE_USER_2);
    expect(Date.now() - t0).to.be.at.least(250);
    expect(w.store.requests.filter((r) => r.status === 429)).to.have.length(4);
  });

  it("respects the bucket headers when Coda passes them on: a spent bucket is waited for, with no 429", async () => {
    await w.close();
    w = await discordWorld({passHeaders: /^x-ratelimit-/i});
    w.store.rateLimit = {limit: 1, windowMs: 300};
    const roles = ["1199000000000000021", "1199000000000000022", "1199000000000000023"];
    const guild = w.store.guilds.get(EXAMPLE_GUILD);
    roles.forEach((id, n) => guild?.roles.set(id, {id, name: `R${n}`, position: 3 + n, managed: false, color: 0}));
    const out = await w.run.formula("AddRoles", [EXAMPLE_GUILD, EXAMPLE_USER, roles, "Restored"]);
    expect(out.RolesAdded).to.deep.equal(roles);
    expect(w.store.requests.filter((r) => r.status === 429)).to.deep.equal([]);
  });

  it("when Coda redacts the bucket headers, each 429 is still waited out from its body", async () => {
    await w.close();
    w = await discordWorld({redactHeaders: /^x-ratelimit-/i});
    w.store.rateLimit = {limit: 1, windowMs: 300};
    const roles = ["1199000000000000021", "1199000000000000022"];
    const guild = w.store.guilds.get(EXAMPLE_GUILD);
    roles.forEach((id, n) => guild?.roles.set(id, {id, name: `R${n}`, position: 3 + n, managed: false, color: 0}));
    const out = await w.run.formula("AddRoles", [EXAMPLE_GUILD, EXAMPLE_USER, roles, "Restored"]);
    expect(out.RolesAdded).to.deep.equal(roles);
    expect(w.store.requests.filter((r) => r.status === 429).length).to.be.greaterThan(0);
  });

  it("a wait longer than one run allows is a sentence saying how long to wait", async () => {
    w.store.throttleNext = 3;
    w.store.throttleRetryAfterSeconds = 120;
    await expectUserError(w.run.formula("KickMember", [EXAMPLE_GUILD, EXAMPLE_USER, "x"]), /wait 120 s/);
  });

  it("Members pages 1000 at a time after the last user id; Bans and Roles sync", async () => {
    for (let i = 0; i < 1200; i++) {
      const id = newSnowflake(Date.now() + i);
      addDiscordUser(w.emu.state, {id, username: `u${i}`});
      addMember(w.emu.state, EXAMPLE_GUILD, id);
    }
    const members = await w.run.sync("Members", [EXAMPLE_GUILD]);
    expect(members.pages).to.equal(2);
    expect(members.rows).to.have.length(1202);
    expect(new Set(members.rows.map((r) => r.UserId)).size).to.equal(1202);
    const ana = members.rows.find((r) => r.UserId === EXAMPLE_USER);
    expect(ana).to.deep.include({
      RoleNames: ["Contributor"],
      DisplayName: "Ana",
      MemberId: `${EXAMPLE_GUILD}/${EXAMPLE_USER}`,
    });
    const bans = await w.run.sync("Bans", [EXAMPLE_GUILD]);
    expect(bans.rows).to.deep.equal([
      {
        BanId: `${EXAMPLE_GUILD}/${BANNED_USER}`,
        GuildId: EXAMPLE_GUILD,
        UserId: BANNED_USER,
        Username: "chen.w",
        Reason: "Spam",
      },
    ]);
    const roles = await w.run.sync("Roles", [EXAMPLE_GUILD]);
    expect(roles.rows.map((r) => r.Name)).to.deep.equal(["Admin", "Reviewer", "Contributor", "@everyone"]);
  });

  it("Members without the Server Members Intent says how to turn it on; a revoked token is left to Coda (401)", async () => {
    const guild = w.store.guilds.get(EXAMPLE_GUILD);
    if (guild) {
      guild.membersIntent = false;
    }
    await expectUserError(w.run.sync("Members", [EXAMPLE_GUILD]), /Server Members Intent/);
    const err = await failureOf(w.run.formula("KickMember", [EXAMPLE_GUILD, EXAMPLE_USER, "x"], "wrong-token"));
    expect(err.statusCode).to.equal(401);
  });

  it("a bot without Ban Members is told which permissions to grant", async () => {
    w.store.guilds.get(EXAMPLE_GUILD)?.botPermissions.delete("BAN_MEMBERS");
    await expectUserError(w.run.formula("BanMember", [EXAMPLE_GUILD, EXAMPLE_USER, "x"]), /Ban Members/);
  });
});
