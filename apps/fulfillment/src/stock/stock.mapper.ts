import type { Stock, Warehouse } from '../generated/prisma/client';

/** A stock row as the API shows it; available is derived, never stored. */
export function toStockResponse(stock: Stock & { warehouse: Warehouse }) {
  return {
    warehouseId: stock.warehouseId,
    warehouseCode: stock.warehouse.code,
    sku: stock.sku,
    onHand: stock.onHand,
    reserved: stock.reserved,
    available: stock.onHand - stock.reserved,
    updatedAt: stock.updatedAt.toISOString(),
  };
}

export type StockResponse = ReturnType<typeof toStockResponse>;
