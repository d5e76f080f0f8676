import { EventTypes } from '@oms/contracts';
import type { SqlClient } from '@oms/outbox';
import { recordChange } from '../lifecycle/change-recorder';
import type { FullSubscription } from '../subscriptions/subscription.mapper';
import type { SubscriptionPlan } from './due-batch.planner';
import { SUBSCRIPTIONS_SYSTEM } from '../lifecycle/system-actor';

/** History row and `cancelled` event of each pending period-end cancel that took effect in this batch. */
export async function recordCancels(tx: SqlClient, plans: Array<[FullSubscription, SubscriptionPlan]>): Promise<void> {
  for (const [before, plan] of plans) {
    if (!plan.cancelledAt) continue;
    const after: FullSubscription = { ...before, status: 'cancelled', nextDueAt: null, cancelAtCycle: null, lastHandledCycle: plan.lastHandledCycle };
    await recordChange(tx, {
      action: 'cancel', actor: SUBSCRIPTIONS_SYSTEM, reason: 'the cancel at period end took effect', at: plan.cancelledAt, before, after,
      type: EventTypes.subscriptionCancelled, facts: { when: 'period-end', cancelledAt: plan.cancelledAt.toISOString() },
    });
  }
}
