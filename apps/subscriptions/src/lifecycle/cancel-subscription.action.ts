import { EventTypes, type CancelWhen } from '@oms/contracts';
import { cycleAt } from '@oms/scheduling';
import { scheduleOf } from '../subscriptions/subscription.schedule';
import { ActionConflictError, stateConflict } from './lifecycle.errors';
import { assertChangeable } from './pause-subscription.action';
import type { SubscriptionAction } from './subscription-action.runner';

/**
 * Cancels now (nothing more is ordered), or at period end: the next cycle not yet
 * ordered is the first that is not, so the cycle already ordered is the last; the
 * job cancels the subscription when that cycle comes due.
 */
export function cancelAction(when: CancelWhen, reason: string): SubscriptionAction {
  return {
    name: 'cancel',
    reason,
    async apply(tx, subscription, now) {
      assertChangeable(subscription, 'cancel');
      const firstCancelled = subscription.lastHandledCycle + 1;
      const next = when === 'period-end' ? cycleAt(scheduleOf(subscription), firstCancelled) : null;
      if (when === 'period-end' && next) {
        if (subscription.cancelAtCycle !== null) throw new ActionConflictError('cancel-pending', `a cancel at period end is already pending (from cycle ${subscription.cancelAtCycle})`);
        await tx.subscription.update({ where: { id: subscription.id }, data: { cancelAtCycle: firstCancelled } });
        return { type: EventTypes.subscriptionCancelScheduled, facts: { cancelAt: next.dueAt.toISOString(), firstCancelledCycle: firstCancelled } };
      }
      // Now, or at a period end that has no next cycle (the schedule ends anyway).
      await tx.subscription.update({ where: { id: subscription.id }, data: { status: 'cancelled', nextDueAt: null, cancelAtCycle: null } });
      return { type: EventTypes.subscriptionCancelled, facts: { when, cancelledAt: now.toISOString() } };
    },
  };
}

/** Withdraws a pending period-end cancel before it takes effect. */
export function reactivateAction(): SubscriptionAction {
  return {
    name: 'reactivate',
    async apply(tx, subscription) {
      if (subscription.cancelAtCycle === null) {
        const state = subscription.status === 'active' || subscription.status === 'paused' ? `${subscription.status} with no pending cancel` : subscription.status;
        throw stateConflict(state, 'reactivate');
      }
      const cancelAt = cycleAt(scheduleOf(subscription), subscription.cancelAtCycle);
      await tx.subscription.update({ where: { id: subscription.id }, data: { cancelAtCycle: null } });
      return { type: EventTypes.subscriptionReactivated, facts: { withdrawnCancelAt: cancelAt?.dueAt.toISOString() ?? `cycle ${subscription.cancelAtCycle}` } };
    },
  };
}
