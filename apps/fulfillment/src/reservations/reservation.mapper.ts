import type { ShipToV1 } from '@oms/contracts';
import type { Release, ReleaseLine, Reservation, ReservationLine } from '../generated/prisma/client';
import { toOrderHoldResponse, type OpenOrderHold } from '../order-holds/open-order-holds';

type FullRelease = Release & { lines: ReleaseLine[] };

/** `holds`: the order's open holds; the warehouse picks nothing of a release while any is open. */
export function toReleaseResponse(release: FullRelease, codes: Map<string, string>, holds: readonly OpenOrderHold[]) {
  return {
    releaseId: release.id,
    reservationId: release.reservationId,
    orderId: release.orderId,
    warehouseId: release.warehouseId,
    warehouseCode: codes.get(release.warehouseId) ?? null,
    status: release.status,
    shipTo: (release.shipTo as ShipToV1 | null) ?? null,
    lines: release.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
    holds: holds.map(toOrderHoldResponse),
    createdAt: release.createdAt.toISOString(),
  };
}

export function toReservationResponse(reservation: Reservation & { lines: ReservationLine[]; releases: FullRelease[] }, codes: Map<string, string>, holds: readonly OpenOrderHold[]) {
  return {
    reservationId: reservation.id,
    orderId: reservation.orderId,
    subscriptionId: reservation.subscriptionId,
    kind: reservation.kind,
    status: reservation.status,
    shipTo: (reservation.shipTo as ShipToV1 | null) ?? null,
    lines: reservation.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, warehouseId: l.warehouseId, warehouseCode: codes.get(l.warehouseId) ?? null })),
    releases: reservation.releases.map((r) => toReleaseResponse(r, codes, holds)),
    holds: holds.map(toOrderHoldResponse),
    createdAt: reservation.createdAt.toISOString(),
    updatedAt: reservation.updatedAt.toISOString(),
  };
}
