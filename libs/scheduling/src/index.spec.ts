import * as scheduling from './index';

describe('@oms/scheduling public API', () => {
  it('exports the functions, constants and error class services use', () => {
    expect(Object.keys(scheduling).sort()).toEqual([
      'DEFAULT_GRACE_MS', 'ScheduleError', 'anchorErrors', 'assertValidSchedule', 'changeSchedule', 'checkedSchedule', 'cycleAt', 'defaultEndDate',
      'dueAt', 'dueCycles', 'frequencyErrors', 'nextCycles', 'nextDueAfter', 'parseAnchor', 'scheduleErrors', 'schedulePreview', 'segmentErrors', 'validateTimeZone',
    ]);
  });
});
