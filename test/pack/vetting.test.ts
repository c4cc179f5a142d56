import {expect} from "chai";
import fc from "fast-check";
import {pack} from "../../pack/pack";
import {bankFingerprint, idFingerprint} from "../../pack/core/identity";
import {checkBankAccount} from "../../pack/core/banking";
import {IMPORT_CHUNK} from "../../pack/ledger/applicants";
import {WORKERS} from "../../pack/ledger/store/layout";
import type {LedgerFixture} from "../helpers/fixture";
import {expectUserError, ledgerKey, setupLedger, tabRecords, tabRows} from "../helpers/fixture";
import {addSpreadsheet, allText} from "../helpers/sheet-seed";
import {rng, syntheticClabe, syntheticIban} from "../helpers/people";

type Obj = Record<string, unknown>;
type Worker = Obj & {WorkerId: string; Status: string};
type Report = Obj & {
  Verdict: string;
  Matches?: Array<Obj & {Field: string; WorkerId?: string; Explanation: string}>;
  NotChecked?: string[];
};

const r = rng(404);
const IBAN_A = syntheticIban(r, "DE");
const IBAN_B = syntheticIban(r, "NL");
const CLABE = syntheticClabe(r);

function spaced(account: string): string {
  return account
    .replace(/(.{4})/g, "$1 ")
    .trim()
    .toLowerCase();
}

function fingerprintKey(f: LedgerFixture): string {
  return ledgerKey(f);
}

describe("vetting: pure formulas", () => {
  let f: LedgerFixture;
  before(async () => {
    f = await setupLedger();
  });
  after(async () => f.close());

  for (const name of ["BankAccountCheck", "NormalizedEmail", "NormalizedPhone"]) {
    it(`${name} gives exactly its examples' results`, async () => {
      const formula = pack.formulas.find((x) => x.name === name);
      expect(formula?.examples?.length).to.be.greaterThan(1);
      for (const example of formula?.examples ?? []) {
        const actual = await f.run.formula(name, example.params as unknown[], f.team.viewer);
        expect(actual, JSON.stringify(example.params)).to.deep.equal(example.result);
      }
    });
  }

  it("BankAccountCheck is also a column format", () => {
    expect(pack.formats.map((x) => [x.name, x.formulaName])).to.deep.include(["Bank account", "BankAccountCheck"]);
  });

  it("NormalizedEmail and NormalizedPhone refuse what they cannot read with a sentence", async () => {
    await expectUserError(f.run.formula("NormalizedEmail", ["not an email"], f.team.viewer), /is not an email address/);
    await expectUserError(f.run.formula("NormalizedPhone", ["020 7946 0958"], f.team.viewer), /no country code/);
    await expectUserError(
      f.run.formula("NormalizedPhone", ["020 7946 0958", "Narnia"], f.team.viewer),
      /is not a country/,
    );
    await expectUserError(f.run.formula("NormalizedPhone", ["", "GB"], f.team.viewer), /phone is required/);
  });

  it("no input makes them throw anything but a UserVisibleError", async () => {
    const text = fc.oneof(
      fc.string(),
      fc.string({unit: "grapheme"}),
      fc.constantFrom("", " ", "DE89 3704 0044 0532 0130 00", "+44 20 7946 0958", "a@b.co", "\u0000", "=IMPORTXML(1)"),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("BankAccountCheck", "NormalizedEmail", "NormalizedPhone"),
        text,
        fc.option(text),
        fc.option(text),
        fc.option(text),
        async (name, a, b, c, d) => {
          const params =
            name === "BankAccountCheck"
              ? [a, b ?? undefined, c ?? undefined, d ?? undefined]
              : name === "NormalizedPhone"
                ? [a, b ?? undefined]
                : [a];
          try {
            await f.run.formula(name, params, f.team.viewer);
          } catch (err) {
            expect(
              (err as {isUserVisible?: boolean}).isUserVisible,
              `${name}(${JSON.stringify(params)}): ${(err as Error).message}`,
            ).to.equal(true);
          }
        },
      ),
      {numRuns: 400},
    );
  });
});

describe("vetting: ledger actions", function () {
  this.timeout(60_000);
  let f: LedgerFixture;
  beforeEach(async () => {
    f = await setupLedger();
  });
  afterEach(async () => f.close());

  const add = (name: string, email: string, country = "MX", phone?: string) =>
    f.run.formula<Worker>("AddApplicant", [f.ledger, name, email, country, phone], f.team.specialist);
  const record = (
    workerId: string,
    account: string,
    country: string,
    routing?: string,
    bic?: string,
    holder?: string,
    requestId?: string,
  ) =>
    f.run.formula<Worker>(
      "RecordBankDetails",
      [f.ledger, workerId, account, country, routing, bic, holder, requestId],
      f.team.specialist,
    );
  const screen = (
    name: string,
    email: string,
    phone?: string,
    country?: string,
    account?: string,
    idNumber?: string,
    routing?: string,
    user = f.team.specialist,
  ) =>
    f.run.formula<Report>("ScreeningReport", [f.ledger, name, email, phone, country, account, idNumber, routing], user);

  describe("RecordBankDetails", () => {
    it("stores only the fingerprint, masked form, scheme, country and verification, and logs one event", async () => {
      const w = await add("Ana Pérez", "ana.perez@example.com");
      const after = await record(w.WorkerId, spaced(IBAN_A), "Germany", undefined, "DEUTDEFF", "Ana Perez");
      expect(after).to.include({
        WorkerId: w.WorkerId,
        BankAccount: `•••• ${IBAN_A.slice(-4)}`,
        BankScheme: "IBAN",
        BankCountry: "DE",
        Status: "Applicant",
      });
      expect(after.BankVerification).to.equal("Valid IBAN (DE). Holder name matches the worker's name (score 1.00).");
      const row = tabRecords(f, "Workers").find((x) => x.WorkerId === w.WorkerId) ?? {};
      const fingerprint = bankFingerprint(fingerprintKey(f), checkBankAccount({account: IBAN_A}).key);
      expect(row.BankFingerprint).to.equal(fingerprint);
      expect(row.BankAccount).to.equal(`•••• ${IBAN_A.slice(-4)}`);
      const events = tabRecords(f, "Events").filter((e) => e.WorkerId === w.WorkerId);
      expect(events.map((e) => e.Type)).to.deep.equal(["ApplicantAdded", "Screened", "BankDetailsRecorded"]);
      expect(events[2]?.Details).to.equal(
        `Recorded IBAN •••• ${IBAN_A.slice(-4)} (DE). Holder name matches the worker's name (score 1.00).`,
      );
    });

    it("says how the holder's name compares", async () => {
      const w = await add("Ana Pérez", "ana.perez@example.com");
      expect((await record(w.WorkerId, CLABE, "MX", undefined, undefined, "Juan Ortega")).BankVerification).to.match(
        /Holder name does not match the worker's name \(score 0\.\d\d\)/,
      );
      expect((await record(w.WorkerId, CLABE, "MX", undefined, undefined, "PEREZ")).BankVerification).to.match(
        /Holder name partly matches the worker's name \(score 0\.80\)/,
      );
      expect((await record(w.WorkerId, CLABE, "MX")).BankVerification).to.equal(
        "Valid Mexican CLABE (MX). Holder name not given.",
      );
    });

    it("flags an account another worker already uses, naming them", async () => {
      const first = await add("Ana Pérez", "ana.perez@example.com");
      const second = await add("Mario Ruiz", "mario.ruiz@example.com");
      await record(first.WorkerId, IBAN_A, "DE");
      const after = await record(second.WorkerId, spaced(IBAN_A), "DE");
      expect(after.BankVerification).to.contain(`Same account as ${first.WorkerId} (Ana Pérez).`);
      const event = tabRecords(f, "Events").filter(
        (e) => e.WorkerId === second.WorkerId && e.Type === "BankDetailsRecorded",
      )[0];
      expect(event?.Details).to.contain(`Same account as ${first.WorkerId} (Ana Pérez).`);
    });

    it("flags an account on the Blacklist", async () => {
      const bad = await add("Ana Pérez", "ana.perez@example.com");
      await record(bad.WorkerId, IBAN_A, "DE");
      await f.run.formula(
        "ProposeBlacklist",
        [f.ledger, bad.WorkerId, "Two accounts", "CoC 1.3", "https://drive.example/e"],
        f.team.specialist,
      );
      await f.run.formula("ApproveBlacklist", [f.ledger, bad.WorkerId], f.team.lead);
      const next = await add("Anna Peres", "anna.peres@example.org");
      const after = await record(next.WorkerId, IBAN_A, "DE");
      const entry = tabRecords(f, "Blacklist")[0]?.EntryId;
      expect(after.BankVerification).to.contain(`On the Blacklist: ${String(entry)}.`);
    });

    it("refuses invalid details with the problems in words, writing nothing and never repeating the number", async () => {
      const w = await add("Ana Pérez", "ana.perez@example.com");
      const before = tabRows(f, "Events").length;
      const wrong = IBAN_A.slice(0, -1) + String((Number(IBAN_A.slice(-1)) + 1) % 10);
      const err = await expectUserError(
        record(w.WorkerId, wrong, "DE"),
        /were not recorded: The IBAN's check digits do not match/,
      );
      expect(err.message).not.to.contain(wrong.slice(4));
      await expectUserError(record(w.WorkerId, "123456789", "US"), /needs its 9-digit ABA routing number/);
      await expectUserError(record(w.WorkerId, "123456789", "US", "021000022"), /ABA routing number's check digit/);
      await expectUserError(record(w.WorkerId, IBAN_A, "Narnia"), /is not a country/);
      await expectUserError(record(w.WorkerId, "", "DE"), /account number is required/);
      expect(tabRows(f, "Events").length).to.equal(before);
    });

    it("refuses viewers, outsiders and ended relationships", async () => {
      const w = await add("Ana Pérez", "ana.perez@example.com");
      await expectUserError(
        f.run.formula("RecordBankDetails", [f.ledger, w.WorkerId, IBAN_A, "DE"], f.team.viewer),
        /needs the specialist role/,
      );
      await expectUserError(
        f.run.formula("RecordBankDetails", [f.ledger, w.WorkerId, IBAN_A, "DE"], f.team.outsider),
        /not on this ledger's Staff tab/,
      );
      await f.run.formula("RejectApplicant", [f.ledger, w.WorkerId, "Could not verify identity"], f.team.specialist);
      await expectUserError(record(w.WorkerId, IBAN_A, "DE"), /is Rejected: bank details are recorded only/);
      await expectUserError(record("W-000999", IBAN_A, "DE"), /no worker W-000999/);
    });

    it("records a repeated request once", async () => {
      const w = await add("Ana Pérez", "ana.perez@example.com");
      const one = await record(w.WorkerId, IBAN_A, "DE", undefined, undefined, undefined, "req-1");
      const two = await record(w.WorkerId, spaced(IBAN_A), "DE", undefined, undefined, undefined, "req-1");
      expect(two).to.deep.equal(one);
      expect(tabRecords(f, "Events").filter((e) => e.Type === "BankDetailsRecorded")).to.have.length(1);
    });
  });

  describe("ScreeningReport", () => {
    it("is Clear for someone new, and says it informs and decides nothing", async () => {
      await add("Ana Pérez", "ana.perez@example.com");
      const report = await screen("Kwame Mensah", "kwame@example.org", "+233 24 123 4567", "GH");
      expect(report.Verdict).to.equal("Clear");
      expect(report.Matches ?? []).to.deep.equal([]);
      expect(report.Summary).to.contain("it decides nothing");
      expect(report.Notice).to.match(/decides nothing/);
      expect(report.Checked).to.contain("Compared with 1 worker rows and 0 Blacklist entries");
    });

    it("matches a Gmail alias, a phone in another format, a bank account written differently, an ID number and a similar name", async () => {
      const ana = await add("Ana Pérez", "ana.perez@gmail.com", "MX", "55 1234 5678");
      await record(ana.WorkerId, IBAN_A, "DE");
      const key = fingerprintKey(f);
      // Another issue's action records ID fingerprints; here the cell is filled as that action would.
      const sheet = f.emu.state.spreadsheets.get(f.spreadsheetId)?.sheets.find((s) => s.properties.title === "Workers");
      const idCol = WORKERS.columns.findIndex((c) => c.key === "idFingerprint");
      (sheet?.rows[1] as unknown[])[idCol] = idFingerprint(key, "X1234567");

      const email = await screen("Someone Else", "A.N.A.Perez+jobs@googlemail.com");
      expect(email.Verdict).to.equal("Match");
      expect(email.Matches?.[0]).to.include({Field: "Email", WorkerId: ana.WorkerId, Score: 1, Source: "Workers"});
      expect(email.Matches?.[0]?.Explanation).to.equal(
        `Same email address (canonical form anaperez@gmail.com). ${ana.WorkerId} Ana Pérez (Applicant).`,
      );

      const phone = await screen("Someone Else", "other@example.org", "+52 55 1234 5678");
      expect(phone.Verdict).to.equal("Review");
      expect(phone.Matches?.map((m) => m.Field)).to.deep.equal(["Phone"]);

      const phoneAndName = await screen("PEREZ, Ana", "other@example.org", "0052 55 1234 5678");
      expect(phoneAndName.Verdict).to.equal("Match");
      expect(phoneAndName.Matches?.map((m) => m.Field).sort()).to.deep.equal(["Name", "Phone"]);

      const bank = await screen("Someone Else", "other@example.org", undefined, undefined, spaced(IBAN_A));
      expect(bank.Verdict).to.equal("Match");
      expect(bank.Matches?.[0]).to.include({Field: "BankAccount", WorkerId: ana.WorkerId});

      const id = await screen("Someone Else", "other@example.org", undefined, undefined, undefined, "x1-234 567");
      expect(id.Verdict).to.equal("Match");
      expect(id.Matches?.[0]).to.include({Field: "IdNumber"});

      const name = await screen("Ana Peréz", "new@example.org");
      expect(name.Verdict).to.equal("Review");
      expect(name.Matches?.[0]).to.include({Field: "Name", MatchedName: "Ana Pérez"});

      const surname = await screen("Luis Pérez", "luis@example.org", undefined, "MX");
      expect(surname.Verdict).to.equal("Clear");
    });

    it("matches Blacklist entries", async () => {
      const bad = await add("Дмитрий Иванов", "d.ivanov@example.org", "KZ");
      await f.run.formula(
        "ProposeBlacklist",
        [f.ledger, bad.WorkerId, "Fake documents", "CoC 2.1", "https://drive.example/e"],
        f.team.specialist,
      );
      await f.run.formula("ApproveBlacklist", [f.ledger, bad.WorkerId], f.team.lead);
      const report = await screen("Dmitry Ivanov", "dima@example.com", undefined, "KZ");
      expect(report.Verdict).to.equal("Review");
      const sources = (report.Matches ?? []).map((m) => m.Source).sort();
      expect(sources).to.deep.equal(["Blacklist", "Workers"]);
      const entry = (report.Matches ?? []).find((m) => m.Source === "Blacklist");
      expect(entry?.Explanation).to.match(
        /^Similar name "Дмитрий Иванов" \(score 0\.9\d; transliterated \(Latin and Cyrillic\).*\)\. Blacklist entry for Дмитрий Иванов \(W-000001\)\.$/,
      );
      // The entry is shown by the name on it; its id stays in EntryId.
      expect(entry?.Worker).to.deep.equal({WorkerId: "W-000001", Name: "Дмитрий Иванов"});
      expect(entry?.EntryId).to.match(/^B-\w+$/);
    });

    it("lists what it could not check, without the numbers", async () => {
      await add("Ana Pérez", "ana.perez@example.com");
      const report = await screen("Kwame Mensah", "kwame@example.org", "12", "GH", "DE00123456789", "12");
      expect(report.Verdict).to.equal("Clear");
      expect(report.NotChecked).to.deep.equal([
        'Phone: "12" is not a phone number: use digits, spaces and an optional leading +.',
        "Bank account •••• 6789: The IBAN has the wrong length for Germany: a character is missing or extra. The IBAN is from Germany, not Ghana: check the country or the IBAN.",
        "ID number: it has fewer than 4 letters or digits.",
      ]);
      expect(JSON.stringify(report)).not.to.contain("123456789");
    });

    it("reads the ledger in one Sheets request, and still finds moved columns", async () => {
      await add("Ana Pérez", "ana.perez@example.com");
      const before = f.emu.log.filter((x) => x.host === "sheets.googleapis.com").length;
      await screen("Ana Perez", "x@example.org");
      expect(f.emu.log.filter((x) => x.host === "sheets.googleapis.com").length - before).to.equal(1);
      // Someone swaps two columns by hand.
      const sheet = f.emu.state.spreadsheets.get(f.spreadsheetId)?.sheets.find((s) => s.properties.title === "Workers");
      for (const row of sheet?.rows ?? []) {
        if (row) {
          [row[1], row[3]] = [row[3], row[1]];
        }
      }
      const moved = await screen("Ana Perez", "x@example.org");
      expect(moved.Verdict).to.equal("Review");
      expect(moved.Matches?.[0]).to.include({MatchedName: "Ana Pérez"});
    });

    it("lets any staff member screen, refuses outsiders and bad input", async () => {
      expect(
        (await screen("A B", "a@example.org", undefined, undefined, undefined, undefined, undefined, f.team.viewer))
          .Verdict,
      ).to.equal("Clear");
      await expectUserError(
        screen("A B", "a@example.org", undefined, undefined, undefined, undefined, undefined, f.team.outsider),
        /not on this ledger's Staff tab/,
      );
      await expectUserError(screen("", "a@example.org"), /name is required/);
      await expectUserError(screen("A B", "nope"), /is not an email address/);
      await expectUserError(screen("A B", "a@example.org", undefined, "Narnia"), /is not a country/);
      await expectUserError(
        f.run.formula("ScreeningReport", ["not a ledger", "A B", "a@example.org"], f.team.lead),
        /is not a Google Sheets URL/,
      );
    });
  });

  describe("ScreenWorker", () => {
    it("records a Screened event with the verdict and shows it on the worker", async () => {
      const ana = await add("Ana Pérez", "ana.perez@example.com", "MX", "55 1234 5678");
      const twin = await add("Perez Ana", "ana.p.1990@example.org", "MX", "+52 55 1234 5678");
      const other = await add("Kwame Mensah", "kwame@example.org", "GH");
      const screened = await f.run.formula<Worker>("ScreenWorker", [f.ledger, twin.WorkerId], f.team.specialist);
      expect(screened).to.include({WorkerId: twin.WorkerId, ScreeningVerdict: "Match", Status: "Applicant"});
      expect(screened.ScreenedAt).to.be.a("string");
      // The last Screened event is ScreenWorker's (the first ones were written at intake, with sequence 0).
      const event = tabRecords(f, "Events")
        .filter((e) => e.Type === "Screened" && e.WorkerId === twin.WorkerId)
        .at(-1);
      expect(event?.Seq).to.equal(2);
      expect(event?.Details).to.equal(
        `Verdict Match.\nMatch · ${ana.WorkerId} Ana Pérez (Applicant): Name 1.00 (same words); Phone 0.90 (same E.164 number)\n` +
          "Screening finds records that share identifiers or similar names; it decides nothing. A specialist reviews every match (people share names, families share phones) before any step is taken.",
      );
      const clear = await f.run.formula<Worker>("ScreenWorker", [f.ledger, other.WorkerId], f.team.specialist);
      expect(clear.ScreeningVerdict).to.equal("Clear");
      const synced = await f.run.sync<Worker>("Workers", [f.ledger], f.team.viewer);
      // Ana was screened Clear at intake, before her twin applied.
      expect(synced.rows.map((w) => w.ScreeningVerdict)).to.deep.equal(["Clear", "Match", "Clear"]);
    });

    it("records a repeat once and refuses viewers", async () => {
      const ana = await add("Ana Pérez", "ana.perez@example.com");
      await f.run.formula("ScreenWorker", [f.ledger, ana.WorkerId, "s-1"], f.team.specialist);
      await f.run.formula("ScreenWorker", [f.ledger, ana.WorkerId, "s-1"], f.team.specialist);
      // One at intake, one for the repeated request.
      expect(tabRecords(f, "Events").filter((e) => e.Type === "Screened")).to.have.length(2);
      await expectUserError(
        f.run.formula("ScreenWorker", [f.ledger, ana.WorkerId], f.team.viewer),
        /needs the specialist role/,
      );
    });
  });

  describe("ImportApplicants", () => {
    const recruiterSheet = (rows: Array<Array<string | number>>, tab = "Pipeline") => {
      const id = addSpreadsheet(f.emu, f.team.specialist.email, "Recruiter pipeline", [{title: tab, rows}]);
      return `https://docs.google.com/spreadsheets/d/${id}/edit#gid=0`;
    };
    type Summary = Obj & {
      Added: number;
      Skipped: number;
      Problems: number;
      SkippedRows?: string[];
      ProblemRows?: string[];
      AddedWorkers?: Obj[];
      Notes?: string[];
    };
    const runImport = (source: string, sheetName?: string, requestId?: string) =>
      f.run.formula<Summary>("ImportApplicants", [f.ledger, source, sheetName, requestId], f.team.specialist);

    it("adds new people, finding columns by header in any order, and reports skips and problems by row", async () => {
      const existing = await add("Ana Pérez", "ana.perez@gmail.com", "MX", "55 1234 5678");
      const banked = await add("Mario Ruiz", "mario@example.org", "MX");
      await record(banked.WorkerId, CLABE, "MX");
      const source = recruiterSheet([
        ["Mobile", "Country of residence", "E-mail Address", "Full Name", "Notes", "CLABE"],
        ["+52 55 8765 4321", "Mexico", "luis@example.org", "Luis Gómez", "good"],
        ["", "MX", "A.NA.PEREZ+x@gmail.com", "Ana P.", ""],
        ["55 1234 5678", "MX", "someone@example.org", "Someone", ""],
        ["", "MX", "new.person@example.org", "New Person", "", spaced(CLABE)],
        ["", "Narnia", "x@example.org", "Bad Country", ""],
        ["", "DE", "not-an-email", "Bad Email", ""],
        [],
        ["", "IN", "priya@example.org", "", ""],
        ["98765 43210", "IN", "PRIYA.S@example.org", "Priya Singh", ""],
        ["9876543210", "India", "priya.singh@example.org", "Priya Singh", ""],
        ["", "DE", '=IMPORTXML("x")@example.org', '=HYPERLINK("x")', ""],
      ]);
      const summary = await runImport(source);
      // Only the same canonical email is skipped; a shared phone, account or name is added, screened, on record.
      expect(summary).to.include({Added: 5, Skipped: 1, Problems: 4, Matches: 3, Reviews: 1});
      expect(summary.SkippedRows).to.deep.equal([
        `Row 3: A.NA.PEREZ+x@gmail.com is already in the ledger as ${existing.WorkerId} Ana Pérez (Applicant) (same canonical email anaperez@gmail.com). Open that worker instead of adding a second one.`,
      ]);
      const screened = (summary.ScreenedRows as string[] | undefined) ?? [];
      expect(screened[0]).to.match(
        new RegExp(
          `^Row 4 \\(W-000004\\): Review\\. / Review · ${existing.WorkerId} Ana Pérez \\(Applicant\\): Phone 0\\.\\d\\d`,
        ),
      );
      expect(screened[1]).to.match(
        new RegExp(
          `^Row 5 \\(W-000005\\): Match\\. / Match · ${banked.WorkerId} Mario Ruiz \\(Applicant\\): BankAccount 1\\.00`,
        ),
      );
      expect(screened[2]).to.match(
        /^Row 10 \(W-000006\): Match\. \/ Match · W-000007 Priya Singh \(Applicant\): Name 1\.00 \(same words\); Phone 0\.\d\d/,
      );
      expect(screened[3]).to.match(/^Row 11 \(W-000007\): Match\. \/ Match · W-000006 Priya Singh/);
      expect(summary.ProblemRows).to.deep.equal([
        'Row 6: "Narnia" is not a country: use its two-letter ISO code (MX, IN, DE) or its English name.',
        'Row 7: "not-an-email" is not an email address.',
        "Row 9: The name is required: say it in a few words.",
        'Row 12: "=IMPORTXML("x")@example.org" is not an email address.',
      ]);
      const workers = tabRecords(f, "Workers");
      const luis = workers.find((w) => w.Name === "Luis Gómez");
      expect(luis).to.include({WorkerId: "W-000003", Status: "Applicant", Phone: "+525587654321", Country: "MX"});
      expect(String(luis?.Source)).to.match(
        /^Recruiter sheet "Recruiter pipeline" \(Pipeline\): https:\/\/docs\.google\.com\/spreadsheets\/d\/.+\/edit#gid=0$/,
      );
      expect(workers.find((w) => w.Name === "Priya Singh")).to.include({WorkerId: "W-000006", Phone: "+919876543210"});
      expect(summary.AddedWorkers).to.deep.equal([
        {WorkerId: "W-000003", Name: "Luis Gómez"},
        {WorkerId: "W-000004", Name: "Someone"},
        {WorkerId: "W-000005", Name: "New Person"},
        {WorkerId: "W-000006", Name: "Priya Singh"},
        {WorkerId: "W-000007", Name: "Priya Singh"},
      ]);
      const events = tabRecords(f, "Events").filter((e) => e.Type === "ApplicantAdded");
      expect(events).to.have.length(7);
      expect(tabRecords(f, "Events").filter((e) => e.Type === "Screened")).to.have.length(7);
    });

    it("adds nobody twice, and recognises a repeat of the same request", async () => {
      const source = recruiterSheet([
        ["Email", "Name", "Country"],
        ["a@example.org", "Ana Uno", "MX"],
        ["b@example.org", "Beto Dos", "MX"],
      ]);
      expect((await runImport(source, undefined, "imp-1")).Added).to.equal(2);
      const again = await runImport(source, undefined, "imp-1");
      expect(again).to.include({Added: 0, Skipped: 2});
      expect(again.SkippedRows?.[0]).to.equal(
        "Row 2: a@example.org was added as W-000001 Ana Uno by an earlier run of this import.",
      );
      const third = await runImport(source);
      expect(third.SkippedRows?.[1]).to.equal(
        "Row 3: b@example.org is already in the ledger as W-000002 Beto Dos (Applicant) (same canonical email b@example.org). Open that worker instead of adding a second one.",
      );
      expect(tabRecords(f, "Workers")).to.have.length(2);
    });

    it("reads first and last name columns and a named tab", async () => {
      const id = addSpreadsheet(f.emu, f.team.specialist.email, "Pipeline", [
        {title: "Old", rows: [["nothing"]]},
        {
          title: "June",
          rows: [
            ["Surname", "Given name", "EMAIL", "Country", "Time zone"],
            ["Okafor", "Chinedu", "c.okafor@example.org", "NG", "Africa/Lagos"],
          ],
        },
      ]);
      const summary = await runImport(id, "june");
      expect(summary.Added).to.equal(1);
      expect(tabRecords(f, "Workers")[0]).to.include({Name: "Chinedu Okafor", Timezone: "Africa/Lagos", Country: "NG"});
    });

    it(`writes ${IMPORT_CHUNK} workers per atomic commit, with sequential ids`, async () => {
      await add("Ana Pérez", "ana.perez@example.com");
      const rows: Array<Array<string | number>> = [["Name", "Email", "Country"]];
      for (let i = 0; i < IMPORT_CHUNK + 120; i++) {
        rows.push([`Person ${i}`, `person${i}@example.org`, "MX"]);
      }
      const source = recruiterSheet(rows);
      const commits = () => f.emu.log.filter((x) => x.path.endsWith(":batchUpdate")).length;
      const before = commits();
      const summary = await runImport(source);
      expect(summary.Added).to.equal(IMPORT_CHUNK + 120);
      expect(commits() - before).to.equal(2);
      const ids = tabRecords(f, "Workers").map((w) => w.WorkerId);
      expect(ids).to.have.length(IMPORT_CHUNK + 121);
      expect(ids.at(-1)).to.equal(`W-${String(IMPORT_CHUNK + 121).padStart(6, "0")}`);
      // Each new worker can be acted on through its pointer.
      const last = await f.run.formula<Worker>("StartVetting", [f.ledger, String(ids.at(-1))], f.team.specialist);
      expect(last.Status).to.equal("Vetting");
    });

    it("refuses sources it cannot use, with a sentence", async () => {
      await expectUserError(runImport("not a sheet"), /is not a Google Sheets URL/);
      await expectUserError(runImport(f.ledger), /is the ledger itself/);
      await expectUserError(runImport(recruiterSheet([["Name", "Country"]])), /first row has no Email column/);
      await expectUserError(
        runImport(recruiterSheet([["Email"]])),
        /no Country, Name \(or First name and Last name\) column/,
      );
      await expectUserError(
        runImport(recruiterSheet([["Email", "Name", "Country"]]), "Nope"),
        /has no tab "Nope"\. Its tabs are: Pipeline/,
      );
      const hidden = addSpreadsheet(f.emu, "someone@else.example", "Private", [{title: "A", rows: [["Email"]]}]);
      await expectUserError(runImport(hidden), /cannot open the recruiter sheet/);
      await expectUserError(runImport("1NoSuchSheet000000000000000000"), /could not find the recruiter sheet/);
      await expectUserError(
        f.run.formula("ImportApplicants", [f.ledger, recruiterSheet([["Email", "Name", "Country"]])], f.team.viewer),
        /needs the specialist role/,
      );
    });
  });

  it("leaves no clear account or ID number anywhere in the ledger, the log or the request URLs", async () => {
    const ana = await add("Ana Pérez", "ana.perez@example.com", "MX");
    const bob = await add("Bob Stone", "bob@example.com", "US");
    const accounts = [IBAN_A, IBAN_B, CLABE, "4001234567"];
    await record(ana.WorkerId, spaced(IBAN_A), "DE", undefined, undefined, "Ana Perez", "r1");
    await record(ana.WorkerId, CLABE, "MX");
    await record(bob.WorkerId, "4001234567", "US", "011000015");
    await expectUserError(record(bob.WorkerId, IBAN_B.slice(0, -2), "NL"), /were not recorded/);
    await screen("Ana Pérez", "x@example.org", undefined, "NL", IBAN_B, "P98765432");
    await f.run.formula("ScreenWorker", [f.ledger, ana.WorkerId], f.team.specialist);
    const source = addSpreadsheet(f.emu, f.team.specialist.email, "Pipeline", [
      {
        title: "A",
        rows: [
          ["Name", "Email", "Country", "IBAN"],
          ["Cara Lind", "cara@example.org", "NL", IBAN_B],
        ],
      },
    ]);
    await f.run.formula("ImportApplicants", [f.ledger, source], f.team.specialist);
    const synced = JSON.stringify([
      (await f.run.sync("Workers", [f.ledger], f.team.viewer)).rows,
      (await f.run.sync("DecisionLog", [f.ledger], f.team.viewer)).rows,
      (await f.run.sync("Blacklist", [f.ledger], f.team.viewer)).rows,
    ]);
    for (const account of [...accounts, "P98765432"]) {
      expect(synced, account).not.to.contain(account.slice(-10));
    }
    // The recruiter's own sheet holds what the recruiter typed; everything else is the pack's doing.
    const text = allText({
      ...f.emu,
      state: {...f.emu.state, spreadsheets: new Map([...f.emu.state.spreadsheets].filter(([id]) => id !== source))},
    } as typeof f.emu);
    for (const account of [...accounts, "P98765432"]) {
      for (const form of [account, account.slice(4), account.slice(-10)]) {
        expect(text, form).not.to.contain(form);
      }
    }
    expect(text).to.contain(`•••• ${IBAN_A.slice(-4)}`);
  });
});

describe("vetting: inputs never throw anything but a UserVisibleError (ledger-backed)", function () {
  this.timeout(120_000);
  let f: LedgerFixture;
  let workerId: string;
  before(async () => {
    f = await setupLedger();
    workerId = (
      await f.run.formula<Worker>("AddApplicant", [f.ledger, "Ana Pérez", "ana@example.com", "MX"], f.team.specialist)
    ).WorkerId;
  });
  after(async () => f.close());

  it("holds for ScreeningReport, RecordBankDetails and ImportApplicants", async () => {
    const text = fc.oneof(
      fc.string({maxLength: 40}),
      fc.constantFrom(
        "",
        "MX",
        "DE",
        "US",
        "021000021",
        "DE89 3704 0044 0532 0130 00",
        "a@b.co",
        "W-1",
        "+52 55 1234 5678",
      ),
    );
    const opt = fc.option(text, {nil: undefined});
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("ScreeningReport", "RecordBankDetails", "ImportApplicants"),
        text,
        text,
        opt,
        opt,
        opt,
        opt,
        async (name, a, b, c, d, e, g) => {
          const params =
            name === "ScreeningReport"
              ? [f.ledger, a, b, c, d, e, g]
              : name === "RecordBankDetails"
                ? [f.ledger, c === undefined ? workerId : a, b, a, c, d, e]
                : [f.ledger, a, c];
          try {
            await f.run.formula(name, params, f.team.specialist);
          } catch (err) {
            expect(
              (err as {isUserVisible?: boolean}).isUserVisible,
              `${name}(${JSON.stringify(params)}): ${(err as Error).message}`,
            ).to.equal(true);
          }
        },
      ),
      {numRuns: 120},
    );
  });
});

describe("vetting: from the built bundle in the VM", function () {
  this.timeout(120_000);
  let f: LedgerFixture;
  before(async () => {
    f = await setupLedger({mode: "vm"});
  });
  after(async () => f.close());

  it("checks an account, records bank details, screens and imports as Coda runs them", async () => {
    const check = await f.run.formula<Obj>("BankAccountCheck", ["032180000118359718", "MX"], f.team.viewer);
    expect(check).to.deep.equal({
      Valid: false,
      Scheme: "CLABE",
      Country: "MX",
      Normalized: "032180000118359718",
      Display: "•••• 9718",
      Problems: ["The CLABE's control digit does not match: a digit is probably mistyped."],
    });
    const ana = await f.run.formula<Worker>(
      "AddApplicant",
      [f.ledger, "Ana Pérez", "ana.perez@gmail.com", "MX"],
      f.team.specialist,
    );
    const recorded = await f.run.formula<Worker>(
      "RecordBankDetails",
      [f.ledger, ana.WorkerId, spaced(IBAN_A), "DE", undefined, undefined, "Ana Perez"],
      f.team.specialist,
    );
    expect(recorded).to.include({BankScheme: "IBAN", BankCountry: "DE", BankAccount: `•••• ${IBAN_A.slice(-4)}`});
    await expectUserError(
      f.run.formula("RecordBankDetails", [f.ledger, ana.WorkerId, "12", "DE"], f.team.specialist),
      /were not recorded/,
    );
    // A specialist's screening fingerprints the account inside the VM with the key file's key and finds Ana's account.
    const probe = [f.ledger, "Ana Peres", "other@example.org", undefined, "DE", IBAN_A];
    const report = await f.run.formula<Report>("ScreeningReport", probe, f.team.specialist);
    expect(report.Verdict).to.equal("Match");
    expect(report.Matches?.map((m) => m.Field).sort()).to.deep.equal(["BankAccount", "Name"]);
    // A viewer cannot read the key file (issue 13): the account is not screened, and the report says so.
    const viewed = await f.run.formula<Report>("ScreeningReport", probe, f.team.viewer);
    expect(viewed.Verdict).to.equal("Review");
    expect(viewed.Matches?.map((m) => m.Field)).to.deep.equal(["Name"]);
    expect(viewed.NotChecked?.join(" ")).to.match(/Bank account not screened: the fingerprint key file is shared only/);
    const screened = await f.run.formula<Worker>("ScreenWorker", [f.ledger, ana.WorkerId], f.team.specialist);
    expect(screened.ScreeningVerdict).to.equal("Clear");
    const source = addSpreadsheet(f.emu, f.team.specialist.email, "Pipeline", [
      {
        title: "A",
        rows: [
          ["Name", "Email", "Country"],
          ["Luis Gómez", "luis@example.org", "MX"],
          ["Ana P", "anaperez@gmail.com", "MX"],
        ],
      },
    ]);
    const summary = await f.run.formula<Obj>("ImportApplicants", [f.ledger, source], f.team.specialist);
    expect(summary).to.include({Added: 1, Skipped: 1, Problems: 0});
  });
});
