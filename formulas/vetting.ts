import * as coda from "@codahq/packs-sdk";
import {boundary, withGoogle} from "../pack/coda/boundary";
import {checkBankAccount} from "../pack/core/banking";
import {canonicalEmail, e164Phone} from "../pack/core/identity";
import {importApplicants} from "../pack/ledger/applicants";
import {recordBankDetails} from "../pack/ledger/bank";
import {clearScreening, screeningReport, screenWorker} from "../pack/ledger/screening";
import {ID_TYPES, recordIdDocument} from "../pack/ledger/id-document";
import {EXAMPLE_LEDGER, LedgerParam, optionalText, RequestIdParam, text, WorkerIdParam} from "../pack/coda/params";
import {bankCheckObject, importSummaryObject, screeningReportObject} from "../pack/coda/vetting";
import {workerResult} from "../pack/coda/workers";
import {BankCheckSchema, ImportSummarySchema, ScreeningReportSchema} from "../pack/coda/vetting";
import {WORKER_ACTION} from "./lifecycle";

const AccountParam = text("account", "The account number or IBAN, as written (spaces, dots and lower case are fine).");
const OptionalCountryParam = optionalText(
  "country",
  "The account's country: ISO code (MX) or English name. Not needed for an IBAN.",
);
const RoutingCodeParam = optionalText(
  "routingCode",
  "US ABA routing number, Indian IFSC or UK sort code, when the account needs one.",
);
const BicParam = optionalText("bic", "The bank's BIC (SWIFT code), if known.");

export function registerVetting(pack: coda.PackDefinitionBuilder): void {
  pack.addFormula({
    name: "BankAccountCheck",
    // Pure: no Google call, so it works without connecting an account (a column format, a recruiter).
    connectionRequirement: coda.ConnectionRequirement.None,
    description:
      "Checks payout details offline: IBAN (length, format, check digits, national check digits), BIC and its country, US ABA routing number, Mexican CLABE, Indian IFSC, UK sort code and account, or a plain account number. Returns what is wrong in words.",
    parameters: [AccountParam, OptionalCountryParam, RoutingCodeParam, BicParam],
    resultType: coda.ValueType.Object,
    schema: BankCheckSchema,
    examples: [
      {
        params: ["de89 3704 0044 0532 0130 00"],
        result: {
          Valid: true,
          Scheme: "IBAN",
          Country: "DE",
          Normalized: "DE89370400440532013000",
          Display: "•••• 3000",
          Problems: [],
        },
      },
      {
        params: ["4001234567", "US", "011000015"],
        result: {
          Valid: true,
          Scheme: "ABA",
          Country: "US",
          Normalized: "011000015 4001234567",
          Display: "•••• 4567",
          Problems: [],
        },
      },
      {
        params: ["032180000118359719", "Mexico"],
        result: {
          Valid: true,
          Scheme: "CLABE",
          Country: "MX",
          Normalized: "032180000118359719",
          Display: "•••• 9719",
          Problems: [],
        },
      },
      {
        params: ["GB29NWBK60161331926819", undefined, undefined, "DEUTDEFF"],
        result: {
          Valid: false,
          Scheme: "IBAN",
          Country: "GB",
          Normalized: "GB29NWBK60161331926819",
          Display: "•••• 6819",
          BIC: "DEUTDEFF",
          Problems: ["The BIC belongs to a bank outside United Kingdom: check the BIC or the account's country."],
        },
      },
      {
        params: ["DE89370400440532013001"],
        result: {
          Valid: false,
          Scheme: "IBAN",
          Country: "DE",
          Normalized: "DE89370400440532013001",
          Display: "•••• 3001",
          Problems: ["The IBAN's check digits do not match: a character is probably mistyped."],
        },
      },
    ],
    execute: async ([account, country, routingCode, bic]) =>
      boundary(async () => bankCheckObject(checkBankAccount({account: account ?? "", country, routingCode, bic}))),
  });

  pack.addColumnFormat({
    name: "Bank account",
    instructions:
      "Checks each cell's account number or IBAN offline and shows the scheme, country, masked number and any problem.",
    formulaName: "BankAccountCheck",
  });

  pack.addFormula({
    name: "NormalizedEmail",
    // Pure: no Google call, so it works without connecting an account (a column format, a recruiter).
    connectionRequirement: coda.ConnectionRequirement.None,
    description:
      "The canonical key of an email address: lower case; for Gmail and Googlemail dots and +tags removed; +tags removed for providers that deliver them to the same mailbox. Two addresses with the same key reach one person.",
    parameters: [text("email", "An email address.")],
    resultType: coda.ValueType.String,
    examples: [
      {params: ["Jane.Doe+work@GoogleMail.com"], result: "janedoe@gmail.com"},
      {params: ["ANA+jobs@Outlook.com"], result: "ana@outlook.com"},
      {params: ["jane+x@company.example"], result: "jane+x@company.example"},
    ],
    execute: async ([email]) => boundary(async () => canonicalEmail(email)),
  });

  pack.addFormula({
    name: "NormalizedPhone",
    // Pure: no Google call, so it works without connecting an account (a column format, a recruiter).
    connectionRequirement: coda.ConnectionRequirement.None,
    description:
      "A phone number in international E.164 form (+5255…), reading national formats with the country as the default.",
    parameters: [
      text("phone", "A phone number, national or international format."),
      optionalText("country", "The country to read national numbers in: ISO code or English name."),
    ],
    resultType: coda.ValueType.String,
    examples: [
      {params: ["020 7946 0958", "GB"], result: "+442079460958"},
      {params: ["55 1234 5678", "Mexico"], result: "+525512345678"},
      {params: ["0049 30 901820"], result: "+4930901820"},
    ],
    execute: async ([phone, country]) => boundary(async () => e164Phone(phone, country)),
  });

  pack.addFormula({
    name: "ScreeningReport",
    description:
      "Screens a person against every worker and the Blacklist: the same email, phone, bank account or ID number, and similar names in any script or word order. Each match comes with its field, score and explanation; the verdict is Clear, Review or Match. It informs a person and decides nothing.",
    parameters: [
      LedgerParam,
      text("name", "The person's full name, in any script."),
      text("email", "The person's email address."),
      optionalText("phone", "Phone number, national or international format."),
      optionalText("country", "Country of residence (reads national phone numbers and accounts)."),
      optionalText("account", "Payout account number or IBAN; only its keyed fingerprint is compared."),
      optionalText("idNumber", "Identity document number; only its keyed fingerprint is compared."),
      RoutingCodeParam,
    ],
    resultType: coda.ValueType.Object,
    schema: ScreeningReportSchema,
    cacheTtlSecs: 0,
    examples: [
      {
        params: [EXAMPLE_LEDGER, "Ana Pérez", "ana.perez@example.com", "55 1234 5678", "MX"],
        result: {Verdict: "Clear"},
      },
    ],
    execute: async ([ledger, name, email, phone, country, account, idNumber, routingCode], context) =>
      withGoogle(context, async ({g, now}) => {
        const run = await screeningReport(
          g,
          ledger,
          {name, email, phone, country, account, idNumber, routingCode},
          now,
        );
        return screeningReportObject(run, now);
      }),
  });

  pack.addFormula({
    name: "RecordBankDetails",
    description:
      "Checks a worker's payout details and records only their keyed fingerprint, masked form, scheme, country and verification (with how the account holder's name compares). Flags an account another worker or a Blacklist entry already uses. The full number is never stored.",
    ...WORKER_ACTION,
    parameters: [
      LedgerParam,
      WorkerIdParam,
      AccountParam,
      text("country", "The account's country: ISO code (MX) or English name."),
      RoutingCodeParam,
      BicParam,
      optionalText("holderName", "The account holder's name as the bank has it."),
      RequestIdParam,
    ],
    examples: [
      {
        params: [EXAMPLE_LEDGER, "W-000001", "032180000118359719", "MX", undefined, undefined, "Ana Pérez"],
        result: {WorkerId: "W-000001", BankAccount: "•••• 9719", BankScheme: "CLABE", BankCountry: "MX"},
      },
    ],
    execute: async ([ledger, workerId, account, country, routingCode, bic, holderName, requestId], context) =>
      withGoogle(context, async ({g, now}) => {
        const result = await recordBankDetails(
          g,
          {ledger, workerId, account, country, routingCode, bic, holderName, requestId},
          now,
        );
        return workerResult(result);
      }),
  });

  pack.addFormula({
    name: "ScreenWorker",
    description:
      "Screens a recorded worker against every other worker and the Blacklist, records a Screened event with the verdict and the matches, and shows the verdict on the Workers table. The verdict informs; no status changes.",
    ...WORKER_ACTION,
    parameters: [LedgerParam, WorkerIdParam, RequestIdParam],
    examples: [{params: [EXAMPLE_LEDGER, "W-000001"], result: {WorkerId: "W-000001", ScreeningVerdict: "Clear"}}],
    execute: async ([ledger, workerId, requestId], context) =>
      withGoogle(context, async ({g, now}) => workerResult(await screenWorker(g, {ledger, workerId, requestId}, now))),
  });

  pack.addFormula({
    name: "ClearScreening",
    description:
      "A lead records that they checked the worker's latest screening (a Match or a Review) and why it does not stop the approval. Someone other than that lead must then approve; a later screening needs its own clearance.",
    ...WORKER_ACTION,
    parameters: [
      LedgerParam,
      WorkerIdParam,
      text("reason", "What you checked and why the match does not stop the approval."),
      RequestIdParam,
    ],
    examples: [
      {
        params: [EXAMPLE_LEDGER, "W-000001", "Different person: passport and bank holder checked against B-3F9K2M"],
        result: {WorkerId: "W-000001", ScreeningVerdict: "Match"},
      },
    ],
    execute: async ([ledger, workerId, reason, requestId], context) =>
      withGoogle(context, async ({g, now}) =>
        workerResult(await clearScreening(g, {ledger, workerId, reason, requestId}, now)),
      ),
  });

  pack.addFormula({
    name: "RecordIdDocument",
    description:
      "Records a worker's identity document: type, country, expiry, and only a keyed fingerprint and a masked form of its number. Names any worker or Blacklist entry with the same number. The worker's screening must run again.",
    ...WORKER_ACTION,
    parameters: [
      LedgerParam,
      WorkerIdParam,
      text("idType", `The kind of document: ${ID_TYPES.join(", ")}.`),
      text("idNumber", "The document number as written; only its keyed fingerprint and last characters are kept."),
      text("country", "The issuing country: ISO code (MX) or English name."),
      coda.makeParameter({
        type: coda.ParameterType.Date,
        name: "expiresOn",
        description: "The document's expiry date.",
        optional: true,
      }),
      RequestIdParam,
    ],
    examples: [
      {
        params: [EXAMPLE_LEDGER, "W-000001", "passport", "G1234567", "MX", new Date("2031-05-01T00:00:00Z")],
        result: {WorkerId: "W-000001", IdDocument: "passport •••• 4567 (MX), expires 2031-05-01"},
      },
    ],
    execute: async ([ledger, workerId, idType, idNumber, country, expiresOn, requestId], context) =>
      withGoogle(context, async ({g, now}) => {
        const expires = expiresOn ? new Date(expiresOn).toISOString().slice(0, 10) : undefined;
        const result = await recordIdDocument(
          g,
          {ledger, workerId, idType, idNumber, country, expiresOn: expires, requestId},
          now,
        );
        return workerResult(result);
      }),
  });

  pack.addFormula({
    name: "ImportApplicants",
    description:
      "Adds the people in a recruiter's Google Sheet as Applicants (columns found by header name, in any order), each screened against every worker, the Blacklist and each other. Skips only someone whose canonical email is already in the ledger (saying when that worker is Blacklisted) or earlier in the sheet; lists rows with problems by row number. Running it again adds nobody twice.",
    isAction: true,
    parameters: [
      LedgerParam,
      text("sourceSheet", "The recruiter sheet's URL or spreadsheet ID."),
      optionalText("sheetName", "The tab to read; the URL's tab or the first tab when omitted."),
      RequestIdParam,
    ],
    resultType: coda.ValueType.Object,
    schema: ImportSummarySchema,
    examples: [
      {
        params: [
          EXAMPLE_LEDGER,
          "https://docs.google.com/spreadsheets/d/1ExampleRecruiterSheet00000000000000000000/edit",
        ],
        result: {Added: 2, Skipped: 0, Problems: 0},
      },
    ],
    execute: async ([ledger, sourceSheet, sheetName, requestId], context) =>
      withGoogle(context, async ({g, now}) => {
        return importSummaryObject(await importApplicants(g, {ledger, sourceSheet, sheetName, requestId}, now));
      }),
  });
}
