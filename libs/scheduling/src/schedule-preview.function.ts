import { assertIntAtLeast, assertValidDate } from './cycle-index.guard';
import { dueCycles } from './due-cycles.policy';
import { nextCycles } from './next-cycles.function';
import type { CatchUpPolicy, Schedule, SkipReason } from './schedule.types';

/** One cycle of a schedule preview. */
export interface PreviewCycle {
  readonly cycleIndex: number;
  readonly dueAt: Date;
  /** Came due before `now` and the scheduler has not handled it yet. */
  readonly overdue: boolean;
  /** Will be recorded as skipped, not ordered: `override` (a skip asked for) or `missed` (the catch-up policy drops it). */
  readonly skipped: boolean;
  readonly skipReason: SkipReason | null;
  readonly rescheduled: boolean;
}

/**
 * The next `count` cycles the scheduler will handle, as seen at `now`: first
 * those already due but not handled (after `lastHandledCycleIndex`), flagged
 * overdue and marked as the catch-up policy will treat them, then the future
 * ones, overrides applied. Fewer come back when the schedule ends.
 *
 * @throws RangeError for a non-integer or out-of-range argument or an invalid `now`.
 * @throws ScheduleError when the schedule is invalid.
 */
export function schedulePreview(schedule: Schedule, lastHandledCycleIndex: number, now: Date, count: number, policy: CatchUpPolicy = 'all'): PreviewCycle[] {
  assertIntAtLeast(count, 0, 'count');
  assertValidDate(now, 'now');
  if (count === 0) return [];
  const due = dueCycles(schedule, lastHandledCycleIndex, now, policy, count);
  const overdue: PreviewCycle[] = [
    ...due.emit.map((c) => ({ ...c, overdue: true, skipped: false, skipReason: null })),
    ...due.skip.map(({ reason, ...c }) => ({ ...c, overdue: true, skipped: true, skipReason: reason })),
  ].sort((a, b) => a.cycleIndex - b.cycleIndex);
  const after = overdue.at(-1)?.cycleIndex ?? lastHandledCycleIndex;
  const upcoming = nextCycles(schedule, after, count - overdue.length).map((c) => ({
    ...c, overdue: false, skipReason: c.skipped ? ('override' as const) : null,
  }));
  return [...overdue, ...upcoming];
}
