// A generated evasion set: blacklisted people re-applying with one disguise each (a variant family),
// and controls who must never get a Match (new people, shared surname or first name, a household
// phone, exact namesakes). Every identifier is synthetic.
import {parsePhoneNumberFromString} from "libphonenumber-js/min";
import {checkBankAccount} from "../../pack/core/banking";
import {bankFingerprint, emailKey, idFingerprint} from "../../pack/core/identity";
import {neighbouringCountries} from "../../pack/core/phones";
import type {IdentityTable} from "../../pack/core/screening";
import {TEST_KEY} from "./identity-tables";
import type {Pair, Person, Query, Region, Rng} from "./people";
import {makePerson, pick, REGIONS, rng, syntheticIban} from "./people";

export const FAMILIES = [
  "zero-width in the name",
  "look-alike letters in the name",
  "nickname",
  "middle name added, dropped or changed",
  "Chinese, Japanese or Thai name",
  "transliterated name",
  "zero-width in the email",
  "email provider rules",
  "look-alike letters in the email",
  "phone in other digits",
  "phone without +",
  "phone with a neighbouring country",
  "account in other digits",
  "IBAN given as national number",
  "ID with look-alike characters",
] as const;
export type Family = (typeof FAMILIES)[number];
export const CONTROLS = [
  "new person",
  "shared surname",
  "shared first name",
  "household phone",
  "exact namesake",
] as const;
export type Control = (typeof CONTROLS)[number];

export interface EvasionCase {
  family: Family;
  query: Query;
  /** The Blacklist entry the case must be traced to. */
  entryId: string;
}
export interface ControlCase {
  kind: Control;
  query: Query;
}
export interface EvasionSet {
  tables: IdentityTable[];
  cases: EvasionCase[];
  controls: ControlCase[];
}

const ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff", "\u200e", "\u2066", "\u202e"];
const LOOKALIKE: Readonly<Record<string, string>> = {
  a: "а",
  e: "е",
  o: "о",
  p: "р",
  c: "с",
  x: "х",
  y: "у",
  i: "і",
  j: "ј",
  s: "ѕ",
  A: "А",
  E: "Е",
  O: "О",
  P: "Р",
  C: "С",
  T: "Т",
  H: "Н",
  K: "К",
  M: "М",
  B: "В",
};
const NICKNAMES: ReadonlyArray<[string, string]> = [
  ["Robert", "Bob"],
  ["William", "Bill"],
  ["Richard", "Dick"],
  ["Elizabeth", "Liz"],
  ["Margaret", "Peggy"],
  ["James", "Jim"],
  ["Katherine", "Kate"],
  ["Jennifer", "Jenny"],
  ["Michael", "Mike"],
  ["Anthony", "Tony"],
  ["Thomas", "Tom"],
  ["Christopher", "Chris"],
  ["José", "Pepe"],
  ["Francisco", "Paco"],
  ["Ignacio", "Nacho"],
  ["Guadalupe", "Lupe"],
  ["Jesús", "Chuy"],
  ["Natalia", "Natasha"],
  ["Alexander", "Sasha"],
  ["Dmitry", "Dima"],
  ["Ekaterina", "Katya"],
  ["Mikhail", "Misha"],
  ["Giuseppe", "Beppe"],
  ["Giovanni", "Gianni"],
  ["Ioannis", "Giannis"],
  ["Konstantinos", "Kostas"],
  ["Małgorzata", "Gosia"],
  ["Wojciech", "Wojtek"],
  ["Johannes", "Hans"],
  ["Rebecca", "Becky"],
];
const MIDDLES = [
  "James",
  "Marie",
  "Anne",
  "Luis",
  "Elena",
  "John",
  "Grace",
  "Paul",
  "Rose",
  "Lee",
  "Carlos",
  "Isabel",
  "Thomas",
  "Louise",
  "Andrés",
];
const HAN_SURNAMES = [..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"];
const HAN_GIVEN = [..."伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰"];
const JA = [
  ["田中", "タナカ", "Tanaka"],
  ["佐藤", "サトウ", "Sato"],
  ["鈴木", "スズキ", "Suzuki"],
  ["高橋", "タカハシ", "Takahashi"],
  ["伊藤", "イトウ", "Ito"],
  ["山本", "ヤマモト", "Yamamoto"],
  ["中村", "ナカムラ", "Nakamura"],
  ["小林", "コバヤシ", "Kobayashi"],
] as const;
const JA_GIVEN = [
  ["由紀", "ユキ", "Yuki"],
  ["健太", "ケンタ", "Kenta"],
  ["花子", "ハナコ", "Hanako"],
  ["大輔", "ダイスケ", "Daisuke"],
  ["美咲", "ミサキ", "Misaki"],
  ["翔太", "ショウタ", "Shota"],
  ["陽菜", "ヒナ", "Hina"],
  ["蓮", "レン", "Ren"],
] as const;
const THAI_FIRST = ["สมชาย", "สมศักดิ์", "สุดา", "วิไล", "ประเสริฐ", "มาลี", "อนันต์", "กาญจนา", "ธนพล", "ปิยะ"];
const THAI_LAST = ["ใจดี", "สุขสวัสดิ์", "ศรีสุข", "วงศ์ไทย", "แก้วมณี", "ทองดี", "บุญมา", "รัตนกุล"];
const HEBREW: {first: Pair[]; last: Pair[]} = {
  first: [
    "David/דוד",
    "Moshe/משה",
    "Yosef/יוסף",
    "Avraham/אברהם",
    "Yitzhak/יצחק",
    "Sarah/שרה",
    "Rivka/רבקה",
    "Rachel/רחל",
    "Miriam/מרים",
    "Daniel/דניאל",
    "Tamar/תמר",
    "Eitan/איתן",
  ].map((p) => p.split("/") as unknown as Pair),
  last: [
    "Cohen/כהן",
    "Levi/לוי",
    "Mizrahi/מזרחי",
    "Peretz/פרץ",
    "Biton/ביטון",
    "Dahan/דהן",
    "Friedman/פרידמן",
    "Katz/כץ",
    "Shapiro/שפירו",
  ].map((p) => p.split("/") as unknown as Pair),
};
const OTHER_DIGITS = [0xff10, 0x0660, 0x06f0, 0x0966, 0x09e6, 0x0e50];

function otherDigits(r: Rng, text: string): string {
  const zero = pick(r, OTHER_DIGITS);
  return text.replace(/\d/g, (d) => String.fromCodePoint(zero + Number(d)));
}

function sprinkle(r: Rng, text: string, chars: readonly string[]): string {
  const parts = [...text];
  const at = 1 + Math.floor(r() * Math.max(1, parts.length - 2));
  parts.splice(at, 0, pick(r, chars));
  if (r() < 0.5) {
    parts.splice(1 + Math.floor(r() * (parts.length - 1)), 0, pick(r, chars));
  }
  return parts.join("");
}

function lookalike(r: Rng, text: string): string {
  const slots = [...text].map((c, i) => (LOOKALIKE[c] ? i : -1)).filter((i) => i >= 0);
  if (!slots.length) {
    return text;
  }
  const chars = [...text];
  const chosen = slots.filter(() => r() < 0.5);
  for (const i of chosen.length ? chosen : [pick(r, slots)]) {
    chars[i] = LOOKALIKE[chars[i] ?? ""] ?? chars[i] ?? "";
  }
  return chars.join("");
}

const lat = REGIONS.find((g) => g.code === "lat") as Region;

/** The evader's own, new details: nothing shared with the blacklisted person but what the family varies. */
function fresh(r: Rng, region: Region): Person {
  return makePerson(r, -1, region);
}

function query(p: Person, name: string): Query {
  return {name, email: p.email, phone: p.phone, country: p.country};
}

/** Builds the set: `perFamily` cases per family and per control, against `background` workers. */
export function evasionSet(seed: number, perFamily = 60, background = 3_000): EvasionSet {
  const r = rng(seed);
  const people: Person[] = [];
  for (let i = 0; i < background; i++) {
    people.push(makePerson(r, i, pick(r, REGIONS)));
  }
  const entries: Array<{person: Person; name: string}> = [];
  const cases: EvasionCase[] = [];
  const target = (family: Family, person: Person, name: string, q: Query) => {
    const entryId = `B-${String(entries.length + 1).padStart(6, "0")}`;
    entries.push({person, name});
    cases.push({family, query: q, entryId});
  };
  const latinPerson = (first?: string, last?: string) =>
    makePerson(r, 10_000 + entries.length, lat, first ? [first, first] : undefined, last ? [last, last] : undefined);
  for (let i = 0; i < perFamily; i++) {
    const region = pick(r, REGIONS);
    let p = makePerson(r, 10_000 + entries.length, region);
    const other = fresh(r, pick(r, REGIONS));
    target("zero-width in the name", p, p.name, query(fresh(r, region), sprinkle(r, p.name, ZERO_WIDTH)));
    p = latinPerson();
    target("look-alike letters in the name", p, p.name, query(fresh(r, lat), lookalike(r, p.name)));
    const [full, nick] = pick(r, NICKNAMES);
    const flip = r() < 0.5;
    p = latinPerson(flip ? nick : full);
    target("nickname", p, p.name, query(fresh(r, lat), `${flip ? full : nick} ${p.last[0]}`));
    p = latinPerson();
    const middle = pick(r, MIDDLES);
    const kind = i % 3;
    const stored = kind === 1 ? p.name : `${p.first[0]} ${middle} ${p.last[0]}`;
    const given =
      kind === 0
        ? p.name
        : `${p.first[0]} ${
            kind === 1
              ? middle
              : pick(
                  r,
                  MIDDLES.filter((m) => m !== middle),
                )
          } ${p.last[0]}`;
    target("middle name added, dropped or changed", p, stored, query(fresh(r, lat), given));
    p = latinPerson();
    const [storedCjk, givenCjk] = cjkPair(r, i);
    target("Chinese, Japanese or Thai name", p, storedCjk, query(fresh(r, lat), givenCjk));
    const [storedT, givenT] = transliterated(r);
    target("transliterated name", p, storedT, query(fresh(r, lat), givenT));
    // Identifier families: a new name, one old identifier written another way.
    p = makePerson(r, 10_000 + entries.length, region);
    const [local = "", domain = ""] = p.email.split("@");
    target("zero-width in the email", p, p.name, {
      ...query(other, other.name),
      email: `${sprinkle(r, local, ZERO_WIDTH)}@${domain}`,
    });
    p = makePerson(r, 10_000 + entries.length, region);
    target("email provider rules", p, p.name, {...query(other, other.name), email: providerAlias(r, p.email)});
    p = makePerson(r, 10_000 + entries.length, lat);
    const [local2 = "", domain2 = ""] = p.email.split("@");
    target("look-alike letters in the email", p, p.name, {
      ...query(other, other.name),
      email: `${lookalike(r, local2)}@${domain2}`,
    });
    p = makePerson(r, 10_000 + entries.length, region);
    const parsed = parsePhoneNumberFromString(p.phone);
    const written = r() < 0.5 ? (parsed?.formatNational() ?? p.phone) : p.phone;
    target("phone in other digits", p, p.name, {
      ...query(other, other.name),
      phone: otherDigits(r, written),
      country: p.country,
    });
    p = makePerson(r, 10_000 + entries.length, region);
    const bare = p.phone.slice(1).replace(/(\d{3})(?=\d)/g, "$1 ");
    target("phone without +", p, p.name, {
      ...query(other, other.name),
      phone: bare,
      country: r() < 0.5 ? p.country : other.country,
    });
    p = neighbourPerson(r, 10_000 + entries.length);
    const near = pick(r, neighbouringCountries(p.country));
    target("phone with a neighbouring country", p, p.name, {
      ...query(other, other.name),
      phone: parsePhoneNumberFromString(p.phone)?.formatNational() ?? p.phone,
      country: near,
    });
    p = makePerson(r, 10_000 + entries.length, region);
    target("account in other digits", p, p.name, {
      ...query(other, other.name),
      account: otherDigits(r, p.bank.account),
      routingCode: p.bank.routingCode,
      country: p.bank.country,
    });
    p = makePerson(r, 10_000 + entries.length, region);
    const ibanCountry = pick(r, [
      "DE",
      "NL",
      "IT",
      "GR",
      "AT",
      "CY",
      "ES",
      "FR",
      "PL",
      "UA",
      "KZ",
      "EG",
      "JO",
      "SA",
      "BR",
    ]);
    p = {...p, bank: {account: syntheticIban(r, ibanCountry), country: ibanCountry}};
    target("IBAN given as national number", p, p.name, {
      ...query(other, other.name),
      account: p.bank.account.slice(4),
      country: ibanCountry,
    });
    p = makePerson(r, 10_000 + entries.length, region);
    p = {
      ...p,
      idNumber: `${pick(r, [..."ABCDEFGHJKMNPRSTUVWXYZ"])}${pick(r, ["0", "1", "5", "8"])}${p.idNumber.slice(2)}`,
    };
    target("ID with look-alike characters", p, p.name, {
      ...query(other, other.name),
      idNumber: idLookalike(r, p.idNumber),
    });
  }
  const controls: ControlCase[] = [];
  const names = new Set([...people.map((p) => p.name), ...entries.map((e) => e.name)]);
  for (let i = 0; i < perFamily; i++) {
    const e = pick(
      r,
      entries.filter((x) => x.person.region === "lat" && x.name === x.person.name),
    );
    const region = lat;
    let p = fresh(r, pick(r, REGIONS));
    if (!names.has(p.name)) {
      controls.push({
        kind: "new person",
        query: {...query(p, p.name), account: p.bank.account, routingCode: p.bank.routingCode, idNumber: p.idNumber},
      });
    } else {
      i--;
      continue;
    }
    const firstOther = pick(
      r,
      region.first.filter((f) => f[0] !== e.person.first[0]),
    );
    const lastOther = pick(
      r,
      region.last.filter((l) => l[0] !== e.person.last[0]),
    );
    p = fresh(r, region);
    controls.push({kind: "shared surname", query: query(p, `${firstOther[0]} ${e.person.last[0]}`)});
    p = fresh(r, region);
    controls.push({kind: "shared first name", query: query(p, `${e.person.first[0]} ${lastOther[0]}`)});
    p = fresh(r, region);
    controls.push({
      kind: "household phone",
      query: {...query(p, `${firstOther[0]} ${e.person.last[0]}`), phone: e.person.phone, country: e.person.country},
    });
    p = fresh(r, region);
    controls.push({kind: "exact namesake", query: query(p, e.name)});
  }
  return {tables: [workersTable(people), blacklistTable(entries)], cases, controls};
}

function cjkPair(r: Rng, i: number): [string, string] {
  const kind = i % 4;
  if (kind === 0) {
    const name = `${pick(r, HAN_SURNAMES)}${pick(r, HAN_GIVEN)}${r() < 0.5 ? pick(r, HAN_GIVEN) : ""}`;
    const chars = [...name];
    return [
      name,
      pick(r, [
        name,
        `${chars[0]} ${chars.slice(1).join("")}`,
        `${chars[0]}\u3000${chars.slice(1).join("")}`,
        `${chars.slice(1).join("")} ${chars[0]}`,
      ]),
    ];
  }
  if (kind === 1) {
    const [f, g] = [pick(r, JA), pick(r, JA_GIVEN)];
    return [
      `${f[0]}${g[0]}`,
      pick(r, [`${f[0]} ${g[0]}`, `${f[0]}\u3000${g[0]}`, `${g[0]} ${f[0]}`, `${f[0]}${g[0]}`]),
    ];
  }
  if (kind === 2) {
    const [f, g] = [pick(r, JA), pick(r, JA_GIVEN)];
    return [`${f[1]} ${g[1]}`, pick(r, [`${f[2]} ${g[2]}`, `${g[2]} ${f[2]}`, `${f[1]}\u3000${g[1]}`])];
  }
  const name = `${pick(r, THAI_FIRST)} ${pick(r, THAI_LAST)}`;
  return [
    name,
    pick(r, [name, name.replace(" ", ""), name.replace(" ", "\u3000"), name.split(" ").reverse().join(" ")]),
  ];
}

function transliterated(r: Rng): [string, string] {
  const regions = REGIONS.filter((g) => ["ru", "el", "ar", "hi"].includes(g.code));
  const region = r() < 0.2 ? HEBREW : pick(r, regions);
  const f = pick(r, region.first);
  const l = pick(r, region.last);
  const native = `${f[1]} ${l[1]}`;
  const latin = `${f[0]} ${l[0]}`;
  return r() < 0.5 ? [native, latin] : [latin, native];
}

function providerAlias(r: Rng, email: string): string {
  const [local = "", domain = ""] = email.split("@");
  if (domain === "gmail.com") {
    const dotted = [...local.replace(/\./g, "")].map((c, i) => (i > 0 && r() < 0.25 ? `.${c}` : c)).join("");
    const out = `${dotted}${r() < 0.6 ? `+${pick(r, ["jobs", "work", "x1"])}` : ""}@${r() < 0.4 ? "googlemail.com" : domain}`;
    return r() < 0.3 ? out.toUpperCase() : out;
  }
  const tagged = ["outlook.com", "hotmail.com"].includes(domain) ? `${local}+${pick(r, ["jobs", "new"])}` : local;
  return `${tagged}@${domain}`.replace(/^./, (c) => c.toUpperCase()).replace(/@.*/, (d) => d.toUpperCase());
}

function idLookalike(r: Rng, id: string): string {
  const swaps: Readonly<Record<string, string[]>> = {"0": ["O", "o"], "1": ["I", "l"], "5": ["S"], "8": ["B"]};
  let out = [...id].map((c, i) => (i > 0 && swaps[c] && r() < 0.6 ? pick(r, swaps[c] ?? [c]) : c)).join("");
  if (out === id) {
    out = `${id[0]}${pick(r, swaps[id[1] ?? "0"] ?? ["O"])}${id.slice(2)}`;
  }
  return pick(r, [
    out,
    `${out.slice(0, 3)}-${out.slice(3)}`,
    `${out.slice(0, 1)} ${out.slice(1, 5)} ${out.slice(5)}`,
    out.toLowerCase(),
  ]);
}

function neighbourPerson(r: Rng, key: number): Person {
  for (;;) {
    const p = makePerson(r, key, pick(r, REGIONS));
    if (neighbouringCountries(p.country).length) {
      return p;
    }
  }
}

function workersTable(people: readonly Person[]): IdentityTable {
  return table(
    "Workers",
    people.map((p) => ({person: p, name: p.name})),
    (i) => `W-${String(i + 1).padStart(6, "0")}`,
  );
}

function blacklistTable(entries: ReadonlyArray<{person: Person; name: string}>): IdentityTable {
  return table("Blacklist", entries, (i) => `B-${String(i + 1).padStart(6, "0")}`);
}

function table(
  source: IdentityTable["source"],
  rows: ReadonlyArray<{person: Person; name: string}>,
  id: (i: number) => string,
): IdentityTable {
  const bank = (p: Person) => {
    const check = checkBankAccount(p.bank);
    return check.valid ? bankFingerprint(TEST_KEY, check.key) : "";
  };
  return {
    source,
    firstRow: 2,
    ids: rows.map((_, i) => id(i)),
    workerIds: rows.map((_, i) => (source === "Workers" ? id(i) : `W-${String(50_000 + i).padStart(6, "0")}`)),
    names: rows.map((x) => x.name),
    emails: rows.map((x) => emailKey(x.person.email)),
    phones: rows.map((x) => x.person.phone),
    banks: rows.map((x) => bank(x.person)),
    idNumbers: rows.map((x) => idFingerprint(TEST_KEY, x.person.idNumber)),
    statuses: source === "Workers" ? rows.map(() => "Active") : [],
  };
}

/** How one family or control did: cases, caught (Review or Match naming the entry), Review and Match counts. */
export interface EvasionRow {
  name: string;
  n: number;
  caught: number;
  review: number;
  match: number;
  /** A few cases that were missed, for the report. */
  missed: string[];
}

/** Screens every case and control with `run` and tallies the families and controls. */
export function scoreEvasion(
  set: EvasionSet,
  run: (q: Query) => {verdict: string; matches: ReadonlyArray<{source: string; id: string}>},
): {families: EvasionRow[]; controls: EvasionRow[]} {
  const rows = new Map<string, EvasionRow>();
  const row = (name: string) => {
    const r = rows.get(name) ?? {name, n: 0, caught: 0, review: 0, match: 0, missed: []};
    rows.set(name, r);
    return r;
  };
  const tally = (r: EvasionRow, verdict: string) => {
    r.n++;
    r.review += verdict === "Review" ? 1 : 0;
    r.match += verdict === "Match" ? 1 : 0;
  };
  for (const c of set.cases) {
    const outcome = run(c.query);
    const r = row(c.family);
    tally(r, outcome.verdict);
    if (outcome.verdict !== "Clear" && outcome.matches.some((m) => m.source === "Blacklist" && m.id === c.entryId)) {
      r.caught++;
    } else if (r.missed.length < 3) {
      r.missed.push(JSON.stringify(c.query));
    }
  }
  for (const c of set.controls) {
    const outcome = run(c.query);
    const r = row(c.kind);
    tally(r, outcome.verdict);
    if (outcome.verdict === "Match" && r.missed.length < 3) {
      r.missed.push(JSON.stringify(c.query));
    }
  }
  return {
    families: FAMILIES.map((f) => row(f)),
    controls: CONTROLS.map((c) => row(c)),
  };
}
