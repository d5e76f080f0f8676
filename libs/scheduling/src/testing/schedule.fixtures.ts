import { DateTime } from 'luxon';
import type { Frequency, Schedule, ScheduleSegment } from '../schedule.types';

// Spec helpers only; not part of the public API.

/** A segment with readable defaults: monthly at 09:00 UTC from 2025-01-31, cycle 0. */
export function segment(fields: Partial<ScheduleSegment> & { date?: string; time?: string; every?: Frequency } = {}): ScheduleSegment {
  const { date = '2025-01-31', time = '09:00', every = { unit: 'month', interval: 1 }, ...rest } = fields;
  return {
    effectiveFrom: '1970-01-01T00:00:00Z',
    firstCycleIndex: 0,
    frequency: every,
    anchor: { date, time },
    timeZone: 'UTC',
    ...rest,
  };
}

/** A schedule of one default {@link segment} plus schedule fields. */
export function schedule(fields: Partial<Schedule> = {}, first: ScheduleSegment = segment()): Schedule {
  return { segments: [first], ...fields };
}

/** `date` as local ISO in `zone` without seconds, e.g. `2025-03-30T03:30+02:00`. */
export function local(date: Date, zone: string): string {
  return DateTime.fromJSDate(date, { zone }).toISO({ suppressMilliseconds: true, suppressSeconds: true })!;
}

/** Local calendar date in `zone`, e.g. `2025-02-28`. */
export function localDate(date: Date, zone: string): string {
  return DateTime.fromJSDate(date, { zone }).toISODate()!;
}
