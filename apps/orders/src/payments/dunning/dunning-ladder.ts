import type { DunningFinalAction, DunningStepV1 } from '@oms/contracts';
import { DateTime } from 'luxon';

/**
 * When retry number `retry` (1-based) of a ladder falls: the first failure
 * plus that step's days, counted in the subscription's time zone (same local
 * time, DST respected); null after the last step. An unknown zone counts in UTC.
 */
export function retryAt(firstFailedAt: Date, retryDays: readonly number[], retry: number, timeZone: string): Date | null {
  const days = retryDays[retry - 1];
  if (days === undefined) return null;
  const start = DateTime.fromJSDate(firstFailedAt).setZone(timeZone);
  const zoned = start.isValid ? start : DateTime.fromJSDate(firstFailedAt, { zone: 'utc' });
  return zoned.plus({ days }).toJSDate();
}

/** The ladder step after `failedAttempts` failures, as the failure event carries it. */
export function dunningStep(failedAttempts: number, retryDays: readonly number[], nextAttemptAt: Date | null, finalAction: DunningFinalAction): DunningStepV1 {
  return { failedAttempts, retries: retryDays.length, ...(nextAttemptAt && { nextAttemptAt: nextAttemptAt.toISOString() }), finalAction };
}
