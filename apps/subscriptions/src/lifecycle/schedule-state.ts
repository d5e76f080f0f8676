import { cycleKeyFor } from '@oms/contracts';
import { cycleAt, nextDueAfter } from '@oms/scheduling';
import type { Prisma } from '../generated/prisma/client';
import { scheduleOf } from '../subscriptions/subscription.schedule';
import { decideCycle } from './cycle-plan';
import { FULL_SUBSCRIPTION } from './subscription-action.runner';

/**
 * Recomputes the job's scan time (next_due_at) from the stored schedule, after an
 * action changed segments, overrides or the watermark: the next non-skipped cycle
 * after the last handled one, or null when none is left.
 */
export async function refreshNextDue(tx: Prisma.TransactionClient, subscriptionId: string): Promise<void> {
  const subscription = await tx.subscription.findUniqueOrThrow({ where: { id: subscriptionId }, include: FULL_SUBSCRIPTION });
  const nextDueAt = nextDueAfter(scheduleOf(subscription), subscription.lastHandledCycle);
  await tx.subscription.update({ where: { id: subscriptionId }, data: { nextDueAt } });
}

/**
 * Records in the ledger, right away, the cycles that came due up to `now` and are
 * skipped (by a pause or a skip) but that the job has not reached yet, oldest first,
 * stopping at the first one the job must order. Resuming uses it so the paused cycles
 * are settled as skipped for the pause before the pause's end moves.
 */
export async function settleSkippedCycles(tx: Prisma.TransactionClient, subscriptionId: string, now: Date): Promise<void> {
  const subscription = await tx.subscription.findUniqueOrThrow({ where: { id: subscriptionId }, include: FULL_SUBSCRIPTION });
  const schedule = scheduleOf(subscription);
  let last = subscription.lastHandledCycle;
  for (;;) {
    const cycle = cycleAt(schedule, last + 1);
    if (!cycle || cycle.dueAt > now || (subscription.cancelAtCycle !== null && cycle.cycleIndex >= subscription.cancelAtCycle)) break;
    const decision = decideCycle(subscription, cycle);
    if (decision.kind !== 'skip') break;
    await tx.subscriptionCycle.create({
      data: { subscriptionId, cycleIndex: cycle.cycleIndex, cycleKey: cycleKeyFor(subscriptionId, cycle.cycleIndex), dueAt: cycle.dueAt, status: 'skipped', skipReason: decision.reason },
    });
    last = cycle.cycleIndex;
  }
  if (last !== subscription.lastHandledCycle) await tx.subscription.update({ where: { id: subscriptionId }, data: { lastHandledCycle: last } });
  await refreshNextDue(tx, subscriptionId);
}
