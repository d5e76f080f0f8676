import type { SqlClient } from '@oms/outbox';
import type { ShipmentStatusV1 } from '@oms/contracts';
import { Prisma } from '../generated/prisma/client';
import { queueMessages, type NewMessageRow } from '../messages/message-rows.sql';
import { TEMPLATES } from '../templates/template.types';

/** A shipped event parked for want of its order (deferShipment). */
export interface ParkedShipment {
  eventId: string;
  eventType: string;
  correlationId: string;
  shipment: ShipmentStatusV1;
}

/**
 * Takes the parked shipped events of `firstSeen` orders (only an order without a row can have any) and queues
 * `rows` in one statement (they were three per new order): the rows are queued as insertMessageRows queues them,
 * except an order confirmation when its order has one already (see isConfirmation). `rows` may hold at most one
 * confirmation per order (a batch's first: one statement cannot see its own inserts, so a second would not be
 * left out). Called after rememberOrders, in a later statement, so its snapshot (one for the whole statement)
 * has what any transaction it waited for committed.
 * The earlier messages are found by order id alone (MATERIALIZED keeps the template test out of that lookup): with
 * the template in it, PostgreSQL 18 could skip-scan the (event_id, template, recipient) key for the template alone,
 * reading every confirmation ever queued on each call, while its statistics still said the table was small.
 * @returns the parked shipped events by order id, oldest first (orders without any absent).
 */
export async function takeOrdersBacklog(tx: SqlClient, firstSeen: readonly string[], rows: readonly NewMessageRow[]): Promise<Map<string, ParkedShipment[]>> {
  const confirmation = TEMPLATES.orderConfirmation;
  const confirming = rows.filter((row) => row.template === confirmation && row.orderId !== null).map((row) => row.orderId!);
  const taken = await tx.$queryRaw<Array<{ orderId: string; parked: ParkedShipment[] }>>`
    WITH parked AS (
      DELETE FROM deferred_shipment WHERE order_id = ANY(${firstSeen}::text[])
      RETURNING order_id, event_id, event_type, correlation_id, shipment, created_at),
    earlier AS MATERIALIZED (SELECT order_id, template FROM message WHERE order_id = ANY(${confirming}::text[])),
    ${queueMessages(rows, Prisma.sql`(v.template <> ${confirmation} OR NOT EXISTS (SELECT 1 FROM earlier e WHERE e.order_id = v.order_id AND e.template = ${confirmation}))`)}
    SELECT order_id AS "orderId",
      json_agg(json_build_object('eventId', event_id::text, 'eventType', event_type, 'correlationId', correlation_id, 'shipment', shipment)
               ORDER BY created_at, event_id) AS parked
    FROM parked GROUP BY order_id`;
  return new Map(taken.map(({ orderId, parked }) => [orderId, parked]));
}
