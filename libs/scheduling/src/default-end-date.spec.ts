import { defaultEndDate } from './default-end-date.function';
import { ScheduleError } from './schedule.error';

describe('defaultEndDate', () => {
  it('adds 365 days by default (ShareFox)', () => {
    expect(defaultEndDate('2025-03-01T10:00:00Z')).toBe('2026-03-01T10:00:00.000Z');
    expect(defaultEndDate('2024-03-01T10:00:00+01:00')).toBe('2025-03-01T09:00:00.000Z');
  });

  it('counts calendar days in a zone so the local time survives DST', () => {
    expect(defaultEndDate('2025-03-01T09:00:00+01:00', 30, 'Europe/Amsterdam')).toBe('2025-03-31T07:00:00.000Z');
  });

  it('rejects bad input', () => {
    expect(() => defaultEndDate('2025-03-01')).toThrow(ScheduleError);
    expect(() => defaultEndDate('2025-03-01T00:00:00Z', -1)).toThrow(RangeError);
    expect(() => defaultEndDate('2025-03-01T00:00:00Z', 1, 'Nowhere/Else')).toThrow(ScheduleError);
  });
});
