import type { OrderLine, Prisma, SalesOrder } from '../../generated/prisma/client';
import type { FullOrder } from '../order.mapper';

/**
 * The order hot path in SQL: every reservation outcome locks, reads and moves
 * an order, and the profile of the pipeline benchmark had Prisma's query
 * building (its query compiler) as half of the orders service's CPU. These
 * statements return the same rows Prisma's model queries do (raw queries map
 * bigint to BigInt, timestamptz to Date and jsonb to values, as the model
 * does); `order-rows.sql` integration tests compare them with Prisma's.
 */

type Row = Record<string, unknown>;

/** snake_case column names to the model's camelCase field names (the schema maps every field this way). */
export function toModel<T>(row: Row): T {
  const model: Row = {};
  for (const [column, value] of Object.entries(row)) model[column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = value;
  return model as T;
}

async function linesOf(tx: Prisma.TransactionClient, orderId: string): Promise<OrderLine[]> {
  const rows = await tx.$queryRaw<Row[]>`SELECT * FROM order_line WHERE order_id = ${orderId}::uuid ORDER BY position`;
  return rows.map((row) => toModel<OrderLine>(row));
}

/** The order with its lines, its row locked until the transaction ends (FOR UPDATE); null when unknown. */
export async function lockFullOrder(tx: Prisma.TransactionClient, orderId: string): Promise<FullOrder | null> {
  const [row] = await tx.$queryRaw<Row[]>`SELECT * FROM sales_order WHERE id = ${orderId}::uuid FOR UPDATE`;
  if (!row) return null;
  return { ...toModel<SalesOrder>(row), lines: await linesOf(tx, orderId) };
}

/** The order with its lines, unlocked; null when unknown. */
export async function readFullOrder(tx: Prisma.TransactionClient, orderId: string): Promise<FullOrder | null> {
  const [row] = await tx.$queryRaw<Row[]>`SELECT * FROM sales_order WHERE id = ${orderId}::uuid`;
  if (!row) return null;
  return { ...toModel<SalesOrder>(row), lines: await linesOf(tx, orderId) };
}

/** The order of a subscription cycle (one at most: cycle_key is unique); null when it has none yet. */
export async function orderOfCycle(tx: Prisma.TransactionClient, cycleKey: string): Promise<FullOrder | null> {
  const [row] = await tx.$queryRaw<Array<{ id: string }>>`SELECT id::text AS id FROM sales_order WHERE cycle_key = ${cycleKey}`;
  return row ? readFullOrder(tx, row.id) : null;
}

/** What a status change writes on the order row (the hold columns only when the change sets or clears them). */
export interface StatusChange {
  status: string;
  updatedAt: Date;
  hold?: { statusBeforeHold: string | null; holdReason: string | null };
}

/**
 * Writes a status change on a row the caller has locked, with its history row, in one statement, and returns the
 * order as it is now (its lines unchanged).
 */
export async function updateOrderStatus(tx: Prisma.TransactionClient, order: FullOrder, change: StatusChange, history: Omit<HistoryRow, 'orderId'>): Promise<FullOrder> {
  const setsHold = change.hold !== undefined;
  const h = history;
  const [row] = await tx.$queryRaw<Row[]>`
    WITH updated AS (
      UPDATE sales_order SET status = ${change.status}, updated_at = ${change.updatedAt},
        status_before_hold = CASE WHEN ${setsHold}::boolean THEN ${change.hold?.statusBeforeHold ?? null}::text ELSE status_before_hold END,
        hold_reason = CASE WHEN ${setsHold}::boolean THEN ${change.hold?.holdReason ?? null}::text ELSE hold_reason END
      WHERE id = ${order.id}::uuid
      RETURNING *
    ), history AS (
      INSERT INTO order_status_history (order_id, from_status, to_status, reason, at, actor_sub, actor_role)
      SELECT id, ${h.fromStatus}::text, ${h.toStatus}, ${h.reason}::text, ${h.at}::timestamptz, ${h.actorSub}, ${h.actorRole} FROM updated
    )
    SELECT * FROM updated`;
  if (!row) throw new Error(`order ${order.id} vanished while locked`);
  return { ...toModel<SalesOrder>(row), lines: order.lines };
}

/** One order_status_history row. */
export interface HistoryRow {
  orderId: string;
  fromStatus: string | null;
  toStatus: string;
  reason: string | null;
  at: Date;
  actorSub: string;
  actorRole: string;
}

export async function insertHistory(tx: Prisma.TransactionClient, h: HistoryRow): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO order_status_history (order_id, from_status, to_status, reason, at, actor_sub, actor_role)
    VALUES (${h.orderId}::uuid, ${h.fromStatus}, ${h.toStatus}, ${h.reason}, ${h.at}, ${h.actorSub}, ${h.actorRole})`;
}
