import { Injectable } from '@nestjs/common';
import { EventTypes, isEventOfType, Topics, type EventEnvelope, type OrderStatus, type ShipmentStatus } from '@oms/contracts';
import { IdempotentListener, type EffectContext } from '@oms/outbox';
import type { Prisma } from '../../generated/prisma/client';
import { ShipmentCapture } from '../../payments/authorization/shipment-capture.service';
import { OrderTransitions } from '../status/order-transitions.service';

/**
 * Shipment statuses that move an order: a parcel's shipped and delivered, a
 * rental delivery's In Transport Out and With Customer (the first delivery's;
 * a swap's later ones find the order delivered and change nothing). The rest
 * of the rental round trip belongs to fulfillment.
 */
const ORDER_STATUS_OF: Partial<Record<ShipmentStatus, OrderStatus>> = {
  shipped: 'shipped', delivered: 'delivered', 'in-transport-out': 'shipped', 'with-customer': 'delivered',
};

/** Shipment progress from fulfillment; for rental orders also whether every unit is back and Closed (see close). */
@Injectable()
export class ShipmentStatusConsumer {
  constructor(
    private readonly transitions: OrderTransitions,
    private readonly capture: ShipmentCapture,
  ) {}

  @IdempotentListener(Topics.shipment, 'orders.shipment', { types: [EventTypes.shipmentStatusChanged] })
  async moveOrder(tx: Prisma.TransactionClient, envelope: EventEnvelope, context: EffectContext): Promise<void> {
    if (!isEventOfType(envelope, EventTypes.shipmentStatusChanged)) return;
    const shipment = envelope.data;
    const to = ORDER_STATUS_OF[shipment.status];
    if (!to && !shipment.rental) return;
    const via = [shipment.carrier, shipment.trackingNumber].filter(Boolean).join(' ');
    const reason = `shipment ${shipment.shipmentId}${via ? ` (${via})` : ''}`;
    if (shipment.rental) {
      await tx.salesOrder.updateMany({ where: { id: shipment.orderId }, data: { rentalReturnsClosed: shipment.rental.orderReturnsClosed } });
    }
    if (!to) return;
    const outcome = await this.transitions.applyOutcome(tx, shipment.orderId, to, reason, { event: envelope });
    // Shipped: the open authorization is captured (nothing for an order on account or one captured already), once
    // the batch has committed: the provider is never asked inside the consumer's transaction.
    if (to === 'shipped' && (outcome === 'moved' || outcome === 'under-hold')) {
      context.afterCommit(async () => { await this.capture.capture(shipment.orderId, { event: envelope }); });
    }
  }
}
