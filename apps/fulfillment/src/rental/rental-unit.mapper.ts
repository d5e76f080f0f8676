import type { RentalUnit } from '../generated/prisma/client';

export function toRentalUnitResponse(unit: RentalUnit, codes: ReadonlyMap<string, string>) {
  return {
    unitId: unit.id,
    serial: unit.serial,
    sku: unit.sku,
    warehouseId: unit.warehouseId,
    warehouseCode: codes.get(unit.warehouseId) ?? null,
    state: unit.state,
    unavailableReason: unit.unavailableReason,
    createdAt: unit.createdAt.toISOString(),
    updatedAt: unit.updatedAt.toISOString(),
  };
}

export type RentalUnitResponse = ReturnType<typeof toRentalUnitResponse>;
