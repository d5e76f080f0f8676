import { resolveCycle } from './cycle.resolver';
import type { Schedule } from './schedule.types';

function isDue(schedule: Schedule, k: number, nowMs: number): boolean {
  try {
    const cycle = resolveCycle(schedule, k);
    return cycle !== null && cycle.dueAt.getTime() <= nowMs;
  } catch (error) {
    if (error instanceof RangeError) return false; // beyond the representable range: not due
    throw error;
  }
}

/**
 * Index of the last existing cycle >= `from` that is due at `nowMs`, or `from - 1` when
 * none is. "Exists and is due" is true then false as k grows (validated schedules have
 * strictly increasing due instants), so an exponential then binary search finds the end
 * of a long backlog in O(log n) due-date computations instead of walking every cycle.
 */
export function lastDueIndex(schedule: Schedule, from: number, nowMs: number): number {
  if (!isDue(schedule, from, nowMs)) return from - 1;
  let due = from; // known due
  let step = 1;
  while (isDue(schedule, from + step, nowMs)) {
    due = from + step;
    step *= 2;
  }
  let notDue = from + step; // known not due
  while (notDue - due > 1) {
    const middle = due + Math.floor((notDue - due) / 2);
    if (isDue(schedule, middle, nowMs)) due = middle;
    else notDue = middle;
  }
  return due;
}
