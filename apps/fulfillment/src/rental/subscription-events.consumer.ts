import { Injectable, Logger } from '@nestjs/common';
import { EventTypes, isEventOfType, Topics, type EventEnvelope, type SubscriptionLifecycleV1 } from '@oms/contracts';
import { IdempotentListener } from '@oms/outbox';
import type { Prisma } from '../generated/prisma/client';
import { DeliveryStatusMover } from '../shipments/delivery-status.mover';
import { systemActor } from '@oms/auth';
import { RentalHoldsWriter } from './rental-holds.writer';

/**
 * A rental customer's requests, set on the deliveries by the system:
 * - swap requested: a new unit of the wanted product is held first (with its
 *   delivery at Swap Out Request); only if one is free does the current
 *   delivery become Swap In Ready. None free: the typed long-term shortage.
 * - end requested: each delivery with the customer becomes Subscription End Request.
 */
@Injectable()
export class SubscriptionEventsConsumer {
  private readonly logger = new Logger(SubscriptionEventsConsumer.name);

  constructor(
    private readonly holds: RentalHoldsWriter,
    private readonly mover: DeliveryStatusMover,
  ) {}

  @IdempotentListener(Topics.subscriptionLifecycle, 'fulfillment.subscription-events', {
    types: [EventTypes.subscriptionSwapRequested, EventTypes.subscriptionEndRequested],
  })
  async applyRequest(tx: Prisma.TransactionClient, envelope: EventEnvelope): Promise<void> {
    if (isEventOfType(envelope, EventTypes.subscriptionSwapRequested)) await this.swap(tx, envelope);
    else if (isEventOfType(envelope, EventTypes.subscriptionEndRequested)) await this.endRequest(tx, envelope);
  }

  private async swap(tx: Prisma.TransactionClient, envelope: EventEnvelope<SubscriptionLifecycleV1>): Promise<void> {
    const { subscriptionId, customerId, swap } = envelope.data;
    if (!swap) return;
    const current = await this.withCustomer(tx, subscriptionId, swap.lineId);
    if (!current.length) {
      this.logger.warn(`swap of ${subscriptionId} line ${swap.lineId}: no delivery with the customer; nothing to swap`);
      return;
    }
    const held = await this.holds.hold(tx, {
      orderId: current[0]!.hold.orderId, subscriptionId, customerId, deliveryStatus: 'swap-out-request', shipTo: envelope.data.shipTo ?? null,
      lines: current.map(({ hold }) => ({ orderLineId: hold.orderLineId, lineId: swap.lineId, productId: swap.toProductId, sku: swap.toSku, quantity: 1 })),
    }, { envelope });
    if (!held.ok) return;
    for (const { deliveryId } of current) {
      await this.mover.move(tx, deliveryId, { status: 'swap-in-ready', actor: systemActor('fulfillment'), automatic: true }, { envelope });
    }
  }

  private async endRequest(tx: Prisma.TransactionClient, envelope: EventEnvelope<SubscriptionLifecycleV1>): Promise<void> {
    for (const { deliveryId } of await this.withCustomer(tx, envelope.data.subscriptionId)) {
      await this.mover.move(tx, deliveryId, { status: 'subscription-end-request', actor: systemActor('fulfillment'), automatic: true }, { envelope });
    }
  }

  /** Active holds of the subscription (or of one line) whose delivery is With Customer. */
  private async withCustomer(tx: Prisma.TransactionClient, subscriptionId: string, lineId?: string) {
    const holds = await tx.rentalHold.findMany({ where: { subscriptionId, status: 'active', ...(lineId && { lineId }) }, orderBy: { createdAt: 'asc' } });
    const deliveries = await tx.shipment.findMany({ where: { reservationId: { in: holds.map((h) => h.id) }, status: 'with-customer' } });
    return deliveries.map((d) => ({ deliveryId: d.id, hold: holds.find((h) => h.id === d.reservationId)! }));
  }
}
