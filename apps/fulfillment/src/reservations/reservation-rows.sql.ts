import type { ShipToV1 } from '@oms/contracts';
import type { SqlClient } from '@oms/outbox';
import type { StockLevel } from '../stock/stock.sql';

/**
 * New orders' reservations in SQL, two statements for a whole batch of orders
 * (or for one): one reads what the allocation needs (which orders are known,
 * their SKUs' stock rows, locked), one writes what it decided (the stock
 * counters, the reservations with their lines, a release per warehouse with
 * its lines); a third keeps the orders that did not fit as backorders. Prisma's nested creates took
 * three statements per row kind, and each statement through Prisma costs its
 * query building and a round trip: they were most of the service's CPU per
 * cycle in the pipeline benchmark.
 */

/** Whether the order already has a reservation, a backorder or a rental hold (a second created event reserves nothing). */
export async function orderIsKnown(tx: SqlClient, orderId: string): Promise<boolean> {
  const [row] = await tx.$queryRaw<Array<{ known: boolean }>>`
    SELECT EXISTS (SELECT 1 FROM reservation WHERE order_id = ${orderId})
        OR EXISTS (SELECT 1 FROM backorder WHERE order_id = ${orderId})
        OR EXISTS (SELECT 1 FROM rental_hold WHERE order_id = ${orderId}) AS known`;
  return row?.known === true;
}

/** The orders a batch of created events would reserve, with their SKUs (an order's lines may repeat one). */
export interface NewOrderSkus {
  orderId: string;
  skus: string[];
}

/** What {@link lockStockForNewOrders} found: the orders fulfillment already knows, and the stock rows it locked. */
export interface NewOrdersStock {
  known: Set<string>;
  stock: StockLevel[];
}

/**
 * `orderIsKnown` for every order and `lockStock` for the SKUs of those not known, in one statement: the stock
 * rows (all warehouses) locked in (sku, warehouse) order, as lockStock locks them, so a batch of orders and a
 * single one cannot deadlock; nothing locked when every order is known (a second created event).
 */
export async function lockStockForNewOrders(tx: SqlClient, orders: readonly NewOrderSkus[]): Promise<NewOrdersStock> {
  const pairs = orders.flatMap(({ orderId, skus }) => [...new Set(skus)].map((sku) => ({ orderId, sku })));
  const orderIds = orders.map((order) => order.orderId);
  // `known` looks the ids up as one array per table: with an EXISTS per request row joined by OR, PostgreSQL
  // may hash each whole table instead (a seq scan of every reservation per batch, while its statistics still
  // describe the table as it was when the plan was made, small: bench:pipeline's first minute).
  const [row] = await tx.$queryRaw<Array<{ known: string[]; stock: StockLevel[] }>>`
    WITH request AS (
      SELECT * FROM unnest(${pairs.map((p) => p.orderId)}::text[], ${pairs.map((p) => p.sku)}::text[]) AS r(order_id, sku)
    ), known AS (
      SELECT order_id FROM reservation WHERE order_id = ANY(${orderIds}::text[])
      UNION SELECT order_id FROM backorder WHERE order_id = ANY(${orderIds}::text[])
      UNION SELECT order_id FROM rental_hold WHERE order_id = ANY(${orderIds}::text[])
    ), locked AS (
      SELECT s.warehouse_id AS "warehouseId", w.code AS "warehouseCode", s.sku, s.on_hand AS "onHand", s.reserved
      FROM stock s JOIN warehouse w ON w.id = s.warehouse_id
      WHERE s.sku IN (SELECT r.sku FROM request r WHERE NOT EXISTS (SELECT 1 FROM known WHERE known.order_id = r.order_id))
      ORDER BY s.sku, s.warehouse_id
      FOR UPDATE OF s
    )
    SELECT coalesce((SELECT json_agg(known.order_id) FROM known), '[]'::json) AS known,
      coalesce((SELECT json_agg(locked ORDER BY locked.sku, locked."warehouseId") FROM locked), '[]'::json) AS stock`;
  return { known: new Set(row?.known ?? []), stock: row?.stock ?? [] };
}

export interface NewReservation {
  id: string;
  orderId: string;
  subscriptionId: string | null;
  customerId: string | null;
  kind: string;
  status: string;
  shipTo: ShipToV1 | null;
  at: Date;
  lines: Array<{ lineNo: number; sku: string; quantity: number; warehouseId: string }>;
}

/** A release to one warehouse: its pick list, the reservation's lines that warehouse serves. */
export interface NewRelease {
  id: string;
  warehouseId: string;
  status: string;
  lines: Array<{ lineNo: number; sku: string; quantity: number }>;
}

/** A reservation to write, with its releases. */
export interface NewPlacement {
  reservation: NewReservation;
  releases: NewRelease[];
}

/**
 * Writes reservations in one statement: `reserved` raised on the stock rows
 * their lines take (rows the caller has locked; summed per row, the table's
 * CHECK constraints still refuse reserved above on hand), each reservation and
 * its lines, and each release with its lines (its reservation's ship-to and
 * time), in the order given. Foreign keys are checked at the end of the
 * statement, when every row is there.
 */
export async function insertReservations(tx: SqlClient, placements: readonly NewPlacement[]): Promise<void> {
  if (placements.length === 0) return;
  const r = placements.map((p) => p.reservation);
  const lines = r.flatMap((reservation) => reservation.lines.map((line) => ({ reservationId: reservation.id, ...line })));
  const releases = placements.flatMap(({ reservation, releases: own }) => own.map((release) => ({ ...release, reservation })));
  const releaseLines = releases.flatMap((release) => release.lines.map((line) => ({ releaseId: release.id, ...line })));
  await tx.$executeRaw`
    WITH stock_change AS (
      UPDATE stock AS s SET reserved = s.reserved + v.reserved, updated_at = now()
      FROM (SELECT warehouse_id, sku, sum(quantity)::int AS reserved
            FROM unnest(${lines.map((l) => l.warehouseId)}::uuid[], ${lines.map((l) => l.sku)}::text[], ${lines.map((l) => l.quantity)}::int[])
              AS line(warehouse_id, sku, quantity)
            GROUP BY warehouse_id, sku) AS v
      WHERE s.warehouse_id = v.warehouse_id AND s.sku = v.sku
    ), reservation_rows AS (
      INSERT INTO reservation (id, order_id, subscription_id, customer_id, kind, status, ship_to, created_at, updated_at)
      SELECT v.id, v.order_id, v.subscription_id, v.customer_id, v.kind, v.status, v.ship_to, v.at, v.at
      FROM unnest(${r.map((x) => x.id)}::uuid[], ${r.map((x) => x.orderId)}::text[], ${r.map((x) => x.subscriptionId)}::text[],
        ${r.map((x) => x.customerId)}::text[], ${r.map((x) => x.kind)}::text[], ${r.map((x) => x.status)}::text[], ${r.map((x) => json(x.shipTo))}::jsonb[],
        ${r.map((x) => x.at)}::timestamptz[]) WITH ORDINALITY AS v(id, order_id, subscription_id, customer_id, kind, status, ship_to, at, position)
      ORDER BY v.position
    ), reservation_lines AS (
      INSERT INTO reservation_line (reservation_id, line_no, sku, quantity, warehouse_id)
      SELECT line.reservation_id, line.line_no, line.sku, line.quantity, line.warehouse_id
      FROM unnest(${lines.map((l) => l.reservationId)}::uuid[], ${lines.map((l) => l.lineNo)}::int[], ${lines.map((l) => l.sku)}::text[],
        ${lines.map((l) => l.quantity)}::int[], ${lines.map((l) => l.warehouseId)}::uuid[]) AS line(reservation_id, line_no, sku, quantity, warehouse_id)
    ), release_rows AS (
      INSERT INTO release (id, reservation_id, order_id, warehouse_id, status, ship_to, created_at)
      SELECT pick_list.id, pick_list.reservation_id, pick_list.order_id, pick_list.warehouse_id, pick_list.status, pick_list.ship_to, pick_list.at
      FROM unnest(${releases.map((x) => x.id)}::uuid[], ${releases.map((x) => x.reservation.id)}::uuid[], ${releases.map((x) => x.reservation.orderId)}::text[],
        ${releases.map((x) => x.warehouseId)}::uuid[], ${releases.map((x) => x.status)}::text[], ${releases.map((x) => json(x.reservation.shipTo))}::jsonb[],
        ${releases.map((x) => x.reservation.at)}::timestamptz[])
        WITH ORDINALITY AS pick_list(id, reservation_id, order_id, warehouse_id, status, ship_to, at, position)
      ORDER BY pick_list.position
    )
    INSERT INTO release_line (release_id, line_no, sku, quantity)
    SELECT line.release_id, line.line_no, line.sku, line.quantity
    FROM unnest(${releaseLines.map((l) => l.releaseId)}::uuid[], ${releaseLines.map((l) => l.lineNo)}::int[], ${releaseLines.map((l) => l.sku)}::text[],
      ${releaseLines.map((l) => l.quantity)}::int[]) AS line(release_id, line_no, sku, quantity)`;
}

export interface NewBackorder {
  orderId: string;
  reservationId: string;
  subscriptionId: string | null;
  customerId: string | null;
  status: string;
  shipTo: ShipToV1 | null;
  correlationId: string | null;
  at: Date;
  /** The order's lines as requested, numbered from 1. */
  lines: Array<{ sku: string; quantity: number }>;
}

/**
 * Writes backorders and their lines in one statement (Prisma's nested create took two per backorder and its query
 * building), in the order given: their positions (arrival order) follow it, the sequence's default being taken
 * as each sorted row is inserted.
 */
export async function insertBackorders(tx: SqlClient, backorders: readonly NewBackorder[]): Promise<void> {
  if (backorders.length === 0) return;
  const b = backorders;
  const lines = b.flatMap((backorder) => backorder.lines.map((line, i) => ({ orderId: backorder.orderId, lineNo: i + 1, ...line })));
  await tx.$executeRaw`
    WITH backorder_rows AS (
      INSERT INTO backorder (order_id, reservation_id, subscription_id, customer_id, status, correlation_id, ship_to, created_at)
      SELECT v.order_id, v.reservation_id, v.subscription_id, v.customer_id, v.status, v.correlation_id, v.ship_to, v.at
      FROM unnest(${b.map((x) => x.orderId)}::text[], ${b.map((x) => x.reservationId)}::uuid[], ${b.map((x) => x.subscriptionId)}::text[],
        ${b.map((x) => x.customerId)}::text[], ${b.map((x) => x.status)}::text[], ${b.map((x) => x.correlationId)}::text[], ${b.map((x) => json(x.shipTo))}::jsonb[],
        ${b.map((x) => x.at)}::timestamptz[]) WITH ORDINALITY AS v(order_id, reservation_id, subscription_id, customer_id, status, correlation_id, ship_to, at, position)
      ORDER BY v.position
    )
    INSERT INTO backorder_line (order_id, line_no, sku, quantity)
    SELECT line.order_id, line.line_no, line.sku, line.quantity
    FROM unnest(${lines.map((l) => l.orderId)}::text[], ${lines.map((l) => l.lineNo)}::int[], ${lines.map((l) => l.sku)}::text[], ${lines.map((l) => l.quantity)}::int[])
      AS line(order_id, line_no, sku, quantity)`;
}

/** A JSON column's parameter: SQL NULL for no value (Prisma wrote none either). */
const json = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));
