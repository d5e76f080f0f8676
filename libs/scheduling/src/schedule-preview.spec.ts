import { schedulePreview } from './schedule-preview.function';
import type { Schedule } from './schedule.types';

const monthly: Schedule = {
  segments: [{
    effectiveFrom: '2026-01-01T00:00:00Z', firstCycleIndex: 0, frequency: { unit: 'month', interval: 1 },
    anchor: { date: '2026-01-31', time: '09:00' }, timeZone: 'Europe/Amsterdam',
  }],
};
const view = (cycles: ReturnType<typeof schedulePreview>) => cycles.map((c) => [c.cycleIndex, c.dueAt.toISOString().slice(0, 10), c.overdue, c.skipReason]);

describe('schedulePreview', () => {
  it('lists overdue unhandled cycles first, flagged, then future ones', () => {
    const cycles = schedulePreview(monthly, 0, new Date('2026-04-01T00:00:00Z'), 4);
    expect(view(cycles)).toEqual([
      [1, '2026-02-28', true, null],
      [2, '2026-03-31', true, null],
      [3, '2026-04-30', false, null],
      [4, '2026-05-31', false, null],
    ]);
  });

  it('marks what the catch-up policy and skip overrides will not order', () => {
    const skipping: Schedule = { ...monthly, overrides: [{ cycleIndex: 4, action: 'skip' }] };
    const cycles = schedulePreview(skipping, -1, new Date('2026-03-31T12:00:00Z'), 5, 'latest-only');
    expect(view(cycles)).toEqual([
      [0, '2026-01-31', true, 'missed'],
      [1, '2026-02-28', true, 'missed'],
      [2, '2026-03-31', true, null],
      [3, '2026-04-30', false, null],
      [4, '2026-05-31', false, 'override'],
    ]);
    expect(cycles.map((c) => c.skipped)).toEqual([true, true, false, false, true]);
  });

  it('never lists more than asked, and stops where the schedule ends', () => {
    expect(schedulePreview(monthly, -1, new Date('2027-01-01T00:00:00Z'), 3).map((c) => c.cycleIndex)).toEqual([0, 1, 2]);
    expect(schedulePreview({ ...monthly, maxCycles: 2 }, 0, new Date('2026-01-01T00:00:00Z'), 5).map((c) => c.cycleIndex)).toEqual([1]);
    expect(schedulePreview(monthly, -1, new Date('2026-01-01T00:00:00Z'), 0)).toEqual([]);
  });
});
