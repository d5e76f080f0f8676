import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ShipToV1 } from '@oms/contracts';
import { appendManyToOutbox, appendToOutbox, type OutboxMessage, type SqlClient } from '@oms/outbox';
import { CLOCK, type Clock } from '@oms/service-runtime';
import { reservationMessage, type EventCause } from '../events/fulfillment.events';
import { lockStock } from '../stock/stock.sql';
import { insertBackorders, insertReservations, lockStockForNewOrders, type NewBackorder, type NewPlacement } from './reservation-rows.sql';
import { allocate, type Allocation, type LineRequest, type Pick } from './allocation';

export const SHORT_TERM = 'short-term';

export interface OrderToReserve {
  orderId: string;
  /** Fixed before the first attempt, so a backorder's shortage and later reserved events share it. */
  reservationId: string;
  subscriptionId?: string | null;
  /** The order's delivery address; the releases and the shipment go there. */
  shipTo?: ShipToV1 | null;
  /** The order's customer; its shipment carries it. */
  customerId?: string | null;
  lines: LineRequest[];
}

/** A new order to reserve and the event that asked for it. */
export interface NewOrderRequest {
  order: OrderToReserve;
  cause: EventCause;
}

/**
 * The all-or-nothing reservation of orders, inside the caller's transaction:
 * lock the SKUs' stock rows (sorted), allocate, and only if every line of an
 * order fits raise `reserved`, write its reservation, one release per
 * warehouse (its pick list) and the reserved event. A batch of new orders
 * takes a statement to read, one to write (reservation-rows.sql.ts) and the
 * outbox rows, however many orders it holds.
 */
@Injectable()
export class ReservationWriter {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  /** Reserves an order fulfillment knows: the backorder retry (its backorder row locked by the caller), or a rental order's goods lines. */
  async reserve(tx: SqlClient, order: OrderToReserve, cause: EventCause): Promise<Allocation> {
    const allocation = allocate(order.lines, await lockStock(tx, order.lines.map((l) => l.sku)));
    if (!allocation.ok) return allocation;
    await insertReservations(tx, [this.placement(order, allocation.picks)]);
    await appendToOutbox(tx, reservedMessage(order, allocation.picks, cause));
    return allocation;
  }

  /**
   * Reserves new orders in the order given, each all or nothing, and keeps each one that does not fit as a pending
   * backorder (its shortage published). An order fulfillment already knows (a reservation, a backorder or a rental
   * hold: a second created event, also one earlier in the same batch) gets null, and nothing is written for it.
   * Every order sees the stock the orders before it left, as it would one by one.
   */
  async reserveOrBackorderNew(tx: SqlClient, requests: readonly NewOrderRequest[]): Promise<Array<Allocation | null>> {
    const { known, stock } = await lockStockForNewOrders(tx, requests.map(({ order }) => ({ orderId: order.orderId, skus: order.lines.map((l) => l.sku) })));
    // The locked rows as this batch leaves them: each order allocates from what the orders before it left.
    const levels = new Map(stock.map((level) => [rowKey(level.warehouseId, level.sku), { ...level }]));
    const placements: NewPlacement[] = [];
    const backorders: NewBackorder[] = [];
    const messages: OutboxMessage[] = [];
    const allocations = requests.map(({ order, cause }) => {
      if (known.has(order.orderId)) return null;
      known.add(order.orderId);
      const skus = new Set(order.lines.map((l) => l.sku));
      const allocation = allocate(order.lines, [...levels.values()].filter((level) => skus.has(level.sku)));
      if (allocation.ok) {
        for (const pick of allocation.picks) levels.get(rowKey(pick.warehouseId, pick.sku))!.reserved += pick.quantity;
        placements.push(this.placement(order, allocation.picks));
        messages.push(reservedMessage(order, allocation.picks, cause));
      } else {
        backorders.push(this.backorderRow(order, cause));
        messages.push(shortageMessage(order, allocation, cause));
      }
      return allocation;
    });
    await insertReservations(tx, placements);
    await insertBackorders(tx, backorders);
    await appendManyToOutbox(tx, messages);
    return allocations;
  }

  /** Keeps a known order that could not be reserved as a pending backorder and publishes the shortage. */
  async backorder(tx: SqlClient, order: OrderToReserve, shortage: Shortage, cause: EventCause): Promise<void> {
    await insertBackorders(tx, [this.backorderRow(order, cause)]);
    await appendToOutbox(tx, shortageMessage(order, shortage, cause));
  }

  private placement(order: OrderToReserve, picks: Pick[]): NewPlacement {
    const releases = [...byWarehouse(picks)].map(([warehouseId, lines]) => ({
      id: randomUUID(), warehouseId, status: 'open', lines: lines.map((p) => ({ lineNo: p.lineNo, sku: p.sku, quantity: p.quantity })),
    }));
    const reservation = {
      id: order.reservationId, orderId: order.orderId, subscriptionId: order.subscriptionId ?? null, customerId: order.customerId ?? null, kind: SHORT_TERM, status: 'active',
      shipTo: order.shipTo ?? null, at: this.clock.now(), lines: picks.map((p) => ({ lineNo: p.lineNo, sku: p.sku, quantity: p.quantity, warehouseId: p.warehouseId })),
    };
    return { reservation, releases };
  }

  private backorderRow(order: OrderToReserve, cause: EventCause): NewBackorder {
    return {
      orderId: order.orderId, reservationId: order.reservationId, subscriptionId: order.subscriptionId ?? null, customerId: order.customerId ?? null, status: 'pending',
      shipTo: order.shipTo ?? null, correlationId: (cause.envelope ? cause.envelope.correlationid : cause.correlationId) ?? null, at: this.clock.now(),
      lines: order.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
    };
  }
}

type Shortage = Extract<Allocation, { ok: false }>;

function reservedMessage(order: OrderToReserve, picks: Pick[], cause: EventCause): OutboxMessage {
  return reservationMessage(cause, {
    reservationId: order.reservationId, orderId: order.orderId, outcome: 'reserved', kind: SHORT_TERM,
    lines: picks.map((p) => ({ sku: p.sku, quantity: p.quantity, warehouseId: p.warehouseId })),
    ...(order.subscriptionId && { subscriptionId: order.subscriptionId }),
    ...(order.shipTo && { shipTo: order.shipTo }),
  });
}

function shortageMessage(order: OrderToReserve, shortage: Shortage, cause: EventCause): OutboxMessage {
  return reservationMessage(cause, {
    reservationId: order.reservationId, orderId: order.orderId, outcome: 'shortage', kind: SHORT_TERM, lines: shortage.lines,
    ...(order.subscriptionId && { subscriptionId: order.subscriptionId }),
  });
}

function rowKey(warehouseId: string, sku: string): string {
  return `${warehouseId}|${sku}`;
}

function byWarehouse(picks: Pick[]): Map<string, Pick[]> {
  const groups = new Map<string, Pick[]>();
  for (const pick of picks) groups.set(pick.warehouseId, [...(groups.get(pick.warehouseId) ?? []), pick]);
  return groups;
}
