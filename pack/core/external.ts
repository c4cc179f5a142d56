// External steps: what a decision owes the team's other tools (the Discord and Zendesk companion
// packs), as Settings map them, and the record that a step owed was taken. Pure: no clock, no I/O.
import type {DisputeRecord, OwedStep, WorkerRecord} from "./records";

export type {OwedStep} from "./records";
import {badInput, refuse} from "./errors";

export const EXTERNAL_TOOLS = ["Discord", "Zendesk"] as const;
export type ExternalTool = (typeof EXTERNAL_TOOLS)[number];

/** The decisions (event types) that may owe steps, and the Settings key suffix for each. */
export const STEP_DECISIONS = {
  Blacklisted: "OnBlacklist",
  Suspended: "OnSuspend",
  Reinstated: "OnReinstate",
  Offboarded: "OnOffboard",
} as const;
export type StepDecision = keyof typeof STEP_DECISIONS;

/** The steps each companion can take, as Settings write them. */
export const TOOL_STEPS: Record<ExternalTool, readonly string[]> = {
  Discord: ["ban", "unban", "kick", "timeout", "remove-roles:<role ids>", "restore", "none"],
  Zendesk: ["suspend-user", "unsuspend-user", "none"],
};

export const STEP_OUTCOMES = ["Done", "NotNeeded"] as const;
export type StepOutcome = (typeof STEP_OUTCOMES)[number];

/** Steps owed longer than this are reported by the external-steps-overdue rule. */
export const OVERDUE_AFTER_MS = 86_400_000;

const ROLE_IDS = /^\d{1,20}(,\d{1,20})*$/;

/** Role ids written as "111, 222" or "111,222": digits only, no repeats, in order. */
export function roleIds(text: string): string[] {
  return [
    ...new Set(
      text
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * A Settings value such as "ban" or "remove-roles:111,222" (several joined by ";") read into
 * steps, or refused naming the key and the steps the tool knows.
 * @example parseSteps("Discord", "remove-roles: 111, 222; kick", "Discord.OnOffboard") -> ["remove-roles:111,222", "kick"]
 */
export function parseSteps(tool: ExternalTool, text: string, key: string): string[] {
  const out: string[] = [];
  for (const part of text
    .split(";")
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean)) {
    const [name = "", rest] = part.split(/:(.*)/s).map((s) => s.trim());
    const known = TOOL_STEPS[tool].map((s) => s.split(":")[0]);
    if (!known.includes(name) || (name === "remove-roles") !== (rest !== undefined)) {
      throw badInput(
        "SETTINGS_EXTERNAL_STEP",
        `The ledger's Settings give ${key} = "${text}"; ${tool} steps are ${TOOL_STEPS[tool].join(", ")} (several joined by ";").`,
      );
    }
    if (name === "remove-roles") {
      const ids = roleIds(rest ?? "");
      if (!ids.length || !ROLE_IDS.test(ids.join(","))) {
        throw badInput(
          "SETTINGS_EXTERNAL_STEP",
          `The ledger's Settings give ${key} = "${text}"; remove-roles needs Discord role ids (digits) after the colon, separated by commas.`,
        );
      }
      out.push(`remove-roles:${ids.join(",")}`);
    } else if (name !== "none") {
      out.push(name);
    }
  }
  return out;
}

/** What the companions are configured to do for each decision, from Settings. */
export interface ExternalConfig {
  /** Empty: no Discord server configured, so no Discord step is owed. */
  discordGuildId: string;
  steps: Record<ExternalTool, Partial<Record<StepDecision, string[]>>>;
}

/**
 * The steps a decision owes for this worker: each tool's configured steps, when the worker has an
 * account there (a DiscordUserId, a ZendeskUserId) and, for Discord, a server is configured.
 * `restore` names exactly the roles recorded as removed, and is owed only when there are some.
 */
export function stepsOwed(
  eventType: string,
  config: ExternalConfig,
  worker: Pick<WorkerRecord, "discordUserId" | "zendeskUserId" | "discordRolesRemoved">,
): string[] {
  if (!(eventType in STEP_DECISIONS)) {
    return [];
  }
  const decision = eventType as StepDecision;
  const out: string[] = [];
  if (config.discordGuildId && worker.discordUserId) {
    for (const step of config.steps.Discord[decision] ?? []) {
      if (step === "restore") {
        if (worker.discordRolesRemoved.length) {
          out.push(`Discord.restore:${worker.discordRolesRemoved.join(",")}`);
        }
      } else {
        out.push(`Discord.${step}`);
      }
    }
  }
  if (worker.zendeskUserId) {
    out.push(...(config.steps.Zendesk[decision] ?? []).map((s) => `Zendesk.${s}`));
  }
  return [...new Set(out)];
}

/** The owed list after a decision: earlier steps kept, new ones added (a step owed twice stays once). */
export function withOwed(
  owed: readonly OwedStep[],
  steps: readonly string[],
  decision: string,
  now: string,
): OwedStep[] {
  const have = new Set(owed.map((o) => o.step));
  return [...owed, ...steps.filter((s) => !have.has(s)).map((step) => ({step, decision, eventId: "", since: now}))];
}

export function parseOutcome(text: string): StepOutcome {
  const t = String(text ?? "")
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, "");
  const found = STEP_OUTCOMES.find((o) => o.toLowerCase() === t);
  if (!found) {
    throw badInput("INPUT_STEP_OUTCOME", `outcome must be Done or NotNeeded; got "${text}".`);
  }
  return found;
}

/**
 * What recording a step changes on the worker: the step leaves ExternalStepsOwed; a Discord
 * remove-roles done keeps the role ids actually removed (its reference) so the restore owed after
 * a reinstatement names exactly those; a restore done forgets them.
 */
export function recordStep(
  worker: Pick<WorkerRecord, "workerId" | "externalStepsOwed" | "discordRolesRemoved">,
  stepText: string,
  outcomeText: string,
  reference: string,
): {changes: Pick<WorkerRecord, "externalStepsOwed" | "discordRolesRemoved">; details: string; outcome: StepOutcome} {
  const step = String(stepText ?? "").trim();
  const outcome = parseOutcome(outcomeText);
  const ref = String(reference ?? "").trim();
  if (!worker.externalStepsOwed.some((o) => o.step === step)) {
    const owed = worker.externalStepsOwed.map((o) => o.step);
    throw refuse(
      "STEP_NOT_OWED",
      "external-steps",
      `${worker.workerId} owes no external step "${step}". ${owed.length ? `It owes: ${owed.join("; ")} (give one exactly as written).` : "It owes none."}`,
    );
  }
  let removed = [...worker.discordRolesRemoved];
  const [, , ids = ""] = /^Discord\.(remove-roles|restore):(.*)$/.exec(step) ?? [];
  if (step.startsWith("Discord.remove-roles:") && outcome === "Done") {
    const allowed = new Set(roleIds(ids));
    const actual = roleIds(ref);
    if (!actual.length || actual.some((id) => !allowed.has(id))) {
      throw badInput(
        "INPUT_STEP_REFERENCE",
        `For ${step}, reference must list the role ids RemoveRoles actually removed (its RolesRemoved), among ${[...allowed].join(", ")}; got "${ref}". If it removed none, record NotNeeded.`,
      );
    }
    removed = [...new Set([...removed, ...actual])];
  }
  if (step.startsWith("Discord.restore:") && outcome === "Done") {
    const restored = new Set(roleIds(ids));
    removed = removed.filter((id) => !restored.has(id));
  }
  return {
    changes: {externalStepsOwed: worker.externalStepsOwed.filter((o) => o.step !== step), discordRolesRemoved: removed},
    details: `${step}: ${outcome}${ref ? ` (${ref})` : ""}`,
    outcome,
  };
}

/** Steps owed longer than a day at `now`, oldest first. */
export function overdueSteps(owed: readonly OwedStep[], now: string): OwedStep[] {
  const t = Date.parse(now);
  return owed.filter((o) => t - Date.parse(o.since) > OVERDUE_AFTER_MS).sort((a, b) => (a.since < b.since ? -1 : 1));
}

/** How the worker hears the outcome of a dispute: on its Zendesk ticket, or by email. */
export function replyVia(d: Pick<DisputeRecord, "zendeskTicketUrl">): "Zendesk" | "Email" {
  return d.zendeskTicketUrl ? "Zendesk" : "Email";
}

const OUTCOME_WORDS: Record<string, string> = {
  Upheld: "we agree with you: your dispute is upheld.",
  PartiallyUpheld: "we agree with part of your dispute: it is partially upheld.",
  Rejected: "we do not agree with your dispute: it is not upheld, and the original decision stands.",
};

/** What the worker is told when the reversal an upheld appeal names is taken. */
function reversalWords(reversal: string): string {
  if (reversal.startsWith("ReinstateWorker")) {
    return "Your suspension will be lifted and your account made active again; we will confirm it when it is done.";
  }
  if (reversal.startsWith("DeclineBlacklist")) {
    return "The proposal to close your account permanently will be withdrawn.";
  }
  if (reversal.startsWith("Lift the blacklisting")) {
    return "The permanent closure of your account will be lifted; we will write to you again when it is done.";
  }
  return "";
}

/**
 * The worker-facing outcome of a decided dispute, ready to send as a Zendesk reply; "" before a decision.
 * @example outcomeText({disputeId: "D-000002", outcome: "Rejected", rationale: "…", …}) starts "Outcome of your dispute D-000002:"
 */
export function outcomeText(
  d: Pick<DisputeRecord, "disputeId" | "outcome" | "rationale" | "policyClause" | "reversalNeeded" | "decidedAt">,
): string {
  if (!d.outcome) {
    return "";
  }
  return [
    `Outcome of your dispute ${d.disputeId}: ${OUTCOME_WORDS[d.outcome] ?? d.outcome}`,
    `Reasons: ${d.rationale}`,
    d.policyClause ? `Code of Conduct clause: ${d.policyClause}.` : "",
    reversalWords(d.reversalNeeded),
    d.outcome === "Rejected" ? "Reply to this ticket if you have new facts we have not seen." : "",
  ]
    .filter(Boolean)
    .join("\n\n");
}

/** The decision-log row RecordExternalStep writes: the worker's status unchanged, the step cleared. */
export function planExternalStep(
  worker: WorkerRecord,
  step: string,
  outcome: string,
  reference: string,
): {
  type: string;
  fromStatus: WorkerRecord["status"];
  toStatus: WorkerRecord["status"];
  reason: string;
  policyClause: string;
  evidence: string;
  details: string;
  changes: Pick<WorkerRecord, "externalStepsOwed" | "discordRolesRemoved">;
} {
  const recorded = recordStep(worker, step, outcome, reference);
  return {
    type: "ExternalStepRecorded",
    fromStatus: worker.status,
    toStatus: worker.status,
    reason: "",
    policyClause: "",
    evidence: String(reference ?? "").trim(),
    details: recorded.details,
    changes: recorded.changes,
  };
}
