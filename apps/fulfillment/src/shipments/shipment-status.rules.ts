import type { ShipmentKind, ShipmentStatus } from '@oms/contracts';

/**
 * Which status may follow which, one table per kind. A parcel ships and is
 * delivered. A rental delivery is ShareFox's round trip: out, with the
 * customer, back, checked, Closed; a swap marks the current delivery Swap In
 * Ready and opens a new one at Swap Out Request; an end request marks it
 * Subscription End Request. Closed is final.
 */
const NEXT: Readonly<Record<ShipmentKind, Partial<Record<ShipmentStatus, readonly ShipmentStatus[]>>>> = {
  parcel: {
    shipped: ['delivered'],
  },
  rental: {
    created: ['in-transport-out'],
    'in-transport-out': ['with-customer'],
    'with-customer': ['in-transport-return', 'swap-in-ready', 'subscription-end-request'],
    'swap-in-ready': ['swap-in-returned', 'in-transport-return'],
    'subscription-end-request': ['in-transport-return', 'returned'],
    'in-transport-return': ['returned'],
    'swap-in-returned': ['checked'],
    returned: ['checked'],
    checked: ['closed'],
    closed: [],
    'swap-out-request': ['swap-out-ready'],
    'swap-out-ready': ['swap-out-sent'],
    'swap-out-sent': ['with-customer'],
  },
};

/** Statuses only the system sets (from a subscription's swap or end request); a PATCH cannot. */
export const AUTOMATIC_STATUSES: readonly ShipmentStatus[] = ['swap-in-ready', 'swap-out-request', 'subscription-end-request'];

export function allowedNext(kind: ShipmentKind, from: string): readonly ShipmentStatus[] {
  return NEXT[kind][from as ShipmentStatus] ?? [];
}

export function canMove(kind: ShipmentKind, from: string, to: ShipmentStatus): boolean {
  return allowedNext(kind, from).includes(to);
}

/** The 409 text: what the shipment is, and what it may become instead. */
export function refusal(kind: ShipmentKind, from: string, to: ShipmentStatus): string {
  const next = allowedNext(kind, from).filter((s) => !AUTOMATIC_STATUSES.includes(s));
  const allowed = next.length ? `allowed next: ${next.join(', ')}` : 'no status may follow it';
  return `a ${from} ${kind === 'rental' ? 'rental delivery' : 'shipment'} cannot become ${to} (${allowed})`;
}
