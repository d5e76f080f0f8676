import { DateTime, IANAZone } from 'luxon';
import type { LocalDate } from './cycle-date.math';

const DAY_MS = 86_400_000;

/**
 * The instant of a wall-clock date and time in `zone`, with the DST rules of the spec:
 * - a time in a spring-forward gap moves forward by the gap (02:30 -> 03:30);
 * - an ambiguous fall-back time takes the earlier instant (the first 02:30).
 * Deterministic: Luxon's own `fromObject({..}, { zone })` guesses the offset from the
 * current clock, which makes the fall-back answer depend on the season we run in.
 * `setZone(.., { keepLocalTime })` guesses from the input instead, and resolves a gap by
 * moving forward by its length.
 */
export function zonedInstant(date: LocalDate, hour: number, minute: number, zone: string): DateTime {
  const wall = DateTime.fromObject({ ...date, hour, minute }, { zone: 'utc' });
  const ianaZone = IANAZone.create(zone); // cached by Luxon
  const resolved = wall.setZone(ianaZone, { keepLocalTime: true });
  // Same first test as getPossibleOffsets: no offset change within a day either side means
  // one candidate. Short-circuiting it halves the zone lookups for almost every cycle.
  if (ianaZone.offset(wall.toMillis() - DAY_MS) === ianaZone.offset(wall.toMillis() + DAY_MS)) return resolved;
  // Two candidates only for an ambiguous time; a gap or a normal time yields one.
  return resolved
    .getPossibleOffsets()
    .reduce((earliest, candidate) => (candidate.toMillis() < earliest.toMillis() ? candidate : earliest));
}
