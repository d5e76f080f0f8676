import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@oms/auth';
import { CLOCK, isUniqueViolation, type Clock, type Page } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import type { Prisma, RentalUnit } from '../generated/prisma/client';
import type { AddRentalUnitRequest } from './dto/add-rental-unit.request';
import type { ListRentalUnitsQuery } from './dto/list-rental-units.query';
import { publishAvailability } from './rental-availability';
import { RentalConflictError, RentalNotFoundError } from './rental.errors';
import { toRentalUnitResponse, type RentalUnitResponse } from './rental-unit.mapper';
import { RENTAL_UNIT_STATES, type RentalUnitState, type UnavailableReason } from './rental-unit.states';
import { recordUnitChange } from './rental-unit-change';

/** What ops may do to a unit by hand, and from which states. A unit a customer holds is moved by its delivery only. */
const OPS_MOVES: Record<'retire' | 'repair' | 'repaired', { from: readonly RentalUnitState[]; to: RentalUnitState; reason: UnavailableReason | null }> = {
  retire: { from: ['available', 'unavailable'], to: 'unavailable', reason: 'retired' },
  repair: { from: ['available', 'unavailable'], to: 'unavailable', reason: 'repair' },
  repaired: { from: ['unavailable'], to: 'available', reason: null },
};
export type OpsMove = keyof typeof OPS_MOVES;

/** Ops' side of rental units: add, list, count, retire, repair. */
@Injectable()
export class RentalUnitsService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async add(request: AddRentalUnitRequest, actor: Actor, correlationId?: string): Promise<RentalUnitResponse> {
    const warehouse = await this.prisma.warehouse.findUnique({ where: { code: request.warehouse } });
    if (!warehouse) throw new RentalNotFoundError('warehouse', request.warehouse);
    try {
      const unit = await this.prisma.$transaction(async (tx) => {
        const now = this.clock.now();
        const created = await tx.rentalUnit.create({
          data: { id: randomUUID(), serial: request.serial, sku: request.sku, warehouseId: warehouse.id, state: 'available', createdAt: now, updatedAt: now },
        });
        await recordUnitChange(tx, { unitId: created.id, action: 'added', actor, at: now });
        await publishAvailability(tx, [created.sku], { correlationId, actor });
        return created;
      });
      return toRentalUnitResponse(unit, new Map([[warehouse.id, warehouse.code]]));
    } catch (error) {
      if (isUniqueViolation(error)) throw new RentalConflictError('serial', `a rental unit with serial ${request.serial} already exists`);
      throw error;
    }
  }

  async move(id: string, move: OpsMove, actor: Actor, correlationId?: string): Promise<RentalUnitResponse> {
    const rule = OPS_MOVES[move];
    const unit = await this.prisma.$transaction(async (tx) => {
      const current = await lockUnit(tx, id);
      if (current.unavailableReason === 'retired') throw new RentalConflictError('unitId', `unit ${current.serial} is retired`);
      if (!rule.from.includes(current.state as RentalUnitState)) {
        throw new RentalConflictError('state', `unit ${current.serial} is ${current.state}; ${move} needs it ${rule.from.join(' or ')}`);
      }
      const at = this.clock.now();
      const updated = await tx.rentalUnit.update({ where: { id }, data: { state: rule.to, unavailableReason: rule.reason, updatedAt: at } });
      await recordUnitChange(tx, { unitId: id, action: move, actor, at });
      await publishAvailability(tx, [updated.sku], { correlationId, actor });
      return updated;
    });
    return toRentalUnitResponse(unit, await this.warehouseCodes());
  }

  async get(id: string): Promise<RentalUnitResponse> {
    const unit = await this.prisma.rentalUnit.findUnique({ where: { id } });
    if (!unit) throw new RentalNotFoundError('rental unit', id);
    return toRentalUnitResponse(unit, await this.warehouseCodes());
  }

  async list(query: ListRentalUnitsQuery): Promise<Page<RentalUnitResponse>> {
    const where: Prisma.RentalUnitWhereInput = { ...(query.sku && { sku: query.sku }), ...(query.state && { state: query.state }) };
    const [items, total, codes] = await Promise.all([
      this.prisma.rentalUnit.findMany({ where, orderBy: [{ sku: 'asc' }, { serial: 'asc' }], take: query.limit, skip: query.offset }),
      this.prisma.rentalUnit.count({ where }),
      this.warehouseCodes(),
    ]);
    return { items: items.map((u) => toRentalUnitResponse(u, codes)), total, limit: query.limit, offset: query.offset };
  }

  /** Units per state (every state listed, zeros included), for one SKU or all. */
  async summary(sku?: string): Promise<{ sku: string | null; total: number; states: Record<RentalUnitState, number> }> {
    const groups = await this.prisma.rentalUnit.groupBy({ by: ['state'], where: sku ? { sku } : {}, _count: { _all: true } });
    const states = Object.fromEntries(RENTAL_UNIT_STATES.map((s) => [s, 0])) as Record<RentalUnitState, number>;
    for (const group of groups) states[group.state as RentalUnitState] = group._count._all;
    return { sku: sku ?? null, total: Object.values(states).reduce((a, b) => a + b, 0), states };
  }

  private async warehouseCodes(): Promise<Map<string, string>> {
    const warehouses = await this.prisma.warehouse.findMany({ select: { id: true, code: true } });
    return new Map(warehouses.map((w) => [w.id, w.code]));
  }
}

export async function lockUnit(tx: Prisma.TransactionClient, id: string): Promise<RentalUnit> {
  const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM rental_unit WHERE id = ${id}::uuid FOR UPDATE`;
  if (!locked) throw new RentalNotFoundError('rental unit', id);
  return tx.rentalUnit.findUniqueOrThrow({ where: { id } });
}
