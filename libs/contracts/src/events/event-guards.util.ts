import type { EventEnvelope } from '../envelope/event-envelope.types';
import type { EventDataByType } from './event.registry';
import type { EventType } from './event-types.constants';

/**
 * Narrows a parsed envelope to one event type, typing its `data`. Consumers of
 * entity topics (several types on one topic) dispatch with it after `parseEnvelope`.
 *
 * @example if (isEventOfType(envelope, EventTypes.orderShipped)) notify(envelope.data.orderNumber);
 */
export function isEventOfType<TType extends EventType>(
  envelope: EventEnvelope,
  type: TType,
): envelope is EventEnvelope<EventDataByType[TType], TType> {
  return envelope.type === type;
}
