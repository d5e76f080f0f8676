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

/** {@link lockFullOrder} for several orders (a batch of reservation outcomes), locked in id order; the known ones, by id. */
export async function lockFullOrders(tx: SqlClient, orderIds: readonly string[]): Promise<Map<string, FullOrder>> {
  const rows = await tx.$queryRaw<Row[]>`
    SELECT sales_order.*, ${LINES_OF_ORDER} FROM sales_order WHERE id = ANY(${[...new Set(orderIds)]}::uuid[]) ORDER BY id FOR UPDATE OF sales_order`;
  return new Map(rows.map((row) => { const order = fullOrder(row); return [order.id, order]; }));
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

/** Status changes made in turn to one locked order, at one instant by one actor (updateOrderStatuses). */
export interface OrderStatusChanges {
  order: FullOrder;
  changes: readonly StatusChange[];
  at: Date;
  actor: Pick<HistoryRow, 'actorSub' | 'actorRole'>;
}

/** What status changes left: the order as each change left it, and its open holds, oldest first. */
export interface ChangedOrder {
  orders: FullOrder[];
  openHolds: OrderHold[];
}

/**
 * Writes status changes made in turn (reserved, then released) on a row the caller has locked, with a history row
 * each, in one statement, at one instant by one actor, and returns the order as each change left it (its lines
 * unchanged: the order row as written, the earlier ones as it was between the changes) and its open holds, oldest
 * first (what the changes' events carry; they leave the holds as they were).
 */
export async function updateOrderStatus(
  tx: SqlClient, order: FullOrder, changes: readonly StatusChange[], at: Date, actor: Pick<HistoryRow, 'actorSub' | 'actorRole'>,
): Promise<ChangedOrder> {
  const [changed] = await updateOrderStatuses(tx, [{ order, changes, at, actor }]);
  return changed!;
}

/**
 * {@link updateOrderStatus} for several locked orders (a batch of reservation outcomes; each order once) in one
 * statement; the history rows in the order given. Returns what each entry's changes left, in the order given.
 */
export async function updateOrderStatuses(tx: SqlClient, entries: readonly OrderStatusChanges[]): Promise<ChangedOrder[]> {
  if (entries.length === 0) return [];
  const moves = entries.map(({ order, changes, at }) => {
    const last = changes[changes.length - 1];
    if (!last) throw new Error('updateOrderStatus needs a change');
    const hold = [...changes].reverse().find((change) => change.hold !== undefined)?.hold;
    return { id: order.id, status: last.status, at, holdSet: hold !== undefined, statusBeforeHold: hold?.statusBeforeHold ?? null, holdReason: hold?.holdReason ?? null };
  });
  const history = entries.flatMap(({ order, changes, at, actor }) => changes.map((change, i) => ({
    orderId: order.id, fromStatus: i === 0 ? order.status : changes[i - 1]!.status, toStatus: change.status, reason: change.reason, at, ...actor,
  })));
  const rows = await tx.$queryRaw<Row[]>`
    WITH moves AS (
      SELECT * FROM unnest(${moves.map((m) => m.id)}::uuid[], ${moves.map((m) => m.status)}::text[], ${moves.map((m) => m.at)}::timestamptz[],
        ${moves.map((m) => m.holdSet)}::boolean[], ${moves.map((m) => m.statusBeforeHold)}::text[], ${moves.map((m) => m.holdReason)}::text[])
        AS m(id, status, at, hold_set, status_before_hold, hold_reason)
    ), updated AS (
      UPDATE sales_order SET status = moves.status, updated_at = moves.at,
        status_before_hold = CASE WHEN moves.hold_set THEN moves.status_before_hold ELSE sales_order.status_before_hold END,
        hold_reason = CASE WHEN moves.hold_set THEN moves.hold_reason ELSE sales_order.hold_reason END
      FROM moves WHERE sales_order.id = moves.id
      RETURNING sales_order.*
    ), history AS (
      INSERT INTO order_status_history (order_id, from_status, to_status, reason, at, actor_sub, actor_role)
      SELECT h.order_id, h.from_status, h.to_status, h.reason, h.at, h.actor_sub, h.actor_role
      FROM unnest(${history.map((h) => h.orderId)}::uuid[], ${history.map((h) => h.fromStatus)}::text[], ${history.map((h) => h.toStatus)}::text[],
        ${history.map((h) => h.reason)}::text[], ${history.map((h) => h.at)}::timestamptz[], ${history.map((h) => h.actorSub)}::text[],
        ${history.map((h) => h.actorRole)}::text[])
        WITH ORDINALITY AS h(order_id, from_status, to_status, reason, at, actor_sub, actor_role, n)
      WHERE h.order_id IN (SELECT id FROM updated)
      ORDER BY h.n
    )
    SELECT updated.*, (SELECT coalesce(json_agg(${jsonObjectOf(HOLD_FIELDS)} ORDER BY seq), '[]')
      FROM order_hold WHERE order_id = updated.id AND cleared_at IS NULL) AS open_holds
    FROM updated`;
  const byId = new Map(rows.map((row) => [row['id'] as string, row]));
  return entries.map(({ order, changes, at }) => {
    const row = byId.get(order.id);
    if (!row) throw new Error(`order ${order.id} vanished while locked`);
    const { open_holds: holds, ...updated } = row;
    // Between the changes the row was the locked one with the changes so far: only these columns change.
    let between: FullOrder = order;
    const orders = changes.slice(0, -1).map((change) => (between = { ...between, status: change.status, updatedAt: at, ...change.hold }));
    orders.push({ ...toModel<SalesOrder>(updated), lines: order.lines });
    return { orders, openHolds: (holds as Row[]).map((hold) => fromJsonRow(HOLD_FIELDS, hold)) };
  });
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
