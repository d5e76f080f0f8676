import { cycleAt } from './cycle-at.function';
import { nextCycles, nextDueAfter } from './next-cycles.function';
import { schedule, segment } from './testing/schedule.fixtures';

const monthly = segment({ date: '2025-01-15' }); // 09:00 UTC on the 15th

describe('cycleAt', () => {
  it('returns the cycle with flags', () => {
    expect(cycleAt(schedule({}, monthly), 2)).toEqual({ cycleIndex: 2, dueAt: new Date('2025-03-15T09:00:00Z'), skipped: false, rescheduled: false });
  });

  it('returns null from maxCycles on', () => {
    const s = schedule({ maxCycles: 3 }, monthly);
    expect(cycleAt(s, 2)).not.toBeNull();
    expect(cycleAt(s, 3)).toBeNull();
  });

  it('returns null after endDate, which is inclusive', () => {
    const s = schedule({ endDate: '2025-03-15T09:00:00Z' }, monthly);
    expect(cycleAt(s, 2)?.dueAt).toEqual(new Date('2025-03-15T09:00:00Z'));
    expect(cycleAt(s, 3)).toBeNull();
  });

  it('applies skip and reschedule overrides', () => {
    const s = schedule({ overrides: [{ cycleIndex: 1, action: 'skip' }, { cycleIndex: 2, action: 'reschedule', dueAt: '2025-03-20T12:00:00+01:00' }] }, monthly);
    expect(cycleAt(s, 1)).toMatchObject({ skipped: true, rescheduled: false, dueAt: new Date('2025-02-15T09:00:00Z') });
    expect(cycleAt(s, 2)).toMatchObject({ skipped: false, rescheduled: true, dueAt: new Date('2025-03-20T11:00:00Z') });
  });

  it('returns null for every cycle of a schedule without segments and rejects bad indices', () => {
    expect(cycleAt({ segments: [] }, 0)).toBeNull();
    expect(() => cycleAt(schedule(), -1)).toThrow(RangeError);
  });
});

describe('nextCycles', () => {
  const s = schedule({ maxCycles: 5, overrides: [{ cycleIndex: 2, action: 'skip' }] }, monthly);

  it('lists the next cycles including flagged skipped ones', () => {
    expect(nextCycles(s, -1, 3).map((c) => [c.cycleIndex, c.dueAt.toISOString().slice(0, 10), c.skipped])).toEqual([
      [0, '2025-01-15', false],
      [1, '2025-02-15', false],
      [2, '2025-03-15', true],
    ]);
  });

  it('stops at max cycles and end date', () => {
    expect(nextCycles(s, 2, 10).map((c) => c.cycleIndex)).toEqual([3, 4]);
    expect(nextCycles({ ...s, endDate: '2025-04-01T00:00:00Z' }, 0, 10).map((c) => c.cycleIndex)).toEqual([1, 2]);
    expect(nextCycles(s, 1, 0)).toEqual([]);
  });
});

describe('nextDueAfter', () => {
  it('returns the next non-skipped due instant', () => {
    const s = schedule({ overrides: [{ cycleIndex: 1, action: 'skip' }] }, monthly);
    expect(nextDueAfter(s, -1)).toEqual(new Date('2025-01-15T09:00:00Z'));
    expect(nextDueAfter(s, 0)).toEqual(new Date('2025-03-15T09:00:00Z'));
  });

  it('returns null once the subscription has ended', () => {
    expect(nextDueAfter(schedule({ maxCycles: 2 }, monthly), 1)).toBeNull();
  });

  it('still wakes the scheduler for trailing skipped cycles so they are recorded', () => {
    const s = schedule({ maxCycles: 3, overrides: [{ cycleIndex: 1, action: 'skip' }, { cycleIndex: 2, action: 'skip' }] }, monthly);
    expect(nextDueAfter(s, 0)).toEqual(new Date('2025-03-15T09:00:00Z'));
    expect(nextDueAfter(s, 2)).toBeNull();
  });
});
