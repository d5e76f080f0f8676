import type { EventEnvelope, SubscriptionLifecycleV1 } from '@oms/contracts';
import type { Prisma } from '../generated/prisma/client';
import { cancelReminders, rememberSubscription, scheduleReminder, STOPPED_STATUSES } from '../reminders/reminder-schedule';

/** What re-planning needs besides the event: the business clock and how many days ahead reminders go. */
export interface ReplanContext {
  now: Date;
  daysBefore: number;
}

/**
 * Makes the subscription's renewal reminders follow one of its events: a paused,
 * cancelled or ended subscription loses its pending reminders; any other state with
 * a next due time (created, activated, resumed, ...) gets the reminder of that cycle.
 */
export async function replanReminders(tx: Prisma.TransactionClient, envelope: EventEnvelope<SubscriptionLifecycleV1>, context: ReplanContext): Promise<void> {
  const subscription = envelope.data;
  await rememberSubscription(tx, subscription);
  if (STOPPED_STATUSES.includes(subscription.status)) {
    await cancelReminders(tx, subscription.subscriptionId);
  } else if (subscription.nextDueAt) {
    await scheduleReminder(tx, {
      subscriptionId: subscription.subscriptionId, customerId: subscription.customerId, customerEmail: subscription.customerEmail,
      cycleDueAt: new Date(subscription.nextDueAt), correlationId: envelope.correlationid,
    }, context.now, context.daysBefore);
  }
}
