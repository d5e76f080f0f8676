import type { OrderHold, Prisma } from '../generated/prisma/client';
import { openHolds } from '../orders/holds/hold-rows';
import type { FullOrder } from '../orders/order.mapper';

/** The order's open payment holds (a failed authorization, no card where one is required, or one waiting for prices); none when it is not held for payment. */
export async function openPaymentHolds(tx: Prisma.TransactionClient, order: FullOrder): Promise<OrderHold[]> {
  if (order.status !== 'on-hold') return [];
  return (await openHolds(tx, order.id)).filter((hold) => hold.type === 'payment');
}
