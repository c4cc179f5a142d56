// The notices workers receive. Every adverse notice says what was decided, its scope and
// duration, the facts with dates, the Code of Conduct clause, whether automated checks were
// involved (and that a person decided), and how to appeal and by when.
import {badInput} from "./errors";
import {isZone, longDate} from "./dates";
import {calendarDate, longDateText, parseIso, plusDays} from "./zoned";
import {escapeHtml} from "./mime";

export const NOTICE_KINDS = [
  "Welcome",
  "Rejection",
  "Suspension",
  "Reinstatement",
  "Offboarding",
  "Blacklist",
  "AuditFeedback",
  "DisputeReceived",
  "DisputeOutcome",
  "Warning",
  "SuspensionExtension",
  "BlacklistLifted",
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Notices about a decision against the worker: each carries every element a worker needs to contest it. */
export const ADVERSE_NOTICES: readonly NoticeKind[] = [
  "Rejection",
  "Suspension",
  "Offboarding",
  "Blacklist",
  "DisputeOutcome",
  "Warning",
  "SuspensionExtension",
];

/** Default days a worker has to appeal (Settings `AppealWindowDays` overrides it). */
export const DEFAULT_APPEAL_DAYS = 180;

/** Everything a notice may say. Which fields a kind uses is listed with {@link composeNotice}. */
export interface NoticeInput {
  kind: NoticeKind;
  workerName: string;
  workerId?: string;
  /** The worker's IANA time zone; dates are shown there (UTC when empty or unknown). */
  timezone?: string;
  /** When the decision was taken (UTC ISO). */
  decidedAt: string;
  /** The specific facts, with dates, as the deciding specialist wrote them. */
  reason?: string;
  policyClause?: string;
  /** Suspension: the first day the worker may work again (YYYY-MM-DD); empty for one pending investigation. */
  until?: string;
  /** A suspension pending investigation: when it will be reviewed (UTC ISO). */
  reviewBy?: string;
  /** SuspensionExtension: the end (YYYY-MM-DD) or review time (ISO) before the extension. */
  previously?: string;
  /** Warning: the worker's active strikes with this one, and the number at which a suspension is considered. */
  strikes?: number;
  strikeThreshold?: number;
  /** Rejection and Offboarding: days before the person may apply again (Settings ReapplyAfterDays). */
  reapplyAfterDays?: number;
  appealDays?: number;
  /** Automated checks that produced findings for this decision; empty when none did. */
  automated?: string;
  /** Where appeals go; empty means "reply to this email". */
  appealContact?: string;
  codeOfConductUrl?: string;
  /** The signature: "Trust & Safety team". */
  senderName?: string;
  // Disputes
  disputeId?: string;
  category?: string;
  summary?: string;
  openedAt?: string;
  dueAt?: string;
  outcome?: string;
  rationale?: string;
  /** The step the team will take because of an upheld appeal, in words. */
  reversal?: string;
  // Audits
  findings?: string;
  improvements?: string;
}

export interface Notice {
  kind: NoticeKind;
  subject: string;
  text: string;
  html: string;
  adverse: boolean;
  /** The last day to appeal (YYYY-MM-DD in the worker's zone), for adverse notices. */
  appealBy?: string;
}

type Fact = [string, string];
/** One block of a notice: a paragraph, or a list of labelled facts. */
type Block = {p?: string; facts?: Fact[]};

/** What the worker raised, in words: "SuspensionAppeal" → "suspension appeal", "Payment" → "payment dispute". */
export function disputeWords(category: string | undefined): string {
  const words = (category ?? "").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return !words || words === "other" ? "dispute" : /(appeal|report)$/.test(words) ? words : `${words} dispute`;
}

/** Reads a notice kind typed by a person ("suspension", "Dispute outcome"). */
export function parseNoticeKind(text: string): NoticeKind {
  const key = (text ?? "").replace(/[\s_-]+/g, "").toLowerCase();
  const kind = NOTICE_KINDS.find((k) => k.toLowerCase() === key);
  if (!kind) {
    throw badInput("INPUT_NOTICE_KIND", `"${text}" is not a notice kind: use one of ${NOTICE_KINDS.join(", ")}.`);
  }
  return kind;
}

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

/** "5 January 2026" for a calendar date (YYYY-MM-DD). */
function dayText(date: string): string {
  return longDate(`${date}T12:00:00Z`);
}

/** "5 January 2026 at 17:59 (America/Mexico City)" for an instant in the worker's zone. */
function momentText(iso: string, zone: string, label: string): string {
  return `${longDateText(parseIso(iso), zone, true)} (${label})`;
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
 * `findings`, `improvements`, `policyClause`.
 */
export function composeNotice(input: NoticeInput): Notice {
  const {zone, label} = zoneOf(input);
  const name = input.workerName.trim() || "there";
  const decided = longDate(input.decidedAt, zone);
  const isAdverse = ADVERSE_NOTICES.includes(input.kind);
  const reason = (input.reason ?? "").trim();
  if (isAdverse && !reason) {
    throw badInput("NOTICE_REASON", `A ${input.kind} notice needs the specific facts, with dates: give the reason.`);
  }
  const clause = (input.policyClause ?? "").trim();
  const team = (input.senderName ?? "").trim() || "Trust & Safety team";
  const days = appealDaysOf(input);
  const appealBy = appealDeadline(input.decidedAt, days, zone);
  const conduct = input.codeOfConductUrl ? ` Read it at ${input.codeOfConductUrl}.` : "";
  const ref = input.disputeId ? ` (${input.disputeId})` : "";

  const clauseFact: Fact = [
    "Code of Conduct clause",
    `${clause || "none: this decision rests on the facts above, not on a clause"}.${conduct}`,
  ];
  const auto = input.automated?.trim().replace(/\.$/, "");
  /** The facts every adverse notice carries, in order; `duration` splits scope from duration. */
  const adverse = (decision: string, scope: string, factsLabel: string, what: string, duration?: string): Block[] => [
    {
      facts: [
        ["Decision", decision],
        duration ? ["Scope", scope] : ["Scope and duration", scope],
        ...(duration ? [["Duration", duration] as Fact] : []),
        [factsLabel, reason],
        ["Date of the decision", decided],
        clauseFact,
        [
          "Automated checks",
          auto
            ? `involved: ${auto}. They only produce findings; they decide nothing.`
            : "none were involved in this decision.",
        ],
        ["Decided by", `a person: a member of our ${team} reviewed the facts and took this decision.`],
        [
          "How to appeal",
          `${input.appealContact ? `write to ${input.appealContact}` : "reply to this email"}, saying why ${what} is wrong, with anything that supports you. Someone who did not take this decision will review it and tell you the outcome in writing.`,
        ],
        ["Appeal by", `${dayText(appealBy)} (${days} days from the decision).`],
      ],
    },
  ];
  const paid = " Work you submitted before it will be paid as usual.";

  let subject: string;
  let blocks: Block[];
  switch (input.kind) {
    case "Welcome":
      subject = "Welcome: your account is active";
      blocks = [
        {
          p: `Your application was approved on ${decided} and your account is active: you can start on the projects you are invited to.`,
        },
        {p: `Please keep to our Code of Conduct.${conduct} Questions? Reply to this email.`},
      ];
      break;
    case "Reinstatement":
      subject = "Your account is active again";
      blocks = [
        {p: `Your suspension ended on ${decided} and your account is active again: you can take on work from today.`},
        ...(reason ? [{p: `Note from the team: ${reason}`}] : []),
      ];
      break;
    case "Rejection":
      subject = "Decision on your application";
      blocks = adverse(
        "we cannot accept your application.",
        `this closes this application. ${reapplyText(input, zone)}`,
        "What we found",
        "this decision",
      );
      break;
    case "Suspension": {
      if (!input.until && input.reviewBy) {
        const review = momentText(input.reviewBy, zone, label);
        subject = "Your account is suspended while we investigate";
        blocks = adverse(
          "your account is suspended while we investigate; no end date is set yet.",
          `you cannot take on or submit work on any project meanwhile.${paid}`,
          "What happened",
          "this suspension",
          `from ${decided} until our investigation ends. We will review it by ${review} and write to you with the outcome.`,
        );
        break;
      }
      if (!/^\d{4}-\d{2}-\d{2}$/.test(input.until ?? "")) {
        throw badInput(
          "NOTICE_UNTIL",
          "A Suspension notice needs the first day the worker may work again (until), as a date, or the review time of a suspension pending investigation (reviewBy).",
        );
      }
      const back = dayText(input.until ?? "");
      subject = `Your account is suspended until ${back}`;
      blocks = adverse(
        "your account is suspended.",
        `you cannot take on or submit work on any project meanwhile.${paid}`,
        "What happened",
        "this suspension",
        `from ${decided}; you may work again from ${back}.`,
      );
      break;
    }
    case "Offboarding":
      subject = "Your work with us has ended";
      blocks = adverse(
        "your account is closed and you are removed from all projects.",
        `from ${decided}.${paid} ${reapplyText(input, zone)}`,
        "Why",
        "this decision",
      );
      break;
    case "Warning": {
      const strikes = input.strikes;
      subject = "A formal warning about your work";
      blocks = adverse(
        "you receive a formal warning. Your account stays active.",
        `this warning is recorded on your account${strikes !== undefined ? ` and counts towards the ${strikes} strike${strikes === 1 ? "" : "s"} you now have` : ""}${input.strikeThreshold ? `; at ${input.strikeThreshold} strikes a suspension may be considered (a person decides, nothing happens automatically)` : ""}.`,
        "What happened",
        "this warning",
      );
      break;
    }
    case "SuspensionExtension": {
      const before = input.previously ?? "";
      if (input.until) {
        const back = dayText(input.until);
        subject = `Your suspension is extended until ${back}`;
        blocks = adverse(
          "your suspension is extended.",
          `you still cannot take on or submit work on any project.${paid}`,
          "Why",
          "this extension",
          `you may work again from ${back}${/^\d{4}-\d{2}-\d{2}$/.test(before) ? ` instead of ${dayText(before)}` : ""}.`,
        );
      } else {
        const review = input.reviewBy ? momentText(input.reviewBy, zone, label) : "";
        if (!review) {
          throw badInput(
            "NOTICE_UNTIL",
            "A SuspensionExtension notice needs the new end (until) or review time (reviewBy).",
          );
        }
        subject = "Your suspension continues while we investigate";
        blocks = adverse(
          "your suspension continues while our investigation goes on; no end date is set yet.",
          `you still cannot take on or submit work on any project.${paid}`,
          "Why",
          "this extension",
          `until our investigation ends. We will now review it by ${review}${before ? ` instead of ${momentText(before, zone, label)}` : ""}, and write to you with the outcome.`,
        );
      }
      break;
    }
    case "BlacklistLifted":
      subject = "The permanent closure of your account is lifted";
      blocks = [
        {
          p: `On ${decided} we lifted the permanent closure of your account. Your identity details no longer block applications or work with us.`,
        },
        ...(reason ? [{p: `Why: ${reason}`}] : []),
        {p: "We will write to you separately about any next step. Questions? Reply to this email."},
      ];
      break;
    case "Blacklist":
      subject = "Your account has been permanently closed";
      blocks = adverse(
        "your account is permanently closed.",
        `from ${decided}, permanently, for every project; new applications from you will not be accepted.`,
        "What happened",
        "this decision",
      );
      break;
    case "AuditFeedback": {
      const findings = (input.findings ?? reason).trim();
      if (!findings) {
        throw badInput("NOTICE_FINDINGS", "An AuditFeedback notice needs what the audit found (findings).");
      }
      subject = "Feedback from a review of your work";
      blocks = [
        {p: `On ${decided} we reviewed a sample of your recent work. This is feedback, not a sanction.`},
        {
          facts: [
            ["What we found", findings],
            ["What to change", input.improvements?.trim() || "nothing: keep following the project guidelines."],
            ...(clause ? [clauseFact] : []),
            [
              "Automated checks",
              auto
                ? `involved: ${auto}. A person reviewed their findings.`
                : "none were involved; a person reviewed your work.",
            ],
          ],
        },
        {p: "If you think we got something wrong, reply to this email."},
      ];
      break;
    }
    case "DisputeReceived": {
      const what = disputeWords(input.category);
      subject = `We received your ${what}${ref}`;
      blocks = [
        {
          p: `We received your ${what} on ${input.openedAt ? longDate(input.openedAt, zone) : decided}${input.disputeId ? `; its reference is ${input.disputeId}` : ""}.`,
        },
        ...(input.summary ? [{p: `What we understood: ${input.summary}`}] : []),
        {
          p: `A member of the team will reply ${input.dueAt ? `by ${momentText(input.dueAt, zone, label)}` : "as soon as possible"}. To add anything, reply to this email.`,
        },
      ];
      break;
    }
    case "DisputeOutcome": {
      const outcome = input.outcome ?? "";
      subject = `Outcome of your ${disputeWords(input.category)}${ref}`;
      blocks = adverse(
        outcome === "Upheld"
          ? "we agree with you: your dispute is upheld."
          : outcome === "PartiallyUpheld"
            ? "we agree with part of your dispute: it is partially upheld."
            : "we do not agree with your dispute: it is not upheld, and the original decision stands.",
        input.reversal || (outcome === "Rejected" ? "nothing changes." : "see the reasons below."),
        "Reasons",
        "this outcome",
      );
      blocks[0]?.facts?.splice(2, 0, [
        "Your dispute",
        `${input.summary ? `${input.summary} ` : ""}(received ${input.openedAt ? longDate(input.openedAt, zone) : "earlier"}).`,
      ]);
      break;
    }
  }

  const greeting = `Dear ${name},`;
  const signoff = ["Kind regards,", team];
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
  return {kind: input.kind, subject, text, html, adverse: isAdverse, ...(isAdverse ? {appealBy} : {})};
}

/** When and how a rejected or offboarded person may apply again. */
function reapplyText(input: NoticeInput, zone: string): string {
  const days = input.reapplyAfterDays ?? 90;
  const how = `by replying to this email or writing to ${input.appealContact || "us"}; we will review your application afresh`;
  if (days <= 0) {
    return `You may apply again at any time, ${how}.`;
  }
  return `You may apply again from ${dayText(appealDeadline(input.decidedAt, days, zone))}, ${how}.`;
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
    ["appeal", "How to appeal: "],
    ["appeal-by", `Appeal by: ${dayText(appealDeadline(input.decidedAt, days, zone))}`],
  ];
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
