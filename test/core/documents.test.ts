import {expect} from "chai";
import type {DocumentFile} from "../../pack/core/documents";
import {
  assessDocuments,
  classifyDocument,
  documentExpiry,
  driveFolderId,
  parseKind,
  requiredKinds,
} from "../../pack/core/documents";

const NOW = "2026-03-10T12:00:00.000Z";
const file = (name: string, extra: Partial<DocumentFile> = {}): DocumentFile => ({
  id: `f-${name}`,
  name,
  modifiedTime: "2026-02-01T00:00:00.000Z",
  ...extra,
});

describe("document folders", () => {
  const cases: Array<[string, string | undefined]> = [
    ["https://drive.google.com/drive/folders/1AbCdEfGhIjKlMn?usp=sharing", "1AbCdEfGhIjKlMn"],
    ["https://drive.google.com/drive/u/0/folders/1AbC_dEf-GhIjK", "1AbC_dEf-GhIjK"],
    ["https://drive.google.com/open?id=1AbCdEfGhIjKlMn", "1AbCdEfGhIjKlMn"],
    [" 1AbCdEfGhIjKlMn ", "1AbCdEfGhIjKlMn"],
    ["https://example.com/folder", undefined],
    ["short", undefined],
    ["", undefined],
  ];
  for (const [text, id] of cases) {
    it(`reads ${JSON.stringify(text)}`, () => expect(driveFolderId(text)).to.equal(id));
  }
});

describe("document classification", () => {
  const cases: Array<[string, string, Partial<DocumentFile>?]> = [
    ["Passport scan.pdf", "identity"],
    ["ID front.jpg", "identity"],
    ["INE_anverso.png", "identity"],
    ["Driver's license.pdf", "identity"],
    ["W-8BEN signed.pdf", "tax"],
    ["w9.pdf", "tax"],
    ["Tax ID certificate.pdf", "tax"],
    ["Constancia de Situación Fiscal.pdf", "tax"],
    ["NDA - Ana Pérez.pdf", "contract"],
    ["Independent contractor agreement.docx", "contract"],
    ["Bank statement March.pdf", "bank"],
    ["estado de cuenta.pdf", "bank"],
    ["void check.jpg", "bank"],
    ["holiday photo.jpg", "other"],
    ["scan001.pdf", "identity", {properties: {docType: "passport"}}],
    ["scan002.pdf", "tax", {appProperties: {documentType: "Tax form"}}],
    ["Passport.pdf", "other", {properties: {docType: "other"}}],
  ];
  for (const [name, kind, extra] of cases) {
    it(`${name}${extra ? " (with a docType property)" : ""} is ${kind}`, () =>
      expect(classifyDocument(file(name, extra))).to.equal(kind));
  }

  it("reads kinds as people write them", () => {
    expect(
      ["Identity document", "passport", "Tax form", "NDA", "contract or NDA", "bank proof", "other", "selfie"].map(
        parseKind,
      ),
    ).to.deep.equal(["identity", "identity", "tax", "contract", "contract", "bank", "other", undefined]);
    expect(requiredKinds("")).to.deep.equal(["identity", "tax", "contract", "bank"]);
    expect(requiredKinds("identity; NDA")).to.deep.equal(["identity", "contract"]);
  });
});

describe("document expiry", () => {
  const cases: Array<[string, string, Partial<DocumentFile>?]> = [
    ["passport exp 2027-05-01.pdf", "2027-05-01"],
    ["Passport_expires_2027-05.pdf", "2027-05-31"],
    ["ID valid until 2030-02.jpg", "2030-02-28"],
    ["pasaporte vence 20270501.pdf", "2027-05-01"],
    ["passport expiry 2027-13-01.pdf", ""],
    ["statement 2026-01-31.pdf", ""],
    ["scan.pdf", "2028-01-15", {properties: {expires: "2028-01-15"}}],
    ["scan.pdf", "2028-01-31", {appProperties: {validUntil: "2028-01"}}],
    ["scan exp 2020-01-01.pdf", "2029-12-31", {properties: {expiresOn: "2029-12-31"}}],
  ];
  for (const [name, expiry, extra] of cases) {
    it(`${name}${extra ? " with properties" : ""} → ${expiry || "none"}`, () =>
      expect(documentExpiry(file(name, extra))).to.equal(expiry));
  }
});

describe("document assessment", () => {
  it("passes a complete, current folder", () => {
    const a = assessDocuments(
      [file("Passport exp 2030-01-01.pdf"), file("W-9.pdf"), file("NDA.pdf"), file("Bank statement.pdf")],
      {now: NOW},
    );
    expect(a.outcome).to.equal("Passed");
    expect(a.missing).to.deep.equal([]);
    expect(a.expiresOn).to.equal("2030-01-01");
    expect(a.documents.map((d) => d.status)).to.deep.equal(["Valid", "Valid", "Valid", "Valid"]);
  });

  it("fails on a missing kind and lists it as a Missing row", () => {
    const a = assessDocuments([file("Passport.pdf"), file("NDA.pdf")], {now: NOW});
    expect(a.outcome).to.equal("Failed");
    expect(a.missing).to.deep.equal(["tax", "bank"]);
    expect(a.documents.filter((d) => d.status === "Missing").map((d) => d.id)).to.deep.equal([
      "missing:tax",
      "missing:bank",
    ]);
    expect(a.summary).to.match(/Missing: tax form, bank proof\./);
  });

  it("fails on an expired current document, but not when a newer one replaces it", () => {
    const expired = assessDocuments(
      [file("Passport exp 2026-01-01.pdf"), file("W-9.pdf"), file("NDA.pdf"), file("Bank statement.pdf")],
      {now: NOW},
    );
    expect(expired.outcome).to.equal("Failed");
    expect(expired.expired).to.deep.equal(["identity"]);
    expect(expired.expiresOn).to.equal("2026-01-01");
    const renewed = assessDocuments(
      [
        file("Passport exp 2026-01-01.pdf"),
        file("Passport exp 2036-01-01.pdf"),
        file("W-9.pdf"),
        file("NDA.pdf"),
        file("Bank statement.pdf"),
      ],
      {now: NOW},
    );
    expect(renewed.outcome).to.equal("Passed");
    expect(renewed.documents[0]?.status).to.equal("Superseded");
    expect(renewed.expiresOn).to.equal("2036-01-01");
  });

  it("raises concerns for an expiring document and a stale bank proof, and skips folders", () => {
    const a = assessDocuments(
      [
        file("Passport exp 2026-03-20.pdf"),
        file("W-9.pdf"),
        file("NDA.pdf", {modifiedTime: "2020-01-01T00:00:00.000Z"}),
        file("Bank statement.pdf", {modifiedTime: "2024-01-01T00:00:00.000Z"}),
        file("Old", {mimeType: "application/vnd.google-apps.folder"}),
      ],
      {now: NOW},
    );
    expect(a.outcome).to.equal("Concerns");
    expect(a.documents.map((d) => [d.kind, d.status])).to.deep.equal([
      ["identity", "Expiring"],
      ["tax", "Valid"],
      ["contract", "Valid"],
      ["bank", "Stale"],
    ]);
    expect(
      assessDocuments([file("Bank statement.pdf", {modifiedTime: "2024-01-01T00:00:00.000Z"})], {
        now: NOW,
        required: ["bank"],
        staleDays: 1000,
      }).outcome,
    ).to.equal("Passed");
  });

  it("with nothing in the folder, everything required is missing", () => {
    const a = assessDocuments([], {now: NOW, required: ["identity"]});
    expect(a).to.include({outcome: "Failed", expiresOn: ""});
    expect(a.missing).to.deep.equal(["identity"]);
  });
});
