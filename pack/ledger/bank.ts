import type {Google} from "../google/http";
import {checkBankAccount} from "../core/banking";
import {requireCountry} from "../core/countries";
import {badInput, refuse} from "../core/errors";
import {bankFingerprint, fingerprintOf, nameWords} from "../core/identity";
import {LIVE_STATUSES, requireRole} from "../core/lifecycle";
import {nameScore} from "../core/screening";
import {cleanText} from "../core/text";
import {bankProblemText, schemeName} from "../core/banking-text";
import {holderVerdict} from "../core/screening-text";
import {BLACKLIST} from "./store/layout";
import {fingerprintKey, identityRanges, identityTables} from "./screening";
import type {WorkerResult} from "./workers";
import {runWorkerAction} from "./workers";

export interface BankDetailsInput {
  ledger: string;
  workerId: string;
  account: string;
  country: string;
  routingCode?: string;
  bic?: string;
  holderName?: string;
  requestId?: string;
}

/**
 * Checks a worker's payout details and records only what may be kept: the keyed fingerprint,
 * the masked form, the scheme, the country and the verification in words. Flags an account that
 * another worker or a Blacklist entry already uses, naming them. The clear number goes nowhere:
 * not into the row, the event, the request key or any message.
 */
export async function recordBankDetails(g: Google, input: BankDetailsInput, now: string): Promise<WorkerResult> {
  const account = cleanText(input.account, "account number", {required: true, max: 100});
  const country = requireCountry(input.country);
  const routingCode = cleanText(input.routingCode, "routing code", {max: 40});
  const bic = cleanText(input.bic, "BIC", {max: 20});
  const holderName = cleanText(input.holderName, "account holder's name", {max: 200});
  const check = checkBankAccount({account, country, routingCode, bic});
  if (!check.valid) {
    throw badInput(
      "BANK_INVALID",
      `The bank details ending ${check.masked.replace(/^•+ ?/, "") || "(too short to show)"} were not recorded: ${bankProblemText(check).join(" ")} Check them with the worker and try again.`,
    );
  }
  return runWorkerAction(
    g,
    {
      action: "RecordBankDetails",
      ledger: input.ledger,
      workerId: input.workerId,
      requestId: input.requestId,
      tabs: [BLACKLIST],
      extraRanges: identityRanges(["bank"]),
      needsKey: true,
      // The request key is built from the fingerprint, never from the number itself.
      params: (session) => [bankFingerprint(fingerprintKey(session), check.key), check.bic, holderName],
      plan: async (session, worker) => {
        requireRole(session.actor, "specialist", "RecordBankDetails");
        const w = worker.record;
        if (!LIVE_STATUSES.includes(w.status)) {
          throw refuse(
            "NOT_LIVE",
            "live-worker",
            `${w.workerId} is ${w.status}: bank details are recorded only for applicants and workers (Applicant, Vetting, Active or Suspended).`,
          );
        }
        const fingerprint = bankFingerprint(fingerprintKey(session), check.key);
        const [workers, blacklist] = await identityTables(session, ["bank"]);
        const others: string[] = [];
        workers.banks.forEach((cell, i) => {
          const id = workers.ids[i] ?? "";
          if (id !== w.workerId && fingerprintOf(cell) === fingerprint) {
            others.push(
              `${id || `sheet row ${workers.firstRow + i}`}${workers.names[i] ? ` (${workers.names[i]})` : ""}`,
            );
          }
        });
        const listed: string[] = [];
        blacklist.banks.forEach((cell, i) => {
          if (cell.split(/[\s,;]+/).some((v) => fingerprintOf(v) === fingerprint)) {
            listed.push(blacklist.ids[i] || `sheet row ${blacklist.firstRow + i}`);
          }
        });
        const parts = [`Valid ${schemeName(check.scheme)} (${check.country}).`];
        if (holderName) {
          const score = nameScore(nameWords(holderName), nameWords(w.name));
          parts.push(`Holder name ${holderVerdict(score)} the worker's name (score ${score.toFixed(2)}).`);
        } else {
          parts.push("Holder name not given.");
        }
        if (others.length) {
          parts.push(
            `Same account as ${others.slice(0, 5).join(", ")}${others.length > 5 ? ` and ${others.length - 5} more` : ""}.`,
          );
        }
        if (listed.length) {
          parts.push(`On the Blacklist: ${listed.slice(0, 5).join(", ")}.`);
        }
        const verification = parts.join(" ");
        return {
          decision: {
            type: "BankDetailsRecorded",
            fromStatus: w.status,
            toStatus: w.status,
            reason: "",
            policyClause: "",
            evidence: "",
            details: `Recorded ${check.scheme} ${check.masked} (${check.country}). ${parts.slice(1).join(" ")}`.trim(),
            changes: {
              bankFingerprint: fingerprint,
              bankMasked: check.masked,
              bankScheme: check.scheme,
              bankCountry: check.country,
              bankVerification: verification,
            },
          },
        };
      },
    },
    now,
  );
}
