import type { SqlClient } from '@oms/outbox';
import type { OrderLifecycleV1 } from '@oms/contracts';
import type { OrderContact } from '../generated/prisma/client';

/** The advisory lock of an order (see lockOrder) is keyed by this prefix and its id. */
const LOCK_PREFIX = 'notifications.order:';
const lockKey = (orderId: string) => `${LOCK_PREFIX}${orderId}`;

/** The order read model after an order event, and whether that event was the first of its order seen here. */
export interface RememberedOrder extends OrderContact {
  firstSeen: boolean;
}

/**
 * Keeps what later messages about an order need (a shipment event carries only
 * the order id). Every order event carries the full order, so the latest one
 * wins; an event without an email keeps the one already known.
 *
 * The same statement takes the order's lock ({@link lockOrder}), after the row: the upsert's row lock already
 * serialises two order events of one order (a later statement sees what the other committed), and the advisory
 * lock, held before any later statement reads, serialises this transaction with the shipment consumer's.
 * `firstSeen` (xmax = 0: inserted, not updated) tells the caller whether shipments may be parked for the order:
 * only an order without a row can have any (the shipment consumer parks only then, under the same lock).
 */
export async function rememberOrder(tx: SqlClient, order: OrderLifecycleV1): Promise<RememberedOrder> {
  return (await rememberOrders(tx, [order])).get(order.orderId)!;
}

/**
 * Serialises the order consumer and the shipment consumer on one order until
 * commit, so a shipment parked for want of its order and the order arriving at
 * the same moment cannot miss each other.
 */
export async function lockOrder(tx: SqlClient, orderId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${lockKey(orderId)}, 0))`;
}

/**
 * {@link rememberOrder} for a batch's order events, in one statement: each order's row ends as its events
 * leave it applied one by one (the latest event's fields; the latest non-empty email, else the one known), and
 * each order's lock is taken, in order id order. `firstSeen`: the row was inserted by this batch.
 * @returns the read model of each order, by order id.
 */
export async function rememberOrders(tx: SqlClient, orders: readonly OrderLifecycleV1[]): Promise<Map<string, RememberedOrder>> {
  // SQL, not Prisma's upsert: every order event passes here (three per subscription cycle), and Prisma's query
  // building was most of the service's CPU per cycle in the pipeline benchmark. updated_at as Prisma's @updatedAt writes it.
  const latest = [...latestPerOrder(orders).values()].sort((a, b) => (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0));
  const column = <K extends keyof LatestOrder>(key: K) => latest.map((order) => order[key]);
  const contacts = await tx.$queryRaw<RememberedOrder[]>`
    WITH contact AS (
      INSERT INTO order_contact (order_id, order_number, customer_id, customer_email, subscription_id, updated_at)
      SELECT v.order_id, v.order_number, v.customer_id, v.customer_email, v.subscription_id, ${new Date()}::timestamptz
      FROM unnest(${column('orderId')}::text[], ${column('orderNumber')}::text[], ${column('customerId')}::text[],
                  ${column('customerEmail')}::text[], ${column('subscriptionId')}::text[]) WITH ORDINALITY
        AS v(order_id, order_number, customer_id, customer_email, subscription_id, n)
      ORDER BY v.n
      ON CONFLICT (order_id) DO UPDATE SET
        order_number = EXCLUDED.order_number, customer_id = EXCLUDED.customer_id, subscription_id = EXCLUDED.subscription_id,
        customer_email = COALESCE(NULLIF(EXCLUDED.customer_email, ''), order_contact.customer_email), updated_at = EXCLUDED.updated_at
      RETURNING *, xmax = 0 AS first_seen)
    SELECT order_id AS "orderId", order_number AS "orderNumber", customer_id AS "customerId", customer_email AS "customerEmail",
      subscription_id AS "subscriptionId", updated_at AS "updatedAt", first_seen AS "firstSeen"
    FROM contact CROSS JOIN LATERAL (SELECT pg_advisory_xact_lock(hashtextextended(${LOCK_PREFIX} || contact.order_id, 0))) AS locked`;
  return new Map(contacts.map((contact) => [contact.orderId, contact]));
}

type LatestOrder = Pick<OrderContact, 'orderId' | 'orderNumber' | 'customerId' | 'customerEmail' | 'subscriptionId'>;

/**
 * Each order's fields as its events in this order leave them: the last event's, the email the last non-empty
 * one (an empty email keeps the one before, as the upsert does; the first event's as it is when none has one).
 */
function latestPerOrder(orders: readonly OrderLifecycleV1[]): Map<string, LatestOrder> {
  const latest = new Map<string, LatestOrder>();
  for (const order of orders) {
    const before = latest.get(order.orderId);
    latest.set(order.orderId, {
      orderId: order.orderId, orderNumber: order.orderNumber, customerId: order.customerId, subscriptionId: order.subscriptionId ?? null,
      customerEmail: order.customerEmail || !before ? order.customerEmail ?? null : before.customerEmail,
    });
  }
  return latest;
}
