import { DateTime } from 'luxon';

// Local calendar dates (YYYY-MM-DD) of a subscription's time zone and the instants they mean.

/** The instant a local date starts in `zone`. */
export function startOfLocalDay(date: string, zone: string): Date {
  return DateTime.fromISO(`${date}T00:00`, { zone }).toJSDate();
}

/** `date` at local time `time` (HH:mm) in `zone`; a time in a DST gap moves forward by the gap. */
export function atLocalTime(date: string, time: string, zone: string): Date {
  return DateTime.fromISO(`${date}T${time}`, { zone }).toJSDate();
}

/** The local date of `instant` in `zone`. */
export function localDateOf(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate()!;
}
