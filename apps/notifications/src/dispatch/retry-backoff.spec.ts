import { afterFailure, MAX_RETRY_DELAY_MS, retryDelayMs } from './retry-backoff';

describe('retry backoff', () => {
  it('doubles the base delay after each failure', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, 1000))).toEqual([1000, 2000, 4000, 8000, 16000]);
  });

  it('never waits longer than an hour', () => {
    expect(retryDelayMs(30, 1000)).toBe(MAX_RETRY_DELAY_MS);
    expect(retryDelayMs(1000, 1000)).toBe(MAX_RETRY_DELAY_MS);
  });

  it('retries until the attempts are used up, then gives up', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const settings = { maxAttempts: 3, baseDelayMs: 500 };
    expect(afterFailure(1, now, settings)).toEqual({ final: false, retryAt: new Date('2026-01-01T00:00:00.500Z') });
    expect(afterFailure(2, now, settings)).toEqual({ final: false, retryAt: new Date('2026-01-01T00:00:01Z') });
    expect(afterFailure(3, now, settings)).toEqual({ final: true });
  });
});
