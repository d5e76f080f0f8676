import type { StockLevel } from '../stock/stock.sql';
import { allocate } from './allocation';

const row = (warehouseId: string, sku: string, onHand: number, reserved = 0): StockLevel => ({ warehouseId, warehouseCode: warehouseId.toUpperCase(), sku, onHand, reserved });

describe('allocate', () => {
  it('serves each line from one warehouse, preferring the one with most available', () => {
    const result = allocate([{ sku: 'A', quantity: 2 }], [row('w1', 'A', 3), row('w2', 'A', 5, 1)]);
    expect(result).toEqual({ ok: true, picks: [{ lineNo: 1, sku: 'A', quantity: 2, warehouseId: 'w2' }] });
  });

  it('prefers a warehouse the order already uses, then the lower code on ties', () => {
    const stock = [row('w2', 'A', 5), row('w1', 'A', 5), row('w1', 'B', 1), row('w3', 'B', 9)];
    const result = allocate([{ sku: 'A', quantity: 1 }, { sku: 'B', quantity: 1 }], stock);
    expect(result).toEqual({ ok: true, picks: [
      { lineNo: 1, sku: 'A', quantity: 1, warehouseId: 'w1' },
      { lineNo: 2, sku: 'B', quantity: 1, warehouseId: 'w1' },
    ] });
  });

  it('never splits a line: enough stock spread over two warehouses is still a shortage', () => {
    const result = allocate([{ sku: 'A', quantity: 5 }, { sku: 'B', quantity: 1 }], [row('w1', 'A', 3), row('w2', 'A', 3), row('w1', 'B', 1)]);
    expect(result).toEqual({ ok: false, lines: [{ sku: 'A', quantity: 5, shortBy: 2 }, { sku: 'B', quantity: 1, shortBy: 0 }] });
  });

  it('counts what earlier lines of the same order took', () => {
    const result = allocate([{ sku: 'A', quantity: 2 }, { sku: 'A', quantity: 2 }], [row('w1', 'A', 3)]);
    expect(result).toEqual({ ok: false, lines: [{ sku: 'A', quantity: 2, shortBy: 0 }, { sku: 'A', quantity: 2, shortBy: 1 }] });
  });

  it('reports the whole quantity short for a SKU nobody stocks', () => {
    expect(allocate([{ sku: 'X', quantity: 4 }], [])).toEqual({ ok: false, lines: [{ sku: 'X', quantity: 4, shortBy: 4 }] });
  });
});
