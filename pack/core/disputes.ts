// Disputes: what may follow what, who may do it, and what an outcome obliges the team to do.
import type {Actor, WorkerStatus} from "./lifecycle";
import {listOr, requireRole, roleAtLeast} from "./lifecycle";
import type {DisputeRecord, PendingBlacklist, StaffRecord} from "./records";
import {DISPUTE_CATEGORIES, DISPUTE_OUTCOMES} from "./records";
import {badInput, refuse} from "./errors";
import {cleanText, nextNumberedId} from "./text";
import {longDate, zoneParam} from "./dates";
import {DEFAULT_RESPONSE_DAYS, dueAfterBusinessDays, parseHolidays, STANDARD_CALENDAR} from "./sla";
import {isActiveStaff} from "./staff";

export type DisputeCategory = (typeof DISPUTE_CATEGORIES)[number];
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];
export type DisputeStatus = DisputeRecord["status"];

/** Where a dispute reached the team. */
export const DISPUTE_CHANNELS = ["Email", "Zendesk", "Discord", "Other"] as const;
export type DisputeChannel = (typeof DISPUTE_CHANNELS)[number];

function byKey<T extends string>(values: readonly T[], text: string): T | undefined {
  const key = (text ?? "").replace(/[\s_-]+/g, "").toLowerCase();
  return values.find((v) => v.toLowerCase() === key);
}

/** Reads a category typed by a person: "suspension appeal", "SuspensionAppeal", "payment". */
export function parseCategory(text: string): DisputeCategory {
  const category = byKey(DISPUTE_CATEGORIES, text);
  if (!category) {
    throw badInput(
      "INPUT_CATEGORY",
      `"${(text ?? "").slice(0, 60)}" is not a dispute category: use ${listOr(DISPUTE_CATEGORIES)}.`,
    );
  }
  return category;
}

/** Reads an outcome: "Upheld", "partially upheld", "Rejected". */
export function parseOutcome(text: string): DisputeOutcome {
  const outcome = byKey(DISPUTE_OUTCOMES, text);
  if (!outcome) {
    throw badInput(
      "INPUT_OUTCOME",
      `"${(text ?? "").slice(0, 60)}" is not an outcome: use ${listOr(DISPUTE_OUTCOMES)}.`,
    );
  }
  return outcome;
}

export interface DisputeSource {
  channel: DisputeChannel;
  source: string;
  threadId: string;
  zendeskTicketUrl: string;
  discordUserId: string;
}

/** A Gmail thread id as the API gives it: hexadecimal. */
export const GMAIL_THREAD_ID = /^[0-9a-f]{10,24}$/i;

/**
 * Where a dispute came from, read from what the specialist pasted: a Gmail thread id or legacy
 * Gmail link, a Zendesk ticket URL, a Discord link or user id, or anything else (kept as text).
 */
export function readSource(input: string | undefined): DisputeSource {
  const source = cleanText(input, "source", {max: 1_000});
  const none = {source, threadId: "", zendeskTicketUrl: "", discordUserId: ""};
  if (!source) {
    return {...none, channel: "Other"};
  }
  // Discord ids are 17 to 20 digits; Gmail thread ids 16 hex digits.
  const discordUser = /^(?:discord:)?(\d{17,20})$/i.exec(source);
  if (discordUser?.[1]) {
    return {...none, channel: "Discord", discordUserId: discordUser[1]};
  }
  const gmail = /^https:\/\/mail\.google\.com\/mail\/u\/\d+\/#[^/]+\/([0-9a-f]{10,24})$/i.exec(source);
  if (GMAIL_THREAD_ID.test(source) || gmail) {
    const threadId = (gmail?.[1] ?? source).toLowerCase();
    return {...none, channel: "Email", source: gmailThreadUrl(threadId), threadId};
  }
  if (/^https:\/\/[a-z0-9-]+\.zendesk\.com\/(agent\/)?tickets\/\d+/i.test(source)) {
    return {...none, channel: "Zendesk", zendeskTicketUrl: source};
  }
  if (/^https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\//i.test(source)) {
    return {...none, channel: "Discord"};
  }
  return {...none, channel: "Other"};
}

/** A link that opens a thread in the signed-in person's Gmail. */
export function gmailThreadUrl(threadId: string): string {
  return `https://mail.google.com/mail/u/0/#all/${threadId}`;
}

/** Refuses unless the actor may manage disputes (specialists and leads). */
export function requireDisputeRole(actor: Actor, action: string): void {
  requireRole(actor, "specialist", action);
}

/** The dispute id after the highest D-number in use: "D-000007". */
export function nextDisputeId(ids: readonly string[]): string {
  return nextNumberedId("D", ids);
}

/** "d-12" → "D-000012"; anything else is refused with the expected form. */
export function normalizeDisputeId(input: string): string {
  const match = /^D-?(\d{1,9})$/.exec((input ?? "").trim().toUpperCase());
  if (!match?.[1]) {
    throw badInput(
      "INPUT_DISPUTE_ID",
      `"${(input ?? "").slice(0, 40)}" is not a dispute id; dispute ids look like D-000012.`,
    );
  }
  return `D-${match[1].padStart(6, "0")}`;
}

/** A dispute's next status for an action, or a refusal naming the rule. */
export const DISPUTE_STEPS = {
  AssignDispute: {from: ["Open", "InReview"], to: "InReview"},
  ResolveDispute: {from: ["Open", "InReview"], to: "Decided"},
  CloseDispute: {from: ["Decided"], to: "Closed"},
} as const satisfies Record<string, {from: readonly DisputeStatus[]; to: DisputeStatus}>;
export type DisputeStep = keyof typeof DISPUTE_STEPS;

export function requireDisputeStep(step: DisputeStep, dispute: DisputeRecord): void {
  const rule = DISPUTE_STEPS[step];
  if (!(rule.from as readonly string[]).includes(dispute.status)) {
    const decided = dispute.outcome
      ? ` (${dispute.outcome} by ${dispute.decidedBy || "someone"} on ${longDate(dispute.decidedAt || dispute.updatedAt)})`
      : "";
    throw refuse(
      "DISPUTE_STATUS",
      "dispute-status",
      `${step} is not allowed for ${dispute.disputeId}: it is ${dispute.status || "of unknown status"}${decided}, and ${step} applies only to ${listOr(rule.from)} disputes.`,
    );
  }
}

/** The dispute actions a status allows, for enabling buttons. */
export function disputeNextSteps(status: DisputeStatus): DisputeStep[] {
  return (Object.keys(DISPUTE_STEPS) as DisputeStep[]).filter((step) =>
    (DISPUTE_STEPS[step].from as readonly string[]).includes(status),
  );
}

/** The assignee as a staff member who may handle disputes; refuses anyone else. */
export function checkAssignee(email: string, staff: readonly StaffRecord[], what = "disputes"): string {
  const clean = cleanText(email, "assignee", {required: true, max: 254}).toLowerCase();
  // A removed member's row assigns nothing: work goes to the current team only.
  const member = staff.find((s) => s.email.toLowerCase() === clean && isActiveStaff(s));
  if (!member) {
    throw refuse(
      "ASSIGNEE_NOT_STAFF",
      "staff",
      `${clean} is not on this ledger's Staff tab, so ${what} cannot be assigned to them. Ask a lead to add them with AddStaff.`,
    );
  }
  if (!roleAtLeast(member.role, "specialist")) {
    throw refuse(
      "ASSIGNEE_ROLE",
      "role",
      `${clean} is a ${member.role}; ${what} can be assigned only to specialists and leads.`,
    );
  }
  return clean;
}

/** What the worker looks like when an outcome is decided: enough to name the reversal. */
export interface WorkerState {
  workerId: string;
  status: WorkerStatus;
  pendingBlacklist: PendingBlacklist | null;
  suspendedUntil: string;
}

export interface Reversal {
  /** What the specialist must do, naming the action: "ReinstateWorker W-000123". Empty when nothing is owed. */
  step: string;
  /** What the worker is told will change. */
  forWorker: string;
}

/**
 * The reversal an upheld appeal obliges the team to take. Nothing reverses automatically: the
 * dispute names the action, and CloseDispute refuses until it has been taken.
 */
export function reversalFor(category: DisputeCategory | "", outcome: DisputeOutcome, worker: WorkerState): Reversal {
  if (outcome !== "Upheld") {
    return {step: "", forWorker: ""};
  }
  if (category === "SuspensionAppeal") {
    if (worker.status === "Suspended") {
      return {
        step: `ReinstateWorker ${worker.workerId}`,
        forWorker: "your suspension will be lifted and your account made active again; we will confirm it by email.",
      };
    }
    return {
      step: "",
      forWorker: `your account is already ${worker.status === "Active" ? "active" : worker.status.toLowerCase()}; the suspension will not count against you.`,
    };
  }
  if (category === "BlacklistAppeal") {
    if (worker.pendingBlacklist) {
      return {
        step: `DeclineBlacklist ${worker.workerId}`,
        forWorker: "the proposal to close your account permanently will be withdrawn.",
      };
    }
    if (worker.status === "Blacklisted") {
      return {
        step: `ProposeLiftBlacklist ${worker.workerId}, then ApproveLiftBlacklist by a second lead`,
        forWorker: "the permanent closure of your account will be lifted; we will write to you again when it is done.",
      };
    }
  }
  return {step: "", forWorker: ""};
}

/** Whether the reversal a dispute named is still owed, given the worker now. */
export function reversalOutstanding(reversal: string, worker: WorkerState): boolean {
  if (!reversal) {
    return false;
  }
  if (reversal.startsWith("ReinstateWorker")) {
    return worker.status === "Suspended";
  }
  if (reversal.startsWith("DeclineBlacklist")) {
    return Boolean(worker.pendingBlacklist);
  }
  // "Lift the blacklisting ..." is what disputes decided before ProposeLiftBlacklist existed named.
  if (reversal.startsWith("ProposeLiftBlacklist") || reversal.startsWith("Lift the blacklisting")) {
    return worker.status === "Blacklisted";
  }
  return false;
}

/**
 * The decision log entries an appeal of a category is about: the people who wrote the latest of
 * each (before the dispute opened) took the decision under appeal, so they may not resolve it.
 */
export const APPEALED_DECISIONS: Partial<Record<DisputeCategory, readonly string[]>> = {
  SuspensionAppeal: ["Suspended"],
  BlacklistAppeal: ["BlacklistProposed", "Blacklisted"],
  // An appeal with no category of its own (a rejection, an offboarding, a dispute's outcome), or one
  // filed as Other: the decision under appeal is not named, so none of those deciders may resolve it.
  Other: ["Rejected", "Offboarded", "Suspended", "BlacklistProposed", "Blacklisted", "DisputeDecided"],
};

/** Who took the decision an appeal is about: for each appealed event type, the actor of its latest entry up to `openedAt`. */
export function decisionTakers(
  category: DisputeCategory | "",
  events: ReadonlyArray<{type: string; actor: string; time: string}>,
  openedAt: string,
): Array<{type: string; actor: string; time: string}> {
  const types = (category && APPEALED_DECISIONS[category]) || [];
  const takers: Array<{type: string; actor: string; time: string}> = [];
  for (const type of types) {
    const mine = events.filter((e) => e.type === type && e.actor);
    const before = mine.filter((e) => !openedAt || e.time <= openedAt);
    const latest = (before.length ? before : mine).reduce<(typeof mine)[number] | undefined>(
      (best, e) => (!best || e.time >= best.time ? e : best),
      undefined,
    );
    if (latest) {
      takers.push(latest);
    }
  }
  return takers;
}

/** Refuses (rule `independence`) when the resolver took the decision under appeal. */
export function requireIndependent(
  resolver: string,
  dispute: Pick<DisputeRecord, "disputeId" | "category">,
  takers: ReadonlyArray<{type: string; actor: string; time: string}>,
): void {
  const own = takers.find((t) => t.actor.toLowerCase() === resolver.toLowerCase());
  if (own) {
    throw refuse(
      "NOT_INDEPENDENT",
      "independence",
      `${dispute.disputeId} appeals a decision you took (${own.type} on ${longDate(own.time)}): the worker was promised that someone who did not take it would review it. Assign the dispute to another specialist or lead to resolve.`,
    );
  }
}

/**
 * DisputeDueDate: the end of the `days`-th business day (2 when not given) after the day a dispute was opened, in
 * the time zone (UTC when not given), skipping weekends and the holidays given (dates or yearly MM-DD days).
 */
export function disputeDueDate(input: {
  openedAt: string;
  category?: string;
  timezone?: string;
  holidays?: readonly string[];
  days?: number;
}): string {
  if (input.category) {
    parseCategory(input.category);
  }
  const zone = zoneParam(input.timezone);
  const parsed = parseHolidays((input.holidays ?? []).join(","));
  if (parsed.problems.length) {
    throw badInput("INPUT_HOLIDAYS", `Holidays: ${parsed.problems.join("; ")}.`);
  }
  const calendar = {...STANDARD_CALENDAR, holidays: new Set(parsed.holidays)};
  return dueAfterBusinessDays(input.openedAt, input.days ?? DEFAULT_RESPONSE_DAYS, zone ?? "UTC", calendar);
}
