import { assertValidSchedule, cycleAt, ScheduleError, type Schedule } from '@oms/scheduling';
import type { CycleOverride as CycleOverrideRow } from '../generated/prisma/client';
import { scheduleOverrides } from '../subscriptions/subscription.schedule';
import { localDateOf } from './local-date';

/** How far a re-keyed override is looked for in the new rhythm. */
const MAX_SCAN = 1000;

/**
 * Carries per-cycle changes (skips, reschedules, line skips) of cycles from `next` on
 * into a new rhythm, judged by date: an override of the cycle that was due on local
 * date D moves to the new cycle due on D, if there is one; otherwise it is dropped.
 * A reschedule that no longer fits between its new neighbours is dropped too.
 */
export function rekeyOverrides(rows: CycleOverrideRow[], before: Schedule, after: Schedule, next: number, zone: string): CycleOverrideRow[] {
  const plainBefore = { ...before, overrides: [] };
  const plainAfter = { ...after, overrides: [] };
  const newIndexByDate = new Map<string, number>();
  const lastDate = rows
    .filter((row) => row.cycleIndex >= next)
    .map((row) => cycleAt(plainBefore, row.cycleIndex))
    .reduce<Date | null>((latest, cycle) => (cycle && (!latest || cycle.dueAt > latest) ? cycle.dueAt : latest), null);
  for (let k = next; lastDate && k < next + MAX_SCAN; k += 1) {
    const cycle = cycleAt(plainAfter, k);
    if (!cycle || cycle.dueAt.getTime() > lastDate.getTime() + 86_400_000) break;
    newIndexByDate.set(localDateOf(cycle.dueAt, zone), k);
  }
  const kept: CycleOverrideRow[] = [];
  for (const row of rows) {
    if (row.cycleIndex < next) {
      kept.push(row);
      continue;
    }
    const original = cycleAt(plainBefore, row.cycleIndex);
    const k = original ? newIndexByDate.get(localDateOf(original.dueAt, zone)) : undefined;
    if (k === undefined) continue;
    const moved = { ...row, cycleIndex: k };
    if (fits(after, [...kept, moved])) kept.push(moved);
  }
  return kept;
}

function fits(schedule: Schedule, rows: CycleOverrideRow[]): boolean {
  try {
    assertValidSchedule({ ...schedule, overrides: scheduleOverrides(rows) });
    return true;
  } catch (error) {
    if (error instanceof ScheduleError) return false;
    throw error;
  }
}
