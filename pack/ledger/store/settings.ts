// Every key of the ledger's Settings tab in one table: the value CreateLedger writes, the note
// beside it, and how the pack reads it. Adding a key is one line in SETTINGS_TABLE (or, for a
// family of keys such as "Holidays.MX", in SETTING_PATTERNS).
import type {ErrorCode} from "../../core/errors";
import {badInput} from "../../core/errors";
import {isMailAddress} from "../../core/address";
import {isYes, parseFolderList} from "../../core/access";
import {DEFAULT_STALE_DAYS, requiredKinds} from "../../core/documents";
import {DEFAULT_APPEAL_DAYS} from "../../core/notices";
import {DEFAULT_RESPONSE_DAYS, MAX_RESPONSE_DAYS, parseHolidays, parseWeekend} from "../../core/sla";
import type {RuleMode} from "../../core/rules/types";
import {RULE_MODES} from "../../core/rules/types";
import {parseSteps} from "../../core/external";
import type {ExternalConfig, ExternalTool, StepDecision} from "../../core/external";
import type {ParsedRow} from "./rows";
import type {SettingRecord} from "./layout";
import {SCHEMA_VERSION} from "./layout";

/** The Settings tab read as key → value (the first row of a key wins). */
export type Settings = ReadonlyMap<string, string>;

/** One Settings key: what CreateLedger writes, the note beside it, and how its value is read. */
export interface SettingDef<T> {
  /** The value CreateLedger writes, and what an empty cell means. */
  default: string;
  note: string;
  /** Reads a trimmed, non-empty value; `key` is the full key, for messages. */
  parse(text: string, key: string): T;
}

function def<T>(value: string, note: string, parse: (text: string, key: string) => T): SettingDef<T> {
  return {default: value, note, parse};
}

const asText = (text: string): string => text;

/** A whole number of days from `min` to `max`; anything else is refused, naming the key. */
function wholeDays(code: ErrorCode, min: number, max: number, unit: string) {
  return (text: string, key: string): number => {
    const days = Number(text);
    if (!Number.isInteger(days) || days < min || days > max) {
      throw badInput(
        code,
        `The ledger's Settings give ${key} = "${text}"; use a whole number of ${unit} from ${min} to ${max}.`,
      );
    }
    return days;
  };
}

/** A whole number of days, or `fallback` when the value is not one (a typo does not stop monitoring). */
function lenientDays(fallback: number) {
  return (text: string): number => {
    const n = Number(text);
    return Number.isFinite(n) && n >= 0 ? Math.floor(n) : fallback;
  };
}

function listed<T>(code: ErrorCode, read: (text: string) => {problems: string[]} & T) {
  return (text: string, key: string): T => {
    const parsed = read(text);
    if (parsed.problems.length) {
      throw badInput(code, `The ledger's Settings ${key}: ${parsed.problems.join("; ")}.`);
    }
    return parsed;
  };
}

/** A number of strikes from `min` to 100 (decimals allowed); anything else is refused, naming the key. */
function strikeNumber(code: "SETTINGS_STRIKES", min: number) {
  return (text: string, key: string): number => {
    const n = Number(text);
    if (!Number.isFinite(n) || n < min || n > 100) {
      throw badInput(
        code,
        `The ledger's Settings give ${key} = "${text}"; use a number of strikes from ${min} to 100.`,
      );
    }
    return n;
  };
}

/** Hours as a positive number; "none" or 0 (no due time) reads as undefined, and so does a typo. */
function dueHours(text: string): number | undefined {
  const n = Number(text);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** A rule's mode; a typo is refused, naming the key, so a rule is never silently off. */
function ruleMode(text: string, key: string): RuleMode {
  const mode = RULE_MODES.find((m) => m === text.toLowerCase());
  if (!mode) {
    throw badInput("SETTINGS_RULE", `The ledger's Settings give ${key} = "${text}"; use on, shadow or off.`);
  }
  return mode;
}

/**
 * NoticeSenderName is the From display name and the signature of every notice: one line of
 * text. Checked when read, so a value edited by hand never reaches a mail header.
 */
function senderName(text: string, key: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(text) || text.length > 100) {
    throw badInput(
      "SETTINGS_NOTICE",
      `The ledger's Settings give ${key} = ${JSON.stringify(text.slice(0, 60))}, which is not one line of at most 100 characters, so no notice is sent with it. A lead should correct it on the Settings tab; the notice stays pending for SendNotice.`,
    );
  }
  return text;
}

/** A Discord server id (a snowflake, kept as text), or empty. */
function guildId(text: string, key: string): string {
  if (!/^\d{15,20}$/.test(text)) {
    throw badInput(
      "SETTINGS_DISCORD_GUILD",
      `The ledger's Settings give ${key} = "${text}"; use the Discord server's id (15 to 20 digits: Copy Server ID), or leave it empty.`,
    );
  }
  return text;
}

const steps = (tool: ExternalTool) => (text: string, key: string) => parseSteps(tool, text, key);
const discordSteps = steps("Discord");
const zendeskSteps = steps("Zendesk");

/** AppealContact is every notice's Reply-To: one email address. Checked when read. */
function appealContact(text: string, key: string): string {
  if (text && !isMailAddress(text)) {
    throw badInput(
      "SETTINGS_NOTICE",
      `The ledger's Settings give ${key} = ${JSON.stringify(text.slice(0, 60))}, which is not one email address (it becomes the notices' Reply-To), so no notice is sent with it. A lead should correct it on the Settings tab; the notice stays pending for SendNotice.`,
    );
  }
  return text;
}

const responseDays = wholeDays("SETTINGS_SLA", 0, MAX_RESPONSE_DAYS, "business days");
const holidays = listed("SETTINGS_HOLIDAYS", parseHolidays);
const weekend = listed("SETTINGS_WEEKEND", parseWeekend);

/** Every key CreateLedger writes, in the order of the Settings tab. */
export const SETTINGS_TABLE = {
  SchemaVersion: def(String(SCHEMA_VERSION), "Layout version of this ledger. Do not change.", asText),
  FingerprintKey: def("", "Secret key for bank and ID fingerprints. Do not change or share.", asText),
  KeyFile: def(
    "",
    "The spreadsheet holding the fingerprint key, shared only with specialists and leads (AddStaff and RemoveStaff keep it in step).",
    asText,
  ),
  StaffDomains: def(
    "",
    "Email domains staff accounts may come from, separated by commas (company.com, contractor.com). Empty: any. AddStaff refuses others.",
    asText,
  ),
  CreatedAt: def("", "When the ledger was created.", asText),
  CreatedBy: def("", "Who created the ledger.", asText),
  AppealWindowDays: def(
    String(DEFAULT_APPEAL_DAYS),
    "Days a worker has to appeal an adverse decision.",
    wholeDays("SETTINGS_APPEAL", 1, 3650, "days"),
  ),
  NoticeSenderName: def("Trust & Safety team", "The name notices are signed and sent with (one line).", senderName),
  AppealContact: def(
    "",
    "Where workers send appeals: one email address, also the notices' Reply-To. Empty: they reply to the notice.",
    appealContact,
  ),
  CodeOfConductUrl: def("", "A link to the Code of Conduct, quoted in notices.", asText),
  DisputeResponseDays: def(
    String(DEFAULT_RESPONSE_DAYS),
    "Business days to a first response to a dispute. DisputeResponseDays.Payment (and so on) sets one category.",
    responseDays,
  ),
  Holidays: def(
    "",
    "Dates that are not business days: YYYY-MM-DD, or MM-DD every year, separated by commas. Holidays.MX adds a country's.",
    holidays,
  ),
  Weekend: def("Sat Sun", "Days that are not business days. Weekend.AE (and so on) sets one country's.", weekend),
  ProjectFolders: def(
    "",
    "Drive project folders (links or IDs, comma-separated): offboarding and blacklisting remove the worker's access.",
    parseFolderList,
  ),
  SuspensionRemovesAccess: def(
    "FALSE",
    "TRUE: suspending removes that access too; reinstating restores exactly it.",
    isYes,
  ),
  InactivityDays: def("60", "Days without activity before an Active worker is flagged (0: never).", lenientDays(60)),
  AuditIntervalDays: def("90", "ScheduleAudits skips workers audited within this many days.", lenientDays(90)),
  AuditDueDays: def("14", "Days from scheduling to an audit's due date.", lenientDays(14)),
  RequiredDocuments: def("identity, tax, contract, bank", "Documents every worker's folder must hold.", requiredKinds),
  DocumentStaleDays: def(
    String(DEFAULT_STALE_DAYS),
    "Days after which a tax form or bank proof is stale.",
    lenientDays(DEFAULT_STALE_DAYS),
  ),
  StrikeExpiryDays: def(
    "180",
    "Days a warning's strike counts. StrikeWeight.<clause> (StrikeWeight.CoC 4.2) weighs one clause's warnings; 1 otherwise.",
    wholeDays("SETTINGS_STRIKES", 1, 3650, "days"),
  ),
  StrikeThreshold: def(
    "3",
    "Active strikes at which a finding suggests a suspension (it never takes one).",
    strikeNumber("SETTINGS_STRIKES", 0.01),
  ),
  InvestigationReviewDays: def(
    "14",
    "Days after which a suspension pending investigation (no end date) is due for review.",
    wholeDays("SETTINGS_REVIEW", 1, 365, "days"),
  ),
  ReapplyAfterDays: def(
    "90",
    "Days after a rejection or offboarding before Reapply is allowed (0: at once). Never after a blacklisting.",
    wholeDays("SETTINGS_REAPPLY", 0, 3650, "days"),
  ),
  VettingGraceDays: def(
    "14",
    "Days an Active worker has to complete vetting (bank, screening, documents) before its gaps are a finding.",
    lenientDays(14),
  ),
  "FindingDueHours.Critical": def("24", "Hours to deal with a Critical finding (none: no due time).", dueHours),
  "FindingDueHours.Warning": def("72", "Hours to deal with a Warning finding (none: no due time).", dueHours),
  "FindingDueHours.Review": def("168", "Hours to deal with a Review finding (none: no due time).", dueHours),
  "FindingDueHours.Info": def("", "Hours to deal with an Info finding (none: no due time).", dueHours),
  "Discord.GuildId": def(
    "",
    "The community's Discord server id. Empty: decisions owe no Discord step. The Discord companion pack takes the steps.",
    (text: string, key: string) => (text ? guildId(text, key) : ""),
  ),
  "Discord.OnBlacklist": def(
    "ban",
    "Discord steps a blacklisting owes: ban, kick, remove-roles:<ids>, none.",
    discordSteps,
  ),
  "Discord.OnSuspend": def(
    "none",
    "Discord steps a suspension owes: timeout (28 days at most) or remove-roles:<ids>, or none.",
    discordSteps,
  ),
  "Discord.OnReinstate": def(
    "restore",
    "Discord steps a reinstatement owes: restore gives back exactly the roles remove-roles took.",
    discordSteps,
  ),
  "Discord.OnOffboard": def(
    "none",
    "Discord steps an offboarding owes: remove-roles:<ids>, kick or none.",
    discordSteps,
  ),
  "Zendesk.OnBlacklist": def(
    "suspend-user",
    "Zendesk steps a blacklisting owes (for workers with a ZendeskUserId): suspend-user or none.",
    zendeskSteps,
  ),
  "Zendesk.OnSuspend": def("none", "Zendesk steps a suspension owes: suspend-user or none.", zendeskSteps),
  "Zendesk.OnReinstate": def("none", "Zendesk steps a reinstatement owes: unsuspend-user or none.", zendeskSteps),
  "Zendesk.OnOffboard": def("none", "Zendesk steps an offboarding owes: suspend-user or none.", zendeskSteps),
} as const;

/**
 * Families of keys a person adds by hand: the prefix, then a category, a country code or an id
 * ("DisputeResponseDays.Payment", "Holidays.MX"). CreateLedger writes none of them.
 */
export const SETTING_PATTERNS = {
  "DisputeResponseDays.": def("", "Business days to a first response for one dispute category.", responseDays),
  "Holidays.": def("", "A country's holidays, added to Holidays.", holidays),
  "Weekend.": def("", "A country's weekend, in place of Weekend.", weekend),
  "StrikeWeight.": def(
    "",
    "How many strikes a warning under one clause counts (the clause exactly as written).",
    strikeNumber("SETTINGS_STRIKES", 0),
  ),
  "Rule.": def("on", "How a monitoring rule runs: on, shadow (findings shown, kept out of the work) or off.", ruleMode),
} as const;

export type SettingKey = keyof typeof SETTINGS_TABLE;
export type SettingPattern = keyof typeof SETTING_PATTERNS;
export type SettingValue<K extends SettingKey> = ReturnType<(typeof SETTINGS_TABLE)[K]["parse"]>;
export type PatternValue<P extends SettingPattern> = ReturnType<(typeof SETTING_PATTERNS)[P]["parse"]>;

/** A key's value as written, trimmed; "" when the row is missing or empty. */
export function rawSetting(settings: Settings, key: SettingKey | `${SettingPattern}${string}`): string {
  return settings.get(key)?.trim() ?? "";
}

/** A key's value, read by its parser; an empty or missing value reads as the default. */
export function setting<K extends SettingKey>(settings: Settings, key: K): SettingValue<K> {
  const entry = SETTINGS_TABLE[key] as SettingDef<SettingValue<K>>;
  return entry.parse(rawSetting(settings, key) || entry.default, key);
}

/** The value of `prefix` + `suffix` ("Holidays." + "MX"), read by its parser; undefined when empty or missing. */
export function settingFor<P extends SettingPattern>(
  settings: Settings,
  prefix: P,
  suffix: string,
): PatternValue<P> | undefined {
  const key = `${prefix}${suffix}` as const;
  const text = rawSetting(settings, key);
  return text ? (SETTING_PATTERNS[prefix] as SettingDef<PatternValue<P>>).parse(text, key) : undefined;
}

/** What Settings configure the companions to do for each decision. */
export function externalConfig(settings: Settings): ExternalConfig {
  const decisions: Array<[StepDecision, "OnBlacklist" | "OnSuspend" | "OnReinstate" | "OnOffboard"]> = [
    ["Blacklisted", "OnBlacklist"],
    ["Suspended", "OnSuspend"],
    ["Reinstated", "OnReinstate"],
    ["Offboarded", "OnOffboard"],
  ];
  return {
    discordGuildId: setting(settings, "Discord.GuildId"),
    steps: {
      Discord: Object.fromEntries(decisions.map(([d, k]) => [d, setting(settings, `Discord.${k}`)])),
      Zendesk: Object.fromEntries(decisions.map(([d, k]) => [d, setting(settings, `Zendesk.${k}`)])),
    },
  };
}

/** The rows CreateLedger writes: every key of the table with its default, or the value given here. */
export function settingRows(values: Partial<Record<SettingKey, string>>): SettingRecord[] {
  return (Object.keys(SETTINGS_TABLE) as SettingKey[]).map((key) => ({
    key,
    value: values[key] ?? SETTINGS_TABLE[key].default,
    note: SETTINGS_TABLE[key].note,
  }));
}

/** The Settings rows as a map; the first row of a key wins, rows without a key are skipped. */
export function settingsMap(rows: ReadonlyArray<ParsedRow<SettingRecord>>): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of rows) {
    if (r.record.key && !out.has(r.record.key)) {
      out.set(r.record.key, r.record.value);
    }
  }
  return out;
}
