// A tab read top to bottom in row parts within one execution, each part handed on and dropped
// before the next is read: how VerifyLedger goes through a decision log larger than a pack's
// memory (Coda gives a pack's isolate 128 MB, as the SDK's own runner does; a 100,000-worker
// log is about 210 MB of cells).
import type {Google} from "../../google/http";
import type {CellValue} from "../../google/sheets";
import {a1, batchGetValues} from "../../google/sheets";
import {answerBytes, GUESS_BYTES_PER_CELL, PART_TARGET_BYTES} from "../../google/sheets-parts";
import type {LedgerRef} from "./ref";

/** A part is at most this many times the rows of the one before (as pack/google/sheets-parts.ts grows them). */
const GROWTH = 4;

/**
 * Reads rows `first`..`last` of a tab `columns` wide in consecutive parts sized from the bytes per
 * row the previous part took (aiming at PART_TARGET_BYTES; the first from GUESS_BYTES_PER_CELL),
 * calling `take` with each part's values and first row, in order. A part Coda refuses is read
 * again in smaller parts by batchGetValues itself.
 */
export async function streamRows(
  g: Google,
  ref: LedgerRef,
  tab: string,
  span: {first: number; last: number; columns: number},
  what: string,
  take: (values: CellValue[][], firstRow: number) => void,
): Promise<number> {
  let size = Math.max(1, Math.floor(PART_TARGET_BYTES / (Math.max(1, span.columns) * GUESS_BYTES_PER_CELL)));
  let requests = 0;
  for (let at = span.first; at <= span.last;) {
    const to = Math.min(span.last, at + size - 1);
    const [part] = await batchGetValues(g, ref.spreadsheetId, [a1(tab, `${at}:${to}`)], {what});
    requests++;
    const values = part?.values ?? [];
    take(values, at);
    const read = to - at + 1;
    const perRow = values.length ? answerBytes(values) / read : 0;
    size = perRow
      ? Math.max(1, Math.min(read * GROWTH, Math.floor(PART_TARGET_BYTES / perRow)))
      : Math.min(read * GROWTH, 100_000);
    at = to + 1;
  }
  return requests;
}
