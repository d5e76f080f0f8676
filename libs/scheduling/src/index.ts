/**
 * Public API of `@oms/scheduling`: pure due-date rules for subscriptions. No I/O and no
 * clock: every function takes the time it needs as an argument.
 */

// Types
export type {
  CatchUpPolicy,
  CycleInfo,
  CycleOverride,
  DueCycles,
  Frequency,
  FrequencyUnit,
  Schedule,
  ScheduleAnchor,
  ScheduleChange,
  ScheduleSegment,
  SkippedCycle,
  SkipReason,
} from './schedule.types';
export { ScheduleError } from './schedule.error';

// Due dates
export { dueAt } from './due-at.function';
export { cycleAt } from './cycle-at.function';
export { nextCycles, nextDueAfter } from './next-cycles.function';
export { schedulePreview, type PreviewCycle } from './schedule-preview.function';
export { dueCycles, DEFAULT_GRACE_MS } from './due-cycles.policy';
export { changeSchedule } from './change-schedule.function';
export { defaultEndDate } from './default-end-date.function';

// Validation
export { parseAnchor, anchorErrors, type ParsedAnchor } from './anchor.parser';
export { validateTimeZone, frequencyErrors, segmentErrors } from './segment.validator';
export { scheduleErrors, assertValidSchedule, checkedSchedule } from './schedule.validator';
