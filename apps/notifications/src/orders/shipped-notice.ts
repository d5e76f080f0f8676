import type { ShipmentStatusV1 } from '@oms/contracts';
import type { SqlClient } from '@oms/outbox';
import type { OrderContact, Prisma } from '../generated/prisma/client';
import type { MessageDraft } from '../messages/message-drafts';
import type { ParkedShipment } from './order-backlog.sql';
import { renderOrderShipped } from '../templates/order-shipped.template';
import { TEMPLATES } from '../templates/template.types';

/** The shipped event a notice answers to. */
export interface ShipmentEventRef {
  eventId: string;
  eventType: string;
  correlationId: string;
  shipment: ShipmentStatusV1;
}

/** The time zone a subscription order's emails print days and times in; null (UTC) for one-off orders. */
export async function timeZoneOf(tx: SqlClient, order: OrderContact): Promise<string | null> {
  if (!order.subscriptionId) return null;
  const [contact] = await tx.$queryRaw<Array<{ timeZone: string | null }>>`
    SELECT time_zone AS "timeZone" FROM subscription_contact WHERE subscription_id = ${order.subscriptionId}`;
  return contact?.timeZone ?? null;
}

/** The customer's "your order has shipped" email, addressed from the order read model. */
export function shippedNotice(event: ShipmentEventRef, order: OrderContact, timeZone: string | null): MessageDraft {
  const { shipment } = event;
  return {
    eventId: event.eventId, eventType: event.eventType, correlationId: event.correlationId, template: TEMPLATES.orderShipped,
    recipient: order.customerEmail, customerId: order.customerId, orderId: order.orderId, subscriptionId: order.subscriptionId,
    mail: renderOrderShipped({
      orderNumber: order.orderNumber, shippedAt: new Date(shipment.occurredAt), carrier: shipment.carrier, trackingNumber: shipment.trackingNumber, timeZone,
    }),
  };
}

/** Parks a shipped event whose order is not known yet. */
export async function deferShipment(tx: Prisma.TransactionClient, event: ShipmentEventRef): Promise<void> {
  await tx.deferredShipment.createMany({
    skipDuplicates: true,
    data: [{
      eventId: event.eventId, eventType: event.eventType, correlationId: event.correlationId, orderId: event.shipment.orderId,
      shipment: event.shipment as unknown as Prisma.InputJsonValue,
    }],
  });
}

/** Once an order is known: the notices of its parked shipped events (taken with takeOrdersBacklog). */
export async function releaseDeferredShipments(tx: SqlClient, order: OrderContact, parked: readonly ParkedShipment[]): Promise<MessageDraft[]> {
  if (parked.length === 0) return [];
  const timeZone = await timeZoneOf(tx, order);
  return parked.map((event) => shippedNotice(event, order, timeZone));
}
