import type { SqlClient } from '@oms/outbox';
import type { ShipmentStatusV1 } from '@oms/contracts';
import { Prisma } from '../generated/prisma/client';
import { messageRowsInsert, type NewMessageRow } from '../messages/message-rows.sql';
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

/**
 * Takes the order's backlog and queues `rows` in one statement (they were two per new order): the rows are
 * inserted as insertMessageRows does, except an order confirmation when the order has one already (see
 * isConfirmation). Called after rememberOrder, in a later statement, so its snapshot (one for the whole statement: the
 * check reads only confirmations queued before it) has what any transaction it waited for committed. The
 * parked deletion and the confirmation check were one statement of their own, with a third to delete parked rows.
 */
export async function takeOrderBacklog(tx: SqlClient, orderId: string, rows: readonly NewMessageRow[]): Promise<OrderBacklog> {
  const confirmation = TEMPLATES.orderConfirmation;
  const [backlog] = await tx.$queryRaw<OrderBacklog[]>`
    WITH parked AS (
      DELETE FROM deferred_shipment WHERE order_id = ${orderId}
      RETURNING event_id, event_type, correlation_id, shipment, created_at),
    backlog AS (SELECT EXISTS (SELECT 1 FROM message WHERE order_id = ${orderId} AND template = ${confirmation}) AS confirmed),
    queued AS (${messageRowsInsert(rows, Prisma.sql`(v.template <> ${confirmation} OR NOT (SELECT confirmed FROM backlog))`)})
    SELECT (SELECT confirmed FROM backlog) AS confirmed,
      COALESCE((SELECT json_agg(json_build_object('eventId', event_id::text, 'eventType', event_type, 'correlationId', correlation_id, 'shipment', shipment)
                ORDER BY created_at, event_id) FROM parked), '[]'::json) AS parked`;
  return backlog!;
}

/**
 * {@link takeOrderBacklog} for a batch, in one statement: takes the parked shipped events of the orders first
 * seen in the batch (only an order without a row can have any) and queues `rows`, an order confirmation left
 * out when its order has one already. `rows` may hold at most one confirmation per order (the batch's first:
 * one statement cannot see its own inserts, so a second would not be left out).
 * @returns the parked shipped events by order id, oldest first (orders without any absent).
 */
export async function takeOrdersBacklog(tx: SqlClient, firstSeen: readonly string[], rows: readonly NewMessageRow[]): Promise<Map<string, ParkedShipment[]>> {
  const confirmation = TEMPLATES.orderConfirmation;
  const confirming = rows.filter((row) => row.template === confirmation && row.orderId !== null).map((row) => row.orderId!);
  const taken = await tx.$queryRaw<Array<{ orderId: string; parked: ParkedShipment[] }>>`
    WITH parked AS (
      DELETE FROM deferred_shipment WHERE order_id = ANY(${firstSeen}::text[])
      RETURNING order_id, event_id, event_type, correlation_id, shipment, created_at),
    confirmed AS (SELECT DISTINCT order_id FROM message WHERE order_id = ANY(${confirming}::text[]) AND template = ${confirmation}),
    queued AS (${messageRowsInsert(rows, Prisma.sql`(v.template <> ${confirmation} OR NOT EXISTS (SELECT 1 FROM confirmed c WHERE c.order_id = v.order_id))`)})
    SELECT order_id AS "orderId",
      json_agg(json_build_object('eventId', event_id::text, 'eventType', event_type, 'correlationId', correlation_id, 'shipment', shipment)
               ORDER BY created_at, event_id) AS parked
    FROM parked GROUP BY order_id`;
  return new Map(taken.map(({ orderId, parked }) => [orderId, parked]));
}
