import { actorOfEvent, systemActor, type Actor } from '@oms/auth';
import { createEnvelope, eventCausedBy, EventTypes, Topics, type EventEnvelope, type RentalAvailabilityV1, type ReservationOutcomeV1, type ShipmentStatusV1 } from '@oms/contracts';
import type { OutboxMessage } from '@oms/outbox';

/**
 * What caused a change: a consumed event (its correlation id is carried, it
 * becomes the causation id, and its actor carries on unless `actor` says the
 * service decided itself), or a request / stored flow with a correlation id
 * and the actor who asked.
 */
export type EventCause = { envelope: EventEnvelope; actor?: Actor } | { envelope?: undefined; correlationId?: string; actor: Actor };

/** The fulfillment service's own decisions (a backorder retried by the sweep, a swap moving a delivery). */
export const FULFILLMENT_SYSTEM = systemActor('fulfillment');

/** Who the audit row and the event name for a change of this cause. */
export function actorOfCause(cause: EventCause): Actor {
  if (!cause.envelope) return cause.actor;
  return cause.actor ?? actorOfEvent(cause.envelope, FULFILLMENT_SYSTEM);
}

const SOURCE = '/fulfillment';
const RESERVATION_TYPES = {
  reserved: EventTypes.reservationReserved,
  shortage: EventTypes.reservationShortage,
  released: EventTypes.reservationReleased,
} as const;

/** A reservation outcome for the outbox: subject = reservation, Kafka key = order id (one order's events stay in order). */
export function reservationMessage(cause: EventCause, data: ReservationOutcomeV1): OutboxMessage {
  const input = { type: RESERVATION_TYPES[data.outcome], source: SOURCE, subject: data.reservationId, data };
  return { topic: Topics.reservation, envelope: envelopeFor(cause, input), key: data.orderId };
}

/** A shipment status change for the outbox: subject = shipment, Kafka key = order id. */
export function shipmentMessage(cause: EventCause, data: ShipmentStatusV1): OutboxMessage {
  const input = { type: EventTypes.shipmentStatusChanged, source: SOURCE, subject: data.shipmentId, data };
  return { topic: Topics.shipment, envelope: envelopeFor(cause, input), key: data.orderId };
}

/** A rental SKU's free units for the outbox: subject and Kafka key = sku. */
export function rentalAvailabilityMessage(cause: EventCause, data: RentalAvailabilityV1): OutboxMessage {
  const input = { type: EventTypes.rentalAvailabilityChanged, source: SOURCE, subject: data.sku, data };
  return { topic: Topics.inventory, envelope: envelopeFor(cause, input), key: data.sku };
}

function envelopeFor<T>(cause: EventCause, input: { type: string; source: string; subject: string; data: T }): EventEnvelope<T> {
  const actor = actorOfCause(cause);
  return cause.envelope ? eventCausedBy(cause.envelope, { ...input, actor }) : createEnvelope({ ...input, actor, correlationId: cause.correlationId });
}
