import { effectiveDueMs } from './cycle.resolver';
import { instantMs, parseInstant } from './instant.util';
import type { Schedule } from './schedule.types';

/** Field-level reasons why `overrides` is not a valid override list. */
export function overrideFormatErrors(overrides: unknown): string[] {
  if (overrides === undefined) return [];
  if (!Array.isArray(overrides)) return ['overrides must be an array'];
  const errors: string[] = [];
  const seen = new Set<number>();
  overrides.forEach((override: Record<string, unknown> | null, i) => {
    const path = `overrides[${i}]`;
    if (typeof override !== 'object' || override === null) return void errors.push(`${path} must be an object`);
    const { cycleIndex, action, dueAt } = override;
    if (!Number.isInteger(cycleIndex) || (cycleIndex as number) < 0) errors.push(`${path}.cycleIndex must be an integer >= 0`);
    else if (seen.has(cycleIndex as number)) errors.push(`${path}.cycleIndex ${cycleIndex} has more than one override`);
    else seen.add(cycleIndex as number);
    if (action !== 'skip' && action !== 'reschedule') errors.push(`${path}.action must be skip or reschedule`);
    if (action === 'reschedule' && parseInstant(dueAt) === undefined) {
      errors.push(`${path}.dueAt must be an ISO instant with Z or an offset`);
    }
  });
  return errors;
}

const iso = (ms: number): string => (Number.isNaN(ms) ? 'out of range' : new Date(ms).toISOString());

/**
 * Ordering rules for reschedules of a schedule whose fields are valid. A rescheduled
 * cycle must stay strictly between its neighbours: the scheduler hands cycles out in
 * index order behind a watermark, so a cycle moved past the next one would either hold
 * the next one back or be passed over. Moving a delivery further means skipping it.
 */
export function overrideOrderErrors(schedule: Schedule): string[] {
  const errors: string[] = [];
  const end = schedule.endDate === undefined ? undefined : instantMs(schedule.endDate);
  (schedule.overrides ?? []).forEach((override, i) => {
    if (override.action !== 'reschedule' || schedule.segments.length === 0) return;
    const k = override.cycleIndex;
    if (schedule.maxCycles !== undefined && k >= schedule.maxCycles) return; // cycle does not exist
    const moved = instantMs(override.dueAt);
    if (end !== undefined && moved > end) errors.push(`overrides[${i}].dueAt ${override.dueAt} is after endDate`);
    const before = k > 0 ? effectiveDueMs(schedule, k - 1) : Number.NEGATIVE_INFINITY;
    const hasNext = schedule.maxCycles === undefined || k + 1 < schedule.maxCycles;
    const after = hasNext ? effectiveDueMs(schedule, k + 1) : Number.POSITIVE_INFINITY;
    if (!(before < moved && moved < after)) {
      errors.push(
        `overrides[${i}] moves cycle ${k} to ${iso(moved)}, which is not strictly between cycle ${k - 1} ` +
          `(${k > 0 ? iso(before) : 'none'}) and cycle ${k + 1} (${hasNext ? iso(after) : 'none'}); skip it instead`,
      );
    }
  });
  return errors;
}
