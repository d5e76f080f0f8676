import { Injectable, Logger } from '@nestjs/common';
import type { EventEnvelope, OrderHoldV1, OrderLifecycleV1 } from '@oms/contracts';
import type { Prisma } from '../generated/prisma/client';

/**
 * Keeps the open holds of the orders fulfillment knows, from the typed
 * `placedHolds` / `clearedHolds` of any order event (the first hold comes on
 * on-hold, more on hold-placed, clearing one of several on hold-cleared, the
 * last on the event of the status the order returns to, a cancel clears them
 * all). Runs inside the order-events consumer's transaction, after the event's
 * other effect, so one order's events apply in their Kafka order.
 */
@Injectable()
export class OrderHoldsRecorder {
  private readonly logger = new Logger(OrderHoldsRecorder.name);

  async apply(tx: Prisma.TransactionClient, envelope: EventEnvelope<OrderLifecycleV1>): Promise<void> {
    const { placedHolds = [], clearedHolds = [] } = envelope.data;
    if (placedHolds.length) await this.place(tx, envelope.data, placedHolds);
    if (clearedHolds.length) await this.clear(tx, clearedHolds);
  }

  private async place(tx: Prisma.TransactionClient, order: OrderLifecycleV1, holds: OrderHoldV1[]): Promise<void> {
    const state = await lockShippable(tx, order.orderId);
    // An order born on hold is not known until it is released (its created event comes then, with no open hold).
    if (!state.known) return;
    const named = holds.map((h) => `${h.type} hold ${h.holdId}`).join(', ');
    if (!state.toShip) {
      this.logger.log(`order ${order.orderNumber} (${order.orderId}) has nothing left to ship; ${named} changes nothing in fulfillment`);
      return;
    }
    await tx.orderHold.createMany({
      data: holds.map((h) => ({
        holdId: h.holdId, orderId: order.orderId, orderNumber: order.orderNumber, type: h.type, code: h.code,
        placedBySub: h.placedBy.sub, placedByRole: h.placedBy.role, placedAt: new Date(h.placedAt),
      })),
      skipDuplicates: true, // the hold id: a second event with the same hold places nothing again
    });
    this.logger.log(`order ${order.orderNumber} (${order.orderId}) is on hold: ${named}; the warehouse may not ship it until cleared`);
  }

  /** Holds fulfillment never recorded (born on hold, placed after shipping) match no row. */
  private async clear(tx: Prisma.TransactionClient, holds: OrderHoldV1[]): Promise<void> {
    for (const hold of holds) {
      await tx.orderHold.updateMany({
        where: { holdId: hold.holdId, clearedAt: null },
        data: {
          clearedAt: new Date(hold.clearedAt ?? hold.placedAt), clearedBySub: hold.clearedBy?.sub ?? null, clearedByRole: hold.clearedBy?.role ?? null,
        },
      });
    }
  }
}

/**
 * Locks what a ship or a rental delivery's move locks (the reservation, the
 * order's unsent deliveries), so a hold and a shipment of one order never pass
 * each other; then says whether fulfillment knows the order and whether any of
 * it is still to ship (an active reservation, a pending backorder, an unsent delivery).
 */
async function lockShippable(tx: Prisma.TransactionClient, orderId: string): Promise<{ known: boolean; toShip: boolean }> {
  await tx.$queryRaw`SELECT id FROM reservation WHERE order_id = ${orderId} FOR UPDATE`;
  await tx.$queryRaw`SELECT id FROM shipment WHERE order_id = ${orderId} AND shipped_at IS NULL ORDER BY id FOR UPDATE`;
  const [row] = await tx.$queryRaw<Array<{ known: boolean; toShip: boolean }>>`
    SELECT (EXISTS (SELECT 1 FROM reservation WHERE order_id = ${orderId})
         OR EXISTS (SELECT 1 FROM backorder WHERE order_id = ${orderId})
         OR EXISTS (SELECT 1 FROM rental_hold WHERE order_id = ${orderId})) AS known,
           (EXISTS (SELECT 1 FROM reservation WHERE order_id = ${orderId} AND status = 'active')
         OR EXISTS (SELECT 1 FROM backorder WHERE order_id = ${orderId} AND status = 'pending')
         OR EXISTS (SELECT 1 FROM shipment WHERE order_id = ${orderId} AND shipped_at IS NULL)) AS "toShip"`;
  return { known: row?.known === true, toShip: row?.toShip === true };
}
