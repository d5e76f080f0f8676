import { anchorErrors, parseAnchor } from './anchor.parser';
import { ScheduleError } from './schedule.error';
import { assertValidSchedule, checkedSchedule, scheduleErrors } from './schedule.validator';
import { frequencyErrors, validateTimeZone } from './segment.validator';
import { schedule, segment } from './testing/schedule.fixtures';

describe('field validation', () => {
  it('knows IANA zones', () => {
    expect(validateTimeZone('Europe/Amsterdam')).toBe(true);
    expect(validateTimeZone('Pacific/Chatham')).toBe(true);
    expect(validateTimeZone('Europe/Atlantis')).toBe(false);
    expect(validateTimeZone('')).toBe(false);
  });

  it('explains bad anchors and frequencies', () => {
    expect(anchorErrors({ date: '2025-2-3', time: '9:00' })).toEqual([
      'anchor.date must be an existing calendar date YYYY-MM-DD',
      'anchor.time must be HH:mm (00:00-23:59)',
    ]);
    expect(anchorErrors({ date: '2025-04-30', time: '09:00', dayOfMonth: 29 })).toEqual(['anchor.dayOfMonth 29 does not clamp to anchor.date 2025-04-30']);
    expect(anchorErrors('tomorrow')).toEqual(['anchor must be an object { date, time }']);
    expect(frequencyErrors({ unit: 'fortnight', interval: 1.5 })).toEqual([
      'frequency.unit must be one of day, week, month, year',
      'frequency.interval must be an integer >= 1',
    ]);
  });

  it('parses a valid anchor and throws ScheduleError for an invalid one', () => {
    expect(parseAnchor({ date: '2024-02-29', time: '23:59' })).toEqual({ year: 2024, month: 2, day: 29, hour: 23, minute: 59, rhythmDay: 29 });
    expect(() => parseAnchor({ date: '2025-02-29', time: '10:00' })).toThrow(ScheduleError);
  });
});

describe('scheduleErrors', () => {
  it('accepts a valid schedule and an empty one', () => {
    expect(scheduleErrors(schedule())).toEqual([]);
    expect(scheduleErrors({ segments: [] })).toEqual([]);
  });

  it('reports paths for segment, end and override problems', () => {
    const bad = {
      segments: [segment({ firstCycleIndex: 1, effectiveFrom: '2025-01-01T00:00' })],
      endDate: 'soon',
      maxCycles: -1,
      overrides: [{ cycleIndex: 1, action: 'skip' }, { cycleIndex: 1, action: 'reschedule', dueAt: 'x' }],
    };
    expect(scheduleErrors(bad)).toEqual([
      'segments[0].effectiveFrom must be an ISO instant with Z or an offset',
      'endDate must be an ISO instant with Z or an offset',
      'maxCycles must be an integer >= 0',
      'overrides[1].cycleIndex 1 has more than one override',
      'overrides[1].dueAt must be an ISO instant with Z or an offset',
    ]);
    expect(scheduleErrors(schedule({}, segment({ firstCycleIndex: 2 })))).toEqual(['segments[0].firstCycleIndex must be 0']);
  });

  it('rejects segments out of order, overlapping in time, or before their effectiveFrom', () => {
    const second = segment({ firstCycleIndex: 2, date: '2025-02-01', effectiveFrom: '2025-01-01T00:00:00Z' });
    expect(scheduleErrors({ segments: [segment(), second] })).toEqual([
      'segments[1] first cycle 2 (2025-02-01T09:00:00.000Z) must be after cycle 1 (2025-02-28T09:00:00.000Z) of segments[0]',
    ]);
    expect(scheduleErrors(schedule({}, segment({ effectiveFrom: '2025-02-01T00:00:00Z' })))).toEqual([
      'segments[0] first cycle 0 (2025-01-31T09:00:00.000Z) is before its effectiveFrom 2025-02-01T00:00:00Z',
    ]);
  });

  it('keeps a reschedule strictly between its neighbours and within the end date', () => {
    const moved = (dueAt: string, endDate?: string) =>
      scheduleErrors(schedule({ endDate, overrides: [{ cycleIndex: 1, action: 'reschedule', dueAt }] }));
    expect(moved('2025-03-05T00:00:00Z')).toEqual([]);
    expect(moved('2025-04-01T00:00:00Z')[0]).toMatch(/^overrides\[0\] moves cycle 1 to 2025-04-01T00:00:00.000Z, which is not strictly between cycle 0/);
    expect(moved('2025-03-05T00:00:00Z', '2025-03-01T00:00:00Z')).toEqual(['overrides[0].dueAt 2025-03-05T00:00:00Z is after endDate']);
  });

  it('assertValidSchedule throws ScheduleError with the reasons', () => {
    expect(() => assertValidSchedule({ segments: 'none' })).toThrow(new ScheduleError(['segments must be an array']));
  });

  it('checkedSchedule validates once and freezes the schedule, so it cannot become invalid after the check', () => {
    expect(() => checkedSchedule(schedule({ maxCycles: -1 }))).toThrow(new ScheduleError(['maxCycles must be an integer >= 0']));
    const checked = checkedSchedule(schedule({ overrides: [{ cycleIndex: 1, action: 'skip' }] }));
    expect(Object.isFrozen(checked) && Object.isFrozen(checked.segments[0]!.anchor) && Object.isFrozen(checked.overrides![0])).toBe(true);
    expect(() => { (checked as { maxCycles?: number }).maxCycles = -1; }).toThrow(TypeError);
    expect(() => assertValidSchedule(checked)).not.toThrow();
  });
});
