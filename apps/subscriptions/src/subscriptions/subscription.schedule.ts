import { ScheduleError, type CatchUpPolicy, type CycleOverride, type FrequencyUnit, type Schedule } from '@oms/scheduling';
import type { CycleOverride as CycleOverrideRow, ScheduleSegment, Subscription } from '../generated/prisma/client';

export type SubscriptionWithSchedule = Subscription & { segments: ScheduleSegment[]; overrides: CycleOverrideRow[] };

/**
 * The pure schedule (libs/scheduling) of a stored subscription.
 * @throws ScheduleError when it has no segment (see currentSegment): the job then fails it while planning, alone.
 */
export function scheduleOf(subscription: SubscriptionWithSchedule): Schedule {
  if (subscription.segments.length === 0) throw noSegment(subscription);
  return {
    segments: [...subscription.segments]
      .sort((a, b) => a.firstCycleIndex - b.firstCycleIndex)
      .map((segment) => ({
        effectiveFrom: segment.effectiveFrom.toISOString(),
        firstCycleIndex: segment.firstCycleIndex,
        frequency: { unit: segment.unit as FrequencyUnit, interval: segment.interval },
        anchor: { date: segment.anchorDate, time: segment.anchorTime, ...(segment.anchorDayOfMonth !== null && { dayOfMonth: segment.anchorDayOfMonth }) },
        timeZone: segment.timeZone,
      })),
    ...(subscription.endDate && { endDate: subscription.endDate.toISOString() }),
    ...(subscription.maxCycles !== null && { maxCycles: subscription.maxCycles }),
    overrides: scheduleOverrides(subscription.overrides),
  };
}

export function policyOf(subscription: Subscription): CatchUpPolicy {
  return subscription.catchUpPolicy as CatchUpPolicy;
}

/** The schedule overrides of stored rows; a row that only leaves lines out ('lines') does not change the schedule. */
export function scheduleOverrides(rows: CycleOverrideRow[]): CycleOverride[] {
  return rows.flatMap(toOverride);
}

function toOverride(row: CycleOverrideRow): CycleOverride[] {
  if (row.action === 'reschedule' && row.dueAt) return [{ cycleIndex: row.cycleIndex, action: 'reschedule', dueAt: row.dueAt.toISOString() }];
  return row.action === 'skip' ? [{ cycleIndex: row.cycleIndex, action: 'skip' }] : [];
}

/**
 * The segment in force for the next cycle: IOM's "fulfillment frequency".
 * @throws ScheduleError when the subscription has no segment at all (rows written around the API): the job
 * records that reason against the subscription, where it recorded "Cannot read properties of undefined".
 */
export function currentSegment(subscription: SubscriptionWithSchedule): ScheduleSegment {
  const next = subscription.lastHandledCycle + 1;
  const applicable = subscription.segments.filter((s) => s.firstCycleIndex <= next);
  const segment = applicable.sort((a, b) => b.firstCycleIndex - a.firstCycleIndex)[0] ?? subscription.segments[0];
  if (!segment) throw noSegment(subscription);
  return segment;
}

function noSegment(subscription: Subscription): ScheduleError {
  return new ScheduleError([`subscription ${subscription.id} has no schedule segment`]);
}
