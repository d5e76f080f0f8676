/**
 * A message that breaks the event contract. It is permanent: retrying cannot
 * fix it, so consumers send it to the dead-letter topic instead of throwing.
 */
export class ContractViolationError extends Error {
  override readonly name = 'ContractViolationError';

  /**
   * @param reasons - every failure, each starting with its property path
   *   (`data.lines[0].quantity must be a positive number`).
   * @param eventType - the message's `type` when it was readable, else undefined.
   */
  constructor(
    readonly reasons: string[],
    readonly eventType?: string,
  ) {
    super(`${eventType ?? 'event'} rejected: ${reasons.join('; ')}`);
  }
}
