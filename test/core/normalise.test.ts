import {expect} from "chai";
import {asciiDigits, cleanUnicode, foldMixedScript, skeleton} from "../../pack/core/unicode";
import {
  emailKey,
  emailSkeleton,
  idFingerprint,
  maskIdNumber,
  normalizeIdNumber,
  phoneReadings,
} from "../../pack/core/identity";
import {neighbouringCountries} from "../../pack/core/phones";
import {sameGivenName} from "../../pack/core/nicknames";
import {checkBankAccount} from "../../pack/core/banking";
import {romanizeKana} from "../../pack/core/transliterate";

describe("normalisation before every key and comparison", () => {
  it("removes invisible characters and applies NFKC", () => {
    expect(cleanUnicode("Ａｎａ\u200b P\u202eérez\u00ad")).to.equal("Ana Pérez");
    expect(cleanUnicode("ﬁona")).to.equal("fiona");
    expect(emailKey("ana\u200b.perez+x@Gmail.com")).to.equal("anaperez@gmail.com");
  });

  it("reads digits of any script as ASCII", () => {
    expect(asciiDigits("٠١٢٣٤٥٦٧٨٩ ۰۹ ०९ ๐๙ ０９")).to.equal("0123456789 09 09 09 09");
  });

  it("folds look-alikes to their TR39 skeleton, and only mixed-script words in names", () => {
    expect(skeleton("раураl")).to.equal("paypal");
    expect(emailSkeleton("jоhn@gmail.com")).to.equal(emailSkeleton("john@gmail.com"));
    expect(emailSkeleton("j0hn@gmail.com")).to.equal(emailSkeleton("john@gmail.com"));
    expect(foldMixedScript("Mаria Дмитрий")).to.equal("Maria Дмитрий");
  });

  it("folds ID look-alikes and separators, and masks", () => {
    expect(normalizeIdNumber("ab-1O2 456")).to.equal("A8102456");
    expect(normalizeIdNumber("G1O5-8123")).to.equal(normalizeIdNumber("g105 8I23"));
    expect(idFingerprint("00".repeat(32), "S1O8")).to.equal(idFingerprint("00".repeat(32), "5108"));
    expect(maskIdNumber("G1O5-8123")).to.equal("•••• 8123");
    expect(maskIdNumber("AB1")).to.equal("••••");
  });

  it("reads a phone without + every plausible way and says it was ambiguous", () => {
    expect(phoneReadings("+52 55 1234 5678", "US")).to.deep.equal({
      readings: ["+525512345678"],
      ambiguous: false,
      note: "",
    });
    const bare = phoneReadings("52 55 1234 5678", "US");
    expect(bare.readings).to.include("+525512345678");
    expect(bare.ambiguous).to.equal(true);
    expect(bare.note).to.match(
      /has no "\+" and reads as .*\+525512345678 \(as an international number without its \+\)/,
    );
    const neighbour = phoneReadings("0664 1234567", "DE");
    expect(neighbour.readings).to.include("+436641234567");
    expect(neighbour.ambiguous).to.equal(true);
    expect(phoneReadings("０６６４ １２３４５６７", "DE").readings).to.deep.equal(neighbour.readings);
    expect(neighbouringCountries("MK")).to.include("GR");
    expect(neighbouringCountries("GR")).to.include("MK");
  });

  it("gives an IBAN and its national account number one key", () => {
    const iban = checkBankAccount({account: "DE89 3704 0044 0532 0130 00"});
    const bban = checkBankAccount({account: "370400440532013000", country: "DE"});
    expect(bban).to.include({valid: true, scheme: "IBAN", key: iban.key});
    expect(checkBankAccount({account: "０３２１８００００１１８３５９７１９", country: "MX"}).key).to.equal(
      "MX:032180000118359719",
    );
  });

  it("knows nicknames and short forms, but not two names sharing one", () => {
    for (const [a, b] of [
      ["robert", "bob"],
      ["bob", "rob"],
      ["jose", "pepe"],
      ["natalia", "natasha"],
      ["anita", "ana"],
      ["william", "bill"],
    ]) {
      expect(sameGivenName(a ?? "", b ?? ""), `${a} ${b}`).to.equal(true);
    }
    expect(sameGivenName("albert", "alexander")).to.equal(false);
    expect(sameGivenName("maria", "ana")).to.equal(false);
  });

  it("romanises kana as passports do", () => {
    expect(romanizeKana("タナカ ユキ")).to.equal("tanaka yuki");
    expect(romanizeKana("きょうこ")).to.equal("kyoko");
    expect(romanizeKana("さっぽろ")).to.equal("sapporo");
  });
});
