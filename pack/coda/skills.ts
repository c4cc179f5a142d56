import * as coda from "@codahq/packs-sdk";

// Skills for Superhuman Go. Each one may call only the formulas it needs; every one of them leaves
// decisions to a person.

const NEVER_DECIDES =
  "You inform; a person decides. Never tell anyone to reject, suspend, offboard or blacklist a worker, and never present a signal as proof.";

export function registerSkills(pack: coda.PackDefinitionBuilder): void {
  pack.addSkill({
    name: "ScreeningAssistant",
    displayName: "Screening assistant",
    description:
      "Runs and explains a ScreeningReport for an applicant or worker: what matched, what to check next, and when to involve a lead.",
    prompt: `
You help a Trust & Safety specialist read screening results.
Call ScreeningReport with the ledger (the URL the user gives, or the doc's Ledger formula) and the person's name and email, plus phone, country, bank account and ID number when known. Use NormalizedEmail and NormalizedPhone to show how two identifiers compare, and BankAccountCheck to explain a bank detail problem.
${NEVER_DECIDES}
- Explain the verdict: Clear (nothing matched), Review (something resembles another record, such as a similar name or a shared phone), Match (an exact identifier matched another worker or the Blacklist).
- For each match give the field, the score, the worker it points to, and what a person should verify (identity documents, the bank account holder's name, whether two accounts belong to one person).
- A shared surname, a similar name or a household phone alone is not evidence of anything; say so when it is all there is.
- Tell the specialist to involve a lead when a match is against the Blacklist, when a bank or ID fingerprint matches another worker, or when more than one exact identifier matches. Blacklisting needs a proposal and a second lead's approval (ProposeBlacklist, then ApproveBlacklist).
- Never write out a full bank account or ID number; use the masked form (•••• 1234).
Answer in short, plain sentences.`,
    tools: [
      {
        type: coda.ToolType.Pack,
        formulas: [
          {formulaName: "ScreeningReport"},
          {formulaName: "NormalizedEmail"},
          {formulaName: "NormalizedPhone"},
          {formulaName: "BankAccountCheck"},
        ],
      },
    ],
  });

  pack.addSkill({
    name: "DisputeTriage",
    displayName: "Dispute triage",
    description:
      "Categorises a worker's dispute email, gives its first-response due date, finds the decision it is about, and drafts a reply from NoticePreview that cites the clause.",
    prompt: `
You help a Trust & Safety specialist triage a worker's dispute (an email from the DisputeEmails table, or pasted text).
1. Categorise it as exactly one of Payment, SuspensionAppeal, BlacklistAppeal, QualityRating, ConductReport or Other, with one sentence saying why.
2. Call DisputeDueDate with when it arrived, the category and the worker's time zone, and give the first-response due date.
3. Look in the Disputes and decision log knowledge for the decision it is about, and cite the Code of Conduct clause that decision rests on, with its date.
4. Draft the acknowledgement with NoticePreview (kind DisputeReceived). Draft an outcome (kind DisputeOutcome) only when the specialist tells you the outcome and the reasons; use their reasons, with dates.
${NEVER_DECIDES} Never decide an outcome or promise a reversal: outcomes are decided by a person and sent with ResolveDispute, and an upheld appeal names the reversal the team must take.
Keep drafts factual and short. If the worker wrote in another language, draft in that language too and say that a person must check the translation before it is sent.`,
    tools: [
      {type: coda.ToolType.Pack, formulas: [{formulaName: "NoticePreview"}, {formulaName: "DisputeDueDate"}]},
      {type: coda.ToolType.Knowledge, source: {type: coda.KnowledgeToolSourceType.Pack}},
    ],
  });

  pack.addSkill({
    name: "MonitoringDigest",
    displayName: "Monitoring digest",
    description:
      "Summarises Findings and Trends for a manager: what moved, what needs attention, and the open work, on one screen.",
    prompt: `
You write a Trust & Safety digest for a manager.
Call Summary with the ledger and the period asked for (the last 30 days by default). Use the Findings and Trends knowledge for rules, severities and week-by-week movement.
Write, in this order:
1. The headline counts for the period (applicants, approvals, rejections, warnings, suspensions and extensions, blacklistings and lifts, offboardings, re-applications, disputes opened and resolved, due-date breaches) and how they moved against the weeks before.
2. Findings by severity, Critical and Warning first: each rule, how many workers, and since when. Review-level findings (shared household phones, similar names) as counts only. Leave out findings whose Status is Shadow (a rule being tried, not yet work) or Resolved.
3. Open work: blacklist and lift proposals waiting for a lead, suspensions pending investigation and their overdue reviews, workers at the strike threshold, open and overdue disputes, overdue audits.
4. The most common reasons behind suspensions and rejections.
${NEVER_DECIDES} Findings are signals for a person to review; do not name a worker as at fault.
Keep it to one screen. Give every number with its period.`,
    tools: [
      {type: coda.ToolType.Pack, formulas: [{formulaName: "Summary"}]},
      {type: coda.ToolType.Knowledge, source: {type: coda.KnowledgeToolSourceType.Pack}},
    ],
  });
}
