import { DateTime } from 'luxon';

// An instant needs an explicit offset: '2025-01-01T09:00' would silently mean UTC here
// and local time to whoever wrote it.
const HAS_OFFSET = /(Z|[+-]\d{2}(:?\d{2})?)$/i;

// The same few strings (effectiveFrom, endDate, override dates) are parsed on every
// call; strings are immutable, so remembering them is safe. Bounded for long-lived services.
const parsed = new Map<string, number | undefined>();

/** Epoch millis of an ISO-8601 instant with `Z` or an offset, or `undefined` when it is not one. */
export function parseInstant(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  if (parsed.has(value)) return parsed.get(value);
  const instant = value.includes('T') && HAS_OFFSET.test(value) ? DateTime.fromISO(value, { setZone: true }) : undefined;
  const ms = instant?.isValid ? instant.toMillis() : undefined;
  if (parsed.size >= 10_000) parsed.clear();
  parsed.set(value, ms);
  return ms;
}

/** Like {@link parseInstant} for data that was validated before. */
export function instantMs(value: string): number {
  const ms = parseInstant(value);
  if (ms === undefined) throw new RangeError(`not an ISO instant: ${value}`);
  return ms;
}
