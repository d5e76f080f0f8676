import { dunningStep, retryAt } from './dunning-ladder';

describe('dunning ladder', () => {
  const first = new Date('2026-03-27T08:00:00Z'); // 09:00 in Amsterdam, two days before DST starts

  it('counts retry days in the subscription zone, keeping the local time across DST', () => {
    expect(retryAt(first, [1, 3, 7], 1, 'Europe/Amsterdam')?.toISOString()).toBe('2026-03-28T08:00:00.000Z');
    expect(retryAt(first, [1, 3, 7], 2, 'Europe/Amsterdam')?.toISOString()).toBe('2026-03-30T07:00:00.000Z');
    expect(retryAt(first, [1, 3, 7], 3, 'Europe/Amsterdam')?.toISOString()).toBe('2026-04-03T07:00:00.000Z');
  });

  it('ends after the last step, and counts an unknown zone in UTC', () => {
    expect(retryAt(first, [1, 3, 7], 4, 'UTC')).toBeNull();
    expect(retryAt(first, [2], 1, 'Not/AZone')?.toISOString()).toBe('2026-03-29T08:00:00.000Z');
  });

  it('describes a step for the failure event', () => {
    expect(dunningStep(1, [1, 3, 7], new Date('2026-03-28T08:00:00Z'), 'pause')).toEqual({ failedAttempts: 1, retries: 3, nextAttemptAt: '2026-03-28T08:00:00.000Z', finalAction: 'pause' });
    expect(dunningStep(4, [1, 3, 7], null, 'cancel')).toEqual({ failedAttempts: 4, retries: 3, finalAction: 'cancel' });
  });
});
