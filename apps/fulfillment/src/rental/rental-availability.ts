import { appendToOutbox } from '@oms/outbox';
import { rentalAvailabilityMessage, type EventCause } from '../events/fulfillment.events';
import type { Prisma } from '../generated/prisma/client';

/** Counts a SKU's units inside the caller's transaction and publishes the count (after any unit change). */
export async function publishAvailability(tx: Prisma.TransactionClient, skus: Iterable<string>, cause: EventCause): Promise<void> {
  for (const sku of [...new Set(skus)].sort()) {
    const [row] = await tx.$queryRaw<{ available: number; total: number }[]>`
      SELECT count(*) FILTER (WHERE state = 'available')::int AS available, count(*)::int AS total FROM rental_unit WHERE sku = ${sku}`;
    await appendToOutbox(tx, rentalAvailabilityMessage(cause, { sku, available: row?.available ?? 0, total: row?.total ?? 0 }));
  }
}
