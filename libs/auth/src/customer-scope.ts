import type { Actor } from './actor';
import { forbidden } from './auth.errors';

/**
 * The customerId a request is confined to: the caller's own for a customer,
 * none for staff and channels. Services add it to their queries, so another
 * customer's record is simply not found.
 */
export function customerScope(actor: Actor): string | undefined {
  return actor.role === 'customer' ? actor.sub : undefined;
}

/** A customer acts only for themselves: creating a record for another customer is refused (403). */
export function assertActsFor(actor: Actor, customerId: string): void {
  if (actor.role === 'customer' && actor.sub !== customerId) {
    throw forbidden(`a customer may act only for themselves: customerId must be the token's sub (${actor.sub})`);
  }
}

/** A record a customer may own: its customerId. */
export interface CustomerOwned {
  customerId?: string | null;
}

/**
 * Whether a loaded record is the caller's to see: always for staff, only their
 * own for a customer. A record outside the scope answers 404, as if it did not exist.
 */
export function inCustomerScope(actor: Actor, record: CustomerOwned): boolean {
  const customerId = customerScope(actor);
  return customerId === undefined || record.customerId === customerId;
}
