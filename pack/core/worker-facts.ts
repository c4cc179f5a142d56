// What a worker may be told about their own case. A notice is written from the worker's own
// record and from fields meant for them; the automated checks behind a decision are named by
// their kind ("an automated duplicate-account check matched your payout account to another
// account"), never by the other person's name, id, email, phone, masked account or Blacklist id.
import {maskNumbers} from "./mask";

/** What each monitoring rule checks, told to the worker it concerns. */
const RULE_WORDS: Readonly<Record<string, string>> = {
  "blacklist-match": "an automated check matched your details to an account that was closed permanently",
  "shared-bank": "an automated duplicate-account check matched your payout account to another account",
  "shared-email": "an automated duplicate-account check matched your email address to another account",
  "shared-phone": "an automated duplicate-account check matched your phone number to another account",
  "documents-missing": "an automated check of your documents found some missing",
  "documents-expired": "an automated check of your documents found some expired",
  inactive: "an automated activity check found no recent activity on your account",
  "vetting-incomplete": "an automated check found your vetting incomplete",
  "suspension-overdue": "an automated check of suspension dates",
  "dispute-overdue": "an automated check of dispute due dates",
  "ledger-drift": "an automated check of our records",
};

const SCREENING_WORDS =
  "an automated screening check compared your details with other accounts and with accounts closed permanently, and found a match";
const BANK_DUPLICATE = RULE_WORDS["shared-bank"] as string;
const BANK_BLACKLISTED = "an automated check matched your payout account to an account that was closed permanently";
const AUDIT_WORDS = "a review of your work, with the automated checks it uses";
/** The automated part of a Documentation audit, told to the worker it audited. */
export const DOCUMENTS_AUDIT_WORDS = "an automated check of the documents in your folder";

/** The parts of a worker's record the automated-checks line may read. */
export interface CheckedRecord {
  screeningVerdict: string;
  bankVerification: string;
}

/**
 * The automated checks a decision rests on, in words for the worker; "" when none. Derived from
 * the evidence: a finding cited (its rule id, as the Findings table shows it: "shared-bank:…"), an
 * audit cited (A-…), a screening cited, or, for a decision on vetting (`vetting`), the worker's
 * own non-Clear screening verdict and a bank check that matched another account.
 */
export function automatedChecks(worker: CheckedRecord, cited: string, vetting: boolean): string {
  const phrases = new Set<string>();
  for (const [rule, words] of Object.entries(RULE_WORDS)) {
    if (new RegExp(`(^|[^a-z-])${rule}:`, "i").test(cited)) {
      phrases.add(words);
    }
  }
  if (/\bA-[A-Z0-9]{6,}\b/.test(cited) || /\baudit/i.test(cited)) {
    phrases.add(AUDIT_WORDS);
  }
  const screeningCited = /\bscreen(ing|ed)\b|ScreeningReport|ScreenWorker/i.test(cited);
  if (screeningCited || (vetting && /^(Match|Review)$/i.test(worker.screeningVerdict.trim()))) {
    phrases.add(SCREENING_WORDS);
  }
  if (vetting || /\bbank|payout/i.test(cited)) {
    if (/Same account as/i.test(worker.bankVerification)) {
      phrases.add(BANK_DUPLICATE);
    }
    if (/On the Blacklist/i.test(worker.bankVerification)) {
      phrases.add(BANK_BLACKLISTED);
    }
  }
  return [...phrases].join("; ");
}

/**
 * The automated-checks line of a stored notice, kept to the phrases {@link automatedChecks} writes:
 * a pending notice's cell edited by hand cannot put anything else (another person's details) there.
 */
export function knownChecks(text: string | undefined): string {
  const known = new Set([
    ...Object.values(RULE_WORDS),
    SCREENING_WORDS,
    BANK_BLACKLISTED,
    AUDIT_WORDS,
    DOCUMENTS_AUDIT_WORDS,
  ]);
  return (text ?? "")
    .split(/;\s*/)
    .map((p) => p.trim())
    .filter((p) => known.has(p))
    .join("; ");
}

/**
 * Text a specialist wrote, made safe to tell a worker: other workers' ids become "another
 * account" and Blacklist entry ids "an account closed permanently" (with the name in brackets the
 * pack writes after them: "W-000002 (María José Rodríguez)"), finding ids their kind of check,
 * email addresses but the worker's own `ownEmail` "another email address", and bank, card, ID and
 * phone numbers their masked form. The worker's own id stays.
 */
export function forWorker(text: string, workerId: string, ownEmail = ""): string {
  const named = String.raw`(?:\s*\([^()\n]{1,120}\))?`;
  const scrubbed = text
    .replace(/\b[a-z]+(?:-[a-z]+)+:[A-Za-z0-9+\-:]+/g, (id) => {
      const rule = id.slice(0, id.indexOf(":"));
      return RULE_WORDS[rule] ? "an automated check" : id;
    })
    .replace(new RegExp(String.raw`\bW-\d{6}\b${named}`, "g"), (id) =>
      id.slice(0, 8) === workerId ? id : "another account",
    )
    .replace(new RegExp(String.raw`\bB-[A-Z0-9]{6,}\b${named}`, "g"), "an account closed permanently")
    .replace(/[^\s<>()"',;:]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g, (email) =>
      ownEmail && email.toLowerCase() === ownEmail.toLowerCase() ? email : "another email address",
    );
  return maskNumbers(scrubbed);
}
