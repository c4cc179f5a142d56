import type {Codec} from "./codecs";
import * as z from "zod/mini";

/** One column of a ledger tab: its header, the record field it holds, and how cells are read and written. */
export interface Column<R> {
  key: keyof R & string;
  header: string;
  codec: Codec<never>;
  /** A row whose cell here is empty is reported. */
  required: boolean;
  /** Other header spellings accepted when reading, for a column renamed by hand. */
  aliases: readonly string[];
}

/** A ledger tab: its name and columns, in the order CreateLedger writes them. */
export interface TabDef<R> {
  name: string;
  columns: ReadonlyArray<Column<R>>;
  /** The field that identifies a row, reported with problems. */
  idKey: keyof R & string;
  /** Columns shown frozen at the left (ids, names). */
  frozenColumns: number;
  /** The sheet id CreateLedger gives the tab; batchUpdate requests address tabs by it. */
  sheetId: number;
}

/** Any tab, for code that handles tabs generically. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTab = TabDef<any>;

export function column<R>() {
  return <K extends keyof R & string>(
    key: K,
    header: string,
    codec: Codec<R[K]>,
    options: {required?: boolean; aliases?: string[]} = {},
  ): Column<R> => ({
    key,
    header,
    codec: codec as unknown as Codec<never>,
    required: options.required ?? false,
    aliases: options.aliases ?? [],
  });
}

/** The recent requests a row remembers, for answering a repeated requestId. */
export const recentSchema = z.array(z.object({key: z.string(), at: z.string(), eventId: z.string()}));

/**
 * The grid a new tab gets: its columns and two spare for notes. A workbook holds at most ten
 * million cells and every appended row costs a full grid row, so unused columns cost capacity.
 */
export function tabGrid(tab: AnyTab): {
  rowCount: number;
  columnCount: number;
  frozenRowCount: number;
  frozenColumnCount: number;
} {
  return {rowCount: 1000, columnCount: tab.columns.length + 2, frozenRowCount: 1, frozenColumnCount: tab.frozenColumns};
}
