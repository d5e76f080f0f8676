import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ShipToV1 } from '@oms/contracts';
import { appendToOutbox, type SqlClient } from '@oms/outbox';
import { CLOCK, type Clock } from '@oms/service-runtime';
import { reservationMessage, type EventCause } from '../events/fulfillment.events';
import { lockStock, type StockLevel } from '../stock/stock.sql';
import { insertBackorder, insertReservation, lockStockUnlessKnown } from './reservation-rows.sql';
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

/**
 * The all-or-nothing reservation of one order, inside the caller's
 * transaction: lock the SKUs' stock rows (sorted), allocate, and only if every
 * line fits raise `reserved`, write the reservation, one release per
 * warehouse (its pick list) and the reserved event: a statement to read, one
 * to write (reservation-rows.sql.ts) and the outbox row.
 */
@Injectable()
export class ReservationWriter {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  /** Reserves `order` (the backorder retry: the order is known, its backorder row locked by the caller). */
  async reserve(tx: SqlClient, order: OrderToReserve, cause: EventCause): Promise<Allocation> {
    return this.place(tx, order, await lockStock(tx, order.lines.map((l) => l.sku)), cause);
  }

  /**
   * Reserves a new order unless fulfillment already knows it (a reservation, a
   * backorder or a rental hold: a second created event); null then, and nothing is locked.
   */
  async reserveNew(tx: SqlClient, order: OrderToReserve, cause: EventCause): Promise<Allocation | null> {
    const stock = await lockStockUnlessKnown(tx, order.orderId, order.lines.map((l) => l.sku));
    return stock && this.place(tx, order, stock, cause);
  }

  private async place(tx: SqlClient, order: OrderToReserve, stock: StockLevel[], cause: EventCause): Promise<Allocation> {
    const allocation = allocate(order.lines, stock);
    if (!allocation.ok) return allocation;
    const { picks } = allocation;
    const releases = [...byWarehouse(picks)].map(([warehouseId, lines]) => ({
      id: randomUUID(), warehouseId, status: 'open', lines: lines.map((p) => ({ lineNo: p.lineNo, sku: p.sku, quantity: p.quantity })),
    }));
    await insertReservation(tx, {
      id: order.reservationId, orderId: order.orderId, subscriptionId: order.subscriptionId ?? null, customerId: order.customerId ?? null, kind: SHORT_TERM, status: 'active',
      shipTo: order.shipTo ?? null, at: this.clock.now(), lines: picks.map((p) => ({ lineNo: p.lineNo, sku: p.sku, quantity: p.quantity, warehouseId: p.warehouseId })),
    }, releases);
    await appendToOutbox(tx, reservationMessage(cause, {
      reservationId: order.reservationId, orderId: order.orderId, outcome: 'reserved', kind: SHORT_TERM,
      lines: picks.map((p) => ({ sku: p.sku, quantity: p.quantity, warehouseId: p.warehouseId })),
      ...(order.subscriptionId && { subscriptionId: order.subscriptionId }),
      ...(order.shipTo && { shipTo: order.shipTo }),
    }));
    return allocation;
  }

  /** Keeps an order that could not be reserved as a pending backorder and publishes the shortage. */
  async backorder(tx: SqlClient, order: OrderToReserve, shortage: Extract<Allocation, { ok: false }>, cause: EventCause): Promise<void> {
    await insertBackorder(tx, {
      orderId: order.orderId, reservationId: order.reservationId, subscriptionId: order.subscriptionId ?? null, customerId: order.customerId ?? null, status: 'pending',
      shipTo: order.shipTo ?? null, correlationId: (cause.envelope ? cause.envelope.correlationid : cause.correlationId) ?? null, at: this.clock.now(),
      lines: order.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
    });
    await appendToOutbox(tx, reservationMessage(cause, {
      reservationId: order.reservationId, orderId: order.orderId, outcome: 'shortage', kind: SHORT_TERM, lines: shortage.lines,
      ...(order.subscriptionId && { subscriptionId: order.subscriptionId }),
    }));
  }
}

function byWarehouse(picks: Pick[]): Map<string, Pick[]> {
  const groups = new Map<string, Pick[]>();
  for (const pick of picks) groups.set(pick.warehouseId, [...(groups.get(pick.warehouseId) ?? []), pick]);
  return groups;
}
