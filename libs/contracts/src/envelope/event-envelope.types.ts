import type { ActorV1 } from '../events/shared/actor-v1.schema';

/**
 * A Kafka message value: CloudEvents 1.0 attribute names in JSON structured
 * mode. Extension attributes are lower-case (`correlationid`) because
 * CloudEvents allows only `[a-z0-9]` in attribute names.
 */
export interface EventEnvelope<TData = unknown, TType extends string = string> {
  specversion: '1.0';
  /** uuid; consumers de-duplicate on it (`processed_event(consumer, event_id)`). */
  id: string;
  /** `<domain>.<entity>.<event>.v<major>`, one of `EventTypes`. */
  type: TType;
  /** Producing service as a path, e.g. `/orders`. */
  source: string;
  /** Aggregate id; also the Kafka message key, so one aggregate's events stay ordered. */
  subject: string;
  /** When the change happened, ISO-8601. */
  time: string;
  datacontenttype: 'application/json';
  /** Id shared by every event of one business flow; the first event's `id` when it starts one. */
  correlationid: string;
  /** `id` of the event whose handling produced this one; absent for events started by a request or job. */
  causationid?: string;
  /**
   * Who made the change (extension attributes, lower-case per CloudEvents): the
   * token's `sub` and role, `system:<service>` / `system` for a service's own
   * decisions. Optional on parse so events from before they existed still
   * parse; our publishers always set both.
   */
  actorsub?: string;
  actorrole?: string;
  data: TData;
}

/** What a producer supplies to build an envelope; the rest is defaulted by `createEnvelope`. */
export interface NewEventInput<TData, TType extends string = string> {
  type: TType;
  source: string;
  subject: string;
  data: TData;
  /** Defaults to the new event's own `id`. */
  correlationId?: string;
  causationId?: string;
  /** Defaults to a random uuid; pass one to make an outbox row and its event share an id. */
  id?: string;
  /** Defaults to now. */
  time?: Date | string;
  /** Who made the change; becomes `actorsub` / `actorrole`. `eventCausedBy` defaults it to the cause's. */
  actor?: ActorV1;
}
