import type {Emulator} from "../../emulator/server";
import type {PackRunner} from "../../test/helpers/runner";
import type {Team} from "../../test/helpers/fixture";

/** What every part of `npm start` works with: the emulator, the pack runner, the team and the ledger. */
export interface DemoContext {
  emu: Emulator;
  run: PackRunner;
  team: Team;
  ledger: string;
  spreadsheetId: string;
  /** Prints a heading and lines to the console. */
  say(heading: string, ...lines: string[]): void;
  /** Prints rows as an aligned table with the given columns. */
  table(rows: ReadonlyArray<Record<string, unknown>>, columns: string[]): void;
}
