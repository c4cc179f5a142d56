/** Prints rows as an aligned text table, cutting long cells so it fits a terminal. */
export function formatTable(rows: ReadonlyArray<Record<string, unknown>>, columns: string[], maxWidth = 38): string {
  const cell = (v: unknown) => {
    const text = Array.isArray(v)
      ? v.join(", ")
      : v && typeof v === "object"
        ? String((v as {WorkerId?: unknown}).WorkerId ?? JSON.stringify(v))
        : String(v ?? "");
    const flat = text.replace(/\s+/g, " ");
    return flat.length > maxWidth ? `${flat.slice(0, maxWidth - 1)}…` : flat;
  };
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [
    line(columns),
    line(widths.map((w) => "─".repeat(w))),
    ...rows.map((r) => line(columns.map((c) => cell(r[c])))),
  ].join("\n");
}
