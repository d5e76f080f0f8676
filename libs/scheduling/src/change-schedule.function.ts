import { readAnchor } from './anchor.parser';
import { assertIntAtLeast } from './cycle-index.guard';
import { cycleLocalDate } from './cycle-date.math';
import { ScheduleError } from './schedule.error';
import type { Frequency, Schedule, ScheduleAnchor, ScheduleChange, ScheduleSegment } from './schedule.types';
import { assertValidSchedule } from './schedule.validator';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const isMonthly = (frequency: Frequency): boolean => frequency.unit === 'month' || frequency.unit === 'year';

// Anchor of a new segment when the change names none: the wall-clock date and time cycle
// `k` would have had under `current`, so the next delivery stays put and only the rhythm
// after it changes. A month-end rhythm survives a clamped date (Apr 30 keeps the 31st).
function carriedAnchor(current: ScheduleSegment, k: number, frequency: Frequency): ScheduleAnchor {
  const anchor = readAnchor(current.anchor);
  const date = cycleLocalDate(anchor, current.frequency, k - current.firstCycleIndex);
  if (!date) throw new RangeError(`cycle ${k} is outside the representable date range`);
  const carried = { date: `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`, time: current.anchor.time };
  const keepsDay = isMonthly(frequency) && isMonthly(current.frequency) && anchor.rhythmDay !== date.day;
  return keepsDay ? { ...carried, dayOfMonth: anchor.rhythmDay } : carried;
}

/**
 * A new schedule in which the change applies from cycle `nextCycleIndex` (the next cycle
 * that has not come due) on; cycles before it keep their numbers and dates.
 * - `nextCycleIndex` > the last segment's firstCycleIndex: a segment is appended.
 * - `nextCycleIndex` = the last segment's firstCycleIndex: none of that segment's cycles
 *   came due, so it is replaced (a second change before the next delivery).
 * - smaller: ScheduleError, since cycles that came due cannot change.
 * Omitted fields are carried over from the last segment; an omitted anchor becomes the
 * local date and time cycle `nextCycleIndex` had (in the new zone when `timeZone` changes,
 * so 09:00 stays 09:00 local). Overrides are kept; the result is validated, so a change
 * that would make cycle `nextCycleIndex` due before `effectiveFrom` or before the previous
 * cycle, or that conflicts with a reschedule, throws ScheduleError.
 * An empty schedule takes a first segment at cycle 0, which needs every field.
 *
 * @throws RangeError when `nextCycleIndex` is not an integer >= 0.
 * @throws ScheduleError when the input or the resulting schedule is invalid.
 */
export function changeSchedule(schedule: Schedule, change: ScheduleChange, nextCycleIndex: number): Schedule {
  assertValidSchedule(schedule);
  assertIntAtLeast(nextCycleIndex, 0, 'nextCycleIndex');
  const current = schedule.segments.at(-1);
  if (!current && (nextCycleIndex !== 0 || !change.frequency || !change.anchor || !change.timeZone)) {
    throw new ScheduleError(['a schedule without segments needs nextCycleIndex 0 and a frequency, anchor and timeZone']);
  }
  if (current && nextCycleIndex < current.firstCycleIndex) {
    throw new ScheduleError([
      `nextCycleIndex ${nextCycleIndex} is before the last segment's firstCycleIndex ${current.firstCycleIndex}: cycles that came due cannot change`,
    ]);
  }
  const frequency = change.frequency ?? current!.frequency;
  const segment: ScheduleSegment = {
    effectiveFrom: change.effectiveFrom,
    firstCycleIndex: nextCycleIndex,
    frequency,
    anchor: change.anchor ?? carriedAnchor(current!, nextCycleIndex, frequency),
    timeZone: change.timeZone ?? current!.timeZone,
  };
  const replaces = current !== undefined && current.firstCycleIndex === nextCycleIndex;
  const kept = replaces ? schedule.segments.slice(0, -1) : schedule.segments;
  const changed: Schedule = { ...schedule, segments: [...kept, segment] };
  assertValidSchedule(changed);
  return changed;
}
