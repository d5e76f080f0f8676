import type { StockLevel } from '../stock/stock.sql';

export interface LineRequest {
  sku: string;
  quantity: number;
}

/** One order line served from one warehouse. */
export interface Pick {
  lineNo: number;
  sku: string;
  quantity: number;
  warehouseId: string;
}

export type Allocation =
  | { ok: true; picks: Pick[] }
  /** Every line, with how many units no single warehouse could give it (0 when it could be served). */
  | { ok: false; lines: Array<LineRequest & { shortBy: number }> };

/**
 * Decides where each line comes from, all or nothing. A line is never split
 * across warehouses in this version: it needs one warehouse with enough
 * available units. Among those it prefers a warehouse the order already
 * uses (fewer parcels), then the one with most available, then the lowest
 * code, so the choice is deterministic. Lines are numbered from 1.
 */
export function allocate(lines: LineRequest[], stock: StockLevel[]): Allocation {
  const free = new Map(stock.map((s) => [rowKey(s.warehouseId, s.sku), s.onHand - s.reserved]));
  const used = new Set<string>();
  const picks: Pick[] = [];
  const shortBy: number[] = [];
  lines.forEach((line, index) => {
    const candidates = stock.filter((s) => s.sku === line.sku).map((s) => ({ row: s, free: free.get(rowKey(s.warehouseId, s.sku))! }));
    const best = candidates
      .filter((c) => c.free >= line.quantity)
      .sort((a, b) => Number(used.has(b.row.warehouseId)) - Number(used.has(a.row.warehouseId)) || b.free - a.free || a.row.warehouseCode.localeCompare(b.row.warehouseCode))[0];
    if (!best) {
      shortBy.push(line.quantity - Math.max(0, ...candidates.map((c) => c.free)));
      return;
    }
    free.set(rowKey(best.row.warehouseId, line.sku), best.free - line.quantity);
    used.add(best.row.warehouseId);
    picks.push({ lineNo: index + 1, sku: line.sku, quantity: line.quantity, warehouseId: best.row.warehouseId });
    shortBy.push(0);
  });
  if (picks.length === lines.length) return { ok: true, picks };
  return { ok: false, lines: lines.map((line, i) => ({ sku: line.sku, quantity: line.quantity, shortBy: shortBy[i]! })) };
}

function rowKey(warehouseId: string, sku: string): string {
  return `${warehouseId}|${sku}`;
}
