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

/** Who a per-customer record belongs to and who created it (the token `sub` of its creator, or the channel it came from). */
export interface RecordOwner {
  customerId?: string | null;
  createdBy?: string | null;
}

/** The caller as far as scoping goes (libs/auth's Actor, or the same fields under another name). */
interface Caller {
  sub: string;
  role: string;
}

/**
 * The filter a query of per-customer records adds for the caller: a customer
 * sees their own, a channel what it created, staff everything. Spread it into
 * a Prisma `where` (AND it with the request's own filters).
 */
export function recordScope(actor: Caller): { customerId: string } | { createdBy: string } | Record<string, never> {
  if (actor.role === 'customer') return { customerId: actor.sub };
  if (actor.role === 'channel') return { createdBy: actor.sub };
  return {};
}

/** Whether a loaded record is within {@link recordScope}; a record outside it answers 404, as if it did not exist. */
export function inRecordScope(actor: Caller, record: RecordOwner): boolean {
  if (actor.role === 'customer') return record.customerId === actor.sub;
  if (actor.role === 'channel') return record.createdBy === actor.sub;
  return true;
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
