// A synthetic, reproducible workforce: names from many countries and scripts, Gmail dot and plus
// aliases, phones typed in national formats, and a history of decisions. No real person's data.
import {normalizePhone} from "../../pack/core/identity";
import {mulberry32} from "../../emulator/server";

export interface CountryProfile {
  code: string;
  timezone: string;
  given: string[];
  family: string[];
  /** National phone formats; "#" is a random digit. */
  phones: string[];
  weight: number;
}

// One country a block: code, time zone and weight; given names; family names; national phone formats.
const COUNTRY_TABLE = `
MX America/Mexico_City 9
  José, María, Guadalupe, Juan, Ana, Luis, Sofía, Carlos, Valeria, Jesús
  Hernández, García, Martínez, López, González, Pérez, Rodríguez, Sánchez, Ramírez, Núñez
  55 #### ####; 33 #### ####; 81 #### ####
BR America/Sao_Paulo 8
  João, Maria, Ana, Luiz, Fernanda, Thiago, Beatriz, Gabriel
  Silva, Santos, Oliveira, Souza, Pereira, Lima, Gonçalves, Araújo
  (11) 9####-####; (21) 9####-####
IN Asia/Kolkata 12
  Aarav, Priya, Rohan, Ananya, Vikram, Sneha, अर्जुन, प्रिया, Lakshmi, Rahul
  Sharma, Patel, Reddy, Iyer, Singh, Gupta, शर्मा, Nair, Das, Kumar
  98### #####; +91 97### #####; 070## #####
NG Africa/Lagos 7
  Chinedu, Ngozi, Oluwaseun, Aisha, Emeka, Funmilayo, Ibrahim
  Okafor, Adeyemi, Bello, Okonkwo, Abubakar, Eze, Balogun
  0803 ### ####; 0806 ### ####; +234 802 ### ####
KE Africa/Nairobi 5
  Wanjiru, Otieno, Achieng, Kamau, Njeri, Mwangi
  Odhiambo, Kariuki, Mutua, Wafula, Chebet, Kiprop
  0712 ######; 0722 ######
PH Asia/Manila 6
  Maria, Jose, Angelica, Mark, Kristine, John Paul
  Dela Cruz, Reyes, Santos, Bautista, Garcia, Mendoza
  0917 ### ####; 0920 ### ####
DE Europe/Berlin 4
  Lukas, Anna, Jürgen, Lena, Maximilian, Sophie
  Müller, Schmidt, Schneider, Fischer, Weiß, Groß
  030 ########; 0151 ########
PL Europe/Warsaw 4
  Łukasz, Agnieszka, Paweł, Małgorzata, Krzysztof
  Nowak, Kowalski, Wiśniewski, Wójcik, Kamiński
  512 ### ###; 601 ### ###
UA Europe/Kyiv 4
  Олександр, Оксана, Andriy, Iryna, Дмитро, Olena
  Шевченко, Kovalenko, Бондаренко, Tkachenko, Мельник
  050 ### ####; 067 ### ####
EG Africa/Cairo 4
  Mohamed, Fatma, أحمد, Mariam, Youssef, نور
  Hassan, Ibrahim, محمود, Mostafa, Abdelrahman
  010 #### ####; 012 #### ####
CN Asia/Shanghai 3
  伟, 芳, Wei, Xiu Ying, 娜, Jun
  王, 李, Zhang, Liu, 陈, Yang
  131 #### ####; 139 #### ####
VN Asia/Ho_Chi_Minh 4
  Nguyễn Văn, Thị Hương, Minh, Thu Trang, Quang
  Nguyễn, Trần, Lê, Phạm, Hoàng
  091 ### ## ##; 098 ### ## ##
US America/New_York 8
  Emily, Michael, Jessica, David, Ashley, Christopher, Sarah
  Johnson, Williams, Brown, Jones, Miller, Davis, O'Connor
  (201) 555-0###; (312) 555-0###; 646-555-0###
GB Europe/London 5
  Oliver, Amelia, Harry, Isla, George, Siobhán
  Smith, Jones, Taylor, Brown, Evans, Ó Briain
  07700 900###; 020 7946 0###
TR Europe/Istanbul 3
  Mehmet, Ayşe, Mustafa, Zeynep, Emre
  Yılmaz, Kaya, Demir, Şahin, Çelik
  0532 ### ## ##; 0544 ### ## ##
ID Asia/Jakarta 5
  Putri, Budi, Siti, Agus, Dewi
  Santoso, Wijaya, Saputra, Hidayat, Kusuma
  0812-####-####; 0857-####-####
PK Asia/Karachi 4
  Muhammad, Ayesha, Ali, Fatima, Hamza
  Khan, Ahmed, Malik, Hussain, Qureshi
  0300 #######; 0333 #######
`;

export const COUNTRIES: CountryProfile[] = COUNTRY_TABLE.trim()
  .split(/\n(?=\S)/)
  .map((block) => {
    const [head = "", given = "", family = "", phones = ""] = block.split("\n").map((line) => line.trim());
    const [code = "", timezone = "", weight = ""] = head.split(" ");
    return {
      code,
      timezone,
      weight: Number(weight),
      given: given.split(", "),
      family: family.split(", "),
      phones: phones.split("; "),
    };
  });

const DOMAINS = ["gmail.com", "gmail.com", "gmail.com", "outlook.com", "yahoo.com", "proton.me", "example.org"];
const PROJECTS = ["Atlas", "Borealis", "Cygnus", "Delta", "Eos"];
const REASONS = [
  ["Submitted copied answers on several tasks", "CoC 4.2"],
  ["Repeated late submissions after warnings", "CoC 2.2"],
  ["Shared task content outside the platform", "CoC 5.1"],
  ["Abusive messages to a reviewer", "CoC 3.1"],
  ["Used an automated tool where forbidden", "CoC 4.5"],
];

/** One decision in a generated worker's history, before it is written to a ledger. */
export interface HistoryStep {
  type:
    | "ApplicantAdded"
    | "VettingStarted"
    | "Approved"
    | "Rejected"
    | "Suspended"
    | "Reinstated"
    | "Offboarded"
    | "BlacklistProposed"
    | "Blacklisted";
  at: string;
  reason?: string;
  policyClause?: string;
  /** For suspensions: the first day the worker may work again. */
  until?: string;
  /** Who decided: an index into the team of specialists and leads. */
  actor: number;
}

export interface GeneratedWorker {
  name: string;
  email: string;
  phone: string;
  country: string;
  timezone: string;
  projects: string;
  history: HistoryStep[];
  /**
   * What vetting recorded at approval, and the worker's last activity (ISO). Realistic rates: most
   * Active workers have all of it; gaps are planted at the rates in VETTING_RATES.
   */
  vetting?: {bank: boolean; screened: boolean; folder: boolean; lastActivityAt: string};
}

/** How often a generated worker has each piece of vetting, and how often they went quiet. */
export const VETTING_RATES = {bank: 0.99, screened: 0.99, folder: 0.985, quiet: 0.015};

export interface WorkforceOptions {
  count: number;
  seed?: number;
  /** The time the history ends at (ISO); everything happens in the 720 days before. */
  now: string;
}

/** A reproducible workforce of `count` people with histories. */
export function generateWorkforce(options: WorkforceOptions): GeneratedWorker[] {
  const random = mulberry32(options.seed ?? 42);
  // A separate stream, so the histories stay what they were for a given seed.
  const facts = mulberry32((options.seed ?? 42) + 7_919);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const totalWeight = COUNTRIES.reduce((n, c) => n + c.weight, 0);
  const country = () => {
    let x = random() * totalWeight;
    for (const c of COUNTRIES) {
      x -= c.weight;
      if (x <= 0) {
        return c;
      }
    }
    return COUNTRIES[0] as CountryProfile;
  };
  const end = Date.parse(options.now);
  const DAY = 86_400_000;
  const workers: GeneratedWorker[] = [];
  const emails = new Set<string>();
  for (let i = 0; i < options.count; i++) {
    const c = country();
    const given = pick(c.given);
    const family = pick(c.family);
    const name = random() < 0.1 ? `${family} ${given}` : `${given} ${family}`;
    let email = "";
    for (let attempt = 0; !email || emails.has(email); attempt++) {
      email = emailFor(given, family, pick(DOMAINS), i + attempt * 100_003, random);
    }
    emails.add(email);
    const phone = phoneFor(c, random);
    const start = end - Math.floor(random() * 700 + 20) * DAY;
    const history = historyFor(start, end, random, pick);
    workers.push({
      name,
      email,
      phone,
      country: c.code,
      timezone: c.timezone,
      projects: [pick(PROJECTS), ...(random() < 0.3 ? [pick(PROJECTS)] : [])]
        .filter((p, k, a) => a.indexOf(p) === k)
        .join(", "),
      history,
      vetting: {
        bank: facts() < VETTING_RATES.bank,
        screened: facts() < VETTING_RATES.screened,
        folder: facts() < VETTING_RATES.folder,
        // Most worked in the last two weeks; a few went quiet for three to six months.
        lastActivityAt: new Date(
          end - (facts() < VETTING_RATES.quiet ? 90 + facts() * 90 : facts() * 14) * DAY,
        ).toISOString(),
      },
    });
  }
  return workers;
}

function ascii(text: string): string {
  const folded = text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/[łŁ]/g, "l")
    .replace(/ß/g, "ss")
    .toLowerCase()
    .replace(/[^a-z]+/g, "");
  return folded;
}

function emailFor(given: string, family: string, domain: string, n: number, random: () => number): string {
  const g = ascii(given) || "user";
  const f = ascii(family) || "worker";
  const local = random() < 0.5 ? `${g}.${f}` : `${g}${f}`;
  // Gmail users often type dots and +tags: the canonical key must see through them.
  const tag = domain === "gmail.com" && random() < 0.15 ? "+work" : "";
  return `${local}${n}${tag}@${domain}`;
}

function phoneFor(c: CountryProfile, random: () => number): string {
  for (let attempt = 0; attempt < 50; attempt++) {
    const format = c.phones[Math.floor(random() * c.phones.length)] as string;
    const phone = format.replace(/#/g, () => String(Math.floor(random() * 10)));
    if (normalizePhone(phone, c.code).valid) {
      return phone;
    }
  }
  return "";
}

/**
 * A history, then what a team does with a suspension that ended without reinstatement: nine in ten
 * such workers are offboarded a few days after its end (the tenth stays a suspension-overdue signal).
 * Adds no draws, so the histories of later workers stay what they were for a seed.
 */
function historyFor(start: number, end: number, random: () => number, pick: <T>(l: readonly T[]) => T): HistoryStep[] {
  const steps = drawHistory(start, end, random, pick);
  const last = steps[steps.length - 1];
  const until = last?.type === "Suspended" && last.until ? Date.parse(`${last.until}T00:00:00Z`) : NaN;
  const DAY = 86_400_000;
  if (last && until + 3 * DAY < end && Math.floor(until / DAY) % 10 !== 0) {
    steps.push({
      type: "Offboarded",
      at: new Date(until + 3 * DAY).toISOString(),
      reason: "Did not return after the suspension",
      actor: last.actor,
    });
  }
  return steps;
}

function drawHistory(start: number, end: number, random: () => number, pick: <T>(l: readonly T[]) => T): HistoryStep[] {
  const DAY = 86_400_000;
  const steps: HistoryStep[] = [];
  let t = start;
  const next = (minDays: number, maxDays: number) => {
    t += Math.floor((minDays + random() * (maxDays - minDays)) * DAY);
    return t < end ? new Date(t).toISOString() : undefined;
  };
  const actor = () => Math.floor(random() * 4);
  steps.push({type: "ApplicantAdded", at: new Date(t).toISOString(), actor: actor()});
  const roll = random();
  if (roll < 0.08) {
    return steps;
  }
  let at = next(0.5, 5);
  if (!at) {
    return steps;
  }
  steps.push({type: "VettingStarted", at, actor: actor()});
  if (random() < 0.05) {
    return steps;
  }
  at = next(1, 10);
  if (!at) {
    return steps;
  }
  if (roll < 0.16) {
    const [reason, clause] = pick(REASONS);
    steps.push({type: "Rejected", at, reason, policyClause: clause, actor: actor()});
    return steps;
  }
  steps.push({type: "Approved", at, actor: actor()});
  if (random() < 0.12) {
    at = next(10, 200);
    if (!at) {
      return steps;
    }
    const [reason, clause] = pick(REASONS);
    const until = new Date(Date.parse(at) + Math.floor(7 + random() * 30) * DAY).toISOString().slice(0, 10);
    steps.push({type: "Suspended", at, reason, policyClause: clause, until, actor: actor()});
    if (random() < 0.75) {
      at = next(7, 40);
      if (!at) {
        return steps;
      }
      steps.push({type: "Reinstated", at, actor: actor()});
    }
  }
  if (random() < 0.03) {
    at = next(5, 60);
    if (!at) {
      return steps;
    }
    const [reason, clause] = pick(REASONS);
    steps.push({type: "BlacklistProposed", at, reason, policyClause: clause, actor: actor()});
    if (random() < 0.7) {
      at = next(1, 5);
      if (at) {
        steps.push({type: "Blacklisted", at, actor: actor()});
      }
    }
    return steps;
  }
  if (random() < 0.08) {
    at = next(30, 300);
    if (at) {
      steps.push({type: "Offboarded", at, reason: "Project ended", actor: actor()});
    }
  }
  return steps;
}
