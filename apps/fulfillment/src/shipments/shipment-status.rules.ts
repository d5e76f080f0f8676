import type { ShipmentStatus } from '@oms/contracts';

/**
 * Which status may follow which. Only the plain parcel flow for now; rental
 * round trips (transport out and back, swaps, checked, closed) add their
 * entries here when long-term reservations arrive.
 */
const NEXT: Partial<Record<ShipmentStatus, readonly ShipmentStatus[]>> = {
  shipped: ['delivered'],
};

export function canMove(from: string, to: ShipmentStatus): boolean {
  return NEXT[from as ShipmentStatus]?.includes(to) ?? false;
}
