import { assertIntAtLeast, assertValidDate } from './cycle-index.guard';
import { resolveCycle } from './cycle.resolver';
import { lastDueIndex } from './last-due.search';
import type { CatchUpPolicy, CycleInfo, DueCycles, Schedule } from './schedule.types';
import { assertValidSchedule } from './schedule.validator';

/** Default grace period of the `skip-missed` policy: 24 hours. */
export const DEFAULT_GRACE_MS = 24 * 60 * 60 * 1000;

const POLICIES: readonly CatchUpPolicy[] = ['all', 'latest-only', 'skip-missed'];

/**
 * Every existing cycle after `lastHandledCycleIndex` (-1 for none) that is due at `now`,
 * oldest first, split into cycles to emit and cycles to record as skipped:
 * - an override-skipped cycle is always in `skip` with reason `override`, never emitted;
 * - `all` (default catch-up after downtime) emits every other due cycle;
 * - `latest-only` emits only the most recent due cycle that is not override-skipped; the
 *   older ones go to `skip` with reason `missed`;
 * - `skip-missed` is `latest-only` plus a deadline: that most recent cycle is emitted only
 *   if it came due at or after `now - graceMs`, else it is `missed` too. So nothing overdue
 *   by more than `graceMs` is ever emitted, and at most one cycle is.
 *
 * `limit` bounds emit + skip entries (batching): the policy is decided over the whole
 * backlog, then the oldest `limit` entries are returned; continue from the greatest
 * returned index. Within one call no index appears twice, and emit ∪ skip is exactly the
 * set of existing cycles in (lastHandledCycleIndex, now] (or its oldest `limit`).
 *
 * @throws RangeError for a non-integer or out-of-range argument or an invalid `now`.
 * @throws ScheduleError when the schedule is invalid.
 */
export function dueCycles(
  schedule: Schedule,
  lastHandledCycleIndex: number,
  now: Date,
  policy: CatchUpPolicy = 'all',
  limit?: number,
  graceMs: number = DEFAULT_GRACE_MS,
): DueCycles {
  assertValidSchedule(schedule);
  assertIntAtLeast(lastHandledCycleIndex, -1, 'lastHandledCycleIndex');
  assertValidDate(now, 'now');
  if (!POLICIES.includes(policy)) throw new RangeError(`policy must be one of ${POLICIES.join(', ')}`);
  if (limit !== undefined) assertIntAtLeast(limit, 1, 'limit');
  if (!(graceMs >= 0)) throw new RangeError(`graceMs must be >= 0, got ${graceMs}`);

  const first = lastHandledCycleIndex + 1;
  const last = lastDueIndex(schedule, first, now.getTime());
  const notBefore = policy === 'skip-missed' ? now.getTime() - graceMs : Number.NEGATIVE_INFINITY;
  const kept = policy === 'all' ? undefined : latestKept(schedule, first, last, notBefore);
  const end = limit === undefined ? last : Math.min(last, first + limit - 1);
  const result: DueCycles = { emit: [], skip: [] };
  for (let k = first; k <= end; k += 1) {
    const cycle = resolveCycle(schedule, k)!; // exists: k <= last
    if (cycle.skipped) result.skip.push({ ...cycle, reason: 'override' });
    else if (policy === 'all' || k === kept) result.emit.push(cycle);
    else result.skip.push({ ...cycle, reason: 'missed' });
  }
  return result;
}

// Index of the most recent due cycle that is not override-skipped, if it came due at or
// after `notBeforeMs`. Walks back over skipped cycles only, so it is bounded by the overrides.
function latestKept(schedule: Schedule, first: number, last: number, notBeforeMs: number): number | undefined {
  for (let k = last; k >= first; k -= 1) {
    const cycle: CycleInfo = resolveCycle(schedule, k)!;
    if (!cycle.skipped) return cycle.dueAt.getTime() >= notBeforeMs ? k : undefined;
  }
  return undefined;
}
