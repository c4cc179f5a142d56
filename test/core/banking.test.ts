import {expect} from "chai";
import fc from "fast-check";
import {composeIBAN, countrySpecs} from "ibantools";
import type {BankProblem} from "../../pack/core/banking";
import {
  checkBankAccount,
  clabeControlDigit,
  compactCode,
  isValidAba,
  isValidBic,
  isValidClabe,
  isValidIban,
  isValidIfsc,
  isValidSortCode,
  maskAccount,
  validateAba,
  validateAccountNumber,
  validateBic,
  validateClabe,
  validateIban,
  validateIfsc,
  validateUkAccount,
} from "../../pack/core/banking";
import {bankProblemText} from "../../pack/core/banking-text";
import {NON_REGISTRY_EXAMPLES, REGISTRY_EXAMPLES, TERRITORY_PARENTS} from "../helpers/iban-examples";
import {rng, syntheticAba, syntheticClabe} from "../helpers/people";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

function territoryExamples(): string[] {
  return Object.entries(TERRITORY_PARENTS).map(([code, parent]) => {
    const example = REGISTRY_EXAMPLES.find((e) => e.startsWith(parent)) ?? "";
    return composeIBAN({countryCode: code, bban: example.slice(4)}) ?? "";
  });
}

const ALL_EXAMPLES = [...REGISTRY_EXAMPLES, ...NON_REGISTRY_EXAMPLES, ...territoryExamples()];

function substitutions(iban: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < iban.length; i++) {
    for (const c of ALPHABET) {
      if (c !== iban[i]) {
        out.push(iban.slice(0, i) + c + iban.slice(i + 1));
      }
    }
  }
  return out;
}

function transpositions(iban: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < iban.length; i++) {
    if (iban[i] !== iban[i + 1]) {
      out.push(iban.slice(0, i) + iban[i + 1] + iban[i] + iban.slice(i + 2));
    }
  }
  return out;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";

describe("banking: IBAN", () => {
  it("has an example for every country ibantools supports, and every example is valid", () => {
    const supported = Object.entries(countrySpecs)
      .filter(([, spec]) => spec.chars)
      .map(([code]) => code)
      .sort();
    const covered = [...new Set(ALL_EXAMPLES.map((e) => e.slice(0, 2)))].sort();
    expect(covered).to.deep.equal(supported);
    expect(supported.length).to.be.greaterThan(100);
    for (const iban of ALL_EXAMPLES) {
      expect(validateIban(iban), iban).to.deep.equal({valid: true, codes: []});
    }
  });

  it("accepts examples spaced in groups of four and in lower case", () => {
    for (const iban of ALL_EXAMPLES) {
      const printed = iban.replace(/(.{4})/g, "$1 ").trim();
      expect(isValidIban(printed), printed).to.equal(true);
      expect(isValidIban(printed.toLowerCase()), printed).to.equal(true);
      expect(checkBankAccount({account: ` ${printed.toLowerCase()} `}).normalized).to.equal(iban);
    }
  });

  // Numeric BBANs: a letter anywhere is a format error, and MOD 97-10 catches every digit change.
  const NUMERIC_SAMPLE = [
    "DE89370400440532013000",
    "AT611904300234573201",
    "BE68539007547034",
    "SE4550000000058398257466",
    "PL61109010140000071219812874",
    "XK051212012345678906",
  ];
  it("refuses every single-character substitution and adjacent transposition of numeric-BBAN examples", () => {
    let checked = 0;
    for (const iban of NUMERIC_SAMPLE) {
      for (const changed of [...substitutions(iban), ...transpositions(iban)]) {
        expect(isValidIban(changed), `${iban} → ${changed}`).to.equal(false);
        checked++;
      }
    }
    expect(checked).to.be.greaterThan(4_000);
  });

  it("refuses every same-kind substitution and transposition of every example; MOD 97-10 misses a few digit↔letter changes", () => {
    let sameKind = 0;
    let crossKind = 0;
    const missed: string[] = [];
    for (const iban of ALL_EXAMPLES) {
      for (const changed of [...substitutions(iban), ...transpositions(iban)]) {
        const i = [...changed].findIndex((c, k) => c !== iban[k]);
        const kindKept = isDigit(changed[i]) === isDigit(iban[i]) && isDigit(changed[i + 1]) === isDigit(iban[i + 1]);
        if (kindKept) {
          sameKind++;
          expect(isValidIban(changed), `${iban} → ${changed}`).to.equal(false);
        } else {
          crossKind++;
          if (isValidIban(changed)) {
            missed.push(changed);
          }
        }
      }
    }
    // A letter expands to two digits in MOD 97-10, so where a BBAN allows letters, about 1 in 97
    // digit↔letter changes keeps the checksum: a limit of the IBAN standard, not of the check.
    expect(sameKind).to.be.greaterThan(30_000);
    expect(crossKind).to.be.greaterThan(60_000);
    expect(missed.length / crossKind).to.be.lessThan(0.01);
    for (const changed of missed) {
      // Only where the country's BBAN allows letters; everywhere else the format check refuses them.
      expect(countrySpecs[changed.slice(0, 2)]?.bban_regexp ?? "", changed).to.contain("A-Z");
    }
  });

  it("names what is wrong", () => {
    const table: Array<[string, BankProblem[]]> = [
      ["", ["ACCOUNT_EMPTY"]],
      ["DE89 3704 0044 0532 0130 0", ["IBAN_LENGTH"]],
      ["DE89370400440532013001", ["IBAN_CHECKSUM"]],
      ["DEXX370400440532013000", ["IBAN_CHECKSUM"]],
      ["DE8937040044053201300A", ["IBAN_FORMAT", "IBAN_CHECKSUM"]],
      ["XX89370400440532013000", ["IBAN_COUNTRY"]],
      ["ES9121000418450200051333", ["IBAN_NATIONAL_CHECKSUM", "IBAN_CHECKSUM"]],
      ["DE89-3704.0044/0532 0130 00", []],
      ["DE89 3704 0044 0532 0130 0€", ["ACCOUNT_CHARS"]],
    ];
    for (const [iban, codes] of table) {
      expect(validateIban(iban).codes, iban).to.deep.equal(codes);
    }
  });
});

describe("banking: BIC, ABA, CLABE, IFSC, UK", () => {
  it("checks BIC format and country", () => {
    expect(validateBic("DEUTDEFF")).to.deep.equal({valid: true, codes: []});
    expect(validateBic("deut de ff 500")).to.deep.equal({valid: true, codes: []});
    expect(validateBic("DEUTDEFF", "DE")).to.deep.equal({valid: true, codes: []});
    expect(validateBic("DEUTDEFF", "MX")).to.deep.equal({valid: false, codes: ["BIC_COUNTRY_MISMATCH"]});
    expect(validateBic("BNPAFRPP", "RE").valid, "Réunion banks use FR codes").to.equal(true);
    expect(validateBic("NWBKGB2L", "JE").valid).to.equal(true);
    for (const bad of ["DEUTDEF", "DEUTDEFF5", "1EUTDEFF", "DEUTXXFF", ""]) {
      expect(validateBic(bad).codes, bad).to.deep.equal(["BIC_FORMAT"]);
    }
    expect(isValidBic("NWBKGB2L")).to.equal(true);
  });

  // Published routing numbers of Federal Reserve banks and large banks (institutions, not people).
  const ABA_VALID = [
    "011000015",
    "021000021",
    "026009593",
    "111000025",
    "121000358",
    "122105278",
    "322271627",
    "063100277",
    "071000013",
    "091000019",
  ];
  const ABA_INVALID: Array<[string, string[]]> = [
    ["021000022", ["ABA_CHECKSUM"]],
    ["012000015", ["ABA_CHECKSUM"]],
    ["02100002", ["ABA_FORMAT"]],
    ["0210000211", ["ABA_FORMAT"]],
    ["02100002A", ["ABA_FORMAT"]],
    ["130000006", ["ABA_PREFIX"]],
    ["500000005", ["ABA_PREFIX"]],
  ];
  it("checks ABA routing numbers (3-7-1 checksum, Federal Reserve prefix)", () => {
    for (const aba of ABA_VALID) {
      expect(validateAba(aba), aba).to.deep.equal({valid: true, codes: []});
    }
    for (const [aba, codes] of ABA_INVALID) {
      expect(validateAba(aba).codes, aba).to.deep.equal(codes);
    }
    expect(isValidAba("0110-0001 5")).to.equal(true);
    const r = rng(11);
    for (let i = 0; i < 500; i++) {
      const aba = syntheticAba(r);
      expect(isValidAba(aba), aba).to.equal(true);
      const digit = Math.floor(r() * 9);
      const wrong =
        aba.slice(0, digit) + String((Number(aba[digit]) + 1 + Math.floor(r() * 9)) % 10) + aba.slice(digit + 1);
      expect(validateAba(wrong).codes, wrong).to.include("ABA_CHECKSUM");
    }
  });

  it("checks CLABEs (3-7-1 weights, control digit)", () => {
    expect(clabeControlDigit("03218000011835971")).to.equal(9);
    expect(clabeControlDigit("00218001234567890")).to.equal(6);
    expect(clabeControlDigit("00201007777777777")).to.equal(1);
    expect(validateClabe("032180000118359719")).to.deep.equal({valid: true, codes: []});
    expect(validateClabe("002010077777777771")).to.deep.equal({valid: true, codes: []});
    expect(validateClabe("002180012345678906")).to.deep.equal({valid: true, codes: []});
    expect(validateClabe("032 180 00011835971 9").valid).to.equal(true);
    expect(validateClabe("032180000118359718").codes).to.deep.equal(["CLABE_CHECKSUM"]);
    expect(validateClabe("03218000011835971").codes).to.deep.equal(["CLABE_LENGTH"]);
    expect(validateClabe("03218000011835971A").codes).to.deep.equal(["CLABE_LENGTH"]);
    const r = rng(12);
    for (let i = 0; i < 500; i++) {
      const clabe = syntheticClabe(r);
      expect(isValidClabe(clabe), clabe).to.equal(true);
      const at = Math.floor(r() * 18);
      const wrong =
        clabe.slice(0, at) + String((Number(clabe[at]) + 1 + Math.floor(r() * 9)) % 10) + clabe.slice(at + 1);
      expect(isValidClabe(wrong), wrong).to.equal(false);
    }
  });

  it("checks IFSC, sort code and UK account formats", () => {
    for (const ok of ["HDFC0001234", "sbin0000001", "ICIC0ABC123"]) {
      expect(isValidIfsc(ok), ok).to.equal(true);
    }
    for (const bad of ["HDFC1001234", "HDF00001234", "HDFC000123", "1234056789A"]) {
      expect(validateIfsc(bad).codes, bad).to.deep.equal(["IFSC_FORMAT"]);
    }
    expect(validateUkAccount("60-16-13", "31926819")).to.deep.equal({valid: true, codes: []});
    expect(validateUkAccount("60-16-1", "3192681").codes).to.deep.equal(["SORT_CODE_FORMAT", "UK_ACCOUNT_FORMAT"]);
    expect(isValidSortCode("60 16 13")).to.equal(true);
    expect(isValidSortCode("6016134")).to.equal(false);
  });

  it("sanity-checks plain account numbers", () => {
    expect(validateAccountNumber("12-3456-78")).to.deep.equal({valid: true, codes: []});
    expect(validateAccountNumber("ABCDEF").codes).to.deep.equal(["ACCOUNT_CHARS"]);
    expect(validateAccountNumber("123").codes).to.deep.equal(["ACCOUNT_LENGTH"]);
    expect(validateAccountNumber("1".repeat(35)).codes).to.deep.equal(["ACCOUNT_LENGTH"]);
    expect(validateAccountNumber("12#45").codes).to.deep.equal(["ACCOUNT_CHARS"]);
    expect(validateAccountNumber("").codes).to.deep.equal(["ACCOUNT_EMPTY"]);
  });
});

describe("banking: checkBankAccount", () => {
  const rows: Array<[string, Parameters<typeof checkBankAccount>[0], Partial<ReturnType<typeof checkBankAccount>>]> = [
    [
      "IBAN, any spacing",
      {account: "de89 3704 0044 0532 0130 00"},
      {
        valid: true,
        scheme: "IBAN",
        country: "DE",
        normalized: "DE89370400440532013000",
        masked: "•••• 3000",
        codes: [],
      },
    ],
    [
      "IBAN with its country named",
      {account: "DE89370400440532013000", country: "Germany"},
      {valid: true, country: "DE"},
    ],
    [
      "IBAN from another country",
      {account: "DE89370400440532013000", country: "MX"},
      {valid: false, codes: ["IBAN_COUNTRY_MISMATCH"]},
    ],
    ["IBAN with a matching BIC", {account: "GB29NWBK60161331926819", bic: "NWBKGB2L"}, {valid: true, bic: "NWBKGB2L"}],
    [
      "IBAN with a foreign BIC",
      {account: "GB29NWBK60161331926819", bic: "DEUTDEFF"},
      {valid: false, codes: ["BIC_COUNTRY_MISMATCH"]},
    ],
    ["French IBAN for Réunion", {account: "FR1420041010050500013M02606", country: "RE"}, {valid: true, country: "RE"}],
    [
      "UK sort code",
      {account: "31926819", country: "UK", routingCode: "60-16-13"},
      {valid: true, scheme: "UK", country: "GB", normalized: "60-16-13 31926819"},
    ],
    ["UK without sort code", {account: "31926819", country: "GB"}, {valid: false, codes: ["ROUTING_REQUIRED"]}],
    [
      "US",
      {account: "000123456789", country: "US", routingCode: "021000021"},
      {valid: true, scheme: "ABA", normalized: "021000021 000123456789", masked: "•••• 6789"},
    ],
    [
      "US, routing number wrong",
      {account: "123456789", country: "United States", routingCode: "021000022"},
      {valid: false, codes: ["ABA_CHECKSUM"]},
    ],
    ["US, no routing number", {account: "123456789", country: "US"}, {valid: false, codes: ["ROUTING_REQUIRED"]}],
    [
      "US, country inferred from routing number",
      {account: "123456789", routingCode: "021000021"},
      {valid: true, country: "US"},
    ],
    ["CLABE", {account: "032180000118359719", country: "MX"}, {valid: true, scheme: "CLABE", country: "MX"}],
    ["CLABE, country inferred", {account: "032 180 000118359719"}, {valid: true, scheme: "CLABE", country: "MX"}],
    ["CLABE mistyped", {account: "032180000118359718", country: "MX"}, {valid: false, codes: ["CLABE_CHECKSUM"]}],
    [
      "Mexican account that is not a CLABE",
      {account: "1234567890", country: "MX"},
      {valid: false, codes: ["CLABE_LENGTH"]},
    ],
    [
      "India",
      {account: "50100012345678", country: "IN", routingCode: "hdfc0001234"},
      {valid: true, scheme: "IFSC", normalized: "HDFC0001234 50100012345678"},
    ],
    [
      "India, bad IFSC",
      {account: "50100012345678", country: "IN", routingCode: "HDFC1001234"},
      {valid: false, codes: ["IFSC_FORMAT"]},
    ],
    [
      "India, short account",
      {account: "12345", country: "IN", routingCode: "HDFC0001234"},
      {valid: false, codes: ["ACCOUNT_LENGTH"]},
    ],
    [
      "SEPA country without IBAN",
      {account: "0532013000", country: "DE"},
      {valid: false, scheme: "IBAN", codes: ["IBAN_EXPECTED"]},
    ],
    [
      "plain account elsewhere",
      {account: "0012-3456-789", country: "Philippines"},
      {valid: true, scheme: "Account", country: "PH", normalized: "00123456789"},
    ],
    [
      "plain account, BIC from elsewhere",
      {account: "0012345678", country: "PH", bic: "DEUTDEFF"},
      {valid: false, codes: ["BIC_COUNTRY_MISMATCH"]},
    ],
    ["no country", {account: "0012345678"}, {valid: false, codes: ["COUNTRY_REQUIRED"]}],
    ["unknown country", {account: "0012345678", country: "Atlantis"}, {valid: false, codes: ["COUNTRY_UNKNOWN"]}],
    ["symbols", {account: "12*34"}, {valid: false, scheme: "", codes: ["ACCOUNT_CHARS"]}],
  ];
  for (const [title, input, expected] of rows) {
    it(title, () => {
      const check = checkBankAccount(input);
      for (const [key, value] of Object.entries(expected)) {
        expect(check[key as keyof typeof check], key).to.deep.equal(value);
      }
      expect(bankProblemText(check)).to.have.length(check.codes.length);
    });
  }

  it("keys one account the same way however it is written, and a UK IBAN like its sort code and number", () => {
    const key = (input: Parameters<typeof checkBankAccount>[0]) => checkBankAccount(input).key;
    expect(key({account: "GB29 NWBK 6016 1331 9268 19"})).to.equal(
      key({account: "31926819", routingCode: "601613", country: "GB"}),
    );
    expect(key({account: "000123456789", routingCode: "021000021", country: "US"})).to.equal(
      key({account: "123456789", routingCode: "021-000-021", country: "usa"}),
    );
    expect(key({account: "123456789", routingCode: "021000021", country: "US"})).not.to.equal(
      key({account: "123456789", routingCode: "011000015", country: "US"}),
    );
  });

  it("masks all but the last four characters", () => {
    expect(maskAccount("DE89 3704 0044 0532 0130 00")).to.equal("•••• 3000");
    expect(maskAccount("12345")).to.equal("•••• 2345");
    expect(maskAccount("1234")).to.equal("••••");
    expect(compactCode(" ab-12.3/4 ")).to.equal("AB1234");
  });

  it("never throws, and never puts the account number in its sentences", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.option(fc.string()),
        fc.option(fc.string()),
        fc.option(fc.string()),
        (account, country, routingCode, bic) => {
          const check = checkBankAccount({
            account,
            country: country ?? undefined,
            routingCode: routingCode ?? undefined,
            bic: bic ?? undefined,
          });
          expect(check.valid).to.equal(check.codes.length === 0);
          const compact = compactCode(account);
          for (const sentence of bankProblemText(check)) {
            if (compact.length >= 6) {
              expect(sentence).not.to.contain(compact);
            }
          }
        },
      ),
      {numRuns: 2_000},
    );
  });
});
