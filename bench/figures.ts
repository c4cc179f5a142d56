/** One measured figure, printed by `npm run bench` and written to bench/RESULTS.md. */
export interface Figure {
  /** The part of the pack measured: "Workers sync", "ScreeningReport", … */
  section: string;
  name: string;
  value: number;
  unit: string;
  /** The target, when the issue sets one. */
  target?: {op: "<=" | ">=" | "<" | ">"; value: number};
  /** For times: the same work measured another way in the same run, for a ratio. */
  baseline?: {name: string; value: number};
  note?: string;
  /** Decimal places to show, for ratios like recall (1.000, not 1). */
  decimals?: number;
}

/** The value with its unit, as printed and written to RESULTS.md. */
export function shown(figure: Figure): string {
  const digits = figure.decimals ?? 0;
  const value = figure.value.toLocaleString("en", {
    minimumFractionDigits: digits,
    maximumFractionDigits: Math.max(digits, 3),
  });
  return figure.unit ? `${value} ${figure.unit}` : value;
}

export function meets(figure: Figure): boolean | undefined {
  const t = figure.target;
  if (!t) {
    return undefined;
  }
  switch (t.op) {
    case "<=":
      return figure.value <= t.value;
    case ">=":
      return figure.value >= t.value;
    case "<":
      return figure.value < t.value;
    case ">":
      return figure.value > t.value;
  }
}

/** Process CPU time (user + system) in ms spent running `body`, and its wall time. */
export async function measure<T>(body: () => Promise<T> | T): Promise<{result: T; cpuMs: number; wallMs: number}> {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const result = await body();
  const cpu = process.cpuUsage(cpu0);
  return {result, cpuMs: (cpu.user + cpu.system) / 1000, wallMs: performance.now() - wall0};
}
