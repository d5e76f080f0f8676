import { cycleKeyFor, EventTypes } from '@oms/contracts';
import { cycleAt, type CycleInfo } from '@oms/scheduling';
import type { Prisma } from '../generated/prisma/client';
import type { FullSubscription } from '../subscriptions/subscription.mapper';
import { currentSegment, scheduleOf } from '../subscriptions/subscription.schedule';
import { cancelledBy } from './cycle-plan';
import { ActionConflictError, ActionRejectedError } from './lifecycle.errors';
import { atLocalTime, localDateOf } from './local-date';
import { assertChangeable } from './pause-subscription.action';
import { inPause, pauseWindowOf } from './pause-window';
import { refreshNextDue } from './schedule-state';
import type { SubscriptionAction } from './subscription-action.runner';

/** Cycle `n` if it can still change: it exists, is not ordered or recorded yet, and is not cancelled or paused. */
async function changeableCycle(tx: Prisma.TransactionClient, subscription: FullSubscription, n: number, action: string): Promise<CycleInfo> {
  assertChangeable(subscription, action);
  if (n <= subscription.lastHandledCycle) {
    const row = await tx.subscriptionCycle.findUnique({ where: { subscriptionId_cycleIndex: { subscriptionId: subscription.id, cycleIndex: n } } });
    const state = row?.status === 'emitted' ? 'ordered' : (row?.status ?? 'handled');
    throw new ActionConflictError(state, `cannot ${action} cycle ${n}: it is already ${state}`);
  }
  const cycle = cycleOrNull(subscription, n);
  if (!cycle) throw new ActionRejectedError('n', `cycle ${n} does not exist: the subscription ends before it`);
  if (cancelledBy(subscription, n)) throw new ActionConflictError('cancel-pending', `cannot ${action} cycle ${n}: the subscription is cancelled from that cycle on`);
  if (inPause(pauseWindowOf(subscription), cycle.dueAt)) throw new ActionConflictError('paused', `cannot ${action} cycle ${n}: it falls in the pause`);
  return cycle;
}

function cycleOrNull(subscription: FullSubscription, n: number): CycleInfo | null {
  try {
    return cycleAt(scheduleOf(subscription), n);
  } catch (error) {
    if (error instanceof RangeError) return null; // beyond the representable dates: it does not exist either
    throw error;
  }
}

const cycleFacts = (subscription: FullSubscription, cycle: CycleInfo, extra: object = {}) => ({
  cycle: { cycleIndex: cycle.cycleIndex, cycleKey: cycleKeyFor(subscription.id, cycle.cycleIndex), dueAt: cycle.dueAt.toISOString(), ...extra },
});

const where = (subscription: FullSubscription, n: number) => ({ subscriptionId_cycleIndex: { subscriptionId: subscription.id, cycleIndex: n } });

/** Skips cycle `n` whole, or only `lineIds` of it. */
export function skipAction(n: number, lineIds?: string[], reason?: string): SubscriptionAction {
  return {
    name: 'skip',
    reason,
    async apply(tx: Prisma.TransactionClient, subscription, now) {
      const cycle = await changeableCycle(tx, subscription, n, 'skip');
      if (cycle.skipped) throw new ActionConflictError('skipped', `cycle ${n} is already skipped`);
      const existing = subscription.overrides.find((o) => o.cycleIndex === n);
      // Which step a later cycle ships depends on the skips before it, so a program's cycle is skipped whole.
      if (lineIds && subscription.programId) throw new ActionRejectedError('lineIds', 'a continuity program enrolment skips a cycle whole (leave out lineIds)');
      const known = new Set(subscription.lines.map((line) => line.id));
      lineIds?.forEach((lineId, i) => {
        if (!known.has(lineId)) throw new ActionRejectedError(`lineIds.${i}`, `line ${lineId} is not a line of this subscription`);
      });
      const skipped = [...new Set([...(existing?.skippedLineIds ?? []), ...(lineIds ?? [])])];
      const whole = !lineIds || skipped.length === known.size;
      if (cycle.dueAt <= now) throw new ActionConflictError('due', `cycle ${n} came due at ${cycle.dueAt.toISOString()} and is being ordered`);
      const data = whole
        ? { action: 'skip', dueAt: null, skippedLineIds: [] }
        : { action: existing?.action === 'reschedule' ? 'reschedule' : 'lines', skippedLineIds: skipped };
      await tx.cycleOverride.upsert({ where: where(subscription, n), create: { subscriptionId: subscription.id, cycleIndex: n, ...data }, update: data });
      await refreshNextDue(tx, subscription.id);
      return { type: EventTypes.subscriptionCycleSkipped, facts: cycleFacts(subscription, cycle, whole ? {} : { skippedLineIds: skipped }) };
    },
  };
}

/** Undoes a skip of cycle `n` (whole or lines); a reschedule of it stays. */
export function unskipAction(n: number): SubscriptionAction {
  return {
    name: 'unskip',
    async apply(tx, subscription, now) {
      const cycle = await changeableCycle(tx, subscription, n, 'unskip');
      const existing = subscription.overrides.find((o) => o.cycleIndex === n);
      if (!existing || (existing.action !== 'skip' && existing.skippedLineIds.length === 0)) throw new ActionConflictError('not-skipped', `cycle ${n} is not skipped`);
      if (cycle.dueAt <= now) throw new ActionConflictError('passed', `cycle ${n}'s date ${cycle.dueAt.toISOString()} has passed; it stays skipped`);
      if (existing.action === 'reschedule') await tx.cycleOverride.update({ where: where(subscription, n), data: { skippedLineIds: [] } });
      else await tx.cycleOverride.delete({ where: where(subscription, n) });
      await refreshNextDue(tx, subscription.id);
      return { type: EventTypes.subscriptionCycleUnskipped, facts: cycleFacts(subscription, cycle) };
    },
  };
}

/** Moves cycle `n` to local date `dueOn` (delivery time unchanged), strictly between its neighbours. */
export function rescheduleAction(n: number, dueOn: string, reason?: string): SubscriptionAction {
  return {
    name: 'reschedule',
    reason,
    async apply(tx, subscription, now) {
      const cycle = await changeableCycle(tx, subscription, n, 'reschedule');
      if (cycle.skipped) throw new ActionConflictError('skipped', `cycle ${n} is skipped; unskip it first`);
      const zone = subscription.timeZone;
      const dueAt = atLocalTime(dueOn, currentSegment(subscription).anchorTime, zone);
      if (dueAt <= now) throw new ActionRejectedError('dueOn', `dueOn ${dueOn} is not in the future (today is ${localDateOf(now, zone)} in ${zone})`);
      const schedule = scheduleOf(subscription);
      const previous = n > 0 ? cycleAt(schedule, n - 1) : null;
      const next = cycleAt(schedule, n + 1);
      if (next && dueAt >= next.dueAt) {
        throw new ActionRejectedError('dueOn', `dueOn ${dueOn} collides with cycle ${n + 1} due ${localDateOf(next.dueAt, zone)}: a cycle moves only within its period; skip it instead`);
      }
      if (previous && dueAt <= previous.dueAt) {
        throw new ActionRejectedError('dueOn', `dueOn ${dueOn} is not after cycle ${n - 1} due ${localDateOf(previous.dueAt, zone)}: a cycle moves only within its period`);
      }
      const data = { action: 'reschedule', dueAt };
      await tx.cycleOverride.upsert({ where: where(subscription, n), create: { subscriptionId: subscription.id, cycleIndex: n, ...data }, update: data });
      await refreshNextDue(tx, subscription.id);
      return { type: EventTypes.subscriptionCycleRescheduled, facts: cycleFacts(subscription, { ...cycle, dueAt }, { previousDueAt: cycle.dueAt.toISOString() }) };
    },
  };
}
