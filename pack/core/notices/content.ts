// What each kind of notice says: its subject and its blocks, one entry per kind. Every adverse
// notice says what was decided, its scope and duration, the facts with dates, the Code of Conduct
// clause, whether automated checks were involved (and that a person decided), and how to appeal
// and by when.
import {badInput} from "../errors";
import {longDate} from "../dates";
import {calendarDate, longDateText, parseIso, plusDays} from "../zoned";
import type {NoticeInput, NoticeKind} from "./kinds";
import {disputeWords} from "./kinds";

export type Fact = [string, string];
/** One block of a notice: a paragraph, or a list of labelled facts. */
export type Block = {p?: string; facts?: Fact[]};

/** What every kind's content is written from, worked out once by `composeNotice`. */
export interface NoticeContext {
  input: NoticeInput;
  /** The decision's date in the worker's zone, in words. */
  decided: string;
  zone: string;
  /** The zone's name for the reader. */
  label: string;
  reason: string;
  clause: string;
  /** " Read it at <url>." or "". */
  conduct: string;
  /** " (DSP-…)" or "". */
  ref: string;
  /** The automated checks involved, without a final period; empty when none. */
  auto: string;
  team: string;
  days: number;
  appealBy: string;
}

/** "5 January 2026" for a calendar date (YYYY-MM-DD). */
export function dayText(date: string): string {
  return longDate(`${date}T12:00:00Z`);
}

/** "5 January 2026 at 17:59 (America/Mexico City)" for an instant in the worker's zone. */
function momentText(iso: string, zone: string, label: string): string {
  return `${longDateText(parseIso(iso), zone, true)} (${label})`;
}

function clauseFact(c: NoticeContext): Fact {
  return [
    "Code of Conduct clause",
    `${c.clause || "none: this decision rests on the facts above, not on a clause"}.${c.conduct}`,
  ];
}

/** The facts every adverse notice carries, in order; `duration` splits scope from duration. */
function adverse(
  c: NoticeContext,
  decision: string,
  scope: string,
  factsLabel: string,
  what: string,
  duration?: string,
): Block[] {
  const contact = c.input.appealContact;
  return [
    {
      facts: [
        ["Decision", decision],
        duration ? ["Scope", scope] : ["Scope and duration", scope],
        ...(duration ? [["Duration", duration] as Fact] : []),
        [factsLabel, c.reason],
        ["Date of the decision", c.decided],
        clauseFact(c),
        [
          "Automated checks",
          c.auto
            ? `involved: ${c.auto}. They only produce findings; they decide nothing.`
            : "none were involved in this decision.",
        ],
        ["Decided by", `a person: a member of our ${c.team} reviewed the facts and took this decision.`],
        // An upheld appeal is the end of the matter for the worker: there is nothing left to appeal.
        ...(c.input.kind === "DisputeOutcome" && c.input.outcome === "Upheld"
          ? []
          : ([
              [
                "How to appeal",
                `${contact ? `write to ${contact}` : "reply to this email"}, saying why ${what} is wrong, with anything that supports you. Someone who did not take this decision will review it and tell you the outcome in writing.`,
              ],
              ["Appeal by", `${dayText(c.appealBy)} (${c.days} days from the decision).`],
            ] as Fact[])),
      ],
    },
  ];
}

const PAID = " Work you submitted before it will be paid as usual.";

/** When and how a rejected or offboarded person may apply again (Settings ReapplyAfterDays). */
function reapplyText(c: NoticeContext): string {
  const days = c.input.reapplyAfterDays ?? 90;
  const how = `by replying to this email${c.input.appealContact ? ` or writing to ${c.input.appealContact}` : ""}; we will review a new application afresh`;
  if (days <= 0) {
    return `You may apply again at any time, ${how}.`;
  }
  const from = calendarDate(plusDays(parseIso(c.input.decidedAt), days, c.zone), c.zone);
  return `You may apply again from ${dayText(from)}, ${how}.`;
}

/**
 * What the worker should do differently after an audit: the auditor's improvements when given;
 * otherwise, when the audit found problems, each of them to put right. Never "nothing" after a
 * list of problems.
 */
export function whatToChange(findings: string, improvements: string | undefined): string {
  const given = (improvements ?? "").trim();
  if (given) {
    return given;
  }
  const problems = findings
    .split(/\n|;\s*|\.\s+(?=[A-Z])/)
    .map((p) => p.trim().replace(/\.$/, ""))
    .filter(Boolean);
  const fine = /^(no (problems|issues|concerns)|none|all (good|fine|in order)|passed)\b/i;
  if (!problems.length || problems.every((p) => fine.test(p))) {
    return "nothing: keep following the project guidelines.";
  }
  return `put right what we found: ${problems.map((p) => p.charAt(0).toLowerCase() + p.slice(1)).join("; ")}. Follow the project guidelines on each point; ask us if any is unclear.`;
}

function outcomeDecision(outcome: string): string {
  return outcome === "Upheld"
    ? "we agree with you: your dispute is upheld."
    : outcome === "PartiallyUpheld"
      ? "we agree with part of your dispute: it is partially upheld."
      : "we do not agree with your dispute: it is not upheld, and the original decision stands.";
}

/** Each kind's subject and blocks. */
export const NOTICE_CONTENT: Record<NoticeKind, (c: NoticeContext) => {subject: string; blocks: Block[]}> = {
  Welcome: (c) => ({
    subject: "Welcome: your account is active",
    blocks: [
      {
        p: `Your application was approved on ${c.decided} and your account is active: you can start on the projects you are invited to.`,
      },
      {p: `Please keep to our Code of Conduct.${c.conduct} Questions? Reply to this email.`},
    ],
  }),
  Reinstatement: (c) => ({
    subject: "Your account is active again",
    blocks: [
      {p: `Your suspension ended on ${c.decided} and your account is active again: you can take on work from today.`},
      ...(c.reason ? [{p: `Note from the team: ${c.reason}`}] : []),
    ],
  }),
  Rejection: (c) => ({
    subject: "Decision on your application",
    blocks: adverse(
      c,
      "we cannot accept your application.",
      `this closes this application. ${reapplyText(c)}`,
      "What we found",
      "this decision",
    ),
  }),
  Suspension: (c) => {
    if (!c.input.until && c.input.reviewBy) {
      return {
        subject: "Your account is suspended while we investigate",
        blocks: adverse(
          c,
          "your account is suspended while we investigate; no end date is set yet.",
          `you cannot take on or submit work on any project meanwhile.${PAID}`,
          "What happened",
          "this suspension",
          `from ${c.decided} until our investigation ends. We will review it by ${momentText(c.input.reviewBy, c.zone, c.label)} and write to you with the outcome.`,
        ),
      };
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(c.input.until ?? "")) {
      throw badInput(
        "NOTICE_UNTIL",
        "A Suspension notice needs the first day the worker may work again (until), as a date, or the review time of a suspension pending investigation (reviewBy).",
      );
    }
    const back = dayText(c.input.until ?? "");
    return {
      subject: `Your account is suspended until ${back}`,
      blocks: adverse(
        c,
        "your account is suspended.",
        `you cannot take on or submit work on any project meanwhile.${PAID}`,
        "What happened",
        "this suspension",
        `from ${c.decided}; you may work again from ${back}.`,
      ),
    };
  },
  Offboarding: (c) => ({
    subject: "Your work with us has ended",
    blocks: adverse(
      c,
      "your account is closed and you are removed from all projects.",
      `from ${c.decided}.${PAID} ${reapplyText(c)}`,
      "Why",
      "this decision",
    ),
  }),
  Blacklist: (c) => ({
    subject: "Your account has been permanently closed",
    blocks: adverse(
      c,
      "your account is permanently closed.",
      `from ${c.decided}, permanently, for every project; new applications from you will not be accepted.`,
      "What happened",
      "this decision",
    ),
  }),
  Warning: (c) => {
    const {strikes, strikeThreshold} = c.input;
    const counted =
      strikes !== undefined ? ` and counts towards the ${strikes} strike${strikes === 1 ? "" : "s"} you now have` : "";
    const threshold = strikeThreshold
      ? `; at ${strikeThreshold} strikes a suspension may be considered (a person decides, nothing happens automatically)`
      : "";
    return {
      subject: "A formal warning about your work",
      blocks: adverse(
        c,
        "you receive a formal warning. Your account stays active.",
        `this warning is recorded on your account${counted}${threshold}.`,
        "What happened",
        "this warning",
      ),
    };
  },
  SuspensionExtension: (c) => {
    const before = c.input.previously ?? "";
    if (c.input.until) {
      const back = dayText(c.input.until);
      return {
        subject: `Your suspension is extended until ${back}`,
        blocks: adverse(
          c,
          "your suspension is extended.",
          `you still cannot take on or submit work on any project.${PAID}`,
          "Why",
          "this extension",
          `you may work again from ${back}${/^\d{4}-\d{2}-\d{2}$/.test(before) ? ` instead of ${dayText(before)}` : ""}.`,
        ),
      };
    }
    if (!c.input.reviewBy) {
      throw badInput(
        "NOTICE_UNTIL",
        "A SuspensionExtension notice needs the new end (until) or the new review time (reviewBy).",
      );
    }
    const was = before ? ` instead of ${momentText(before, c.zone, c.label)}` : "";
    return {
      subject: "Your suspension continues while we investigate",
      blocks: adverse(
        c,
        "your suspension continues while our investigation goes on; no end date is set yet.",
        `you still cannot take on or submit work on any project.${PAID}`,
        "Why",
        "this extension",
        `until our investigation ends. We will now review it by ${momentText(c.input.reviewBy, c.zone, c.label)}${was}, and write to you with the outcome.`,
      ),
    };
  },
  BlacklistLifted: (c) => ({
    subject: "The permanent closure of your account is lifted",
    blocks: [
      {
        p: `On ${c.decided} we lifted the permanent closure of your account. Your identity details no longer block applications or work with us.`,
      },
      ...(c.reason ? [{p: `Why: ${c.reason}`}] : []),
      {p: "We will write to you separately about any next step. Questions? Reply to this email."},
    ],
  }),
  AuditFeedback: (c) => {
    const findings = (c.input.findings ?? c.reason).trim();
    if (!findings) {
      throw badInput("NOTICE_FINDINGS", "An AuditFeedback notice needs what the audit found (findings).");
    }
    return {
      subject: "Feedback from a review of your work",
      blocks: [
        {p: `On ${c.decided} we reviewed a sample of your recent work. This is feedback, not a sanction.`},
        {
          facts: [
            ["What we found", findings],
            ["What to change", whatToChange(findings, c.input.improvements)],
            ...(c.clause ? [clauseFact(c)] : []),
            [
              "Automated checks",
              c.auto
                ? `involved: ${c.auto}. A person reviewed their findings.`
                : "none were involved; a person reviewed your work.",
            ],
          ],
        },
        {p: "If you think we got something wrong, reply to this email."},
      ],
    };
  },
  DisputeReceived: (c) => {
    const {input} = c;
    const what = disputeWords(input.category);
    return {
      subject: `We received your ${what}${c.ref}`,
      blocks: [
        {
          p: `We received your ${what} on ${input.openedAt ? longDate(input.openedAt, c.zone) : c.decided}${input.disputeId ? `; its reference is ${input.disputeId}` : ""}.`,
        },
        // An acknowledgement quotes nothing the worker wrote; a note written for them may follow.
        ...(c.reason ? [{p: `Note from the team: ${c.reason}`}] : []),
        {
          p: `A member of the team will reply ${input.dueAt ? `by ${momentText(input.dueAt, c.zone, c.label)}` : "as soon as possible"}. To add anything, reply to this email.`,
        },
      ],
    };
  },
  DisputeOutcome: (c) => {
    const {input} = c;
    const outcome = input.outcome ?? "";
    const blocks = adverse(
      c,
      outcomeDecision(outcome),
      input.reversal || (outcome === "Rejected" ? "nothing changes." : "see the reasons below."),
      "Reasons",
      "this outcome",
    );
    // What the worker raised is theirs to remember; the internal summary of it is never quoted.
    blocks[0]?.facts?.splice(2, 0, [
      "Your dispute",
      `your ${disputeWords(input.category)}${input.disputeId ? ` ${input.disputeId}` : ""}, received ${input.openedAt ? longDate(input.openedAt, c.zone) : "earlier"}.`,
    ]);
    return {subject: `Outcome of your ${disputeWords(input.category)}${c.ref}`, blocks};
  },
};
