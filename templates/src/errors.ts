/** A mistake in what the user asked for: printed as one line plus a hint, exit code 1. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}
