import { Injectable } from '@nestjs/common';
import { EventTypes, isEventOfType, Topics, type EventEnvelope, type OrderStatus, type ShipmentStatus } from '@oms/contracts';
import { KafkaListener } from '@oms/kafka';
import { IdempotentConsumer } from '@oms/outbox';
import type { Prisma } from '../../generated/prisma/client';
import { OrderTransitions } from '../status/order-transitions.service';

/** Shipment statuses that move an order; the rental round-trip statuses belong to fulfillment alone. */
const ORDER_STATUS_OF: Partial<Record<ShipmentStatus, OrderStatus>> = { shipped: 'shipped', delivered: 'delivered' };

/** Shipment progress from fulfillment: shipped and delivered move the order. */
@Injectable()
export class ShipmentStatusConsumer {
  constructor(
    private readonly idempotent: IdempotentConsumer,
    private readonly transitions: OrderTransitions,
  ) {}

  @KafkaListener(Topics.shipment)
  async handle(envelope: EventEnvelope): Promise<void> {
    if (!isEventOfType(envelope, EventTypes.shipmentStatusChanged)) return;
    const shipment = envelope.data;
    const to = ORDER_STATUS_OF[shipment.status];
    if (!to) return;
    const via = [shipment.carrier, shipment.trackingNumber].filter(Boolean).join(' ');
    const reason = `shipment ${shipment.shipmentId}${via ? ` (${via})` : ''}`;
    await this.idempotent.handle('orders.shipment', envelope, async (sql) => {
      await this.transitions.applyOutcome(sql as unknown as Prisma.TransactionClient, shipment.orderId, to, reason, { event: envelope });
    });
  }
}
