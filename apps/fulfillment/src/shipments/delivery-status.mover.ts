import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@oms/auth';
import type { ShipmentKind, ShipmentStatus } from '@oms/contracts';
import { CLOCK, type Clock } from '@oms/service-runtime';
import type { EventCause } from '../events/fulfillment.events';
import type { Prisma, Shipment } from '../generated/prisma/client';
import { refuseWhileOnHold } from '../order-holds/open-order-holds';
import { applyRentalEffects } from '../rental/rental-delivery.effects';
import { RentalConflictError, RentalNotFoundError } from '../rental/rental.errors';
import { recordStatusChange } from './shipment-status.recorder';
import { AUTOMATIC_STATUSES, canMove, refusal } from './shipment-status.rules';

export interface StatusMove {
  status: ShipmentStatus;
  actor: Actor;
  /** When it happened (a carrier scan); defaults to now. */
  occurredAt?: Date;
  /** At Checked: the unit is damaged and goes to unavailable. */
  damaged?: boolean;
  /** True for the system's own moves (swap and end requests), which may set the automatic statuses. */
  automatic?: boolean;
}

/**
 * The one status machine for shipments and rental deliveries. Repeating the
 * current status changes nothing and publishes nothing; an illegal move is a
 * conflict naming the allowed next statuses; a delivery not yet sent does not
 * move while its order has an open hold; every change records its actor
 * and publishes an event, and a rental delivery moves its unit along.
 */
@Injectable()
export class DeliveryStatusMover {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  async move(tx: Prisma.TransactionClient, id: string, move: StatusMove, cause: EventCause): Promise<{ shipment: Shipment; changed: boolean }> {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM shipment WHERE id = ${id}::uuid FOR UPDATE`;
    if (!locked) throw new RentalNotFoundError('shipment', id);
    const current = await tx.shipment.findUniqueOrThrow({ where: { id } });
    if (current.status === move.status) return { shipment: current, changed: false };
    const kind = current.kind as ShipmentKind;
    if (!move.automatic && AUTOMATIC_STATUSES.includes(move.status)) {
      throw new RentalConflictError('status', `${move.status} is set automatically by the subscription's swap or end request; ${refusal(kind, current.status, move.status)}`);
    }
    if (!canMove(kind, current.status, move.status)) throw new RentalConflictError('status', refusal(kind, current.status, move.status));
    // A delivery not yet sent is the warehouse's to prepare and send: not while its order is held. Once it left, a hold changes nothing.
    if (!move.automatic && !current.shippedAt) await refuseWhileOnHold(tx, current.orderId, `its delivery cannot become ${move.status}`);
    const now = this.clock.now();
    const occurredAt = move.occurredAt ?? now;
    const shipment = await tx.shipment.update({
      where: { id },
      data: {
        status: move.status, updatedAt: now,
        ...(['delivered', 'with-customer'].includes(move.status) && { deliveredAt: occurredAt }),
        ...(['in-transport-out', 'swap-out-sent'].includes(move.status) && !current.shippedAt && { shippedAt: occurredAt }),
      },
    });
    if (kind === 'rental') await applyRentalEffects(tx, shipment, { damaged: move.damaged ?? false, now }, cause);
    await recordStatusChange(tx, shipment, { from: current.status, actor: move.actor, occurredAt }, cause);
    return { shipment, changed: true };
  }
}
