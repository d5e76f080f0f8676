import { Inject, Injectable } from '@nestjs/common';
import { EventTypes, isEventOfType, Topics, type EventEnvelope } from '@oms/contracts';
import { IdempotentListener, type EffectContext } from '@oms/outbox';
import { CLOCK, type Clock } from '@oms/service-runtime';
import type { Prisma } from '../generated/prisma/client';
import { insertMessages } from '../messages/message-drafts';
import { MessagesQueued } from '../messages/messages-queued.signal';
import { RentalEmails } from '../rental/rental-emails.service';
import { lockOrder } from './order-contact';
import { deferShipment, shippedNotice, timeZoneOf } from './shipped-notice';

/**
 * A shipment that left the warehouse: tell the customer, with the carrier and
 * tracking number. The event names only the order, so the order read model
 * supplies the address and order number. The order topic and this one are not
 * ordered with each other: a shipment of an order not seen yet is parked, not
 * retried, so it never holds up its partition, and sent when the order arrives.
 * Rental deliveries' statuses also feed the status reminders.
 */
@Injectable()
export class ShipmentEventsConsumer {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly rental: RentalEmails,
    private readonly queued: MessagesQueued,
  ) {}

  @IdempotentListener(Topics.shipment, 'notifications.shipment', { types: [EventTypes.shipmentStatusChanged] })
  async queueShippedEmail(tx: Prisma.TransactionClient, envelope: EventEnvelope, context: EffectContext): Promise<void> {
    await this.rental.onShipmentEvent(tx, envelope);
    if (!isEventOfType(envelope, EventTypes.shipmentStatusChanged) || envelope.data.status !== 'shipped') return;
    const event = { eventId: envelope.id, eventType: envelope.type, correlationId: envelope.correlationid, shipment: envelope.data };
    await lockOrder(tx, event.shipment.orderId);
    const order = await tx.orderContact.findUnique({ where: { orderId: event.shipment.orderId } });
    if (!order) return deferShipment(tx, event);
    const queued = await insertMessages(tx, [shippedNotice(event, order, await timeZoneOf(tx, order))], this.clock.now());
    if (queued > 0) this.queued.afterCommitOf(context);
  }
}
