import {expect} from "chai";
import {
  outcomeText,
  overdueSteps,
  parseSteps,
  planExternalStep,
  recordStep,
  replyVia,
  stepsOwed,
  withOwed,
} from "../../pack/core/external";
import type {ExternalConfig} from "../../pack/core/external";
import {emptyWorker} from "../../pack/core/records";
import type {WorkerRecord} from "../../pack/core/records";

const NOW = "2026-03-10T12:00:00.000Z";
const config = (
  steps: Partial<ExternalConfig["steps"]["Discord"]> = {},
  guild = "1199000000000000001",
): ExternalConfig => ({
  discordGuildId: guild,
  steps: {
    Discord: {Blacklisted: ["ban"], Reinstated: ["restore"], ...steps},
    Zendesk: {Blacklisted: ["suspend-user"]},
  },
});
const linked = (fields: Partial<WorkerRecord> = {}): WorkerRecord => ({
  ...emptyWorker("W-000001"),
  status: "Suspended",
  discordUserId: "1199000000000000101",
  zendeskUserId: "361000000101",
  ...fields,
});

describe("external steps", () => {
  it("reads Settings values into steps and refuses unknown ones naming the key", () => {
    expect(parseSteps("Discord", "remove-roles: 111, 222; kick", "Discord.OnOffboard")).to.deep.equal([
      "remove-roles:111,222",
      "kick",
    ]);
    expect(parseSteps("Discord", "none", "Discord.OnSuspend")).to.deep.equal([]);
    expect(parseSteps("Zendesk", "Suspend-User", "Zendesk.OnBlacklist")).to.deep.equal(["suspend-user"]);
    expect(() => parseSteps("Discord", "mute", "Discord.OnSuspend")).to.throw(
      /Discord\.OnSuspend = "mute".*ban, unban/,
    );
    expect(() => parseSteps("Discord", "remove-roles", "Discord.OnSuspend")).to.throw(/Discord\.OnSuspend/);
    expect(() => parseSteps("Discord", "remove-roles:admins", "Discord.OnSuspend")).to.throw(/role ids \(digits\)/);
    expect(() => parseSteps("Zendesk", "ban", "Zendesk.OnBlacklist")).to.throw(/suspend-user, unsuspend-user/);
  });

  it("a decision owes each tool's steps only where the worker has an account and Discord a server", () => {
    expect(stepsOwed("Blacklisted", config(), linked())).to.deep.equal(["Discord.ban", "Zendesk.suspend-user"]);
    expect(stepsOwed("Blacklisted", config({}, ""), linked())).to.deep.equal(["Zendesk.suspend-user"]);
    expect(stepsOwed("Blacklisted", config(), linked({zendeskUserId: ""}))).to.deep.equal(["Discord.ban"]);
    expect(stepsOwed("Approved", config(), linked())).to.deep.equal([]);
  });

  it("restore names exactly the roles recorded as removed, and is not owed when none were", () => {
    expect(stepsOwed("Reinstated", config(), linked({discordRolesRemoved: ["111"]}))).to.deep.equal([
      "Discord.restore:111",
    ]);
    expect(stepsOwed("Reinstated", config(), linked())).to.deep.equal([]);
  });

  it("a step owed twice is kept once", () => {
    const once = withOwed([], ["Discord.ban"], "Blacklisted", NOW);
    expect(
      withOwed(once, ["Discord.ban", "Zendesk.suspend-user"], "Blacklisted", NOW).map((o) => o.step),
    ).to.deep.equal(["Discord.ban", "Zendesk.suspend-user"]);
  });

  it("recording remove-roles keeps the ids actually removed; recording restore forgets them", () => {
    const owed = withOwed([], ["Discord.remove-roles:111,222"], "Suspended", NOW);
    const done = recordStep(linked({externalStepsOwed: owed}), "Discord.remove-roles:111,222", "Done", "111");
    expect(done.changes).to.deep.equal({externalStepsOwed: [], discordRolesRemoved: ["111"]});
    const restore = withOwed([], ["Discord.restore:111"], "Reinstated", NOW);
    expect(
      recordStep(linked({externalStepsOwed: restore, discordRolesRemoved: ["111"]}), "Discord.restore:111", "done", "")
        .changes,
    ).to.deep.equal({externalStepsOwed: [], discordRolesRemoved: []});
  });

  it("refuses a step not owed (naming those owed), a bad outcome, and a remove-roles reference outside the step", () => {
    const w = linked({externalStepsOwed: withOwed([], ["Discord.remove-roles:111,222"], "Suspended", NOW)});
    expect(() => recordStep(w, "Discord.ban", "Done", "")).to.throw(
      /owes no external step "Discord\.ban"\. It owes: Discord\.remove-roles:111,222/,
    );
    expect(() => recordStep(w, "Discord.remove-roles:111,222", "Maybe", "")).to.throw(/Done or NotNeeded/);
    expect(() => recordStep(w, "Discord.remove-roles:111,222", "Done", "")).to.throw(/RolesRemoved/);
    expect(() => recordStep(w, "Discord.remove-roles:111,222", "Done", "111,333")).to.throw(/among 111, 222/);
    expect(recordStep(w, "Discord.remove-roles:111,222", "NotNeeded", "").changes.discordRolesRemoved).to.deep.equal(
      [],
    );
  });

  it("the decision-log row keeps the status and says what was recorded", () => {
    const w = linked({externalStepsOwed: withOwed([], ["Discord.ban"], "Blacklisted", NOW), status: "Blacklisted"});
    expect(planExternalStep(w, "Discord.ban", "Done", "audit log entry")).to.deep.include({
      type: "ExternalStepRecorded",
      fromStatus: "Blacklisted",
      toStatus: "Blacklisted",
      details: "Discord.ban: Done (audit log entry)",
      evidence: "audit log entry",
    });
  });

  it("steps owed over a day are overdue", () => {
    const owed = [
      {step: "Discord.ban", decision: "Blacklisted", eventId: "E-1", since: "2026-03-09T11:59:00.000Z"},
      {step: "Zendesk.suspend-user", decision: "Blacklisted", eventId: "E-1", since: "2026-03-09T12:01:00.000Z"},
    ];
    expect(overdueSteps(owed, NOW).map((o) => o.step)).to.deep.equal(["Discord.ban"]);
  });

  it("a dispute from a Zendesk ticket is answered there, with the outcome in words", () => {
    const d = {
      disputeId: "D-000002",
      outcome: "Upheld" as const,
      rationale: "The answers were your own.",
      policyClause: "CoC 4.2",
      reversalNeeded: "ReinstateWorker W-000001",
      decidedAt: NOW,
      zendeskTicketUrl: "https://example.zendesk.com/agent/tickets/482",
    };
    expect(replyVia(d)).to.equal("Zendesk");
    expect(replyVia({zendeskTicketUrl: ""})).to.equal("Email");
    expect(outcomeText(d)).to.equal(
      [
        "Outcome of your dispute D-000002: we agree with you: your dispute is upheld.",
        "Reasons: The answers were your own.",
        "Code of Conduct clause: CoC 4.2.",
        "Your suspension will be lifted and your account made active again; we will confirm it when it is done.",
      ].join("\n\n"),
    );
    expect(outcomeText({...d, outcome: ""})).to.equal("");
  });
});
