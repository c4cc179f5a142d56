/** A rectangle of a sheet, 0-based, end exclusive; Infinity for open ends. */
export interface GridRect {
  startRow: number;
  endRow: number;
  startCol: number;
  endCol: number;
}

export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) {
    n = n * 26 + (ch.charCodeAt(0) - 64);
  }
  return n - 1;
}

export function colLetters(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Splits "'My tab'!A1:B2" into the sheet title (unquoted) and the cell part. */
export function splitSheet(range: string): {title?: string; cells?: string} {
  const trimmed = range.trim();
  if (trimmed.startsWith("'")) {
    let i = 1;
    let title = "";
    while (i < trimmed.length) {
      if (trimmed[i] === "'") {
        if (trimmed[i + 1] === "'") {
          title += "'";
          i += 2;
          continue;
        }
        break;
      }
      title += trimmed[i];
      i++;
    }
    const rest = trimmed.slice(i + 1);
    if (rest === "") {
      return {title};
    }
    if (!rest.startsWith("!")) {
      return {};
    }
    return {title, cells: rest.slice(1)};
  }
  const bang = trimmed.lastIndexOf("!");
  if (bang >= 0) {
    return {title: trimmed.slice(0, bang), cells: trimmed.slice(bang + 1)};
  }
  return {cells: trimmed};
}

const CELL = /^([A-Za-z]{0,3})(\d*)$/;

/** Parses the cell part of an A1 range ("A1:B2", "A:A", "1:1", "A2:Z", "B3"). Undefined if it is not A1. */
export function parseCells(cells: string): GridRect | undefined {
  const parts = cells.split(":");
  if (parts.length > 2 || parts.some((p) => !CELL.test(p) || p === "")) {
    return undefined;
  }
  const [a, b] = parts.map((p) => CELL.exec(p) as RegExpExecArray);
  const aCol = a?.[1] ? colIndex(a[1]) : undefined;
  const aRow = a?.[2] ? Number(a[2]) - 1 : undefined;
  if (!b) {
    if (aCol === undefined || aRow === undefined) {
      return undefined;
    }
    return {startRow: aRow, endRow: aRow + 1, startCol: aCol, endCol: aCol + 1};
  }
  const bCol = b[1] ? colIndex(b[1]) : undefined;
  const bRow = b[2] ? Number(b[2]) - 1 : undefined;
  // Whole rows (1:5), whole columns (A:C), or a box open at the bottom (A2:Z) or right (A2:5 is not valid).
  if (aCol === undefined && bCol === undefined) {
    if (aRow === undefined || bRow === undefined) {
      return undefined;
    }
    return {startRow: Math.min(aRow, bRow), endRow: Math.max(aRow, bRow) + 1, startCol: 0, endCol: Infinity};
  }
  if (aCol === undefined || bCol === undefined) {
    return undefined;
  }
  return {
    startRow: aRow ?? 0,
    endRow: bRow === undefined ? Infinity : bRow + 1,
    startCol: Math.min(aCol, bCol),
    endCol: Math.max(aCol, bCol) + 1,
  };
}

/** A title as Google prints it in ranges: quoted when it is not a plain word. */
export function quoteTitle(title: string): string {
  return /^[A-Za-z0-9_]+$/.test(title) && !/^[A-Za-z]{1,3}\d+$/.test(title) ? title : `'${title.replace(/'/g, "''")}'`;
}

export function formatRange(title: string, rect: GridRect): string {
  const start = `${colLetters(rect.startCol)}${rect.startRow + 1}`;
  const end = `${colLetters(rect.endCol - 1)}${rect.endRow}`;
  return `${quoteTitle(title)}!${start === end ? start : `${start}:${end}`}`;
}
