import { DateTime } from 'luxon';
import type { ParsedAnchor } from './anchor.parser';
import type { Frequency } from './schedule.types';

/** A wall-clock calendar date, no zone. */
export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/**
 * Local calendar date of the cycle `steps` cycles after the anchor, or `undefined` when it
 * is outside the representable range. Always computed from the anchor (never from the
 * previous cycle), so a clamped Feb 28 does not turn the 31st rhythm into the 28th.
 * Arithmetic happens on UTC wall dates, so a step of one day is one calendar day whatever
 * the zone's DST does.
 */
export function cycleLocalDate(anchor: ParsedAnchor, frequency: Frequency, steps: number): LocalDate | undefined {
  const units = steps * frequency.interval;
  if (!Number.isSafeInteger(units)) return undefined;
  const start = DateTime.fromObject({ year: anchor.year, month: anchor.month, day: anchor.day }, { zone: 'utc' });
  let date: DateTime;
  switch (frequency.unit) {
    case 'day':
      date = start.plus({ days: units });
      break;
    case 'week':
      date = start.plus({ weeks: units });
      break;
    case 'month':
    case 'year': {
      // Step from the 1st, then apply the rhythm day clamped to the target month's length.
      const month = start.set({ day: 1 }).plus(frequency.unit === 'month' ? { months: units } : { years: units });
      if (!month.isValid) return undefined;
      date = month.set({ day: Math.min(anchor.rhythmDay, month.daysInMonth ?? 28) });
      break;
    }
  }
  return date.isValid ? { year: date.year, month: date.month, day: date.day } : undefined;
}
