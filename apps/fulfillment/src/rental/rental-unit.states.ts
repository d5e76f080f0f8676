import type { ShipmentStatus } from '@oms/contracts';

/** Where a rental unit is; `unavailable` covers damaged, in repair and retired (see unavailableReason). */
export const RENTAL_UNIT_STATES = ['available', 'reserved', 'with-customer', 'returning', 'returned', 'checking', 'unavailable'] as const;
export type RentalUnitState = (typeof RENTAL_UNIT_STATES)[number];

export const UNAVAILABLE_REASONS = ['damaged', 'repair', 'retired'] as const;
export type UnavailableReason = (typeof UNAVAILABLE_REASONS)[number];

/**
 * The unit state each delivery status puts its unit in. Returned and Checked
 * keep the unit out of circulation (it may be damaged or need cleaning); only
 * Closed (handled apart, it also ends the hold) makes it available again.
 */
const UNIT_STATE_OF: Readonly<Record<ShipmentStatus, RentalUnitState | null>> = {
  created: 'reserved',
  'swap-out-request': 'reserved',
  'swap-out-ready': 'reserved',
  shipped: 'with-customer',
  'in-transport-out': 'with-customer',
  'swap-out-sent': 'with-customer',
  delivered: 'with-customer',
  'with-customer': 'with-customer',
  'swap-in-ready': 'with-customer',
  'subscription-end-request': 'with-customer',
  'in-transport-return': 'returning',
  returned: 'returned',
  'swap-in-returned': 'returned',
  checked: 'checking',
  closed: 'available',
};

/** The unit's next state, or null to leave it. A unit taken out of service stays unavailable whatever its delivery does. */
export function unitStateAfter(status: ShipmentStatus, current: RentalUnitState, damaged: boolean): RentalUnitState | null {
  if (current === 'unavailable') return null;
  if (damaged && (status === 'checked' || status === 'closed')) return 'unavailable';
  return UNIT_STATE_OF[status];
}
