import { readAnchor } from './anchor.parser';
import { assertIntAtLeast } from './cycle-index.guard';
import { cycleLocalDate } from './cycle-date.math';
import { ScheduleError } from './schedule.error';
import type { ScheduleSegment } from './schedule.types';
import { segmentErrors } from './segment.validator';
import { zonedInstant } from './zoned-instant.math';

// Due instants are a pure function of (anchor, frequency, zone, steps), and every public
// call re-validates its schedule and re-reads the same cycles (batches, neighbours of
// reschedules), each costing ~0.1 ms of Luxon zone lookups. The key is the full input, so
// the cache cannot go stale; it is dropped when it grows large.
const dueCache = new Map<string, number>();
const DUE_CACHE_LIMIT = 50_000;

/** Empties the due-instant cache (specs use it to compute from scratch). */
export function clearDueCache(): void {
  dueCache.clear();
}

/**
 * Epoch millis of cycle `cycleIndex` of an already validated segment, NaN when the date
 * is outside the representable range. Internal fast path; see {@link dueAt}.
 */
export function segmentDueMs(segment: ScheduleSegment, cycleIndex: number): number {
  const { anchor, frequency, timeZone } = segment;
  const steps = cycleIndex - segment.firstCycleIndex;
  const key = `${timeZone}|${frequency.unit}|${frequency.interval}|${anchor.date}|${anchor.time}|${anchor.dayOfMonth ?? ''}|${steps}`;
  let ms = dueCache.get(key);
  if (ms === undefined) {
    const parsed = readAnchor(anchor);
    const date = cycleLocalDate(parsed, frequency, steps);
    ms = date ? zonedInstant(date, parsed.hour, parsed.minute, timeZone).toMillis() : Number.NaN;
    if (dueCache.size >= DUE_CACHE_LIMIT) dueCache.clear();
    dueCache.set(key, ms);
  }
  return ms;
}

/**
 * The instant cycle `cycleIndex` of `segment` is due: the anchor date plus
 * `(cycleIndex - firstCycleIndex) * interval` units (month/year steps clamped to the
 * target month's last day), at the anchor time in the segment's zone. A time in a DST gap
 * moves forward by the gap; an ambiguous time takes the earlier instant. Pure: the same
 * arguments always give the same instant.
 *
 * @throws RangeError when `cycleIndex` is not an integer >= `firstCycleIndex` or the date
 *   is outside the representable range.
 * @throws ScheduleError when the segment is invalid.
 */
export function dueAt(segment: ScheduleSegment, cycleIndex: number): Date {
  const errors = segmentErrors(segment);
  if (errors.length > 0) throw new ScheduleError(errors);
  assertIntAtLeast(cycleIndex, segment.firstCycleIndex, 'cycleIndex');
  const ms = segmentDueMs(segment, cycleIndex);
  if (Number.isNaN(ms)) throw new RangeError(`cycle ${cycleIndex} is outside the representable date range`);
  return new Date(ms);
}
