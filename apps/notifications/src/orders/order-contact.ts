import type { OrderLifecycleV1 } from '@oms/contracts';
import type { OrderContact, Prisma } from '../generated/prisma/client';

/**
 * Keeps what later messages about an order need (a shipment event carries only
 * the order id). Every order event carries the full order, so the latest one
 * wins; an event without an email keeps the one already known.
 */
export async function rememberOrder(tx: Prisma.TransactionClient, order: OrderLifecycleV1): Promise<OrderContact> {
  // SQL, not Prisma's upsert: every order event passes here (three per subscription cycle), and Prisma's query
  // building was most of the service's CPU per cycle in the pipeline benchmark. updated_at as Prisma's @updatedAt writes it.
  const [contact] = await tx.$queryRaw<OrderContact[]>`
    INSERT INTO order_contact (order_id, order_number, customer_id, customer_email, subscription_id, updated_at)
    VALUES (${order.orderId}, ${order.orderNumber}, ${order.customerId}, ${order.customerEmail ?? null}, ${order.subscriptionId ?? null}, ${new Date()})
    ON CONFLICT (order_id) DO UPDATE SET
      order_number = EXCLUDED.order_number, customer_id = EXCLUDED.customer_id, subscription_id = EXCLUDED.subscription_id,
      customer_email = COALESCE(NULLIF(EXCLUDED.customer_email, ''), order_contact.customer_email), updated_at = EXCLUDED.updated_at
    RETURNING order_id AS "orderId", order_number AS "orderNumber", customer_id AS "customerId", customer_email AS "customerEmail",
      subscription_id AS "subscriptionId", updated_at AS "updatedAt"`;
  return contact!;
}

/**
 * Serialises the order consumer and the shipment consumer on one order until
 * commit, so a shipment parked for want of its order and the order arriving at
 * the same moment cannot miss each other.
 */
export async function lockOrder(tx: Prisma.TransactionClient, orderId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`notifications.order:${orderId}`}, 0))`;
}
