import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EVENT_REGISTRY, Topics, type EventEnvelope, type SubscriptionLifecycleV1 } from '@oms/contracts';
import { IdempotentListener } from '@oms/outbox';
import { CLOCK, type Clock } from '@oms/service-runtime';
import type { Prisma } from '../generated/prisma/client';
import { RentalEmails } from '../rental/rental-emails.service';
import { cancelReminders, rememberSubscription, scheduleReminder, STOPPED_STATUSES } from './reminder-schedule';

/** Every type on the subscription topic carries the full subscription (SubscriptionLifecycleV1). */
const isLifecycleEvent = (envelope: EventEnvelope): envelope is EventEnvelope<SubscriptionLifecycleV1> =>
  EVENT_REGISTRY.get(envelope.type)?.topic === Topics.subscriptionLifecycle;

/**
 * Subscription lifecycle: a paused, cancelled or ended subscription loses its
 * pending reminders; any other state with a next due time (created, activated,
 * resumed, ...) gets the reminder of that cycle. Rentals: the check-in, and
 * the swap and end request emails.
 */
@Injectable()
export class SubscriptionLifecycleConsumer {
  constructor(
    private readonly config: ConfigService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly rental: RentalEmails,
  ) {}

  @IdempotentListener(Topics.subscriptionLifecycle, 'notifications.subscription')
  async updateReminders(tx: Prisma.TransactionClient, envelope: EventEnvelope): Promise<void> {
    if (!isLifecycleEvent(envelope)) return;
    const subscription = envelope.data;
    const daysBefore = this.config.getOrThrow<number>('REMINDER_DAYS_BEFORE');
    await rememberSubscription(tx, subscription);
    if (STOPPED_STATUSES.includes(subscription.status)) {
      await cancelReminders(tx, subscription.subscriptionId);
    } else if (subscription.nextDueAt) {
      await scheduleReminder(tx, {
        subscriptionId: subscription.subscriptionId, customerId: subscription.customerId, customerEmail: subscription.customerEmail,
        cycleDueAt: new Date(subscription.nextDueAt), correlationId: envelope.correlationid,
      }, this.clock.now(), daysBefore);
    }
    await this.rental.onSubscriptionEvent(tx, envelope);
  }
}
