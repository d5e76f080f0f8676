import { ExponentialBackoff, handleWhen, retry, type RetryPolicy } from 'cockatiel';
import { PermanentEventError } from './permanent-event.error';

/**
 * Raised inside a retried call to stop retrying without dead-lettering: the
 * consumer is shutting down or lost its partitions. The message stays
 * uncommitted and is redelivered (here or on another replica).
 */
export class ProcessingInterrupted extends Error {
  override readonly name = 'ProcessingInterrupted';

  constructor(readonly original: unknown) {
    super(`processing interrupted: ${original instanceof Error ? original.message : String(original)}`);
  }
}

/** Longest wait between two tries; keeps a long retry series within a few session timeouts. */
const MAX_DELAY_MS = 10_000;

/**
 * Retry policy for transient handler failures: `retries` more tries after the
 * first, exponential backoff from `baseDelayMs`. Permanent errors and
 * interruptions are not retried.
 */
export function handlerRetryPolicy(retries: number, baseDelayMs: number): RetryPolicy {
  return retry(
    handleWhen((error) => !(error instanceof PermanentEventError) && !(error instanceof ProcessingInterrupted)),
    { maxAttempts: retries, backoff: new ExponentialBackoff({ initialDelay: baseDelayMs, maxDelay: MAX_DELAY_MS }) },
  );
}
