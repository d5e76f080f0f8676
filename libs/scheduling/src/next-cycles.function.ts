import { assertIntAtLeast } from './cycle-index.guard';
import { resolveCycle } from './cycle.resolver';
import type { CycleInfo, Schedule } from './schedule.types';
import { assertValidSchedule } from './schedule.validator';

/**
 * The next `count` existing cycles after `afterCycleIndex` (-1 for "from the start"),
 * oldest first, overrides applied. Skipped cycles are included and flagged so a UI can
 * show them; fewer than `count` come back when the end date or max cycles is reached.
 *
 * @throws RangeError for a non-integer or out-of-range argument.
 * @throws ScheduleError when the schedule is invalid.
 */
export function nextCycles(schedule: Schedule, afterCycleIndex: number, count: number): CycleInfo[] {
  assertValidSchedule(schedule);
  assertIntAtLeast(afterCycleIndex, -1, 'afterCycleIndex');
  assertIntAtLeast(count, 0, 'count');
  const cycles: CycleInfo[] = [];
  for (let k = afterCycleIndex + 1; cycles.length < count; k += 1) {
    const cycle = resolveCycle(schedule, k);
    if (!cycle) break; // existence is monotone: nothing later exists either
    cycles.push(cycle);
  }
  return cycles;
}

/**
 * When the scheduler has to look at this subscription next, after it handled every cycle
 * up to `lastHandledCycleIndex` (-1 for none): the due instant of the next existing
 * non-skipped cycle (skipped cycles before it are reported by that same `dueCycles` run).
 * When only skipped cycles remain, the due instant of the last of them, so that they are
 * still recorded rather than silently dropped. Null when no cycle remains: the
 * subscription has ended.
 *
 * @throws RangeError for a non-integer or out-of-range index.
 * @throws ScheduleError when the schedule is invalid.
 */
export function nextDueAfter(schedule: Schedule, lastHandledCycleIndex: number): Date | null {
  assertValidSchedule(schedule);
  assertIntAtLeast(lastHandledCycleIndex, -1, 'lastHandledCycleIndex');
  let lastSkipped: CycleInfo | undefined;
  // Terminates: skipped cycles exist only at override indices, a finite set.
  for (let k = lastHandledCycleIndex + 1; ; k += 1) {
    const cycle = resolveCycle(schedule, k);
    if (!cycle) return lastSkipped?.dueAt ?? null;
    if (!cycle.skipped) return cycle.dueAt;
    lastSkipped = cycle;
  }
}
