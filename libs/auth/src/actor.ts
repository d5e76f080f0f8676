import type { Role } from './roles';

/**
 * Who makes a change: the token's `sub` and the role the request was allowed
 * under. For a `customer`, `sub` is the customerId. The one actor type of the
 * services; on the wire it travels as `ActorV1` in event data and as the
 * envelope's `actorsub`/`actorrole` attributes.
 */
export interface Actor {
  sub: string;
  role: Role | 'system';
}

/**
 * The actor of changes nobody asked for over HTTP (the scheduler, a Kafka
 * consumer's own decision, a background sweep): `system:<service>`, so an audit
 * row still says which service decided.
 */
export function systemActor(service: string): Actor {
  return { sub: `system:${service}`, role: 'system' };
}
