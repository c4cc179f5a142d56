import type {Google} from "../google/http";
import type {ValueRange} from "../google/sheets";
import {a1, batchGetValues} from "../google/sheets";
import {checkBankAccount} from "../core/banking";
import {optionalCountry} from "../core/countries";
import {badInput, DomainError, refuse} from "../core/errors";
import {
  bankFingerprint,
  emailKey,
  idFingerprint,
  isPlausibleEmail,
  normalizeIdNumber,
  normalizePhone,
  phoneReadings,
} from "../core/identity";
import {requireRole} from "../core/lifecycle";
import type {BlacklistRecord, WorkerRecord} from "../core/records";
import type {IdentityTable, Probe, ScreeningOutcome} from "../core/screening";
import {screen} from "../core/screening";
import {cleanText} from "../core/text";
import type {TabDef} from "./store/layout";
import {BLACKLIST, WORKERS} from "./store/layout";
import {rawSetting} from "./store/settings";
import {bankProblemText} from "../core/banking-text";
import {columnLetter, matchesLayout} from "./store/rows";
import type {Session} from "./store/session";
import {openSession} from "./store/session";
import type {WorkerResult} from "./workers";
import {runWorkerAction} from "./workers";
import {planClearScreening, screenedDecision} from "../core/screening-decisions";

/** The identifiers screening can compare; each is read only when it will be compared. */
export type IdentityField = "email" | "phone" | "bank" | "id";
export const ALL_IDENTITY: readonly IdentityField[] = ["email", "phone", "bank", "id"];

const WORKER_COLUMNS: Readonly<Record<IdentityField, keyof WorkerRecord & string>> = {
  email: "emailKey",
  phone: "phone",
  bank: "bankFingerprint",
  id: "idFingerprint",
};
const BLACKLIST_COLUMNS: Readonly<Record<IdentityField, keyof BlacklistRecord & string>> = {
  email: "emailKeys",
  phone: "phones",
  bank: "bankFingerprints",
  id: "idFingerprints",
};
const TABLE_FIELD: Readonly<Record<IdentityField, "emails" | "phones" | "banks" | "idNumbers">> = {
  email: "emails",
  phone: "phones",
  bank: "banks",
  id: "idNumbers",
};

/** The Workers and Blacklist columns read for `fields`: ids, names and the identifiers only, never whole rows. */
export function identityColumns(fields: readonly IdentityField[]): {
  workers: Array<keyof WorkerRecord & string>;
  blacklist: Array<keyof BlacklistRecord & string>;
} {
  return {
    workers: ["workerId", "name", "status", ...fields.map((f) => WORKER_COLUMNS[f])],
    // LiftedAt last: a lifted entry is kept as history and matches nothing.
    blacklist: ["entryId", "workerId", "name", ...fields.map((f) => BLACKLIST_COLUMNS[f]), "liftedAt"],
  };
}

function columnRange<R>(tab: TabDef<R>, index: number): string {
  const letter = columnLetter(index);
  return a1(tab.name, `${letter}2:${letter}`);
}

/** The ranges to read with the session, guessing the columns sit where CreateLedger put them. */
export function identityRanges(fields: readonly IdentityField[] = ALL_IDENTITY): string[] {
  const {workers, blacklist} = identityColumns(fields);
  const at =
    <R>(tab: TabDef<R>) =>
    (key: keyof R & string) =>
      columnRange(
        tab,
        tab.columns.findIndex((c) => c.key === key),
      );
  return [...workers.map(at(WORKERS)), ...blacklist.map(at(BLACKLIST))];
}

function columnOf(range: ValueRange | undefined): string[] {
  return (range?.values ?? []).map((row) => String(row[0] ?? "").trim());
}

/**
 * The identity columns of Workers and the Blacklist for `fields`. They were read with the session
 * (see {@link identityRanges}) when the tabs still have CreateLedger's layout, one request in all;
 * columns moved by hand are read again where their headers are.
 */
export async function identityTables(
  session: Session,
  fields: readonly IdentityField[] = ALL_IDENTITY,
): Promise<[IdentityTable, IdentityTable]> {
  const workers = session.header(WORKERS);
  const blacklist = session.header(BLACKLIST);
  const wanted = identityColumns(fields);
  let columns = session.extra.slice(0, wanted.workers.length + wanted.blacklist.length);
  if (!matchesLayout(workers) || !matchesLayout(blacklist)) {
    if (!workers.index.has("workerId")) {
      throw new DomainError(
        "LEDGER_HEADER",
        "The Workers tab has no WorkerId column in row 1. Restore the header, or run RepairLedger.",
      );
    }
    // A column deleted by hand is read as an empty one far to the right.
    const place =
      <R>(map: {index: ReadonlyMap<keyof R & string, number>}, tab: TabDef<R>) =>
      (key: keyof R & string) =>
        columnRange(tab, map.index.get(key) ?? 700);
    columns = await batchGetValues(
      session.g,
      session.ledger.spreadsheetId,
      [...wanted.workers.map(place(workers, WORKERS)), ...wanted.blacklist.map(place(blacklist, BLACKLIST))],
      {
        what: "read the ledger's identity columns",
      },
    );
  }
  const w = columns.slice(0, wanted.workers.length).map(columnOf);
  const b = columns.slice(wanted.workers.length).map(columnOf);
  const table = (source: IdentityTable["source"], cols: string[][], statuses: boolean): IdentityTable => {
    const length = Math.max(0, ...cols.map((c) => c.length));
    const ids = [...(cols[0] ?? []), ...new Array<string>(Math.max(0, length - (cols[0]?.length ?? 0))).fill("")];
    const t: IdentityTable = {
      source,
      firstRow: 2,
      ids,
      workerIds: source === "Workers" ? ids : (cols[1] ?? []),
      names: cols[source === "Workers" ? 1 : 2] ?? [],
      emails: [],
      phones: [],
      banks: [],
      idNumbers: [],
      statuses: statuses ? (cols[2] ?? []) : [],
    };
    const lifted = source === "Blacklist" ? (cols[3 + fields.length] ?? []) : [];
    const live = (values: string[]) => values.map((v, row) => (lifted[row] ? "" : v));
    fields.forEach((f, i) => {
      t[TABLE_FIELD[f]] = live(cols[3 + i] ?? []);
    });
    t.names = live(t.names);
    return t;
  };
  return [table("Workers", w, true), table("Blacklist", b, false)];
}

/** The ledger's fingerprint key, checked: without it no fingerprint can be computed or compared. */
export function fingerprintKey(session: Session): string {
  const key = session.fingerprintKey ?? rawSetting(session.settings, "FingerprintKey");
  if (session.keyProblem && !key) {
    throw new DomainError(
      "FINGERPRINT_KEY",
      `The ledger's fingerprint key could not be read: ${session.keyProblem}. Bank and ID fingerprints need it; ask a lead.`,
    );
  }
  if (!/^[0-9a-fA-F]{32,}$/.test(key)) {
    throw new DomainError(
      "FINGERPRINT_KEY",
      "The ledger has no usable fingerprint key (the long hexadecimal value CreateLedger wrote to its key file). Restore it from the key file's version history.",
    );
  }
  return key;
}

/** What ScreeningReport is given, as a person typed it. */
export interface ScreeningInput {
  name: string;
  email: string;
  phone?: string;
  country?: string;
  account?: string;
  idNumber?: string;
  routingCode?: string;
}

/** A probe built from typed details, and what could not be screened (in words, never with the numbers). */
export interface BuiltProbe {
  probe: Probe;
  notChecked: string[];
  /** Masked account, for the report. */
  accountMasked: string;
}

/** Turns typed details into keys: email key, E.164 phone, and keyed fingerprints of the account and ID number. */
export function buildProbe(input: ScreeningInput, key: string): BuiltProbe {
  const name = cleanText(input.name, "name", {required: true, max: 200});
  const email = cleanText(input.email, "email", {max: 254});
  if (email && !isPlausibleEmail(email)) {
    throw badInput("INPUT_EMAIL", `"${email.slice(0, 80)}" is not an email address.`);
  }
  const country = optionalCountry(input.country) ?? "";
  const notChecked: string[] = [];
  const phoneText = cleanText(input.phone, "phone", {max: 40});
  // A number written without "+" is compared as every number it may be, and the report says so.
  const read = phoneText ? phoneReadings(phoneText, country || undefined) : undefined;
  const phones = read?.readings ?? [];
  const phone = phones[0] ?? "";
  const phoneNote = read?.ambiguous ? read.note : undefined;
  if (phoneText && !phones.length) {
    notChecked.push(`Phone: ${normalizePhone(phoneText, country || undefined).problem ?? "not a valid number"}`);
  }
  const accountText = cleanText(input.account, "account", {max: 100});
  let bank = "";
  let accountMasked = "";
  if (accountText) {
    const check = checkBankAccount({
      account: accountText,
      country: country || undefined,
      routingCode: cleanText(input.routingCode, "routing code", {max: 40}),
    });
    accountMasked = check.masked;
    if (check.valid) {
      bank = bankFingerprint(key, check.key);
    } else {
      notChecked.push(`Bank account ${check.masked}: ${bankProblemText(check).join(" ")}`);
    }
  }
  const idText = cleanText(input.idNumber, "ID number", {max: 60});
  let id = "";
  if (idText) {
    if (normalizeIdNumber(idText).length >= 4) {
      id = idFingerprint(key, idText);
    } else {
      notChecked.push("ID number: it has fewer than 4 letters or digits.");
    }
  }
  return {
    probe: {
      name,
      emailKey: email ? emailKey(email) : "",
      phone,
      phones,
      phoneNote,
      country,
      bankFingerprint: bank,
      idFingerprint: id,
    },
    notChecked,
    accountMasked,
  };
}

export interface ScreeningRun {
  outcome: ScreeningOutcome;
  session: Session;
  built: BuiltProbe;
  counts: {workers: number; blacklist: number};
}

/** Screens typed details against every worker and the Blacklist. Reads the ledger, writes nothing. */
export async function screeningReport(
  g: Google,
  ledger: string,
  input: ScreeningInput,
  now: string,
): Promise<ScreeningRun> {
  const given = (value: string | undefined) => Boolean(value && value.trim());
  const fields = ALL_IDENTITY.filter((f) =>
    given({email: input.email, phone: input.phone, bank: input.account, id: input.idNumber}[f]),
  );
  const needsKey = given(input.account) || given(input.idNumber);
  const session = await openSession(g, ledger, now, {
    tabs: [WORKERS, BLACKLIST],
    extraRanges: identityRanges(fields),
    what: "screen a person",
    needsKey,
  });
  requireRole(session.actor, "viewer", "ScreeningReport");
  // Without the key (a viewer), names, emails and phones are screened and bank and ID numbers are not.
  const keyless = !needsKey || (session.keyProblem !== undefined && !session.fingerprintKey);
  // With no bank or ID number to fingerprint, no key is used.
  const built = keyless
    ? buildProbe({...input, account: undefined, idNumber: undefined}, "0".repeat(64))
    : buildProbe(input, fingerprintKey(session));
  if (keyless && needsKey) {
    const why = `not screened: ${session.keyProblem}`;
    built.notChecked = [
      ...built.notChecked,
      ...(given(input.account) ? [`Bank account ${why}.`] : []),
      ...(given(input.idNumber) ? [`ID number ${why}.`] : []),
    ];
  }
  const tables = await identityTables(session, fields);
  const outcome = screen(tables, built.probe);
  return {outcome, session, built, counts: {workers: tables[0].ids.length, blacklist: tables[1].ids.length}};
}

/** Screens a recorded worker from the keys the ledger holds for them. */
export function probeOf(worker: WorkerRecord): Probe {
  return {
    name: worker.name,
    emailKey: worker.emailKey,
    phone: worker.phone,
    country: worker.country,
    bankFingerprint: worker.bankFingerprint,
    idFingerprint: worker.idFingerprint,
    selfId: worker.workerId,
  };
}

/**
 * Screens a recorded worker against every other worker and the Blacklist, records a Screened
 * event with the verdict and the matches in words, and stores the verdict on the worker's row.
 * The verdict informs the specialist; no status changes.
 */
export async function screenWorker(
  g: Google,
  spec: {ledger: string; workerId: string; requestId?: string},
  now: string,
): Promise<WorkerResult & {outcome?: ScreeningOutcome}> {
  let outcome: ScreeningOutcome | undefined;
  const result = await runWorkerAction(
    g,
    {
      action: "ScreenWorker",
      ledger: spec.ledger,
      workerId: spec.workerId,
      requestId: spec.requestId,
      params: [],
      tabs: [BLACKLIST],
      extraRanges: identityRanges(),
      plan: async (session, worker) => {
        requireRole(session.actor, "specialist", "ScreenWorker");
        const w = worker.record;
        if (!w.name) {
          throw refuse(
            "ROW_PROBLEM",
            "row",
            `${w.workerId} has no name in the Workers tab (sheet row ${worker.row}), so it cannot be screened. Fix the row first.`,
          );
        }
        const found = screen(await identityTables(session), probeOf(w));
        outcome = found;
        return {decision: screenedDecision(w, found, now)};
      },
    },
    now,
  );
  return {...result, outcome};
}

/**
 * A lead clears the worker's current screening (a Match or a Review) with the reason, after
 * checking it; the approval must then come from someone else. A later screening needs its own.
 */
export async function clearScreening(
  g: Google,
  spec: {ledger: string; workerId: string; reason: string; requestId?: string},
  now: string,
): Promise<WorkerResult> {
  return runWorkerAction(
    g,
    {
      action: "ClearScreening",
      ledger: spec.ledger,
      workerId: spec.workerId,
      requestId: spec.requestId,
      params: [spec.reason],
      plan: (session, worker) => ({decision: planClearScreening(worker.record, session.actor, spec.reason, now)}),
    },
    now,
  );
}
