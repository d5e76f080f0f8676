import { Injectable } from '@nestjs/common';
import { eventCausedBy, EventTypes, isEventOfType, Topics, type EventEnvelope } from '@oms/contracts';
import { appendToOutbox, IdempotentListener } from '@oms/outbox';
import type { Prisma } from '../generated/prisma/client';
import { toLifecycleData } from '../subscriptions/subscription.mapper';

/**
 * Fulfillment's rental facts, on the subscription side: free units per SKU
 * (the swap check), and the moment every unit of an ending rental is back and
 * Closed, which ends the subscription (and its fees, whatever the setting).
 */
@Injectable()
export class RentalEventsConsumer {
  @IdempotentListener(Topics.inventory, 'subscriptions.rental-availability', { types: [EventTypes.rentalAvailabilityChanged] })
  async storeAvailability(tx: Prisma.TransactionClient, envelope: EventEnvelope): Promise<void> {
    if (!isEventOfType(envelope, EventTypes.rentalAvailabilityChanged)) return;
    const { sku, available, total } = envelope.data;
    await tx.rentalAvailability.upsert({ where: { sku }, create: { sku, available, total }, update: { available, total } });
  }

  @IdempotentListener(Topics.shipment, 'subscriptions.rental-returns', { types: [EventTypes.shipmentStatusChanged] })
  async endWhenReturned(tx: Prisma.TransactionClient, envelope: EventEnvelope): Promise<void> {
    if (!isEventOfType(envelope, EventTypes.shipmentStatusChanged)) return;
    const rental = envelope.data.rental;
    if (envelope.data.status !== 'closed' || !rental?.orderReturnsClosed || !rental.subscriptionId) return;
    const subscriptionId = rental.subscriptionId;
    const ended = await tx.subscription.updateMany({
      where: { id: subscriptionId, endRequestedAt: { not: null }, status: { in: ['active', 'end-requested'] } },
      data: { status: 'ended', nextDueAt: null },
    });
    if (ended.count === 0) return;
    const subscription = await tx.subscription.findUniqueOrThrow({ where: { id: subscriptionId }, include: { lines: true, segments: true, overrides: true } });
    await appendToOutbox(tx, {
      topic: Topics.subscriptionLifecycle,
      envelope: eventCausedBy(envelope, { type: EventTypes.subscriptionEnded, source: '/subscriptions', subject: subscriptionId, data: toLifecycleData(subscription) }),
    });
  }
}
