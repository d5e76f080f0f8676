import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { systemActor } from '@oms/auth';
import type { ReservationLineV1, ShipToV1 } from '@oms/contracts';
import { appendToOutbox } from '@oms/outbox';
import { CLOCK, type Clock } from '@oms/service-runtime';
import { reservationMessage, type EventCause } from '../events/fulfillment.events';
import type { Prisma, RentalHold } from '../generated/prisma/client';
import { recordStatusChange } from '../shipments/shipment-status.recorder';
import { publishAvailability } from './rental-availability';

export const LONG_TERM = 'long-term';

/** A rented line: one unit per quantity is held. */
export interface RentalLine {
  orderLineId: string;
  /** The subscription line, stable across cycles and swaps. */
  lineId?: string | null;
  productId: string;
  sku: string;
  quantity: number;
}

export interface RentalRequest {
  orderId: string;
  subscriptionId?: string | null;
  /** The customer the units go to; their deliveries carry it. */
  customerId?: string | null;
  lines: RentalLine[];
  /** `created` for a new rental order; `swap-out-request` for a swap's new delivery. */
  deliveryStatus: 'created' | 'swap-out-request';
  /** Where the units are delivered: the order's address, or the subscription's for a swap. */
  shipTo?: ShipToV1 | null;
}

export type HoldOutcome = { ok: true; holds: RentalHold[] } | { ok: false; lines: ReservationLineV1[] };

/**
 * The long-term reservation of rental units, all or nothing, inside the
 * caller's transaction: free units are taken (the lowest warehouse code and
 * serial first; SKIP LOCKED so concurrent orders take different units), each
 * gets a hold and a delivery, and the reserved event goes out. When a SKU has
 * too few free units nothing is held and the outcome names the shortage.
 */
@Injectable()
export class RentalHoldsWriter {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  async hold(tx: Prisma.TransactionClient, request: RentalRequest, cause: EventCause): Promise<HoldOutcome> {
    const picked = new Map<string, { id: string; warehouseId: string }[]>();
    const shortages: ReservationLineV1[] = [];
    for (const [sku, needed] of quantities(request.lines)) {
      const units = await tx.$queryRaw<{ id: string; warehouseId: string }[]>`
        SELECT u.id, u.warehouse_id AS "warehouseId" FROM rental_unit u JOIN warehouse w ON w.id = u.warehouse_id
        WHERE u.sku = ${sku} AND u.state = 'available' ORDER BY w.code, u.serial LIMIT ${needed} FOR UPDATE OF u SKIP LOCKED`;
      picked.set(sku, units);
      if (units.length < needed) shortages.push({ sku, quantity: needed, shortBy: needed - units.length });
    }
    if (shortages.length) {
      await appendToOutbox(tx, reservationMessage(cause, {
        reservationId: randomUUID(), orderId: request.orderId, outcome: 'shortage', kind: LONG_TERM, lines: shortages,
        ...(request.subscriptionId && { subscriptionId: request.subscriptionId }),
      }));
      return { ok: false, lines: shortages };
    }
    const holds: RentalHold[] = [];
    for (const line of request.lines) {
      for (let i = 0; i < line.quantity; i++) holds.push(await this.holdOne(tx, request, line, picked.get(line.sku)!.shift()!.id, cause));
    }
    const units = await tx.rentalUnit.findMany({ where: { id: { in: holds.map((h) => h.unitId) } } });
    await appendToOutbox(tx, reservationMessage(cause, {
      reservationId: holds[0]!.id, orderId: request.orderId, outcome: 'reserved', kind: LONG_TERM,
      lines: units.map((u) => ({ sku: u.sku, quantity: 1, warehouseId: u.warehouseId })),
      ...(request.subscriptionId && { subscriptionId: request.subscriptionId }),
      ...(request.shipTo && { shipTo: request.shipTo }),
    }));
    await publishAvailability(tx, request.lines.map((l) => l.sku), cause);
    return { ok: true, holds };
  }

  private async holdOne(tx: Prisma.TransactionClient, request: RentalRequest, line: RentalLine, unitId: string, cause: EventCause): Promise<RentalHold> {
    const now = this.clock.now();
    await tx.rentalUnit.update({ where: { id: unitId }, data: { state: 'reserved', updatedAt: now } });
    const hold = await tx.rentalHold.create({
      data: {
        id: randomUUID(), orderId: request.orderId, orderLineId: line.orderLineId, subscriptionId: request.subscriptionId ?? null,
        lineId: line.lineId ?? null, productId: line.productId, sku: line.sku, unitId, status: 'active', createdAt: now,
      },
    });
    const delivery = await tx.shipment.create({
      data: {
        id: randomUUID(), orderId: request.orderId, reservationId: hold.id, kind: 'rental', subscriptionId: request.subscriptionId ?? null, customerId: request.customerId ?? null,
        status: request.deliveryStatus, shipTo: request.shipTo ? { ...request.shipTo } : undefined, shippedAt: null, createdAt: now, updatedAt: now,
      },
    });
    await recordStatusChange(tx, delivery, { from: null, actor: systemActor('fulfillment'), occurredAt: now }, cause);
    return hold;
  }
}

function quantities(lines: RentalLine[]): Map<string, number> {
  const needed = new Map<string, number>();
  for (const line of lines) needed.set(line.sku, (needed.get(line.sku) ?? 0) + line.quantity);
  return needed;
}
