import { lateStep, smallestThresholds, thresholdFor, type LateOrderSettings } from './late-thresholds';

const settings: LateOrderSettings = {
  defaults: { noticeAfterHours: 24, cancelAfterHours: 120 },
  rules: [
    { deliveryMode: 'express', noticeAfterHours: 4, cancelAfterHours: 48 },
    { channel: 'call-center', noticeAfterHours: 12, cancelAfterHours: 96 },
    { channel: 'call-center', deliveryMode: 'express', noticeAfterHours: 2, cancelAfterHours: 24 },
  ],
};
const HOUR = 3_600_000;

describe('late-order thresholds', () => {
  it('takes the most specific rule: channel and mode, then channel, then mode, then the defaults', () => {
    expect(thresholdFor(settings, 'call-center', 'express')).toEqual({ noticeAfterHours: 2, cancelAfterHours: 24 });
    expect(thresholdFor(settings, 'call-center', 'standard')).toEqual({ noticeAfterHours: 12, cancelAfterHours: 96 });
    expect(thresholdFor(settings, 'web', 'express')).toEqual({ noticeAfterHours: 4, cancelAfterHours: 48 });
    expect(thresholdFor(settings, 'web', 'standard')).toEqual({ noticeAfterHours: 24, cancelAfterHours: 120 });
  });

  it('knows the smallest thresholds of any order', () => {
    expect(smallestThresholds(settings)).toEqual({ noticeAfterHours: 2, cancelAfterHours: 24 });
    expect(smallestThresholds({ defaults: settings.defaults, rules: [] })).toEqual(settings.defaults);
  });

  it('notices once past the notice threshold and cancels past the cancel threshold', () => {
    const t = { noticeAfterHours: 24, cancelAfterHours: 120 };
    expect(lateStep(t, 23 * HOUR, false)).toBe('none');
    expect(lateStep(t, 24 * HOUR, false)).toBe('notice');
    expect(lateStep(t, 30 * HOUR, true)).toBe('none');
    expect(lateStep(t, 120 * HOUR, true)).toBe('cancel');
    expect(lateStep(t, 200 * HOUR, false)).toBe('cancel');
    expect(lateStep(t, -5 * HOUR, false)).toBe('none');
  });
});
