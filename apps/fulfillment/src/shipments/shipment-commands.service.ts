import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { appendToOutbox } from '@oms/outbox';
import { CLOCK, fieldConflict, isUniqueViolation, notFound, type Clock } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import { shipmentMessage } from '../events/fulfillment.events';
import type { Prisma, ReservationLine } from '../generated/prisma/client';
import { changeStock, lockStock } from '../stock/stock.sql';
import type { CreateShipmentRequest } from './dto/create-shipment.request';
import type { UpdateShipmentRequest } from './dto/update-shipment.request';
import { canMove } from './shipment-status.rules';
import { toShipmentStatus, type ShipmentWithLines } from './shipment.mapper';

const TX = { timeout: 15000, maxWait: 5000 };

/**
 * Shipping takes the goods of an active reservation out of the warehouses:
 * on hand and reserved both drop by each line's quantity, the reservation and
 * its releases become shipped, and the status event goes out with it. Later
 * status changes follow shipment-status.rules.
 */
@Injectable()
export class ShipmentCommandsService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(request: CreateShipmentRequest, correlationId?: string): Promise<ShipmentWithLines> {
    try {
      return await this.prisma.$transaction((tx) => this.ship(tx, request, correlationId), TX);
    } catch (error) {
      // Two requests for one order at once: the reservation's unique shipment refuses the second.
      if (isUniqueViolation(error)) throw fieldConflict('orderId', `order ${request.orderId} has already shipped`);
      throw error;
    }
  }

  async changeStatus(id: string, request: UpdateShipmentRequest, correlationId?: string): Promise<ShipmentWithLines> {
    return this.prisma.$transaction(async (tx) => {
      const [locked] = await tx.$queryRaw<{ status: string; reservationId: string }[]>`
        SELECT status, reservation_id AS "reservationId" FROM shipment WHERE id = ${id}::uuid FOR UPDATE`;
      if (!locked) throw notFound('shipment', id);
      const lines = await tx.reservationLine.findMany({ where: { reservationId: locked.reservationId }, orderBy: { lineNo: 'asc' } });
      // A repeated status (a client retrying) answers with the shipment and publishes nothing new.
      if (locked.status === request.status) return { ...(await tx.shipment.findUniqueOrThrow({ where: { id } })), lines };
      if (!canMove(locked.status, request.status)) throw fieldConflict('status', `a ${locked.status} shipment cannot become ${request.status}`);
      const occurredAt = request.occurredAt ? new Date(request.occurredAt) : this.clock.now();
      const shipment = await tx.shipment.update({
        where: { id },
        data: { status: request.status, updatedAt: this.clock.now(), ...(request.status === 'delivered' && { deliveredAt: occurredAt }) },
      });
      await appendToOutbox(tx, shipmentMessage({ correlationId }, toShipmentStatus(shipment, occurredAt)));
      return { ...shipment, lines };
    }, TX);
  }

  private async ship(tx: Prisma.TransactionClient, request: CreateShipmentRequest, correlationId?: string): Promise<ShipmentWithLines> {
    const { orderId } = request;
    const [reservation] = await tx.$queryRaw<{ id: string; status: string }[]>`SELECT id, status FROM reservation WHERE order_id = ${orderId} FOR UPDATE`;
    if (!reservation) throw await this.nothingReserved(tx, orderId);
    if (reservation.status === 'shipped') throw fieldConflict('orderId', `order ${orderId} has already shipped`);
    if (reservation.status !== 'active') throw fieldConflict('orderId', `the reservation of order ${orderId} was ${reservation.status}; nothing to ship`);
    const lines = await tx.reservationLine.findMany({ where: { reservationId: reservation.id }, orderBy: { lineNo: 'asc' } });
    await lockStock(tx, lines.map((l) => l.sku));
    const shipmentId = randomUUID();
    await this.takeOut(tx, lines, shipmentId, correlationId);
    const now = this.clock.now();
    await tx.reservation.update({ where: { id: reservation.id }, data: { status: 'shipped', updatedAt: now } });
    await tx.release.updateMany({ where: { reservationId: reservation.id, status: 'open' }, data: { status: 'shipped' } });
    const shipment = await tx.shipment.create({
      data: {
        id: shipmentId, orderId, reservationId: reservation.id, status: 'shipped', carrier: request.carrier ?? null,
        trackingNumber: request.trackingNumber ?? null, shippedAt: now, createdAt: now, updatedAt: now,
      },
    });
    await appendToOutbox(tx, shipmentMessage({ correlationId }, toShipmentStatus(shipment, now)));
    return { ...shipment, lines };
  }

  /** 409 for an order fulfillment knows but has not reserved (backordered), 404 for an order it has never seen. */
  private async nothingReserved(tx: Prisma.TransactionClient, orderId: string): Promise<Error> {
    const backorder = await tx.backorder.findUnique({ where: { orderId }, select: { status: true } });
    if (backorder) return fieldConflict('orderId', `order ${orderId} is backordered (${backorder.status}); nothing is reserved to ship`);
    return notFound('order', orderId);
  }

  /** The goods leave: on hand and reserved both drop, and each stock row records the movement. */
  private async takeOut(tx: Prisma.TransactionClient, lines: ReservationLine[], shipmentId: string, correlationId?: string): Promise<void> {
    const after = await changeStock(tx, lines.map((l) => ({ warehouseId: l.warehouseId, sku: l.sku, onHand: -l.quantity, reserved: -l.quantity })));
    await tx.stockMovement.createMany({
      data: after.map((row) => ({
        warehouseId: row.warehouseId, sku: row.sku, kind: 'shipment', reference: shipmentId, correlationId: correlationId ?? null, onHandAfter: row.onHand,
        delta: -lines.filter((l) => l.warehouseId === row.warehouseId && l.sku === row.sku).reduce((sum, l) => sum + l.quantity, 0),
      })),
    });
  }
}
