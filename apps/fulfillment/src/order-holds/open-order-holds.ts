import type { OrderHold, Prisma } from '../generated/prisma/client';
import { OrderOnHoldError } from './order-holds.errors';

export type OpenOrderHold = Pick<OrderHold, 'holdId' | 'orderId' | 'orderNumber' | 'type' | 'code' | 'placedBySub' | 'placedByRole' | 'placedAt'>;

/** The open holds of each order, in the order they were placed (orders with none are absent from the map). */
export async function openHoldsByOrder(db: Prisma.TransactionClient, orderIds: readonly string[]): Promise<Map<string, OpenOrderHold[]>> {
  const byOrder = new Map<string, OpenOrderHold[]>();
  if (orderIds.length === 0) return byOrder;
  const rows = await db.orderHold.findMany({ where: { orderId: { in: [...new Set(orderIds)] }, clearedAt: null }, orderBy: { seq: 'asc' } });
  for (const row of rows) byOrder.set(row.orderId, [...(byOrder.get(row.orderId) ?? []), row]);
  return byOrder;
}

/**
 * Refuses a warehouse step (`step` completes the message: "cannot be shipped")
 * while the order has an open hold. Callers hold the lock of the reservation or
 * delivery first, so a hold recorded at the same time is either seen here or
 * finds the order already shipped.
 */
export async function refuseWhileOnHold(tx: Prisma.TransactionClient, orderId: string, step: string): Promise<void> {
  const open = (await openHoldsByOrder(tx, [orderId])).get(orderId);
  if (open?.length) throw new OrderOnHoldError(orderId, open, step);
}

/** A hold as the reservation, release and shipment answers show it (staff only). */
export function toOrderHoldResponse(hold: OpenOrderHold) {
  return { holdId: hold.holdId, type: hold.type, code: hold.code, placedBy: { sub: hold.placedBySub, role: hold.placedByRole }, placedAt: hold.placedAt.toISOString() };
}
