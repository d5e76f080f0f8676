import fc from 'fast-check';
import { resolveCycle } from './cycle.resolver';
import { DEFAULT_GRACE_MS, dueCycles } from './due-cycles.policy';
import { nextCycles } from './next-cycles.function';
import type { CatchUpPolicy, DueCycles, Schedule } from './schedule.types';
import { changeArb, plainScheduleArb, scheduleCaseArb, withChange } from './testing/schedule-case.arbitrary';

const RUNS = { numRuns: 200 };
const POLICIES: CatchUpPolicy[] = ['all', 'latest-only', 'skip-missed'];

// Oracle without the library's search: walk every index up to `upTo`, keep the existing due
// ones. The specs pass nowCycle + 6: now is at most 3 days after cycle nowCycle's raw due
// instant, cycles are at least ~23 h apart and a reschedule moves less than half a gap.
function existingDue(schedule: Schedule, last: number, now: Date, upTo: number): number[] {
  const due: number[] = [];
  for (let k = last + 1; k <= upTo; k += 1) {
    const cycle = resolveCycle(schedule, k);
    if (cycle && cycle.dueAt <= now) due.push(k);
  }
  return due;
}

const indices = ({ emit, skip }: DueCycles): number[] => [...emit, ...skip].map((c) => c.cycleIndex).sort((a, b) => a - b);

describe('schedule properties', () => {
  it('dueCycles returns each existing due cycle in (last, now] exactly once, and batches add up', () => {
    fc.assert(
      fc.property(scheduleCaseArb, fc.integer({ min: -1, max: 25 }), fc.constantFrom(...POLICIES), fc.integer({ min: 2, max: 5 }), (c, last, policy, limit) => {
        const { schedule, now, nowCycle } = c; // dueCycles validates it: a bad generator would throw
        const expected = existingDue(schedule, last, now, Math.max(last, nowCycle) + 6);
        const skipped = expected.filter((k) => resolveCycle(schedule, k)!.skipped);
        const kept = expected.filter((k) => !skipped.includes(k));
        const latest = kept.at(-1);
        const result = dueCycles(schedule, last, now, policy);
        const all = [...result.emit, ...result.skip].map((cycle) => cycle.cycleIndex);
        expect(new Set(all).size).toBe(all.length);
        expect(indices(result)).toEqual(expected);
        expect(result.skip.filter((cycle) => cycle.reason === 'override').map((cycle) => cycle.cycleIndex)).toEqual(skipped);
        const emitted = result.emit.map((cycle) => cycle.cycleIndex);
        if (policy === 'all') expect(emitted).toEqual(kept);
        if (policy === 'latest-only') expect(emitted).toEqual(latest === undefined ? [] : [latest]);
        if (policy === 'skip-missed') {
          const inGrace = latest !== undefined && resolveCycle(schedule, latest)!.dueAt.getTime() >= now.getTime() - DEFAULT_GRACE_MS;
          expect(emitted).toEqual(inGrace ? [latest] : []);
        }
        // Batches continued from the greatest returned index add up to the single call.
        const batched: DueCycles = { emit: [], skip: [] };
        for (let batch = dueCycles(schedule, last, now, policy, limit); batch.emit.length + batch.skip.length > 0; ) {
          batched.emit.push(...batch.emit);
          batched.skip.push(...batch.skip);
          batch = dueCycles(schedule, Math.max(...indices(batch)), now, policy, limit);
        }
        expect(batched).toEqual(result);
      }),
      RUNS,
    );
  });

  it('adding a segment never changes cycles before its firstCycleIndex', () => {
    fc.assert(
      fc.property(plainScheduleArb, changeArb, (plain, change) => {
        const at = plain.segments.at(-1)!.firstCycleIndex + change.at;
        const changed = withChange(plain, change);
        expect(nextCycles(changed, -1, at)).toEqual(nextCycles(plain, -1, at));
        expect(changed.segments.slice(0, -1)).toEqual(plain.segments);
        expect(nextCycles(changed, at - 1, 1)[0].dueAt.getTime()).toBeGreaterThan(nextCycles(plain, at - 2, 1)[0].dueAt.getTime());
      }),
      RUNS,
    );
  });
});
