import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@oms/auth';
import { CLOCK, fieldConflict, isUniqueViolation, notFound, type Clock } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import type { Prisma, ReservationLine } from '../generated/prisma/client';
import { refuseWhileOnHold } from '../order-holds/open-order-holds';
import { changeStock, lockStock } from '../stock/stock.sql';
import type { CreateShipmentRequest } from './dto/create-shipment.request';
import type { UpdateShipmentRequest } from './dto/update-shipment.request';
import { DeliveryStatusMover } from './delivery-status.mover';
import { recordStatusChange } from './shipment-status.recorder';
import { withLines, type ShipmentWithLines } from './shipment.mapper';

const TX = { timeout: 15000, maxWait: 5000 };

/**
 * Shipping takes the goods of an active reservation of an order with no open
 * hold out of the warehouses:
 * on hand and reserved both drop by each line's quantity, the reservation and
 * its releases become shipped, and the status event goes out with it. Later
 * status changes go through the DeliveryStatusMover.
 */
@Injectable()
export class ShipmentCommandsService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly mover: DeliveryStatusMover,
  ) {}

  async create(request: CreateShipmentRequest, actor: Actor, correlationId?: string): Promise<ShipmentWithLines> {
    try {
      return await this.prisma.$transaction((tx) => this.ship(tx, request, actor, correlationId), TX);
    } catch (error) {
      // Two requests for one order at once: the reservation's unique shipment refuses the second.
      if (isUniqueViolation(error)) throw fieldConflict('orderId', `order ${request.orderId} has already shipped`);
      throw error;
    }
  }

  async changeStatus(id: string, request: UpdateShipmentRequest, actor: Actor, correlationId?: string): Promise<ShipmentWithLines> {
    return this.prisma.$transaction(async (tx) => {
      const { shipment } = await this.mover.move(tx, id, {
        status: request.status, actor, damaged: request.damaged, ...(request.occurredAt && { occurredAt: new Date(request.occurredAt) }),
      }, { correlationId, actor });
      return (await withLines(tx, [shipment]))[0]!;
    }, TX);
  }

  private async ship(tx: Prisma.TransactionClient, request: CreateShipmentRequest, actor: Actor, correlationId?: string): Promise<ShipmentWithLines> {
    const { orderId } = request;
    const [reservation] = await tx.$queryRaw<{ id: string; status: string; customerId: string | null; shipTo: Prisma.JsonValue }[]>`
      SELECT id, status, customer_id AS "customerId", ship_to AS "shipTo" FROM reservation WHERE order_id = ${orderId} FOR UPDATE`;
    if (!reservation) throw await this.nothingReserved(tx, orderId);
    if (reservation.status === 'shipped') throw fieldConflict('orderId', `order ${orderId} has already shipped`);
    if (reservation.status !== 'active') throw fieldConflict('orderId', `the reservation of order ${orderId} was ${reservation.status}; nothing to ship`);
    // A hold is not a cancellation: the stock stays reserved until the hold is cleared and the order ships.
    await refuseWhileOnHold(tx, orderId, 'cannot be shipped');
    const lines = await tx.reservationLine.findMany({ where: { reservationId: reservation.id }, orderBy: { lineNo: 'asc' } });
    await lockStock(tx, lines.map((l) => l.sku));
    const shipmentId = randomUUID();
    await this.takeOut(tx, lines, shipmentId, { correlationId, actor });
    const now = this.clock.now();
    await tx.reservation.update({ where: { id: reservation.id }, data: { status: 'shipped', updatedAt: now } });
    await tx.release.updateMany({ where: { reservationId: reservation.id, status: 'open' }, data: { status: 'shipped' } });
    const shipment = await tx.shipment.create({
      data: {
        id: shipmentId, orderId, reservationId: reservation.id, customerId: reservation.customerId, status: 'shipped', carrier: request.carrier ?? null,
        trackingNumber: request.trackingNumber ?? null, shipTo: reservation.shipTo ?? undefined, shippedAt: now, createdAt: now, updatedAt: now,
      },
    });
    await recordStatusChange(tx, shipment, { from: null, actor, occurredAt: now }, { correlationId, actor });
    return { ...shipment, lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity, warehouseId: l.warehouseId, unit: null })) };
  }

  /** 409 for an order fulfillment knows but has not reserved (backordered), 404 for an order it has never seen. */
  private async nothingReserved(tx: Prisma.TransactionClient, orderId: string): Promise<Error> {
    const backorder = await tx.backorder.findUnique({ where: { orderId }, select: { status: true } });
    if (backorder) return fieldConflict('orderId', `order ${orderId} is backordered (${backorder.status}); nothing is reserved to ship`);
    return notFound('order', orderId);
  }

  /** The goods leave: on hand and reserved both drop, and each stock row records the movement. */
  private async takeOut(tx: Prisma.TransactionClient, lines: ReservationLine[], shipmentId: string, by: { correlationId?: string; actor: Actor }): Promise<void> {
    const after = await changeStock(tx, lines.map((l) => ({ warehouseId: l.warehouseId, sku: l.sku, onHand: -l.quantity, reserved: -l.quantity })));
    await tx.stockMovement.createMany({
      data: after.map((row) => ({
        warehouseId: row.warehouseId, sku: row.sku, kind: 'shipment', reference: shipmentId, correlationId: by.correlationId ?? null, onHandAfter: row.onHand,
        actorSub: by.actor.sub, actorRole: by.actor.role,
        delta: -lines.filter((l) => l.warehouseId === row.warehouseId && l.sku === row.sku).reduce((sum, l) => sum + l.quantity, 0),
      })),
    });
  }
}
