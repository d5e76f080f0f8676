import { Prisma, type OrderHold, type OrderLine, type SalesOrder } from '../../generated/prisma/client';
import type { SqlClient } from '@oms/outbox';
import type { FullOrder } from '../order.mapper';
import { fromJsonRow, jsonObjectOf, type JsonFields } from './json-rows.sql';

/**
 * The order hot path in SQL: every reservation outcome locks, reads and moves
 * an order, and the profile of the pipeline benchmark had Prisma's query
 * building (its query compiler) as half of the orders service's CPU. These
 * statements return the same rows Prisma's model queries do (raw queries map
 * bigint to BigInt, timestamptz to Date and jsonb to values, as the model
 * does); `order-rows.sql` integration tests compare them with Prisma's.
 */

type Row = Record<string, unknown>;

/** Column name to field name, worked out once per column (every row of the hot path passes here). */
const FIELD_OF_COLUMN = new Map<string, string>();

/** snake_case column names to the model's camelCase field names (the schema maps every field this way). */
export function toModel<T>(row: Row): T {
  const model: Row = {};
  for (const column in row) {
    let field = FIELD_OF_COLUMN.get(column);
    if (field === undefined) FIELD_OF_COLUMN.set(column, (field = column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())));
    model[field] = row[column];
  }
  return model as T;
}

/** Every OrderLine field (the lines travel as JSON in the order's own statement). */
const LINE_FIELDS: JsonFields<OrderLine> = {
  id: ['id'], orderId: ['order_id'], position: ['position'], productId: ['product_id'], sku: ['sku'], quantity: ['quantity'],
  unitPriceMinor: ['unit_price_minor', 'bigint'], lineTotalMinor: ['line_total_minor', 'bigint'], listPriceMinor: ['list_price_minor', 'bigint'],
  discountMinor: ['discount_minor', 'bigint'], unitCostMinor: ['unit_cost_minor', 'bigint'], marginAlert: ['margin_alert'], taxCode: ['tax_code'],
  taxRatePpm: ['tax_rate_ppm'], taxMinor: ['tax_minor', 'bigint'], kind: ['kind'], subscriptionLineId: ['subscription_line_id'],
};

/** Every OrderHold field (the open holds travel as JSON in a status change's statement). */
const HOLD_FIELDS: JsonFields<OrderHold> = {
  id: ['id'], seq: ['seq', 'bigint'], orderId: ['order_id'], type: ['type'], code: ['code'], reason: ['reason'],
  placedBySub: ['placed_by_sub'], placedByRole: ['placed_by_role'], placedAt: ['placed_at', 'timestamp'],
  clearedAt: ['cleared_at', 'timestamp'], clearedBySub: ['cleared_by_sub'], clearedByRole: ['cleared_by_role'], clearReason: ['clear_reason'],
};

/** The order's lines, by position, as one JSON array column of the order's row (`lines`). */
const LINES_OF_ORDER = Prisma.sql`(SELECT coalesce(json_agg(${jsonObjectOf(LINE_FIELDS)} ORDER BY position), '[]')
  FROM order_line WHERE order_id = sales_order.id) AS lines`;

function fullOrder(row: Row): FullOrder {
  const { lines, ...order } = row;
  return {
    ...toModel<SalesOrder>(order),
    lines: (lines as Row[]).map((line) => fromJsonRow(LINE_FIELDS, line)),
  };
}

/**
 * The order with its lines, its row locked until the transaction ends (FOR UPDATE); null when unknown. One statement:
 * every reservation outcome locks its order.
 */
export async function lockFullOrder(tx: SqlClient, orderId: string): Promise<FullOrder | null> {
  const [row] = await tx.$queryRaw<Row[]>`SELECT sales_order.*, ${LINES_OF_ORDER} FROM sales_order WHERE id = ${orderId}::uuid FOR UPDATE OF sales_order`;
  return row ? fullOrder(row) : null;
}

/** The order with its lines, unlocked; null when unknown. */
export async function readFullOrder(tx: SqlClient, orderId: string): Promise<FullOrder | null> {
  const [row] = await tx.$queryRaw<Row[]>`SELECT sales_order.*, ${LINES_OF_ORDER} FROM sales_order WHERE id = ${orderId}::uuid`;
  return row ? fullOrder(row) : null;
}

/** The order of a subscription cycle (one at most: cycle_key is unique); null when it has none yet. */
export async function orderOfCycle(tx: SqlClient, cycleKey: string): Promise<FullOrder | null> {
  const [row] = await tx.$queryRaw<Row[]>`SELECT sales_order.*, ${LINES_OF_ORDER} FROM sales_order WHERE cycle_key = ${cycleKey}`;
  return row ? fullOrder(row) : null;
}

/** The order of an upstream order (one at most: (channel, source_ref) is unique); null when it has none yet. */
export async function orderOfSourceRef(tx: SqlClient, channel: string, sourceRef: string): Promise<FullOrder | null> {
  const [row] = await tx.$queryRaw<Row[]>`SELECT sales_order.*, ${LINES_OF_ORDER} FROM sales_order WHERE channel = ${channel} AND source_ref = ${sourceRef}`;
  return row ? fullOrder(row) : null;
}

/** One status change: what it writes on the order row (the hold columns only when it sets or clears them) and its history row's reason. */
export interface StatusChange {
  status: string;
  reason: string | null;
  hold?: { statusBeforeHold: string | null; holdReason: string | null };
}

/**
 * Writes status changes made in turn (reserved, then released) on a row the caller has locked, with a history row
 * each, in one statement, at one instant by one actor, and returns the order as each change left it (its lines
 * unchanged: the order row as written, the earlier ones as it was between the changes) and its open holds, oldest
 * first (what the changes' events carry; they leave the holds as they were).
 */
export async function updateOrderStatus(
  tx: SqlClient, order: FullOrder, changes: readonly StatusChange[], at: Date, actor: Pick<HistoryRow, 'actorSub' | 'actorRole'>,
): Promise<{ orders: FullOrder[]; openHolds: OrderHold[] }> {
  const last = changes[changes.length - 1];
  if (!last) throw new Error('updateOrderStatus needs a change');
  const hold = [...changes].reverse().find((change) => change.hold !== undefined)?.hold;
  const froms = [order.status, ...changes.slice(0, -1).map((change) => change.status)];
  const [row] = await tx.$queryRaw<Row[]>`
    WITH updated AS (
      UPDATE sales_order SET status = ${last.status}, updated_at = ${at},
        status_before_hold = CASE WHEN ${hold !== undefined}::boolean THEN ${hold?.statusBeforeHold ?? null}::text ELSE status_before_hold END,
        hold_reason = CASE WHEN ${hold !== undefined}::boolean THEN ${hold?.holdReason ?? null}::text ELSE hold_reason END
      WHERE id = ${order.id}::uuid
      RETURNING *
    ), history AS (
      INSERT INTO order_status_history (order_id, from_status, to_status, reason, at, actor_sub, actor_role)
      SELECT updated.id, h.from_status, h.to_status, h.reason, ${at}::timestamptz, ${actor.actorSub}, ${actor.actorRole}
      FROM updated, unnest(${froms}::text[], ${changes.map((change) => change.status)}::text[], ${changes.map((change) => change.reason)}::text[])
        WITH ORDINALITY AS h(from_status, to_status, reason, n)
      ORDER BY h.n
    )
    SELECT updated.*, (SELECT coalesce(json_agg(${jsonObjectOf(HOLD_FIELDS)} ORDER BY seq), '[]')
      FROM order_hold WHERE order_id = ${order.id}::uuid AND cleared_at IS NULL) AS open_holds
    FROM updated`;
  if (!row) throw new Error(`order ${order.id} vanished while locked`);
  const { open_holds: holds, ...updated } = row;
  // Between the changes the row was the locked one with the changes so far: only these columns change.
  let between: FullOrder = order;
  const orders = changes.slice(0, -1).map((change) => (between = { ...between, status: change.status, updatedAt: at, ...change.hold }));
  orders.push({ ...toModel<SalesOrder>(updated), lines: order.lines });
  return { orders, openHolds: (holds as Row[]).map((hold) => fromJsonRow(HOLD_FIELDS, hold)) };
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

export async function insertHistory(tx: SqlClient, h: HistoryRow): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO order_status_history (order_id, from_status, to_status, reason, at, actor_sub, actor_role)
    VALUES (${h.orderId}::uuid, ${h.fromStatus}, ${h.toStatus}, ${h.reason}, ${h.at}, ${h.actorSub}, ${h.actorRole})`;
}
