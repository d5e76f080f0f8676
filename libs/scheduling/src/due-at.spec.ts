import { Settings } from 'luxon';
import { clearDueCache, dueAt } from './due-at.function';
import { ScheduleError } from './schedule.error';
import { local, localDate, segment } from './testing/schedule.fixtures';

const dates = (s: ReturnType<typeof segment>, count: number): string[] =>
  Array.from({ length: count }, (_, k) => localDate(dueAt(s, s.firstCycleIndex + k), s.timeZone));

describe('dueAt: calendar rules', () => {
  it('clamps a 31st monthly anchor to each month end, computed from the anchor', () => {
    expect(dates(segment({ date: '2025-01-31' }), 5)).toEqual(['2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30', '2025-05-31']);
  });

  it('lands on Feb 29 in a leap year', () => {
    expect(dates(segment({ date: '2024-01-31' }), 3)).toEqual(['2024-01-31', '2024-02-29', '2024-03-31']);
  });

  it('keeps a Feb 29 yearly anchor: Feb 28 in common years, Feb 29 in leap years', () => {
    const s = segment({ date: '2024-02-29', every: { unit: 'year', interval: 1 } });
    expect(dates(s, 5)).toEqual(['2024-02-29', '2025-02-28', '2026-02-28', '2027-02-28', '2028-02-29']);
  });

  it('keeps the 30th for quarterly from Nov 30 (a compounding rule would stick to the 28th)', () => {
    const s = segment({ date: '2024-11-30', every: { unit: 'month', interval: 3 } });
    expect(dates(s, 5)).toEqual(['2024-11-30', '2025-02-28', '2025-05-30', '2025-08-30', '2025-11-30']);
  });

  it('keeps a month-end rhythm through dayOfMonth when a segment starts on a clamped date', () => {
    const s = segment({ anchor: { date: '2025-04-30', time: '09:00', dayOfMonth: 31 } });
    expect(dates(s, 3)).toEqual(['2025-04-30', '2025-05-31', '2025-06-30']);
  });

  it('numbers cycles from the segment firstCycleIndex', () => {
    const s = segment({ firstCycleIndex: 5, date: '2025-03-01', every: { unit: 'day', interval: 2 } });
    expect(localDate(dueAt(s, 5), 'UTC')).toBe('2025-03-01');
    expect(localDate(dueAt(s, 7), 'UTC')).toBe('2025-03-05');
  });
});

describe('dueAt: time zones and DST', () => {
  it('keeps a weekly Monday 09:00 in Europe/Amsterdam while the UTC offset changes', () => {
    const s = segment({ date: '2025-03-24', every: { unit: 'week', interval: 1 }, timeZone: 'Europe/Amsterdam' });
    expect([0, 1, 2].map((k) => local(dueAt(s, k), s.timeZone))).toEqual(['2025-03-24T09:00+01:00', '2025-03-31T09:00+02:00', '2025-04-07T09:00+02:00']);
    expect(dueAt(s, 1).toISOString()).toBe('2025-03-31T07:00:00.000Z');
  });

  it('keeps a weekly Sunday 09:00 in America/New_York across both transitions', () => {
    const s = segment({ date: '2025-03-02', every: { unit: 'week', interval: 1 }, timeZone: 'America/New_York' });
    expect(local(dueAt(s, 0), s.timeZone)).toBe('2025-03-02T09:00-05:00');
    expect(local(dueAt(s, 1), s.timeZone)).toBe('2025-03-09T09:00-04:00');
    expect(local(dueAt(s, 35), s.timeZone)).toBe('2025-11-02T09:00-05:00');
  });

  it('moves a 02:30 daily cycle forward by the gap on the spring-forward night, exactly once', () => {
    const s = segment({ date: '2025-03-29', time: '02:30', every: { unit: 'day', interval: 1 }, timeZone: 'Europe/Amsterdam' });
    expect([0, 1, 2].map((k) => local(dueAt(s, k), s.timeZone))).toEqual(['2025-03-29T02:30+01:00', '2025-03-30T03:30+02:00', '2025-03-31T02:30+02:00']);
  });

  it('takes the earlier 02:30 on the fall-back night, exactly once', () => {
    const s = segment({ date: '2025-10-25', time: '02:30', every: { unit: 'day', interval: 1 }, timeZone: 'Europe/Amsterdam' });
    expect([0, 1, 2].map((k) => dueAt(s, k).toISOString())).toEqual(['2025-10-25T00:30:00.000Z', '2025-10-26T00:30:00.000Z', '2025-10-27T01:30:00.000Z']);
  });

  it('handles America/New_York and a midnight transition in America/Santiago', () => {
    const ny = segment({ date: '2025-03-09', time: '02:30', every: { unit: 'day', interval: 1 }, timeZone: 'America/New_York' });
    expect(local(dueAt(ny, 0), ny.timeZone)).toBe('2025-03-09T03:30-04:00');
    expect(dueAt({ ...ny, anchor: { date: '2025-11-02', time: '01:30' } }, 0).toISOString()).toBe('2025-11-02T05:30:00.000Z');
    const santiago = segment({ date: '2025-09-07', time: '00:30', every: { unit: 'day', interval: 1 }, timeZone: 'America/Santiago' });
    expect(local(dueAt(santiago, 0), santiago.timeZone)).toBe('2025-09-07T01:30-03:00');
  });

  it('gives two cycles one instant when a zone skips a whole day (Pacific/Apia, 2011-12-30)', () => {
    const s = segment({ date: '2011-12-29', time: '10:00', every: { unit: 'day', interval: 1 }, timeZone: 'Pacific/Apia' });
    const [d29, d30, d31] = [0, 1, 2].map((k) => dueAt(s, k).toISOString());
    expect(d30).toBe(d31); // both exist, neither is dropped, but they share 2011-12-31T10:00+14:00
    expect(d29 < d30).toBe(true);
  });

  it('does not depend on the clock (Luxon guesses offsets from "now" unless told otherwise)', () => {
    const s = segment({ date: '2025-10-26', time: '02:30', timeZone: 'Europe/Amsterdam' });
    const original = Settings.now;
    try {
      const results = [Date.UTC(2025, 0, 15), Date.UTC(2025, 6, 15)].map((clock) => {
        Settings.now = () => clock;
        clearDueCache();
        return dueAt(s, 0).toISOString();
      });
      expect(results).toEqual(['2025-10-26T00:30:00.000Z', '2025-10-26T00:30:00.000Z']);
    } finally {
      Settings.now = original;
    }
  });
});

describe('dueAt: argument checks', () => {
  it('throws RangeError for an index before the segment or a fraction', () => {
    const s = segment({ firstCycleIndex: 3 });
    expect(() => dueAt(s, 2)).toThrow(RangeError);
    expect(() => dueAt(s, 3.5)).toThrow('cycleIndex must be an integer >= 3, got 3.5');
    expect(() => dueAt(s, 100_000_000)).toThrow(RangeError);
  });

  it('throws ScheduleError naming every bad field', () => {
    const bad = { ...segment({ date: '2025-02-30', time: '24:00', timeZone: 'Mars/Olympus' }), frequency: { unit: 'month' as const, interval: 0 } };
    expect(() => dueAt(bad, 0)).toThrow(ScheduleError);
    expect(() => dueAt(bad, 0)).toThrow(
      'invalid schedule: segment.frequency.interval must be an integer >= 1; segment.anchor.date must be an existing calendar date YYYY-MM-DD; ' +
        'segment.anchor.time must be HH:mm (00:00-23:59); segment.timeZone must be a known IANA time zone, got "Mars/Olympus"',
    );
  });
});
