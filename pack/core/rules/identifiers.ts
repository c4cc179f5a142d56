// Live workers sharing an identifier: a payout account, a mailbox, a phone.
import {LIVE_STATUSES} from "../lifecycle";
import {sha256Hex} from "../hash";
import type {Rule, RuleId, Severity} from "./types";
import type {W} from "./make";
import {and, latest, make, ok, person, rowOf, unique, who} from "./make";

/**
 * Live workers (Applicant to Suspended) sharing an identifier. The key is the shared value,
 * hashed, so the finding keeps its row when another worker joins. First seen: the latest
 * member's screening (where a collision shows), or its StatusSince if never screened.
 */
function shared(
  id: RuleId,
  severity: Severity,
  field: "bankFingerprint" | "phone" | "emailKey",
  what: string,
  why: string,
  advice: string,
): Rule {
  const rule: Rule = {
    id,
    severity,
    advice,
    check(input) {
      const groups = new Map<string, W[]>();
      for (const r of unique(input.workers, ...LIVE_STATUSES)) {
        const value = ok(r, field) ? r.record[field] : "";
        if (value) {
          groups.set(value, [...(groups.get(value) ?? []), r]);
        }
      }
      return [...groups]
        .filter(([, members]) => members.length > 1)
        .map(([value, members]) => {
          members.sort((a, b) => (a.record.workerId < b.record.workerId ? -1 : 1));
          const shown = field === "bankFingerprint" ? members[0]?.record.bankMasked || "masked account unknown" : value;
          return make(rule, [`h${sha256Hex(`${field}\n${value}`).slice(0, 16)}`], {
            title: `${and(members.map((m) => m.record.workerId))} share a ${what}`,
            workers: members.map((m) => person(m.record)),
            firstSeen: latest(members.map((m) => m.record.screenedAt || m.record.statusSince)),
            explanation: `${and(members.map((m) => `${who(m)}, ${m.record.status}, Workers row ${m.row}`))} have the same ${what} (${shown}). ${why}`,
            evidence: members.map(rowOf),
          });
        });
    },
  };
  return rule;
}

export const sharedBank = shared(
  "shared-bank",
  "Warning",
  "bankFingerprint",
  "payout account",
  "One account paying several workers is how duplicate accounts are run; a couple's joint account is the innocent case.",
  "Compare their documents and account holder names; if one person, propose blacklisting the copies.",
);
export const sharedEmail = shared(
  "shared-email",
  "Warning",
  "emailKey",
  "mailbox",
  "Their addresses reach one mailbox: one person holds several records (added or edited by hand).",
  "Keep the person's real record; offboard or blacklist the copies.",
);
export const sharedPhone = shared(
  "shared-phone",
  "Review",
  "phone",
  "phone number",
  "Households share phones, so this alone shows nothing.",
  "Look for other shared signals before doing anything.",
);
