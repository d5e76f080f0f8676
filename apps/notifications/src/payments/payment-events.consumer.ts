import { Inject, Injectable } from '@nestjs/common';
import { EventTypes, Topics, type EventEnvelope, type PaymentEventV1 } from '@oms/contracts';
import { IdempotentListener, type EffectContext } from '@oms/outbox';
import { CLOCK, type Clock } from '@oms/service-runtime';
import type { Prisma } from '../generated/prisma/client';
import { insertMessages } from '../messages/message-drafts';
import { MessagesQueued } from '../messages/messages-queued.signal';
import { paymentNotices, type PaymentContact } from './payment-notices';

/**
 * Authorization events of subscription cycles' orders: queues the customer's dunning email per failed try and a
 * "payment went through" email after a recovery. Once per event: the processed-event row drops a redelivery and the
 * unique (event, template, recipient) key a second draft. The dispatcher sends.
 */
@Injectable()
export class PaymentEventsConsumer {
  constructor(@Inject(CLOCK) private readonly clock: Clock, private readonly queued: MessagesQueued) {}

  @IdempotentListener(Topics.payment, 'notifications.payment', { types: [EventTypes.paymentAuthorized, EventTypes.paymentAuthorizationFailed] })
  async queueEmails(tx: Prisma.TransactionClient, envelope: EventEnvelope, context: EffectContext): Promise<void> {
    const payment = envelope as EventEnvelope<PaymentEventV1>;
    if (!payment.data.cycleKey) return; // one-off orders get no dunning emails
    const queued = await insertMessages(tx, paymentNotices(payment, await contactOf(tx, payment.data)), this.clock.now());
    if (queued > 0) this.queued.afterCommitOf(context);
  }
}

/** The address (when the event has none) from the order read model, and the subscription's time zone. */
async function contactOf(tx: Prisma.TransactionClient, payment: PaymentEventV1): Promise<PaymentContact> {
  const order = payment.customerEmail ? null : await tx.orderContact.findUnique({ where: { orderId: payment.orderId }, select: { customerEmail: true } });
  const subscription = payment.subscriptionId
    ? await tx.subscriptionContact.findUnique({ where: { subscriptionId: payment.subscriptionId }, select: { timeZone: true } })
    : null;
  return { customerEmail: order?.customerEmail ?? null, timeZone: subscription?.timeZone ?? null };
}
