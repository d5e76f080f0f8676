import type { Prisma } from '../generated/prisma/client';

/**
 * A cancelled order's reservation given back in SQL: one statement locks the
 * reservation and reads its lines, one gives the stock back and closes the
 * reservation and its open releases (Prisma's findMany, update and updateMany
 * took three statements and their query building).
 */

/** A reservation line as the release needs it. */
export interface ReservedLine {
  lineNo: number;
  sku: string;
  quantity: number;
  warehouseId: string;
}

export interface LockedReservation {
  id: string;
  status: string;
  subscriptionId: string | null;
  /** In line order. */
  lines: ReservedLine[];
}

/** Locks the order's reservation (if any) and reads its lines. */
export async function lockReservation(tx: Prisma.TransactionClient, orderId: string): Promise<LockedReservation | undefined> {
  const [row] = await tx.$queryRaw<LockedReservation[]>`
    SELECT r.id, r.status, r.subscription_id AS "subscriptionId",
      coalesce((SELECT json_agg(json_build_object('lineNo', l.line_no, 'sku', l.sku, 'quantity', l.quantity, 'warehouseId', l.warehouse_id) ORDER BY l.line_no)
                FROM reservation_line l WHERE l.reservation_id = r.id), '[]'::json) AS lines
    FROM reservation r WHERE r.order_id = ${orderId}
    FOR UPDATE OF r`;
  return row;
}

/**
 * Releases a locked active reservation in one statement: `reserved` lowered
 * by its lines (summed per stock row; the caller has locked the rows, the
 * table's CHECK constraints refuse a counter below zero), the reservation
 * released, its open releases cancelled.
 */
export async function releaseReservation(tx: Prisma.TransactionClient, reservation: LockedReservation, at: Date): Promise<void> {
  const { id, lines } = reservation;
  await tx.$executeRaw`
    WITH stock_change AS (
      UPDATE stock AS s SET reserved = s.reserved - v.reserved, updated_at = now()
      FROM (SELECT warehouse_id, sku, sum(quantity)::int AS reserved
            FROM unnest(${lines.map((l) => l.warehouseId)}::uuid[], ${lines.map((l) => l.sku)}::text[], ${lines.map((l) => l.quantity)}::int[])
              AS line(warehouse_id, sku, quantity)
            GROUP BY warehouse_id, sku) AS v
      WHERE s.warehouse_id = v.warehouse_id AND s.sku = v.sku
    ), open_releases AS (
      UPDATE release SET status = 'cancelled' WHERE reservation_id = ${id}::uuid AND status = 'open'
    )
    UPDATE reservation SET status = 'released', updated_at = ${at} WHERE id = ${id}::uuid`;
}
