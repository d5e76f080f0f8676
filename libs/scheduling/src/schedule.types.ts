/** Calendar units a frequency can be expressed in (same values as `@oms/contracts` FrequencyV1). */
export type FrequencyUnit = 'day' | 'week' | 'month' | 'year';

/** "Every `interval` `unit`s": `{ unit: 'month', interval: 3 }` is quarterly. */
export interface Frequency {
  readonly unit: FrequencyUnit;
  /** Integer >= 1. */
  readonly interval: number;
}

/** Local date and time of a segment's first cycle; the date also fixes the rhythm. */
export interface ScheduleAnchor {
  /** `YYYY-MM-DD`: local date of the segment's first cycle. Its day of month (month/year
   * units), weekday (week units) and month (year units) define the rhythm. */
  readonly date: string;
  /** `HH:mm`, 24-hour local time of day of every cycle. */
  readonly time: string;
  /**
   * Month/year units only: the rhythm day when it differs from `date`'s day, because the
   * segment starts on a clamped month end (starts Apr 30 but keeps delivering on the 31st).
   * Must clamp to `date`'s day in `date`'s month. Omit it otherwise.
   */
  readonly dayOfMonth?: number;
}

/** One stretch of a schedule with a fixed frequency, anchor and time zone. */
export interface ScheduleSegment {
  /** ISO instant with offset: no cycle of this segment is due before it. */
  readonly effectiveFrom: string;
  /** Integer >= 0: index of this segment's first cycle (on `anchor.date`). */
  readonly firstCycleIndex: number;
  readonly frequency: Frequency;
  readonly anchor: ScheduleAnchor;
  /** IANA zone, e.g. `Europe/Amsterdam`. */
  readonly timeZone: string;
}

/** A customer's change to one cycle. Overrides of cycles that do not exist are ignored. */
export type CycleOverride =
  | { readonly cycleIndex: number; readonly action: 'skip' }
  | { readonly cycleIndex: number; readonly action: 'reschedule'; readonly dueAt: string };

/** A subscription's full schedule: plain data, stored as JSON. */
export interface Schedule {
  /** Ordered by `firstCycleIndex`, strictly increasing; the first one starts at 0. */
  readonly segments: readonly ScheduleSegment[];
  /** ISO instant with offset: no cycle is due after it (inclusive bound). */
  readonly endDate?: string;
  /** Cycles with index >= maxCycles do not exist (indices start at 0). */
  readonly maxCycles?: number;
  /** At most one per cycle index. */
  readonly overrides?: readonly CycleOverride[];
}

/** One existing cycle with its overrides applied. */
export interface CycleInfo {
  readonly cycleIndex: number;
  /** The rescheduled instant when `rescheduled`, else the computed one. */
  readonly dueAt: Date;
  /** Skipped by an override: reported, never emitted. */
  readonly skipped: boolean;
  readonly rescheduled: boolean;
}

/** Why {@link dueCycles} did not emit a due cycle. */
export type SkipReason = 'override' | 'missed';

/** A due cycle that is recorded as skipped instead of emitted. */
export type SkippedCycle = CycleInfo & { readonly reason: SkipReason };

/** How cycles that came due while the scheduler was down are handled. */
export type CatchUpPolicy = 'all' | 'latest-only' | 'skip-missed';

/** Result of {@link dueCycles}; both lists oldest first. */
export interface DueCycles {
  readonly emit: CycleInfo[];
  readonly skip: SkippedCycle[];
}

/** Input of {@link changeSchedule}; omitted fields are carried over from the current segment. */
export interface ScheduleChange {
  readonly effectiveFrom: string;
  readonly frequency?: Frequency;
  readonly anchor?: ScheduleAnchor;
  readonly timeZone?: string;
}
