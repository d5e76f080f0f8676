import fc from 'fast-check';
import type { Frequency, FrequencyUnit, ScheduleSegment } from '../schedule.types';

// fast-check generators for the property specs; not part of the public API.

/** Zones with DST in either hemisphere, half- and 45-minute offsets, midnight transitions. */
export const ZONES = ['UTC', 'Europe/Amsterdam', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'America/Santiago', 'Pacific/Chatham'] as const;

/** What a generated segment was built from, so specs can compute expectations independently. */
export interface SegmentSpec {
  readonly year: number;
  readonly month: number;
  readonly rhythmDay: number;
  readonly hour: number;
  readonly minute: number;
  readonly frequency: Frequency;
  readonly zone: string;
  readonly firstCycleIndex: number;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Days in a month by the JS Date rollover, independent of Luxon. */
export const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

export const frequencyArb: fc.Arbitrary<Frequency> = fc.record({
  unit: fc.constantFrom<FrequencyUnit>('day', 'week', 'month', 'year'),
  interval: fc.integer({ min: 1, max: 6 }),
});

// Early-morning hours and DST months are over-weighted so gaps and overlaps get hit.
export const timeArb = fc.record({
  hour: fc.oneof(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 1, 2, 3)),
  minute: fc.oneof(fc.integer({ min: 0, max: 59 }), fc.constantFrom(0, 30, 45)),
});

export const segmentSpecArb: fc.Arbitrary<SegmentSpec> = fc.record({
  year: fc.integer({ min: 1990, max: 2090 }),
  month: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constantFrom(3, 4, 9, 10, 11)),
  rhythmDay: fc.oneof(fc.integer({ min: 1, max: 31 }), fc.constantFrom(29, 30, 31)),
  time: timeArb,
  frequency: frequencyArb,
  zone: fc.constantFrom(...ZONES),
  firstCycleIndex: fc.nat(5),
}).map(({ time, ...rest }) => ({ ...rest, ...time }));

/** The segment a {@link SegmentSpec} describes; the anchor date is the rhythm day clamped to its month. */
export function toSegment(spec: SegmentSpec): ScheduleSegment {
  const day = Math.min(spec.rhythmDay, daysInMonth(spec.year, spec.month));
  const monthly = spec.frequency.unit === 'month' || spec.frequency.unit === 'year';
  const anchor = { date: `${spec.year}-${pad(spec.month)}-${pad(day)}`, time: `${pad(spec.hour)}:${pad(spec.minute)}` };
  return {
    effectiveFrom: '1970-01-01T00:00:00Z',
    firstCycleIndex: spec.firstCycleIndex,
    frequency: spec.frequency,
    anchor: monthly && day !== spec.rhythmDay ? { ...anchor, dayOfMonth: spec.rhythmDay } : anchor,
    timeZone: spec.zone,
  };
}

/**
 * Expected local calendar date (`YYYY-MM-DD`) of the cycle `steps` after the anchor,
 * computed with JS Date rollover instead of Luxon: month/year steps land on
 * min(rhythm day, days in month), day/week steps are calendar days.
 */
export function expectedLocalDate(spec: SegmentSpec, steps: number): string {
  const { unit, interval } = spec.frequency;
  let y: number, m: number, d: number;
  if (unit === 'month' || unit === 'year') {
    const index = spec.year * 12 + spec.month - 1 + steps * interval * (unit === 'year' ? 12 : 1);
    [y, m] = [Math.floor(index / 12), (index % 12) + 1];
    d = Math.min(spec.rhythmDay, daysInMonth(y, m));
  } else {
    const start = Math.min(spec.rhythmDay, daysInMonth(spec.year, spec.month));
    const date = new Date(Date.UTC(spec.year, spec.month - 1, start + steps * interval * (unit === 'week' ? 7 : 1)));
    [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  }
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

// Transition windows (month, first possible day) and local hours of each DST zone's gaps
// and overlaps under recent rules; a week of daily cycles from there crosses the night.
const DST_NIGHTS: ReadonlyArray<readonly [string, ReadonlyArray<readonly [number, number]>, number[]]> = [
  ['Europe/Amsterdam', [[3, 24], [10, 24]], [2]],
  ['America/New_York', [[3, 7], [11, 1]], [1, 2]],
  ['Australia/Sydney', [[4, 1], [10, 1]], [2]],
  ['America/Santiago', [[4, 1], [9, 1]], [23, 0]],
  ['Pacific/Chatham', [[4, 1], [9, 23]], [2, 3]],
];

/** Daily segments at a transition hour starting just before a transition window (8 cycles cross it). */
export const dstNightSpecArb: fc.Arbitrary<SegmentSpec> = fc
  .constantFrom(...DST_NIGHTS)
  .chain(([zone, windows, hours]) =>
    fc.record({
      year: fc.integer({ min: 1990, max: 2090 }),
      window: fc.constantFrom(...windows),
      hour: fc.constantFrom(...hours),
      minute: fc.oneof(fc.integer({ min: 0, max: 59 }), fc.constantFrom(0, 30, 45)),
    }).map(({ window: [month, rhythmDay], ...rest }) => ({
      ...rest,
      month,
      rhythmDay,
      frequency: { unit: 'day', interval: 1 } as Frequency,
      zone,
      firstCycleIndex: 0,
    })),
  );
