import type { OrderLifecycleV1 } from '@oms/contracts';
import type { OrderContact, Prisma } from '../generated/prisma/client';

/**
 * Keeps what later messages about an order need (a shipment event carries only
 * the order id). Every order event carries the full order, so the latest one
 * wins; an event without an email keeps the one already known.
 */
export async function rememberOrder(tx: Prisma.TransactionClient, order: OrderLifecycleV1): Promise<OrderContact> {
  const fields = {
    orderNumber: order.orderNumber,
    customerId: order.customerId,
    subscriptionId: order.subscriptionId ?? null,
  };
  return tx.orderContact.upsert({
    where: { orderId: order.orderId },
    create: { orderId: order.orderId, ...fields, customerEmail: order.customerEmail ?? null },
    update: { ...fields, ...(order.customerEmail && { customerEmail: order.customerEmail }) },
  });
}

/**
 * Serialises the order consumer and the shipment consumer on one order until
 * commit, so a shipment parked for want of its order and the order arriving at
 * the same moment cannot miss each other.
 */
export async function lockOrder(tx: Prisma.TransactionClient, orderId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`notifications.order:${orderId}`}, 0))`;
}
