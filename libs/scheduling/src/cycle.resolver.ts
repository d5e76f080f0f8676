import { segmentDueMs } from './due-at.function';
import { instantMs } from './instant.util';
import type { CycleInfo, CycleOverride, Schedule, ScheduleSegment } from './schedule.types';

// Internal lookups on a schedule that was validated by the caller.

/** The segment cycle `k` belongs to: the one with the greatest firstCycleIndex <= k. */
export function segmentFor(schedule: Schedule, k: number): ScheduleSegment | undefined {
  for (let i = schedule.segments.length - 1; i >= 0; i -= 1) {
    if (schedule.segments[i].firstCycleIndex <= k) return schedule.segments[i];
  }
  return undefined;
}

/** The override of cycle `k`, if any. */
export function overrideFor(schedule: Schedule, k: number): CycleOverride | undefined {
  return schedule.overrides?.find((override) => override.cycleIndex === k);
}

/** Due millis of cycle `k` with a reschedule applied, ignoring end date and max cycles. NaN when unrepresentable. */
export function effectiveDueMs(schedule: Schedule, k: number): number {
  const override = overrideFor(schedule, k);
  if (override?.action === 'reschedule') return instantMs(override.dueAt);
  const segment = segmentFor(schedule, k);
  return segment ? segmentDueMs(segment, k) : Number.NaN;
}

/**
 * Cycle `k` with overrides applied, or null when it does not exist (no segment, index
 * >= maxCycles, due after endDate). Existence is monotone in k because validated
 * schedules have strictly increasing due instants: once a cycle is missing, all later
 * ones are too.
 * @throws RangeError when the cycle's date is outside the representable range.
 */
export function resolveCycle(schedule: Schedule, k: number): CycleInfo | null {
  if (schedule.maxCycles !== undefined && k >= schedule.maxCycles) return null;
  if (!segmentFor(schedule, k)) return null;
  const ms = effectiveDueMs(schedule, k);
  if (Number.isNaN(ms)) throw new RangeError(`cycle ${k} is outside the representable date range`);
  if (schedule.endDate !== undefined && ms > instantMs(schedule.endDate)) return null;
  const action = overrideFor(schedule, k)?.action;
  return { cycleIndex: k, dueAt: new Date(ms), skipped: action === 'skip', rescheduled: action === 'reschedule' };
}
