import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '@oms/service-runtime';
import { PrismaService } from '../../database/prisma.service';
import type { Cause } from '../../orders/status/order-events';
import { lockFullOrder } from '../../orders/status/order-rows.sql';
import { PAYMENT_TX } from '../payment-transaction';
import { PaymentSettlement } from './payment-settlement.service';
import { sweepOrders, type SweptOrder } from './payment-sweep';
import { PENDING_GRACE_MS } from './pending-authorizations';

export type CaptureResult = 'captured' | 'capture-failed' | 'nothing-to-capture' | 'recorded-already';

/**
 * Captures a shipped order's open authorization after the shipment's
 * transaction has committed: the provider is asked with no connection or row
 * lock held, and its answer is recorded in a transaction of its own, which
 * checks under the order's row lock that the authorization is still open
 * (a second caller asked with the same key and records nothing). A crash in
 * between leaves a shipped order with an open authorization and no capture
 * row at all: the sweep (the dunning loop's run) captures those.
 */
@Injectable()
export class ShipmentCapture {
  private readonly logger = new Logger(ShipmentCapture.name);

  constructor(
    private readonly prisma: PrismaService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly settlement: PaymentSettlement,
  ) {}

  async capture(orderId: string, cause: Cause): Promise<CaptureResult> {
    const order = await this.prisma.salesOrder.findUnique({ where: { id: orderId } });
    const open = order ? await this.settlement.openAuthorization(this.prisma, orderId) : null;
    if (!order || !open) return 'nothing-to-capture';
    const outcome = await this.settlement.requestCapture(order, open);
    return this.prisma.$transaction(async (tx) => {
      const locked = await lockFullOrder(tx, orderId);
      if (!locked || (await this.settlement.openAuthorization(tx, orderId))?.id !== open.id) return 'recorded-already';
      await this.settlement.recordCapture(tx, locked, open, outcome, cause, this.clock.now());
      return outcome.approved ? 'captured' : 'capture-failed';
    }, PAYMENT_TX);
  }

  /** Shipped orders (on hold after shipping too) with an open authorization and no capture tried, older than the grace: captured now. */
  async sweep(limit = 100): Promise<Array<SweptOrder<CaptureResult>>> {
    const before = new Date(this.clock.now().getTime() - PENDING_GRACE_MS);
    const rows = await this.prisma.$queryRaw<{ orderId: string }[]>`
      SELECT o.id::text AS "orderId" FROM sales_order o
      WHERE (o.status IN ('shipped', 'delivered', 'closed') OR (o.status = 'on-hold' AND o.status_before_hold IN ('shipped', 'delivered')))
        AND o.updated_at <= ${before}
        AND EXISTS (SELECT 1 FROM payment p WHERE p.order_id = o.id AND p.type = 'authorization' AND p.status = 'succeeded')
        AND NOT EXISTS (SELECT 1 FROM payment p WHERE p.order_id = o.id AND (p.type = 'capture' OR (p.type = 'void' AND p.status = 'succeeded')))
      ORDER BY o.updated_at LIMIT ${limit}`;
    return sweepOrders(rows.map((row) => row.orderId), 'capture', this.logger, (orderId, cause) => this.capture(orderId, cause));
  }
}
