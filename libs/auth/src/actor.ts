import type { Role } from './roles';

/**
 * Who makes a change: the token's `sub` and the role the request was allowed
 * under. For a `customer`, `sub` is the customerId.
 */
export interface Actor {
  sub: string;
  role: Role | 'system';
}

/** The actor of changes nobody asked for over HTTP: the scheduler, Kafka consumers, background sweeps. */
export const SYSTEM_ACTOR: Actor = { sub: 'system', role: 'system' };
