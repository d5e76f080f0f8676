import { segmentDueMs } from './due-at.function';
import { instantMs, parseInstant } from './instant.util';
import { overrideFormatErrors, overrideOrderErrors } from './override.validator';
import { ScheduleError } from './schedule.error';
import type { Schedule } from './schedule.types';
import { segmentErrors } from './segment.validator';

const iso = (ms: number): string => (Number.isNaN(ms) ? 'out of range' : new Date(ms).toISOString());

function formatErrors(schedule: unknown): string[] {
  if (typeof schedule !== 'object' || schedule === null) return ['schedule must be an object'];
  const { segments, endDate, maxCycles, overrides } = schedule as Record<string, unknown>;
  if (!Array.isArray(segments)) return ['segments must be an array'];
  const errors = segments.flatMap((segment, i) => segmentErrors(segment, `segments[${i}]`));
  if (errors.length === 0 && segments.length > 0 && segments[0].firstCycleIndex !== 0) {
    errors.push('segments[0].firstCycleIndex must be 0');
  }
  for (let i = 1; i < segments.length && errors.length === 0; i += 1) {
    if (segments[i].firstCycleIndex <= segments[i - 1].firstCycleIndex) {
      errors.push(`segments[${i}].firstCycleIndex must be greater than segments[${i - 1}].firstCycleIndex`);
    }
  }
  if (endDate !== undefined && parseInstant(endDate) === undefined) errors.push('endDate must be an ISO instant with Z or an offset');
  if (maxCycles !== undefined && (!Number.isInteger(maxCycles) || (maxCycles as number) < 0)) {
    errors.push('maxCycles must be an integer >= 0');
  }
  return [...errors, ...overrideFormatErrors(overrides)];
}

// Due instants must strictly increase across segment boundaries too, and a segment never
// starts before it took effect; otherwise "the next cycle" stops being well defined.
function segmentOrderErrors(schedule: Schedule): string[] {
  const errors: string[] = [];
  schedule.segments.forEach((segment, i) => {
    const first = segmentDueMs(segment, segment.firstCycleIndex);
    if (Number.isNaN(first)) return void errors.push(`segments[${i}] first cycle is outside the representable date range`);
    if (first < instantMs(segment.effectiveFrom)) {
      errors.push(`segments[${i}] first cycle ${segment.firstCycleIndex} (${iso(first)}) is before its effectiveFrom ${segment.effectiveFrom}`);
    }
    if (i === 0) return;
    const previous = segmentDueMs(schedule.segments[i - 1], segment.firstCycleIndex - 1);
    if (!(previous < first)) {
      errors.push(
        `segments[${i}] first cycle ${segment.firstCycleIndex} (${iso(first)}) must be after cycle ` +
          `${segment.firstCycleIndex - 1} (${iso(previous)}) of segments[${i - 1}]`,
      );
    }
  });
  return errors;
}

/**
 * Readable reasons why `schedule` breaks the rules (field formats, segment order, the
 * first segment starting at cycle 0, reschedules staying between their neighbours);
 * empty when it is valid. Accepts unknown input, e.g. JSON read from a database.
 */
export function scheduleErrors(schedule: unknown): string[] {
  const errors = formatErrors(schedule);
  if (errors.length > 0) return errors;
  const valid = schedule as Schedule;
  const order = segmentOrderErrors(valid);
  return order.length > 0 ? order : overrideOrderErrors(valid);
}

// Schedules that passed checkedSchedule: deep-frozen, so still valid; the functions that take a schedule skip their check.
const CHECKED = new WeakSet<object>();

/** Throws {@link ScheduleError} with every reason from {@link scheduleErrors}. */
export function assertValidSchedule(schedule: unknown): asserts schedule is Schedule {
  if (CHECKED.has(schedule as object)) return;
  const errors = scheduleErrors(schedule);
  if (errors.length > 0) throw new ScheduleError(errors);
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  Object.values(value).forEach(deepFreeze);
}

/**
 * Validates `schedule` and freezes it (deeply), so the functions given it later (`dueCycles`,
 * `nextDueAfter`, ...) need not validate it again: a caller making several calls on one
 * schedule (the job: one per due cycle) pays for one check instead of one per call.
 *
 * @throws ScheduleError when the schedule is invalid.
 */
export function checkedSchedule<S extends Schedule>(schedule: S): S {
  assertValidSchedule(schedule);
  deepFreeze(schedule);
  CHECKED.add(schedule);
  return schedule;
}
