import { randomUUID } from 'node:crypto';
import type { ActorV1 } from '../events/shared/actor-v1.schema';
import type { EventEnvelope, NewEventInput } from './event-envelope.types';

/**
 * Builds an envelope for a new event. It does not validate `data`: call
 * `parseEnvelope` on the result (for example in tests) to check the contract.
 *
 * @example createEnvelope({ type: EventTypes.orderCreated, source: '/orders', subject: order.orderId, data })
 */
export function createEnvelope<TData, TType extends string = string>(
  input: NewEventInput<TData, TType>,
): EventEnvelope<TData, TType> {
  const id = input.id ?? randomUUID();
  const time = input.time instanceof Date ? input.time.toISOString() : (input.time ?? new Date().toISOString());
  const envelope: EventEnvelope<TData, TType> = {
    specversion: '1.0',
    id,
    type: input.type,
    source: input.source,
    subject: input.subject,
    time,
    datacontenttype: 'application/json',
    correlationid: input.correlationId ?? id,
    data: input.data,
  };
  // Leave the key out rather than writing `causationid: undefined`, which JSON drops anyway
  // but deep-equality checks in tests would not.
  if (input.causationId !== undefined) envelope.causationid = input.causationId;
  if (input.actor !== undefined) {
    envelope.actorsub = input.actor.sub;
    envelope.actorrole = input.actor.role;
  }
  return envelope;
}

/**
 * Builds an envelope for an event produced while handling `cause`: it keeps the
 * cause's `correlationid` and sets `causationid` to the cause's `id`, so a
 * whole flow can be traced across services. The actor is the cause's unless
 * `input.actor` says otherwise (a service's own decision: its system actor).
 */
export function eventCausedBy<TData, TType extends string = string>(
  cause: EventEnvelope,
  input: Omit<NewEventInput<TData, TType>, 'correlationId' | 'causationId'>,
): EventEnvelope<TData, TType> {
  const actor = input.actor ?? actorOf(cause);
  return createEnvelope({ ...input, actor, correlationId: cause.correlationid, causationId: cause.id });
}

/** The envelope's `actorsub` / `actorrole` as an actor; undefined for an event from before they existed. */
export function actorOf(envelope: EventEnvelope): ActorV1 | undefined {
  if (envelope.actorsub === undefined || envelope.actorrole === undefined) return undefined;
  return { sub: envelope.actorsub, role: envelope.actorrole };
}
