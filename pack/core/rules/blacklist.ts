// Active workers matching a Blacklist entry.
import type {BlacklistRecord, SheetRow} from "../records";
import {longDate} from "../dates";
import type {Rule} from "./types";
import {and, latest, make, person, rowOf, unique, who} from "./make";

const split = (text: string) => text.split(/[\s,;]+/).filter(Boolean);

/**
 * An Active worker sharing an email key, payout account or ID fingerprint with a Blacklist entry
 * (Critical), or only a phone (Review: households share phones). Names are left to ScreeningReport.
 * First seen: the later of the entry's approval and the worker's StatusSince.
 */
export const blacklistMatch: Rule = {
  id: "blacklist-match",
  severity: "Critical",
  lower: ["Review"],
  advice: "Check the match against the entry's evidence; if it is the same person, suspend and propose blacklisting.",
  check(input) {
    const index = new Map<string, Array<[SheetRow<BlacklistRecord>, string]>>();
    // A lifted entry stays as history and matches nothing.
    for (const e of (input.blacklist ?? []).filter((entry) => !entry.record.liftedAt)) {
      const add = (text: string, prefix: string, field: string) =>
        split(text).forEach((k) =>
          index.set(prefix + k.toLowerCase(), [...(index.get(prefix + k.toLowerCase()) ?? []), [e, field]]),
        );
      add(e.record.emailKeys, "e:", "email key");
      add(e.record.bankFingerprints, "b:", "payout account");
      add(e.record.idFingerprints, "i:", "ID fingerprint");
      add(e.record.phones, "p:", "phone");
    }
    return unique(input.workers, "Active").flatMap((r) => {
      const w = r.record;
      const hits = new Map<string, {entry: SheetRow<BlacklistRecord>; fields: Set<string>}>();
      for (const probe of [`e:${w.emailKey}`, `b:${w.bankFingerprint}`, `i:${w.idFingerprint}`, `p:${w.phone}`]) {
        for (const [entry, field] of probe.length > 2 ? (index.get(probe.toLowerCase()) ?? []) : []) {
          const key = entry.record.entryId || `row ${entry.row}`;
          if (entry.record.workerId !== w.workerId) {
            const slot = hits.get(key) ?? {entry, fields: new Set<string>()};
            hits.set(key, slot);
            slot.fields.add(field);
          }
        }
      }
      return [...hits].map(([key, {entry, fields}]) => {
        const b = entry.record;
        const by = and([...fields].sort());
        const strong = by !== "phone";
        return make(blacklistMatch, [w.workerId, key], {
          severity: strong ? "Critical" : "Review",
          advice: strong
            ? blacklistMatch.advice
            : "Households share phones: review the other identifiers before doing anything.",
          title: `${w.workerId} matches Blacklist entry ${key} by ${by}`,
          workers: [person(w)],
          firstSeen: latest([b.approvedAt, w.statusSince]),
          explanation: `${who(r)}, Active (Workers row ${r.row}), has the same ${by} as Blacklist entry ${key}${b.workerId ? ` (${b.workerId})` : ""}${b.approvedAt ? `, blacklisted ${longDate(b.approvedAt)}` : ""}: ${b.reason || "no reason recorded"}${b.policyClause ? ` (${b.policyClause})` : ""}.`,
          evidence: [rowOf(r), `Blacklist row ${entry.row}: ${key}`],
        });
      });
    });
  },
};

/**
 * An applicant whose screening at intake (or a later ScreenWorker) found a Match with a Blacklist
 * entry, on any identifier or on a phone with a similar name (Critical, at once), until a lead
 * clears that screening. First seen: the screening.
 */
export const screenedBlacklistMatch: Rule = {
  id: "blacklist-match",
  severity: "Critical",
  advice:
    "Compare the applicant with the Blacklist entry's evidence. If it is the same person, reject the application; if not, a lead records ClearScreening with what was checked.",
  check(input) {
    return unique(input.workers, "Applicant", "Vetting").flatMap((r) => {
      const w = r.record;
      const cleared = w.screeningClearance?.screenedAt === w.screenedAt;
      if (w.screeningVerdict !== "Match" || cleared) {
        return [];
      }
      return w.screeningSummary
        .split("\n")
        .map((line) => /^Match · Blacklist entry (\S+)(?: for ([^:]*))?: (.*)$/.exec(line))
        .filter((m): m is RegExpExecArray => Boolean(m?.[1]))
        .map((m) =>
          make(screenedBlacklistMatch, [w.workerId, m[1] ?? "", "screening"], {
            title: `${w.workerId} matches Blacklist entry ${m[1] ?? ""} at screening`,
            workers: [person(w)],
            firstSeen: w.screenedAt,
            explanation: `${who(r)}, ${w.status} (Workers row ${r.row}), was screened on ${longDate(w.screenedAt)} and matches Blacklist entry ${m[1] ?? ""}${m[2] ? ` (${m[2]})` : ""}: ${m[3] ?? ""}.`,
            evidence: [rowOf(r), `Blacklist entry ${m[1] ?? ""}`],
          }),
        );
    });
  },
};
