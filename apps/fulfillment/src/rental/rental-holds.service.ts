import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@oms/auth';
import { CLOCK, type Clock, type Page } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import type { Prisma, RentalHold } from '../generated/prisma/client';
import type { ListRentalHoldsQuery } from './dto/list-rental-holds.query';
import { publishAvailability } from './rental-availability';
import { RentalConflictError, RentalNotFoundError } from './rental.errors';
import { lockUnit } from './rental-units.service';
import { recordUnitChange } from './rental-unit-change';

/** Statuses of a delivery whose unit has not left yet: the only time its unit may be changed. */
const NOT_SENT = ['created', 'swap-out-request', 'swap-out-ready'];

/** Long-term reservations: listing, and a store manager's manual allocation of a specific unit. */
@Injectable()
export class RentalHoldsService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(query: ListRentalHoldsQuery): Promise<Page<ReturnType<typeof toHoldResponse>>> {
    const where: Prisma.RentalHoldWhereInput = {
      ...(query.orderId && { orderId: query.orderId }), ...(query.subscriptionId && { subscriptionId: query.subscriptionId }),
      ...(query.status && { status: query.status }),
    };
    const [items, total] = await Promise.all([
      this.prisma.rentalHold.findMany({ where, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: query.limit, skip: query.offset }),
      this.prisma.rentalHold.count({ where }),
    ]);
    const units = await this.prisma.rentalUnit.findMany({ where: { id: { in: items.map((h) => h.unitId) } } });
    const deliveries = await this.prisma.shipment.findMany({ where: { reservationId: { in: items.map((h) => h.id) } } });
    return {
      items: items.map((h) => toHoldResponse(h, units.find((u) => u.id === h.unitId)?.serial ?? null, deliveries.find((d) => d.reservationId === h.id))),
      total, limit: query.limit, offset: query.offset,
    };
  }

  /** Moves an active hold to the unit with this serial (same SKU, available); the old unit becomes available. */
  async reallocate(holdId: string, serial: string, actor: Actor, correlationId?: string): Promise<ReturnType<typeof toHoldResponse>> {
    return this.prisma.$transaction(async (tx) => {
      const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM rental_hold WHERE id = ${holdId}::uuid FOR UPDATE`;
      if (!locked) throw new RentalNotFoundError('rental hold', holdId);
      const hold = await tx.rentalHold.findUniqueOrThrow({ where: { id: holdId } });
      const delivery = await tx.shipment.findUnique({ where: { reservationId: holdId } });
      if (hold.status !== 'active' || !delivery || !NOT_SENT.includes(delivery.status)) {
        throw new RentalConflictError('holdId', `the unit of hold ${holdId} can no longer change (its delivery is ${delivery?.status ?? hold.status}; allowed while ${NOT_SENT.join(', ')})`);
      }
      const target = await tx.rentalUnit.findUnique({ where: { serial } });
      if (!target) throw new RentalNotFoundError('rental unit', serial);
      if (target.id === hold.unitId) return toHoldResponse(hold, serial, delivery);
      const unit = await lockUnit(tx, target.id);
      if (unit.sku !== hold.sku) throw new RentalConflictError('serial', `unit ${serial} is a ${unit.sku}; the hold is for ${hold.sku}`);
      if (unit.state !== 'available') throw new RentalConflictError('serial', `unit ${serial} is ${unit.state}, not available`);
      const now = this.clock.now();
      await tx.rentalUnit.update({ where: { id: hold.unitId }, data: { state: 'available', updatedAt: now } });
      await tx.rentalUnit.update({ where: { id: unit.id }, data: { state: 'reserved', updatedAt: now } });
      const moved = await tx.rentalHold.update({ where: { id: holdId }, data: { unitId: unit.id } });
      await recordUnitChange(tx, { unitId: hold.unitId, action: 'reallocated-from', holdId, actor, at: now });
      await recordUnitChange(tx, { unitId: unit.id, action: 'reallocated-to', holdId, actor, at: now });
      await publishAvailability(tx, [hold.sku], { correlationId, actor });
      return toHoldResponse(moved, serial, delivery);
    });
  }
}

export function toHoldResponse(hold: RentalHold, serial: string | null, delivery?: { id: string; status: string } | null) {
  return {
    holdId: hold.id, orderId: hold.orderId, orderLineId: hold.orderLineId, subscriptionId: hold.subscriptionId, lineId: hold.lineId,
    productId: hold.productId, sku: hold.sku, unitId: hold.unitId, serial, status: hold.status,
    deliveryId: delivery?.id ?? null, deliveryStatus: delivery?.status ?? null,
    createdAt: hold.createdAt.toISOString(), closedAt: hold.closedAt?.toISOString() ?? null,
  };
}
