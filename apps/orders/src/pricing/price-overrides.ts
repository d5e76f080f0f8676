import type { Actor } from '@oms/auth';
import type { ChargeType, PriceOverrideKind, PriceOverrideUnit, PriceOverrideV1 } from '@oms/contracts';
import type { OrderPriceOverride, Prisma } from '../generated/prisma/client';
import type { PriceOverride } from './order-pricing.types';

/**
 * Keeps every override of a new order as a row naming who gave it, when, the
 * value before and after, and the reason, in the order's transaction; returns
 * them as the created event carries them.
 */
export async function recordPriceOverrides(tx: Prisma.TransactionClient, orderId: string, overrides: PriceOverride[], actor: Actor, at: Date): Promise<PriceOverrideV1[]> {
  if (overrides.length === 0) return [];
  await tx.orderPriceOverride.createMany({
    data: overrides.map((o) => ({
      orderId, kind: o.kind, linePosition: o.line ?? null, chargeType: o.chargeType ?? null, unit: o.unit, oldValue: o.oldValue, newValue: o.newValue,
      reasonCode: o.reasonCode, actorSub: actor.sub, actorRole: actor.role, at,
    })),
  });
  return overrides.map((o) => ({ ...o, actor: { sub: actor.sub, role: actor.role }, at: at.toISOString() }));
}

/** The overrides of an order as GET /orders/{id} shows them, oldest first. */
export function toPriceOverrideResponse(rows: OrderPriceOverride[]): PriceOverrideV1[] {
  return rows.map((row) => ({
    kind: row.kind as PriceOverrideKind,
    ...(row.linePosition !== null && { line: row.linePosition }),
    ...(row.chargeType !== null && { chargeType: row.chargeType as ChargeType }),
    unit: row.unit as PriceOverrideUnit,
    oldValue: row.oldValue.toNumber(),
    newValue: row.newValue.toNumber(),
    reasonCode: row.reasonCode,
    actor: { sub: row.actorSub, role: row.actorRole },
    at: row.at.toISOString(),
  }));
}
