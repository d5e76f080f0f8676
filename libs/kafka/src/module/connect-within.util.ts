import { ExponentialBackoff, handleAll, retry, timeout, TimeoutStrategy, wrap } from 'cockatiel';

/**
 * Calls `connect` (one attempt each, no retries of its own) until it succeeds
 * or `timeoutMs` has passed. kafkajs' built-in connect retries run for tens of
 * seconds and cannot be cancelled, which would leave a failed start-up hanging.
 *
 * @throws the last connection error (or a timeout error) once time is up.
 */
export async function connectWithin(connect: () => Promise<void>, timeoutMs: number): Promise<void> {
  let lastError: unknown = new Error(`no answer within ${timeoutMs} ms`);
  const policy = wrap(
    timeout(timeoutMs, TimeoutStrategy.Aggressive),
    retry(handleAll, {
      maxAttempts: Number.MAX_SAFE_INTEGER, // bounded by the timeout instead
      backoff: new ExponentialBackoff({ initialDelay: 100, maxDelay: 1_000 }),
    }).dangerouslyUnref(),
  );
  try {
    await policy.execute(async ({ signal }) => {
      if (signal.aborted) return; // time is up: the outer timeout has already rejected
      try {
        await connect();
      } catch (error) {
        lastError = error;
        throw error;
      }
    });
  } catch {
    throw lastError;
  }
}
