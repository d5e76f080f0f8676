import { dueCycles } from './due-cycles.policy';
import type { DueCycles } from './schedule.types';
import { schedule, segment } from './testing/schedule.fixtures';

const monthly = schedule({}, segment({ date: '2025-01-15' })); // 09:00 UTC on the 15th
const afterOutage = new Date('2025-04-20T00:00:00Z'); // cycle 0 handled, then three months down

const summary = ({ emit, skip }: DueCycles) => ({
  emit: emit.map((c) => c.cycleIndex),
  skip: skip.map((c) => `${c.cycleIndex}:${c.reason}`),
});

describe('dueCycles after a three-month outage of a monthly subscription', () => {
  it("'all' emits the three missed cycles oldest first", () => {
    const result = dueCycles(monthly, 0, afterOutage, 'all');
    expect(result.emit.map((c) => c.dueAt.toISOString())).toEqual(['2025-02-15T09:00:00.000Z', '2025-03-15T09:00:00.000Z', '2025-04-15T09:00:00.000Z']);
    expect(result.skip).toEqual([]);
  });

  it("'latest-only' emits the latest and records the others as missed", () => {
    expect(summary(dueCycles(monthly, 0, afterOutage, 'latest-only'))).toEqual({ emit: [3], skip: ['1:missed', '2:missed'] });
  });

  it("'skip-missed' emits the latest only within the grace period", () => {
    expect(summary(dueCycles(monthly, 0, afterOutage, 'skip-missed'))).toEqual({ emit: [], skip: ['1:missed', '2:missed', '3:missed'] });
    expect(summary(dueCycles(monthly, 0, new Date('2025-04-16T09:00:00Z'), 'skip-missed'))).toEqual({ emit: [3], skip: ['1:missed', '2:missed'] });
    expect(summary(dueCycles(monthly, 0, new Date('2025-04-16T09:00:00.001Z'), 'skip-missed'))).toEqual({ emit: [], skip: ['1:missed', '2:missed', '3:missed'] });
    expect(summary(dueCycles(monthly, 0, afterOutage, 'skip-missed', undefined, 7 * 86_400_000))).toEqual({ emit: [3], skip: ['1:missed', '2:missed'] });
  });
});

describe('dueCycles', () => {
  it('defaults to all, includes a cycle due exactly now and nothing later', () => {
    expect(summary(dueCycles(monthly, -1, new Date('2025-02-15T09:00:00Z')))).toEqual({ emit: [0, 1], skip: [] });
    expect(summary(dueCycles(monthly, 1, new Date('2025-03-15T08:59:59Z')))).toEqual({ emit: [], skip: [] });
  });

  it('reports override-skipped cycles and never emits them', () => {
    const s = { ...monthly, overrides: [{ cycleIndex: 2, action: 'skip' as const }, { cycleIndex: 3, action: 'skip' as const }] };
    expect(summary(dueCycles(s, 0, afterOutage, 'all'))).toEqual({ emit: [1], skip: ['2:override', '3:override'] });
    // The latest non-skipped cycle is the one latest-only keeps.
    expect(summary(dueCycles(s, 0, afterOutage, 'latest-only'))).toEqual({ emit: [1], skip: ['2:override', '3:override'] });
  });

  it('uses the rescheduled instant', () => {
    const s = { ...monthly, overrides: [{ cycleIndex: 1, action: 'reschedule' as const, dueAt: '2025-02-20T00:00:00Z' }] };
    expect(summary(dueCycles(s, 0, new Date('2025-02-19T00:00:00Z')))).toEqual({ emit: [], skip: [] });
    expect(dueCycles(s, 0, new Date('2025-02-20T00:00:00Z')).emit).toEqual([
      { cycleIndex: 1, dueAt: new Date('2025-02-20T00:00:00Z'), skipped: false, rescheduled: true },
    ]);
  });

  it('stops at max cycles and end date', () => {
    expect(summary(dueCycles({ ...monthly, maxCycles: 3 }, 0, afterOutage))).toEqual({ emit: [1, 2], skip: [] });
    expect(summary(dueCycles({ ...monthly, endDate: '2025-03-01T00:00:00Z' }, 0, afterOutage))).toEqual({ emit: [1], skip: [] });
  });

  it('batches with limit; the policy is decided over the whole backlog', () => {
    const first = dueCycles(monthly, 0, afterOutage, 'latest-only', 2);
    expect(summary(first)).toEqual({ emit: [], skip: ['1:missed', '2:missed'] });
    expect(summary(dueCycles(monthly, 2, afterOutage, 'latest-only', 2))).toEqual({ emit: [3], skip: [] });
  });

  it('finds the end of a long backlog without walking it', () => {
    const daily = schedule({}, segment({ date: '1990-01-01', every: { unit: 'day', interval: 1 }, timeZone: 'Europe/Amsterdam' }));
    const started = performance.now();
    const result = dueCycles(daily, -1, new Date('2090-01-01T00:00:00Z'), 'latest-only', 3);
    expect(summary(result)).toEqual({ emit: [], skip: ['0:missed', '1:missed', '2:missed'] });
    expect(dueCycles(daily, 36_520, new Date('2090-01-01T00:00:00Z'), 'latest-only').emit[0].cycleIndex).toBe(36_524);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('rejects bad arguments', () => {
    expect(() => dueCycles(monthly, -2, afterOutage)).toThrow(RangeError);
    expect(() => dueCycles(monthly, 0, new Date('nope'))).toThrow('now must be a valid Date');
    expect(() => dueCycles(monthly, 0, afterOutage, 'some' as never)).toThrow(RangeError);
    expect(() => dueCycles(monthly, 0, afterOutage, 'all', 0)).toThrow(RangeError);
    expect(() => dueCycles(monthly, 0, afterOutage, 'skip-missed', undefined, -1)).toThrow(RangeError);
  });
});
