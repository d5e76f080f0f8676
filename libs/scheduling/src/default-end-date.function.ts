import { DateTime } from 'luxon';
import { assertIntAtLeast } from './cycle-index.guard';
import { parseInstant } from './instant.util';
import { ScheduleError } from './schedule.error';
import { validateTimeZone } from './segment.validator';

/**
 * Default end of a subscription that has neither end date nor max cycles but whose product
 * type calls for one (ShareFox: 365 days): `start` plus `days` calendar days in `timeZone`
 * (so the local time of day survives DST), as a UTC ISO instant.
 *
 * @throws ScheduleError for a `start` that is not an ISO instant or an unknown zone.
 * @throws RangeError when `days` is not an integer >= 0.
 */
export function defaultEndDate(start: string, days = 365, timeZone = 'UTC'): string {
  const ms = parseInstant(start);
  const errors = [
    ...(ms === undefined ? ['start must be an ISO instant with Z or an offset'] : []),
    ...(validateTimeZone(timeZone) ? [] : [`timeZone must be a known IANA time zone, got ${JSON.stringify(timeZone)}`]),
  ];
  if (errors.length > 0) throw new ScheduleError(errors);
  assertIntAtLeast(days, 0, 'days');
  return DateTime.fromMillis(ms!, { zone: timeZone }).plus({ days }).toUTC().toISO()!;
}
