/** An object as Coda receives it for a schema. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Plain = Record<string, any>;

/** The object without its empty values, so Coda shows blanks. */
export function compact(object: Plain): Plain {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== "" && v !== undefined && v !== null));
}

/** "Sheet row 57: Status: "Actve" is not one of …" or "". */
export function problemText(row: {row: number; problems: readonly string[]}): string {
  return row.problems.length ? `Sheet row ${row.row}: ${row.problems.join("; ")}.` : "";
}

/** A follow-up's detail for people: its `summary` when the detail is JSON that has one. */
export function detailText(detail: string): string {
  if (detail.startsWith("{")) {
    try {
      const summary = (JSON.parse(detail) as {summary?: unknown}).summary;
      if (typeof summary === "string" && summary) {
        return summary;
      }
    } catch {
      // Not JSON after all: shown as it is.
    }
  }
  return detail;
}

/** A reference to a worker, for rows of other tables. */
export function workerRef(workerId: string, name?: string): Plain | undefined {
  return workerId ? {WorkerId: workerId, Name: name || workerId} : undefined;
}
