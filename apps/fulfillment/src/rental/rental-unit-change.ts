import type { Actor } from '@oms/auth';
import type { Prisma } from '../generated/prisma/client';

/** What people did to a unit; the delivery-driven state changes are in the shipment history instead. */
export type RentalUnitAction = 'added' | 'retire' | 'repair' | 'repaired' | 'reallocated-to' | 'reallocated-from';

/** Writes one audit row of a unit change, in the transaction of the change. */
export async function recordUnitChange(
  tx: Prisma.TransactionClient,
  change: { unitId: string; action: RentalUnitAction; actor: Actor; at: Date; holdId?: string },
): Promise<void> {
  await tx.rentalUnitChange.create({
    data: {
      unitId: change.unitId, action: change.action, holdId: change.holdId ?? null, actorSub: change.actor.sub, actorRole: change.actor.role, at: change.at,
    },
  });
}
