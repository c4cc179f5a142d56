import {expect} from "chai";
import {startEmulator} from "../../emulator/server";
import type {Emulator, Faults} from "../../emulator/server";
import type {User} from "../../emulator/state";
import {BASE_SCOPES, DRIVE_FILE_SCOPE} from "../../emulator/state";
import type {Mode, PackError} from "./runner";
import {PackRunner} from "./runner";
import {records, sheetOf} from "./ledger-rows";

/** The people a ledger test acts as. */
export interface Team {
  lead: User;
  lead2: User;
  specialist: User;
  viewer: User;
  /** Can open the spreadsheet but is not on the Staff tab. */
  outsider: User;
}

export interface LedgerFixture {
  emu: Emulator;
  run: PackRunner;
  team: Team;
  /** The ledger URL, as a doc would pass it. */
  ledger: string;
  spreadsheetId: string;
  close(): Promise<void>;
}

/**
 * An emulator with a team and a ledger created through the pack's own CreateLedger and
 * AddStaff actions, which share the spreadsheet as each role needs (viewers read, the others
 * edit); the outsider can read the spreadsheet but is not on the Staff tab.
 */
export async function setupLedger(
  options: {mode?: Mode; faults?: Faults; timezone?: string} = {},
): Promise<LedgerFixture> {
  const emu = await startEmulator({faults: options.faults});
  // Everyone's connection allows drive.file, which AddStaff asks for to share the ledger.
  const scopes = [...BASE_SCOPES, DRIVE_FILE_SCOPE];
  const team: Team = {
    lead: emu.state.addUser("lena.lead@tns.example", {name: "Lena Lead", scopes}),
    lead2: emu.state.addUser("omar.lead@tns.example", {name: "Omar Lead", scopes}),
    specialist: emu.state.addUser("sam.specialist@tns.example", {name: "Sam Specialist", scopes}),
    viewer: emu.state.addUser("vic.viewer@tns.example", {name: "Vic Viewer", scopes}),
    outsider: emu.state.addUser("olga.outsider@tns.example", {name: "Olga Outsider", scopes}),
  };
  const run = new PackRunner({emulator: emu, mode: options.mode ?? "node", timezone: options.timezone ?? "UTC"});
  const saved = emu.faults;
  emu.setFaults({});
  const ledger = await run.formula<string>("CreateLedger", ["T&S ledger (test)"], team.lead);
  const spreadsheetId = /\/d\/([^/]+)/.exec(ledger)?.[1] ?? "";
  // The outsider can open the spreadsheet without being staff (shared by hand); AddStaff shares the rest.
  emu.state.share(spreadsheetId, team.outsider.email, "reader");
  await run.formula("AddStaff", [ledger, team.lead2.email, "lead"], team.lead);
  await run.formula("AddStaff", [ledger, team.specialist.email, "specialist"], team.lead);
  await run.formula("AddStaff", [ledger, team.viewer.email, "viewer"], team.lead);
  emu.setFaults(saved);
  return {emu, run, team, ledger, spreadsheetId, close: () => emu.close()};
}

/** Awaits a call that must fail, and returns what it threw. */
export async function failureOf(call: Promise<unknown>): Promise<PackError> {
  let caught: unknown;
  try {
    await call;
  } catch (err) {
    caught = err;
  }
  expect(caught, "expected the call to fail").to.be.instanceOf(Error);
  return caught as PackError;
}

/** Awaits a call that must fail with a UserVisibleError whose message matches. Returns the error. */
export async function expectUserError(call: Promise<unknown>, message: RegExp): Promise<PackError> {
  const err = await failureOf(call);
  expect(err.message).to.match(message);
  expect(err.isUserVisible, `not a UserVisibleError: ${err.name}: ${err.message}`).to.equal(true);
  return err;
}

/** Cells of a tab as the emulator holds them, header first. */
export function tabRows(fixture: LedgerFixture, title: string): Array<Array<string | number | boolean | undefined>> {
  return sheetOf(fixture.emu.state, fixture.spreadsheetId, title).rows.map((r) => (r ? [...r] : []));
}

/** Tab rows as objects keyed by header, blank rows dropped. */
export function tabRecords(
  fixture: LedgerFixture,
  title: string,
): Array<Record<string, string | number | boolean | undefined>> {
  return records(fixture.emu.state, fixture.spreadsheetId, title).map(({_row, ...cells}) => cells);
}

/** A date `days` from today, at midnight UTC: what a Date parameter holds in a UTC doc. */
export function daysFromNow(days: number): Date {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() + days);
  return d;
}

/** The ledger's fingerprint key, read from its key file as the emulator holds it (or from Settings on an old ledger). */
export function ledgerKey(fixture: Pick<LedgerFixture, "emu" | "spreadsheetId">): string {
  const settings = tabRecords(fixture as LedgerFixture, "Settings");
  const file = String(settings.find((s) => s.Key === "KeyFile")?.Value ?? "");
  const book = fixture.emu.state.spreadsheets.get(file);
  const key = book?.sheets.find((s) => s.properties.title === "Key")?.rows[0]?.[1];
  return String(key ?? settings.find((s) => s.Key === "FingerprintKey")?.Value ?? "");
}
