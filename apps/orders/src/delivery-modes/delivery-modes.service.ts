import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@oms/auth';
import { CLOCK, fieldConflict, fieldRejected, isUniqueViolation, notFound, type Clock } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import type { DeliveryMode, Prisma } from '../generated/prisma/client';
import type { CreateDeliveryModeRequest, UpdateDeliveryModeRequest } from './delivery-mode.requests';

/** Every order without a delivery mode gets this one (seeded by the migration; cannot be deactivated). */
export const DEFAULT_DELIVERY_MODE = 'standard';

const MINUTE_MS = 60_000;

export function toDeliveryModeResponse(mode: DeliveryMode) {
  return {
    code: mode.code, name: mode.name, promisedShipMinutes: mode.promisedShipMinutes, active: mode.active,
    createdAt: mode.createdAt.toISOString(), updatedAt: mode.updatedAt.toISOString(),
  };
}

type DeliveryModeResponse = ReturnType<typeof toDeliveryModeResponse>;

/** The delivery modes over HTTP (admin writes), each create and change kept with its actor. */
@Injectable()
export class DeliveryModesService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(): Promise<{ items: DeliveryModeResponse[] }> {
    const modes = await this.prisma.deliveryMode.findMany({ orderBy: [{ promisedShipMinutes: 'asc' }, { code: 'asc' }] });
    return { items: modes.map(toDeliveryModeResponse) };
  }

  async create(request: CreateDeliveryModeRequest, actor: Actor): Promise<DeliveryModeResponse> {
    const at = this.clock.now();
    try {
      return await this.prisma.$transaction(async (tx) => {
        const mode = await tx.deliveryMode.create({ data: { ...request, active: true, createdAt: at, updatedAt: at } });
        await recordChange(tx, null, mode, actor, at);
        return toDeliveryModeResponse(mode);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw fieldConflict('code', `delivery mode ${request.code} exists already`);
      throw error;
    }
  }

  async update(code: string, change: UpdateDeliveryModeRequest, actor: Actor): Promise<DeliveryModeResponse> {
    if (code === DEFAULT_DELIVERY_MODE && change.active === false) throw fieldConflict('active', `${DEFAULT_DELIVERY_MODE} is every order's default and stays active`);
    const at = this.clock.now();
    return this.prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ code: string }[]>`SELECT code FROM delivery_mode WHERE code = ${code} FOR UPDATE`;
      if (rows.length === 0) throw notFound('delivery mode', code);
      const before = await tx.deliveryMode.findUniqueOrThrow({ where: { code } });
      const after = await tx.deliveryMode.update({ where: { code }, data: { ...change, updatedAt: at } });
      await recordChange(tx, before, after, actor, at);
      return toDeliveryModeResponse(after);
    });
  }

  /** 422 naming `deliveryMode` when a request names a mode that is unknown or inactive. */
  async requireActive(tx: Prisma.TransactionClient, code: string): Promise<void> {
    const mode = await tx.deliveryMode.findUnique({ where: { code } });
    if (!mode || !mode.active) throw fieldRejected('deliveryMode', `delivery mode ${code} ${mode ? 'is not active' : 'does not exist'}`);
  }

  /** An order's promised ship time: its creation plus its mode's minutes; null when nothing on the order ships (or the mode is unknown). */
  async promisedShipBy(tx: Prisma.TransactionClient, code: string, createdAt: Date, ships: boolean): Promise<Date | null> {
    if (!ships) return null;
    const mode = await tx.deliveryMode.findUnique({ where: { code } });
    return promisedShipTime(mode?.promisedShipMinutes ?? null, createdAt, ships);
  }
}

/** {@link DeliveryModesService.promisedShipBy} from the mode's minutes already read (null: the mode is unknown). */
export function promisedShipTime(promisedShipMinutes: number | null, createdAt: Date, ships: boolean): Date | null {
  return ships && promisedShipMinutes !== null ? new Date(createdAt.getTime() + promisedShipMinutes * MINUTE_MS) : null;
}

async function recordChange(tx: Prisma.TransactionClient, before: DeliveryMode | null, after: DeliveryMode, actor: Actor, at: Date): Promise<void> {
  const snapshot = (m: DeliveryMode) => ({ name: m.name, promisedShipMinutes: m.promisedShipMinutes, active: m.active });
  await tx.deliveryModeChange.create({
    data: { code: after.code, ...(before && { before: snapshot(before) }), after: snapshot(after), actorSub: actor.sub, actorRole: actor.role, at },
  });
}
