// Composing a notice from its kind's content: the same blocks as plain text and as HTML.
import {badInput} from "../errors";
import {isZone, longDate} from "../dates";
import {calendarDate, parseIso, plusDays} from "../zoned";
import {escapeHtml} from "../mime/codecs";
import type {Notice, NoticeInput} from "./kinds";
import {ADVERSE_NOTICES, DEFAULT_APPEAL_DAYS} from "./kinds";
import type {Block, NoticeContext} from "./content";
import {dayText, NOTICE_CONTENT} from "./content";

/** The zone dates are shown in, and its name for the reader. */
function zoneOf(input: NoticeInput): {zone: string; label: string} {
  const zone = input.timezone && isZone(input.timezone) ? input.timezone : "UTC";
  return {zone, label: zone === "UTC" ? "UTC" : zone.replace(/_/g, " ")};
}

/** The last day to appeal: `appealDays` calendar days after the decision's local date. */
export function appealDeadline(decidedAt: string, appealDays: number, zone: string): string {
  const z = isZone(zone) ? zone : "UTC";
  return calendarDate(plusDays(parseIso(decidedAt), appealDays, z), z);
}

function appealDaysOf(input: NoticeInput): number {
  const days = input.appealDays ?? DEFAULT_APPEAL_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > 3650) {
    throw badInput(
      "INPUT_APPEAL_DAYS",
      `${days} is not a number of days to appeal; use a whole number from 1 to 3650.`,
    );
  }
  return days;
}

/**
 * Builds a notice. Adverse kinds (Rejection, Suspension, Offboarding, Blacklist, DisputeOutcome)
 * refuse to be built without a reason, so no worker is told of a decision without its facts.
 * Uses: all kinds `workerName`, `decidedAt`, `timezone`; adverse kinds `reason`, `policyClause`,
 * `automated`, `appealDays`, `appealContact`; Suspension `until`; disputes `disputeId`,
 * `category`, `summary`, `openedAt`, `dueAt`, `outcome`, `rationale`, `reversal`; AuditFeedback
 * `findings`, `improvements`, `policyClause`. What each kind says is in {@link NOTICE_CONTENT}.
 */
export function composeNotice(input: NoticeInput): Notice {
  const {zone, label} = zoneOf(input);
  const decided = longDate(input.decidedAt, zone);
  const isAdverse = ADVERSE_NOTICES.includes(input.kind);
  const reason = (input.reason ?? "").trim();
  if (isAdverse && !reason) {
    throw badInput("NOTICE_REASON", `A ${input.kind} notice needs the specific facts, with dates: give the reason.`);
  }
  const days = appealDaysOf(input);
  const context: NoticeContext = {
    input,
    decided,
    zone,
    label,
    reason,
    clause: (input.policyClause ?? "").trim(),
    conduct: input.codeOfConductUrl ? ` Read it at ${input.codeOfConductUrl}.` : "",
    ref: input.disputeId ? ` (${input.disputeId})` : "",
    auto: input.automated?.trim().replace(/\.$/, "") ?? "",
    team: (input.senderName ?? "").trim() || "Trust & Safety team",
    days,
    appealBy: appealDeadline(input.decidedAt, days, zone),
  };
  const {subject, blocks} = NOTICE_CONTENT[input.kind](context);

  const greeting = `Dear ${input.workerName.trim() || "there"},`;
  const signoff = ["Kind regards,", context.team];
  const reference = input.workerId
    ? `Your worker id: ${input.workerId}. Dates are in ${label}.`
    : `Dates are in ${label}.`;
  const text = [greeting, "", ...blocks.flatMap((b) => [...blockText(b), ""]), reference, "", ...signoff].join("\n");
  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    ...blocks.map(blockHtml),
    `<p style="color:#555">${escapeHtml(reference)}</p>`,
    `<p>${signoff.map(escapeHtml).join("<br>")}</p>`,
  ].join("\n");
  return {
    kind: input.kind,
    subject,
    text,
    html,
    adverse: isAdverse,
    ...(isAdverse ? {appealBy: context.appealBy} : {}),
  };
}

function blockText(block: Block): string[] {
  return block.facts ? block.facts.map(([label, value]) => `${label}: ${value}`) : [block.p ?? ""];
}

function blockHtml(block: Block): string {
  return block.facts
    ? `<ul>\n${block.facts.map(([label, value]) => `<li><strong>${escapeHtml(label)}:</strong> ${escapeHtml(value)}</li>`).join("\n")}\n</ul>`
    : `<p>${escapeHtml(block.p ?? "")}</p>`;
}

/**
 * The parts of an adverse notice that must be there, for checking a composed notice: each entry
 * names an element and the text that shows it. Used by tests and by {@link missingElements}.
 */
export function requiredElements(input: NoticeInput): Array<[string, string]> {
  const {zone} = zoneOf(input);
  const days = appealDaysOf(input);
  const elements: Array<[string, string]> = [
    ["decision", "Decision: "],
    ["scope", input.kind === "Suspension" || input.kind === "SuspensionExtension" ? "Scope: " : "Scope and duration: "],
    ["facts", (input.reason ?? "").trim()],
    ["date", `Date of the decision: ${longDate(input.decidedAt, zone)}`],
    [
      "clause",
      input.policyClause?.trim()
        ? `Code of Conduct clause: ${input.policyClause.trim()}`
        : "Code of Conduct clause: none",
    ],
    ["automated", "Automated checks: "],
    ["person", "Decided by: a person"],
  ];
  // An upheld appeal ends the matter for the worker: it carries no appeal line.
  if (!(input.kind === "DisputeOutcome" && input.outcome === "Upheld")) {
    elements.push(
      ["appeal", "How to appeal: "],
      ["appeal-by", `Appeal by: ${dayText(appealDeadline(input.decidedAt, days, zone))}`],
    );
  }
  if (input.kind === "Suspension" && input.until) {
    elements.push([
      "duration",
      `Duration: from ${longDate(input.decidedAt, zone)}; you may work again from ${dayText(input.until)}`,
    ]);
  }
  if (input.automated?.trim()) {
    elements.push(["automated-detail", input.automated.trim().replace(/\.$/, "")]);
  }
  return elements;
}

/** The required elements an adverse notice's text lacks (none for a notice built by {@link composeNotice}). */
export function missingElements(input: NoticeInput, text: string): string[] {
  if (!ADVERSE_NOTICES.includes(input.kind)) {
    return [];
  }
  return requiredElements(input)
    .filter(([, needle]) => !text.includes(needle))
    .map(([name]) => name);
}
