import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { clearDueCache, dueAt } from './due-at.function';
import { nextCycles } from './next-cycles.function';
import { dstNightSpecArb, expectedLocalDate, segmentSpecArb, toSegment, type SegmentSpec } from './testing/schedule.arbitraries';

const RUNS = { numRuns: 200 };
const CYCLES = 10;
const MINUTE = 60_000;

const cyclesOf = (spec: SegmentSpec, count = CYCLES) => {
  const segment = toSegment(spec);
  return { segment, dues: Array.from({ length: count }, (_, n) => dueAt(segment, segment.firstCycleIndex + n)) };
};

// Checks each due instant against the wall clock it should show, with Luxon's zone
// offsets as the only input: equal to the anchor time and the earliest such instant, or
// (only when that wall time does not exist) later by exactly the offset jump.
function expectLocalTimes(spec: SegmentSpec, dues: Date[]): void {
  const zone = IANAZone.create(spec.zone);
  dues.forEach((due, n) => {
    const [y, m, d] = expectedLocalDate(spec, n).split('-').map(Number);
    const wall = Date.UTC(y, m - 1, d, spec.hour, spec.minute); // wanted wall clock, as if UTC
    const ms = due.getTime();
    const shift = ms + zone.offset(ms) * MINUTE - wall;
    if (shift === 0) {
      const earlier = wall - zone.offset(ms - 3 * 60 * MINUTE) * MINUTE; // same wall time, pre-transition offset
      if (earlier < ms) expect(earlier + zone.offset(earlier) * MINUTE).not.toBe(wall);
    } else {
      expect(shift).toBeGreaterThan(0);
      expect((zone.offset(ms) - zone.offset(ms - shift)) * MINUTE).toBe(shift);
    }
  });
}

describe('dueAt properties', () => {
  it('due instants strictly increase with the cycle index', () => {
    fc.assert(
      fc.property(segmentSpecArb, (spec) => {
        const { dues } = cyclesOf(spec);
        dues.slice(1).forEach((due, n) => expect(due.getTime()).toBeGreaterThan(dues[n].getTime()));
      }),
      RUNS,
    );
  });

  it('every cycle lands on its calendar date in local time (month steps on min(anchor day, days in month))', () => {
    fc.assert(
      fc.property(segmentSpecArb, (spec) => {
        const { dues } = cyclesOf(spec);
        dues.forEach((due, n) => expect(DateTime.fromJSDate(due, { zone: spec.zone }).toISODate()).toBe(expectedLocalDate(spec, n)));
      }),
      RUNS,
    );
  });

  it('local time of day is the anchor time, except in a DST gap where it moves forward by the gap', () => {
    fc.assert(fc.property(segmentSpecArb, (spec) => expectLocalTimes(spec, cyclesOf(spec).dues)), RUNS);
  });

  it('daily cycles across DST nights: one per date, at the anchor time or moved forward by the gap', () => {
    fc.assert(
      fc.property(dstNightSpecArb, (spec) => {
        const { dues } = cyclesOf(spec, 8);
        dues.slice(1).forEach((due, n) => expect(due.getTime()).toBeGreaterThan(dues[n].getTime()));
        dues.forEach((due, n) => expect(DateTime.fromJSDate(due, { zone: spec.zone }).toISODate()).toBe(expectedLocalDate(spec, n)));
        expectLocalTimes(spec, dues);
      }),
      RUNS,
    );
  });

  it('is a pure function of (segment, k): computing k directly equals iterating, in any order', () => {
    fc.assert(
      fc.property(segmentSpecArb, fc.nat(CYCLES - 1), (spec, pick) => {
        const { segment, dues } = cyclesOf(spec);
        clearDueCache(); // from scratch: one cycle alone, with nothing computed before it
        expect(dueAt(segment, segment.firstCycleIndex + pick)).toEqual(dues[pick]);
        clearDueCache();
        // The same rhythm numbered from 0 inside a schedule, walked cycle by cycle.
        const iterated = nextCycles({ segments: [{ ...segment, firstCycleIndex: 0 }] }, -1, CYCLES);
        expect(iterated.map((c) => c.dueAt)).toEqual(dues);
      }),
      RUNS,
    );
  });
});
