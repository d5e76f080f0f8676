import type { ShipmentStatus, ShipmentStatusV1, ShipToV1 } from '@oms/contracts';
import type { Prisma, Shipment } from '../generated/prisma/client';

export interface ShipmentLine {
  sku: string;
  quantity: number;
  warehouseId: string;
  /** The rental unit a rental delivery carries. */
  unit: { unitId: string; serial: string; state: string } | null;
}

export type ShipmentWithLines = Shipment & { lines: ShipmentLine[] };

export function toShipmentResponse(shipment: ShipmentWithLines) {
  return {
    shipmentId: shipment.id,
    orderId: shipment.orderId,
    reservationId: shipment.reservationId,
    kind: shipment.kind,
    subscriptionId: shipment.subscriptionId,
    customerId: shipment.customerId,
    status: shipment.status,
    carrier: shipment.carrier,
    trackingNumber: shipment.trackingNumber,
    shipTo: (shipment.shipTo as ShipToV1 | null) ?? null,
    lines: shipment.lines,
    shippedAt: shipment.shippedAt?.toISOString() ?? null,
    deliveredAt: shipment.deliveredAt?.toISOString() ?? null,
    updatedAt: shipment.updatedAt.toISOString(),
  };
}

export function toShipmentStatus(shipment: Shipment, occurredAt: Date): ShipmentStatusV1 {
  return {
    shipmentId: shipment.id,
    orderId: shipment.orderId,
    status: shipment.status as ShipmentStatus,
    occurredAt: occurredAt.toISOString(),
    ...(shipment.carrier && { carrier: shipment.carrier }),
    ...(shipment.trackingNumber && { trackingNumber: shipment.trackingNumber }),
    ...(shipment.shipTo !== null && { shipTo: shipment.shipTo as unknown as ShipToV1 }),
  };
}

/**
 * A parcel carries everything its reservation held, so its lines are the
 * reservation's; a rental delivery carries the one unit of its hold.
 */
export async function withLines(db: Prisma.TransactionClient, shipments: Shipment[]): Promise<ShipmentWithLines[]> {
  const ids = shipments.map((s) => s.reservationId);
  const [lines, holds] = await Promise.all([
    db.reservationLine.findMany({ where: { reservationId: { in: ids } }, orderBy: { lineNo: 'asc' } }),
    db.rentalHold.findMany({ where: { id: { in: ids } } }),
  ]);
  const units = await db.rentalUnit.findMany({ where: { id: { in: holds.map((h) => h.unitId) } } });
  return shipments.map((s) => {
    const hold = holds.find((h) => h.id === s.reservationId);
    const unit = hold && units.find((u) => u.id === hold.unitId);
    if (unit) return { ...s, lines: [{ sku: unit.sku, quantity: 1, warehouseId: unit.warehouseId, unit: { unitId: unit.id, serial: unit.serial, state: unit.state } }] };
    return { ...s, lines: lines.filter((l) => l.reservationId === s.reservationId).map((l) => ({ sku: l.sku, quantity: l.quantity, warehouseId: l.warehouseId, unit: null })) };
  });
}
