import { describeMinutes, lateStep, smallestThresholds, thresholdFor, type LateOrderSettings } from './late-thresholds';

const settings: LateOrderSettings = {
  defaults: { noticeAfterMinutes: 1440, cancelAfterMinutes: 7200 },
  rules: [
    { deliveryMode: 'express', noticeAfterMinutes: 240, cancelAfterMinutes: 2880 },
    { channel: 'call-center', noticeAfterMinutes: 720, cancelAfterMinutes: 5760 },
    { channel: 'call-center', deliveryMode: 'express', noticeAfterMinutes: 120, cancelAfterMinutes: 1440 },
  ],
};
const HOUR = 3_600_000;

describe('late-order thresholds', () => {
  it('takes the most specific rule: channel and mode, then channel, then mode, then the defaults', () => {
    expect(thresholdFor(settings, 'call-center', 'express')).toEqual({ noticeAfterMinutes: 120, cancelAfterMinutes: 1440 });
    expect(thresholdFor(settings, 'call-center', 'standard')).toEqual({ noticeAfterMinutes: 720, cancelAfterMinutes: 5760 });
    expect(thresholdFor(settings, 'web', 'express')).toEqual({ noticeAfterMinutes: 240, cancelAfterMinutes: 2880 });
    expect(thresholdFor(settings, 'web', 'standard')).toEqual({ noticeAfterMinutes: 1440, cancelAfterMinutes: 7200 });
  });

  it('knows the smallest thresholds of any order', () => {
    expect(smallestThresholds(settings)).toEqual({ noticeAfterMinutes: 120, cancelAfterMinutes: 1440 });
    expect(smallestThresholds({ defaults: settings.defaults, rules: [] })).toEqual(settings.defaults);
  });

  it('describes minutes for people', () => {
    expect([describeMinutes(2880), describeMinutes(720), describeMinutes(90), describeMinutes(0)]).toEqual(['2 d', '12 h', '90 min', '0 min']);
  });

  it('notices once past the notice threshold and cancels past the cancel threshold', () => {
    const t = { noticeAfterMinutes: 1440, cancelAfterMinutes: 7200 };
    expect(lateStep(t, 23 * HOUR, false)).toBe('none');
    expect(lateStep(t, 24 * HOUR, false)).toBe('notice');
    expect(lateStep(t, 30 * HOUR, true)).toBe('none');
    expect(lateStep(t, 120 * HOUR, true)).toBe('cancel');
    expect(lateStep(t, 200 * HOUR, false)).toBe('cancel');
    expect(lateStep(t, -5 * HOUR, false)).toBe('none');
  });
});
