// Generated people for the screening tests and the bench. Every bank and ID number is synthetic
// (random digits with valid check digits), every email is on example domains or generated.
import {composeIBAN, isValidIBAN} from "ibantools";
import {getExampleNumber, parsePhoneNumberFromString} from "libphonenumber-js/min";
import type {CountryCode} from "libphonenumber-js/min";
import examples from "libphonenumber-js/examples.mobile.json";
import {clabeControlDigit} from "../../pack/core/banking";
import {mulberry32} from "../../emulator/server";

export type Rng = () => number;

/** A seeded generator (mulberry32, the emulator's), so every run sees the same people. */
export function rng(seed: number): Rng {
  return mulberry32(seed);
}

export function pick<T>(r: Rng, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)] as T;
}

function digits(r: Rng, n: number): string {
  let out = "";
  for (let i = 0; i < n; i++) {
    out += Math.floor(r() * 10);
  }
  return out;
}

// [Latin spelling, native spelling] per region; regions without another script repeat the Latin form.
export type Pair = readonly [string, string];
export interface Region {
  code: string;
  countries: readonly string[];
  first: readonly Pair[];
  last: readonly Pair[];
  /** The native script runs surname and given name together (Korean). */
  joined?: boolean;
}

const same = (names: string): Pair[] => names.split(",").map((n) => [n.trim(), n.trim()] as const);
const pairs = (text: string): Pair[] =>
  text.split(",").map((p) => {
    const [a = "", b = ""] = p.split("/");
    return [a.trim(), b.trim()] as const;
  });

export const REGIONS: readonly Region[] = [
  {
    code: "es",
    countries: ["MX", "ES", "CO", "AR"],
    first: same(
      "José, María, Ana, Luis, Carlos, Sofía, Valentina, Diego, Andrés, Lucía, Javier, Camila, Fernando, Daniela, Ricardo, Gabriela, Alejandro, Paula, Miguel, Elena, Raúl, Inés, Héctor, Mónica, Óscar, Ángel, Adrián, Beatriz, Jorge, Patricia, Rocío, Tomás, Ximena, Emilio, Renata, Iván, Marisol, Joaquín, Fátima, Nicolás",
    ),
    last: same(
      "Pérez, García, Hernández, López, Martínez, González, Rodríguez, Sánchez, Ramírez, Torres, Flores, Rivera, Gómez, Díaz, Cruz, Morales, Reyes, Gutiérrez, Ortiz, Chávez, Ruiz, Jiménez, Mendoza, Álvarez, Castillo, Vázquez, Romero, Herrera, Medina, Aguilar, Núñez, Domínguez, Muñoz, Castro, Vargas, Ramos, Ibáñez, Salazar, Fuentes, Cordero, Valdés, Zúñiga",
    ),
  },
  {
    code: "ru",
    countries: ["RU", "UA", "KZ"],
    first: pairs(
      "Dmitry/Дмитрий, Alexei/Алексей, Sergey/Сергей, Ivan/Иван, Nikolai/Николай, Mikhail/Михаил, Andrei/Андрей, Olga/Ольга, Natalia/Наталья, Elena/Елена, Tatiana/Татьяна, Irina/Ирина, Anna/Анна, Yulia/Юлия, Ekaterina/Екатерина, Pavel/Павел, Vladimir/Владимир, Oleg/Олег, Svetlana/Светлана, Viktor/Виктор, Anastasia/Анастасия, Yuri/Юрий, Boris/Борис, Ksenia/Ксения, Roman/Роман, Denis/Денис, Galina/Галина, Lyudmila/Людмила",
    ),
    last: pairs(
      "Ivanov/Иванов, Petrov/Петров, Smirnov/Смирнов, Kuznetsov/Кузнецов, Popov/Попов, Sokolov/Соколов, Lebedev/Лебедев, Kozlov/Козлов, Novikov/Новиков, Morozov/Морозов, Volkov/Волков, Fedorov/Фёдоров, Mikhailov/Михайлов, Pavlov/Павлов, Semenov/Семёнов, Vasiliev/Васильев, Zaitsev/Зайцев, Sorokin/Сорокин, Shevchenko/Шевченко, Kovalenko/Коваленко, Bondarenko/Бондаренко, Tkachenko/Ткаченко, Kravchenko/Кравченко, Melnyk/Мельник, Orlov/Орлов, Belov/Белов, Golubev/Голубев, Karpov/Карпов",
    ),
  },
  {
    code: "el",
    countries: ["GR", "CY"],
    first: pairs(
      "Giorgos/Γιώργος, Dimitris/Δημήτρης, Nikos/Νίκος, Konstantinos/Κωνσταντίνος, Maria/Μαρία, Eleni/Ελένη, Katerina/Κατερίνα, Ioannis/Ιωάννης, Sofia/Σοφία, Panagiotis/Παναγιώτης, Vasiliki/Βασιλική, Christos/Χρήστος, Georgia/Γεωργία, Anna/Άννα, Stavros/Σταύρος, Theodora/Θεοδώρα, Spyros/Σπύρος, Despina/Δέσποινα",
    ),
    last: pairs(
      "Papadopoulos/Παπαδόπουλος, Papadakis/Παπαδάκης, Georgiou/Γεωργίου, Nikolaou/Νικολάου, Konstantinou/Κωνσταντίνου, Oikonomou/Οικονόμου, Pappas/Παππάς, Vlachos/Βλάχος, Dimitriou/Δημητρίου, Karagiannis/Καραγιάννης, Makris/Μακρής, Alexiou/Αλεξίου, Antoniou/Αντωνίου, Christodoulou/Χριστοδούλου, Theodorou/Θεοδώρου, Angelopoulos/Αγγελόπουλος",
    ),
  },
  {
    code: "ar",
    countries: ["EG", "MA", "JO", "SA"],
    first: pairs(
      "Mohamed/محمد, Ahmed/أحمد, Mahmoud/محمود, Omar/عمر, Ali/علي, Hassan/حسن, Khaled/خالد, Youssef/يوسف, Ibrahim/إبراهيم, Mostafa/مصطفى, Fatima/فاطمة, Aisha/عائشة, Mariam/مريم, Nour/نور, Sara/سارة, Salma/سلمى, Amira/أميرة, Yasmin/ياسمين, Karim/كريم, Tarek/طارق, Samir/سمير, Rania/رانيا, Hamza/حمزة, Bilal/بلال",
    ),
    last: pairs(
      "Hassan/حسن, Ibrahim/إبراهيم, Abdullah/عبدالله, Saleh/صالح, Mansour/منصور, Haddad/حداد, Khalil/خليل, Nasser/ناصر, Farouk/فاروق, Rashid/راشد, Hamdan/حمدان, Aziz/عزيز, Salem/سالم, Othman/عثمان, Kamal/كمال, Suleiman/سليمان, Darwish/درويش, Qasim/قاسم",
    ),
  },
  {
    code: "hi",
    countries: ["IN"],
    first: pairs(
      "Rahul/राहुल, Priya/प्रिया, Amit/अमित, Anjali/अंजलि, Vikram/विक्रम, Sunita/सुनीता, Rajesh/राजेश, Pooja/पूजा, Arjun/अर्जुन, Neha/नेहा, Sanjay/संजय, Deepak/दीपक, Kavita/कविता, Ravi/रवि, Anil/अनिल, Meena/मीना, Suresh/सुरेश, Geeta/गीता, Manoj/मनोज, Rekha/रेखा",
    ),
    last: pairs(
      "Sharma/शर्मा, Singh/सिंह, Kumar/कुमार, Gupta/गुप्ता, Verma/वर्मा, Patel/पटेल, Yadav/यादव, Mishra/मिश्रा, Joshi/जोशी, Chauhan/चौहान, Reddy/रेड्डी, Nair/नायर, Pandey/पांडे, Tiwari/तिवारी, Malhotra/मल्होत्रा, Kapoor/कपूर",
    ),
  },
  {
    code: "ko",
    countries: ["KR"],
    joined: true,
    first: pairs(
      "Min-jun/민준, Seo-yeon/서연, Ji-ho/지호, Yu-na/유나, Ha-eun/하은, Do-yun/도윤, Seo-jun/서준, Su-bin/수빈, Ye-jin/예진, Hyun-woo/현우, Ji-min/지민, Eun-ji/은지",
    ),
    last: pairs(
      "Kim/김, Lee/이, Park/박, Choi/최, Jung/정, Kang/강, Cho/조, Yoon/윤, Jang/장, Lim/임, Han/한, Shin/신",
    ),
  },
  {
    code: "lat",
    countries: ["US", "GB", "DE", "FR", "PL", "NL", "IT", "NG", "PH", "BR"],
    first: same(
      "James, Mary, John, Patricia, Robert, Jennifer, Michael, Linda, William, Elizabeth, David, Barbara, François, Hélène, Jürgen, Zoë, Małgorzata, Łukasz, Wojciech, João, Gonçalo, Chinedu, Ngozi, Oluwaseun, Adebayo, Chiara, Giulia, Matteo, Lorenzo, Sanne, Daan, Emma, Noah, Léa, Chloé, Mathéo, Agnieszka, Krzysztof, Thiago, Beatriz",
    ),
    last: same(
      "Smith, Johnson, Williams, Brown, Jones, Miller, Davis, Wilson, Taylor, Anderson, Thomas, Moore, Martin, Müller, Schmidt, Schneider, Fischer, Weber, Dubois, Lefèvre, Moreau, Girard, Kowalski, Nowak, Wiśniewski, Wójcik, Silva, Santos, Oliveira, Okafor, Adeyemi, Okonkwo, Balogun, Rossi, Esposito, Bianchi, De Vries, Jansen, Bakker, Visser, Mendoza, Bautista",
    ),
  },
];

export interface BankDetails {
  account: string;
  country: string;
  routingCode?: string;
}

export interface Person {
  key: number;
  region: string;
  country: string;
  first: Pair;
  last: Pair;
  /** Latin form, given name first. */
  name: string;
  email: string;
  /** E.164. */
  phone: string;
  bank: BankDetails;
  idNumber: string;
}

// Country IBAN layouts without national check digits, so random BBANs are valid: [bank code digits/letters, account digits].
const IBAN_BBAN: Readonly<Record<string, (r: Rng) => string>> = {
  DE: (r) => digits(r, 18),
  NL: (r) => `${pick(r, ["ABNA", "INGB", "RABO", "TRIO"])}${digits(r, 10)}`,
  IT: (r) => `${String.fromCharCode(65 + Math.floor(r() * 26))}${digits(r, 10)}${digits(r, 12)}`,
  GR: (r) => digits(r, 23),
  AT: (r) => digits(r, 16),
  IE: (r) => `AIBK${digits(r, 14)}`,
  GB: (r) => `NWBK${digits(r, 14)}`,
  CY: (r) => digits(r, 24),
  UA: (r) => digits(r, 25),
  KZ: (r) => `${digits(r, 3)}${digits(r, 13)}`,
  EG: (r) => digits(r, 25),
  JO: (r) => `CBJO${digits(r, 22)}`,
  SA: (r) => `${digits(r, 2)}${digits(r, 18)}`,
  BR: (r) => `${digits(r, 23)}C1`,
  // National check digits: random until valid (1 in 100 or fewer tries).
  ES: (r) => digits(r, 20),
  FR: (r) => digits(r, 23),
  PL: (r) => digits(r, 24),
};

/** A synthetic IBAN with valid check digits for a country in {@link IBAN_BBAN}. */
export function syntheticIban(r: Rng, country: string): string {
  const make = IBAN_BBAN[country];
  for (let i = 0; make && i < 5_000; i++) {
    const iban = composeIBAN({countryCode: country, bban: make(r)});
    if (iban && isValidIBAN(iban)) {
      return iban;
    }
  }
  throw new Error(`no synthetic IBAN for ${country}`);
}

/** A synthetic CLABE with a valid control digit. */
export function syntheticClabe(r: Rng): string {
  const first = `${pick(r, ["002", "012", "014", "021", "030", "036", "044", "072"])}${digits(r, 14)}`;
  return `${first}${clabeControlDigit(first)}`;
}

/** A synthetic ABA routing number with a Federal Reserve prefix and a valid check digit. */
export function syntheticAba(r: Rng): string {
  const first = `${String(1 + Math.floor(r() * 12)).padStart(2, "0")}${digits(r, 6)}`;
  const d = [...first].map(Number);
  const partial = 3 * (d[0]! + d[3]! + d[6]!) + 7 * (d[1]! + d[4]!) + d[2]! + d[5]! + 7 * d[7]!;
  return `${first}${(10 - (partial % 10)) % 10}`;
}

export function syntheticBank(r: Rng, country: string): BankDetails {
  if (country === "MX") {
    return {account: syntheticClabe(r), country};
  }
  if (country === "US") {
    return {account: digits(r, 10), routingCode: syntheticAba(r), country};
  }
  if (country === "IN") {
    return {
      account: digits(r, 12),
      routingCode: `${pick(r, ["HDFC", "SBIN", "ICIC", "UTIB"])}0${digits(r, 6)}`,
      country,
    };
  }
  if (IBAN_BBAN[country]) {
    return {account: syntheticIban(r, country), country};
  }
  return {account: digits(r, 11), country};
}

/** A valid mobile number for the country: its example number with random last digits. */
export function syntheticPhone(r: Rng, country: string): string {
  const example = getExampleNumber(country as CountryCode, examples);
  if (!example) {
    throw new Error(`no example phone for ${country}`);
  }
  const national = example.nationalNumber;
  const tail = national.length >= 9 ? 7 : 5;
  for (let i = 0; i < 50; i++) {
    const candidate = `${national.slice(0, -tail)}${digits(r, tail)}`;
    const parsed = parsePhoneNumberFromString(candidate, country as CountryCode);
    if (parsed?.isValid()) {
      return parsed.number;
    }
  }
  return example.number;
}

const PROVIDERS = ["gmail.com", "gmail.com", "outlook.com", "yahoo.com", "example.org", "mail.example.net"];

function ascii(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/ł/g, "l")
    .replace(/Ł/g, "L")
    .toLowerCase()
    .replace(/[^a-z]+/g, "");
}

export function makePerson(r: Rng, key: number, region: Region, first?: Pair, last?: Pair): Person {
  const country = pick(r, region.countries);
  const f = first ?? pick(r, region.first);
  const l = last ?? pick(r, region.last);
  const local = `${ascii(f[0])}${pick(r, [".", "_", ""])}${ascii(l[0])}${Math.floor(r() * 10_000)}`;
  return {
    key,
    region: region.code,
    country,
    first: f,
    last: l,
    name: `${f[0]} ${l[0]}`,
    email: `${local}@${pick(r, PROVIDERS)}`,
    phone: syntheticPhone(r, country),
    bank: syntheticBank(r, country),
    idNumber: `${String.fromCharCode(65 + Math.floor(r() * 26))}${digits(r, 8)}`,
  };
}

/** What a screening query gives, as a person types it. */
export interface Query {
  name: string;
  email: string;
  phone?: string;
  country: string;
  account?: string;
  routingCode?: string;
  idNumber?: string;
}

export interface Duplicate {
  of: Person;
  query: Query;
  perturbations: string[];
}

function typo(r: Rng, word: string): string {
  const chars = [...word];
  if (chars.length < 4) {
    return word;
  }
  const i = 1 + Math.floor(r() * (chars.length - 2));
  const letters = "abcdefghijklmnoprstuvz";
  switch (Math.floor(r() * 4)) {
    case 0:
      chars[i] = pick(r, [...letters]);
      break;
    case 1:
      chars.splice(i, 1);
      break;
    case 2:
      chars.splice(i, 0, pick(r, [...letters]));
      break;
    default: {
      const a = chars[i] ?? "";
      chars[i] = chars[i + 1] ?? a;
      chars[i + 1] = a;
    }
  }
  return chars.join("");
}

function stripAccents(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").replace(/ł/g, "l").replace(/Ł/g, "L");
}

/** A Gmail address written another way that reaches the same mailbox. */
function gmailAlias(r: Rng, email: string): string {
  const [local = "", domain = ""] = email.split("@");
  const dotted = [...local.replace(/\./g, "")].map((c, i) => (i > 0 && r() < 0.2 ? `.${c}` : c)).join("");
  const tagged = r() < 0.6 ? `${dotted}+${pick(r, ["jobs", "work", "apply", "x1"])}` : dotted;
  const host = domain === "gmail.com" && r() < 0.4 ? "googlemail.com" : domain;
  return r() < 0.3 ? `${tagged}@${host}`.toUpperCase() : `${tagged}@${host}`;
}

function phoneVariant(r: Rng, e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) {
    return e164;
  }
  return pick(r, [
    parsed.formatNational(),
    parsed.formatInternational(),
    `00${e164.slice(1)}`,
    parsed.formatInternational().replace(/ /g, "-"),
  ]);
}

function accountVariant(r: Rng, account: string): string {
  const spaced = account.replace(/(.{4})/g, "$1 ").trim();
  return pick(r, [spaced, account.toLowerCase(), spaced.toLowerCase()]);
}

/** The name as the duplicate writes it: changed in one to three ways. */
function perturbName(r: Rng, p: Person, region: Region, applied: string[]): string {
  let first = p.first[0];
  let last = p.last[0];
  const kinds = ["typo", "diacritics", "swap", "script"].filter((k) => k !== "script" || p.first[0] !== p.first[1]);
  const chosen = kinds.filter(() => r() < 0.45);
  if (!chosen.length) {
    chosen.push(pick(r, kinds));
  }
  if (chosen.includes("script")) {
    applied.push("script");
    first = p.first[1];
    last = p.last[1];
    if (region.joined) {
      return `${last}${first}`;
    }
  }
  if (chosen.includes("diacritics") && !chosen.includes("script")) {
    const stripped = stripAccents(`${first}|${last}`);
    if (stripped !== `${first}|${last}`) {
      applied.push("diacritics");
      [first = "", last = ""] = stripped.split("|");
    } else {
      applied.push("case");
      [first, last] = [first.toUpperCase(), last.toLowerCase()];
    }
  }
  if (chosen.includes("typo") && !chosen.includes("script")) {
    applied.push("typo");
    if (r() < 0.5) {
      first = typo(r, first);
    } else {
      last = typo(r, last);
    }
  }
  if (chosen.includes("swap")) {
    applied.push("swap");
    return r() < 0.5 ? `${last}, ${first}` : `${last} ${first}`;
  }
  return `${first} ${last}`;
}

/**
 * The same person applying again: the name changed in one to three ways, and usually one
 * identifier kept but written another way (Gmail alias, phone format, spaced or lower-case account).
 */
export function duplicateOf(r: Rng, of: Person): Duplicate {
  const region = REGIONS.find((g) => g.code === of.region) ?? (REGIONS[0] as Region);
  const applied: string[] = [];
  const name = perturbName(r, of, region, applied);
  const fresh = makePerson(r, -1, region, of.first, of.last);
  const kept = pick(r, ["none", "none", "email", "phone", "bank"]);
  const query: Query = {name, email: fresh.email, phone: phoneVariant(r, fresh.phone), country: of.country};
  if (kept === "email") {
    query.email = of.email.endsWith("@gmail.com") ? gmailAlias(r, of.email) : of.email.toUpperCase();
    applied.push(of.email.endsWith("@gmail.com") ? "gmail-alias" : "email-case");
  } else if (kept === "phone") {
    query.phone = phoneVariant(r, of.phone);
    applied.push("phone-format");
  } else if (kept === "bank") {
    query.account = accountVariant(r, of.bank.account);
    query.routingCode = of.bank.routingCode;
    applied.push("account-format");
  }
  return {of, query, perturbations: applied};
}

export interface ScreeningSet {
  people: Person[];
  /** People also on the Blacklist tab. */
  blacklisted: Person[];
  duplicates: Duplicate[];
  /** New people, some sharing a surname (and country) with someone already in the ledger. */
  newcomers: Array<{query: Query; kind: "stranger" | "shared-surname"; sharesWith?: Person}>;
}

/**
 * A ledger of `size` people and queries against it: perturbed duplicates (typos, diacritics,
 * swapped name order, other scripts, Gmail aliases, phone formats, spaced or lower-case IBANs)
 * and newcomers. Newcomers never repeat an existing person's full name: two different people
 * with the same name cannot be told apart by name, so that case is not scored.
 */
export function screeningSet(seed: number, size: number, duplicates: number, newcomers: number): ScreeningSet {
  const r = rng(seed);
  const people: Person[] = [];
  const names = new Set<string>();
  for (let i = 0; i < size; i++) {
    const p = makePerson(r, i, pick(r, REGIONS));
    people.push(p);
    names.add(`${p.first[0]}|${p.last[0]}`);
  }
  const blacklisted = people.filter(() => r() < 0.1);
  const dups: Duplicate[] = [];
  for (let i = 0; i < duplicates; i++) {
    dups.push(duplicateOf(r, pick(r, people)));
  }
  const comers: ScreeningSet["newcomers"] = [];
  while (comers.length < newcomers) {
    const region = pick(r, REGIONS);
    const relative =
      r() < 0.3
        ? pick(
            r,
            people.filter((p) => p.region === region.code),
          )
        : undefined;
    const p = makePerson(r, -1, region, undefined, relative?.last);
    if (names.has(`${p.first[0]}|${p.last[0]}`)) {
      continue;
    }
    comers.push({
      query: {
        name: p.name,
        email: p.email,
        phone: p.phone,
        country: relative?.country ?? p.country,
        account: p.bank.account,
        routingCode: p.bank.routingCode,
        idNumber: p.idNumber,
      },
      kind: relative ? "shared-surname" : "stranger",
      sharesWith: relative,
    });
  }
  return {people, blacklisted, duplicates: dups, newcomers: comers};
}
