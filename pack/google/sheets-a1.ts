// A1 ranges as the pack writes them, parsed against a tab's grid (pack/google/sheets-parts.ts reads
// in parts by them; pack/google/sheets.ts clips them to the grid).
/** Each tab's grid, by title. */
export type Grids = ReadonlyMap<string, {rows: number; columns: number}>;

/** An A1 range the pack writes (`'Tab'!A2:C`, `'Tab'!1:5`, `'Tab'`): tab, column letters and rows (0 = open). */
export interface Shape {
  tab: string;
  quoted: string;
  c1: string;
  c2: string;
  r1: number;
  r2: number;
}

export function shapeOf(range: string): Shape | undefined {
  const match = /^('((?:[^']|'')+)')(?:!([A-Z]*)(\d*)(?::([A-Z]*)(\d*))?)?$/i.exec(range);
  if (!match) {
    return undefined; // A named range, or a tab the pack did not quote: read as it is.
  }
  const twoEnds = match[5] !== undefined || match[6] !== undefined;
  const c1 = match[3] ?? "";
  const r1 = Number(match[4] || 0);
  return {
    tab: (match[2] ?? "").replace(/''/g, "'"),
    quoted: match[1] ?? "",
    c1,
    c2: twoEnds ? (match[5] ?? "") : c1,
    r1,
    r2: twoEnds ? Number(match[6] || 0) : r1,
  };
}

/** Column letters → 0-based index: "A" → 0, "ZY" → 700. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) {
    n = n * 26 + (ch.charCodeAt(0) - 64);
  }
  return n - 1;
}

/** True when a range's cells are known without the grid (both corners given). */
export function bounded(s: Shape | undefined): boolean {
  return !s || (s.c1 !== "" && s.c2 !== "" && s.r1 > 0 && s.r2 > 0);
}

/** The rows and columns of a range within its tab's grid (rows from `start` to `end`, 1-based), or undefined. */
export function spanOf(s: Shape, grids?: Grids): {start: number; end: number; columns: number} | undefined {
  const grid = grids?.get(s.tab);
  if (!grid && !bounded(s)) {
    return undefined;
  }
  const lastColumn = s.c2 ? columnIndex(s.c2) : (grid?.columns ?? 0) - 1;
  const lastRow = s.r2 || (grid?.rows ?? 0);
  const end = grid ? Math.min(lastRow, grid.rows) : lastRow;
  const columns = (grid ? Math.min(lastColumn, grid.columns - 1) : lastColumn) - (s.c1 ? columnIndex(s.c1) : 0) + 1;
  const start = s.r1 || 1;
  return end >= start && columns > 0 ? {start, end, columns} : undefined;
}
