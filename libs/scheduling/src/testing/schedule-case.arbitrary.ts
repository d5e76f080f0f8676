import fc from 'fast-check';
import { DateTime } from 'luxon';
import { changeSchedule } from '../change-schedule.function';
import { resolveCycle } from '../cycle.resolver';
import type { CycleOverride, Frequency, Schedule, ScheduleChange } from '../schedule.types';
import { frequencyArb, segmentSpecArb, timeArb, toSegment, ZONES } from './schedule.arbitraries';

const DAY = 86_400_000;
const pad = (n: number): string => String(n).padStart(2, '0');

/** A valid schedule with its segment-only version, plus a `now` around cycle `nowCycle`. */
export interface ScheduleCase {
  readonly schedule: Schedule;
  readonly plain: Schedule; // same segments, no end, max or overrides
  readonly now: Date;
  readonly nowCycle: number;
}

const rawMs = (plain: Schedule, k: number): number => resolveCycle(plain, k)!.dueAt.getTime();

interface ChangeSpec {
  readonly at: number;
  readonly frequency?: Frequency;
  readonly explicit?: { readonly plusDays: number; readonly time: { hour: number; minute: number }; readonly zone: string };
}

/** A change at cycle `at` (relative to the last segment when applied with {@link withChange}). */
export const changeArb: fc.Arbitrary<ChangeSpec> = fc.record({
  at: fc.integer({ min: 1, max: 12 }),
  frequency: fc.option(frequencyArb, { nil: undefined }),
  // Explicit anchor: 1-40 days after the previous cycle's local date, possibly in another zone.
  explicit: fc.option(fc.record({ plusDays: fc.integer({ min: 1, max: 40 }), time: timeArb, zone: fc.constantFrom(...ZONES) }), { nil: undefined }),
});

/** `base` with `change` applied at cycle `change.at` past the last segment's first cycle. */
export function withChange(base: Schedule, change: ChangeSpec): Schedule {
  const at = base.segments.at(-1)!.firstCycleIndex + change.at;
  const previous = rawMs(base, at - 1);
  const input: ScheduleChange = { effectiveFrom: new Date(previous + 1).toISOString(), frequency: change.frequency };
  if (!change.explicit) return changeSchedule(base, input, at);
  const { plusDays, time, zone } = change.explicit;
  const date = DateTime.fromMillis(previous, { zone }).plus({ days: plusDays }).toISODate()!;
  const anchor = { date, time: `${pad(time.hour)}:${pad(time.minute)}` };
  return changeSchedule(base, { ...input, anchor, timeZone: zone }, at);
}

/** Schedules of one random segment, then maybe a random change. */
export const plainScheduleArb: fc.Arbitrary<Schedule> = fc
  .record({ first: segmentSpecArb.map((spec) => toSegment({ ...spec, firstCycleIndex: 0 })), change: fc.option(changeArb, { nil: undefined }) })
  .map(({ first, change }) => (change ? withChange({ segments: [first] }, change) : { segments: [first] }));

/** Schedules of one or two segments with random end date, max cycles, skips and reschedules. */
export const scheduleCaseArb: fc.Arbitrary<ScheduleCase> = fc
  .record({
    plain: plainScheduleArb,
    maxCycles: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
    end: fc.option(fc.record({ k: fc.nat(40), offset: fc.integer({ min: -2 * DAY, max: 2 * DAY }) }), { nil: undefined }),
    skips: fc.uniqueArray(fc.nat(40), { maxLength: 6 }),
    moves: fc.uniqueArray(fc.record({ k: fc.nat(40), fraction: fc.double({ min: -0.45, max: 0.45, noNaN: true }) }), { maxLength: 4, selector: (m) => m.k }),
    now: fc.record({ k: fc.nat(30), offset: fc.integer({ min: -3 * DAY, max: 3 * DAY }) }),
  })
  .map(({ plain, maxCycles, end, skips, moves, now }) => {
    const endDate = end ? new Date(rawMs(plain, end.k) + end.offset).toISOString() : undefined;
    const overrides: CycleOverride[] = skips.map((cycleIndex) => ({ cycleIndex, action: 'skip' as const }));
    for (const { k, fraction } of moves.filter((m) => !skips.includes(m.k))) {
      // Less than half the gap to a neighbour, so two moved neighbours cannot cross.
      const raw = rawMs(plain, k);
      const gap = fraction >= 0 ? rawMs(plain, k + 1) - raw : raw - (k > 0 ? rawMs(plain, k - 1) : raw - DAY);
      const moved = raw + Math.trunc(fraction * gap);
      if (endDate === undefined || moved <= Date.parse(endDate)) overrides.push({ cycleIndex: k, action: 'reschedule', dueAt: new Date(moved).toISOString() });
    }
    const schedule: Schedule = { ...plain, endDate, maxCycles, overrides };
    return { schedule, plain, now: new Date(rawMs(plain, now.k) + now.offset), nowCycle: now.k };
  });
