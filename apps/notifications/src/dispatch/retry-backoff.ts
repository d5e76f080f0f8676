/** Longest wait between two tries, however many attempts are configured. */
export const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;

/**
 * Wait before the next try after `failedAttempts` failed sends: the base delay,
 * doubled after each further failure (base, 2x, 4x, ...), capped at an hour.
 */
export function retryDelayMs(failedAttempts: number, baseDelayMs: number): number {
  const exponent = Math.max(0, failedAttempts - 1);
  return Math.min(baseDelayMs * 2 ** Math.min(exponent, 40), MAX_RETRY_DELAY_MS);
}

/** What a failed send leads to: another try at `retryAt`, or the end (failed). */
export function afterFailure(
  failedAttempts: number,
  now: Date,
  settings: { maxAttempts: number; baseDelayMs: number },
): { final: true } | { final: false; retryAt: Date } {
  if (failedAttempts >= settings.maxAttempts) return { final: true };
  return { final: false, retryAt: new Date(now.getTime() + retryDelayMs(failedAttempts, settings.baseDelayMs)) };
}
