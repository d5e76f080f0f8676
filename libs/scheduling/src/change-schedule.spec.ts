import { changeSchedule } from './change-schedule.function';
import { nextCycles } from './next-cycles.function';
import { ScheduleError } from './schedule.error';
import type { Schedule } from './schedule.types';
import { local, schedule, segment } from './testing/schedule.fixtures';

const dueDates = (s: Schedule, count: number) => nextCycles(s, -1, count).map((c) => c.dueAt.toISOString().slice(0, 10));
const monthEnd = schedule({}, segment({ date: '2025-01-31' }));

describe('changeSchedule', () => {
  it('appends a segment and keeps earlier cycle dates identical', () => {
    const changed = changeSchedule(monthEnd, { effectiveFrom: '2025-03-10T00:00:00Z', frequency: { unit: 'week', interval: 2 } }, 3);
    expect(changed.segments).toHaveLength(2);
    expect(dueDates(changed, 6)).toEqual(['2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30', '2025-05-14', '2025-05-28']);
    expect(nextCycles(changed, -1, 3)).toEqual(nextCycles(monthEnd, -1, 3));
    expect(monthEnd.segments).toHaveLength(1); // input untouched
  });

  it('carries a month-end rhythm over a clamped next date', () => {
    const changed = changeSchedule(monthEnd, { effectiveFrom: '2025-03-10T00:00:00Z', frequency: { unit: 'month', interval: 2 } }, 3);
    expect(changed.segments[1].anchor).toEqual({ date: '2025-04-30', time: '09:00', dayOfMonth: 31 });
    expect(dueDates(changed, 6).slice(3)).toEqual(['2025-04-30', '2025-06-30', '2025-08-31']);
  });

  it('keeps the local time when only the zone changes', () => {
    const changed = changeSchedule(monthEnd, { effectiveFrom: '2025-03-10T00:00:00Z', timeZone: 'America/New_York' }, 3);
    expect(local(nextCycles(changed, 2, 1)[0].dueAt, 'America/New_York')).toBe('2025-04-30T09:00-04:00');
  });

  it('replaces the last segment when none of its cycles came due', () => {
    const once = changeSchedule(monthEnd, { effectiveFrom: '2025-03-10T00:00:00Z', frequency: { unit: 'week', interval: 1 } }, 3);
    const twice = changeSchedule(once, { effectiveFrom: '2025-03-11T00:00:00Z', anchor: { date: '2025-04-02', time: '10:00' } }, 3);
    expect(twice.segments).toHaveLength(2);
    expect(twice.segments[1]).toMatchObject({ frequency: { unit: 'week', interval: 1 }, anchor: { date: '2025-04-02', time: '10:00' } });
  });

  it('starts an empty schedule', () => {
    const first = changeSchedule({ segments: [] }, { effectiveFrom: '2025-01-01T00:00:00Z', frequency: { unit: 'day', interval: 7 }, anchor: { date: '2025-01-02', time: '08:00' }, timeZone: 'Asia/Kolkata' }, 0);
    expect(nextCycles(first, -1, 1)[0].dueAt.toISOString()).toBe('2025-01-02T02:30:00.000Z');
    expect(() => changeSchedule({ segments: [] }, { effectiveFrom: '2025-01-01T00:00:00Z' }, 0)).toThrow(ScheduleError);
  });

  it('refuses to rewrite cycles that came due or to go back in time', () => {
    const once = changeSchedule(monthEnd, { effectiveFrom: '2025-03-10T00:00:00Z', frequency: { unit: 'week', interval: 1 } }, 3);
    expect(() => changeSchedule(once, { effectiveFrom: '2025-03-10T00:00:00Z' }, 2)).toThrow(/cycles that came due cannot change/);
    const backwards = { effectiveFrom: '2025-03-10T00:00:00Z', anchor: { date: '2025-03-20', time: '09:00' } };
    expect(() => changeSchedule(monthEnd, backwards, 3)).toThrow('must be after cycle 2 (2025-03-31T09:00:00.000Z)');
    expect(() => changeSchedule(monthEnd, { effectiveFrom: '2025-05-01T00:00:00Z' }, 3)).toThrow(/is before its effectiveFrom/);
    expect(() => changeSchedule(monthEnd, { effectiveFrom: '2025-03-10T00:00:00Z' }, 1.5)).toThrow(RangeError);
  });

  it('keeps overrides and rejects a reschedule the new rhythm contradicts', () => {
    const withSkip = { ...monthEnd, overrides: [{ cycleIndex: 4, action: 'skip' as const }] };
    expect(changeSchedule(withSkip, { effectiveFrom: '2025-03-10T00:00:00Z', frequency: { unit: 'week', interval: 1 } }, 3).overrides).toEqual(withSkip.overrides);
    const withMove = { ...monthEnd, overrides: [{ cycleIndex: 4, action: 'reschedule' as const, dueAt: '2025-05-20T00:00:00Z' }] };
    expect(() => changeSchedule(withMove, { effectiveFrom: '2025-03-10T00:00:00Z', frequency: { unit: 'week', interval: 1 } }, 3)).toThrow(/overrides\[0\] moves cycle 4/);
  });
});
