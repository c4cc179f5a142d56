// Reading in parts what Coda's fetcher refuses for its size (issue 16, item 6). Coda throws
// ResponseSizeTooLargeError "when the response body from the external system exceeds packs platform
// limits" and says it "can be caught and retried by requesting less data" (packs-sdk dist/api.d.ts,
// coda/packs-sdk#3020); it publishes no number (docs/google-behaviour.md, "Response size cap"). Every
// refusal costs a whole answer that Google builds and Coda downloads before refusing it, so the plan
// here is to be refused as few times as possible, and to ask for parts as large as is safe.
import {GoogleApiError, isResponseTooLarge, RESPONSE_TOO_LARGE} from "./errors";
import type {Grids} from "./sheets-a1";
import {bounded, shapeOf, spanOf} from "./sheets-a1";

export type {Grids} from "./sheets-a1";

/** What a cell holds when read with UNFORMATTED_VALUE: text, a number (dates are serial numbers) or a boolean. */
export type CellValue = string | number | boolean;

/** A values.batchGet answer for one range (the fields the pack reads). */
export interface ValueRange {
  range: string;
  majorDimension?: string;
  values?: CellValue[][];
}

/** How a refused read asks Google again. */
export interface PartReader {
  /** One request for `ranges`, answers in the order asked; throws (isResponseTooLarge) when Coda refuses it. */
  read(ranges: string[]): Promise<ValueRange[]>;
  /** Each tab's grid (spreadsheets.get with fields): a small answer, fetched at most once per refused read. */
  grids(): Promise<Grids>;
  /** majorDimension COLUMNS: parts are joined column by column. */
  columns: boolean;
  /** What the pack was doing, for the message when even one row is too large. */
  what: string;
}

/**
 * The size a part aims at. Coda publishes no cap; the pack assumes 10 MB (issue 16; Coda's own CLI
 * fetcher refuses 25 MiB, packs-sdk dist/testing/fetcher.js). Half of it: a part may come out twice
 * as large as the rows measured before it predict (the decision log's rows differ by a factor of
 * about 1.6 from one stretch of the log to another) and still pass. Larger parts mean fewer requests
 * (Sheets allows 60 reads a minute per user: https://developers.google.com/workspace/sheets/api/limits);
 * the decision log at 100,000 workers (about 210 MB) is about 42 parts. Once Coda refuses a part,
 * parts aim below what it refused instead ({@link Knowledge.target}).
 */
export const PART_TARGET_BYTES = 5_000_000;

/**
 * Bytes per grid cell assumed before anything is measured: no document gives one. The ledger's tabs
 * measure 11 to 37 bytes per grid cell in compact JSON; 100 errs towards a smaller first part, after
 * which what the parts measured is used.
 */
export const GUESS_BYTES_PER_CELL = 100;

/** A part is at most this many times the rows of the part before it: what one part measured is trusted that far. */
const MAX_GROWTH = 4;

/** How many times in a row (no part read between) a part is halved after refusals before the pack gives up and says so. */
export const MAX_SPLITS = 6;

/** What one refused read has learned about the cap and the rows' size, shared by all its parts. */
export class Knowledge {
  /** The smallest answer Coda refused, as estimated from the rows around it: the cap is below it. */
  private refusedBytes = Infinity;
  /** The largest answer Coda let through, as measured: the cap is at least that. */
  private passedBytes = 0;
  private readonly bytesPerCell = new Map<string, number>();
  private gridsRead?: Promise<Grids>;
  constructor(readonly reader: PartReader) {}

  grids(): Promise<Grids> {
    this.gridsRead ??= this.reader.grids();
    return this.gridsRead;
  }

  get hasGrids(): boolean {
    return this.gridsRead !== undefined;
  }

  /**
   * What a part aims at: {@link PART_TARGET_BYTES} until an answer is refused; then halfway between the
   * largest answer passed and the smallest refused while they are far apart (a bisection of the cap,
   * each step at most one refused answer, each smaller than the last), and 90% of the largest passed
   * once the refused one is within 1.5 times it.
   */
  target(): number {
    const [passed, refused] = [this.passedBytes, this.refusedBytes];
    return Math.min(PART_TARGET_BYTES, refused <= 1.5 * passed ? 0.9 * passed : (passed + refused) / 2);
  }

  refused(bytes: number): void {
    this.refusedBytes = Math.min(this.refusedBytes, bytes);
  }

  passed(bytes: number): void {
    this.passedBytes = Math.max(this.passedBytes, bytes);
  }

  measured(tab: string, perCell: number): void {
    this.bytesPerCell.set(tab, Math.max(this.bytesPerCell.get(tab) ?? 0, perCell));
  }

  /** Bytes per grid cell of `tab`: as measured there, else the most measured on any tab, else the guess. */
  perCell(tab: string): number {
    const measured = this.bytesPerCell.get(tab);
    return measured ?? (this.bytesPerCell.size ? Math.max(...this.bytesPerCell.values()) : GUESS_BYTES_PER_CELL);
  }
}

/**
 * The size of Google's compact JSON for `values`, in bytes, erring large: UTF-8, and `<`, `>` (which
 * Google's JSON writes as \u003c and \u003e, as clients measure it: brekkylab/backlot#220) and `&`,
 * `=`, `'` (which Google's Java JSON writers escape by default: google/gson#1170) as six bytes each.
 */
export function answerBytes(values: CellValue[][]): number {
  const text = JSON.stringify(values);
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) {
      n += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
    } else if (c === 60 || c === 62 || c === 38 || c === 61 || c === 39) {
      n += 5;
    }
  }
  return n;
}

/**
 * Reads `ranges` that Coda refused together as too large (`tooLarge`, the refusal), or that may be
 * (no `tooLarge`: ReadOptions.large, nothing asked yet, so small ranges are read together as asked).
 *
 * One range: in consecutive row parts within its tab's grid. Several: with the tabs' grids, a range
 * whose cells (rows × columns within the grid) times the bytes per cell measured so far (or the guess)
 * is larger than a part should be is read alone in row parts, largest first, so its parts measure the
 * rows before the rest is planned; the other ranges are read together, in as few requests as the
 * target allows (one, unless their estimate says more). Only when every range looks small, though their
 * answer was refused together, are they split in two groups of about equal cells and read again so.
 * The answers are what one answer would have been: same values, range and majorDimension.
 */
export async function readRefused(ranges: string[], reader: PartReader, tooLarge?: GoogleApiError) {
  const k = new Knowledge(reader);
  return ranges.length === 1 ? [await readRows(ranges[0] ?? "", k, tooLarge)] : readGroup(ranges, k, tooLarge);
}

/** `refused`: Coda refused these ranges together (so they are not asked for together again). */
async function readGroup(ranges: string[], k: Knowledge, refused?: GoogleApiError): Promise<ValueRange[]> {
  const shapes = ranges.map(shapeOf);
  const grids = shapes.every(bounded) && !k.hasGrids ? undefined : await k.grids();
  const estimate = (i: number) => {
    const s = shapes[i];
    const span = s && spanOf(s, grids);
    return s && span ? (span.end - span.start + 1) * span.columns * k.perCell(s.tab) : 0;
  };
  const out: ValueRange[] = [];
  let left = ranges.map((_, i) => i);
  for (;;) {
    const target = k.target();
    const large = left.filter((i) => estimate(i) > target).sort((a, b) => estimate(b) - estimate(a));
    if (large[0] === undefined) {
      break;
    }
    const i = large[0];
    out[i] = await readRows(ranges[i] ?? "", k);
    left = left.filter((j) => j !== i);
  }
  const bins = fill(left, estimate, k.target());
  const groups = refused && bins.length === 1 && left.length === ranges.length ? halves(left, estimate) : bins;
  for (const group of groups) {
    const asked = group.map((i) => ranges[i] ?? "");
    const read = await readOrSplit(asked, k);
    group.forEach((i, j) => (out[i] = read[j] ?? {range: asked[j] ?? ""}));
  }
  return ranges.map((range, i) => out[i] ?? {range});
}

/** One request for `ranges`; when refused, read them as {@link readRefused} does with what is known so far. */
async function readOrSplit(ranges: string[], k: Knowledge): Promise<ValueRange[]> {
  try {
    const read = await k.reader.read(ranges);
    k.passed(read.reduce((n, r) => n + answerBytes(r.values ?? []), 0));
    return read;
  } catch (err) {
    if (!isResponseTooLarge(err)) {
      throw err;
    }
    const refused = err as GoogleApiError;
    return ranges.length === 1 ? [await readRows(ranges[0] ?? "", k, refused)] : readGroup(ranges, k, refused);
  }
}

interface Bin {
  bytes: number;
  members: number[];
}

/** Ranges packed into as few groups as fit `target` by estimate (first fit, largest first), each in the order asked. */
function fill(at: number[], estimate: (i: number) => number, target: number): number[][] {
  const bins: Bin[] = [];
  for (const i of [...at].sort((a, b) => estimate(b) - estimate(a))) {
    const bin = bins.find((b) => b.bytes + estimate(i) <= target);
    if (bin) {
      bin.bytes += estimate(i);
      bin.members.push(i);
    } else {
      bins.push({bytes: estimate(i), members: [i]});
    }
  }
  return bins.map((b) => b.members.sort((x, y) => x - y));
}

/** Two groups of about equal estimate (each range to the lighter group, largest first), each in the order asked. */
function halves(at: number[], estimate: (i: number) => number): number[][] {
  const two: [Bin, Bin] = [
    {bytes: 0, members: []},
    {bytes: 0, members: []},
  ];
  for (const i of [...at].sort((a, b) => estimate(b) - estimate(a))) {
    const [a, b] = two;
    const bin = b.bytes < a.bytes || (b.bytes === a.bytes && b.members.length < a.members.length) ? b : a;
    bin.bytes += estimate(i);
    bin.members.push(i);
  }
  return two.filter((g) => g.members.length).map((g) => g.members.sort((x, y) => x - y));
}

/**
 * One range in consecutive row parts. The first part is sized from the bytes per cell known so far
 * (and at most half the range when the range alone was refused); each next part from the bytes per
 * row the last part took, aiming at {@link Knowledge.target}. A refused part is halved (at most
 * {@link MAX_SPLITS} times in a row), and its size, estimated from the rows read next, lowers the target for
 * every later part.
 */
async function readRows(range: string, k: Knowledge, refused?: GoogleApiError): Promise<ValueRange> {
  const values: CellValue[][] = [];
  const read = await eachPart(range, k, refused, (got, offset) => joinRows(values, got, offset, k.reader.columns));
  if (!read) {
    return (await readOrSplit([range], k))[0] ?? {range};
  }
  return {
    range: read.labels ? joinLabels(...read.labels) : range,
    ...(read.majorDimension ? {majorDimension: read.majorDimension} : {}),
    ...(values.length ? {values} : {}),
  };
}

/**
 * Reads a range in row parts within its tab's grid, sized as {@link readRows} says, handing each
 * part's values to `take` with its offset in rows from the range's first row, in order, and keeping
 * none: a tab larger than a pack's memory is read so (VerifyLedger's decision log). Undefined, having
 * read nothing, when the range has no rows to split by (a named range, a tab outside the grids).
 */
export async function eachPart(
  range: string,
  k: Knowledge,
  refused: GoogleApiError | undefined,
  take: (values: CellValue[][], offset: number) => void,
): Promise<{labels?: [string, string]; majorDimension?: string} | undefined> {
  const s = shapeOf(range);
  const grids = s ? await k.grids() : undefined;
  const span = s && grids?.has(s.tab) ? spanOf(s, grids) : undefined;
  if (!s || !span) {
    if (refused) {
      throw refused; // A named range, or a range outside any grid: nothing to split it by.
    }
    return undefined;
  }
  const {start, end, columns} = span;
  const total = end - start + 1;
  let perRow = k.perCell(s.tab) * columns;
  let rows = Math.max(1, Math.min(refused ? Math.ceil(total / 2) : total, Math.floor(k.target() / perRow)));
  let refusedRows = refused ? total : 0;
  let splits = 0;
  let at = start;
  let labels: [string, string] | undefined;
  let majorDimension: string | undefined;
  while (at <= end) {
    const left = end - at + 1; // In parts of equal size, none larger than `rows`: no small last part.
    const to = at + Math.ceil(left / Math.ceil(left / rows)) - 1;
    const asked = `${s.quoted}!${s.c1}${at}:${s.c2}${to}`;
    let part: ValueRange;
    try {
      part = (await k.reader.read([asked]))[0] ?? {range: asked};
    } catch (err) {
      if (!isResponseTooLarge(err)) {
        throw err;
      }
      if (to === at) {
        const what = `${k.reader.what}: row ${at} of '${s.tab}' alone is larger than that, so it cannot be read in parts; shorten what it holds`;
        const {status, googleMessage} = err as GoogleApiError;
        throw new GoogleApiError(status, googleMessage, RESPONSE_TOO_LARGE, what);
      }
      if (++splits > MAX_SPLITS) {
        throw err;
      }
      refusedRows = to - at + 1;
      rows = Math.ceil(refusedRows / 2);
      continue;
    }
    const got = part.values ?? [];
    const bytes = answerBytes(got);
    k.passed(bytes);
    perRow = Math.max(bytes, 2) / (to - at + 1);
    k.measured(s.tab, perRow / columns);
    if (refusedRows) {
      k.refused(refusedRows * perRow);
      refusedRows = 0;
    }
    splits = 0;
    take(got, at - start);
    majorDimension ??= part.majorDimension;
    labels = [labels?.[0] ?? part.range, part.range];
    rows = Math.max(1, Math.min(Math.floor(k.target() / perRow), MAX_GROWTH * (to - at + 1)));
    at = to + 1;
  }
  return {labels, majorDimension};
}

/** The range one answer would have named: the first part's start cell to the last part's end cell. */
function joinLabels(first: string, last: string): string {
  if (first === last) {
    return first;
  }
  const colon = first.lastIndexOf(":");
  const start = colon > first.lastIndexOf("!") ? first.slice(0, colon) : first;
  const end = last.slice(Math.max(last.lastIndexOf(":"), last.lastIndexOf("!")) + 1);
  return `${start}:${end}`;
}

/**
 * Appends a part's values to what was read before it, `offset` rows into the range: Google leaves out
 * trailing empty rows (and, by columns, trailing empty cells), so the gap is filled as one answer has it.
 */
function joinRows(into: CellValue[][], part: CellValue[][], offset: number, columns: boolean): void {
  if (!columns) {
    if (part.length) {
      while (into.length < offset) {
        into.push([]);
      }
      for (const row of part) {
        into.push(row);
      }
    }
    return;
  }
  part.forEach((column, c) => {
    const joined = (into[c] ??= []);
    if (column.length) {
      while (joined.length < offset) {
        joined.push("");
      }
      for (const cell of column) {
        joined.push(cell);
      }
    }
  });
}
