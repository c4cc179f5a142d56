/** Input a companion refuses before calling its service; `code` names the check, `message` says what to do. */
export class InputError<Code extends string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
  ) {
    super(message);
  }
}

/** By name, not instanceof: an error keeps its name across the isolate's realms. */
export function hasErrorName<E extends Error>(err: unknown, name: string): err is E {
  return err instanceof Error && err.name === name;
}
