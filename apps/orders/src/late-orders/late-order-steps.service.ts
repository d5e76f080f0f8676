import { Inject, Injectable } from '@nestjs/common';
import { EventTypes } from '@oms/contracts';
import { CLOCK, type Clock } from '@oms/service-runtime';
import type { Prisma } from '../generated/prisma/client';
import { WITH_LINES, type FullOrder } from '../orders/order.mapper';
import { actorColumns, ORDERS_SYSTEM, publishOrderEvent, type Cause } from '../orders/status/order-events';
import { OrderTransitions } from '../orders/status/order-transitions.service';
import { describeMinutes, type LateThreshold } from './late-thresholds';

/** The orders service's own decision: history rows and events name system:orders. */
const WATCHDOG: Cause = { correlationId: undefined, actor: ORDERS_SYSTEM };

/**
 * The two steps of a late order, each in the caller's transaction on a row it
 * has locked: the notice (once: lateNoticedAt, a history row, orders.order.late.v1;
 * the status stays) and the cancel (through the status machine like any cancel,
 * with cancelCode `late` on the order and its cancelled event).
 */
@Injectable()
export class LateOrderSteps {
  constructor(
    private readonly transitions: OrderTransitions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async notice(tx: Prisma.TransactionClient, order: FullOrder, threshold: LateThreshold): Promise<void> {
    const now = this.clock.now();
    const reason = `late: not shipped by ${order.promisedShipBy!.toISOString()} (${order.deliveryMode}; notice after ${describeMinutes(threshold.noticeAfterMinutes)}); the customer is told`;
    const updated = await tx.salesOrder.update({ where: { id: order.id }, data: { lateNoticedAt: now, updatedAt: now }, include: WITH_LINES });
    await tx.orderStatusHistory.create({ data: { orderId: order.id, fromStatus: order.status, toStatus: order.status, reason, at: now, ...actorColumns(WATCHDOG) } });
    await publishOrderEvent(tx, EventTypes.orderLate, updated, reason, WATCHDOG, now);
  }

  async cancel(tx: Prisma.TransactionClient, order: FullOrder, threshold: LateThreshold): Promise<void> {
    const reason = `late: not shipped by ${order.promisedShipBy!.toISOString()} (${order.deliveryMode}; cancelled after ${describeMinutes(threshold.cancelAfterMinutes)})`;
    await this.transitions.move(tx, order, 'cancelled', reason, WATCHDOG, { cancelCode: 'late' });
  }
}
