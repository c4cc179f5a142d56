import {expect} from "chai";
import fc from "fast-check";
import {
  bankFingerprint,
  emailKey,
  fingerprintOf,
  idFingerprint,
  latinName,
  nameKey,
  nameTokens,
  nameWords,
  normalizeIdNumber,
  normalizePhone,
  phoneticKey,
  soundKey,
  spellingKey,
} from "../../pack/core/identity";
import {blockKeys, editDistance, nameScore, wordSimilarity} from "../../pack/core/screening";

const KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

describe("identity: email keys", () => {
  const table: Array<[string, string]> = [
    ["Jane.Doe@gmail.com", "janedoe@gmail.com"],
    ["j.a.n.e.d.o.e+jobs@googlemail.com", "janedoe@gmail.com"],
    [" JANE.DOE+a+b@GMAIL.COM ", "janedoe@gmail.com"],
    ["ana+work@outlook.com", "ana@outlook.com"],
    ["ana+work@hotmail.com", "ana@hotmail.com"],
    ["ana.maria+x@icloud.com", "ana.maria@icloud.com"],
    ["ana.maria+x@proton.me", "ana.maria@proton.me"],
    ["ana.maria+x@yahoo.com", "ana.maria+x@yahoo.com"],
    ["jane+x@company.example", "jane+x@company.example"],
    ["Jane.Doe@Company.Example.", "jane.doe@company.example"],
    ["no-at-sign", "no-at-sign"],
  ];
  for (const [input, key] of table) {
    it(`${input} → ${key}`, () => {
      expect(emailKey(input)).to.equal(key);
    });
  }
  it("is idempotent", () => {
    fc.assert(fc.property(fc.emailAddress(), (email) => emailKey(emailKey(email)) === emailKey(email)));
  });
});

describe("identity: phone numbers", () => {
  const valid: Array<[string, string | undefined, string]> = [
    ["020 7946 0958", "GB", "+442079460958"],
    ["+44 20 7946 0958", undefined, "+442079460958"],
    ["0044 20 7946 0958", undefined, "+442079460958"],
    ["(020) 7946-0958", "gb", "+442079460958"],
    ["55 1234 5678", "MX", "+525512345678"],
    ["+52 1 55 1234 5678", undefined, "+525512345678"],
    ["98765 43210", "IN", "+919876543210"],
    ["030 901820", "DE", "+4930901820"],
    ["(201) 555-0123", "US", "+12015550123"],
    ["0917 123 4567", "PH", "+639171234567"],
    ["0803 123 4567", "NG", "+2348031234567"],
    ["+7 912 345-67-89", "KZ", "+79123456789"],
  ];
  for (const [input, country, e164] of valid) {
    it(`${input} (${country ?? "no country"}) → ${e164}`, () => {
      expect(normalizePhone(input, country)).to.deep.equal({e164, valid: true});
    });
  }
  const invalid: Array<[string, string | undefined, RegExp]> = [
    ["", "GB", /empty/],
    ["call me", "GB", /not a phone number/],
    ["123", "GB", /not a phone number/],
    ["020 7946 0958", undefined, /no country code/],
    ["+44 20 7946", undefined, /not a valid number/],
  ];
  for (const [input, country, problem] of invalid) {
    it(`refuses "${input}"`, () => {
      const result = normalizePhone(input, country);
      expect(result.valid).to.equal(false);
      expect(result.problem).to.match(problem);
    });
  }
});

describe("identity: names in many scripts", () => {
  const latin: Array<[string, string]> = [
    ["José Müller", "jose muller"],
    ["Łukasz Żółć", "lukasz zolc"],
    ["Søren Ærø", "soren aero"],
    ["Straße", "strasse"],
    ["Дмитрий Иванов", "dmitrii ivanov"],
    ["Юлия Фёдорова", "iuliia fedorova"],
    ["Олександр Шевченко", "oleksandr shevchenko"],
    ["Γιώργος Παπαδόπουλος", "giorgos papadopoulos"],
    ["Ευάγγελος Κωνσταντίνου", "evangelos konstantinou"],
    ["محمد علي", "mhmd aly"],
    ["راهول", "rahwl"],
    ["राहुल शर्मा", "rahul sharma"],
    ["प्रिया सिंह", "priya singh"],
    ["अंजलि कुमार", "anjali kumar"],
    ["김민준", "kim minjun"],
    ["이서연", "lee seoyeon"],
    ["王伟", "王伟"],
    ["さくら", "sakura"],
    ["タナカ ユキ", "tanaka yuki"],
    ["きょうこ", "kyoko"],
    ["דוד כהן", "dvd khhn"],
    ["Mаria", "maria"],
    ["Jo\u200bsé", "jose"],
  ];
  for (const [input, output] of latin) {
    it(`${input} → ${output}`, () => {
      expect(latinName(input)).to.equal(output);
    });
  }

  it("keeps nameKey's contract", () => {
    expect(nameKey("Müller, José")).to.equal("jose muller");
    expect(nameKey("  ANA   maría  pérez ")).to.equal("ana maria perez");
  });

  const sameKey: Array<[string, string]> = [
    ["Mohammed Ali", "محمد علي"],
    ["Muhammad Ali", "Ali, Mohamed"],
    ["Ahmed Hassan", "أحمد حسن"],
    ["Dmitry Ivanov", "Дмитрий Иванов"],
    ["Giorgos Papadopoulos", "Γιώργος Παπαδόπουλος"],
    ["Rahul Sharma", "राहुल शर्मा"],
    ["Priya Singh", "प्रिया सिंह"],
    ["Youssef", "يوسف"],
    ["Schmidt", "Shmidt"],
    ["Yulia", "Юлия"],
  ];
  for (const [a, b] of sameKey) {
    it(`phoneticKey("${a}") = phoneticKey("${b}")`, () => {
      expect(phoneticKey(a)).to.equal(phoneticKey(b));
    });
  }
  it("gives different keys to different names", () => {
    expect(phoneticKey("Ana Pérez")).not.to.equal(phoneticKey("Luis Pérez"));
    expect(phoneticKey("Maria Garcia")).to.equal("krs nr");
    expect(soundKey("mohammed")).to.equal("nt");
    expect(soundKey("王伟")).to.equal("王伟");
    expect(spellingKey("yiorgos")).to.equal("iorgos");
    expect(spellingKey("philippe")).to.equal("filipe");
  });

  it("tokenizes in written order", () => {
    expect(nameTokens("Pérez-García, Ana")).to.deep.equal(["perez", "garcia", "ana"]);
    expect(nameWords("محمد علي")).to.deep.equal({words: ["mhmd", "aly"], abjad: true});
  });
});

describe("identity: name similarity", () => {
  const alike: Array<[string, string]> = [
    ["Ana Pérez", "Perez, Ana"],
    ["Ana Pérez", "Ana Pwrez"],
    ["Ana María Pérez García", "Ana Pérez"],
    ["Kim Min-jun", "김민준"],
    ["Lee Seo-yeon", "이서연"],
    ["Mohammed Ali", "محمد علي"],
    ["Mostafa Hassan", "مصطفى حسن"],
    ["Dmitry Ivanov", "Дмитрий Иванов"],
    ["Natalya Smirnova", "Наталья Смирнова"],
    ["Giorgos Papadopoulos", "Γιώργος Παπαδόπουλος"],
    ["Priya Singh", "प्रिया सिंह"],
    ["Jean-Pierre Dubois", "Jeanpierre Dubois"],
    ["SOFIA RODRIGUEZ", "Sofía Rodríguez"],
  ];
  for (const [a, b] of alike) {
    it(`${a} ≈ ${b}`, () => {
      expect(nameScore(nameWords(a), nameWords(b))).to.be.at.least(0.86);
    });
  }
  const different: Array<[string, string]> = [
    ["Ana Pérez", "Luis Pérez"],
    ["Mostafa Hassan", "Mostafa Hamdan"],
    ["Yuri Smirnov", "Yuri Semenov"],
    ["Maria Garcia", "Maria"],
    ["Oleg Petrov", "Olga Sokolova"],
    ["Sara Haddad", "Sara Hamdan"],
    ["Mary Schmidt", "Sunita Nair"],
  ];
  for (const [a, b] of different) {
    it(`${a} ≠ ${b}`, () => {
      expect(nameScore(nameWords(a), nameWords(b))).to.be.below(0.86);
    });
  }
  it("caps a single shared word at 0.8 however long the names", () => {
    expect(nameScore(nameWords("Pérez"), nameWords("Ana Pérez"))).to.equal(0.8);
    expect(nameScore(nameWords("Ana Pérez"), nameWords("Luis Pérez"))).to.be.at.most(0.8);
  });
  it("is symmetric and between 0 and 1", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const x = nameScore(nameWords(a), nameWords(b));
        const y = nameScore(nameWords(b), nameWords(a));
        return x >= 0 && x <= 1 && Math.abs(x - y) < 1e-9;
      }),
    );
  });
  it("measures strings", () => {
    expect(editDistance("kitten", "sitting")).to.equal(3);
    expect(editDistance("ab", "ba")).to.equal(1);
    expect(editDistance("", "abc")).to.equal(3);
    expect(wordSimilarity("perez", "pwrez")).to.equal(0.8);
    expect(wordSimilarity("j", "john")).to.equal(0.8);
    expect(wordSimilarity("hdad", "haddad", true)).to.equal(0.9);
    expect(wordSimilarity("hdad", "haddad", false)).to.be.below(0.9);
  });
  it("blocks a name under its words' sound keys, joined pairs and abjad consonants", () => {
    expect(blockKeys(["ye", "jin", "choi"])).to.deep.equal(["~ie", "jn", "#jn", "~koi", "ajn", "jnk"]);
    expect(blockKeys(["yosef"])).to.include("#sp");
    expect(blockKeys(["yvsf"])).to.include("#sp");
    expect(blockKeys(["biton"])).to.include("#ptn");
    expect(blockKeys(["vytvn"])).to.include("#ptn");
    expect(blockKeys(["敏", "孙"])).to.include("@孙敏");
    expect(blockKeys(["choi", "yejin"])).to.include("ajn");
  });
});

describe("identity: fingerprints", () => {
  it("are keyed, 128-bit and stable", () => {
    const a = bankFingerprint(KEY, "IBAN:DE89370400440532013000");
    expect(a).to.match(/^[0-9a-f]{32}$/);
    expect(bankFingerprint(KEY, "IBAN:DE89370400440532013000")).to.equal(a);
    expect(bankFingerprint(KEY.replace(/^00/, "01"), "IBAN:DE89370400440532013000")).not.to.equal(a);
    expect(idFingerprint(KEY, "ab-123 456")).to.equal(idFingerprint(KEY, "AB123456"));
    expect(idFingerprint(KEY, "AB123456")).not.to.equal(bankFingerprint(KEY, "AB123456"));
    expect(normalizeIdNumber(" x1 234-567 ")).to.equal("X1234567");
  });
  it("compare stored values by their first 32 hex characters", () => {
    const full = "A".repeat(64);
    expect(fingerprintOf(full)).to.equal("a".repeat(32));
    expect(fingerprintOf(" nope ")).to.equal("");
    expect(fingerprintOf("abc")).to.equal("");
  });
});
