import { randomUUID } from 'node:crypto';
import type { Actor } from '@oms/auth';
import type { OrderHoldType, OrderHoldV1 } from '@oms/contracts';
import type { OrderHold, Prisma } from '../../generated/prisma/client';
import type { SqlClient } from '@oms/outbox';
import { toModel } from '../status/order-rows.sql';

/** What a hold is: its type, a short code and the reason people read. */
export interface HoldSpec {
  type: OrderHoldType;
  code: string;
  reason: string;
}

/** The order's open holds, oldest first (SQL: every order event reads them; the rows are the model's). */
export async function openHolds(tx: SqlClient, orderId: string): Promise<OrderHold[]> {
  const rows = await tx.$queryRaw<Array<Record<string, unknown>>>`SELECT * FROM order_hold WHERE order_id = ${orderId}::uuid AND cleared_at IS NULL ORDER BY seq`;
  return rows.map((row) => toModel<OrderHold>(row));
}

export async function insertHold(tx: Prisma.TransactionClient, orderId: string, spec: HoldSpec, actor: Actor, at: Date): Promise<OrderHold> {
  return tx.orderHold.create({ data: { id: randomUUID(), orderId, ...spec, placedBySub: actor.sub, placedByRole: actor.role, placedAt: at } });
}

/** Clears the given holds (open ones only) by `actor` with `reason`; the rows as cleared. */
export async function clearHolds(tx: Prisma.TransactionClient, holds: OrderHold[], actor: Actor, reason: string, at: Date): Promise<OrderHold[]> {
  const cleared: OrderHold[] = [];
  for (const hold of holds.filter((h) => h.clearedAt === null)) {
    cleared.push(await tx.orderHold.update({
      where: { id: hold.id },
      data: { clearedAt: at, clearedBySub: actor.sub, clearedByRole: actor.role, clearReason: reason },
    }));
  }
  return cleared;
}

/**
 * The order's `holdReason`: the open holds' reasons, oldest first. A fraud
 * hold shows as "held for review": the reason is read by customers and
 * channels too, and the fraud rules that fired are for staff only.
 */
export function holdSummary(holds: ReadonlyArray<Pick<OrderHold, 'type' | 'reason'>>): string | null {
  if (holds.length === 0) return null;
  return holds.map((h) => (h.type === 'fraud' ? 'held for review' : h.reason)).join('; ');
}

/** A hold as events and the API carry it (its placement order and order id are not part of it). */
export function toHoldV1(hold: Omit<OrderHold, 'seq' | 'orderId'>): OrderHoldV1 {
  return {
    holdId: hold.id, type: hold.type as OrderHoldType, code: hold.code, reason: hold.reason,
    placedBy: { sub: hold.placedBySub, role: hold.placedByRole }, placedAt: hold.placedAt.toISOString(),
    ...(hold.clearedAt && {
      clearedAt: hold.clearedAt.toISOString(), clearedBy: { sub: hold.clearedBySub!, role: hold.clearedByRole! }, clearReason: hold.clearReason ?? '',
    }),
  };
}
