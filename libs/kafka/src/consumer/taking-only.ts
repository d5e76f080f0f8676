import { EventHeaders } from '../producer/event-headers';
import type { BatchEventHandler, ConsumedEvent, ListenerContext } from './listener-context.interface';

/**
 * `handler` for the events of `types` only. The consumer skips a message whose `ce_type` header names another
 * type without parsing or validating it (a tenth to a third of a consumer's CPU per event went to that for events it
 * then dropped: subscriptions takes one of the three order events of a cycle); a message without the header is
 * parsed, and its envelope's type decides.
 */
export function takingOnly(types: readonly string[], handler: (events: ConsumedEvent[]) => ReturnType<BatchEventHandler>): BatchEventHandler {
  const taken = new Set(types);
  return Object.assign((events: ConsumedEvent[]) => handler(events.filter((event) => taken.has(event.envelope.type))), { types: taken });
}

/** The header names a type `handler` does not take: the message is left unparsed (a header, when present, is the producer's word for its envelope's type). */
export function skippedByType(context: ListenerContext, handler: BatchEventHandler): boolean {
  if (handler.types === undefined) return false;
  const type = context.headers[EventHeaders.type];
  return type !== undefined && !handler.types.has(type);
}
