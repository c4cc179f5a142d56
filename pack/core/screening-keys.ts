// The exact keys screening compares (email and its look-alike skeleton, phone readings, fingerprints), and what each match means.
import {emailSkeleton, fingerprintOf} from "./identity";
import {hasNonAscii} from "./unicode";

export type MatchField = "Email" | "Phone" | "BankAccount" | "IdNumber" | "Name";

/** The person screened, as keys: clear account and ID numbers are reduced to fingerprints before they get here. */
export interface Probe {
  name: string;
  emailKey?: string;
  /** E.164. */
  phone?: string;
  /** Every reading of a phone written without "+" (see `phoneReadings`); `phone` when absent. */
  phones?: string[];
  /** How an ambiguous phone was read, for the explanation. */
  phoneNote?: string;
  country?: string;
  bankFingerprint?: string;
  idFingerprint?: string;
  /** The worker being screened, never matched with themselves. */
  selfId?: string;
}

export type Exact = Exclude<MatchField, "Name">;

export interface Found {
  score: number;
  detail: string;
  how: string;
  hard: boolean;
}

function cellValues(cell: string | undefined): string[] {
  const text = (cell ?? "").trim();
  return !text ? [] : /[\s,;]/.test(text) ? text.split(/[\s,;]+/).filter(Boolean) : [text];
}

// Each distinct address's skeleton is computed once per execution.
const skeletons = new Map<string, string>();
function skeletonOf(key: string): string {
  let out = skeletons.get(key);
  if (out === undefined) {
    if (skeletons.size > 200_000) {
      skeletons.clear();
    }
    out = emailSkeleton(key);
    skeletons.set(key, out);
  }
  return out;
}

/** One probe's exact keys, with what each match means. */
export interface Key {
  field: Exact;
  /** "Email", "EmailLike", "Phone", "BankAccount", "IdNumber": the index namespace. */
  space: string;
  value: string;
  found: Found;
}

export function probeKeys(probe: Probe): Key[] {
  const keys: Key[] = [];
  const email = (probe.emailKey ?? "").toLowerCase();
  if (email) {
    keys.push({
      field: "Email",
      space: "Email",
      value: email,
      found: {
        score: 1,
        detail: `Same email address (canonical form ${email}).`,
        how: "same canonical email",
        hard: true,
      },
    });
    const like = skeletonOf(email);
    keys.push({
      field: "Email",
      space: "EmailLike",
      value: like,
      // Look-alike letters of another script are a disguise; ASCII look-alikes (0/o, rn/m) may be two people.
      found: hasNonAscii(email)
        ? {
            score: 0.95,
            detail: `An email address that looks the same as ${email} (look-alike letters).`,
            how: "look-alike characters (TR39 skeleton)",
            hard: true,
          }
        : {
            score: 0.9,
            detail: `An email address that looks like ${email} (look-alike characters).`,
            how: "look-alike characters (TR39 skeleton)",
            hard: false,
          },
    });
  }
  const phones = probe.phones?.length ? probe.phones : probe.phone ? [probe.phone] : [];
  const ambiguous = phones.length > 1 || Boolean(probe.phoneNote);
  for (const phone of phones) {
    keys.push({
      field: "Phone",
      space: "Phone",
      value: phone,
      found: ambiguous
        ? {
            score: 0.85,
            detail: `Same phone number ${phone}, one reading of an ambiguous number: ${probe.phoneNote ?? ""}`,
            how: "one reading of an ambiguous number",
            hard: false,
          }
        : {score: 0.9, detail: `Same phone number ${phone}.`, how: "same E.164 number", hard: false},
    });
  }
  const bank = fingerprintOf(probe.bankFingerprint ?? "");
  if (bank) {
    keys.push({
      field: "BankAccount",
      space: "BankAccount",
      value: bank,
      found: {
        score: 1,
        detail: "Same bank account (equal fingerprints).",
        how: "same account (IBAN or national number, keyed fingerprint)",
        hard: true,
      },
    });
  }
  const id = fingerprintOf(probe.idFingerprint ?? "");
  if (id) {
    keys.push({
      field: "IdNumber",
      space: "IdNumber",
      value: id,
      found: {
        score: 1,
        detail: "Same ID document number (equal fingerprints).",
        how: "same ID number (separators and look-alike letters folded, keyed fingerprint)",
        hard: true,
      },
    });
  }
  return keys;
}

export const COLUMN: Readonly<Record<Exact, "emails" | "phones" | "banks" | "idNumbers">> = {
  Email: "emails",
  Phone: "phones",
  BankAccount: "banks",
  IdNumber: "idNumbers",
};

/** A cell's values in the form a key of `space` compares. */
export function keyValues(space: string, cell: string | undefined): string[] {
  const values = cellValues(cell);
  switch (space) {
    case "Email":
      return values.map((v) => v.toLowerCase());
    case "EmailLike":
      return values.map((v) => skeletonOf(v.toLowerCase()));
    case "BankAccount":
    case "IdNumber":
      return values.map(fingerprintOf);
    default:
      return values;
  }
}
