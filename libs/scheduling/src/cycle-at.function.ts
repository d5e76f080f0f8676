import { assertIntAtLeast } from './cycle-index.guard';
import { resolveCycle } from './cycle.resolver';
import type { CycleInfo, Schedule } from './schedule.types';
import { assertValidSchedule } from './schedule.validator';

/**
 * Cycle `cycleIndex` of `schedule` with its override applied, or null when the cycle does
 * not exist (index >= maxCycles, due after endDate, or no segments). A skipped cycle
 * exists and is returned with `skipped: true`.
 *
 * @throws RangeError when `cycleIndex` is not an integer >= 0 or its date is outside the
 *   representable range.
 * @throws ScheduleError when the schedule is invalid.
 */
export function cycleAt(schedule: Schedule, cycleIndex: number): CycleInfo | null {
  assertValidSchedule(schedule);
  assertIntAtLeast(cycleIndex, 0, 'cycleIndex');
  return resolveCycle(schedule, cycleIndex);
}
