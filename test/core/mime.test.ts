import {expect} from "chai";
import fc from "fast-check";
import {msgIdList, parseSender} from "../../pack/core/address";
import {utf8ToBytes} from "../../pack/core/hash";
import {
  base64Decode,
  base64Encode,
  base64UrlEncode,
  decodeCharset,
  decodeQuotedPrintable,
  decodeWords,
  encodeQuotedPrintable,
  encodeWords,
  formatAddress,
  utf8Decode,
} from "../../pack/core/mime/codecs";
import {buildMime, headerLine, mailDate, toRaw} from "../../pack/core/mime/build";
import type {OutgoingMail} from "../../pack/core/mime/build";
import {htmlToText, parseContentType, parseMime} from "../helpers/mime-reader";
import {decodeHeader, decodeRaw, headerValue, parseMessage} from "../../emulator/gmail";

const NAMES = [
  "Ana Pérez",
  "Zoë Ødegård",
  "Łukasz Żółć",
  "Nguyễn Thị Minh Khai",
  "Дмитрий Иванов",
  "李小龙",
  "محمد علي",
  "Ωmega 🚀 Rocket",
  'O\'Brien, Seán "Jr"',
];

function mail(overrides: Partial<OutgoingMail> = {}): OutgoingMail {
  return {
    from: {name: "Trust & Safety team", email: "sam@tns.example"},
    to: {name: "Ana Pérez", email: "ana.perez@gmail.com"},
    subject: "Décision: votre compte est suspendu jusqu'au 20 janvier 2026",
    text: "Bonjour Ana,\n\nDécision : suspendu.\n.\nFrom here on ✓\nLigne très longue ".repeat(3) + "é".repeat(100),
    html: "<p>Bonjour <b>Ana</b> &amp; équipe</p>",
    messageId: "<notice.E-ABC.Suspension@trust-and-safety.invalid>",
    date: "2026-01-05T10:00:00Z",
    ...overrides,
  };
}

/** The pack's own reader of a From-style header (pack/core/address.ts), with RFC 2047 names decoded. */
const parseAddress = (value: string) => parseSender(value, decodeWords);

describe("mime: base64", () => {
  it("encodes like Node, and base64url has no + / or =", () => {
    fc.assert(
      fc.property(fc.uint8Array({maxLength: 200}), (bytes) => {
        expect(base64Encode(bytes)).to.equal(Buffer.from(bytes).toString("base64"));
        const url = base64UrlEncode(bytes);
        expect(url).to.equal(Buffer.from(bytes).toString("base64url"));
        expect(url).to.match(/^[A-Za-z0-9_-]*$/);
        expect([...base64Decode(url)]).to.deep.equal([...bytes]);
        expect([...base64Decode(Buffer.from(bytes).toString("base64"))]).to.deep.equal([...bytes]);
      }),
    );
  });

  it("refuses characters outside both alphabets", () => {
    expect(() => base64Decode("ab*c")).to.throw(/not a base64 character/);
  });

  it("decodes UTF-8 like Node, and marks malformed bytes with U+FFFD", () => {
    fc.assert(
      fc.property(fc.string({unit: "grapheme", maxLength: 60}), (text) => {
        expect(utf8Decode(utf8ToBytes(text))).to.equal(text);
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({maxLength: 40}), (bytes) => {
        expect(utf8Decode(bytes)).to.equal(Buffer.from(bytes).toString("utf8"));
      }),
    );
    expect(utf8Decode(Uint8Array.from([0x61, 0xc3]))).to.equal("a\ufffd");
    expect(utf8Decode(Uint8Array.from([0xed, 0xa0, 0x80]))).to.equal("\ufffd\ufffd\ufffd");
  });

  it("reads Latin-1 family charsets byte for byte", () => {
    expect(decodeCharset(Uint8Array.from([0x63, 0x61, 0x66, 0xe9]), "ISO-8859-1")).to.equal("café");
    expect(decodeCharset(utf8ToBytes("café"), "utf-8")).to.equal("café");
  });
});

describe("mime: quoted-printable", () => {
  it("round-trips any text with lines of at most 76 characters", () => {
    fc.assert(
      fc.property(fc.string({unit: "grapheme", maxLength: 300}), (text) => {
        const encoded = encodeQuotedPrintable(text);
        for (const line of encoded.split("\r\n")) {
          expect(line.length).to.be.at.most(76);
          expect(line).to.match(/^[\x20-\x7e]*$/);
        }
        expect(utf8Decode(decodeQuotedPrintable(encoded))).to.equal(
          text.replace(/\r\n?/g, "\n").replace(/\n/g, "\r\n"),
        );
        expect(
          Buffer.from(
            encoded
              .replace(/=\r\n/g, "")
              .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
            "latin1",
          ).toString("utf8"),
        ).to.equal(text.replace(/\r\n?/g, "\n").replace(/\n/g, "\r\n"));
      }),
    );
  });

  it("encodes trailing spaces, =, a leading dot and a leading From", () => {
    expect(encodeQuotedPrintable("a = b ")).to.equal("a =3D b=20");
    expect(encodeQuotedPrintable(".\nFrom me")).to.equal("=2E\r\n=46rom me");
    expect(encodeQuotedPrintable("café")).to.equal("caf=C3=A9");
  });
});

describe("mime: headers", () => {
  it("leaves plain ASCII alone and encodes the rest in words of at most 75 characters", () => {
    expect(encodeWords("Your account")).to.equal("Your account");
    expect(encodeWords("Décision")).to.equal("=?UTF-8?Q?D=C3=A9cision?=");
    expect(encodeWords("李小龙")).to.equal("=?UTF-8?B?5p2O5bCP6b6Z?=");
    expect(encodeWords("a =?x?= b")).to.match(/^=\?UTF-8\?/);
  });

  it("round-trips any subject through its own decoder and the emulator's", () => {
    fc.assert(
      fc.property(fc.string({unit: "grapheme", minLength: 1, maxLength: 150}), (raw) => {
        const subject = raw.replace(/[\r\n]/g, " ");
        const line = headerLine("Subject", subject);
        expect(line).to.match(/^[\x20-\x7e\r\n]*$/);
        for (const physical of line.split("\r\n")) {
          expect(physical.length).to.be.at.most(998);
        }
        for (const word of line.match(/=\?[^?]+\?[BQ]\?[^?]*\?=/g) ?? []) {
          expect(word.length).to.be.at.most(75);
        }
        const unfolded = line.replace(/\r\n/g, "").slice("Subject: ".length);
        expect(decodeWords(unfolded)).to.equal(subject);
        expect(decodeHeader(unfolded)).to.equal(subject);
      }),
      {numRuns: 300},
    );
  });

  it("formats and parses addresses, quoting specials and encoding non-ASCII names", () => {
    const cases: Array<[string, string, string]> = [
      ["Ana Perez", "a@x.io", "Ana Perez <a@x.io>"],
      ["Trust & Safety team", "t@x.io", "Trust & Safety team <t@x.io>"],
      ["O'Brien, Seán", "s@x.io", "=?UTF-8?Q?O=27Brien=2C_Se=C3=A1n?= <s@x.io>"],
      ["Smith, John", "j@x.io", '"Smith, John" <j@x.io>'],
      ['Say "hi"', "h@x.io", '"Say \\"hi\\"" <h@x.io>'],
      ["", "n@x.io", "<n@x.io>"],
    ];
    for (const [name, email, formatted] of cases) {
      expect(formatAddress(name, email)).to.equal(formatted);
      expect(parseAddress(formatted)).to.deep.equal({name, email});
    }
    for (const name of NAMES) {
      const formatted = formatAddress(name, "w@x.io");
      expect(formatted).to.match(/^[\x20-\x7e\r\n]*$/);
      expect(parseAddress(formatted.replace(/\r\n /g, " "))).to.deep.equal({name, email: "w@x.io"});
    }
    expect(parseAddress("plain@x.io")).to.deep.equal({name: "", email: "plain@x.io"});
    expect(parseAddress("=?ISO-8859-1?Q?Andr=E9?= <andre@x.io>")).to.deep.equal({name: "André", email: "andre@x.io"});
  });

  it("folds long ASCII headers at spaces", () => {
    const line = headerLine("Subject", "word ".repeat(40).trim());
    expect(line.split("\r\n").every((l) => l.length <= 78)).to.equal(true);
    expect(line.replace(/\r\n/g, "")).to.equal(`Subject: ${"word ".repeat(40).trim()}`);
  });

  it("writes RFC 5322 dates and reads Message-ID lists", () => {
    expect(mailDate("2026-01-05T10:00:00Z")).to.equal("Mon, 05 Jan 2026 10:00:00 +0000");
    expect(mailDate("2025-12-31T23:59:59.900Z")).to.equal("Wed, 31 Dec 2025 23:59:59 +0000");
    expect(msgIdList(" <a@b>\r\n <c.d@e> junk")).to.deep.equal(["<a@b>", "<c.d@e>"]);
    expect(msgIdList(undefined)).to.deep.equal([]);
    expect(parseContentType('multipart/alternative; boundary="x y"; charset=utf-8')).to.deep.equal({
      type: "multipart/alternative",
      params: new Map([
        ["boundary", "x y"],
        ["charset", "utf-8"],
      ]),
    });
  });
});

describe("mime: building a message", () => {
  it("is ASCII with CRLF line ends, and the emulator decodes the same names, subject and text", () => {
    for (const name of NAMES) {
      const m = mail({to: {name, email: "w@x.io"}, subject: `Notice for ${name}: ${name}`});
      const mime = buildMime(m);
      expect([...mime].every((c) => c.charCodeAt(0) < 128)).to.equal(true);
      expect(mime.replace(/\r\n/g, "")).not.to.include("\n");
      const raw = toRaw(mime);
      expect(raw).to.match(/^[A-Za-z0-9_-]+$/);
      const parsed = parseMessage(decodeRaw(raw));
      expect(headerValue(parsed.headers, "Subject")).to.equal(`Notice for ${name}: ${name}`);
      expect(parseAddress(headerValue(parsed.root.rawHeaders, "To"))).to.deep.equal({name, email: "w@x.io"});
      expect(parsed.text).to.equal(m.text.replace(/\n/g, "\r\n"));
      const html = parsed.root.parts[1];
      expect(html?.mimeType).to.equal("text/html");
      expect(html?.content.toString("utf8")).to.equal(m.html);
      const mine = parseMime({raw});
      expect(mine.headers.get("subject")).to.equal(`Notice for ${name}: ${name}`);
      expect(mine.text).to.equal(m.text.replace(/\s+$/, ""));
      expect(mine.html).to.equal(m.html);
    }
  });

  it("writes reply headers and is the same byte for byte every time", () => {
    const m = mail({
      inReplyTo: "<w1@gmail.com>",
      references: ["<w0@gmail.com>", "<w1@gmail.com>"],
      replyTo: "appeals@tns.example",
    });
    const mime = buildMime(m);
    expect(mime).to.equal(buildMime(m));
    const headers = parseMessage(Buffer.from(mime)).headers;
    expect(headerValue(headers, "In-Reply-To")).to.equal("<w1@gmail.com>");
    expect(headerValue(headers, "References")).to.equal("<w0@gmail.com> <w1@gmail.com>");
    expect(headerValue(headers, "Reply-To")).to.equal("appeals@tns.example");
    expect(headerValue(headers, "Message-ID")).to.equal(m.messageId);
    expect(headerValue(headers, "Date")).to.equal("Mon, 05 Jan 2026 10:00:00 +0000");
    expect(headerValue(headers, "Content-Type")).to.match(/^multipart\/alternative; boundary="=_alt_/);
  });

  it("sends a single text/plain part when there is no HTML", () => {
    const mime = buildMime(mail({html: undefined, text: "Hola"}));
    expect(mime).to.include(
      "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nHola\r\n",
    );
    expect(mime).not.to.include("multipart");
  });
});

describe("mime: reading a message", () => {
  const nested = [
    "From: =?utf-8?B?0JTQvNC40YLRgNC40Lk=?= <dima@example.ru>",
    "Subject: =?utf-8?Q?Re=3A_=D0=BE=D0=BF=D0=BB=D0=B0=D1=82=D0=B0?= =?utf-8?Q?_week_2?=",
    "Message-ID: <m1@example.ru>",
    "Content-Type: multipart/mixed; boundary=outer",
    "",
    "preamble",
    "--outer",
    'Content-Type: multipart/alternative; boundary="inner"',
    "",
    "--inner",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    Buffer.from("Оплата за неделю 2 не пришла.\nСпасибо").toString("base64"),
    "--inner",
    "Content-Type: text/html; charset=utf-8",
    "Content-Transfer-Encoding: quoted-printable",
    "",
    "<p>=D0=9E=D0=BF=D0=BB=D0=B0=D1=82=D0=B0</p>",
    "--inner--",
    "--outer",
    "Content-Type: application/pdf",
    "Content-Disposition: attachment; filename=a.pdf",
    "Content-Transfer-Encoding: base64",
    "",
    "JVBERi0=",
    "--outer--",
    "epilogue",
  ].join("\r\n");

  it("finds the plain text in nested multiparts and decodes base64, quoted-printable and encoded words", () => {
    const parsed = parseMime({raw: Buffer.from(nested).toString("base64url")});
    expect(parsed.headers.get("from")).to.equal("Дмитрий <dima@example.ru>");
    expect(parsed.headers.get("subject")).to.equal("Re: оплата week 2");
    expect(parsed.text).to.equal("Оплата за неделю 2 не пришла.\nСпасибо");
    expect(parsed.html).to.equal("<p>Оплата</p>");
  });

  it("falls back to the HTML as text, reads Latin-1 QP, and takes message text too", () => {
    const latin = [
      "Content-Type: text/html; charset=iso-8859-1",
      "Content-Transfer-Encoding: quoted-printable",
      "",
      "<p>Caf=E9 &amp; th=E9</p><p>second<br>line</p>",
    ].join("\r\n");
    expect(parseMime({text: latin}).text).to.equal("Café & thé\nsecond\nline");
    expect(parseMime({text: "Subject: hi\n\nplain body\n"}).text).to.equal("plain body");
    expect(htmlToText("<style>x</style><ul><li>a</li><li>b &#233;</li></ul>")).to.equal("- a\n- b é");
  });
});
