import { IANAZone } from 'luxon';
import { anchorErrors } from './anchor.parser';
import { parseInstant } from './instant.util';
import type { FrequencyUnit } from './schedule.types';

const UNITS: readonly FrequencyUnit[] = ['day', 'week', 'month', 'year'];

// isValidZone builds an Intl.DateTimeFormat per call (~0.1 ms); zone validity does not
// change while the process runs, and every public call validates its schedule.
const knownZones = new Map<string, boolean>();

/** True when `zone` is a time zone the runtime knows (Luxon `IANAZone.isValidZone`). */
export function validateTimeZone(zone: unknown): boolean {
  if (typeof zone !== 'string') return false;
  let valid = knownZones.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    if (knownZones.size < 1000) knownZones.set(zone, valid); // bounded: zone names may come from input
  }
  return valid;
}

/** Readable reasons why `frequency` is not a valid {@link Frequency}; empty when it is. */
export function frequencyErrors(frequency: unknown, path = 'frequency'): string[] {
  if (typeof frequency !== 'object' || frequency === null) return [`${path} must be an object { unit, interval }`];
  const { unit, interval } = frequency as Record<string, unknown>;
  const errors: string[] = [];
  if (!UNITS.includes(unit as FrequencyUnit)) errors.push(`${path}.unit must be one of ${UNITS.join(', ')}`);
  if (!Number.isInteger(interval) || (interval as number) < 1) errors.push(`${path}.interval must be an integer >= 1`);
  return errors;
}

/**
 * Readable reasons why `segment` is not a valid {@link ScheduleSegment} on its own
 * (field formats only; ordering rules are checked by `scheduleErrors`).
 */
export function segmentErrors(segment: unknown, path = 'segment'): string[] {
  if (typeof segment !== 'object' || segment === null) return [`${path} must be an object`];
  const s = segment as Record<string, unknown>;
  const errors: string[] = [];
  if (parseInstant(s.effectiveFrom) === undefined) {
    errors.push(`${path}.effectiveFrom must be an ISO instant with Z or an offset`);
  }
  if (!Number.isInteger(s.firstCycleIndex) || (s.firstCycleIndex as number) < 0) {
    errors.push(`${path}.firstCycleIndex must be an integer >= 0`);
  }
  errors.push(...frequencyErrors(s.frequency, `${path}.frequency`), ...anchorErrors(s.anchor, `${path}.anchor`));
  if (!validateTimeZone(s.timeZone)) errors.push(`${path}.timeZone must be a known IANA time zone, got ${JSON.stringify(s.timeZone)}`);
  const unit = (s.frequency as { unit?: unknown } | undefined)?.unit;
  if ((s.anchor as { dayOfMonth?: unknown } | undefined)?.dayOfMonth !== undefined && unit !== 'month' && unit !== 'year') {
    errors.push(`${path}.anchor.dayOfMonth only applies to month and year frequencies`);
  }
  return errors;
}
