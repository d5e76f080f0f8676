import type { Warehouse } from '../generated/prisma/client';

export function toWarehouseResponse(warehouse: Warehouse) {
  return {
    warehouseId: warehouse.id, code: warehouse.code, name: warehouse.name, createdAt: warehouse.createdAt.toISOString(),
    createdBy: { sub: warehouse.createdBySub, role: warehouse.createdByRole },
  };
}
