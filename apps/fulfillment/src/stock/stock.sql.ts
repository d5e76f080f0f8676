import type { SqlClient } from '@oms/outbox';

/** One locked stock row, with its warehouse's code for responses and tie-breaks. */
export interface StockLevel {
  warehouseId: string;
  warehouseCode: string;
  sku: string;
  onHand: number;
  reserved: number;
}

/** A change of one stock row's counters. */
export interface StockDelta {
  warehouseId: string;
  sku: string;
  onHand: number;
  reserved: number;
}

/**
 * Locks every stock row of `skus` (all warehouses) in (sku, warehouse) order.
 * Every transaction that locks more than one stock row goes through here, so
 * two of them always take their locks in the same order and cannot deadlock.
 * Callers lock their own aggregate row (reservation, backorder) first.
 */
export async function lockStock(tx: SqlClient, skus: string[]): Promise<StockLevel[]> {
  const sorted = [...new Set(skus)].sort();
  return tx.$queryRaw<StockLevel[]>`
    SELECT s.warehouse_id AS "warehouseId", w.code AS "warehouseCode", s.sku, s.on_hand AS "onHand", s.reserved
    FROM stock s JOIN warehouse w ON w.id = s.warehouse_id
    WHERE s.sku = ANY(${sorted}::text[])
    ORDER BY s.sku, s.warehouse_id
    FOR UPDATE OF s`;
}

/**
 * Applies counter changes (summed per row) to rows the caller has locked and
 * returns the rows as they are afterwards. The table's CHECK constraints
 * reject any change that would leave reserved above on hand or below zero.
 */
export async function changeStock(tx: SqlClient, deltas: StockDelta[]): Promise<StockDelta[]> {
  const summed = new Map<string, StockDelta>();
  for (const d of deltas) {
    const key = `${d.warehouseId}|${d.sku}`;
    const sum = summed.get(key) ?? { warehouseId: d.warehouseId, sku: d.sku, onHand: 0, reserved: 0 };
    summed.set(key, { ...sum, onHand: sum.onHand + d.onHand, reserved: sum.reserved + d.reserved });
  }
  const rows = [...summed.values()];
  if (rows.length === 0) return [];
  return tx.$queryRaw<StockDelta[]>`
    UPDATE stock AS s
    SET on_hand = s.on_hand + v.on_hand, reserved = s.reserved + v.reserved, updated_at = now()
    FROM unnest(${rows.map((r) => r.warehouseId)}::uuid[], ${rows.map((r) => r.sku)}::text[],
                ${rows.map((r) => r.onHand)}::int[], ${rows.map((r) => r.reserved)}::int[]) AS v(warehouse_id, sku, on_hand, reserved)
    WHERE s.warehouse_id = v.warehouse_id AND s.sku = v.sku
    RETURNING s.warehouse_id AS "warehouseId", s.sku, s.on_hand AS "onHand", s.reserved`;
}
