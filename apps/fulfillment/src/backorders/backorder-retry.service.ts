import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ShipToV1 } from '@oms/contracts';
import { CLOCK, type Clock } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import { FULFILLMENT_SYSTEM } from '../events/fulfillment.events';
import { ReservationWriter } from '../reservations/reservation.writer';

/** Pending backorders looked at per retry; the sweep takes the rest next time. */
const BATCH = 500;

/**
 * Turns pending backorders into reservations once their stock is there,
 * oldest first. Each backorder is tried in its own transaction (backorder row
 * locked, then its stock rows in SKU order), after the transaction that added
 * the stock, so a receipt never waits for, nor deadlocks with, the retries.
 * A backorder that still does not fit stays pending and does not block
 * younger ones that do fit.
 */
@Injectable()
export class BackorderRetryService {
  private readonly logger = new Logger(BackorderRetryService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly writer: ReservationWriter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Retries the pending backorders that need any of `skus`; returns how many were reserved. */
  async retryForSkus(skus: string[]): Promise<number> {
    const rows = await this.prisma.$queryRaw<{ orderId: string }[]>`
      SELECT b.order_id AS "orderId" FROM backorder b
      WHERE b.status = 'pending' AND EXISTS (SELECT 1 FROM backorder_line l WHERE l.order_id = b.order_id AND l.sku = ANY(${skus}::text[]))
      ORDER BY b.created_at, b.position
      LIMIT ${BATCH}`;
    return this.retry(rows.map((r) => r.orderId));
  }

  /** Retries every pending backorder, oldest first (the periodic sweep). */
  async retryAll(): Promise<number> {
    const rows = await this.prisma.backorder.findMany({ where: { status: 'pending' }, orderBy: [{ createdAt: 'asc' }, { position: 'asc' }], take: BATCH, select: { orderId: true } });
    return this.retry(rows.map((r) => r.orderId));
  }

  private async retry(orderIds: string[]): Promise<number> {
    let reserved = 0;
    for (const orderId of orderIds) {
      try {
        if (await this.retryOne(orderId)) reserved++;
      } catch (error) {
        // The stock change that triggered us is committed; the next change or the sweep retries again.
        this.logger.warn(`backorder of order ${orderId} could not be retried: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return reserved;
  }

  private async retryOne(orderId: string): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const [backorder] = await tx.$queryRaw<{ reservationId: string; subscriptionId: string | null; customerId: string | null; correlationId: string | null; shipTo: ShipToV1 | null }[]>`
        SELECT reservation_id AS "reservationId", subscription_id AS "subscriptionId", customer_id AS "customerId", correlation_id AS "correlationId", ship_to AS "shipTo"
        FROM backorder WHERE order_id = ${orderId} AND status = 'pending' FOR UPDATE`;
      if (!backorder) return false; // reserved or cancelled meanwhile
      const lines = await tx.backorderLine.findMany({ where: { orderId }, orderBy: { lineNo: 'asc' } });
      const order = { orderId, reservationId: backorder.reservationId, subscriptionId: backorder.subscriptionId, customerId: backorder.customerId, shipTo: backorder.shipTo, lines };
      const allocation = await this.writer.reserve(tx, order, { correlationId: backorder.correlationId ?? undefined, actor: FULFILLMENT_SYSTEM });
      if (!allocation.ok) return false;
      await tx.backorder.update({ where: { orderId }, data: { status: 'reserved', resolvedAt: this.clock.now() } });
      this.logger.log(`backorder of order ${orderId} reserved as ${backorder.reservationId}`);
      return true;
    }, { timeout: 15000, maxWait: 5000 });
  }
}
