import { actorOf, type EventEnvelope } from '@oms/contracts';
import { isRole, type Role } from './roles';

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

/**
 * The actor a consumed event names (`actorsub`/`actorrole`), for the audit rows
 * and events its handling writes; `fallback` (the consumer's system actor) for
 * an event that names none or a role this API does not know.
 */
export function actorOfEvent(envelope: EventEnvelope, fallback: Actor): Actor {
  const actor = actorOf(envelope);
  if (!actor || !(isRole(actor.role) || actor.role === 'system')) return fallback;
  return { sub: actor.sub, role: actor.role };
}

/** An upstream sales channel speaking over Kafka without naming a user: `channel:<name>` with the channel role. */
export function channelActor(channel: string): Actor {
  return { sub: `channel:${channel}`, role: 'channel' };
}
