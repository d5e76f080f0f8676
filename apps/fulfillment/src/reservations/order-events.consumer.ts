import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { EventTypes, isEventOfType, Topics, type EventEnvelope, type OrderLifecycleV1 } from '@oms/contracts';
import { IdempotentBatchEffect, IdempotentListener, IdempotentListenerOnPg, type BatchEvent, type EffectContext, type SqlClient } from '@oms/outbox';
import { BackorderRetryService } from '../backorders/backorder-retry.service';
import type { Prisma } from '../generated/prisma/client';
import { OrderHoldsRecorder } from '../order-holds/order-holds.recorder';
import { RentalHoldsWriter } from '../rental/rental-holds.writer';
import { OrderCancellation } from './order-cancellation.service';
import { ReservationWriter, type OrderToReserve } from './reservation.writer';
import { orderIsKnown } from './reservation-rows.sql';

/**
 * Event types that may place or clear holds: the hold events, and every status
 * a held order can return to when its last hold is cleared (the status the hold
 * interrupted, or one a fulfillment outcome recorded under the hold).
 */
const HOLD_TYPES = [
  EventTypes.orderOnHold, EventTypes.orderHoldPlaced, EventTypes.orderHoldCleared,
  EventTypes.orderReserved, EventTypes.orderReleased, EventTypes.orderBackordered, EventTypes.orderShipped, EventTypes.orderDelivered,
];

/**
 * Whether an order event changes anything here, by its content alone: a created or cancelled order, or holds
 * placed or cleared. The listener's other types (a held order returning to a status) without holds change
 * nothing, so they are passed over unmarked: two of the three order events of every subscription cycle
 * (reserved, released) wrote only their processed_event mark.
 */
const changesFulfillment = (envelope: EventEnvelope): boolean => {
  if (envelope.type === EventTypes.orderCreated || envelope.type === EventTypes.orderCancelled) return true;
  const order = envelope.data as OrderLifecycleV1;
  return Boolean(order.placedHolds?.length || order.clearedHolds?.length);
};

/**
 * An event whose whole effect is SQL: a created order of goods only, with no hold placed or cleared (its reservation
 * or backorder). The other events that reach the listener (a cancellation, holds) need Prisma's; the rest
 * {@link changesFulfillment} passed over. A batch of only such events (every cycle of the pipeline) runs on pg directly.
 */
const appliesOnPg = (envelope: EventEnvelope): boolean => {
  if (!isEventOfType(envelope, EventTypes.orderCreated)) return false;
  const order = envelope.data;
  return !order.placedHolds?.length && !order.clearedHolds?.length && order.lines.every((l) => l.kind !== 'rental');
};

/** The goods lines of an order to reserve short-term, under a new reservation id; null when it has none. */
function goodsToReserve(order: OrderLifecycleV1): OrderToReserve | null {
  const goods = order.lines.filter((l) => (l.kind ?? 'goods') === 'goods');
  if (!goods.length) return null;
  return {
    orderId: order.orderId, reservationId: randomUUID(), subscriptionId: order.subscriptionId, customerId: order.customerId, shipTo: order.shipTo ?? null,
    lines: goods.map((l) => ({ sku: l.sku, quantity: l.quantity })),
  };
}

/**
 * Reserves stock (or rental units) for new orders, gives stock back for
 * cancelled ones, and keeps the holds placed and cleared on known orders (one
 * listener, so one order's events apply in order). Each event's effect commits
 * with its processed_event mark; the unique order id on reservations and
 * backorders also stops a second created event with a new id from reserving
 * twice, and the hold id a hold from being placed twice.
 */
@Injectable()
export class OrderEventsConsumer {
  private readonly logger = new Logger(OrderEventsConsumer.name);

  constructor(
    private readonly writer: ReservationWriter,
    private readonly cancellation: OrderCancellation,
    private readonly backorders: BackorderRetryService,
    private readonly rentals: RentalHoldsWriter,
    private readonly holds: OrderHoldsRecorder,
  ) {}

  @IdempotentListener(Topics.order, 'fulfillment.order-events', {
    types: [EventTypes.orderCreated, EventTypes.orderCancelled, ...HOLD_TYPES], affects: changesFulfillment,
  })
  async reserveOrRelease(tx: Prisma.TransactionClient, envelope: EventEnvelope, context: EffectContext): Promise<void> {
    if (isEventOfType(envelope, EventTypes.orderCreated)) await this.reserve(tx, envelope);
    else if (isEventOfType(envelope, EventTypes.orderCancelled)) await this.release(tx, envelope, context);
    await this.holds.apply(tx, envelope as EventEnvelope<OrderLifecycleV1>);
  }

  /** {@link reserveOrRelease} for a batch of events whose effect is all SQL (see appliesOnPg), on pg. */
  @IdempotentListenerOnPg('reserveOrRelease', appliesOnPg)
  async reserveGoodsOnPg(tx: SqlClient, envelope: EventEnvelope): Promise<void> {
    if (isEventOfType(envelope, EventTypes.orderCreated)) await this.reserveGoods(tx, envelope, false);
  }

  /**
   * {@link reserveGoodsOnPg} for a whole batch: every created order's stock read and locked in one statement, the
   * reservations written in another (the stock row of a SKU every order takes is locked once per batch, not once per
   * order), each order seeing the stock the orders before it left.
   */
  @IdempotentBatchEffect('reserveGoodsOnPg')
  async reserveAllGoodsOnPg(tx: SqlClient, events: readonly BatchEvent[]): Promise<void> {
    const requests = events.flatMap(({ envelope }) => {
      const order = isEventOfType(envelope, EventTypes.orderCreated) ? goodsToReserve(envelope.data) : null;
      return order ? [{ order, cause: { envelope } }] : [];
    });
    if (requests.length) await this.writer.reserveOrBackorderNew(tx, requests);
  }

  /** Goods lines are reserved short-term; rental lines hold units long-term; rental fees ask nothing of fulfillment. */
  private async reserve(tx: Prisma.TransactionClient, envelope: EventEnvelope<OrderLifecycleV1>): Promise<void> {
    const order = envelope.data;
    const rentals = order.lines.filter((l) => l.kind === 'rental');
    if (rentals.length) {
      if (await orderIsKnown(tx, order.orderId)) return;
      await this.rentals.hold(tx, {
        orderId: order.orderId, subscriptionId: order.subscriptionId, customerId: order.customerId, deliveryStatus: 'created', shipTo: order.shipTo ?? null,
        lines: rentals.map((l) => ({ orderLineId: l.lineId, lineId: l.subscriptionLineId, productId: l.productId, sku: l.sku, quantity: l.quantity })),
      }, { envelope });
    }
    await this.reserveGoods(tx, envelope, rentals.length > 0);
  }

  /** The goods lines, short-term, all SQL; `known` says the order's rental lines were just held (it is known). */
  private async reserveGoods(tx: SqlClient, envelope: EventEnvelope<OrderLifecycleV1>, known: boolean): Promise<void> {
    const request = goodsToReserve(envelope.data);
    if (!request) return;
    // Goods only (every cycle of the pipeline): "is it known" is asked by the statement that locks the stock.
    if (!known) {
      await this.writer.reserveOrBackorderNew(tx, [{ order: request, cause: { envelope } }]);
      return;
    }
    const allocation = await this.writer.reserve(tx, request, { envelope });
    if (!allocation.ok) await this.writer.backorder(tx, request, allocation, { envelope });
  }

  private async release(tx: Prisma.TransactionClient, envelope: EventEnvelope<OrderLifecycleV1>, context: EffectContext): Promise<void> {
    const skus = await this.cancellation.cancel(tx, envelope.data.orderId, { envelope });
    // Released stock may complete older backorders; after the commit, as for stock receipts.
    // The event is already marked processed then, so a failure is only logged (the periodic sweep retries).
    if (skus.length) {
      context.afterCommit(async () => {
        await this.backorders.retryForSkus(skus).catch((error: unknown) =>
          this.logger.error(`backorder retry after cancelling ${envelope.data.orderId} failed (the sweep will retry): ${String(error)}`));
      });
    }
  }
}
