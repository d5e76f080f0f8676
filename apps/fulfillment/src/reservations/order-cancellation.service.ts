import { Inject, Injectable } from '@nestjs/common';
import { appendToOutbox } from '@oms/outbox';
import { CLOCK, type Clock } from '@oms/service-runtime';
import { reservationMessage, type EventCause } from '../events/fulfillment.events';
import type { Prisma } from '../generated/prisma/client';
import { lockStock } from '../stock/stock.sql';
import { lockReservation, releaseReservation, type LockedReservation } from './cancellation-rows.sql';
import { SHORT_TERM } from './reservation.writer';

/**
 * A cancelled order gives its stock back: an active reservation is released
 * (reserved -= quantity, its releases cancelled), a pending backorder is
 * dropped; either publishes reservation.released. A shipped or already
 * released order changes nothing. Releasing a reservation is five statements:
 * the two row locks, the stock rows' locks, one write (cancellation-rows.sql.ts), the outbox row.
 */
@Injectable()
export class OrderCancellation {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  /** Returns the SKUs whose available stock went up, for the backorder retry. */
  async cancel(tx: Prisma.TransactionClient, orderId: string, cause: EventCause): Promise<string[]> {
    // Backorder row first: a retry turning it into a reservation holds it, so
    // once we have it, that reservation (if any) is committed and visible below.
    const [backorder] = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM backorder WHERE order_id = ${orderId} FOR UPDATE`;
    const reservation = await lockReservation(tx, orderId);
    if (reservation?.status === 'active') return this.release(tx, orderId, reservation, cause);
    if (!reservation && backorder?.status === 'pending') await this.dropBackorder(tx, orderId, cause);
    return [];
  }

  private async release(tx: Prisma.TransactionClient, orderId: string, reservation: LockedReservation, cause: EventCause): Promise<string[]> {
    const { lines } = reservation;
    await lockStock(tx, lines.map((l) => l.sku));
    await releaseReservation(tx, reservation, this.clock.now());
    await appendToOutbox(tx, reservationMessage(cause, {
      reservationId: reservation.id, orderId, outcome: 'released', kind: SHORT_TERM,
      lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity, warehouseId: l.warehouseId })),
      ...(reservation.subscriptionId && { subscriptionId: reservation.subscriptionId }),
    }));
    return [...new Set(lines.map((l) => l.sku))];
  }

  private async dropBackorder(tx: Prisma.TransactionClient, orderId: string, cause: EventCause): Promise<void> {
    const backorder = await tx.backorder.update({
      where: { orderId }, data: { status: 'cancelled', resolvedAt: this.clock.now() }, include: { lines: { orderBy: { lineNo: 'asc' } } },
    });
    await appendToOutbox(tx, reservationMessage(cause, {
      reservationId: backorder.reservationId, orderId, outcome: 'released', kind: SHORT_TERM,
      lines: backorder.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
      ...(backorder.subscriptionId && { subscriptionId: backorder.subscriptionId }),
    }));
  }
}
