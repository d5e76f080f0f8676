/**
 * Thrown by a handler when retrying cannot help (e.g. the event refers to
 * something that can never exist). The message goes to the dead-letter topic
 * at once instead of being retried.
 */
export class PermanentEventError extends Error {
  override readonly name = 'PermanentEventError';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}
