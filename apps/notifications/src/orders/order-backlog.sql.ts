import type { ShipmentStatusV1 } from '@oms/contracts';
import type { Prisma } from '../generated/prisma/client';
import { TEMPLATES } from '../templates/template.types';

/** A shipped event parked for want of its order (deferShipment). */
export interface ParkedShipment {
  eventId: string;
  eventType: string;
  correlationId: string;
  shipment: ShipmentStatusV1;
}

/** What an order event must know of its order's past besides the read model. */
export interface OrderBacklog {
  /** The order has an order confirmation already (queued, sent or skipped). */
  confirmed: boolean;
  /** Shipped events that waited for the order, oldest first; taken (deleted) by this call. */
  parked: ParkedShipment[];
}

/** For an order event that needs neither: an order seen before (nothing parked) and no confirmation to check. */
export const NO_BACKLOG: OrderBacklog = { confirmed: false, parked: [] };

/**
 * Both in one statement (they were two, with a third to delete the parked rows). Called after
 * rememberOrder, in a later statement, so it sees what any transaction it waited for committed.
 */
export async function takeOrderBacklog(tx: Prisma.TransactionClient, orderId: string): Promise<OrderBacklog> {
  const [backlog] = await tx.$queryRaw<OrderBacklog[]>`
    WITH parked AS (
      DELETE FROM deferred_shipment WHERE order_id = ${orderId}
      RETURNING event_id, event_type, correlation_id, shipment, created_at)
    SELECT EXISTS (SELECT 1 FROM message WHERE order_id = ${orderId} AND template = ${TEMPLATES.orderConfirmation}) AS confirmed,
      COALESCE((SELECT json_agg(json_build_object('eventId', event_id::text, 'eventType', event_type, 'correlationId', correlation_id, 'shipment', shipment)
                ORDER BY created_at, event_id) FROM parked), '[]'::json) AS parked`;
  return backlog!;
}
