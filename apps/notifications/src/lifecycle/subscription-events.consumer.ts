import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EVENT_REGISTRY, Topics, type EventEnvelope, type SubscriptionLifecycleV1 } from '@oms/contracts';
import { IdempotentListener, type EffectContext } from '@oms/outbox';
import { CLOCK, type Clock } from '@oms/service-runtime';
import type { Prisma } from '../generated/prisma/client';
import { insertMessages } from '../messages/message-drafts';
import { MessagesQueued } from '../messages/messages-queued.signal';
import { RentalEmails } from '../rental/rental-emails.service';
import { actionConfirmation } from './action-confirmation';
import { replanReminders } from './reminder-replanning';

/** Every type on the subscription topic carries the full subscription (SubscriptionLifecycleV1). */
const isLifecycleEvent = (envelope: EventEnvelope): envelope is EventEnvelope<SubscriptionLifecycleV1> =>
  EVENT_REGISTRY.get(envelope.type)?.topic === Topics.subscriptionLifecycle;

/**
 * The subscription topic (one listener per topic per service): each event re-plans
 * the subscription's renewal reminders and gives the rental emails their turn, and
 * each action request queues the one email confirming it, in the transaction that marks the event processed, so a
 * redelivery changes nothing and sends nothing.
 */
@Injectable()
export class SubscriptionEventsConsumer {
  constructor(
    private readonly config: ConfigService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly rental: RentalEmails,
    private readonly queued: MessagesQueued,
  ) {}

  @IdempotentListener(Topics.subscriptionLifecycle, 'notifications.subscription')
  async followSubscription(tx: Prisma.TransactionClient, envelope: EventEnvelope, context: EffectContext): Promise<void> {
    if (!isLifecycleEvent(envelope)) return;
    const now = this.clock.now();
    await replanReminders(tx, envelope, { now, daysBefore: this.config.getOrThrow<number>('REMINDER_DAYS_BEFORE') });
    let queued = await this.rental.onSubscriptionEvent(tx, envelope);
    const confirmation = actionConfirmation(envelope);
    if (confirmation) queued += await insertMessages(tx, [confirmation], now);
    if (queued > 0) this.queued.afterCommitOf(context);
  }
}
