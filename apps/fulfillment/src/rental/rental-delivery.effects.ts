import type { ShipmentStatus } from '@oms/contracts';
import type { EventCause } from '../events/fulfillment.events';
import type { Prisma, Shipment } from '../generated/prisma/client';
import { publishAvailability } from './rental-availability';
import { lockUnit } from './rental-units.service';
import { unitStateAfter, type RentalUnitState } from './rental-unit.states';

/**
 * What a rental delivery's new status does to its unit, in the caller's
 * transaction: the unit follows the delivery (rental-unit.states), a unit
 * found damaged at check becomes unavailable, and Closed ends the hold, which
 * is the only way a rented unit becomes available again.
 */
export async function applyRentalEffects(
  tx: Prisma.TransactionClient,
  delivery: Shipment,
  options: { damaged: boolean; now: Date },
  cause: EventCause,
): Promise<void> {
  const hold = await tx.rentalHold.findUniqueOrThrow({ where: { id: delivery.reservationId } });
  const unit = await lockUnit(tx, hold.unitId);
  const next = unitStateAfter(delivery.status as ShipmentStatus, unit.state as RentalUnitState, options.damaged);
  if (next && next !== unit.state) {
    await tx.rentalUnit.update({
      where: { id: unit.id },
      data: { state: next, unavailableReason: next === 'unavailable' ? 'damaged' : null, updatedAt: options.now },
    });
  }
  if (delivery.status === 'closed') await tx.rentalHold.update({ where: { id: hold.id }, data: { status: 'closed', closedAt: options.now } });
  if (next === 'available' || unit.state === 'available') await publishAvailability(tx, [unit.sku], cause);
}
