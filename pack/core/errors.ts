/**
 * The one error type the core throws. `rule` names the rule that refused the request so a
 * specialist can see why ("rule: four-eyes"); `code` is stable for tests and callers.
 */
export class DomainError extends Error {
  override readonly name = "DomainError";
  constructor(
    readonly code: string,
    message: string,
    readonly rule?: string,
  ) {
    super(rule ? `${message} (rule: ${rule})` : message);
  }
}

/** True when `err` is a {@link DomainError}, also across module copies. */
export function isDomainError(err: unknown): err is DomainError {
  return err instanceof Error && err.name === "DomainError" && typeof (err as DomainError).code === "string";
}

/** Shorthand for refusing with a rule: `throw refuse("TRANSITION", "transition", "...")`. */
export function refuse(code: string, rule: string, message: string): DomainError {
  return new DomainError(code, message, rule);
}

/** Shorthand for bad input that is not a rule refusal. */
export function badInput(code: string, message: string): DomainError {
  return new DomainError(code, message);
}
