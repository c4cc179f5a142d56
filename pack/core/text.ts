import type {ErrorCode} from "./errors";
import {badInput} from "./errors";

// Control characters other than tab and newline never belong in a ledger cell.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Sheets refuses cells longer than this. */
export const MAX_CELL = 50_000;

/**
 * Trims and cleans free text for the ledger. Refuses text that is required but empty, or too
 * long, naming the field. `cleanText(" late ", "reason", {required: true})` → "late".
 */
export function cleanText(value: unknown, field: string, options: {required?: boolean; max?: number} = {}): string {
  const max = options.max ?? 5_000;
  if (value !== undefined && value !== null && typeof value !== "string") {
    throw badInput("INPUT_TYPE", `The ${field} must be text.`);
  }
  const text = (value ?? "").replace(CONTROL, "").replace(/\r\n?/g, "\n").trim();
  if (options.required && !text) {
    throw badInput("INPUT_REQUIRED", `The ${field} is required: say it in a few words.`);
  }
  if (text.length > Math.min(max, MAX_CELL)) {
    throw badInput(
      "INPUT_TOO_LONG",
      `The ${field} is ${text.length} characters long; keep it under ${Math.min(max, MAX_CELL)}.`,
    );
  }
  return text;
}

/** Evidence links or references, one per line, however they were separated. */
export function cleanEvidence(value: unknown, field = "evidence", required = false): string {
  const text = cleanText(value, field, {required, max: 10_000});
  return text
    .split(/[\n,;]+|\s+(?=https?:\/\/)/)
    .map((part) => part.trim())
    .filter(Boolean)
    .join("\n");
}

/**
 * Each value as the allowed word it names, ignoring case and surrounding spaces; a value that
 * names none is refused with the choices. `oneOfEach(["passed"], ["Passed", "Failed"], "an audit status")` → ["Passed"].
 */
export function oneOfEach<T extends string>(
  values: readonly string[] | undefined,
  allowed: readonly T[],
  what: string,
  code: ErrorCode = "INPUT_FILTER",
): T[] {
  return (values ?? []).map((v) => {
    const found = allowed.find((a) => a.toLowerCase() === v.trim().toLowerCase());
    if (!found) {
      throw badInput(code, `"${v}" is not ${what}: use ${allowed.join(", ")}.`);
    }
    return found;
  });
}

/** The id after the highest `prefix-number` in use, six digits at least: `nextNumberedId("W", ["W-000041"])` → "W-000042". */
export function nextNumberedId(prefix: string, ids: readonly string[]): string {
  const pattern = new RegExp(`^${prefix}-(\\d+)$`);
  let max = 0;
  for (const id of ids) {
    const match = pattern.exec(id.trim());
    if (match?.[1]) {
      max = Math.max(max, Number(match[1]));
    }
  }
  return `${prefix}-${String(max + 1).padStart(6, "0")}`;
}
