import type { ShipToV1 } from '@oms/contracts';
import type { SqlClient } from '@oms/outbox';
import type { StockLevel } from '../stock/stock.sql';

/**
 * Every new order's reservation in SQL, two statements: one reads what the
 * allocation needs (whether the order is known, its SKUs' stock rows, locked),
 * one writes what it decided (the stock counters, the reservation with its
 * lines, a release per warehouse with its lines). Prisma's nested creates took
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

/**
 * `orderIsKnown` and `lockStock` in one statement: null when the order is
 * known (then no stock row is locked), else every stock row of `skus` (all
 * warehouses) locked in (sku, warehouse) order, as lockStock locks them.
 */
export async function lockStockUnlessKnown(tx: SqlClient, orderId: string, skus: string[]): Promise<StockLevel[] | null> {
  const sorted = [...new Set(skus)].sort();
  const rows = await tx.$queryRaw<Array<{ known: boolean; stock: StockLevel[] }>>`
    WITH known AS (
      SELECT EXISTS (SELECT 1 FROM reservation WHERE order_id = ${orderId})
          OR EXISTS (SELECT 1 FROM backorder WHERE order_id = ${orderId})
          OR EXISTS (SELECT 1 FROM rental_hold WHERE order_id = ${orderId}) AS known
    ), locked AS (
      SELECT s.warehouse_id AS "warehouseId", w.code AS "warehouseCode", s.sku, s.on_hand AS "onHand", s.reserved
      FROM stock s JOIN warehouse w ON w.id = s.warehouse_id
      WHERE s.sku = ANY(${sorted}::text[]) AND NOT (SELECT known FROM known)
      ORDER BY s.sku, s.warehouse_id
      FOR UPDATE OF s
    )
    SELECT known.known, coalesce((SELECT json_agg(locked ORDER BY locked.sku, locked."warehouseId") FROM locked), '[]'::json) AS stock
    FROM known`;
  const [row] = rows;
  return row?.known === false ? row.stock : null;
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

/**
 * Writes a reservation in one statement: `reserved` raised on the stock rows
 * its lines take (rows the caller has locked; summed per row, the table's
 * CHECK constraints still refuse reserved above on hand), the reservation and
 * its lines, and each release with its lines (the reservation's ship-to and
 * time). Foreign keys are checked at the end of the statement, when every row is there.
 */
export async function insertReservation(tx: SqlClient, r: NewReservation, releases: NewRelease[]): Promise<void> {
  const releaseLines = releases.flatMap((release) => release.lines.map((line) => ({ releaseId: release.id, ...line })));
  await tx.$executeRaw`
    WITH stock_change AS (
      UPDATE stock AS s SET reserved = s.reserved + v.reserved, updated_at = now()
      FROM (SELECT warehouse_id, sku, sum(quantity)::int AS reserved
            FROM unnest(${r.lines.map((l) => l.warehouseId)}::uuid[], ${r.lines.map((l) => l.sku)}::text[], ${r.lines.map((l) => l.quantity)}::int[])
              AS line(warehouse_id, sku, quantity)
            GROUP BY warehouse_id, sku) AS v
      WHERE s.warehouse_id = v.warehouse_id AND s.sku = v.sku
    ), reservation_row AS (
      INSERT INTO reservation (id, order_id, subscription_id, customer_id, kind, status, ship_to, created_at, updated_at)
      VALUES (${r.id}::uuid, ${r.orderId}, ${r.subscriptionId}, ${r.customerId}, ${r.kind}, ${r.status}, ${json(r.shipTo)}::jsonb, ${r.at}, ${r.at})
      RETURNING id
    ), reservation_lines AS (
      INSERT INTO reservation_line (reservation_id, line_no, sku, quantity, warehouse_id)
      SELECT reservation_row.id, line.line_no, line.sku, line.quantity, line.warehouse_id
      FROM reservation_row, unnest(${r.lines.map((l) => l.lineNo)}::int[], ${r.lines.map((l) => l.sku)}::text[],
        ${r.lines.map((l) => l.quantity)}::int[], ${r.lines.map((l) => l.warehouseId)}::uuid[]) AS line(line_no, sku, quantity, warehouse_id)
    ), release_rows AS (
      INSERT INTO release (id, reservation_id, order_id, warehouse_id, status, ship_to, created_at)
      SELECT pick_list.id, reservation_row.id, ${r.orderId}, pick_list.warehouse_id, pick_list.status, ${json(r.shipTo)}::jsonb, ${r.at}
      FROM reservation_row, unnest(${releases.map((x) => x.id)}::uuid[], ${releases.map((x) => x.warehouseId)}::uuid[], ${releases.map((x) => x.status)}::text[])
        WITH ORDINALITY AS pick_list(id, warehouse_id, status, position)
      ORDER BY pick_list.position
      RETURNING id
    )
    INSERT INTO release_line (release_id, line_no, sku, quantity)
    SELECT line.release_id, line.line_no, line.sku, line.quantity
    FROM unnest(${releaseLines.map((l) => l.releaseId)}::uuid[], ${releaseLines.map((l) => l.lineNo)}::int[], ${releaseLines.map((l) => l.sku)}::text[],
      ${releaseLines.map((l) => l.quantity)}::int[]) AS line(release_id, line_no, sku, quantity)
    WHERE EXISTS (SELECT 1 FROM release_rows WHERE release_rows.id = line.release_id)`;
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

/** Writes a backorder and its lines in one statement (Prisma's nested create took two and its query building). */
export async function insertBackorder(tx: SqlClient, b: NewBackorder): Promise<void> {
  await tx.$executeRaw`
    WITH backorder_row AS (
      INSERT INTO backorder (order_id, reservation_id, subscription_id, customer_id, status, correlation_id, ship_to, created_at)
      VALUES (${b.orderId}, ${b.reservationId}::uuid, ${b.subscriptionId}, ${b.customerId}, ${b.status}, ${b.correlationId}, ${json(b.shipTo)}::jsonb, ${b.at})
      RETURNING order_id)
    INSERT INTO backorder_line (order_id, line_no, sku, quantity)
    SELECT backorder_row.order_id, line.line_no, line.sku, line.quantity
    FROM backorder_row, unnest(${b.lines.map((l) => l.sku)}::text[], ${b.lines.map((l) => l.quantity)}::int[]) WITH ORDINALITY AS line(sku, quantity, line_no)`;
}

/** A JSON column's parameter: SQL NULL for no value (Prisma wrote none either). */
const json = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));
