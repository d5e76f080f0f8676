import type { ShipmentStatus, ShipmentStatusV1 } from '@oms/contracts';
import type { ReservationLine, Shipment } from '../generated/prisma/client';

export type ShipmentWithLines = Shipment & { lines: ReservationLine[] };

export function toShipmentResponse(shipment: ShipmentWithLines) {
  return {
    shipmentId: shipment.id,
    orderId: shipment.orderId,
    reservationId: shipment.reservationId,
    status: shipment.status,
    carrier: shipment.carrier,
    trackingNumber: shipment.trackingNumber,
    lines: shipment.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, warehouseId: l.warehouseId })),
    shippedAt: shipment.shippedAt.toISOString(),
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
  };
}
