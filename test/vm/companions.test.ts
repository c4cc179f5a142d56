// The companion packs from their BUILT bundles in isolated-vm (npm test runs build:companions first):
// every formula, action and sync table, a 429 waited out inside the isolate, errors as sentences.
// A name in build/<companion>/metadata.json without a case here fails the coverage check.
import {expect} from "chai";
import {existsSync, readFileSync} from "node:fs";
import * as path from "node:path";
import type {DiscordWorld} from "../helpers/discord-world";
import {BANNED_USER, discordWorld} from "../helpers/discord-world";
import type {ZendeskWorld} from "../helpers/zendesk-world";
import {APPEALS_VIEW, zendeskWorld} from "../helpers/zendesk-world";
import type {Companion} from "../helpers/companions";
import {COMPANION_BUNDLES} from "../helpers/companions";
import {pack as discordPack} from "../../companions/discord/pack";
import {pack as zendeskPack} from "../../companions/zendesk/pack";
import {
  EXAMPLE_GUILD,
  EXAMPLE_ROLE_CONTRIBUTOR,
  EXAMPLE_ROLE_REVIEWER,
  EXAMPLE_USER,
  EXAMPLE_USER_2,
} from "../../companions/discord/formulas/examples";
import {
  EXAMPLE_SUSPENDED_USER,
  EXAMPLE_TICKET,
  EXAMPLE_USER as ZENDESK_USER,
} from "../../companions/zendesk/formulas/examples";
import {failureOf} from "../helpers/fixture";
import {addMember} from "../../emulator/discord";

const covered: Record<Companion, Set<string>> = {discord: new Set(), zendesk: new Set()};
const packs = {discord: discordPack, zendesk: zendeskPack};

function metadata(companion: Companion) {
  const file = path.resolve(path.dirname(COMPANION_BUNDLES[companion]), "metadata.json");
  return JSON.parse(readFileSync(file, "utf8")) as {formulas: Array<{name: string}>; syncTables: Array<{name: string}>};
}

describe("companion packs from their built bundles in isolated-vm", function () {
  this.timeout(120_000);

  before(() => {
    for (const bundle of Object.values(COMPANION_BUNDLES)) {
      if (!existsSync(bundle)) {
        throw new Error(`${bundle} is missing: run npm run build:companions first (npm test does).`);
      }
    }
  });

  describe("Discord", () => {
    let w: DiscordWorld;
    before(async () => {
      w = await discordWorld({mode: "vm"});
    });
    after(async () => w.close());
    const ran = () => w.run.vmStats.forEach((s) => covered.discord.add(s.name));
    afterEach(ran);

    it("RemoveRoles, AddRoles and TimeoutMember return the Members row and what changed", async () => {
      const removed = await w.run.formula("RemoveRoles", [
        EXAMPLE_GUILD,
        EXAMPLE_USER,
        [EXAMPLE_ROLE_CONTRIBUTOR, EXAMPLE_ROLE_REVIEWER],
        "Suspended",
      ]);
      expect(removed).to.deep.include({
        RolesRemoved: [EXAMPLE_ROLE_CONTRIBUTOR],
        RolesUnchanged: [EXAMPLE_ROLE_REVIEWER],
      });
      const added = await w.run.formula("AddRoles", [
        EXAMPLE_GUILD,
        EXAMPLE_USER,
        [EXAMPLE_ROLE_CONTRIBUTOR],
        "Reinstated",
      ]);
      expect(added).to.deep.include({RolesAdded: [EXAMPLE_ROLE_CONTRIBUTOR], Roles: [EXAMPLE_ROLE_CONTRIBUTOR]});
      const until = new Date(Date.now() + 3 * 86_400_000);
      const timedOut = await w.run.formula("TimeoutMember", [EXAMPLE_GUILD, EXAMPLE_USER, until, "Suspended"]);
      expect(timedOut.TimedOutUntil).to.equal(until.toISOString());
    });

    it("TimeoutMember beyond 28 days is refused in the isolate with the limit named", async () => {
      const err = await failureOf(
        w.run.formula("TimeoutMember", [EXAMPLE_GUILD, EXAMPLE_USER, new Date(Date.now() + 30 * 86_400_000), "x"]),
      );
      expect(err.isUserVisible).to.equal(true);
      expect(err.message).to.match(/at most 28 days/);
    });

    it("BanMember waits out a 429 inside the isolate; UnbanMember, KickMember and SendDirectMessage run", async () => {
      w.store.throttleNext = 3;
      w.store.throttleRetryAfterSeconds = 0.3;
      const banned = await w.run.formula("BanMember", [EXAMPLE_GUILD, EXAMPLE_USER_2, "Blacklisted", 0]);
      expect(banned).to.deep.include({UserId: EXAMPLE_USER_2, Reason: "Blacklisted"});
      expect(w.store.requests.filter((r) => r.status === 429)).to.have.length(3);
      expect(await w.run.formula("UnbanMember", [EXAMPLE_GUILD, BANNED_USER, "Appeal upheld"])).to.deep.include({
        Action: "unban",
      });
      expect(await w.run.formula("KickMember", [EXAMPLE_GUILD, EXAMPLE_USER, "Offboarded"])).to.deep.include({
        Action: "kick",
      });
      const sent = await w.run.formula("SendDirectMessage", [EXAMPLE_USER, "Your access is paused."]);
      expect(sent.MessageId).to.match(/^\d{17,20}$/);
    });

    it("Members, Bans and Roles sync", async () => {
      addMember(w.emu.state, EXAMPLE_GUILD, EXAMPLE_USER, {roles: [EXAMPLE_ROLE_REVIEWER]});
      expect((await w.run.sync("Members", [EXAMPLE_GUILD])).rows).to.deep.include.members([
        {
          MemberId: `${EXAMPLE_GUILD}/${EXAMPLE_USER}`,
          GuildId: EXAMPLE_GUILD,
          UserId: EXAMPLE_USER,
          Username: "ana.perez",
          DisplayName: "Ana",
          Roles: [EXAMPLE_ROLE_REVIEWER],
          RoleNames: ["Reviewer"],
          JoinedAt: "2026-01-05T10:00:00.000000+00:00",
          TimedOutUntil: "",
          Bot: false,
        },
      ]);
      expect((await w.run.sync("Bans", [EXAMPLE_GUILD])).rows.map((r) => r.UserId)).to.include(EXAMPLE_USER_2);
      expect((await w.run.sync("Roles", [EXAMPLE_GUILD])).rows.map((r) => r.Name)).to.include("Contributor");
    });
  });

  describe("Zendesk", () => {
    let w: ZendeskWorld;
    before(async () => {
      w = await zendeskWorld({mode: "vm"});
    });
    after(async () => w.close());
    afterEach(() => w.run.vmStats.forEach((s) => covered.zendesk.add(s.name)));

    it("AddInternalNote, ReplyToTicket, SetTicketStatus and TagTicket return the Tickets row", async () => {
      w.account.throttleNext = 3;
      expect(await w.run.formula("AddInternalNote", [EXAMPLE_TICKET, "Dispute opened."])).to.deep.include({
        TicketId: EXAMPLE_TICKET,
        RequesterEmail: "worker1@example.com",
      });
      expect(w.account.requests.filter((r) => r.status === 429)).to.have.length(3);
      expect(await w.run.formula("ReplyToTicket", [EXAMPLE_TICKET, "Upheld.", "solved"])).to.deep.include({
        Status: "solved",
      });
      expect(await w.run.formula("SetTicketStatus", [EXAMPLE_TICKET, "open"])).to.deep.include({Status: "open"});
      expect((await w.run.formula("TagTicket", [EXAMPLE_TICKET, ["ts-dispute"]])).Tags).to.deep.equal([
        "appeal",
        "ts-dispute",
      ]);
    });

    it("SuspendUser and UnsuspendUser return the Users row", async () => {
      expect(await w.run.formula("SuspendUser", [ZENDESK_USER, "Blacklisted"])).to.deep.include({Suspended: true});
      expect(await w.run.formula("UnsuspendUser", [EXAMPLE_SUSPENDED_USER, "Upheld"])).to.deep.include({
        Suspended: false,
      });
      const err = await failureOf(w.run.formula("SetTicketStatus", [EXAMPLE_TICKET, "closed"]));
      expect(err.isUserVisible).to.equal(true);
    });

    it("Tickets, TicketComments and Users sync", async () => {
      expect((await w.run.sync("Tickets", [APPEALS_VIEW])).rows.map((r) => r.TicketId)).to.deep.equal([EXAMPLE_TICKET]);
      expect((await w.run.sync("TicketComments", [EXAMPLE_TICKET])).rows.length).to.be.greaterThan(1);
      expect((await w.run.sync("Users", ["worker1@example.com"])).rows.map((r) => r.UserId)).to.deep.equal([
        ZENDESK_USER,
      ]);
    });
  });

  describe("coverage", () => {
    for (const companion of ["discord", "zendesk"] as const) {
      it(`${companion}: every formula, action and sync table in build/${companion}/metadata.json ran in the VM`, () => {
        const m = metadata(companion);
        const names = [...m.formulas.map((f) => f.name), ...m.syncTables.map((t) => t.name)];
        expect(names.filter((n) => !covered[companion].has(n))).to.deep.equal([]);
        expect(m.formulas.map((f) => f.name).sort(), `build/${companion} is stale`).to.deep.equal(
          packs[companion].formulas.map((f) => f.name).sort(),
        );
      });
    }
  });
});
