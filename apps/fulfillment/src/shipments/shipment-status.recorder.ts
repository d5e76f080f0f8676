import type { Actor } from '@oms/auth';
import { appendToOutbox } from '@oms/outbox';
import type { RentalDeliveryV1, ShipmentKind, ShipmentStatus } from '@oms/contracts';
import { shipmentMessage, type EventCause } from '../events/fulfillment.events';
import type { Prisma, Shipment } from '../generated/prisma/client';
import { toShipmentStatus } from './shipment.mapper';

/**
 * Records one status change of a shipment or rental delivery: the history row
 * (who, from, to, when) and the status event, in the caller's transaction.
 */
export async function recordStatusChange(
  tx: Prisma.TransactionClient,
  shipment: Shipment,
  change: { from: string | null; actor: Actor; occurredAt: Date },
  cause: EventCause,
): Promise<void> {
  await tx.shipmentStatusChange.create({
    data: {
      shipmentId: shipment.id, fromStatus: change.from, toStatus: shipment.status, actorSub: change.actor.sub, actorRole: change.actor.role,
      occurredAt: change.occurredAt,
    },
  });
  const rental = shipment.kind === 'rental' ? await rentalDelivery(tx, shipment) : undefined;
  await appendToOutbox(tx, shipmentMessage(cause, {
    ...toShipmentStatus(shipment, change.occurredAt),
    kind: shipment.kind as ShipmentKind,
    actor: change.actor,
    ...(change.from && { previousStatus: change.from as ShipmentStatus }),
    ...(rental && { rental }),
  }));
}

async function rentalDelivery(tx: Prisma.TransactionClient, shipment: Shipment): Promise<RentalDeliveryV1> {
  const hold = await tx.rentalHold.findUniqueOrThrow({ where: { id: shipment.reservationId } });
  const unit = await tx.rentalUnit.findUniqueOrThrow({ where: { id: hold.unitId } });
  const open = await tx.rentalHold.count({ where: { orderId: shipment.orderId, status: 'active' } });
  return {
    unitId: unit.id, serial: unit.serial, sku: unit.sku, orderReturnsClosed: open === 0,
    ...(hold.subscriptionId && { subscriptionId: hold.subscriptionId }),
    ...(hold.lineId && { lineId: hold.lineId }),
  };
}
