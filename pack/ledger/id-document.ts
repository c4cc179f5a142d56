// RecordIdDocument: an identity document kept only as a keyed fingerprint and a masked form.
import type {Google} from "../google/http";
import {requireCountry} from "../core/countries";
import {badInput, refuse} from "../core/errors";
import {idFingerprint, maskIdNumber, normalizeIdNumber} from "../core/identity";
import {LIVE_STATUSES, requireRole} from "../core/lifecycle";
import {cleanText} from "../core/text";
import {BLACKLIST} from "./store/layout";
import {fingerprintKey, identityRanges, identityTables} from "./screening";
import type {WorkerResult} from "./workers";
import {runWorkerAction} from "./workers";

export const ID_TYPES = ["passport", "national-id", "driving-licence", "tax-id", "other"] as const;

export interface IdDocumentInput {
  ledger: string;
  workerId: string;
  idType: string;
  idNumber: string;
  country: string;
  /** YYYY-MM-DD. */
  expiresOn?: string;
  requestId?: string;
}

/**
 * Records a worker's identity document: its type, country, expiry, the keyed fingerprint of its
 * number (separators and look-alike letters folded) and a masked form. The number itself goes
 * nowhere: not into the row, the event, the request key or any message. The last screening becomes stale.
 */
export async function recordIdDocument(g: Google, input: IdDocumentInput, now: string): Promise<WorkerResult> {
  const typeText = cleanText(input.idType, "ID type", {required: true, max: 40}).toLowerCase();
  const idType = ID_TYPES.find((t) => t === typeText || t.replace("-", " ") === typeText);
  if (!idType) {
    throw badInput("INPUT_ID_TYPE", `"${typeText}" is not an ID type: use ${ID_TYPES.join(", ")}.`);
  }
  const number = cleanText(input.idNumber, "ID number", {required: true, max: 60});
  if (normalizeIdNumber(number).length < 4) {
    throw badInput("INPUT_ID_NUMBER", "The ID number has fewer than 4 letters or digits: check it with the worker.");
  }
  const country = requireCountry(input.country);
  const expiresOn = cleanText(input.expiresOn, "expiry date", {max: 10});
  if (expiresOn && (!/^\d{4}-\d{2}-\d{2}$/.test(expiresOn) || Number.isNaN(Date.parse(`${expiresOn}T00:00:00Z`)))) {
    throw badInput("INPUT_DATE", `"${expiresOn}" is not a date: give the expiry as YYYY-MM-DD.`);
  }
  const masked = maskIdNumber(number);
  return runWorkerAction(
    g,
    {
      action: "RecordIdDocument",
      ledger: input.ledger,
      workerId: input.workerId,
      requestId: input.requestId,
      tabs: [BLACKLIST],
      extraRanges: identityRanges(["id"]),
      needsKey: true,
      params: (session) => [idType, idFingerprint(fingerprintKey(session), number), country, expiresOn],
      plan: async (session, worker) => {
        requireRole(session.actor, "specialist", "RecordIdDocument");
        const w = worker.record;
        if (!LIVE_STATUSES.includes(w.status)) {
          throw refuse(
            "NOT_LIVE",
            "live-worker",
            `${w.workerId} is ${w.status}: identity documents are recorded only for applicants and workers.`,
          );
        }
        const fingerprint = idFingerprint(fingerprintKey(session), number);
        const [workers, blacklist] = await identityTables(session, ["id"]);
        const others = workers.idNumbers
          .map((cell, i) =>
            cell.toLowerCase().startsWith(fingerprint) && workers.ids[i] !== w.workerId
              ? `${workers.ids[i]} ${workers.names[i] ?? ""}`.trim()
              : "",
          )
          .filter(Boolean);
        const listed = blacklist.idNumbers
          .map((cell, i) =>
            cell.toLowerCase().includes(fingerprint) ? blacklist.ids[i] || `sheet row ${blacklist.firstRow + i}` : "",
          )
          .filter(Boolean);
        const notes = [
          others.length ? `Same ID number as ${others.slice(0, 5).join(", ")}.` : "",
          listed.length ? `On the Blacklist: ${listed.slice(0, 5).join(", ")}.` : "",
          expiresOn && expiresOn <= now.slice(0, 10) ? `The document expired on ${expiresOn}.` : "",
        ].filter(Boolean);
        return {
          decision: {
            type: "IdDocumentRecorded",
            fromStatus: w.status,
            toStatus: w.status,
            reason: "",
            policyClause: "",
            evidence: "",
            details: [
              `Recorded ${idType} ${masked} (${country})${expiresOn ? `, expires ${expiresOn}` : ""}. The screening must run again.`,
              ...notes,
            ].join(" "),
            changes: {idFingerprint: fingerprint, idType, idMasked: masked, idCountry: country, idExpiresOn: expiresOn},
          },
        };
      },
    },
    now,
  );
}
